"""Pages kept between fetches, so that asking again costs a 304 (`kg watch`).

    fetcher = CachingFetcher(Fetcher(limits), PageCache(Path("kg-store.watch.sqlite")))
    page = fetcher.fetch(url)       # the same Page as Fetcher.fetch gives, from the cache on a 304

A page that came with an ETag or a Last-Modified is kept (compressed) with them in a SQLite
table; the next fetch of its URL sends them back, and a 304 answer returns the kept page, so the
site sends no body and the reader sees the page as before. A page without validators is not kept.
`prune` drops what was not asked for since a time (pages that left their feed).
"""
from __future__ import annotations

import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.ingest.fetch import Fetcher, Page


class PageCache:
    """URL asked for -> the Page last fetched from it with validators, in a SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(str(path), timeout=30)
            self._db.execute("CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, final_url TEXT NOT NULL, "
                             "content_type TEXT, charset TEXT, etag TEXT, last_modified TEXT, body BLOB NOT NULL, "
                             "used REAL NOT NULL)")
            self._db.commit()
        except sqlite3.Error as e:
            raise StoreError(f"{path}: cannot open the page cache: {e}") from e

    def get(self, url: str) -> Page | None:
        row = self._db.execute("SELECT final_url, content_type, charset, etag, last_modified, body FROM pages "
                               "WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return Page(row[0], url, row[1], row[2], zlib.decompress(row[5]), row[3], row[4])

    def put(self, page: Page) -> None:
        self._write("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (page.requested, page.url, page.content_type, page.charset, page.etag, page.last_modified,
                     zlib.compress(page.body, 6), time.time()))

    def touch(self, url: str) -> None:
        self._write("UPDATE pages SET used = ? WHERE url = ?", (time.time(), url))

    def drop(self, url: str) -> None:
        self._write("DELETE FROM pages WHERE url = ?", (url,))

    def prune(self, before: float) -> int:
        """Drop the pages not asked for since `before` (a time.time()); how many were dropped."""
        return self._write("DELETE FROM pages WHERE used < ?", (before,))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM pages").fetchone()[0])

    def _write(self, sql: str, args: tuple[Any, ...]) -> int:
        try:
            with self._db:
                return self._db.execute(sql, args).rowcount
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write the page cache: {e}") from e

    def close(self) -> None:
        self._db.close()


class CachingFetcher:
    """A Fetcher that asks conditionally for the pages it keeps; `not_modified` counts the 304s."""

    def __init__(self, fetcher: Fetcher, cache: PageCache) -> None:
        self.fetcher = fetcher
        self.cache = cache
        self.not_modified = 0

    def fetch(self, url: str, accept: Callable[[str | None], bool] | None = None) -> Page:
        kept = self.cache.get(url)
        page = self.fetcher.fetch(url, accept, validators=(kept.etag, kept.last_modified) if kept else None)
        if page.not_modified and kept is not None:
            self.cache.touch(url)
            self.not_modified += 1
            return kept
        if page.etag or page.last_modified:
            self.cache.put(page)
        elif kept is not None:
            self.cache.drop(url)
        return page
