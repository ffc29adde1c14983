"""Rule-based person names for English, where no statistical model is installed.

spaCy's blank English pipeline has no NER. This tagger sets ``doc.ents`` (label PER) so
that ``MentionFinder`` resolves English people as it does French ones. A run of
capitalised words is a person when:

* a title comes right before it ("President Bush", "Colombian Foreign Minister Holguin",
  "SECRETARY KERRY:", "Syrian leader Bashar al-Assad");
* it sits in apposition to a title ("his Turkish counterpart, Recep Tayyip Erdogan,",
  "Sergei Lavrov, Russia's foreign minister");
* it is a known person of the gazetteer (two words or more: "Vladimir Putin");
* it is a line of its own followed by a line that is a title (a dateline block:
  "John Kerry" / "Secretary of State").
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from kg.extract.gazetteer import Gazetteer, OfficeTerm
from kg.extract.mentions import ArticleIndex, fold
from kg.model import Entity, Mention
from kg.rdf.iris import slug

# Titles the CAMEO list lacks; lower case, as words.
EXTRA_TITLES = (
    "vice premier", "state councilor", "state councillor", "assistant secretary", "under secretary",
    "undersecretary", "secretary", "special representative", "special representatives", "counterpart",
    "foreign secretary", "home secretary", "chairman", "chairwoman", "chair", "general secretary",
    "vice chairman", "vice chancellor", "first lady", "first minister", "defense minister",
    "defence minister", "finance minister", "economy minister", "energy minister", "health minister",
    "prime minister", "president", "premier", "leader", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "minister", "commissioner", "senator", "governor", "mayor",
    "general", "gen.", "adm.", "sen.", "gov.", "rep.", "pres.", "lt.", "col.", "queen", "pope",
    "sheikh", "emir", "sultan", "director", "director-general", "secretary-general",
    "national security adviser", "vice-premier", "deputy", "head",
)
# Capitalised words that end a name ("Jose Antonio Meade Before Their Meeting").
STOP_WORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "over", "under", "after", "before", "about", "against", "between", "during", "without", "within", "as", "than", "that", "this", "these", "those", "their", "there", "here", "his", "her", "its", "our", "your", "my", "we", "you", "they", "he", "she", "it", "i", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did", "not", "no", "yes", "so", "if", "then", "when", "while", "where", "who", "whom", "whose", "which", "what", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "only", "own", "same", "too", "very", "just", "also", "now", "today", "yesterday", "tomorrow", "tonight", "mr", "mrs", "ms", "dr", "sir", "says", "said", "meeting", "meets", "met", "talks", "summit", "remarks", "statement", "readout", "briefing", "news", "press", "visit", "agreement", "deal", "report", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])
# Lower-case particles inside names ("Bashar al-Assad", "Ursula von der Leyen").
PARTICLES = frozenset(["al", "el", "bin", "ibn", "abu", "de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "dos", "das", "ul"])
# Head nouns of bodies and of places, and lower-case nouns after a place name ("Idlib province").
ORG_HEADS = frozenset(["dialogue", "council", "organization", "organisation", "commission", "committee", "forum",
                       "fund", "bank", "agency", "alliance", "assembly", "parliament", "ministry", "cooperation",
                       "federation", "coalition", "movement", "front", "army", "court"])
_ORG_INNER = frozenset(["and", "of", "for", "on"])
PLACE_HEADS = frozenset(["peninsula", "island", "islands", "sea", "strait", "gulf", "valley", "heights", "bay",
                         "canal", "square", "room", "hall", "province", "region", "district", "ocean", "desert"])
PLACE_NOUNS = frozenset(["province", "region", "city", "district", "county", "governorate", "prefecture", "village",
                         "town"])
_OPEN_DETERMINERS = frozenset(["his", "her", "its", "their", "the", "our", "your", "a", "an"])
MAX_NAME = 4


def _cap(tok: Any) -> bool:
    t = tok.text
    return t[:1].isupper() and (t.replace(".", "").replace("-", "").replace("'", "").isalpha()) \
        and fold(t).rstrip(".") not in STOP_WORDS


class EnglishNames:
    """Sets PER entities on the paragraphs of an English article (see module doc)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        forms = {fold(t.surface) for t in gaz.titles("en")} | set(EXTRA_TITLES)
        self.titles = {tuple(f.split()) for f in forms}
        self.lengths = sorted({len(t) for t in self.titles}, reverse=True)

    # -- titles ---------------------------------------------------------------------------
    def title_at(self, doc: Any, i: int, end: int | None = None) -> int:
        """Length in tokens of the longest title starting at token i, 0 if none."""
        end = len(doc) if end is None else end
        for n in self.lengths:
            if i + n <= end and tuple(fold(t.text) for t in doc[i:i + n]) in self.titles:
                return n
        return 0

    def title_ending(self, doc: Any, e: int) -> int:
        """Start of the longest title ending at token e (exclusive), or -1."""
        for n in self.lengths:
            if e - n >= 0 and tuple(fold(t.text) for t in doc[e - n:e]) in self.titles:
                return e - n
        return -1

    # -- names ----------------------------------------------------------------------------
    def name_run(self, doc: Any, i: int, limit: int = MAX_NAME) -> int:
        """End of a run of name words starting at i (i itself when there is none)."""
        j, words = i, 0
        while j < len(doc) and words < limit:
            t = doc[j]
            if _cap(t) and not self.title_at(doc, j, j + 1):
                j += 1
                words += 1
            elif words and t.lower_ in PARTICLES and j + 1 < len(doc) and (
                    _cap(doc[j + 1]) or (doc[j + 1].text == "-" and j + 2 < len(doc) and _cap(doc[j + 2]))) or words and t.text == "-" and j + 1 < len(doc) and _cap(doc[j + 1]) and doc[j - 1].lower_ in PARTICLES:
                j += 1
            else:
                break
        while j > i and not _cap(doc[j - 1]):
            j -= 1
        return j

    def _known(self, doc: Any, start: int, end: int) -> tuple[int, int] | None:
        """The longest sub-run of two words or more that is a gazetteer person."""
        for n in range(end - start, 1, -1):
            for s in range(start, end - n + 1):
                if self.gaz.person(doc[s:s + n].text):
                    return s, s + n
        return None

    def spans(self, docs: list[Any]) -> Iterable[tuple[int, int, int]]:
        """(paragraph, start, end) of each person name."""
        for pi, doc in enumerate(docs):
            i = 0
            n = len(doc)
            while i < n:
                if not _cap(doc[i]) or self.title_at(doc, i, i + 1):
                    i += 1
                    continue
                end = self.name_run(doc, i)
                if end == i:
                    i += 1
                    continue
                if self._titled(doc, i) or self._appositive(doc, i, end) or self._dateline(docs, pi, i, end):
                    yield pi, i, end
                else:
                    known = self._known(doc, i, end)
                    if known:
                        yield pi, *known
                i = end

    def _titled(self, doc: Any, i: int) -> bool:
        """A title right before ("Foreign Minister Minh"), or before a comma after it
        ("his Turkish counterpart, Recep Tayyip Erdogan")."""
        if self.title_ending(doc, i) >= 0:
            return True
        if i >= 2 and doc[i - 1].text == ",":
            start = self.title_ending(doc, i - 1)
            if start >= 0:
                j = start - 1
                while j >= 0 and (doc[j].text[:1].isupper() or fold(doc[j].text) in _OPEN_DETERMINERS
                                  or doc[j].text in ("'s", "’s")) and start - j < 4:
                    if fold(doc[j].text) in _OPEN_DETERMINERS:
                        return True
                    j -= 1
        return False

    def _appositive(self, doc: Any, i: int, end: int) -> bool:
        """"Sergei Lavrov, Russia's foreign minister," / "X, the secretary of ..."."""
        if end - i < 2 or end >= len(doc) or doc[end].text != ",":
            return False
        if i > 0 and (fold(doc[i - 1].text) in STOP_WORDS or doc[i - 1].text in ("&", "-")):
            return False  # the tail of a longer name ("Strategic and Economic Dialogue, ...")
        j = end + 1
        while j < len(doc) and j - end <= 5 and doc[j].text not in (",", ".", ";"):
            n = self.title_at(doc, j)
            if n:
                # "X, Vice Premier Y": the title belongs to the next name, not to X
                return self.name_run(doc, j + n) == j + n
            j += 1
        return False

    def _dateline(self, docs: list[Any], pi: int, i: int, end: int) -> bool:
        """A line that is only a name, followed by a line that is only a title."""
        doc = docs[pi]
        if i != 0 or end != len(doc) or end - i < 2 or pi + 1 >= len(docs):
            return False
        nxt = docs[pi + 1]
        return len(nxt) > 0 and self.title_at(nxt, 0) == len(nxt)

    def tag(self, docs: list[Any]) -> None:
        for doc in docs:
            split_after_spaces(doc)
        self._tag(docs)
        self._tag_places_and_bodies(docs)

    # -- places and bodies ------------------------------------------------------------------
    def _cap_run(self, doc: Any, i: int, inner: frozenset[str] = frozenset()) -> int:
        """End of a run of capitalised words from i (words of `inner` allowed between them)."""
        j = i
        while j < len(doc):
            word = _cap(doc[j]) and not self.title_at(doc, j, j + 1)
            if not (word or (j > i and doc[j].lower_ in inner and j + 1 < len(doc) and _cap(doc[j + 1]))):
                break
            j += 1
        return j

    def place_and_body_spans(self, doc: Any) -> Iterable[tuple[int, int, str]]:
        """(start, end, LOC|ORG) of unnamed places and bodies, from their shape only:
        "Idlib province", "the Korean Peninsula", "in Cartagena", "the Strategic and Economic Dialogue"."""
        i, n = 0, len(doc)
        while i < n:
            if not _cap(doc[i]) or self.title_at(doc, i, i + 1):
                i += 1
                continue
            end = self._cap_run(doc, i, _ORG_INNER)
            words = [fold(t.text) for t in doc[i:end]]
            # a run ending in a body's head noun ("... Economic Dialogue"): an organisation
            k = end
            while k > i and fold(doc[k - 1].text) not in ORG_HEADS:
                k -= 1
            if k - i >= 2 and doc[k - 1].lower_ not in _ORG_INNER and not doc[k - 1].text.isupper():
                yield i, k, "ORG"
                i = end
                continue
            end = self._cap_run(doc, i)
            prev = doc[i - 1].lower_ if i else ""
            if end - i >= 2 and fold(doc[end - 1].text) in PLACE_HEADS:
                yield i, end, "LOC"  # "Korean Peninsula", "Treaty Room"
            elif end < n and doc[end].lower_ in PLACE_NOUNS and end - i <= 3:
                yield i, end, "LOC"  # "Idlib province"
            elif prev in ("in", "at", "near") and end - i <= 3 and not (end < n and doc[end].text in ("'s", "’s")) \
                    and not any(w in STOP_WORDS for w in words):
                yield i, end, "LOC"  # "in Cartagena"
            i = max(end, i + 1)

    def _tag_places_and_bodies(self, docs: list[Any]) -> None:
        from spacy.tokens import Span

        for doc in docs:
            taken = {i for e in doc.ents for i in range(e.start, e.end)}
            new = [Span(doc, s, e, label=lab) for s, e, lab in self.place_and_body_spans(doc)
                   if not any(i in taken for i in range(s, e))]
            if new:
                doc.ents = sorted([*doc.ents, *new], key=lambda sp: sp.start)

    def _tag(self, docs: list[Any]) -> None:
        """Add PER entities to the docs (existing entities are kept where they do not overlap)."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        found: dict[int, list[Any]] = {}
        for pi, s, e in self.spans(docs):
            found.setdefault(pi, []).append(Span(docs[pi], s, e, label="PER"))
        for pi, spans in found.items():
            doc = docs[pi]
            doc.ents = filter_spans([*doc.ents, *spans])


_ENDS = (".", "!", "?")
_HEADER_LINES = 8  # the lines of a release that may name its publisher ("The White House")


def split_after_spaces(doc: Any) -> None:
    """Start a sentence after "end.  Next" too: spaCy keeps the extra spaces as a token, which
    the shared sentence splitter (nlp.sentence_starts) does not look through."""
    for i in range(2, len(doc)):
        if doc[i - 1].is_space and "\n" not in doc[i - 1].text and doc[i - 2].text in _ENDS \
                and (doc[i].text[:1].isupper() or doc[i].text[:1].isdigit()):
            doc[i].is_sent_start = True


# -- references resolved after the mentions are found -----------------------------------------

_POSS = ("'s", "’s")
_DESC_DETS = frozenset(["his", "her", "their", "its", "the"])
_COLLECTIVE_NOUNS = frozenset(["leaders", "heads", "ministers"])
_MEMBERS = frozenset(["economies", "countries", "nations", "states", "members", "governments"])
_HEADER_WORDS = frozenset(["official", "briefing", "remarks", "statement", "release", "office", "readout",
                           "transcript", "interview", "secretary", "spokesperson", "press"])


def _add_mention(index: ArticleIndex, pi: int, s: int, e: int, key: str, cover: bool = False) -> None:
    """Record a mention of `key` over tokens s..e; `cover`: it hides the shorter mentions inside
    from the event finders ("APEC leaders" is the actor, not "APEC")."""
    p = index.paras[pi]
    start, end = p.offset + p.doc[s].idx, p.offset + p.doc[e - 1].idx + len(p.doc[e - 1].text)
    if any(m.start == start and m.end == end and m.entity == key for m in index.mentions):
        return
    surface = index.text[start:end]
    index.entities[key].aliases.add(surface)
    bisect.insort(index.mentions, Mention(start, end, surface, key, index.sentence_of(start)),
                  key=lambda m: (m.start, m.end))
    for i in range(s, e):
        if cover:
            index._by_token.pop((pi, i), None)
        index._by_token.setdefault((pi, i), []).append((e - s, key))


def _drop_mentions(index: ArticleIndex, pi: int, s: int, e: int) -> None:
    """Forget every mention inside tokens s..e of paragraph pi (and entities left without one)."""
    p = index.paras[pi]
    start, end = p.offset + p.doc[s].idx, p.offset + p.doc[e - 1].idx + len(p.doc[e - 1].text)
    gone = {m.entity for m in index.mentions if start <= m.start and m.end <= end}
    index.mentions[:] = [m for m in index.mentions if not (start <= m.start and m.end <= end)]
    for i in range(s, e):
        index._by_token.pop((pi, i), None)
    alive = {m.entity for m in index.mentions}
    for k in gone - alive:
        index.entities.pop(k, None)


class EnglishReferences:
    """Second pass over an English article once its names are resolved: header lines (outlet,
    dateline places), states inside hyphenated words ("U.S.-backed"), collective actors ("APEC
    leaders"), descriptions ("her Vietnamese counterpart") and unnamed principals ("the
    Secretary", "The President") that stand for a title holder named in the article."""

    def __init__(self, names: EnglishNames) -> None:
        self.names = names
        self.gaz = names.gaz

    def resolve(self, index: ArticleIndex) -> None:
        self._outlet(index)
        self._header_places(index)
        self._hyphenated_states(index)
        self._collectives(index)
        holders = self._title_holders(index)
        self._descriptions(index, holders)
        self._principals(index, holders)

    # -- header ---------------------------------------------------------------------------
    @staticmethod
    def _whole_line(index: ArticleIndex, pi: int) -> str | None:
        doc = index.paras[pi].doc
        s = 1 if len(doc) > 1 and doc[0].lower_ == "the" else 0
        keys = {index.entity_at(pi, i) for i in range(s, len(doc))}
        return next(iter(keys)) if len(keys) == 1 and None not in keys else None

    def _outlet(self, index: ArticleIndex) -> None:
        """A first line that is only an organisation ("The White House") is the publisher."""
        if len(index.paras) < 3:
            return
        k = self._whole_line(index, 0)
        if k and index.kind(k) == "Organization" and len(index.paras[0].doc) <= 5:
            _drop_mentions(index, 0, 0, len(index.paras[0].doc))

    def _date_line(self, index: ArticleIndex, pi: int) -> bool:
        from kg.extract.dates import find_dates

        text = index.paras[pi].doc.text.strip()
        found = find_dates(text, None, "en") if len(text) < 40 else []
        return len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip(" .")) - 1

    def _header_places(self, index: ArticleIndex) -> None:
        """Lines right above a header date line ("Treaty Room" / "Washington, DC" / "January 17,
        2014") name the place of the event."""
        for pi in range(1, min(len(index.paras), 10)):
            if not self._date_line(index, pi):
                continue
            for qi in (pi - 1, pi - 2):
                doc = index.paras[qi].doc
                words = [t for t in doc if t.text != ","]
                if qi < 1 or not words or len(words) > 4 or not all(_cap(t) or t.text.isupper() for t in words):
                    break
                if any(fold(t.text) in _HEADER_WORDS for t in words) or any(
                        self.names.title_at(doc, i) for i in range(len(doc))):
                    break
                k = self._whole_line(index, qi)
                if k and index.kind(k) == "Person":
                    break
                text = doc.text.strip()
                key = f"place/{slug(text)}"
                _drop_mentions(index, qi, 0, len(doc))
                if key not in index.entities:
                    index.entities[key] = Entity(key, "Place", text, "en")
                _add_mention(index, qi, 0, len(doc), key)
            return

    # -- states inside words ----------------------------------------------------------------
    def _hyphenated_states(self, index: ArticleIndex) -> None:
        """"U.S.-backed", "U.S.-China": the state is mentioned (not as an actor of the clause)."""
        for pi, p in enumerate(index.paras):
            for t in p.doc:
                if "-" not in t.text or index.entity_at(pi, t.i):
                    continue
                for part in t.text.split("-")[:2]:
                    entry = next((e for e in self.gaz.lookup(part, "en") if e.kind == "State"), None) \
                        if part[:1].isupper() and len(part) > 1 else None
                    if entry is None:
                        continue
                    if entry.key not in index.entities:
                        ent = Entity(entry.key, "State", entry.label_en, "en", iso2=entry.iso2,
                                     wikidata=self.gaz.wikidata("State", entry.iso2))
                        if entry.label_fr:
                            ent.other_labels["fr"] = entry.label_fr
                        index.entities[entry.key] = ent
                    start = p.offset + t.idx + t.text.index(part)
                    index.entities[entry.key].aliases.add(part)
                    bisect.insort(index.mentions, Mention(start, start + len(part), part, entry.key,
                                                          index.sentence_of(start)), key=lambda m: (m.start, m.end))

    # -- collectives ------------------------------------------------------------------------
    def _collectives(self, index: ArticleIndex) -> None:
        """"APEC leaders" / "leaders of 20 other Asia-Pacific economies": one collective actor;
        bare "leaders" in the same article refer to it."""
        spans: list[tuple[int, int, int, str, bool]] = []  # paragraph, start, end, label, named by a body
        bare: list[tuple[int, int]] = []
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for t in doc:
                if t.lower_ not in _COLLECTIVE_NOUNS:
                    continue
                i = t.i
                prev = index.entity_at(pi, i - 1) if i else None
                if prev and index.kind(prev) == "Organization" and doc[i - 1].text[:1].isupper():
                    s = i - 1
                    while s > 0 and index.entity_at(pi, s - 1) == prev:
                        s -= 1
                    spans.append((pi, s, i + 1, f"{doc[s:i].text} {t.text.lower()}", True))
                    continue
                j = i + 2
                if i + 1 < len(doc) and doc[i + 1].lower_ == "of" and j < len(doc) and doc[j].like_num:
                    e = j + 1
                    while e < len(doc) and e - j < 6 and doc[e].lower_ not in _MEMBERS and (
                            doc[e].text[:1].isupper() or doc[e].lower_ in ("other", "member", "-")):
                        e += 1
                    if e < len(doc) and doc[e].lower_ in _MEMBERS:
                        spans.append((pi, i, e + 1, doc[i:e + 1].text, False))
                        continue
                before = doc[i - 1] if i else None
                if t.lower_ == "leaders" and not (i + 1 < len(doc) and doc[i + 1].lower_ == "of") and (
                        before is None or before.is_punct or fold(before.text) in STOP_WORDS):
                    bare.append((pi, i))
        if not spans:
            return
        label = next((lab for *_, lab, named in spans if named), spans[0][3])
        key = f"org/{slug(label)}"
        if key not in index.entities:
            index.entities[key] = Entity(key, "Organization", label, "en")
        for pi, s, e, _, _ in spans:
            _add_mention(index, pi, s, e, key, cover=True)
        for pi, i in bare:
            if not index.entity_at(pi, i):
                _add_mention(index, pi, i, i + 1, key)

    # -- people by title ----------------------------------------------------------------------
    def _title_holders(self, index: ArticleIndex) -> list[tuple[tuple[str, ...], str, str | None]]:
        """(title words, person, state) for each titled name, in text order ("Vietnamese Foreign
        Minister Minh", "Foreign Minister Minh of Vietnam", a "John Kerry" / "Secretary of State" block)."""
        out: list[tuple[tuple[str, ...], str, str | None]] = []
        docs = [p.doc for p in index.paras]
        for pi, doc in enumerate(docs):
            i = 0
            while i < len(doc):
                k = index.entity_at(pi, i)
                if not k or index.kind(k) != "Person":
                    i += 1
                    continue
                j = i
                while j < len(doc) and index.entity_at(pi, j) == k:
                    j += 1
                title: tuple[str, ...] = ()
                ts = self.names.title_ending(doc, i)
                state = None
                if ts >= 0:
                    title = tuple(fold(t.text) for t in doc[ts:i])
                    sk = index.entity_at(pi, ts - 1) if ts else None
                    if sk is None and ts >= 2 and doc[ts - 1].text in _POSS:
                        sk = index.entity_at(pi, ts - 2)
                    if sk and index.kind(sk) == "State":
                        state = sk
                    if state is None and j + 1 < len(doc) and doc[j].lower_ == "of":
                        sk = index.entity_at(pi, j + 1)
                        state = sk if sk and index.kind(sk) == "State" else None
                elif i == 0 and j == len(doc) and pi + 1 < len(docs) and len(docs[pi + 1]) \
                        and self.names.title_at(docs[pi + 1], 0) == len(docs[pi + 1]):
                    title = tuple(fold(t.text) for t in docs[pi + 1])
                if state is None:
                    state = index.state_with_iso2(index.entities[k].iso2)
                out.append((title, k, state))
                i = j
        return out

    def _descriptions(self, index: ArticleIndex, holders: list[tuple[tuple[str, ...], str, str | None]]) -> None:
        """"her Vietnamese counterpart" -> the person of that state named before, when there is one."""
        first: dict[str, int] = {}
        for m in index.mentions:
            first.setdefault(m.entity, m.start)
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for i in range(1, len(doc) - 1):
                st = index.entity_at(pi, i)
                if not st or index.kind(st) != "State" or fold(doc[i - 1].text) not in _DESC_DETS \
                        or not doc[i].text[:1].isupper():
                    continue
                n = self.names.title_at(doc, i + 1)
                if not n or self._plural(tuple(fold(t.text) for t in doc[i + 1:i + 1 + n])) or (
                        i + 1 + n < len(doc) and (_cap(doc[i + 1 + n]) or doc[i + 1 + n].text == ",")):
                    continue  # "his Turkish counterpart, Recep Tayyip Erdogan": a title, not a description
                char = p.offset + doc[i].idx
                before = [k for _, k, s in holders if s == st and first.get(k, len(index.text)) < char]
                if before:
                    _add_mention(index, pi, i - 1, i + 1 + n, before[-1])

    def _plural(self, words: tuple[str, ...]) -> bool:
        last = words[-1] if words else ""
        return last.endswith("s") and not last.endswith("ss") and (*words[:-1], last[:-1]) in self.names.titles

    def _principals(self, index: ArticleIndex, holders: list[tuple[tuple[str, ...], str, str | None]]) -> None:
        """"the Secretary", "The President": the holder a White House or State Department release
        means by its principal's title (its publisher from the URL host or a header line, its holder
        on the day), else the one person the article names with that title."""
        host = urlsplit(index.url).hostname if index.url else None
        header = [p.doc.text.strip() for p in index.paras[:_HEADER_LINES]]
        terms: dict[str, OfficeTerm | None] = {}  # title -> the release's principal, looked up once
        for pi, p in enumerate(index.paras):
            doc = p.doc
            for i in range(len(doc) - 1):
                if doc[i].lower_ != "the" or not doc[i + 1].text[:1].isupper() or index.entity_at(pi, i + 1):
                    continue
                n = self.names.title_at(doc, i + 1)
                if not n:
                    continue
                e = i + 1 + n
                if e < len(doc) and (_cap(doc[e]) or doc[e].lower_ in ("of", "for")):
                    continue
                words = tuple(fold(t.text) for t in doc[i + 1:e])
                if self._plural(words):
                    continue  # "the Special Representatives": several people
                title = doc[i + 1:e].text
                if title not in terms:
                    terms[title] = self.gaz.principal(title, host, header, index.published)
                term = terms[title]
                if term is not None:  # a release names its own principal by title only
                    key = self._office_holder(index, term)
                    _add_mention(index, pi, i, e, key)
                    index.principals.append((key, pi, i + 1, e, term.iso2))
                    continue
                fits = {k for title, k, _ in holders if title and (
                    title[:len(words)] == words or title[-len(words):] == words)}
                if len(fits) == 1:
                    _add_mention(index, pi, i, e, next(iter(fits)))

    def _office_holder(self, index: ArticleIndex, term: OfficeTerm) -> str:
        """The entity of an office holder the release never names (created from the gazetteer)."""
        if term.person not in index.entities:
            entry = self.gaz.get(term.person)
            label = entry.label_en if entry else term.name
            ent = Entity(term.person, "Person", label, "en", iso2=term.iso2)
            if entry and entry.label_fr:
                ent.other_labels["fr"] = entry.label_fr
            index.entities[term.person] = ent
        return term.person
