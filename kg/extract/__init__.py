"""Article -> Extraction: mentions and entities, posts, agreements, meetings, dates.

One engine for every language: a language is a spaCy pipeline plus a pack of data
(``kg/extract/packs/<lang>/``); adding one means a model and a pack, no code.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from kg.errors import ExtractionError
from kg.extract.calibration import Calibration
from kg.extract.dates import find_dates
from kg.extract.events import EventFinder
from kg.extract.gazetteer import Gazetteer
from kg.extract.index import ArticleIndex
from kg.extract.mentions import MentionFinder
from kg.extract.nlp import Paragraph, load_pipeline, parse, parse_many
from kg.extract.pack import PACKS_DIR, LanguagePack
from kg.extract.posts import PostFinder
from kg.extract.references import References
from kg.extract.syntax import Syntax
from kg.extract.titles import Titles
from kg.model import Article, Extraction


def supported_languages() -> tuple[str, ...]:
    """The languages that have a pack."""
    return tuple(sorted(p.parent.name for p in PACKS_DIR.glob("*/pack.toml")))


SUPPORTED_LANGS = supported_languages()


class Engine:
    """Everything built once per language: the spaCy pipeline, the pack and the matchers."""

    def __init__(self, lang: str, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.pack = LanguagePack.load(lang)
        self.nlp: Any = load_pipeline(self.pack.model)
        self.syntax = Syntax(self.pack)
        self.titles = Titles(gaz, self.pack)
        self.mentions = MentionFinder(self.nlp, gaz, self.pack)
        self.references = References(gaz, self.pack, self.syntax, self.mentions.title_prefix, self.titles)
        self.posts = PostFinder(self.pack, self.syntax, self.titles, gaz)
        self.events = EventFinder(self.pack, self.syntax, self.titles)

    def extract(self, article: Article, parsed: list[Paragraph] | None = None) -> Extraction:
        """The article's extraction; `parsed` is its text already parsed by `parse_many`, if it was."""
        host = urlsplit(article.url).hostname if article.url else None
        paragraphs = parsed if parsed is not None else parse(self.nlp, article.text)
        index = ArticleIndex(article.text, self.pack.lang, paragraphs, self.pack,
                             url=article.url, published=article.published_day,
                             publisher=self.gaz.publisher_state(host))
        self.mentions.find(index)
        self.references.resolve(index)
        dates = find_dates(article.text, article.published, self.pack.lang, article.published_precision)
        agreements, meetings = self.events.find(index, dates)
        posts = self.posts.find(index, dates)
        return Extraction(article, self.pack.lang, index.sentences, index.entities, index.mentions, posts,
                          agreements, meetings)


class Extractor:
    """Loads models once (per process) and extracts one article at a time."""

    def __init__(self, gaz: Gazetteer, calibration: Calibration | None = None) -> None:
        self.gaz = gaz
        self.calibration = calibration if calibration is not None else Calibration.load()
        self._engines: dict[str, Engine] = {}

    @classmethod
    def load(cls) -> Extractor:
        return cls(Gazetteer.load())

    def engine(self, lang: str) -> Engine:
        if lang not in self._engines:
            self._engines[lang] = Engine(lang, self.gaz)
        return self._engines[lang]

    def pipeline(self, lang: str) -> Engine:
        """The engine of a language (its spaCy pipeline is `.nlp`)."""
        return self.engine(lang)

    def extract(self, article: Article, parsed: list[Paragraph] | None = None) -> Extraction:
        """One article's extraction (`parsed`: its paragraphs from `parse_many`, to skip parsing)."""
        lang = self.language(article)
        return self.calibration.apply(self.engine(lang).extract(article, parsed))

    def language(self, article: Article) -> str:
        lang = (article.lang or "fr").lower()
        if lang not in SUPPORTED_LANGS:
            raise ExtractionError(
                f"{article.source or article.id}: language {lang!r} is not supported "
                f"(supported: {', '.join(SUPPORTED_LANGS)})")
        return lang

    def parse_many(self, articles: Sequence[Article]) -> list[list[Paragraph] | None]:
        """Parse several articles at once, one spaCy `pipe` call per language, for `extract(a, parsed)`.

        An article of an unsupported language gets None (its `extract` then says why).
        """
        out: list[list[Paragraph] | None] = [None] * len(articles)
        by_lang: dict[str, list[int]] = {}
        for i, article in enumerate(articles):
            lang = (article.lang or "fr").lower()
            if lang in SUPPORTED_LANGS:
                by_lang.setdefault(lang, []).append(i)
        for lang, where in by_lang.items():
            parsed = parse_many(self.engine(lang).nlp, [articles[i].text for i in where])
            for i, paragraphs in zip(where, parsed):
                out[i] = paragraphs
        return out
