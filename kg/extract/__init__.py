"""Article -> Extraction: mentions and entities, posts, agreements, meetings, dates."""
from __future__ import annotations

from typing import Any

from kg.errors import ExtractionError
from kg.extract.dates import find_dates
from kg.extract.english_events import EnglishEventFinder
from kg.extract.english_ner import EnglishNames, EnglishReferences
from kg.extract.english_posts import EnglishPostFinder
from kg.extract.events import EventFinder
from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ArticleIndex, MentionFinder
from kg.extract.nlp import load_pipeline, parse
from kg.extract.posts import PostFinder
from kg.model import Article, Extraction

SUPPORTED_LANGS = ("fr", "en")


class _LangPipeline:
    """Everything built once per language: the spaCy pipeline and the matchers."""

    def __init__(self, lang: str, gaz: Gazetteer) -> None:
        self.nlp: Any = load_pipeline(lang)
        self.mentions = MentionFinder(self.nlp, gaz, lang)
        # English has no parser here: its names, posts and events come from token rules.
        self.names = EnglishNames(gaz) if lang == "en" else None
        self.references = EnglishReferences(self.names) if self.names else None
        self.posts: PostFinder | EnglishPostFinder = (
            EnglishPostFinder(gaz, self.names) if self.names else PostFinder(gaz, lang))
        self.events = EventFinder(lang)


class Extractor:
    """Loads models once (per process) and extracts one article at a time."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._pipelines: dict[str, _LangPipeline] = {}

    @classmethod
    def load(cls) -> Extractor:
        return cls(Gazetteer.load())

    def pipeline(self, lang: str) -> _LangPipeline:
        if lang not in self._pipelines:
            self._pipelines[lang] = _LangPipeline(lang, self.gaz)
        return self._pipelines[lang]

    def extract(self, article: Article) -> Extraction:
        lang = (article.lang or "fr").lower()
        if lang not in SUPPORTED_LANGS:
            raise ExtractionError(
                f"{article.source or article.id}: language {lang!r} is not supported "
                f"(supported: {', '.join(SUPPORTED_LANGS)})")
        lp = self.pipeline(lang)
        index = ArticleIndex(article.text, lang, parse(lp.nlp, article.text), url=article.url,
                             published=article.published_day)
        if lp.names is not None:
            lp.names.tag([p.doc for p in index.paras])
        lp.mentions.find(index)
        if lp.references is not None:
            lp.references.resolve(index)
        dates = find_dates(article.text, article.published, lang, article.published_precision)
        if isinstance(lp.posts, EnglishPostFinder):
            events: EventFinder | EnglishEventFinder = EnglishEventFinder(lp.posts.role_spans(index), article.published_day)
        else:
            events = lp.events
        agreements = events.agreements(index, dates)
        meetings = events.meetings(index, dates)
        posts = lp.posts.find(index)
        return Extraction(article, lang, index.sentences, index.entities, index.mentions, posts,
                          agreements, meetings)
