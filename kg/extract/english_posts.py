"""Posts held, from English token patterns (no parse needed).

* title before the name: "President Xi Jinping", "Chinese President Hu Jintao",
  "Russia's Foreign Minister Sergei Lavrov", "Secretary of State John Kerry",
  "Prime Minister of Japan Shinzo Abe", "his Turkish counterpart, Recep Tayyip Erdogan";
  an "of <state>" right after the name gives the organisation ("Foreign Minister Minh of
  Vietnam");
* apposition: "Sergei Lavrov, Russia's foreign minister," / "X, the secretary of ...";
* dateline block: a line holding only a name, then a line holding only a title.

The organisation is the organisation or state named inside the role; otherwise, for
national titles (government, army, parliament, diplomacy), the person's own state (if the
article names it) or the state the article is about. With none, no post is emitted.
"""
from __future__ import annotations

from typing import Any

from kg.extract.english_ner import EnglishNames
from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ArticleIndex, fold
from kg.extract.posts import PostFinder
from kg.model import PostHolding

FORMER = frozenset(["former", "ex", "ex-", "outgoing", "late", "then"])
MODIFIERS = FORMER | frozenset(["deputy", "vice", "acting", "interim", "new", "incoming", "senior", "top", "chief", "first", "host"])
_DETERMINERS = frozenset(["the", "his", "her", "its", "their", "a", "an"])
_POSSESSIVE = ("'s", "’s", "'", "’")
_INSIDE_ROLE = frozenset(["of", "for", "to", "the", "and", "on"])
_END = frozenset([",", ".", ";", ":", "(", ")", "—", "–", "--", '"', "”", "said", "says"])
_NATIONAL = {"GOV", "MIL", "LEG", "JUD", "ELI", "DIP", "COP", "SPY"}
_MAX_ROLE = 12


class EnglishPostFinder:
    def __init__(self, gaz: Gazetteer, names: EnglishNames) -> None:
        self.names = names
        self.agents = {fold(t.surface): t.agent for t in gaz.titles("en")}

    def _agent(self, doc: Any, rs: int, re_: int) -> str | None:
        for i in range(rs, re_):
            n = self.names.title_at(doc, i, re_)
            if n:
                return self.agents.get(" ".join(fold(t.text) for t in doc[i:i + n]), "GOV")
        return None

    def find(self, index: ArticleIndex) -> list[PostHolding]:
        """Post holdings of one article, and the token ranges of their roles (for the event finders)."""
        out: list[PostHolding] = []
        seen: set[tuple[str, str | None, str]] = set()
        context = PostFinder._dominant_state(index)
        docs = [p.doc for p in index.paras]
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for start, end, person in PostFinder._person_runs(index, pi, len(doc)):
                for n_, (dp, (rs, re_)) in enumerate(((pi, self._before(index, pi, start)), (pi, self._after(index, pi, end)),
                                                      (pi + 1, self._dateline(docs, pi, start, end)))):
                    if re_ <= rs:
                        continue
                    if n_ == 0:
                        self._aliases(index, pi, rs, re_, start, end, person)
                    rdoc = docs[dp]
                    orgs = [k for k in index.entities_in(dp, rs, re_) if index.kind(k) in ("Organization", "State")]
                    # "Foreign Minister Minh of Vietnam"
                    if not orgs and dp == pi and rs < start and end + 1 < len(doc) and doc[end].lower_ == "of":
                        k = index.entity_at(pi, end + 1) or (
                            index.entity_at(pi, end + 2) if doc[end + 1].lower_ == "the" else None)
                        if k and index.kind(k) in ("Organization", "State"):
                            orgs = [k]
                    confidence = 0.8
                    org: str | None
                    if orgs:
                        org = next((k for k in orgs if index.kind(k) == "Organization"), orgs[0])
                    elif self._agent(rdoc, rs, re_) in _NATIONAL:
                        org = PostFinder._state_of(index, person) or context
                        confidence = 0.5
                    else:
                        org = None
                    if org is None:
                        continue
                    role = rdoc[rs:re_].text
                    key = (person, org, fold(role))
                    if key in seen:
                        continue
                    seen.add(key)
                    sent = doc[start].sent
                    former = any(fold(t.text) in FORMER for t in rdoc[rs:re_])
                    out.append(PostHolding(person, role, "en", org, sent.text.strip(),
                                           index.sentence_of(p.offset + sent.start_char),
                                           "former" if former else "current", confidence))
        for person, pi, start, end, iso2 in index.principals:  # "The President" of a White House readout
            state = index.state_with_iso2(iso2)
            doc = index.paras[pi].doc
            role = doc[start:end].text
            if state is None or (person, state, fold(role)) in seen:
                continue
            seen.add((person, state, fold(role)))
            sent = doc[start].sent
            out.append(PostHolding(person, role, "en", state, sent.text.strip(),
                                   index.sentence_of(index.paras[pi].offset + sent.start_char), "current", 0.6))
        return _drop_contained(out)

    def _aliases(self, index: ArticleIndex, pi: int, rs: int, re_: int, start: int, end: int, person: str) -> None:
        """Title and name as one surface form of the person: "Vietnamese Foreign Minister Minh",
        "Foreign Minister Minh", "Foreign Minister Minh of Vietnam", "SECRETARY KERRY"; a described
        counterpart before a comma ("his Turkish counterpart, X") gives "his Turkish counterpart"."""
        doc = index.paras[pi].doc
        aliases = index.entities[person].aliases
        if re_ < start:  # "<det> <role>, <name>"
            if rs > 0 and fold(doc[rs - 1].text) in _DETERMINERS and index.entity_at(pi, rs) != person:
                aliases.add(doc[rs - 1:re_].text)
            return
        ts = self.names.title_ending(doc, re_)
        forms = {doc[rs:end].text}
        if ts >= 0:
            forms.add(doc[ts:end].text)
            if end + 1 < len(doc) and doc[end].lower_ == "of":
                k = index.entity_at(pi, end + 1)
                if k and index.kind(k) == "State":
                    e = end + 1
                    while e < len(doc) and index.entity_at(pi, e) == k:
                        e += 1
                    forms.add(doc[ts:e].text)
        aliases.update(forms)

    def role_spans(self, index: ArticleIndex) -> set[tuple[int, int]]:
        """(paragraph, token) of every token inside a role phrase before or after a name."""
        out: set[tuple[int, int]] = set()
        for pi, p in enumerate(index.paras):
            for start, end, _ in PostFinder._person_runs(index, pi, len(p.doc)):
                for rs, re_ in (self._before(index, pi, start), self._after(index, pi, end)):
                    out.update((pi, i) for i in range(rs, re_))
        return out

    # -- role phrases -----------------------------------------------------------------------
    @staticmethod
    def _org_or_state(index: ArticleIndex, pi: int, i: int) -> bool:
        k = index.entity_at(pi, i)
        return k is not None and index.kind(k) in ("State", "Organization")

    def _extend_left(self, index: ArticleIndex, pi: int, ts: int) -> int:
        """Take modifiers and a state or organisation before a title: "former Russian", "China's"."""
        doc = index.paras[pi].doc
        rs = ts
        while rs > 0 and ts - rs < _MAX_ROLE:
            prev = doc[rs - 1]
            k = index.entity_at(pi, rs - 1)
            modifier = fold(prev.text).rstrip("-") in MODIFIERS and fold(prev.text) != "host"
            if modifier or (prev.text in _POSSESSIVE and rs >= 2 and self._org_or_state(index, pi, rs - 2)):
                rs -= 1
            elif k and index.kind(k) in ("State", "Organization"):
                while rs > 0 and index.entity_at(pi, rs - 1) == k:
                    rs -= 1
            else:
                break
        return rs

    def _before(self, index: ArticleIndex, pi: int, start: int) -> tuple[int, int]:
        doc = index.paras[pi].doc
        e = start
        if e > 1 and doc[e - 1].text == ",":
            e -= 1
            ts = self.names.title_ending(doc, e)
            # only "his Turkish counterpart, X" / "the foreign minister, X": a determiner opens it
            if ts < 0:
                return 0, 0
            rs = self._extend_left(index, pi, ts)
            if rs == 0 or fold(doc[rs - 1].text) not in _DETERMINERS:
                return 0, 0
            return rs, e
        ts = self.names.title_ending(doc, e)
        if ts < 0:
            # "Prime Minister of Japan Shinzo Abe"
            k = index.entity_at(pi, e - 1) if e > 0 else None
            if not k or index.kind(k) not in ("State", "Organization"):
                return 0, 0
            j = e - 1
            while j > 0 and index.entity_at(pi, j - 1) == k:
                j -= 1
            if j > 0 and doc[j - 1].lower_ == "the":
                j -= 1
            if j < 2 or doc[j - 1].lower_ not in ("of", "for"):
                return 0, 0
            ts = self.names.title_ending(doc, j - 1)
            if ts < 0:
                return 0, 0
        return self._extend_left(index, pi, ts), e

    def _after(self, index: ArticleIndex, pi: int, end: int) -> tuple[int, int]:
        doc = index.paras[pi].doc
        if end + 1 >= len(doc) or doc[end].text not in (",", "("):
            return 0, 0
        rs = end + 1
        while rs < len(doc) and fold(doc[rs].text) in _DETERMINERS:
            rs += 1
        j, titled = rs, False
        while j < len(doc) and j - rs < _MAX_ROLE and doc[j].text not in _END:
            n = self.names.title_at(doc, j)
            if n:
                titled = True
                j += n
                continue
            t = doc[j]
            if not (t.text[:1].isupper() or index.entity_at(pi, j) or fold(t.text) in _INSIDE_ROLE
                    or fold(t.text).rstrip("-") in MODIFIERS or t.text in _POSSESSIVE or t.text == "-"):
                return 0, 0
            k = index.entity_at(pi, j)
            if k and index.kind(k) == "Person":
                return 0, 0  # a list of people, not a role
            j += 1
        if not titled or j >= len(doc) or doc[j].text not in _END:
            return 0, 0
        while j > rs and fold(doc[j - 1].text) in _INSIDE_ROLE:
            j -= 1
        return rs, j

    def _dateline(self, docs: list[Any], pi: int, start: int, end: int) -> tuple[int, int]:
        if start != 0 or end != len(docs[pi]) or pi + 1 >= len(docs):
            return 0, 0
        nxt = docs[pi + 1]
        if len(nxt) and self.names.title_at(nxt, 0) == len(nxt):
            return 0, len(nxt)
        return 0, 0


def _drop_contained(posts: list[PostHolding]) -> list[PostHolding]:
    """One post per person and organisation when one role contains the other
    ("Foreign Minister" in "Vietnamese Foreign Minister", "SECRETARY" in "Secretary of State")."""
    def inside(a: str, b: str) -> bool:
        return a != b and f" {a} " in f" {b} "

    return [p for p in posts if not any(
        q.person == p.person and q.organization == p.organization and inside(fold(p.role), fold(q.role))
        for q in posts)]
