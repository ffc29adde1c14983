"""Posts held: "X, secrétaire du Conseil ...", "le président chinois X", "Secretary of State X"."""
from __future__ import annotations

from typing import Any, Callable

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ArticleIndex, fold
from kg.model import PostHolding

_FORMER = {"ancien", "ancienne", "ex", "ex-", "sortant", "sortante", "former", "outgoing", "late"}
_MODIFIERS = _FORMER | {"haut", "haute", "hauts", "nouveau", "nouvelle", "futur", "future", "premier", "première",
                        "vice", "senior", "top", "new", "deputy", "acting", "intérim", "actuel", "actuelle"}
_STOP_POS = {"VERB", "AUX", "PRON", "PUNCT", "SCONJ", "CCONJ"}
# Prepositions that may continue a role ("secrétaire du Conseil", "ambassadeur à l'ONU"); others end it.
_ROLE_PREPOSITIONS = {"de", "du", "des", "d'", "d’", "à", "au", "aux", "of", "to", "for"}
# Agent classes of titles that belong to a state's own government, army, parliament or courts:
# only these may take their country from context ("Manuel Valls, premier ministre").
_NATIONAL_AGENTS = {"GOV", "MIL", "LEG", "JUD", "ELI", "DIP", "COP", "SPY"}
_MAX_ROLE_TOKENS = 12


def _role_text(text: str) -> str:
    """"Président" -> "président": one spelling per role whatever its place in the sentence
    (acronyms and capitalised names inside the role are kept)."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


class PostFinder:
    def __init__(self, gaz: Gazetteer, lang: str) -> None:
        self.lang = lang
        self.agents = {tuple(fold(t.surface).split()): t.agent for t in gaz.titles(lang)}
        self.titles = sorted(self.agents, key=len, reverse=True)

    def _title(self, doc: Any, i: int, end: int) -> tuple[int, str | None]:
        """Length in tokens of the (modifiers +) title starting at token i (0 if none), and its agent class."""
        j = i
        while j < end and (fold(doc[j].text).rstrip("-") in _MODIFIERS or doc[j].text == "-"):
            j += 1
        words = [fold(t.text) for t in doc[j:min(end, j + 6)]]
        for title in self.titles:
            if tuple(words[: len(title)]) == title:
                return j - i + len(title), self.agents[title]
        return 0, None

    def _title_at(self, doc: Any, i: int, end: int) -> int:
        return self._title(doc, i, end)[0]

    def find(self, index: ArticleIndex) -> list[PostHolding]:
        out: list[PostHolding] = []
        seen: set[tuple[str, str | None, str]] = set()
        context = self._dominant_state(index)
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for start, end, person in self._person_runs(index, pi, len(doc)):
                covered = lambda i, pi=pi: index.entity_at(pi, i) is not None  # noqa: E731
                for rs, re_ in (self._before(index, pi, start, covered), self._after(doc, end, covered)):
                    if re_ <= rs or not self._title_at(doc, rs, re_):
                        continue
                    orgs = [k for k in index.entities_in(pi, rs, re_) if index.kind(k) in ("Organization", "State")]
                    confidence = 0.8
                    org: str | None
                    own = self._own_state(index, pi, doc, rs, re_)
                    if own:  # "l'ambassadeur russe à l'ONU": the adjective says whom he serves
                        org = own
                    elif orgs:
                        org = next((k for k in orgs if index.kind(k) == "Organization"), orgs[0])
                    elif self._title(doc, rs, re_)[1] in _NATIONAL_AGENTS:
                        # "Manuel Valls, premier ministre": the country comes from the person or the article
                        org = self._state_of(index, person) or context
                        if self._title(doc, rs, re_)[1] == "MIL":  # "le général X": the state's army, if named
                            org = self._army_of(index, org) or org
                        confidence = 0.5
                    else:
                        continue
                    if org is None:
                        continue
                    role = _role_text(doc[rs:re_].text)
                    key = (person, org, fold(role))
                    if key in seen:
                        continue
                    seen.add(key)
                    sent = doc[start].sent
                    former = any(fold(t.text).rstrip("-") in _FORMER for t in doc[rs:re_])
                    out.append(PostHolding(person, role, self.lang, org, sent.text.strip(),
                                           index.sentence_of(p.offset + sent.start_char),
                                           "former" if former else "current", confidence))
        for person, pi, start, end, state in index.descriptions:  # "le dirigeant russe" = Poutine
            doc = index.paras[pi].doc
            role = _role_text(doc[start:end].text)
            if not self._title_at(doc, start, end) or (person, state, fold(role)) in seen:
                continue
            seen.add((person, state, fold(role)))
            sent = doc[start].sent
            out.append(PostHolding(person, role, self.lang, state, sent.text.strip(),
                                   index.sentence_of(index.paras[pi].offset + sent.start_char), "current", 0.6))
        return out

    def _own_state(self, index: ArticleIndex, pi: int, doc: Any, rs: int, re_: int) -> str | None:
        """The state named by an adjective right after the title, when the role then goes on with
        "à"/"auprès" (a posting), not with "du/de" (a body the holder belongs to)."""
        n = self._title_at(doc, rs, re_)
        k = index.entity_at(pi, rs + n) if rs + n < re_ else None
        if not k or index.kind(k) != "State" or doc[rs + n].text[:1].isupper():
            return None
        nxt = doc[rs + n + 1].lower_ if rs + n + 1 < re_ else ""
        return k if nxt in ("à", "au", "aux", "auprès", "") else None

    @staticmethod
    def _army_of(index: ArticleIndex, state: str | None) -> str | None:
        """The army of `state` named in the article; with no state known, the only army named."""
        armies = [(k, e.iso2) for k, e in index.entities.items() if k.startswith("org/army-of-")]
        if state is None:
            return armies[0][0] if len(armies) == 1 else None
        iso2 = index.entities[state].iso2
        return next((k for k, i in armies if iso2 and i == iso2), None)

    @staticmethod
    def _state_of(index: ArticleIndex, person: str) -> str | None:
        """The state a known person belongs to (gazetteer), if the article mentions that state."""
        iso2 = index.entities[person].iso2
        if not iso2:
            return None
        return next((k for k, e in index.entities.items() if e.kind == "State" and e.iso2 == iso2), None)

    @staticmethod
    def _dominant_state(index: ArticleIndex) -> str | None:
        """The state an article is about: named in its headline, or clearly the most mentioned."""
        counts: dict[str, int] = {}
        for m in index.mentions:
            if index.kind(m.entity) == "State":
                counts[m.entity] = counts.get(m.entity, 0) + (3 if m.sentence == 0 else 1)
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
            return None
        return ranked[0][0]

    @staticmethod
    def _person_runs(index: ArticleIndex, pi: int, n: int) -> list[tuple[int, int, str]]:
        runs: list[tuple[int, int, str]] = []
        i = 0
        while i < n:
            k = index.entity_at(pi, i)
            if k and index.kind(k) == "Person":
                j = i
                while j < n and index.entity_at(pi, j) == k:
                    j += 1
                runs.append((i, j, k))
                i = j
            else:
                i += 1
        return runs

    def _before(self, index: ArticleIndex, pi: int, start: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase right before a name: "le [président chinois] Xi Jinping",
        "au [président colombien] Juan Manuel Santos", "le [secrétaire général de l'ONU], Ban Ki-moon,"."""
        doc = index.paras[pi].doc
        end = start
        if start > 1 and doc[start - 1].text == ",":
            k = index.entity_at(pi, start - 2)
            if doc[start - 2].pos_ != "PROPN" or (k and index.kind(k) in ("Organization", "State")):
                end = start - 1
        if doc[end - 1].pos_ in ("PROPN", "X") and not covered(end - 1) and not self._title_at(doc, end - 1, end):
            return 0, 0  # a name word the person span left out ("Nawaz" before "Sharif"): unsafe
        j = end - 1
        while j >= 0 and end - j <= _MAX_ROLE_TOKENS and (doc[j].pos_ not in _STOP_POS or covered(j)):
            j -= 1
        for rs in range(j + 1, end):  # the earliest title in the window
            if doc[rs].pos_ not in ("DET", "ADP") and self._title_at(doc, rs, end):
                return rs, end
        return 0, 0

    def _after(self, doc: Any, end: int, covered: Callable[[int], bool]) -> tuple[int, int]:
        """The role phrase in apposition: "X, [secrétaire du Conseil ...],"."""
        if end >= len(doc) or doc[end].text not in (",", "(", "–", "—"):
            return 0, 0
        rs = end + 1
        while rs < len(doc) and doc[rs].pos_ == "DET":
            rs += 1
        re_ = rs
        while re_ < len(doc) and re_ - rs < _MAX_ROLE_TOKENS and (doc[re_].pos_ not in _STOP_POS or (
                covered(re_) and doc[re_].text != ",")):
            if doc[re_].pos_ == "ADP" and doc[re_].lower_ not in _ROLE_PREPOSITIONS and not covered(re_):
                break
            re_ += 1
        return rs, re_
