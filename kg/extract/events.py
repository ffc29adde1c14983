"""Agreements and meetings from the dependency parse, with parties resolved to entities."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kg.extract import lexicon as lx
from kg.extract.mentions import ArticleIndex
from kg.model import Agreement, DateValue, Meeting

_ACTOR_KINDS = ("Person", "Organization", "State")
_SUBJ = ("nsubj", "nsubj:pass", "nsubjpass")
_PLACE_CASES = {"en", "à", "au", "aux", "dans", "in", "at"}
_REFLEXIVE = {"se", "s'", "s’"}
_DATELINE = re.compile(r"\s*\.?\s*[–—-]")  # "21 octobre 2016 . –": the article's own date line
_WITH = ("avec", "with", "à", "au", "aux")
Salient = list[str] | Callable[[], list[str]]


@dataclass
class _Date:
    """A date found in the text, placed in the parse: its sentence, and the verb of the relative or
    participial clause ("le Brexit, qui sera lancé mercredi 29", "nommée en septembre") it sits in."""

    start: int
    end: int
    value: DateValue
    sentence: int
    relcl: int | None = None  # token index of the relative clause's verb


_SUBCLAUSE = ("acl:relcl", "acl")


def _bare_participle(verb: Any) -> bool:
    """"nommée en septembre": a participle without auxiliary heading a side clause."""
    return ("Part" in verb.morph.get("VerbForm") and verb.dep_ != "ROOT"
            and not any(c.dep_.startswith("aux") for c in verb.children))


def _clause_verb(tok: Any) -> Any:
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _is_negated(tok: Any) -> bool:
    return any(c.lower_ in lx.NEGATIONS for c in tok.children)


def _not_fact(tok: Any) -> bool:
    """True under a wish, need, refusal, modal or conditional: "prêt à discuter", "refuse de signer"."""
    if "Cnd" in tok.morph.get("Mood"):
        return True
    head, depth = tok, 0
    while head.head is not head and depth < 3:
        if head.dep_ not in ("xcomp", "ccomp", "advcl", "acl", "obl", "nmod", "obj"):
            break
        head = head.head
        depth += 1
        if head.lemma_ in lx.NOT_FACT_HEADS or head.lower_ in lx.NOT_FACT_HEADS or _is_negated(head):
            return True
    return any(c.lemma_ in lx.NOT_FACT_HEADS and c.dep_.startswith("aux") for c in tok.children)


def _with_conj(tok: Any) -> list[Any]:
    """A token and its coordinated tokens; the parser may hang a conj on the last part of a name."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ == "conj":
                todo.append(c)
            elif c.dep_ in ("flat:name", "flat"):
                todo.extend(g for g in c.children if g.dep_ == "conj")
    return out


class EventFinder:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.agree = lx.AGREE_VERBS[lang]
        self.idioms = lx.IDIOMS[lang]
        self.meet_verbs = lx.MEET_VERBS[lang]
        self.meet_nouns = lx.MEET_NOUNS[lang]

    # -- helpers ------------------------------------------------------------------------
    @staticmethod
    def _body(index: ArticleIndex) -> list[tuple[int, Any]]:
        """Paragraphs to read events from: the headline only restates the body, so it is skipped."""
        paras = list(enumerate(index.paras))
        return paras[1:] if len(paras) > 1 else paras

    def _actors_of(self, index: ArticleIndex, pi: int, toks: Iterable[Any], salient: Salient) -> list[str]:
        out: list[str] = []
        for tok in toks:
            if tok.lower_ in lx.RELATIVE_PRONOUNS and tok.head.dep_.startswith("acl"):
                tok = tok.head.head  # "Anne Casper, qui a rencontré ...": the antecedent
            for t in _with_conj(tok):
                k = index.entity_at(pi, t.i)
                if k is None and (t.lemma_ in lx.COLLECTIVE or t.lower_ in lx.COLLECTIVE):
                    ks = salient() if callable(salient) else salient
                elif k is None:  # "le président chinois Xi Jinping": the person in apposition first
                    inside = index.entities_in(pi, t.left_edge.i, t.right_edge.i + 1)
                    people = [x for x in inside if index.kind(x) == "Person"]
                    ks = (people or inside)[:1]
                else:
                    ks = [k]
                out.extend(x for x in ks if index.kind(x) in _ACTOR_KINDS and x not in out)
        return out

    @staticmethod
    def _subjects(tok: Any) -> list[Any]:
        """Subjects of a trigger, climbing through infinitives and participles to the governing verb."""
        t = tok
        for _ in range(3):
            subj = [c for c in t.children if c.dep_ in _SUBJ]
            # "Le Japon et l'Inde ont signé": the parser often makes the verb a conj of the first noun.
            if t.dep_ == "conj" and t.head.pos_ in ("PROPN", "NOUN") and t.head.i < t.i:
                subj.append(t.head)
            if subj:
                return subj
            if t.head is t:
                break
            t = t.head
        return []

    @staticmethod
    def _place_dates(index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[_Date]:
        """Dates with their sentence; the article's date line is no event date."""
        offsets = [p.offset for p in index.paras]
        out: list[_Date] = []
        for s, e, d in dates:
            if _DATELINE.match(index.text, e, e + 4) and not index.text[index.text.rfind("\n", 0, s) + 1:s].strip():
                continue
            p = index.paras[max(0, bisect.bisect_right(offsets, s) - 1)]
            span = p.doc.char_span(s - p.offset, e - p.offset, alignment_mode="expand")
            relcl = None
            if span is not None and len(span):
                verb = _clause_verb(span.root)
                relcl = verb.i if verb.dep_ in _SUBCLAUSE or _bare_participle(verb) else None
            out.append(_Date(s, e, d, index.sentence_of(s), relcl))
        return out

    @staticmethod
    def _date_in(dates: list[_Date], sent: int, trigger: Any = None, near: int = 0) -> DateValue | None:
        """The date stated in sentence `sent` for the trigger: a full date first, then the nearest.
        A date inside a relative clause counts only for a trigger of that clause."""
        verb = _clause_verb(trigger) if trigger is not None else None
        clause = verb.i if verb is not None else None
        # a clause inside a dated one shares its date ("signé le 25 mars 1957 entre X et Y, qui
        # s'étaient engagés ...")
        outer = {a.i for a in verb.ancestors if a.dep_ == "acl:relcl"} if verb is not None and verb.dep_ in _SUBCLAUSE else set()
        inside = [(abs(d.start - near), not d.value.is_full_date, d.value) for d in dates
                  if d.sentence == sent and (d.relcl is None or d.relcl == clause or d.relcl in outer)]
        return min(inside, key=lambda x: (x[1], x[0]))[2] if inside else None

    @staticmethod
    def _context_date(index: ArticleIndex, dates: list[_Date], para_of: list[int], sent: int,
                      parts: list[str]) -> DateValue | None:
        """An event sentence with no date of its own continues the narration: the full date of the
        sentence just before it in its paragraph, else the last full date of an earlier sentence
        (same or previous paragraph) that names one of its participants."""
        pi = para_of[sent]
        full = [d for d in dates if d.value.is_full_date and d.sentence < sent and para_of[d.sentence] >= pi - 1]
        before = sorted((d for d in full if d.sentence == sent - 1 and para_of[d.sentence] == pi),
                        key=lambda d: d.relcl is not None)
        if before:
            return before[0].value
        full = [d for d in full if d.relcl is None]
        named = {m.sentence for m in index.mentions if m.entity in parts}
        for d in reversed(full):
            if d.sentence in named:
                return d.value
        return None

    @staticmethod
    def _para_of(index: ArticleIndex) -> list[int]:
        offsets = [p.offset for p in index.paras]
        return [max(0, bisect.bisect_right(offsets, s.start) - 1) for s in index.sentences]

    def _salient_pair(self, index: ArticleIndex, agreements: list[Agreement]) -> list[str]:
        if agreements:
            return list(agreements[-1].parties)
        counts: dict[str, int] = {}
        for m in index.mentions:
            if index.kind(m.entity) == "State":
                counts[m.entity] = counts.get(m.entity, 0) + 1
        return [k for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:2]]

    # -- both kinds ------------------------------------------------------------------------
    def _run(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> tuple[list[Agreement], list[Meeting]]:
        """Meetings first, then agreements (an undated agreement may take the date of the meeting it
        follows). Both public methods share one run per article."""
        cached = getattr(self, "_cache", None)
        if cached is not None and cached[0] is index and cached[1] is dates:
            return cached[2]
        placed = self._place_dates(index, dates)
        para_of = self._para_of(index)
        meetings = self._meetings(index, placed, para_of)
        result = (self._agreements(index, placed, para_of, meetings), meetings)
        self._cache = (index, dates, result)
        return result

    def agreements(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[Agreement]:
        return self._run(index, dates)[0]

    def meetings(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> list[Meeting]:
        return self._run(index, dates)[1]

    # -- agreements -----------------------------------------------------------------------
    def _agreements(self, index: ArticleIndex, dates: list[_Date], para_of: list[int],
                    meetings: list[Meeting]) -> list[Agreement]:
        out: list[Agreement] = []
        last_act: list[str] = []  # parties of the last act read, kept or not
        for pi, p in self._body(index):
            for tok in p.doc:
                status = self.agree.get(tok.lemma_)
                idiom = self.idioms.get(tok.lemma_)
                if idiom and any(t.lemma_ == idiom for c in tok.children for t in (c, *c.children)):
                    status = "agreed"
                if status is None and tok.lemma_ in lx.ANNOUNCE_VERBS:
                    # "ont annoncé leur ratification": the act named by the object
                    status = next((lx.ACT_NOUNS[c.lower_] for c in tok.children
                                   if c.dep_ == "obj" and c.lower_ in lx.ACT_NOUNS), None)
                if status is None or tok.pos_ not in ("VERB", "AUX", ""):
                    continue
                if tok.lemma_ in lx.REFLEXIVE_ONLY and not any(c.lower_ in _REFLEXIVE for c in tok.children):
                    continue
                if tok.lemma_ in lx.NEEDS_OBJECT and not any(
                        t.lemma_ in lx.AGREEMENT_OBJECTS
                        for c in tok.children if c.dep_ in ("obj", "nsubj:pass") for t in c.subtree):
                    continue
                if tok.lemma_ in lx.SAYING_SENSE and any(
                        c.dep_ == "ccomp" and any(g.dep_ == "mark" for g in c.children) for c in tok.children):
                    continue  # "avant de conclure que ...": a statement
                if _is_negated(tok) or _not_fact(tok):
                    continue
                if "Fut" in tok.morph.get("Tense"):
                    status = "planned"
                salient = self._salient_pair(index, out)
                parties = self._actors_of(index, pi, self._subjects(tok), salient)
                for c in tok.children:  # "avec X", "with X", "signé entre X et Y"
                    if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and any(
                            g.lower_ in ("avec", "with", "entre", "between") for g in c.children):
                        parties += [k for k in self._actors_of(index, pi, [c], salient) if k not in parties]
                    if c.dep_ == "obj":  # "approuvé la ratification de l'accord par le Canada"
                        agents = [t for t in c.subtree if t is not c and any(
                            g.lower_ in ("par", "by") and g.dep_ == "case" for g in t.children)]
                        parties += [k for k in self._actors_of(index, pi, agents, salient) if k not in parties]
                if status in ("pledge", "commitment") and len(parties) < 2:
                    comp = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "obl:arg", "obl")]
                    for c in comp:
                        for x in index.entities_in(pi, c.left_edge.i, c.right_edge.i + 1):
                            if index.kind(x) in _ACTOR_KINDS and x not in parties:
                                parties.append(x)
                                break
                sent = tok.sent
                start = p.offset + sent.start_char
                k = index.sentence_of(start)
                if len(parties) == 1 and last_act and any(t.lower_ in lx.JOINT for t in sent):
                    # "La Chine a ratifié ... Les États-Unis ont annoncé leur ratification dans un
                    # communiqué commun": joint with the party of the act just reported
                    parties += [x for x in last_act if x not in parties]
                referred = self._referred_meeting(sent, meetings, k, parties) if len(parties) == 1 else None
                if referred is not None and status in ("signed", "initialled", "agreed"):
                    # "la présence à cette réunion de X, qui a signé les propositions": with those met
                    parties += [x for x in referred.participants if x not in parties]
                last_act = parties
                collective = len(parties) == 1 and index.kind(parties[0]) == "Organization"
                if len(parties) < 2 and not collective:
                    continue
                obj = [c for c in tok.children if c.dep_ in ("xcomp", "obj", "ccomp")]
                label = p.doc[obj[0].left_edge.i:obj[0].right_edge.i + 1].text[:200] if obj else None
                date = (self._date_in(dates, k, tok, p.offset + tok.idx)
                        or self._referred_meeting_date(sent, meetings, k, parties)
                        or self._context_date(index, dates, para_of, k, parties)
                        or self._shared_meeting_date(meetings, k, parties))
                new = Agreement(parties, self._trigger(tok), sent.text.strip(), k, status, label, date, confidence=0.7)
                same = next((a for a in out if a.sentence == k and (
                    set(a.parties) <= set(parties) or set(parties) <= set(a.parties))), None)
                if same is None:
                    out.append(new)
                elif len(parties) > len(same.parties):  # one act told twice in a sentence: the fuller one
                    new.date = new.date or same.date
                    out[out.index(same)] = new
                else:
                    same.date = same.date or date
        return out

    def _referred_meeting(self, sent: Any, meetings: list[Meeting], k: int, parties: list[str],
                          dated: bool = False) -> Meeting | None:
        """"après la réunion", "lors de cette rencontre": the meeting reported before."""
        if not any(t.lower_ in self.meet_nouns and any(c.lower_ in lx.MEETING_REF_DETS for c in t.children)
                   for t in sent):
            return None
        earlier = [m for m in meetings if m.sentence <= k and (m.date or not dated)]
        shared = [m for m in earlier if set(m.participants) & set(parties)]
        return (shared or earlier)[-1] if earlier else None

    def _referred_meeting_date(self, sent: Any, meetings: list[Meeting], k: int, parties: list[str]) -> DateValue | None:
        m = self._referred_meeting(sent, meetings, k, parties, dated=True)
        return m.date if m else None

    @staticmethod
    def _shared_meeting_date(meetings: list[Meeting], k: int, parties: list[str]) -> DateValue | None:
        """An undated act by a participant of a meeting reported earlier took place at that meeting."""
        shared = [m for m in meetings if m.date and m.sentence < k and set(m.participants) & set(parties)]
        return shared[-1].date if shared else None

    @staticmethod
    def _trigger(tok: Any) -> str:
        parts = [c for c in tok.children if c.dep_.startswith("aux") or c.lower_ in _REFLEXIVE] + [tok]
        parts.sort(key=lambda t: t.i)
        return " ".join(t.text for t in parts).replace("s’ ", "s’").replace("s' ", "s'")

    # -- meetings -------------------------------------------------------------------------
    def _paragraph_actors(self, index: ArticleIndex, pi: int) -> list[str]:
        """States and organisations named in a paragraph, except as a place ("au Burundi"):
        what a collective subject ("les ambassadeurs") of a meeting stands for."""
        out: list[str] = []
        doc = index.paras[pi].doc
        for t in doc:
            k = index.entity_at(pi, t.i)
            if k is None or k in out or index.kind(k) not in ("State", "Organization"):
                continue
            if t.i > 0 and index.entity_at(pi, t.i - 1) == k:
                continue
            prev = doc[t.i - 1].lower_ if t.i > 0 else ""
            if prev not in _PLACE_CASES:
                out.append(k)
        return out

    def _meetings(self, index: ArticleIndex, dates: list[_Date], para_of: list[int]) -> list[Meeting]:
        out: list[Meeting] = []
        # sentences holding a meeting trigger whose participants were not resolved -> its date
        unresolved: dict[int, tuple[str, DateValue | None]] = {}
        for pi, p in self._body(index):
            salient_cache: list[list[str]] = []

            def salient(pi: int = pi, cache: list[list[str]] = salient_cache) -> list[str]:
                if not cache:
                    cache.append(self._paragraph_actors(index, pi))
                return cache[0]

            for tok in p.doc:
                verb = tok.lemma_ in self.meet_verbs and tok.pos_ in ("VERB", "")
                noun = tok.lower_ in self.meet_nouns and tok.pos_ in ("NOUN", "")
                need = lx.MEET_OBJECT_VERBS.get(tok.lemma_)
                if need and tok.pos_ == "VERB" and any(
                        c.dep_ == "obj" and any(t.lemma_ == need for t in c.subtree) for c in tok.children):
                    verb = True  # "ont remis leurs lettres de créance au Président X"
                if not (verb or noun):
                    continue
                sent = tok.sent
                if any(t.lower_ in lx.NOT_IN_PERSON for t in sent) or _is_negated(tok) or _not_fact(tok):
                    continue
                if verb and "Fut" in tok.morph.get("Tense"):
                    continue
                others = [c for c in tok.children if c.dep_ in ("obj", "iobj") or (
                    c.dep_ in ("obl", "obl:arg", "obl:mod", "obl:agent", "nmod") and any(
                        g.lower_ in _WITH for g in c.children))]
                if need and verb:
                    others = [c for c in others if c.dep_ != "obj"]
                if verb:  # "se sont réunis ... après avoir été accueillis par X": the host
                    others += [g for c in tok.children if c.dep_ == "advcl" and c.lemma_ in lx.HOST_VERBS
                               for g in c.children if g.dep_ == "obl:agent"]
                if noun and not others:
                    continue
                if verb and tok.lemma_ in ("recevoir", "accueillir", "receive", "host") and not others:
                    continue
                # "une réunion ... réunissant X et Y": the participle's objects are the participants
                gathering = verb and tok.lemma_ in lx.GATHER_VERBS and tok.dep_.startswith("acl")
                subj = [] if gathering else self._subjects(tok if verb else tok.head)
                # a collective subject ("les ambassadeurs ont remis ...") stands for the paragraph's actors
                direct = any(c.dep_ in _SUBJ for c in tok.children)
                parts = self._actors_of(index, pi, subj, salient if direct else [])
                parts += [k for k in self._actors_of(index, pi, others, salient) if k not in parts]
                confidence = 0.7
                if len(parts) == 1 and others:
                    # Inverted or elided subject ("a déclaré Patrushev après s'être entretenu avec Guo"):
                    # the nearest person named before the trigger in the same sentence.
                    near = self._person_before(index, pi, sent.start, tok.i, parts)
                    if near:
                        parts.insert(0, near)
                        confidence = 0.5
                start = p.offset + sent.start_char
                k = index.sentence_of(start)
                date = self._date_in(dates, k, tok, p.offset + tok.idx)
                if len(parts) < 2:
                    unresolved.setdefault(k, (sent.text.strip(), date))
                    continue
                evidence = [sent.text.strip()]
                if date is None and k - 1 in unresolved and para_of[k - 1] == para_of[k]:
                    # "a reçu mercredi un groupe de responsables. Parmi eux X, qui s'est entretenu avec Y"
                    prev_text, date = unresolved[k - 1]
                    evidence.insert(0, prev_text)
                if date is None:
                    date = self._context_date(index, dates, para_of, k, parts)
                place = self._place(index, pi, sent, parts)
                add_meeting(out, Meeting(parts, self._trigger(tok), evidence, k, place, date, confidence=confidence))
        return out

    @staticmethod
    def _person_before(index: ArticleIndex, pi: int, start: int, end: int, exclude: list[str]) -> str | None:
        for i in range(end - 1, start - 1, -1):
            k = index.entity_at(pi, i)
            if k and k not in exclude and index.kind(k) == "Person":
                return k
        return None

    @staticmethod
    def _place(index: ArticleIndex, pi: int, sent: Any, parts: list[str]) -> str | None:
        for t in sent:
            k = index.entity_at(pi, t.i)
            if not k or k in parts or index.kind(k) not in ("Place", "State"):
                continue
            prev = t.doc[t.i - 1].lower_ if t.i > 0 else ""
            if prev in _PLACE_CASES or any(c.lower_ in _PLACE_CASES for c in t.children):
                return k
        return None


def add_meeting(out: list[Meeting], new: Meeting) -> None:
    """Append `new`, or fold it into the meeting of the same participants already found:
    its sentence joins the evidence, and its place and a fuller date fill gaps."""
    same = next((m for m in out if set(m.participants) == set(new.participants)), None)
    if same is None:
        out.append(new)
        return
    same.evidence += [e for e in new.evidence if e not in same.evidence]
    same.place = same.place or new.place
    if new.date and (same.date is None or (new.date.is_full_date and not same.date.is_full_date)):
        same.date = new.date
