"""Posts stated by appointments, resignations and successions (the words are the pack's).

"X a été nommé par Y premier ministre", "la nomination de X en qualité de Premier ministre",
"X a démissionné de son poste de ministre", "X remplace Y comme ministre",
"Il est remplacé par Z": the post is named by the sentence, or, when the sentence only says
that one person replaces another, it is the post the text gave the person replaced.

Subjects may be pronouns at the start of a sentence: "Il"/"Elle" ("He"/"She") is the first person
named in the sentence before, "Ce dernier"/"Celui-ci" ("the latter") the last one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.extract.event_dates import EventDates, clause_verb
from kg.extract.index import ArticleIndex, fold
from kg.extract.pack import LanguagePack
from kg.extract.posts import post_key
from kg.model import PostHolding

if TYPE_CHECKING:
    from kg.extract.posts import PostFinder


_WINDOW = 8


class _Words:
    """The succession words of one language, folded, from its pack's [cues]."""

    def __init__(self, pack: LanguagePack) -> None:
        def words(name: str) -> frozenset[str]:
            return frozenset(fold(w) for w in pack.cue(name))

        self.appointed = words("appointed")
        self.appointment_nouns = words("appointment_nouns")
        self.filler = words("succession_filler")
        self.markers = tuple(tuple(fold(m).split()) for m in pack.cue("post_markers"))
        self.resigned = words("resigned")
        self.resign_filler = words("resign_filler")
        self.resigned_alone = words("resigned_alone")
        self.post_nouns = words("post_nouns")
        self.elected = words("elected")
        self.perfect_aux = words("perfect_aux")
        self.negation = words("negation")
        self.replaces = words("replaces")
        self.replaced = words("replaced")
        self.replacement = words("replacement_nouns")
        self.active_aux = words("active_aux")
        self.passive_aux = words("passive_aux")
        self.agent = frozenset(fold(w) for w in pack.prep("agent"))
        self.succeed_preps = words("succeed_preps")
        self.of = frozenset(fold(w) for w in pack.prep("of"))
        self.first_pronouns = frozenset(fold(w) for w in pack.pronouns.get("singular", ()))
        self.last_pronouns = words("last_pronouns")
        triggers = sorted(self.appointed | self.appointment_nouns | self.resigned | self.replaces | self.replaced
                          | self.replacement, key=len, reverse=True)
        self.trigger = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in triggers) + r")\b") if triggers else None


@dataclass
class _Sentence:
    para: int
    start: int  # token range in the paragraph's doc
    end: int
    persons: list[tuple[int, int, str]]  # (start, end, entity) in order


class Successions:
    """Finds posts in appointment, resignation and succession sentences of a French article."""

    def __init__(self, finder: PostFinder, pack: LanguagePack) -> None:
        self.finder = finder
        self.w = _Words(pack)

    def find(self, index: ArticleIndex, posts: list[PostHolding], context: str | None,
             when: EventDates | None = None) -> list[PostHolding]:
        """New posts (and posts of `posts` marked former) stated by successions in the article. With `when`
        (the article's dates), a post taken gets the date its sentence states as start, a post left as end."""
        self.index, self.context, self.when = index, context, when
        self.held = list(posts)  # posts the text gave by title: what a successor can take over
        self.keys = {post_key(p.person, p.organization, p.role) for p in posts}
        self.new: list[PostHolding] = []
        sentences = self._sentences(index)
        for n, s in enumerate(sentences):
            prev = sentences[n - 1] if n and sentences[n - 1].persons else None
            doc = index.paras[s.para].doc
            if not s.persons and not prev or self.w.trigger is None \
                    or not self.w.trigger.search(fold(doc[s.start:s.end].text)):
                continue  # most sentences: no appointment, resignation or succession word
            words = [fold(t.text) for t in doc[s.start:s.end]]
            self._appointments(s, doc, words)
            self._resignations(s, doc)
            self._replacements(s, doc, prev)
        return self.new

    # ------------------------------------------------------------------ sentence shapes
    def _appointments(self, s: _Sentence, doc: Any, words: list[str]) -> None:
        noun = any(w in self.w.appointment_nouns for w in words)
        for ps, pe, person in s.persons:
            # "X (a été) nommé (par Y) (au poste de) R" / "X devient R"
            for i in range(pe, min(s.end, pe + _WINDOW)):
                w = fold(doc[i].text)
                if w in self.w.appointed:
                    if not (i > 0 and fold(doc[i - 1].text) in self.w.active_aux):  # not "X a nommé Y"
                        self._dated(self._post_after(s, doc, i + 1, person, "current", 0.7), s, doc, i, "start")
                    break
                if self.index.entity_at(s.para, i) not in (None, person) and self._is_person(s.para, i):
                    break
                if doc[i].pos_ in ("VERB",) or doc[i].text in (".", ";", ":"):
                    break
            # "la nomination de X (57 ans) en qualité de R", "celle de X, au poste de R"
            if noun:
                j = self._skip_aside(doc, pe, s.end)
                if self._marker_at(doc, j, s.end):
                    noun_at = next((k for k in range(s.start, s.end) if fold(doc[k].text) in self.w.appointment_nouns),
                                   None)
                    self._dated(self._post_after(s, doc, j, person, "current", 0.7), s, doc, noun_at, "start")
        # "Y a nommé X R": the appointee follows an active verb
        for i in range(s.start, s.end):
            if fold(doc[i].text) in self.w.appointed and i > 0 and fold(doc[i - 1].text) in self.w.active_aux:
                hit = self._person_at(s, i + 1, 3)
                if hit:
                    self._dated(self._post_after(s, doc, hit[1], hit[2], "current", 0.7), s, doc, i, "start")

    def _resignations(self, s: _Sentence, doc: Any) -> None:
        # "X a démissionné du poste de R", "X quitte ses fonctions de R"
        for ps, pe, person in s.persons:
            for i in range(pe, min(s.end, pe + 4)):
                w = fold(doc[i].text)
                if w in self.w.resigned:
                    if any(fold(t.text) in self.w.negation for t in doc[max(s.start, i - 3):i]):
                        break  # "X n'a pas démissionné", "X has not resigned"
                    j = i + 1
                    while j < s.end and fold(doc[j].text) in self.w.resign_filler:
                        j += 1
                    named = self._post_at(s, doc, j, person, "former", 0.7) if j > i + 1 else None
                    if named is not None:
                        self._dated(named, s, doc, i, "end")
                    elif (j == i + 1 and w in self.w.resigned_alone
                          or any(fold(t.text) in self.w.post_nouns for t in doc[i + 1:j])):
                        # not "a démissionné de la présidence du club": a complement naming something else
                        # "X a démissionné (de son poste) le 3 avril", "X quitte ses fonctions à l'ONU"
                        self._left_the_post(s, doc, person, i)
                    break

    def _left_the_post(self, s: _Sentence, doc: Any, person: str, trigger: int) -> None:
        """"X a démissionné (le 12 avril)", "X resigned": the one post the text gave X so far is left."""
        sentence = self._sentence_no(s)
        held = [p for p in self.held if p.person == person and p.sentence <= sentence
                and (p.status != "former" or p.end is None)]  # "l'ancien ministre X, qui avait démissionné le 6 mai"
        if len({post_key(p.person, p.organization, p.role) for p in held}) != 1:
            return  # no post, or several: which one was left, the sentence does not say
        for p in held:
            p.status = "former"
            self._dated(p, s, doc, trigger, "end")

    def _replacements(self, s: _Sentence, doc: Any, prev: _Sentence | None) -> None:
        subject = self._subject(s, doc, prev)
        for i in range(s.start, s.end):
            w = fold(doc[i].text)
            passive = w in self.w.replaced and i > s.start and fold(doc[i - 1].text) in self.w.passive_aux
            # "X replaced Y as R": the participle used actively, right after its subject and with no agent
            active = (w in self.w.replaced and not passive and i + 1 < s.end
                      and fold(doc[i + 1].text) not in self.w.agent and any(r[1] == i for r in s.persons))
            if passive:  # "X est ensuite remplacé par Y (comme R)"
                j = i + 1
                while j < s.end and fold(doc[j].text) not in self.w.agent and j < i + 5:
                    j += 1
                successor = self._person_at(s, j + 1, _WINDOW) if j < s.end else None
                left = subject or self._last_person_before(s, i)
                if successor and left:
                    self._succeed(s, doc, successor[2], left, successor[1], i)
            elif w in self.w.replaces or active or (w in self.w.replacement and i + 1 < s.end and fold(doc[i + 1].text) in self.w.of):
                # "Y remplace X (comme R)", "Y succède à X", "... R en remplacement de X"
                k = i + 1
                if k < s.end and fold(doc[k].text) in self.w.succeed_preps:
                    k += 1
                replaced = self._person_at(s, k, 3)
                newcomer = self._last_person_before(s, i) if w not in self.w.replacement else None
                if w in self.w.replacement:
                    newcomer = self._appointee_before(s, i)
                elif newcomer is None and subject:
                    newcomer = subject
                if replaced and newcomer and replaced[2] != newcomer:
                    self._succeed(s, doc, newcomer, replaced[2], replaced[1], i)

    # ------------------------------------------------------------------ posts
    def _succeed(self, s: _Sentence, doc: Any, newcomer: str, left: str, after: int, trigger: int) -> None:
        """`newcomer` takes the post `left` leaves: named after the names ("comme R"), or the post the
        article gave `left` before this sentence."""
        j = self._skip_aside(doc, after, s.end)
        if self._marker_at(doc, j, s.end):
            made = self._dated(self._post_after(s, doc, j, newcomer, "current", 0.7), s, doc, trigger, "start")
            if made:
                gone = self._dated(self._add(left, made.role, made.organization, s, "former", 0.6), s, doc, trigger, "end")
                self._chain(made, gone)
            return
        sentence = self._sentence_no(s)
        named = [p for p in self.new if p.person == newcomer and p.sentence == sentence and p.status == "current"]
        if named:  # "X a été nommé R en remplacement de Y": Y leaves R
            gone = self._dated(self._add(left, named[-1].role, named[-1].organization, s, "former", 0.6), s, doc,
                               trigger, "end")
            self._chain(named[-1], gone)
            return
        earlier = [p for p in self.held if p.person == left and p.sentence <= sentence]
        if not earlier:
            return
        post = earlier[-1]
        role = self.finder.titles.without_former(post.role)  # "succède au président sortant X": "président"
        made = self._dated(self._add(newcomer, role, post.organization, s, "current", 0.6), s, doc, trigger, "start")
        post.status = "former"
        self._dated(post, s, doc, trigger, "end")
        self._chain(made, post)

    @staticmethod
    def _chain(newcomer: PostHolding | None, left: PostHolding | None) -> None:
        """The newcomer's post succeeds the one left, when both are posts of two people with one title and body."""
        if newcomer is None or left is None or newcomer.person == left.person or newcomer.succeeds is not None:
            return
        if newcomer.organization == left.organization and post_key("", None, newcomer.role) == post_key("", None, left.role):
            newcomer.succeeds = left

    def _past(self, trigger: Any) -> bool:
        """Whether the clause of `trigger` tells a past event: an auxiliary of the perfect ("a démissionné",
        "has resigned", "avait quitté"), a past auxiliary ("was replaced"), or a past finite verb ("resigned").
        A present passive ("est remplacé") or a present or future verb ("cesse", "quittera") is not past."""
        verb = clause_verb(trigger)
        auxes = [c for c in verb.children if c.dep_.startswith("aux")]
        if any(a.lemma_ in self.w.perfect_aux or "Past" in a.morph.get("Tense") or "Imp" in a.morph.get("Tense")
               for a in auxes):
            return True
        return not auxes and "Past" in verb.morph.get("Tense") and "Fin" in verb.morph.get("VerbForm")

    def _dated(self, post: PostHolding | None, s: _Sentence, doc: Any, trigger: int | None,
               which: str) -> PostHolding | None:
        """Give `post` the date its sentence states for the appointment or departure at token `trigger`, as its
        start or end (only a date the sentence states: the article's own date is an observation, not a start)."""
        if post is None or self.when is None or trigger is None:
            return post
        date = getattr(post, which)
        if date is None:
            p = self.index.paras[s.para]
            date = self.when.stated(self._sentence_no(s), doc[trigger], p.offset + doc[trigger].idx, verbal=True)
            if date is None:
                return post
            setattr(post, which, date)
        published = self.index.published.isoformat() if self.index.published else None
        if published is None:
            return post
        said_former = any(fold(w).strip("-") in self.finder.titles.former for w in post.role.split())
        if which == "end" and date.is_full_date and not said_former and (
                date.iso > published or date.iso == published and not self._past(doc[trigger])):
            # "cesse ses fonctions ce 31 décembre", said on the 31st, or "quittera son poste le 1er mars":
            # at the article's date the post is still held ("a démissionné ce mardi", said that day: no longer)
            post.status = "current"
        elif which == "start" and date.iso > published[:len(date.iso)]:
            # "doit prêter serment le 7 août", said in June: chosen, not yet in office
            post.status = "elect" if fold(doc[trigger].text) in self.w.elected else "designate"
        return post

    def _post_after(self, s: _Sentence, doc: Any, i: int, person: str, status: str,
                    confidence: float) -> PostHolding | None:
        """The post named from token i on, past the appointer and markers: "(par Y) (au poste de) R"."""
        j = i
        while j < s.end and j < i + _WINDOW:
            if self.finder.titles.length(doc, j, s.end) and doc[j].pos_ not in ("DET", "ADP"):
                return self._post_at(s, doc, j, person, status, confidence)
            w = fold(doc[j].text)
            if not (w in self.w.filler or doc[j].pos_ in ("DET", "ADV", "NUM") or (
                    self.index.entity_at(s.para, j) not in (None, person) and (fold(doc[j - 1].text) in self.w.agent or j == 0)
                    or self._continues_entity(s.para, j))):
                return None
            j += 1
        return None

    def _post_at(self, s: _Sentence, doc: Any, i: int, person: str, status: str,
                 confidence: float) -> PostHolding | None:
        covered = lambda k: self.index.entity_at(s.para, k) is not None  # noqa: E731
        rs, re_ = self.finder.phrase(self.index, s.para, i, covered)
        re_ = min(re_, s.end)
        if re_ <= rs or not self.finder.titles.length(doc, rs, re_):
            return None
        org, sure = self.finder.organization(self.index, s.para, rs, re_, person, self.context)
        if org is None:
            return None
        role = self.finder.role_label(self.index, s.para, rs, re_, org)
        return self._add(person, role, org, s, status, min(confidence, sure + 0.2))

    def _add(self, person: str, role: str, org: str | None, s: _Sentence, status: str,
             confidence: float) -> PostHolding | None:
        key = post_key(person, org, role)
        if key in self.keys:
            return next((p for p in self.held + self.new if post_key(p.person, p.organization, p.role) == key), None)
        self.keys.add(key)
        doc = self.index.paras[s.para].doc
        span = doc[s.start:s.end]
        post = PostHolding(person, role, self.finder.lang, org, span.text.strip(), self._sentence_no(s),
                           status, confidence)
        self.new.append(post)
        if status == "former":
            self.held.append(post)  # a post someone left can be taken over later in the text
        return post

    # ------------------------------------------------------------------ helpers
    def _sentences(self, index: ArticleIndex) -> list[_Sentence]:
        out: list[_Sentence] = []
        for pi, p in enumerate(index.paras):
            runs = self.finder.person_runs(index, pi)
            for sent in p.doc.sents:
                persons = [r for r in runs if sent.start <= r[0] < sent.end]
                out.append(_Sentence(pi, sent.start, sent.end, persons))
        return out

    def _sentence_no(self, s: _Sentence) -> int:
        p = self.index.paras[s.para]
        return self.index.sentence_of(p.offset + p.doc[s.start].idx)

    def _subject(self, s: _Sentence, doc: Any, prev: _Sentence | None) -> str | None:
        """The person a sentence-initial pronoun stands for ("Il", "Ce dernier")."""
        if prev is None:
            return None
        i = s.start
        while i < s.end and doc[i].is_punct:
            i += 1
        one = fold(doc[i].text) if i < s.end else ""
        two = f"{one} {fold(doc[i + 1].text)}" if i + 1 < s.end else one
        if one in self.w.first_pronouns:
            return prev.persons[0][2]
        if one in self.w.last_pronouns or two in self.w.last_pronouns:
            return prev.persons[-1][2]
        return None

    def _is_person(self, para: int, i: int) -> bool:
        k = self.index.entity_at(para, i)
        return k is not None and self.index.kind(k) == "Person"

    def _continues_entity(self, para: int, j: int) -> bool:
        k = self.index.entity_at(para, j)
        return bool(k) and j > 0 and self.index.entity_at(para, j - 1) == k

    def _person_at(self, s: _Sentence, i: int, within: int) -> tuple[int, int, str] | None:
        """The first person named from token i on, no more than `within` tokens later."""
        return next((r for r in s.persons if i <= r[0] < i + within), None)

    def _last_person_before(self, s: _Sentence, i: int) -> str | None:
        before = [r for r in s.persons if r[1] <= i]
        return before[-1][2] if before else None

    def _appointee_before(self, s: _Sentence, i: int) -> str | None:
        """Who a "... en remplacement de X" sentence appoints: the person before an appointment word."""
        doc = self.index.paras[s.para].doc
        for k in range(i - 1, s.start - 1, -1):
            if fold(doc[k].text) in self.w.appointed:
                return self._last_person_before(s, k)
        return None

    @staticmethod
    def _skip_aside(doc: Any, i: int, end: int) -> int:
        """Past a parenthesis or a comma after a name: "X (57 ans) en qualité de", "X, au poste de"."""
        if i < end and doc[i].text == "(":
            while i < end and doc[i].text != ")":
                i += 1
            i += 1
        if i < end and doc[i].text == ",":
            i += 1
        return i

    def _marker_at(self, doc: Any, i: int, end: int) -> bool:
        words = [fold(t.text) for t in doc[i:min(end, i + 4)]]
        return any(tuple(words[:len(m)]) == m for m in self.w.markers)
