"""Keeping a store current: `kg watch` reads its sources every interval and ingests what is new or changed.

    watcher = Watcher(settings, ["news/", "https://example.org/feed.rss"], preparer, fetcher, log)
    summary = watcher.run(once=False, stop=StopSignal())   # until SIGINT or SIGTERM

A pass reads every source as `kg ingest` does (kg.ingest.read_articles: folders, files, feed
files, page and feed URLs) and writes through the same kg.pipeline Preparer and Pipeline: one
article, one transaction, quarantine for what fails the shapes. The store is opened for the pass
and closed after it, so that `kg serve` (read-only) serves each pass's articles and a `kg ingest`
can write in between passes.

An article is known by its id (a page's or feed entry's id comes from its URL) and by a hash of
what it is extracted from (title, text, language, date, URL) together with what shapes the result
(version, base IRI, confidence threshold, SHACL gate). An article whose hash is the one recorded
when it was last written, and whose graph (or quarantine record) the store still has, is passed
over before extraction and logged as unchanged. In one pass an id is read once: a later source
giving the same id (a feed entry and its page) is passed over, so the two never take turns. An
article last read from its page is not replaced by a shorter text from a feed entry (what a feed
gives when the page cannot be fetched this time: its summary): the stored article is kept.

A page fetched with an ETag or Last-Modified is kept in that state file too (kg.ingest.cache): the
next pass asks for it conditionally, and a 304 stands for the page as it was.

Where the hashes live: a SQLite file beside the store (STORE.watch.sqlite, or `watch_state`), not
in the store. Every named graph of the store is public (SPARQL endpoint, exports), while this
state names local paths and fetched URLs and is only a cache: deleting it costs one pass of
extraction, nothing else, and a store replaced under it is noticed (its graphs are checked). A
record is written after its article's transaction: a crash in between leaves an article stored
but not recorded, which the next pass writes again, identically.

Stopping: SIGINT or SIGTERM abandons the article being read, fetched or extracted (nothing of it
is written) and lets the write in progress finish; `run` then raises KeyboardInterrupt.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.config import Settings
from kg.errors import ConfigError, InputError, StoreError
from kg.model import Article
from kg.pipeline import IngestSummary, Outcome, Pipeline, Prepared, Preparer, install_ontology
from kg.rdf import iris
from kg.store import Store, open_store

if TYPE_CHECKING:
    from kg.ingest.cache import CachingFetcher

HASH_VERSION = 1  # raise when what the hash covers changes
STATE_VERSION = 1  # raise when the state file's table changes


def state_path(settings: Settings) -> Path:
    """Where `kg watch` keeps its hashes: `watch_state`, else beside an embedded store."""
    if settings.watch_state:
        return Path(settings.watch_state)
    if settings.remote:
        raise ConfigError("a remote store needs a state file for `kg watch`: give --state FILE (or KG_WATCH_STATE)")
    return Path(settings.store.rstrip("/\\") + ".watch.sqlite")


@dataclass(frozen=True)
class Seen:
    """What was last written of an article."""

    digest: str
    outcome: str  # "stored", "quarantined", "inconsistent"
    source: str | None  # where it was read: a file (and line), a feed entry "FEED[n]", a page's URL
    url: str | None
    chars: int  # length of its text

    @property
    def from_page(self) -> bool:
        """Read from the page itself (not a feed entry's own content or summary)."""
        return self.url is not None and self.source == self.url


class SeenState:
    """Article id -> what was last written of it (`Seen`); a SQLite file, one commit per article."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30)
            if self._db.execute("PRAGMA user_version").fetchone()[0] != STATE_VERSION:
                # Written by another version: it is a cache, so it starts again (one pass of extraction).
                self._db.execute("DROP TABLE IF EXISTS seen")
                self._db.execute(f"PRAGMA user_version = {STATE_VERSION}")
            self._db.execute("CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, hash TEXT NOT NULL, "
                             "outcome TEXT NOT NULL, source TEXT, url TEXT, chars INTEGER NOT NULL, "
                             "written TEXT NOT NULL)")
            self._db.commit()
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"{path}: cannot open the watch state: {e}") from e

    def get(self, article_id: str) -> Seen | None:
        row = self._db.execute("SELECT hash, outcome, source, url, chars FROM seen WHERE id = ?",
                               (article_id,)).fetchone()
        return Seen(*row) if row else None

    def put(self, article: Article, digest: str, outcome: str) -> None:
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (article.id, digest, outcome, article.source, article.url, len(article.text),
                                  _now()))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write the watch state: {e}") from e

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def content_hash(article: Article, settings: Settings) -> str:
    """A digest of what the article's graph is made from (its source excepted: a feed entry's moves)."""
    published = article.published.isoformat() if article.published else None
    data = [HASH_VERSION, __version__, settings.base_iri, settings.min_confidence, settings.validate,
            article.id, article.title, article.text, article.lang, published, article.published_precision,
            article.url]
    return hashlib.blake2b(json.dumps(data, ensure_ascii=False).encode("utf-8"), digest_size=16).hexdigest()


class StopSignal:
    """SIGINT and SIGTERM ask for a stop: at once inside `interruptible()`, else at the next check."""

    def __init__(self) -> None:
        self.requested: str | None = None  # the signal's name once one came
        self.event = threading.Event()  # set by a signal: wakes the wait between passes
        self._open = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: Any) -> None:
        self.requested = signal.Signals(signum).name
        self.event.set()
        if self._open:
            self._open = False
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def interruptible(self) -> Iterator[None]:
        self.check()
        self._open = True
        try:
            yield
        finally:
            self._open = False

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt

    def iterate(self, items: Iterable[Any]) -> Iterator[Any]:
        """`items`, each produced (read, fetched, extracted) inside `interruptible()`."""
        it = iter(items)
        while True:
            with self.interruptible():
                try:
                    item = next(it)
                except StopIteration:
                    return
            yield item


@dataclass
class WatchSummary:
    """What passes did: IngestSummary's counts, articles passed over, and passes run."""

    ingest: IngestSummary
    unchanged: int = 0
    repeated: int = 0  # articles whose id an earlier source of the same pass gave
    passes: int = 0

    def line(self) -> str:
        return f"{self.ingest.line()}, {self.unchanged} unchanged{_repeated(self.repeated)}"


def _repeated(n: int) -> str:
    return f", {n} read twice in a pass" if n else ""


class _Recording(Pipeline):
    """The ingest writer, recording each article it writes in the watch state (after its transaction)."""

    def __init__(self, settings: Settings, store: Store, state: SeenState, hashes: dict[str, str],
                 log: Callable[[str], None]) -> None:
        super().__init__(settings, store, None)
        self.state = state
        self.hashes = hashes
        self.log = log

    def commit(self, article: Article, prepared: Prepared) -> Outcome:
        outcome = super().commit(article, prepared)
        self.state.put(article, self.hashes.pop(article.id), outcome)
        if outcome == "stored":
            self.log(f"stored {article.id} ({article.source})")
        return outcome


class Watcher:
    """Runs passes over `sources`; `log` gets one line per article and one per pass."""

    def __init__(self, settings: Settings, sources: Sequence[str | Path], preparer: Preparer, fetcher: Any,
                 log: Callable[[str], None]) -> None:
        self.settings = settings
        self.sources = list(sources)
        self.preparer = preparer
        self.fetcher = fetcher
        self.log = log
        self.summary = WatchSummary(IngestSummary())
        self._notes: set[str] = set()

    def run(self, once: bool, stop: StopSignal) -> WatchSummary:
        """Passes until `once` is done or a signal stops it (KeyboardInterrupt)."""
        from kg.ingest.cache import CachingFetcher, PageCache

        path = state_path(self.settings)
        state = SeenState(path)
        cache = PageCache(path) if self.fetcher is not None else None
        fetcher = CachingFetcher(self.fetcher, cache) if cache is not None else None
        try:
            while True:
                self.run_pass(state, stop, fetcher)
                if once:
                    return self.summary
                self.log(f"next pass in {self.settings.watch_interval:g} s")
                if stop.event.wait(self.settings.watch_interval):
                    stop.check()
        finally:
            state.close()
            if cache is not None:
                cache.close()

    def run_pass(self, state: SeenState, stop: StopSignal, fetcher: CachingFetcher | None) -> IngestSummary:
        """One pass over the sources: what was new or changed is written; counts added to `summary`.

        `fetcher` keeps the pages it fetched (kg.ingest.cache): asked again conditionally, a page
        unchanged costs its site a 304; the pages not asked for in a whole pass are dropped from it.
        """
        from kg.ingest import IngestReport, read_articles

        started = time.time()
        hits = fetcher.not_modified if fetcher is not None else 0
        self.summary.passes += 1
        number = self.summary.passes
        done = IngestSummary()
        before, repeated = self.summary.unchanged, self.summary.repeated
        report = IngestReport()
        try:
            with open_store(self.settings) as store:
                install_ontology(store)
                hashes: dict[str, str] = {}
                writer = _Recording(self.settings, store, state, hashes, self.log)
                items = read_articles(self.sources, default_lang=self.settings.default_lang,
                                      default_published=self.settings.default_published,
                                      max_bytes=self.settings.max_article_bytes, report=report,
                                      fetcher=fetcher)
                fresh = self._fresh(items, store, state, hashes)
                finished = stop.iterate(self.preparer.finished(fresh))
                try:
                    writer.write(finished, self.log, summary=done)
                finally:
                    self._add(done)
        except StoreError as e:  # locked by a `kg ingest`, a remote store down: the next pass may do better
            self.summary.ingest.failed += 1
            self.log(f"pass {number}: {e}; trying again next pass")
            return done
        for note in report.notes:
            if note not in self._notes:
                self._notes.add(note)
                self.log(f"note: {note}")
        skipped = report.skipped_line()
        unchanged = self.summary.unchanged - before
        twice = _repeated(self.summary.repeated - repeated)
        news = "nothing new: " if not (done.stored or done.quarantined) else ""
        if fetcher is not None:
            fetcher.cache.prune(started)  # a whole pass went by without asking for these
            hits = fetcher.not_modified - hits
        cached = f", {hits} page{'s' if hits != 1 else ''} not modified (HTTP 304)" if hits else ""
        self.log(f"pass {number}: {news}{done.line()}, {unchanged} unchanged{twice}{cached}"
                 f"{', ' + skipped if skipped else ''}")
        return done

    def _add(self, done: IngestSummary) -> None:
        total = self.summary.ingest
        total.stored += done.stored
        total.quarantined += done.quarantined
        total.failed += done.failed
        total.errors += done.errors

    def _fresh(self, items: Iterable[Article | InputError], store: Store, state: SeenState,
               hashes: dict[str, str]) -> Iterator[Article | InputError]:
        """The items to write: errors, and articles new or changed since they were last written."""
        first: dict[str, str | None] = {}
        for item in items:
            if not isinstance(item, Article):
                yield item
                continue
            if item.id in first:
                self.summary.repeated += 1
                self.log(f"passed over {item.id} ({item.source}): already read in this pass from {first[item.id]}")
                continue
            first[item.id] = item.source
            digest = content_hash(item, self.settings)
            seen = state.get(item.id)
            if seen is not None and self._stored(item.id, seen, store):
                if seen.digest == digest:
                    self.summary.unchanged += 1
                    self.log(f"unchanged {item.id} ({item.source})")
                    continue
                if seen.from_page and item.source != item.url and len(item.text) < seen.chars:
                    # A feed entry whose page could not be read this time falls back to its summary.
                    self.summary.unchanged += 1
                    self.log(f"kept {item.id} as read from its page {seen.url}: this pass has only the "
                             f"shorter text of {item.source} (the page could not be read?)")
                    continue
            hashes[item.id] = digest
            yield item

    def _stored(self, article_id: str, seen: Seen, store: Store) -> bool:
        """Whether the store still has what the state says was written (its graph, or quarantine record)."""
        base = self.settings.base_iri
        graph = iris.article_graph(base, article_id) if seen.outcome == "stored" else iris.quarantine_graph(base, article_id)
        return bool(store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").boolean)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
