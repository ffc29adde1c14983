"""`kg ingest` parses several articles in one spaCy call: same graphs, same order, same errors."""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from kg.config import Settings
from kg.errors import ExtractionError, InputError
from kg.extract.nlp import parse
from kg.model import Article, Extraction
from kg.pipeline import PARSE_BATCH, Prepared, Preparer

FR = ("La ministre suédoise de la Culture, Ingrid Halvorsen, a reçu mardi à Stockholm son homologue "
      "portugais, Rui Sampaio.\n\nLes deux ministres ont signé un accord sur les archives.")
EN = ("Kenyan Foreign Minister Amani Odhiambo met her Ghanaian counterpart, Kwesi Boateng, in Nairobi "
      "on Monday.\n\nThe two ministers signed a memorandum on visas.")


def art(n: int, text: str, lang: str) -> Article:
    return Article(f"batch-{n}", f"Titre {n}", text, lang, dt.date(2024, 3, 5), None, f"batch.jsonl:{n}")


def tokens(paragraphs: Sequence[Any]) -> list[tuple[int, list[tuple[str, str, int, bool]]]]:
    return [(p.offset, [(t.text, t.dep_, t.head.i, bool(t.is_sent_start)) for t in p.doc]) for p in paragraphs]


def test_parse_many_gives_what_parse_gives(extractor: Any) -> None:
    arts = [art(1, FR, "fr"), art(2, EN, "en"), art(3, "Ein Satz.", "de"), art(4, FR + "\n\n" + FR, "fr")]
    parsed = extractor.parse_many(arts)
    assert parsed[2] is None  # no pack for German: its `extract` says so
    for a, p in zip(arts, parsed):
        if a.lang != "de":
            assert tokens(p) == tokens(parse(extractor.engine(a.lang).nlp, a.text))


class Spy:
    """The real extractor, counting `parse_many` calls."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[int] = []

    def parse_many(self, articles: Sequence[Article]) -> Any:
        self.calls.append(len(articles))
        return self.real.parse_many(articles)

    def extract(self, article: Article, parsed: Any = None) -> Extraction:
        return self.real.extract(article, parsed)


def test_batched_preparation_matches_one_by_one(extractor: Any) -> None:
    items: list[Article | InputError] = [art(1, FR, "fr"), InputError("bad record", "batch.jsonl", 2),
                                         art(3, EN, "en"), art(4, "Ein Satz.", "de"), art(5, EN + " " + FR, "fr")]
    spy = Spy(extractor)
    batched = list(Preparer(Settings(), spy).finished(items))
    assert spy.calls == [4]  # the four articles parsed together, the input error skipped
    assert [item for item, _ in batched] == items  # input order kept
    single = Preparer(Settings(), extractor)
    for item, result in batched:
        if isinstance(item, InputError):
            assert result is None
        elif item.lang == "de":
            assert isinstance(result, ExtractionError) and "'de' is not supported" in str(result)
        else:
            assert isinstance(result, Prepared)
            assert result == single.prepare(item)
    assert any(isinstance(r, Prepared) and "Halvorsen" in r.entities for _, r in batched)


class Counting:
    """A stand-in extractor that parses nothing: records which articles `parse_many` saw."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.batches: list[list[str]] = []
        self.given: dict[str, Any] = {}

    def parse_many(self, articles: Sequence[Article]) -> list[Any]:
        self.batches.append([a.id for a in articles])
        if self.fail:
            raise ValueError("a tokenizer limit")
        return [f"parsed {a.id}" for a in articles]

    def extract(self, article: Article, parsed: Any = None) -> Extraction:
        self.given[article.id] = parsed
        return Extraction(article, "fr")


def test_read_ahead_is_one_batch_at_most() -> None:
    read: list[int] = []

    def endless() -> Iterator[Article]:
        for n in itertools.count():
            read.append(n)
            yield art(n, "Texte.", "fr")

    stream = Preparer(Settings(), Counting()).finished(endless())
    first, prepared = next(stream)
    assert isinstance(prepared, Prepared) and first.id == "batch-0"
    assert len(read) == PARSE_BATCH


def test_parsed_text_reaches_extract_and_a_failed_batch_parse_falls_back() -> None:
    ok = Counting()
    arts = [art(n, "Texte.", "fr") for n in range(PARSE_BATCH + 3)]
    assert all(isinstance(p, Prepared) for _, p in Preparer(Settings(), ok).finished(arts))
    assert [len(b) for b in ok.batches] == [PARSE_BATCH, 3]
    assert ok.given["batch-2"] == "parsed batch-2"

    failing = Counting(fail=True)
    done = list(Preparer(Settings(), failing).finished(arts[:3]))
    assert all(isinstance(p, Prepared) for _, p in done)  # each article parsed on its own instead
    assert failing.given == {"batch-0": None, "batch-1": None, "batch-2": None}
