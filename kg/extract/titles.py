"""Titles of posts in a token sequence ("secrétaire d'État", "Foreign Minister", "ancien premier ministre").

The titles are the gazetteer's (``titles.tsv``, one language each) with the pack's modifiers
("ancien", "vice", "deputy") and former-words; matching is accent- and case-insensitive and
takes the longest title at a position.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.extract.gazetteer import Gazetteer
from kg.extract.index import fold
from kg.extract.pack import LanguagePack

# Agent classes of titles that belong to a state's own government, army, parliament or courts:
# only these may take their country from context ("Manuel Valls, premier ministre").
NATIONAL_AGENTS = frozenset({"GOV", "MIL", "LEG", "JUD", "ELI", "DIP", "COP", "SPY"})


class Titles:
    def __init__(self, gaz: Gazetteer, pack: LanguagePack) -> None:
        self.agents: dict[tuple[str, ...], str] = {}
        self.plurals: dict[tuple[str, ...], str] = {}
        for t in gaz.titles(pack.lang):
            words = tuple(fold(t.surface).split())
            self.agents[words] = t.agent
        for words, agent in list(self.agents.items()):  # "ministres", "foreign ministers", "chefs d'État"
            for i, w in enumerate(words):
                if w.endswith(("s", "x")) or len(w) < 3:
                    continue
                plural = (*words[:i], w + ("x" if w.endswith("au") else "s"), *words[i + 1:])
                if plural not in self.agents:
                    self.plurals[plural] = agent
                if i == 0 and pack.lang != "en":
                    break  # French plural marks the head noun first ("ministres des affaires étrangères")
        self.normalized: dict[tuple[str, ...], str] = {tuple(fold(t.surface).split()): t.normalized_en
                                                      for t in gaz.titles(pack.lang) if t.normalized_en}
        self.by_length = sorted({len(w) for w in self.agents} | {len(w) for w in self.plurals}, reverse=True)
        self.starts: dict[str, list[int]] = {}  # first word -> lengths of the titles it starts, longest first
        for words in (*self.agents, *self.plurals):
            self.starts.setdefault(words[0], []).append(len(words))
        for lengths in self.starts.values():
            lengths.sort(reverse=True)
        self.former = {fold(w).rstrip("-") for w in pack.cue("former")}
        self.modifiers = {fold(w).rstrip("-") for w in pack.cue("title_modifiers")} | self.former
        self.acting = tuple(fold(w).strip("-") for w in pack.cue("acting"))
        self.elect = tuple(fold(w).strip("-") for w in pack.cue("elect"))
        self.designate = tuple(fold(w).strip("-") for w in pack.cue("designate"))
        # "le président élu en 2017": the participle of an election past, not a president-elect
        self.not_after_status = frozenset(fold(w) for w in pack.cue("not_after_status"))
        self.status_phrases = tuple(sorted((tuple(c.split()) for c in (*self.acting, *self.elect, *self.designate)),
                                           key=len, reverse=True))

    def at(self, doc: Any, i: int, end: int | None = None) -> tuple[int, str | None, bool]:
        """(length in tokens of the modifiers and title starting at token i, 0 if none; its agent class;
        whether it is plural)."""
        end = len(doc) if end is None else end
        j = i
        while j < end and (fold(doc[j].text).rstrip("-") in self.modifiers or doc[j].text == "-"):
            j += 1
        if j >= end:
            return 0, None, False
        first = fold(doc[j].text)
        for n in self.starts.get(first, ()):
            if n > end - j:
                continue
            words = (first, *(fold(t.text) for t in doc[j + 1:j + n])) if n > 1 else (first,)
            if words in self.agents:
                return j - i + n, self.agents[words], False
            if words in self.plurals:
                return j - i + n, self.plurals[words], True
        return 0, None, False

    def plural_titles(self, doc: Any) -> Iterator[tuple[int, int]]:
        """(start, length in tokens) of each plural title in `doc` ("les ministres", "foreign ministers"),
        modifiers included, at every token where one starts."""
        for i in range(len(doc)):
            n, _, plural = self.at(doc, i)
            if n and plural:
                yield i, n

    def length(self, doc: Any, i: int, end: int | None = None) -> int:
        return self.at(doc, i, end)[0]

    def prefix(self, doc: Any, start: int, end: int) -> int:
        """Tokens of a bare title (no modifiers) at doc[start:end], 0 if none (for cleaning names)."""
        for n in self.starts.get(fold(doc[start].text), ()) if start < end else ():
            if n <= end - start:
                words = tuple(fold(t.text) for t in doc[start:start + n])
                if words in self.agents or words in self.plurals:
                    return n
        return 0

    def is_former(self, doc: Any, start: int, end: int) -> bool:
        return any(fold(t.text).rstrip("-") in self.former for t in doc[start:end])

    def status_words_at(self, doc: Any, i: int) -> int:
        """Tokens of a status word at token i that continues a title ("par intérim", "élu", "-elect"), 0 if
        none or if it tells a past election rather than a status ("élu en 2017")."""
        for cue in self.status_phrases:
            n = len(cue)
            if tuple(fold(t.text).strip("-") for t in doc[i:i + n]) != cue:
                continue
            if i + n < len(doc) and (fold(doc[i + n].text) in self.not_after_status or doc[i + n].like_num):
                return 0
            return n
        return 0

    def without_former(self, label: str) -> str:
        """A role label without the words that make it former: "président sortant" -> "président"."""
        words = [w for w in label.split() if fold(w).strip("-") not in self.former]
        return " ".join(words) if words else label

    def without_status(self, label: str) -> str:
        """A role label without its status words: "président élu du Brésil" -> "président du Brésil"."""
        words = label.split()
        out: list[str] = []
        i = 0
        while i < len(words):
            suffix = next((c[0] for c in self.status_phrases if len(c) == 1 and fold(words[i]).endswith("-" + c[0])), None)
            if suffix:  # "President-elect", "Minister-designate"
                out.append(words[i][:len(words[i]) - len(suffix) - 1])
                i += 1
                continue
            for cue in self.status_phrases:
                if tuple(fold(w).strip("-") for w in words[i:i + len(cue)]) == cue and len(words) > len(cue):
                    i += len(cue)
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out) if out else label

    def status(self, doc: Any, start: int, end: int) -> str:
        """The status a title phrase doc[start:end] gives its post: "former" ("ancien", "ex-"), "acting"
        ("par intérim", "acting"), "elect" ("président élu", "President-elect"), "designate"
        ("Prime Minister-designate"), else "current". The words may stand just after the phrase."""
        if self.is_former(doc, start, end):
            return "former"
        words = [fold(t.text).strip("-") for t in doc[start:min(len(doc), end + 2)]]
        inside = words[:end - start]
        after = words[end - start:]
        text = " ".join(words)
        for status, cues in (("acting", self.acting), ("elect", self.elect), ("designate", self.designate)):
            for cue in cues:
                if " " in cue and f" {cue} " in f" {text} ":
                    return status
                if cue in inside:
                    return status
                if after and after[0] == cue and not (len(after) > 1 and (
                        after[1] in self.not_after_status or doc[end + 1].like_num)):
                    return status  # "le président élu du Brésil", not "le président élu en 2017"
        return "current"
