"""Read-only access to the store for the web app, refreshed so that new ingests show up."""
from __future__ import annotations

import threading
import time

from kg.store import Store, open_store


class StoreReader:
    """A read-only handle on the store, reopened when older than `refresh` seconds.

    An embedded read-only store sees the data as it was when opened; reopening it every
    second (cheap: a few milliseconds) lets `kg serve` show what a running `kg ingest`
    has committed since, without a restart.
    """

    def __init__(self, location: str, refresh: float = 1.0) -> None:
        self.location = location
        self.refresh = refresh
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._opened = 0.0

    def get(self) -> Store:
        """The current handle (opening or reopening it if needed)."""
        with self._lock:
            now = time.monotonic()
            if self._store is None or now - self._opened > self.refresh:
                # The old handle is dropped, not closed: a request thread may still be reading it.
                self._store = open_store(self.location, read_only=True)
                self._opened = now
            return self._store
