"""Posts stated by appointments, resignations and successions (French).

"X a été nommé par Y premier ministre", "la nomination de X en qualité de Premier ministre",
"X a démissionné du poste de premier ministre", "X remplace Y comme premier ministre",
"Il est remplacé par Z": the post is named by the sentence, or, when the sentence only says
that one person replaces another, it is the post the text gave the person replaced.

Subjects may be pronouns at the start of a sentence: "Il"/"Elle" is the first person named in
the sentence before, "Ce dernier"/"Celui-ci" the last one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.extract.mentions import ArticleIndex, fold
from kg.model import PostHolding

if TYPE_CHECKING:
    from kg.extract.posts import PostFinder


# Participles and verbs that give someone a post (folded).
_APPOINTED = {"nomme", "nommee", "nommes", "nommees", "designe", "designee", "elu", "elue", "reelu", "reelue",
              "investi", "investie", "promu", "promue", "reconduit", "reconduite", "devient", "devenu", "devenue"}
# Nouns that announce an appointment ("la nomination de X en qualité de ...").
_APPOINTMENT_NOUNS = {"nomination", "designation", "election", "investiture"}
# What may stand between an appointment word and the post: auxiliaries, the appointer, adverbs, time.
_FILLER = {"a", "ete", "est", "sera", "avait", "officiellement", "finalement", "ainsi", "alors", "hier", "ce",
           "cette", "mardi", "lundi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir",
           "par", "le", "la", "l'", "comme", "au", "poste", "de", "d'", "en", "qualite", "tant", "que", "nouveau",
           "nouvelle", "tete"}
# Markers that introduce the post itself.
_POST_MARKERS = (("en", "qualite", "de"), ("en", "qualite", "d'"), ("au", "poste", "de"), ("au", "poste", "d'"),
                 ("en", "tant", "que"), ("a", "la", "tete", "de"), ("comme",))
_RESIGNED = {"demissionne", "demissionnee", "quitte", "quittera", "abandonne"}
_REPLACES = {"remplace", "remplacant", "remplacera", "succede", "succedant", "succedera"}
_REPLACED = {"remplace", "remplacee", "remplaces", "remplacees"}
_FIRST_PRONOUNS = {"il", "elle"}
_LAST_PRONOUNS = {"ce dernier", "cette derniere", "celui-ci", "celle-ci"}
_WINDOW = 8
_TRIGGER_WORDS = sorted(_APPOINTED | _APPOINTMENT_NOUNS | _RESIGNED | _REPLACES | _REPLACED | {"remplacement"})
_TRIGGER_RE = re.compile(r"\b(?:" + "|".join(_TRIGGER_WORDS) + r")\b")
_SAME_POST_MODIFIERS = {"nouveau", "nouvelle", "actuel", "actuelle", "new", "current"}


def post_key(person: str, org: str | None, role: str) -> tuple[str, str | None, str]:
    """What makes two posts in one article the same: holder, body and title, whatever the case or
    a modifier that does not change the post ("nouveau Premier ministre" = "premier ministre")."""
    words = fold(role).split()
    while len(words) > 1 and words[0] in _SAME_POST_MODIFIERS:
        words = words[1:]
    return person, org, " ".join(words)


@dataclass
class _Sentence:
    para: int
    start: int  # token range in the paragraph's doc
    end: int
    persons: list[tuple[int, int, str]]  # (start, end, entity) in order


class Successions:
    """Finds posts in appointment, resignation and succession sentences of a French article."""

    def __init__(self, finder: PostFinder) -> None:
        self.finder = finder

    def find(self, index: ArticleIndex, posts: list[PostHolding], context: str | None) -> list[PostHolding]:
        """New posts (and posts of `posts` marked former) stated by successions in the article."""
        self.index, self.context = index, context
        self.held = list(posts)  # posts the text gave by title: what a successor can take over
        self.keys = {post_key(p.person, p.organization, p.role) for p in posts}
        self.new: list[PostHolding] = []
        sentences = self._sentences(index)
        for n, s in enumerate(sentences):
            prev = sentences[n - 1] if n and sentences[n - 1].persons else None
            doc = index.paras[s.para].doc
            if not s.persons and not prev or not _TRIGGER_RE.search(fold(doc[s.start:s.end].text)):
                continue  # most sentences: no appointment, resignation or succession word
            words = [fold(t.text) for t in doc[s.start:s.end]]
            self._appointments(s, doc, words)
            self._resignations(s, doc)
            self._replacements(s, doc, prev)
        return self.new

    # ------------------------------------------------------------------ sentence shapes
    def _appointments(self, s: _Sentence, doc: Any, words: list[str]) -> None:
        noun = any(w in _APPOINTMENT_NOUNS for w in words)
        for ps, pe, person in s.persons:
            # "X (a été) nommé (par Y) (au poste de) R" / "X devient R"
            for i in range(pe, min(s.end, pe + _WINDOW)):
                w = fold(doc[i].text)
                if w in _APPOINTED:
                    if not (i > 0 and fold(doc[i - 1].text) in ("a", "avait", "ont")):  # not "X a nommé Y"
                        self._post_after(s, doc, i + 1, person, "current", 0.7)
                    break
                if self.index.entity_at(s.para, i) not in (None, person) and self._is_person(s.para, i):
                    break
                if doc[i].pos_ in ("VERB",) or doc[i].text in (".", ";", ":"):
                    break
            # "la nomination de X (57 ans) en qualité de R", "celle de X, au poste de R"
            if noun:
                j = self._skip_aside(doc, pe, s.end)
                if self._marker_at(doc, j, s.end):
                    self._post_after(s, doc, j, person, "current", 0.7)
        # "Y a nommé X R": the appointee follows an active verb
        for i in range(s.start, s.end):
            if fold(doc[i].text) in _APPOINTED and i > 0 and fold(doc[i - 1].text) in ("a", "avait", "ont"):
                hit = self._person_at(s, i + 1, 3)
                if hit:
                    self._post_after(s, doc, hit[1], hit[2], "current", 0.7)

    def _resignations(self, s: _Sentence, doc: Any) -> None:
        # "X a démissionné du poste de R", "X quitte ses fonctions de R"
        for ps, pe, person in s.persons:
            for i in range(pe, min(s.end, pe + 4)):
                if fold(doc[i].text) in _RESIGNED:
                    j = i + 1
                    while j < s.end and fold(doc[j].text) in ("du", "de", "d'", "son", "sa", "ses", "poste",
                                                             "fonctions", "fonction", "la", "tete"):
                        j += 1
                    if j > i + 1:
                        self._post_at(s, doc, j, person, "former", 0.7)
                    break

    def _replacements(self, s: _Sentence, doc: Any, prev: _Sentence | None) -> None:
        subject = self._subject(s, doc, prev)
        for i in range(s.start, s.end):
            w = fold(doc[i].text)
            passive = w in _REPLACED and i > s.start and fold(doc[i - 1].text) in ("est", "ete", "sera", "tour")
            if passive:  # "X est (à son tour) remplacé par Y (comme R)"
                j = i + 1
                while j < s.end and fold(doc[j].text) != "par" and j < i + 5:
                    j += 1
                successor = self._person_at(s, j + 1, _WINDOW) if j < s.end else None
                left = subject or self._last_person_before(s, i)
                if successor and left:
                    self._succeed(s, doc, successor[2], left, successor[1], i)
            elif w in _REPLACES or (w == "remplacement" and i + 1 < s.end and fold(doc[i + 1].text) in ("de", "d'")):
                # "Y remplace X (comme R)", "Y succède à X", "... R en remplacement de X"
                k = i + 1
                if k < s.end and fold(doc[k].text) in ("a", "au", "de", "d'"):
                    k += 1
                replaced = self._person_at(s, k, 3)
                newcomer = self._last_person_before(s, i) if w != "remplacement" else None
                if w == "remplacement":
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
            made = self._post_after(s, doc, j, newcomer, "current", 0.7)
            if made:
                self._add(left, made.role, made.organization, s, "former", 0.6)
            return
        sentence = self._sentence_no(s)
        named = [p for p in self.new if p.person == newcomer and p.sentence == sentence and p.status == "current"]
        if named:  # "X a été nommé R en remplacement de Y": Y leaves R
            self._add(left, named[-1].role, named[-1].organization, s, "former", 0.6)
            return
        earlier = [p for p in self.held if p.person == left and p.sentence <= sentence]
        if not earlier:
            return
        post = earlier[-1]
        self._add(newcomer, post.role, post.organization, s, "current", 0.6)
        post.status = "former"

    def _post_after(self, s: _Sentence, doc: Any, i: int, person: str, status: str,
                    confidence: float) -> PostHolding | None:
        """The post named from token i on, past the appointer and markers: "(par Y) (au poste de) R"."""
        j = i
        while j < s.end and j < i + _WINDOW:
            if self.finder._title_at(doc, j, s.end) and doc[j].pos_ not in ("DET", "ADP"):
                return self._post_at(s, doc, j, person, status, confidence)
            w = fold(doc[j].text)
            if not (w in _FILLER or doc[j].pos_ in ("DET", "ADV", "NUM") or (
                    self.index.entity_at(s.para, j) not in (None, person) and fold(doc[j - 1].text) in ("par", "")
                    or self._continues_entity(s.para, j))):
                return None
            j += 1
        return None

    def _post_at(self, s: _Sentence, doc: Any, i: int, person: str, status: str,
                 confidence: float) -> PostHolding | None:
        covered = lambda k: self.index.entity_at(s.para, k) is not None  # noqa: E731
        rs, re_ = self.finder.phrase(doc, i, covered)
        re_ = min(re_, s.end)
        if re_ <= rs or not self.finder._title_at(doc, rs, re_):
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
            runs = self.finder._person_runs(index, pi, len(p.doc))
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
        if one in _FIRST_PRONOUNS:
            return prev.persons[0][2]
        if one in _LAST_PRONOUNS or two in _LAST_PRONOUNS:
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
            if fold(doc[k].text) in _APPOINTED:
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

    @staticmethod
    def _marker_at(doc: Any, i: int, end: int) -> bool:
        words = [fold(t.text) for t in doc[i:min(end, i + 4)]]
        return any(tuple(words[:len(m)]) == m for m in _POST_MARKERS)
