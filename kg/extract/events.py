"""Agreements and meetings, in every language alike, from the parse and the pack's triggers.

A trigger (a verb or a noun of the pack) is read with its construction:

- active verbs: the subject (coordinated: "X et Y ont signé") and the partners after "avec/with",
  "entre/between"; a meeting verb's object ("a rencontré Y", "received Y");
- passives and impersonals: "un accord a été signé entre X et Y", "were signed by X and Y", "il a
  été convenu entre …" (parties from the prepositions and the agent);
- nouns: "l'accord entre X et Y", "l'accord russo-américain", "the US-China summit", "their
  meeting", and nouns under a light verb ("X a eu un entretien avec Y", "X and Y held talks",
  "un accord est intervenu entre X et Y");
- collective bodies deciding or voting ("le Conseil a adopté une résolution": the body alone);
  a named agreement extended or ratified with no party named ("les accords de Minsk ont été
  prolongés").

A trigger is left out when negated, modal or conditional, under a wish, need, offer, plan, refusal
or threat, inside a quotation, in a question, and (meetings) when the sentence says it was by
phone, cancelled or postponed, or lies ahead. Groups and pronouns are resolved by
``kg.extract.discourse``; dates by ``kg.extract.event_dates``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.discourse import Discourse
from kg.extract.event_dates import EventDates
from kg.extract.index import ArticleIndex, fold
from kg.extract.pack import LanguagePack, Trigger
from kg.extract.syntax import Syntax
from kg.extract.titles import Titles
from kg.model import Agreement, DateValue, Meeting

_ACTOR_KINDS = ("Person", "Organization", "State")
_OBJECT_MEET_FRAMES = {"meet", "receive", "host", "visit", "credentials", "attend"}
_ONE_PARTY_FRAMES = {"adopt", "vote", "decide", "ratify", "extend", "conclude", "sign", "agree", "commit", "pledge"}


@dataclass
class Frame:
    """One trigger read in its sentence: who takes part and how sure the construction is."""

    trigger: Trigger
    tok: Any
    para: int
    sentence: int
    parties: list[str] = field(default_factory=list)
    confidence: float = 0.8
    label: str | None = None
    named_instrument: bool = False
    status: str = ""
    from_subject: list[str] = field(default_factory=list)  # parties the subject (or agent) names
    host: str | None = None  # the one whose meetings a plural noun tells ("the Secretary's meetings")


class EventFinder:
    def __init__(self, pack: LanguagePack, syntax: Syntax, titles: Titles) -> None:
        self.pack = pack
        self.syntax = syntax
        self.titles = titles
        self.with_ = pack.prep("with")
        self.between = pack.prep("between")
        self.agent_preps = pack.prep("agent")
        self.of = pack.prep("of")
        self.to = pack.prep("to")
        self.place = pack.prep("place")
        self.modality = {fold(w) for w in pack.cue("modality")}
        self.hope = {fold(w) for w in pack.cue("hope")}
        self.remote = {fold(w) for w in pack.cue("remote")}
        self.cancelled = {fold(w) for w in pack.cue("cancelled")}
        self.conditional = {fold(w) for w in pack.cue("conditional")}
        self.relative = {fold(w) for w in pack.cue("relative_pronouns")}
        self.light = {fold(w) for w in pack.cue("light_verbs")}
        self.bodies = {fold(w) for w in pack.cue("collective_bodies")}
        self.legislatures = {fold(w) for w in pack.cue("legislatures")}
        self.supranational = {fold(w) for w in pack.cue("supranational")}
        self.treaties = {fold(w) for w in pack.cue("treaty_nouns")}
        self.withdrawal = {fold(w) for w in pack.cue("withdrawal")}
        self.partitives = {fold(w) for w in pack.cue("partitive_nouns")}
        self.of_preps = {fold(w) for w in pack.prep("of")}
        self.executives = {fold(w).replace("'", " ").replace("’", " ") for w in pack.cue("executive_and_judicial_bodies")}
        self.joint = {fold(w) for w in pack.cue("joint")}
        self.quotes = pack.cue("quote_open")
        self.reported = {fold(w) for w in pack.cue("reported_speech")}
        self.counterparts = {fold(w) for w in pack.cue("counterpart_nouns")}
        self.civility = pack.cue("civility")
        self.later = {fold(w) for w in pack.cue("time_later")}
        self.readiness = {fold(w) for w in pack.cue("readiness")}

    # -- entry ----------------------------------------------------------------------------------
    def find(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> tuple[list[Agreement], list[Meeting]]:
        discourse = Discourse(index, self.pack)
        when = EventDates(index, dates)
        self._note_subjects(index, discourse)
        discourse.follow(index, self.syntax.subject | self.syntax.passive_subject)
        agreements: list[Agreement] = []
        meetings: list[Meeting] = []
        paras = list(enumerate(index.paras))
        body = paras[1:] if len(paras) > 1 else paras  # the headline only restates the body
        frames: list[Frame] = []
        for pi, p in body:
            for tok in p.doc:
                for trig in self._triggers(tok):
                    frame = self._read(index, pi, tok, trig, discourse)
                    if frame is not None:
                        frames.append(frame)
                        if trig.kind == "meeting":
                            self._meeting(index, frame, when, meetings, discourse)
                        break
        # agreements after every meeting is known: an undated act told after a meeting of its parties
        # takes that meeting's date, as the meeting's later sentences settled it
        for frame in frames:
            if frame.trigger.kind == "agreement":
                self._agreement(index, frame, when, agreements, meetings, discourse)
        return agreements, meetings

    def _note_subjects(self, index: ArticleIndex, discourse: Discourse) -> None:
        for pi, p in enumerate(index.paras):
            for tok in p.doc:
                if tok.dep_ in self.syntax.subject or tok.dep_ in self.syntax.passive_subject:
                    k = index.entity_at(pi, tok.i)
                    if k and index.kind(k) in _ACTOR_KINDS:
                        discourse.note_subjects(index.sentence_at(pi, tok), [k])

    # -- triggers -------------------------------------------------------------------------------
    def _triggers(self, tok: Any) -> list[Trigger]:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acl", "amod") and tok.tag_ in ("VBN",)):
            pos = "verb"
        elif tok.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        else:
            return []
        found = self.pack.triggers_for(tok.lemma_, pos)
        if not found and tok.lower_ != tok.lemma_.lower():
            found = self.pack.triggers_for(tok.lower_, pos)
        held = [t for t in found if self._conditions_hold(tok, t)]
        if not held and pos == "verb" and self._gathers(tok):
            # "une réunion … réunissant X et Y": the participle's objects meet
            held = [t for t in found if t.kind == "meeting"]
        return held

    def _gathers(self, tok: Any) -> bool:
        """A participle of a meeting noun, or of the verb it is the subject of ("une réunion s'est tenue …,
        réunissant X et Y")."""
        if tok.dep_ not in self.syntax.clausal:
            return False
        nouns = {fold(w) for w in self.pack.sets.get("MEETING", frozenset())}
        head = tok.head
        if head.pos_ == "NOUN":
            return fold(head.lemma_) in nouns
        return any(fold(s.lemma_) in nouns for s in self.syntax.subjects(head))

    def _conditions_hold(self, tok: Any, trig: Trigger) -> bool:
        syn = self.syntax
        for cond in trig.requires:
            if cond.kind == "refl" and (not syn.has_reflexive(tok) or syn.objects(tok)):
                return False  # "s'engager à …", not "s'engage un combat": a pronominal verb takes no object
            if cond.kind == "obj":
                objs = syn.objects(tok) + syn.passive_subjects(tok)
                if tok.dep_ in ("acl", "amod", "acl:relcl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                    objs.append(tok.head)  # "l'accord signé", "the agreement reached"
                if not any(fold(o.lemma_) in cond.words or fold(o.text) in cond.words for o in objs):
                    return False
            if cond.kind == "dep":
                deps = [c for c in tok.children] + [g for c in tok.children for g in c.children]
                if not any(fold(d.lemma_) in cond.words or fold(d.text) in cond.words for d in deps):
                    return False
            if cond.kind == "prep" and not any(fold(p) in cond.words for p, _ in syn.pp_args(tok)):
                return False
            if cond.kind == "mutual" and not self._mutual(tok):
                return False
        return True

    def _mutual(self, tok: Any) -> bool:
        """Several meet: a plural or coordinated subject, or a partner after "avec"/"with" ("ils se sont
        retrouvés", "X s'est retrouvé avec Y"; not "il s'est retrouvé au cœur de l'affaire")."""
        syn = self.syntax
        subjects = syn.subjects(tok) or syn.passive_subjects(tok)
        return any("Plur" in s.morph.get("Number") or any(c.dep_ in syn.conj and c.pos_ in ("NOUN", "PROPN", "PRON") for c in s.children)
                   for s in subjects) \
            or any(p in self.with_ for p, _ in syn.pp_args(tok))

    # -- polarity, modality, setting ------------------------------------------------------------
    def _not_a_fact(self, tok: Any, trig: Trigger) -> bool:
        syn = self.syntax
        verb = tok if trig.pos == "verb" else self._governor(tok) or tok
        opens = tok.is_sent_start or tok.i > 0 and tok.doc[tok.i - 1].text in (":", "«", "“", "\"", "—", "–", "-", "(")
        if trig.pos == "noun" and tok.text[:1].isupper() and not opens and (
                tok.pos_ == "PROPN" or any(c.text[:1].isupper() and c.i < tok.i for c in tok.children)):
            return True  # "the Nordic-Baltic Energy Dialogue", "the Lisbon Agreement": a name
        if trig.pos == "noun" and any(fold(c.text) in self.later for c in tok.children):
            return True  # "the upcoming dialogue", "la prochaine rencontre": not yet
        if trig.kind == "agreement" and any(
                c.dep_ in syn.clausal and (fold(c.lemma_) in self.readiness or fold(c.text) in self.readiness)
                for c in verb.children):
            return True  # "ils ont redit être disposés à négocier": a readiness, not an agreement
        if syn.negated(tok) or syn.negated(verb) or syn.modal(verb):
            return True
        head, depth = verb, 0
        while head.head is not head and depth < 4:
            if not (head.dep_ in syn.clausal or head.dep_ in syn.oblique or head.dep_ in syn.object
                    or head.dep_ in syn.pobj or head.dep_ in syn.prep or head.dep_ in ("mark", "nmod", "advcl")):
                break
            head = head.head
            depth += 1
            if fold(head.lemma_) in self.modality or fold(head.text) in self.modality or syn.negated(head) \
                    or (head.pos_ in ("VERB", "AUX") and syn.modal(head)):
                return True
        if any(fold(c.lemma_) in self.modality for c in verb.children if c.dep_ in syn.aux):
            return True
        if any(c.dep_ == "mark" and fold(c.text) in self.conditional for c in verb.children):
            return True
        sent = tok.sent
        if sent.text.rstrip().endswith("?"):
            return True
        return self._quoted(tok)

    def _quoted(self, tok: Any) -> bool:
        """Inside a quotation in its sentence: what someone said they would do, not what was done."""
        depth = 0
        for t in tok.sent:
            if t.i >= tok.i:
                break
            if t.text in self.quotes or t.text == "«":
                depth += 1
            elif t.text in ("»", "”", "\"") and depth:
                depth -= 1
        return depth > 0

    def _not_in_person(self, tok: Any) -> bool:
        """The trigger's clause says it was by phone or video, or called off."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else (self._governor(tok) or tok)
        # not what a clause joined to it says ("met X on Monday but failed to win her support")
        apart = {t.i for c in verb.children if c.pos_ in ("VERB", "AUX") and c.i != tok.i and (
            c.dep_ in self.syntax.conj or c.dep_ in self.syntax.relative or c.dep_ in ("advcl", "parataxis"))
            for t in c.subtree}
        clause = [t for t in verb.subtree if t.i not in apart] + [verb.head] + [
            c for c in verb.head.children if c.dep_ in self.syntax.aux]
        words = {fold(t.lemma_) for t in clause} | {fold(t.text) for t in clause}
        return bool(words & self.remote) or bool(words & self.cancelled)

    def _governor(self, noun: Any) -> Any | None:
        """The verb a noun trigger is the object, subject or complement of ("a eu un entretien", "un
        accord a été trouvé", "sont parvenus à un accord")."""
        t = noun
        for _ in range(4):
            h = t.head
            if h is t:
                return None
            if h.pos_ in ("VERB", "AUX"):
                return h
            if t.dep_ in self.syntax.pobj and h.dep_ in self.syntax.prep:
                t = h
                continue
            if h.pos_ == "NOUN" and fold(h.lemma_) in self.partitives and h.i < t.i:
                t = h  # "held a new round of talks", "ont entamé un cycle de négociations"
                continue
            return None
        return None

    # -- arguments --------------------------------------------------------------------------------
    def _read(self, index: ArticleIndex, pi: int, tok: Any, trig: Trigger, discourse: Discourse) -> Frame | None:
        if self._not_a_fact(tok, trig):
            return None
        syn = self.syntax
        sentence = index.sentence_at(pi, tok)
        frame = Frame(trig, tok, pi, sentence, status=trig.status)
        if trig.pos == "verb":
            passive = syn.is_passive(tok)
            subj = [] if passive else syn.subjects(tok)
            if not passive and not subj and tok.dep_ in ("acl", "amod", "acl:relcl", "relcl") \
                    and not self._gathers(tok) and "Pres" not in tok.morph.get("Tense"):
                passive = True  # "l'accord signé par X", "the deal reached between X and Y"
            if passive and trig.kind == "meeting":
                subj = syn.passive_subjects(tok)  # "X a été reçu par Y": X is met
            if not subj and not passive:
                subj = self._inverted_subject(index, pi, tok)
                if subj:
                    frame.confidence = 0.6
                elif index.speakers.get(pi) and any(fold(t.text) in discourse.first_singular for t in tok.sent):
                    subj = [t for t in tok.sent if fold(t.text) in discourse.first_singular][:1]
            parties = self._actors(index, pi, subj, discourse, sentence, frame)
            frame.from_subject = list(parties)
            partners = [n for p, n in syn.pp_args(tok) if p in self.with_ or p in self.between]
            partners += [m for p, n in syn.pp_args(tok) if p in self.between for m in self._list_after(index, pi, n)]
            partners += [m for p, n in syn.pp_args(tok) if p in self.with_ for m in self._people_listed(index, pi, n)]
            if passive:
                partners += syn.agents(tok) + [n for p, n in syn.pp_args(tok) if p in self.agent_preps]
            for o in syn.objects(tok) + syn.passive_subjects(tok) + (
                    [tok.head] if tok.dep_ in ("acl", "amod", "acl:relcl", "relcl") else []):
                partners += [n for p, n in syn.pp_args(o) if p in self.with_ or p in self.between]
                partners += [m for p, n in syn.pp_args(o) if p in self.with_ for m in self._people_listed(index, pi, n)]
                if trig.kind == "agreement" and not passive:
                    # "le Sénat a validé la signature du pacte par le Pérou": the act's own agent
                    partners += [n for d in (o, *o.children) for p, n in syn.pp_args(d) if p in self.agent_preps]
                if trig.frame == "visit":  # "effectuer une visite auprès de X": whom the visit is paid
                    partners += [n for p, n in syn.pp_args(o) if p in self.to and any(
                        index.kind(k) in ("Person", "Organization")
                        for k in self._actor(index, pi, n, discourse, sentence, frame))]
                if trig.kind == "agreement":
                    frame.label = o.doc[o.left_edge.i:o.right_edge.i + 1].text[:200]
                    frame.named_instrument = self._named(index, pi, o)
            if trig.frame in _OBJECT_MEET_FRAMES or self._gathers(tok):
                objects = [o for o in syn.objects(tok) if not self._is_place_object(index, pi, o)]
                if trig.frame in ("receive", "host"):  # "a reçu X", "welcomed X": people, not "the decision"
                    objects = [o for o in objects if self._refers_to_people(index, pi, o)]
                    if not objects and not passive:
                        return None  # a host needs a guest
                partners += objects
                partners += [n for p, n in syn.pp_args(tok) if p in self.to and trig.frame in ("credentials", "visit")
                             and any(index.kind(k) in ("Person", "Organization")
                                     for k in self._actor(index, pi, n, discourse, sentence, frame))]
            if trig.frame in ("commit", "pledge") and len(parties) < 2:
                partners += [g for c in tok.children if c.dep_ in syn.clausal for g in c.subtree
                             if self._person_or_body(index, pi, g) or self._state(index, pi, g)][:1]
            if trig.kind == "meeting":
                for c in tok.children:
                    if c.dep_ in syn.clausal and any(t.frame in ("host", "receive") for t in self.pack.triggers_for(c.lemma_, "verb")):
                        partners += syn.agents(c) + [n for p, n in syn.pp_args(c) if p in self.agent_preps]
            others = [k for k in self._actors(index, pi, partners, discourse, sentence, frame) if k not in parties]
            if trig.frame == "visit" and not passive and not others:
                return None  # "X et Y ont visité Graz": travelling together, nobody visited
            parties += others
            if passive and not parties and trig.kind == "agreement":
                frame.confidence = 0.6
            if passive:
                frame.from_subject = [k for k in parties]
            if not parties and trig.kind == "meeting" and any(self._unresolved_group(t) for t in subj):
                # "leaders met at the Euro Summit": the body whose summit it is, alone
                parties = [k for p, n in syn.pp_args(tok) if p in self.place
                           for k in [index.entity_at(pi, n.i)] if k and index.kind(k) == "Organization"][:1]
        else:
            parties = self._noun_actors(index, pi, tok, trig, discourse, sentence, frame)
            if parties is None:
                return None
            frame.label = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text[:200]
            frame.named_instrument = self._named(index, pi, tok)
        frame.parties = [k for k in parties if index.kind(k) in _ACTOR_KINDS]
        if trig.kind == "agreement" and syn.future(tok if trig.pos == "verb" else (self._governor(tok) or tok)):
            frame.status, frame.confidence = "planned", min(frame.confidence, 0.5)
        return frame

    def _noun_actors(self, index: ArticleIndex, pi: int, tok: Any, trig: Trigger, discourse: Discourse,
                     sentence: int, frame: Frame) -> list[str] | None:
        """Participants of a noun trigger, from its own complements and a governing light verb."""
        syn = self.syntax
        gov = self._governor(tok)
        if gov is not None and any(t.kind == trig.kind and t.pos == "verb" for t in self._triggers(gov)):
            return None  # "ont signé un accord": the verb says it
        toks: list[Any] = []
        for p, n in syn.pp_args(tok):
            if p in self.with_ or p in self.between or p in self.agent_preps:
                toks.append(n)  # "l'accord avec X", "la rencontre entre X et Y", "la ratification par X"
            if p in self.between:
                toks += self._list_after(index, pi, n)
            if p in self.with_:
                toks += self._people_listed(index, pi, n)
            elif p in self.to and trig.frame == "visit" and any(
                    index.kind(k) in ("Person", "Organization") for k in self._actor(index, pi, n, discourse, sentence, frame)):
                toks.append(n)  # "sa visite chez X", "the visit to the Pope"
            elif p in self.of and trig.kind == "meeting" and any(
                    index.kind(k) in ("Person", "Organization") for k in self._actor(index, pi, n, discourse, sentence, frame)):
                toks.append(n)  # "la visite de X", "the meeting of the G20 leaders"
        mods = [c for c in tok.children if c.dep_ in syn.compound or c.dep_ in syn.pack.dep("modifier")
                or c.dep_ == "nmod" and not any(g.dep_ in syn.case for g in c.children)]
        mods += [g for c in mods for g in c.children if g.dep_ in syn.compound]  # "the EU-Japan summit"
        toks += mods
        inner = self._inner_states(index, pi, tok)
        possessors = syn.possessors(tok)
        possessed = bool(possessors)
        light = gov is not None and fold(gov.lemma_) in self.light
        if light:
            if syn.is_passive(gov) or tok.dep_ in syn.subject and not syn.objects(gov):
                toks += [n for p, n in syn.pp_args(gov) if p in self.with_ or p in self.between or p in self.agent_preps]
                toks += syn.agents(gov)
            elif tok.dep_ in syn.object or tok.dep_ in syn.pobj or tok.dep_ in syn.oblique:
                toks += syn.subjects(gov)
                toks += [n for p, n in syn.pp_args(gov) if p in self.with_ or p in self.between]
        owner = self._actors(index, pi, possessors, discourse, sentence, frame)
        frame.host = owner[0] if len(owner) == 1 else None
        if possessors and gov is not None:
            subjects = [x for x in syn.subjects(gov) if x.i != tok.i]
            if subjects:  # "X a annoncé sa ratification": X's, whether or not X can be named
                possessors, toks = [], toks + subjects
        sides = self._actors(index, pi, [t for t in toks if not self._with_arg(tok, t, gov)] + possessors,
                             discourse, sentence, frame)
        parties = self._actors(index, pi, toks + possessors, discourse, sentence, frame)
        for k in inner:
            if k not in parties:
                parties.append(k)
            if k not in sides:
                sides.append(k)
        if not parties or not sides:
            return None  # "the meetings with X, Y and Z": with whom, but not who met them
        if trig.frame == "visit" and not self._visited(index, pi, tok, gov, discourse, sentence, frame):
            return None  # "X et Y ont annoncé leur visite": travellers, nobody visited
        if not light and not any(p in self.between or p in self.with_ for p, _ in syn.pp_args(tok)) \
                and not inner and not possessed and len(parties) < 2:
            return None  # "le sommet de l'OTAN", "the agreement": no event said to take place
        frame.confidence = 0.7
        return parties

    def _visited(self, index: ArticleIndex, pi: int, tok: Any, gov: Any | None, discourse: Discourse,
                 sentence: int, frame: Frame) -> bool:
        """A visit noun names whom it visits or with whom: "la visite de X chez Y", "his visit with Y"."""
        preps = self.with_ | self.between | self.to
        args = [n for head in (tok, gov) if head is not None for p, n in self.syntax.pp_args(head) if p in preps]
        return any(index.kind(k) in _ACTOR_KINDS and index.kind(k) != "Place"
                   for k in self._actors(index, pi, args, discourse, sentence, frame))

    def _with_arg(self, noun: Any, t: Any, gov: Any | None) -> bool:
        """Is `t` introduced by "avec"/"with" under the noun or its governing verb (one side only)?"""
        for head in (noun, gov):
            if head is not None and any(n.i == t.i and p in self.with_ for p, n in self.syntax.pp_args(head)):
                return True
        return False

    def _inner_states(self, index: ArticleIndex, pi: int, tok: Any) -> list[str]:
        """States named inside a hyphenated modifier of the noun ("russo-américain", "U.S.-China")."""
        out: list[str] = []
        for c in tok.children:
            if "-" not in c.text:
                continue
            cs, ce = index.char_span(pi, c.i, c.i + 1)
            for m in index.mentions:
                if cs <= m.start and m.end <= ce and index.kind(m.entity) in ("State", "Organization") \
                        and m.entity not in out:
                    out.append(m.entity)
        return out if len(out) >= 2 else []

    def _actors(self, index: ArticleIndex, pi: int, toks: list[Any], discourse: Discourse, sentence: int,
                frame: Frame) -> list[str]:
        out: list[str] = []
        for tok in toks:
            if fold(tok.text) in self.relative:
                tok = self._antecedent(index, pi, tok) or tok  # "X, qui a rencontré …": the antecedent
            for t in self.syntax.conjuncts(tok):
                if self._affiliation(index, pi, t):
                    continue
                for k in self._actor(index, pi, t, discourse, sentence, frame):
                    if k not in out:
                        out.append(k)
        return out

    @staticmethod
    def _affiliation(index: ArticleIndex, pi: int, t: Any) -> bool:
        """"le député X (Parti vert)": a party or a body in brackets after a person is theirs, no participant."""
        start = index.mention_extent(pi, t.i)[0] if index.entity_at(pi, t.i) else t.i
        if start < 2 or t.doc[start - 1].text != "(":
            return False
        before = index.entity_at(pi, start - 2)
        return before is not None and index.kind(before) == "Person" and index.kind(index.entity_at(pi, t.i) or "") != "Person"

    def _people_listed(self, index: ArticleIndex, pi: int, n: Any) -> list[Any]:
        """"with President of the Council X, Norway's Prime Minister Y and Chief Negotiator Z": the people
        of a list of titled names that starts at person n, read left to right up to the end of the clause
        (the parser rarely coordinates such lists)."""
        k = index.entity_at(pi, n.i)
        if not (k is not None and index.kind(k) == "Person" or k is None and self._is_title(n)):
            return []
        doc, out, i = n.doc, [], index.mention_extent(pi, n.i)[0]
        while i < len(doc) and i - n.i < 40:
            t = doc[i]
            e = index.entity_at(pi, i)
            if e is not None and index.kind(e) == "Person" and i == index.mention_extent(pi, i)[0]:
                if not (i > 0 and fold(doc[i - 1].text) in self.of_preps):  # "PDG de Total et ami de X": not X
                    out.append(t)
            elif e is None and (t.pos_ in ("VERB", "AUX", "SCONJ") or t.text in (";", ":", ".", "(", "«", "“")
                                or fold(t.text) in self.relative):
                break
            i = index.mention_extent(pi, i)[1] if e is not None else i + 1
        return out

    def _list_after(self, index: ArticleIndex, pi: int, n: Any) -> list[Any]:
        """"entre l'Allemagne, la France, l'Italie … et le Luxembourg" parsed as siblings: the names of the
        list that starts at token n (up to a verb, a relative pronoun or another preposition)."""
        doc = n.doc
        out, i = [], n.i
        while i < len(doc) and i - n.i < 40:
            t = doc[i]
            k = index.outer_entity_at(pi, i)
            if k is not None:
                if t.i == index.mention_extent(pi, i)[0] and index.kind(k) in _ACTOR_KINDS:
                    out.append(t)
            elif t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") and t.text not in ("-",) or fold(t.text) in self.relative:
                break
            elif t.pos_ == "NOUN" and t.i > n.i:
                break
            i += 1
        return out

    def _antecedent(self, index: ArticleIndex, pi: int, tok: Any) -> Any | None:
        if tok.head.dep_ in self.syntax.relative:
            a = tok.head.head
            for _ in range(3):  # "X, nommé en mai, qui a …": past the participle to the noun
                if a.pos_ not in ("VERB", "AUX") or a.head is a:
                    break
                a = a.head
            return a
        doc = tok.doc
        j = tok.i - 1
        if j >= 0 and doc[j].text == ",":
            j -= 1
        return doc[j] if j >= 0 and index.entity_at(pi, j) else None

    def _actor(self, index: ArticleIndex, pi: int, t: Any, discourse: Discourse, sentence: int,
               frame: Frame) -> list[str]:
        k = index.entity_at(pi, t.i)
        if k is not None:
            if index.kind(k) not in _ACTOR_KINDS:
                return []
            people = self._parenthesised_people(index, pi, t)
            return people or [k]
        named = self._title_group(index, t)
        if named:
            return named  # "the Special Representatives" after they were listed by name
        if t.pos_ == "NOUN" and (discourse.group_kind(t) or self._is_title(t)) and (
                "Plur" in t.morph.get("Number") or t.tag_ == "NNS"):
            nations = [x for c in t.children if c.dep_ in self.syntax.pack.dep("modifier") | {"amod", "compound"}
                       for x in [index.entity_at(pi, c.i)] if x and index.kind(x) == "State"]
            if nations:
                return nations  # "Japanese leaders", "les dirigeants chinois": the state
        group = discourse.resolve_group(t, sentence) or discourse.resolve_pronoun(t, sentence) \
            or discourse.resolve_first_person(t, pi)
        if group:
            frame.confidence = min(frame.confidence, 0.6)
            return group
        if discourse.group_kind(t):
            return []  # "les ambassadeurs au Kenya": a group nobody named, not the place after it
        # "le président chinois Xi Jinping", "the foreign ministers of China (X) and Chile (Y)"; not who a
        # relative clause names ("the meeting, where leaders met X")
        lo, hi = self.syntax.span_of(t)
        rel = [c for c in t.children if c.dep_ in self.syntax.relative]
        if rel:
            hi = min(hi, min(c.left_edge.i for c in rel))
        inside = [x for x in index.entities_in(pi, lo, hi) if index.kind(x) in _ACTOR_KINDS]
        people = [x for x in inside if index.kind(x) == "Person"]
        if self._is_title(t):
            plural = "Plur" in t.morph.get("Number") or t.tag_ in ("NNS", "NNPS") or self._plural_title(t)
            if not people and plural:
                # "Chile's Special Envoys to the Forum, Deputy Minister X and Ambassador Y": the people listed
                comma = hi
                while comma < len(t.doc) and comma - hi < 8 and t.doc[comma].text != "," \
                        and t.doc[comma].pos_ not in ("VERB", "AUX") \
                        and index.kind(index.entity_at(pi, comma) or "state/") != "Person":
                    comma += 1
                end = comma
                while end < len(t.doc) and t.doc[end].text not in (".", ";", ":") and t.doc[end].pos_ not in ("VERB", "AUX") \
                        and end - comma < 15:
                    end += 1
                listed = [x for x in index.entities_in(pi, comma, end) if index.kind(x) == "Person"]
                if len(listed) >= 2 and comma < len(t.doc) and t.doc[comma].text == ",":
                    return listed
            if people:
                return people if plural else people[:1]
            nxt = hi + 1 if hi < len(t.doc) and t.doc[hi].text == "," else hi
            while nxt < len(t.doc) and t.doc[nxt].lower_ in self.civility:
                nxt += 1
            after = index.entity_at(pi, nxt) if nxt < len(t.doc) else None
            if after and index.kind(after) == "Person":
                return [after]  # the parser left the name out of the title's phrase ("son homologue, X")
            states = [x for x in inside if index.kind(x) in ("State", "Organization")]
            if plural and states:
                return states  # "the foreign ministers of China and Chile": the states
            if plural:
                return discourse.members(t)  # "leaders of 20 economies" in an article about "APEC leaders"
            owner = [x for c in self.syntax.possessors(t) for x in [index.entity_at(pi, c.i)]
                     if x and index.kind(x) in ("State", "Organization")]
            return owner[:1]  # "Chile's foreign minister", unnamed: Chile; "the Chinese president": nobody
        if t.pos_ not in ("NOUN", "PROPN", "X"):
            return []
        if t.pos_ == "NOUN" and not index.entity_at(pi, t.i):
            # "l'ami de X", "the plan of X": a common noun is not the one its complement names
            own = []
            for i in range(lo, hi):
                x = index.entity_at(pi, i)
                s0 = index.mention_extent(pi, i)[0] if x else i
                if x and s0 == i and index.kind(x) in _ACTOR_KINDS and x not in own \
                        and not (i > 0 and fold(t.doc[i - 1].text) in self.of_preps):
                    own.append(x)
            people = [x for x in own if index.kind(x) == "Person"]
            return (people or own)[:1]
        return (people or inside)[:1]

    def _title_group(self, index: ArticleIndex, t: Any) -> list[str]:
        if not index.title_groups:
            return []
        doc = t.doc
        for s in range(max(0, t.i - 3), t.i + 1):
            n, _, plural = self.titles.at(doc, s)
            if n and plural and s + n > t.i:
                words = " ".join(fold(x.text) for x in doc[s:s + n] if fold(x.text).rstrip("-") not in self.titles.modifiers)
                return list(index.title_groups.get(words, []))
        return []

    def _plural_title(self, t: Any) -> bool:
        doc = t.doc
        for s in range(max(0, t.i - 3), t.i + 1):
            n, _, plural = self.titles.at(doc, s)
            if n and s + n > t.i:
                return plural
        return False

    def _is_title(self, t: Any) -> bool:
        if fold(t.lemma_) in self.counterparts:
            return True
        doc = t.doc
        for s in range(max(0, t.i - 3), t.i + 1):
            n = self.titles.length(doc, s)
            if n and s + n > t.i:
                return True
        return False

    def _parenthesised_people(self, index: ArticleIndex, pi: int, t: Any) -> list[str]:
        """"China (Li Zhaoxing)": the person in parentheses after a state stands for it."""
        if index.kind(index.entity_at(pi, t.i) or "") != "State":
            return []
        _, e = index.mention_extent(pi, t.i)
        doc = t.doc
        if e < len(doc) and doc[e].text == "(":
            k = index.entity_at(pi, e + 1) if e + 1 < len(doc) else None
            if k and index.kind(k) == "Person":
                return [k]
        return []

    def _inverted_subject(self, index: ArticleIndex, pi: int, tok: Any) -> list[Any]:
        """"…, a déclaré X après s'être entretenu avec Y": the subject of the clause a participle or an
        infinitive depends on, when it follows a verb of saying (the parser takes it for an object)."""
        head = tok.head
        if head is tok or tok.dep_ not in self.syntax.clausal:
            return []
        if fold(head.lemma_) not in self.reported:
            return []
        return [c for c in head.children if c.i > head.i and c.i < tok.i
                and index.kind(index.entity_at(pi, c.i) or "") == "Person"][:1]

    def _refers_to_people(self, index: ArticleIndex, pi: int, t: Any) -> bool:
        """"a reçu X", "welcomed the Prime Minister", "received the delegates": people, not "the decision of X"."""
        k = index.entity_at(pi, t.i)
        if k is not None:
            return index.kind(k) == "Person"
        return self._is_title(t) or fold(t.lemma_) in {fold(g) for g, kind in self.pack.groups.items()
                                                       if kind in ("Person", "Actor")}

    def _unresolved_group(self, t: Any) -> bool:
        return fold(t.lemma_) in {fold(g) for g in self.pack.groups} and "Plur" in t.morph.get("Number")

    def _person_or_body(self, index: ArticleIndex, pi: int, t: Any) -> bool:
        k = index.entity_at(pi, t.i)
        return bool(k) and index.kind(k or "") in ("Person", "Organization")

    def _state(self, index: ArticleIndex, pi: int, t: Any) -> bool:
        k = index.entity_at(pi, t.i)
        return bool(k) and index.kind(k or "") == "State" and t.text[:1].isupper()

    def _is_place_object(self, index: ArticleIndex, pi: int, o: Any) -> bool:
        k = index.entity_at(pi, o.i)
        return k is not None and (index.kind(k) == "Place" or (index.kind(k) == "State" and self._visit_of_place(o)))

    @staticmethod
    def _visit_of_place(o: Any) -> bool:
        return o.head.lemma_ in ("visiter", "visit", "tour", "parcourir")

    def _named(self, index: ArticleIndex, pi: int, tok: Any) -> bool:
        """The noun names one agreement: a capitalised name ("les accords de Minsk", "the Paris
        Agreement", "le traité New Start")."""
        lo, hi = self.syntax.span_of(tok)
        doc = tok.doc
        return tok.text[:1].isupper() and tok.i > lo or any(
            doc[i].text[:1].isupper() and doc[i].pos_ in ("PROPN", "NOUN") and i != lo for i in range(tok.i, min(hi, tok.i + 4)))

    # -- agreements -------------------------------------------------------------------------------
    def _agreement(self, index: ArticleIndex, f: Frame, when: EventDates, out: list[Agreement],
                   meetings: list[Meeting], discourse: Discourse) -> None:
        decides = f.trigger.frame in ("adopt", "vote", "decide")
        parties = [self._body_of_members(index, k) if len(f.parties) == 1 and decides else k for k in f.parties]
        alone = len(parties) == 1 and parties[0] in [self._body_of_members(index, k) if decides else k
                                                     for k in f.from_subject]
        one_body = alone and index.kind(parties[0]) == "Organization" and self._collective(index, parties[0]) \
            and not self._executive_or_court(index, parties[0])
        kinds = {index.kind(k) for k in parties}
        if decides and "Person" in kinds and len(kinds) > 1:
            return  # "les deux danois … pour Erik ont décidé": a decision by people and a state is a misreading
        if decides and any(self._legislature(index, k) for k in parties) and (
                not self._about_a_treaty(f.tok) or self._withdrawal(f.tok)):
            return  # "le Parlement a adopté la loi" (or "… la sortie du traité"): no agreement between anyone
        one_state = alone and f.trigger.frame == "ratify" and f.label is not None
        no_party = not parties and f.named_instrument and f.trigger.frame in ("extend", "ratify", "sign", "conclude")
        joint = {fold(t.text) for t in tok_sent(f.tok)} & self.joint
        if len(parties) == 1 and joint and out and f.sentence - out[-1].sentence <= 2:
            # "X a ratifié … Y a annoncé sa ratification dans un communiqué commun": one act, together
            parties = parties + [k for k in out[-1].parties if k not in parties]
            one_body = one_state = False
        if len(parties) < 2 and not (one_body or one_state or no_party):
            return
        if (one_body or one_state or no_party) and f.trigger.frame not in _ONE_PARTY_FRAMES | {"adopt", "vote"}:
            return
        confidence = f.confidence if len(parties) >= 2 else min(f.confidence, 0.6)
        tok = f.tok
        sent = tok.sent
        date = (when.stated(f.sentence, tok, index.paras[f.para].offset + tok.idx)
                or when.of_the_day(f.sentence, tok)
                or (self._shared_meeting_date(meetings, f.sentence, parties) if self._refers_to_a_meeting(tok) else None)
                or when.context(f.sentence, parties)
                or self._shared_meeting_date(meetings, f.sentence, parties))
        instrument = f.label if (one_state or no_party or f.named_instrument) and f.label else None
        new = Agreement(list(parties), self._trigger_text(tok), sent.text.strip(), f.sentence, f.status,
                        f.label, date, f.trigger.cameo or None, confidence=round(confidence, 2), instrument=instrument)
        discourse.told(f.sentence, parties)
        if f.trigger.pos == "noun" and any(set(a.parties) == set(parties) and parties for a in out):
            return  # "the treaty between X and Y" told again: the same agreement
        same = next((a for a in out if a.sentence == f.sentence and (
            set(a.parties) <= set(parties) or set(parties) <= set(a.parties))), None)
        if same is None:
            out.append(new)
        elif len(parties) > len(same.parties):  # one act told twice in a sentence: the fuller one
            new.date = new.date or same.date
            out[out.index(same)] = new
        else:
            same.date = same.date or date

    @staticmethod
    def _body_of_members(index: ArticleIndex, key: str) -> str:
        """"les membres du comité ont approuvé": the committee decided."""
        body = key[: -len("/members")] if key.endswith("/members") else key
        return body if body in index.entities else key

    def _collective(self, index: ArticleIndex, key: str) -> bool:
        """A body whose members decide or meet as one (a council, a parliament, an alliance), by a word of
        its name as the article writes it or as the gazetteer labels it."""
        return bool(self._name_words(index, key) & self.bodies) or key.endswith("/members") or key.startswith("group/")

    def _executive_or_court(self, index: ArticleIndex, key: str) -> bool:
        """A government, a ministry or a court: what it decides alone is its own act, no agreement."""
        names = " ".join(sorted(self._names(index, key)))
        return key.startswith("org/government-of-") or any(
            f" {w} " in f" {names} " for w in self.executives)

    def _legislature(self, index: ArticleIndex, key: str) -> bool:
        """A country's parliament or one of its houses (not the European Parliament, not a UN assembly)."""
        names = " ".join(sorted(self._names(index, key)))
        has = lambda words: any(f" {w} " in f" {names} " for w in words)  # noqa: E731
        return has(self.legislatures) and not has(self.supranational)

    def _withdrawal(self, tok: Any) -> bool:
        """The act leaves an agreement ("la loi actant le retrait du Statut de Rome")."""
        words = {fold(t.lemma_) for t in tok.sent} | {fold(t.text) for t in tok.sent}
        return bool(words & self.withdrawal)

    def _about_a_treaty(self, tok: Any) -> bool:
        """The act is about an agreement between states ("a ratifié la convention sur la pêche")."""
        words = {fold(t.lemma_) for t in tok.subtree} | {fold(t.text) for t in tok.subtree}
        if tok.dep_ in ("acl", "amod", "acl:relcl", "relcl"):  # "l'accord ratifié par le Parlement"
            words |= {fold(tok.head.lemma_), fold(tok.head.text)}
        return bool(words & self.treaties)

    @staticmethod
    def _names(index: ArticleIndex, key: str) -> set[str]:
        e = index.entities[key]
        return {fold(n).replace("-", " ").replace("'", " ").replace("’", " ")
                for n in (e.label, *e.other_labels.values(), *e.aliases) if n}

    def _name_words(self, index: ArticleIndex, key: str) -> set[str]:
        return {w for n in self._names(index, key) for w in n.split()}

    def _refers_to_a_meeting(self, tok: Any) -> bool:
        """"après la réunion", "after the talks": the sentence points back at a meeting told before."""
        nouns = {fold(w) for w in self.pack.sets.get("MEETING", frozenset())}
        return any(fold(t.lemma_) in nouns and any(c.lower_ in self.syntax.pack.cue("determiners") for c in t.children)
                   for t in tok.sent if t.pos_ == "NOUN")

    @staticmethod
    def _shared_meeting_date(meetings: list[Meeting], k: int, parties: list[str]) -> DateValue | None:
        """An undated act by a participant of a meeting reported earlier took place at that meeting."""
        shared = [m for m in meetings if m.date and m.sentence < k and set(m.participants) & set(parties)]
        return shared[-1].date if shared else None

    def _trigger_text(self, tok: Any) -> str:
        parts = [c for c in tok.children if c.dep_ in self.syntax.aux or fold(c.text) in self.syntax.reflexive
                 and c.i < tok.i] + [tok]
        parts.sort(key=lambda t: t.i)
        return " ".join(t.text for t in parts).replace("s’ ", "s’").replace("s' ", "s'")

    # -- meetings ---------------------------------------------------------------------------------
    def _meeting(self, index: ArticleIndex, f: Frame, when: EventDates, out: list[Meeting],
                 discourse: Discourse) -> None:
        tok = f.tok
        verb = tok if f.trigger.pos == "verb" else (self._governor(tok) or tok)
        if self._not_in_person(tok) or self.syntax.future(verb):
            return
        parts = f.parties
        if f.trigger.frame in ("receive", "host") and len(parts) < 2:
            return
        if f.trigger.frame == "meet" and f.trigger.pos == "verb" and not f.trigger.needs("obj") \
                and all(index.kind(k) == "State" for k in parts):
            return  # "la France et le Maroc se retrouvent en finale": countries as teams or as a figure
        if len(parts) < 2:
            if not (len(parts) == 1 and index.kind(parts[0]) == "Organization" and self._collective(index, parts[0])
                    and f.trigger.frame in ("meet", "summit", "talks")):
                return
        sent = tok.sent
        date = when.stated(f.sentence, tok, index.paras[f.para].offset + tok.idx) or when.of_the_day(f.sentence, verb) \
            or when.context(f.sentence, parts)
        place = self._place(index, f.para, sent, parts, tok)
        discourse.told(f.sentence, parts)
        groups = [list(parts)]
        if f.trigger.pos == "noun" and "Plur" in tok.morph.get("Number") and f.host and len(parts) > 2:
            # "the Secretary's meetings with X, Y and Z": one meeting with each
            groups = [[f.host, k] for k in parts if k != f.host]
        for g in groups:
            add_meeting(out, Meeting(g, self._trigger_text(tok), [sent.text.strip()], f.sentence, place, date,
                                     confidence=round(f.confidence, 2)))

    def _place(self, index: ArticleIndex, pi: int, sent: Any, parts: list[str], tok: Any = None) -> str | None:
        """Where the meeting took place: a place or state after "à/en/in/at" in the trigger's clause."""
        verb = tok if tok is None or tok.pos_ in ("VERB", "AUX") else self._governor(tok)
        clause = {t.i for t in verb.subtree} | {a.i for a in verb.ancestors} if verb is not None else None
        for t in sent:
            if clause is not None and t.i not in clause:
                continue
            k = index.entity_at(pi, t.i)
            if not k or k in parts or index.kind(k) not in ("Place", "State"):
                continue
            s, _ = index.mention_extent(pi, t.i)
            prev = t.doc[s - 1].lower_ if s > 0 else ""
            if prev in self.place or (s > 1 and prev in self.syntax.pack.cue("determiners")
                                      and t.doc[s - 2].lower_ in self.place):
                return k
        return None


def tok_sent(tok: Any) -> Any:
    return tok.sent


def add_meeting(out: list[Meeting], new: Meeting) -> None:
    """Append `new`, or fold it into the meeting of the same participants already found: its sentence
    joins the evidence, and its place and a fuller date fill gaps."""
    same = next((m for m in out if set(m.participants) == set(new.participants) and not (
        m.date and new.date and m.date.is_full_date and new.date.is_full_date and m.date.iso != new.date.iso)), None)
    if same is None:  # a first meeting of these participants, or another one on another day
        out.append(new)
        return
    same.evidence += [e for e in new.evidence if e not in same.evidence]
    same.place = same.place or new.place
    same.confidence = max(same.confidence, new.confidence)
    if new.date and (same.date is None or (new.date.is_full_date and not same.date.is_full_date)):
        same.date = new.date
