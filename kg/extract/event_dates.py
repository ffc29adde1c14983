"""When an event happened: the date its sentence states, else the date the narration carries.

Dates are found by ``kg.extract.dates`` over the whole text; here they are placed in the parse
(their sentence, and the relative or participial clause they sit in) and assigned to events:

- a date stated in the trigger's sentence, a full date first, then the nearest; a date inside a
  relative clause ("le traité, qui sera signé vendredi") counts only for that clause;
- else the full date of the sentence just before in the same paragraph, or the last full date of
  an earlier sentence (same or previous paragraph) that names one of the participants;
- the article's own date line ("21 octobre 2016 . –") is no event date.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from kg.extract.index import ArticleIndex
from kg.model import DateValue

_DATELINE = re.compile(r"\s*\.?\s*[–—-]")  # "21 octobre 2016 . –": the article's own date line
_SUBCLAUSE = ("acl:relcl", "acl", "relcl")
# "MOSCOW - ", "WASHINGTON (Reuters) — ": a wire story's dateline.
_WIRE = re.compile(r"(?:^|\s)([A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Z][A-Z.'-]+)*(?:\s*\([^)\n]{1,30}\))?)\s+(?:-{1,2}|–|—)\s")


@dataclass
class PlacedDate:
    start: int
    end: int
    value: DateValue
    sentence: int
    relcl: int | None = None  # token index of the relative clause's verb
    verb: int | None = None  # token index of the verb of the clause the date sits in
    para: int = 0
    root: int | None = None  # token index (in its paragraph) of the date's syntactic head
    span: tuple[int, int] = (0, 0)  # its tokens in the paragraph


def _bare_participle(verb: Any) -> bool:
    """"nommée en septembre": a participle without auxiliary heading a side clause."""
    return ("Part" in verb.morph.get("VerbForm") and verb.dep_ != "ROOT"
            and not any(c.dep_.startswith("aux") for c in verb.children))


def clause_verb(tok: Any) -> Any:
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


class EventDates:
    """The dates of one article, placed in its parse."""

    def __init__(self, index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> None:
        self.index = index
        offsets = [p.offset for p in index.paras]
        self.para_of = [max(0, bisect.bisect_right(offsets, s.start) - 1) for s in index.sentences]
        self.dates: list[PlacedDate] = []
        for s, e, d in dates:
            if _DATELINE.match(index.text, e, e + 4) and not index.text[index.text.rfind("\n", 0, s) + 1:s].strip():
                continue
            pi = max(0, bisect.bisect_right(offsets, s) - 1)
            p = index.paras[pi]
            span = p.doc.char_span(s - p.offset, e - p.offset, alignment_mode="expand")
            relcl, verb_i, root, tokens = None, None, None, (0, 0)
            if span is not None and len(span):
                verb = clause_verb(span.root)
                verb_i = verb.i
                relcl = verb.i if verb.dep_ in _SUBCLAUSE or _bare_participle(verb) else None
                root, tokens = span.root.i, (span.start, span.end)
            self.dates.append(PlacedDate(s, e, d, index.sentence_of(s), relcl, verb_i, pi, root, tokens))
        self.of = frozenset(index.pack.prep("of")) | {"d'", "d’", "du", "des"}
        self.header = self._header_date(index, dates)
        self.lead_para = next((i for i, p in enumerate(index.paras[1:], 1) if len(p.doc) > 12), 0)
        m = _WIRE.search(index.text[:600])
        self.wire = DateValue(index.published.isoformat(), m.group(1)) if m and index.published else None

    @staticmethod
    def _header_date(index: ArticleIndex, dates: list[tuple[int, int, DateValue]]) -> DateValue | None:
        """A short line near the top that is only a full date ("January 17, 2014")."""
        for p in index.paras[:10]:
            line = p.doc.text.strip()
            if not line or len(p.doc) > 8:
                continue
            start = p.offset + p.doc.text.index(line)
            for s, e, d in dates:
                if s == start and e - s >= len(line.rstrip(" .")) and d.is_full_date:
                    return d
        return None

    def of_the_day(self, sent: int, verb: Any) -> DateValue | None:
        """What a release or transcript says happens now ("I welcome X here", a wire story's lead) took place
        on its day: the header's date line, or the publication date of a story opened by a wire dateline
        ("MOSCOW - ...") for its lead paragraph."""
        if self._lead(sent) and self.wire is not None:
            return self.wire
        return self.header

    def _lead(self, sent: int) -> bool:
        return sent < len(self.para_of) and self.para_of[sent] == self.lead_para

    def stated(self, sent: int, trigger: Any = None, near: int = 0, verbal: bool = False) -> DateValue | None:
        """The date stated in sentence `sent` for the trigger: a full date first, then the nearest.
        A date inside a relative clause counts only for a trigger of that clause. With `verbal`, a date that
        completes another noun than the trigger ("remplacé jusqu'à l'élection de mai 2017") does not count."""
        verb = clause_verb(trigger) if trigger is not None else None
        clause = verb.i if verb is not None else None
        outer = {a.i for a in verb.ancestors if a.dep_ in ("acl:relcl", "relcl")} \
            if verb is not None and verb.dep_ in _SUBCLAUSE else set()
        # a date belongs to the trigger when it modifies the trigger's clause or one that governs it, not a
        # side clause elsewhere in the sentence ("…, a-t-il dit après la guerre de 2014")
        governing = {clause, *(a.i for a in verb.ancestors)} if verb is not None else set()
        inside = [(abs(d.start - near), not d.value.is_full_date, d.value) for d in self.dates
                  if d.sentence == sent and (d.relcl is None or d.relcl == clause or d.relcl in outer)
                  and (verb is None or d.verb is None or d.verb in governing or d.relcl in outer)
                  and not (verbal and trigger is not None and self._of_a_noun(d, trigger))]
        return min(inside, key=lambda x: (x[1], x[0]))[2] if inside else None

    def _of_a_noun(self, d: PlacedDate, trigger: Any) -> bool:
        """Whether the date hangs on a noun other than `trigger` on its way up to its clause ("l'élection de
        mai 2017", "the summit of March 2019")."""
        if d.root is None:
            return False
        doc = self.index.paras[d.para].doc
        if doc is not trigger.doc:
            return False
        t = doc[d.root]
        if not any(c.dep_ == "case" and c.lower_ in self.of for c in t.children):
            return False  # "cesse ses fonctions ce 30 juin": a date, not a noun's complement "de mai 2017"
        while t.head.i != t.i and t.i != trigger.i and t.pos_ not in ("VERB", "AUX"):
            t = t.head
            if t.i == trigger.i or t.pos_ in ("VERB", "AUX"):
                return False
            if t.pos_ in ("NOUN", "PROPN") and not d.span[0] <= t.i < d.span[1]:
                return True
        return False

    def at(self, para: int, token: int) -> DateValue | None:
        """The date that starts at token `token` of paragraph `para`, if one does ("depuis [novembre 2014]")."""
        for d in self.dates:
            if d.para == para and d.span[0] <= token < d.span[1] and d.root is not None:
                return d.value
            if d.para == para and d.span[0] == token - 1 and d.root is not None and d.span[1] > token:
                return d.value  # the date includes its preposition ("depuis 2018")
        return None

    def context(self, sent: int, parts: list[str]) -> DateValue | None:
        """An event sentence with no date of its own continues the narration: the full date of the
        sentence just before it in its paragraph, else the last full date of an earlier sentence (same
        or previous paragraph) that names one of its participants."""
        if sent >= len(self.para_of):
            return None
        pi = self.para_of[sent]
        full = [d for d in self.dates if d.value.is_full_date and d.sentence < sent and self.para_of[d.sentence] >= pi - 1]
        before = sorted((d for d in full if d.sentence == sent - 1 and self.para_of[d.sentence] == pi),
                        key=lambda d: d.relcl is not None)
        if before:
            return before[0].value
        full = [d for d in full if d.relcl is None]
        named = {m.sentence for m in self.index.mentions if m.entity in parts}
        for d in reversed(full):
            if d.sentence in named:
                return d.value
        return None
