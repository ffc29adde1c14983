"""Fair use shared by several server processes (`kg serve --processes N`).

`kg.web.ratelimit.FairUse` keeps its buckets and query slots in the process's own memory: with
several server processes, a client would get a bucket and a slot in each. `SharedFairUse` gives
the same answers from one table in memory that every process maps (an anonymous shared mapping
made before the processes are forked), under one lock (a semaphore) that every process holds.

The table is open addressing: a client (its key's 64-bit digest) has one entry among the
`WINDOW` after its hash's place. An entry whose bucket has refilled and that has no query running
is the same as none and is taken again (FairUse drops such buckets every ten seconds). When the
window has no such entry, the client seen the longest ago in it is forgotten, as FairUse forgets
its least recently seen client past `max_clients`: the table has a place for twice as many.

A query slot keeps its start time (up to `STARTS` of them per client; the Retry-After of a refused
query is worked out from the oldest). A slot whose query started over its timeout plus `GRACE`
ago is free again: queries are stopped at their timeout, so such a slot can only be one that a
server process took before it died, and never gave back.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import math
import mmap
import multiprocessing
import struct
import time
from collections.abc import Callable

from kg.web.ratelimit import MAX_CLIENTS, FairUse, Refusal

log = logging.getLogger("kg.web")

WINDOW = 16  # entries a client's entry may be among, after its hash's place
STRIPES = 64  # tables, each with its own lock; a client's is chosen by its key's top bits
STARTS = 8  # query start times kept per client (more queries in flight are counted, not timed)
GRACE = 60.0  # seconds past the query timeout after which a slot never given back is free again
# key digest, tokens, stamp (tokens last worked out), seen (last request), refused, running, times kept, the times
_ENTRY = struct.Struct(f"<Qdddiii4x{STARTS}d")
_HEAD = struct.Struct("<Qdddi")  # the fields before `running`: what a request's token changes
_KEY = struct.Struct("<Q")
_STRIPE_SHIFT = 64 - (STRIPES.bit_length() - 1)  # a key's stripe: its top bits


def _key_of(client: str) -> int:
    """A client's key as the table's 64-bit key (never 0, which marks an empty entry); remembered for the
    usual short ones."""
    return _digest(client) if len(client) <= 256 else _digest.__wrapped__(client)


@functools.lru_cache(maxsize=4096)
def _digest(client: str) -> int:
    return int.from_bytes(hashlib.blake2b(client.encode(), digest_size=8).digest(), "little") or 1


class SharedFairUse(FairUse):
    """FairUse over a table in shared memory: make it before forking the processes that share it."""

    def __init__(self, rate: float, burst: int, max_queries: int, query_timeout: float, *,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = MAX_CLIENTS) -> None:
        super().__init__(rate, burst, max_queries, query_timeout, clock=clock, max_clients=max_clients)
        # STRIPES tables of `size` entries (a power of two), each under its own lock, twice max_clients in all
        self.size = 1 << max(WINDOW, (2 * max_clients - 1) // STRIPES).bit_length()
        self._map = mmap.mmap(-1, STRIPES * self.size * _ENTRY.size, flags=mmap.MAP_SHARED)
        self._table = memoryview(self._map)
        # Semaphores in shared memory, the locks of every process (the threading lock of FairUse is not used).
        # One would be taken by every request of every process: they would queue on it.
        context = multiprocessing.get_context("fork")
        self._locks = [context.Lock() for _ in range(STRIPES)]

    def admit(self, client: str) -> Refusal | None:
        if self.rate <= 0:
            return None
        key = _key_of(client)
        with self._locks[key >> _STRIPE_SHIFT]:
            now = self.clock()
            at, (_, tokens, stamp, _, refused, running, kept, *starts) = self._entry(key, now)
            tokens = min(float(self.burst), tokens + (now - stamp) * self.rate)
            if tokens >= 1.0:
                _HEAD.pack_into(self._table, at, key, tokens - 1.0, now, now, 0)
                return None
            _HEAD.pack_into(self._table, at, key, tokens, now, now, 1)
        return self._rate_refusal(client, max(1, math.ceil((1.0 - tokens) / self.rate)), not refused)

    def begin_query(self, client: str) -> Refusal | None:
        if self.max_queries <= 0:
            return None
        key = _key_of(client)
        with self._locks[key >> _STRIPE_SHIFT]:
            now = self.clock()
            at, (_, tokens, stamp, _, refused, running, kept, *starts) = self._entry(key, now)
            times = starts[:kept]
            alive = [t for t in times if t + self.query_timeout + GRACE >= now]
            running -= len(times) - len(alive)
            if running < self.max_queries:
                if len(alive) < STARTS:
                    alive.append(now)
                self._put(at, key, tokens, stamp, now, refused, running + 1, alive)
                return None
            if len(alive) != len(times):
                self._put(at, key, tokens, stamp, now, refused, running, alive)
        oldest = min(alive, default=now)
        return self._query_refusal(running, max(1, math.ceil(oldest + self.query_timeout - now)))

    def end_query(self, client: str) -> None:
        if self.max_queries <= 0:
            return
        key = _key_of(client)
        with self._locks[key >> _STRIPE_SHIFT]:
            at = self._find(key)
            entry = None if at is None else _ENTRY.unpack_from(self._table, at)
            if entry is not None and entry[5] > 0:
                _, tokens, stamp, seen, refused, running, kept, *starts = entry
                self._put(at, key, tokens, stamp, seen, refused, running - 1, starts[1:kept])  # the oldest one
                return
        # Its entry was taken by another client (a full window) or its slot freed as stale: nothing to give back.
        log.warning("fair use: client %s gave back a query slot it no longer had", client)

    def tracked(self) -> tuple[int, int]:
        now = self.clock()
        buckets = running = 0
        for stripe, lock in enumerate(self._locks):
            with lock:
                base = stripe * self.size * _ENTRY.size
                for at in range(base, base + self.size * _ENTRY.size, _ENTRY.size):
                    key, tokens, stamp, _, _, queries, *_ = _ENTRY.unpack_from(self._table, at)
                    if key:
                        buckets += not self._refilled(tokens, stamp, now)
                        running += queries > 0
        return buckets, running

    def recover(self, wait: float = 1.0) -> int:
        """Free the locks that a process died holding (how many). For the supervisor, after a server
        process ended unexpectedly: a lock is held for microseconds at a time, so one that stays held
        for `wait` seconds is a dead process's."""
        freed = 0
        for lock in self._locks:
            if not lock.acquire(timeout=wait):
                freed += 1
            lock.release()
        if freed:
            log.error("fair use: a server process died holding %d lock(s) of the shared table; freed", freed)
        return freed

    def _refilled(self, tokens: float, stamp: float, now: float) -> bool:
        return self.rate <= 0 or tokens + (now - stamp) * self.rate >= self.burst

    def _place(self, key: int) -> tuple[int, int]:
        """Where `key`'s stripe starts (bytes) and its home entry within it."""
        return (key >> _STRIPE_SHIFT) * self.size * _ENTRY.size, key & (self.size - 1)

    def _find(self, key: int) -> int | None:
        """The offset of `key`'s entry, or None."""
        base, home = self._place(key)
        mask, size = self.size - 1, _ENTRY.size
        for i in range(WINDOW):
            at = base + ((home + i) & mask) * size
            if _KEY.unpack_from(self._table, at)[0] == key:
                return at
        return None

    def _entry(self, key: int, now: float) -> tuple[int, tuple[float, ...]]:
        """The offset and fields of `key`'s entry, made (a full bucket, no query) if it has none."""
        base, home = self._place(key)
        mask, size = self.size - 1, _ENTRY.size
        free = oldest = None
        oldest_seen = math.inf
        for i in range(WINDOW):
            at = base + ((home + i) & mask) * size
            entry = _ENTRY.unpack_from(self._table, at)
            if entry[0] == key:
                return at, entry
            if free is None and (entry[0] == 0 or (entry[5] == 0 and self._refilled(entry[1], entry[2], now))):
                free = at
            if entry[3] < oldest_seen:
                oldest, oldest_seen = at, entry[3]
        at = free if free is not None else oldest
        assert at is not None
        entry = (key, float(self.burst), now, now, 0, 0, 0) + (0.0,) * STARTS
        _ENTRY.pack_into(self._table, at, *entry)
        return at, entry

    def _put(self, at: int, key: int, tokens: float, stamp: float, seen: float, refused: int, running: int,
             starts: list[float]) -> None:
        _ENTRY.pack_into(self._table, at, key, tokens, stamp, seen, refused, running, len(starts),
                         *starts, *(0.0,) * (STARTS - len(starts)))
