"""Titles of posts in a token sequence ("secrétaire d'État", "Foreign Minister", "ancien premier ministre").

The titles are the gazetteer's (``titles.tsv``, one language each) with the pack's modifiers
("ancien", "vice", "deputy") and former-words; matching is accent- and case-insensitive and
takes the longest title at a position.
"""
from __future__ import annotations

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
        self.by_length = sorted({len(w) for w in self.agents} | {len(w) for w in self.plurals}, reverse=True)
        self.starts: dict[str, list[int]] = {}  # first word -> lengths of the titles it starts, longest first
        for words in (*self.agents, *self.plurals):
            self.starts.setdefault(words[0], []).append(len(words))
        for lengths in self.starts.values():
            lengths.sort(reverse=True)
        self.former = {fold(w).rstrip("-") for w in pack.cue("former")}
        self.modifiers = {fold(w).rstrip("-") for w in pack.cue("title_modifiers")} | self.former

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
