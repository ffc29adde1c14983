"""The parsed article and its resolved mentions: what every extraction stage reads and adds to."""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kg.extract.nlp import Paragraph
from kg.extract.pack import LanguagePack
from kg.model import Entity, Mention, Sentence


@functools.lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Accent-, case- and apostrophe-insensitive form for comparing names (cached: the rules fold the
    same token texts over and over)."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


@dataclass
class Span:
    """A candidate mention: paragraph index and token range, plus what it denotes."""

    para: int
    start: int  # token index in the paragraph doc
    end: int
    kind: str  # Person | Organization | State | Place | Misc
    key: str | None = None
    label: str | None = None
    label_lang: str = "en"
    iso2: str | None = None
    source: str = "ner"
    label_fr: str | None = None
    courtesy: int | None = None  # token of a courtesy title before a person's name ("M.", "Mme", "Mr")


@dataclass
class ArticleIndex:
    """Parsed paragraphs with their resolved mentions, for the relation extractors."""

    text: str
    lang: str
    paras: list[Paragraph]
    pack: LanguagePack
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    # "le dirigeant russe" resolved to a person: (person key, paragraph, start, end, state key)
    descriptions: list[tuple[str, int, int, int, str]] = field(default_factory=list)
    # a release's principal named by title only: (person key, paragraph, title start, end, ISO alpha-2)
    principals: list[tuple[str, int, int, int, str]] = field(default_factory=list)
    # where the article comes from and when: who "the Secretary" of a press release is
    url: str | None = None
    published: dt.date | None = None
    publisher: str | None = None  # ISO code of the state whose government published the article, if one did
    speakers: dict[int, str] = field(default_factory=dict)  # paragraph of a transcript turn -> its speaker
    # people the article lists once under a plural title ("special representatives" -> [X, Y])
    title_groups: dict[str, list[str]] = field(default_factory=dict)
    _by_token: dict[tuple[int, int], list[tuple[int, str]]] = field(default_factory=dict)
    _sent_starts: list[int] = field(default_factory=list)

    # -- lookups ----------------------------------------------------------------------------
    def entity_at(self, para: int, i: int) -> str | None:
        """The innermost entity mention covering token i of paragraph `para`."""
        found = self._by_token.get((para, i))
        return min(found)[1] if found else None

    def outer_entity_at(self, para: int, i: int) -> str | None:
        """The outermost entity mention covering token i ("her North Korean counterpart", not "North Korean")."""
        found = self._by_token.get((para, i))
        return max(found)[1] if found else None

    def entities_in(self, para: int, start: int, end: int) -> list[str]:
        """Distinct entities mentioned in a token range, in order of first mention."""
        out: list[str] = []
        for i in range(start, end):
            k = self.entity_at(para, i)
            if k and k not in out:
                out.append(k)
        return out

    def mention_extent(self, para: int, i: int) -> tuple[int, int]:
        """Token range of the mention that covers token i (i, i + 1 when none does)."""
        k = self.entity_at(para, i)
        if k is None:
            return i, i + 1
        s, e = i, i + 1
        while s > 0 and self.entity_at(para, s - 1) == k:
            s -= 1
        n = len(self.paras[para].doc)
        while e < n and self.entity_at(para, e) == k:
            e += 1
        return s, e

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def sentence_at(self, para: int, tok: Any) -> int:
        return self.sentence_of(self.paras[para].offset + tok.sent.start_char)

    def kind(self, key: str) -> str:
        e = self.entities.get(key)
        return e.kind if e is not None else ""

    def state_with_iso2(self, iso2: str | None) -> str | None:
        """The state the article mentions with this ISO alpha-2 code, if any."""
        if not iso2:
            return None
        return next((k for k, e in self.entities.items() if e.kind == "State" and e.iso2 == iso2), None)

    def char_span(self, para: int, start: int, end: int) -> tuple[int, int]:
        doc = self.paras[para].doc
        off = self.paras[para].offset
        return off + doc[start].idx, off + doc[end - 1].idx + len(doc[end - 1].text)

    # -- changes by the later passes -----------------------------------------------------------
    def add_entity(self, entity: Entity) -> Entity:
        return self.entities.setdefault(entity.key, entity)

    def add_mention(self, para: int, start: int, end: int, key: str, cover: bool = False) -> None:
        """Mention `key` at tokens start:end; with `cover`, mentions inside the range are dropped first."""
        if cover:
            self.drop_mentions(para, start, end)
        cs, ce = self.char_span(para, start, end)
        surface = self.text[cs:ce]
        self.entities[key].aliases.add(surface)
        bisect.insort(self.mentions, Mention(cs, ce, surface, key, self.sentence_of(cs)),
                      key=lambda m: (m.start, m.end))
        for i in range(start, end):
            self._by_token.setdefault((para, i), []).append((end - start, key))

    def drop_mentions(self, para: int, start: int, end: int) -> None:
        """Forget the mentions inside tokens start:end (an entity left with none is removed)."""
        cs, ce = self.char_span(para, start, end)
        gone = [m for m in self.mentions if cs <= m.start and m.end <= ce]
        if not gone:
            return
        self.mentions = [m for m in self.mentions if not (cs <= m.start and m.end <= ce)]
        for i in range(start, end):
            self._by_token.pop((para, i), None)
        left = {m.entity for m in self.mentions}
        for m in gone:
            if m.entity not in left:
                self.entities.pop(m.entity, None)
