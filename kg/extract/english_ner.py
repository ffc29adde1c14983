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

from collections.abc import Iterable
from typing import Any

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import fold

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


def split_after_spaces(doc: Any) -> None:
    """Start a sentence after "end.  Next" too: spaCy keeps the extra spaces as a token, which
    the shared sentence splitter (nlp.sentence_starts) does not look through."""
    for i in range(2, len(doc)):
        if doc[i - 1].is_space and "\n" not in doc[i - 1].text and doc[i - 2].text in _ENDS \
                and (doc[i].text[:1].isupper() or doc[i].text[:1].isdigit()):
            doc[i].is_sent_start = True
