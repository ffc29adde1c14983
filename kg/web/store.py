"""Read-only access to the store for the web app, refreshed so that new ingests show up."""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg.config import Settings, is_url
from kg.store import Store, open_store
from kg.store.embedded import EmbeddedStore, open_read_only
from kg.store.version import store_version

log = logging.getLogger("kg.web")


class StoreReader:
    """A read-only handle on the store, checked when older than `refresh` seconds.

    An embedded read-only store sees the data as it was when opened. Every `refresh` seconds
    the reader reads the store's version (`kg.store.version`: its files' names, sizes and times,
    which every write changes) and reopens the handle only when the version moved, so that
    `kg serve` shows what a running `kg ingest` has committed since, without a restart, and
    does not pay a reopen (10–40 ms) every second when nothing was written. `current()` gives
    the handle with the version read just before it was opened: what is computed from the
    handle describes at least that version (responses are cached under it, `kg.web.cache`).
    A remote store always answers with its current data: its handle is opened once and kept,
    and it has no version (None: nothing computed from it is cached). `engine()` gives the
    embedded store's pyoxigraph handle itself, for the queries the server evaluates in its own
    process (`kg.query.bounded`).
    """

    def __init__(self, where: str | Settings, refresh: float = 1.0) -> None:
        self.where = where
        self.location = where.store if isinstance(where, Settings) else where
        self.remote = is_url(self.location)
        self.refresh = float("inf") if self.remote else refresh
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._engine: ox.Store | None = None
        self._version: str | None = None
        self._checked = 0.0

    def get(self) -> Store:
        """The current handle (opening or reopening it if needed)."""
        return self.current()[0]

    def current(self) -> tuple[Store, str | None]:
        """The current handle and the version it was opened at (None: unknown, a remote store)."""
        with self._lock:
            self._refresh()
            assert self._store is not None
            return self._store, self._version

    def engine(self) -> tuple[ox.Store | None, str | None]:
        """The embedded store's pyoxigraph handle (None for a remote store) and its version."""
        with self._lock:
            self._refresh()
            return self._engine, self._version

    def _refresh(self) -> None:
        now = time.monotonic()
        if self._store is None or now - self._checked > self.refresh:
            version = self._read_version()
            if self._store is None or version is None or version != self._version:
                # The old handle is dropped, not closed: a request thread may still be reading it.
                if self.remote or not (Path(self.location) / "CURRENT").exists():
                    self._store = open_store(self.where, read_only=True)  # a remote one, or the error saying why
                else:
                    self._engine = open_read_only(Path(self.location))
                    self._store = EmbeddedStore(self._engine, self.location, True)
                self._version = version
            self._checked = now

    def _read_version(self) -> str | None:
        if self.remote:
            return None
        try:
            return store_version(self.location)
        except OSError as e:  # the directory is gone or unreadable: opening it says why
            log.warning("%s: cannot read the store's version (%s); reopening it", self.location, e)
            return None
