"""Posts held: "X, secrétaire du Conseil ...", "le président chinois X", "Secretary of State X"."""
from __future__ import annotations

from typing import Any

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ArticleIndex, fold
from kg.model import PostHolding

_FORMER = {"ancien", "ancienne", "ex", "ex-", "sortant", "sortante", "former", "outgoing", "late"}
_MODIFIERS = _FORMER | {"haut", "haute", "hauts", "nouveau", "nouvelle", "futur", "future", "premier", "première",
                        "vice", "senior", "top", "new", "deputy", "acting", "intérim", "actuel", "actuelle"}
_STOP_POS = {"VERB", "AUX", "PRON", "PUNCT", "SCONJ", "CCONJ"}
_MAX_ROLE_TOKENS = 12


class PostFinder:
    def __init__(self, gaz: Gazetteer, lang: str) -> None:
        self.lang = lang
        self.titles = sorted({tuple(fold(t.surface).split()) for t in gaz.titles(lang)}, key=len, reverse=True)

    def _title_at(self, doc: Any, i: int, end: int) -> int:
        """Length in tokens of the (modifiers +) title starting at token i, 0 if none."""
        j = i
        while j < end and (fold(doc[j].text).rstrip("-") in _MODIFIERS or doc[j].text == "-"):
            j += 1
        words = [fold(t.text) for t in doc[j:min(end, j + 6)]]
        for title in self.titles:
            if tuple(words[: len(title)]) == title:
                return j - i + len(title)
        return 0

    def find(self, index: ArticleIndex) -> list[PostHolding]:
        out: list[PostHolding] = []
        seen: set[tuple[str, str | None, str]] = set()
        for pi, p in enumerate(index.paras):
            doc = p.doc
            runs = self._person_runs(index, pi, len(doc))
            for start, end, person in runs:
                for rs, re_ in (self._before(doc, start), self._after(doc, end)):
                    if re_ <= rs or not self._title_at(doc, rs, re_):
                        continue
                    orgs = [k for k in index.entities_in(pi, rs, re_) if index.kind(k) in ("Organization", "State")]
                    if not orgs:
                        continue
                    org = next((k for k in orgs if index.kind(k) == "Organization"), orgs[0])
                    role = doc[rs:re_].text
                    key = (person, org, fold(role))
                    if key in seen:
                        continue
                    seen.add(key)
                    sent = doc[start].sent
                    former = any(fold(t.text).rstrip("-") in _FORMER for t in doc[rs:re_])
                    out.append(PostHolding(person, role, self.lang, org, sent.text.strip(),
                                           index.sentence_of(p.offset + sent.start_char),
                                           "former" if former else "current", 0.8))
        return out

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

    def _before(self, doc: Any, start: int) -> tuple[int, int]:
        """The role phrase right before a name: "le [président chinois] Xi Jinping"."""
        j = start - 1
        while j >= 0 and start - j <= _MAX_ROLE_TOKENS and doc[j].pos_ not in _STOP_POS and doc[j].pos_ != "DET":
            j -= 1
        rs = j + 1
        while rs < start and not self._title_at(doc, rs, start) and doc[rs].pos_ in ("ADJ", "PROPN", "NOUN"):
            rs += 1  # tolerate leading words before the title, e.g. "Russian Foreign Minister"
        return rs, start

    def _after(self, doc: Any, end: int) -> tuple[int, int]:
        """The role phrase in apposition: "X, [secrétaire du Conseil ...],"."""
        if end >= len(doc) or doc[end].text not in (",", "(", "–", "—"):
            return 0, 0
        rs = end + 1
        while rs < len(doc) and doc[rs].pos_ == "DET":
            rs += 1
        re_ = rs
        while re_ < len(doc) and re_ - rs < _MAX_ROLE_TOKENS and doc[re_].pos_ not in _STOP_POS:
            re_ += 1
        return rs, re_
