"""Read-only access to the store for the web app, refreshed so that new ingests show up."""
from __future__ import annotations

import threading
import time

from kg.config import Settings, is_url
from kg.store import Store, open_store


class StoreReader:
    """A read-only handle on the store, reopened when older than `refresh` seconds.

    An embedded read-only store sees the data as it was when opened; reopening it every
    second (cheap: a few milliseconds) lets `kg serve` show what a running `kg ingest`
    has committed since, without a restart. A remote store always answers with its current
    data: its handle is opened once and kept.
    """

    def __init__(self, where: str | Settings, refresh: float = 1.0) -> None:
        self.where = where
        self.location = where.store if isinstance(where, Settings) else where
        self.refresh = float("inf") if is_url(self.location) else refresh
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._opened = 0.0

    def get(self) -> Store:
        """The current handle (opening or reopening it if needed)."""
        with self._lock:
            now = time.monotonic()
            if self._store is None or now - self._opened > self.refresh:
                # The old handle is dropped, not closed: a request thread may still be reading it.
                self._store = open_store(self.where, read_only=True)
                self._opened = now
            return self._store
