"""Fair use: a token bucket per client, and a cap on each client's SPARQL evaluations in flight.

Every request takes a token from its client's bucket (`rate_limit` tokens a second, holding at
most `rate_burst`); a client with an empty bucket is answered 429 with a Retry-After header
saying when the next token comes. A /sparql query that reaches the query workers also needs one
of its client's `max_client_queries` slots; a client that already has that many running is
answered 429 at once rather than queued, so that it cannot hold every worker (nor every server
thread) while other clients wait. Clients are told apart by address (see client_key); loopback
is not limited. State is bounded: a bucket that has refilled is the same as a
new one and is dropped, at most `max_clients` buckets are kept (least recently seen dropped
first), and a slot entry lives only while its query runs.
"""
from __future__ import annotations

import functools
import ipaddress
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kg.query.worker import Answer, Job

log = logging.getLogger("kg.web")

MAX_CLIENTS = 10_000  # buckets kept at most; past that, the least recently seen client is forgotten
SWEEP_SECONDS = 10.0  # how often buckets that have refilled are dropped
MAX_KEY_CHARS = 64
MAX_REMEMBERED = 256  # characters of an address header whose reading is remembered
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4 = re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}")  # dotted IPv4 as ipaddress writes it (no leading zeros)  # a client identity that is not an IP address is cut to this length


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused (the 429 body) and when the client may try again (whole seconds)."""

    message: str
    retry_after: int


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    refused: bool = False  # refused since the last request that passed (logged once per episode)


class FairUse:
    """The per-client token buckets and query slots. Thread-safe; memory bounded by `max_clients`."""

    def __init__(self, rate: float, burst: int, max_queries: int, query_timeout: float, *,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = MAX_CLIENTS) -> None:
        self.rate = rate
        self.burst = burst
        self.max_queries = max_queries
        self.query_timeout = query_timeout
        self.clock = clock
        self.max_clients = max_clients
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._running: dict[str, list[float]] = {}  # client -> start times of its queries in flight
        self._swept = clock()

    def admit(self, client: str) -> Refusal | None:
        """Take one token from `client`'s bucket; a Refusal if it is empty."""
        if self.rate <= 0:
            return None
        with self._lock:
            now = self.clock()
            if now - self._swept >= SWEEP_SECONDS:
                self._sweep(now)
            bucket = self._buckets.get(client)
            if bucket is None:
                bucket = self._buckets[client] = _Bucket(float(self.burst), now)
                if len(self._buckets) > self.max_clients:
                    self._buckets.popitem(last=False)
            else:
                bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * self.rate)
                bucket.stamp = now
                self._buckets.move_to_end(client)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                bucket.refused = False
                return None
            wait = max(1, math.ceil((1.0 - bucket.tokens) / self.rate))
            first = not bucket.refused
            bucket.refused = True
        return self._rate_refusal(client, wait, first)

    def _rate_refusal(self, client: str, wait: int, first: bool) -> Refusal:
        """The 429 of a client whose bucket is empty (logged at the first of a run of refusals)."""
        if first:
            log.warning("client %s is over the rate limit (%g/s, burst %d): answering 429",
                        client, self.rate, self.burst)
        return Refusal(f"too many requests: each client may make {self.rate:g} requests a second "
                       f"(bursts of {self.burst}); retry after {wait} s", wait)

    def begin_query(self, client: str) -> Refusal | None:
        """Take one of `client`'s query slots; a Refusal if all are in use. Pair with end_query."""
        if self.max_queries <= 0:
            return None
        with self._lock:
            now = self.clock()
            started = self._running.setdefault(client, [])
            if len(started) < self.max_queries:
                started.append(now)
                return None
            # Queries are stopped after query_timeout: the oldest one's slot is free about then.
            wait = max(1, math.ceil(min(started) + self.query_timeout - now))
            running = len(started)
        return self._query_refusal(running, wait)

    def _query_refusal(self, running: int, wait: int) -> Refusal:
        """The 429 of a client that already has all its query slots."""
        plural = "query" if self.max_queries == 1 else "queries"
        return Refusal(f"too many concurrent queries: each client may run {self.max_queries} {plural} at "
                       f"once and this one already has {running} running; send the next one when a "
                       f"query has answered (queries are stopped after {self.query_timeout:g} s)", wait)

    def end_query(self, client: str) -> None:
        """Give back a slot taken by begin_query."""
        if self.max_queries <= 0:
            return
        with self._lock:
            started = self._running.get(client)
            if not started:
                raise RuntimeError(f"end_query for {client} without a query in flight")
            started.pop(0)
            if not started:
                del self._running[client]

    def tracked(self) -> tuple[int, int]:
        """How many clients have a bucket and how many have a query in flight (for tests and logs)."""
        with self._lock:
            return len(self._buckets), len(self._running)

    def _sweep(self, now: float) -> None:
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.stamp) * self.rate >= self.burst]
        for key in full:
            del self._buckets[key]
        self._swept = now


class QueryRunner(Protocol):
    """What the endpoint needs of a query pool: the process pool or the remote one."""

    def run(self, job: Job, timeout: float | None = None) -> Answer: ...

    def close(self) -> None: ...


class FairPool:
    """A query pool behind the per-client cap: each client (as the current request names it) gets at
    most its share of slots; a query beyond it is answered 429 with Retry-After."""

    def __init__(self, fair: FairUse, client: Callable[[], str | None], inner: QueryRunner) -> None:
        self.fair = fair
        self.client = client
        self.inner = inner

    def run(self, job: Job, timeout: float | None = None) -> Answer:
        """Run `job` if its client has a free slot, else answer 429 with Retry-After."""
        client = self.client()
        if client is None:
            return self.inner.run(job, timeout)
        refusal = self.fair.begin_query(client)
        if refusal is not None:
            return Answer.error(429, refusal.message, **{"Retry-After": str(refusal.retry_after)})
        try:
            return self.inner.run(job, timeout)
        finally:
            self.fair.end_query(client)

    def close(self) -> None:
        self.inner.close()


def client_key(remote_addr: str | None, forwarded_for: str | None, trust_forwarded: bool) -> str | None:
    """The identity a client is counted under: its IP address, an IPv6 client by its /64.

    With `trust_forwarded`, the last X-Forwarded-For entry (the one the reverse proxy in front
    appended) is the client's address; entries before it are the client's own say and ignored.
    None for a loopback address: this machine (its user, or a proxy not trusted to name its
    clients, whose traffic must not all share one bucket) is not limited. Remembered for the usual
    short headers (a client may send a long X-Forwarded-For: 4,096 of those are not kept).
    """
    if len(forwarded_for or "") <= MAX_REMEMBERED and len(remote_addr or "") <= MAX_REMEMBERED:
        return _known_client(remote_addr, forwarded_for, trust_forwarded)
    return _client(remote_addr, forwarded_for, trust_forwarded)


@functools.lru_cache(maxsize=4096)  # parsed for every request: the same few addresses, over and over
def _known_client(remote_addr: str | None, forwarded_for: str | None, trust_forwarded: bool) -> str | None:
    return _client(remote_addr, forwarded_for, trust_forwarded)


def _client(remote_addr: str | None, forwarded_for: str | None, trust_forwarded: bool) -> str | None:
    candidate = forwarded_for.rsplit(",", 1)[-1].strip() if trust_forwarded and forwarded_for else remote_addr
    if candidate and _IPV4.fullmatch(candidate):  # the usual case, without the ipaddress module (as it would say)
        return None if candidate.startswith("127.") else candidate
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
    if trust_forwarded and forwarded_for:
        ip = _ip(forwarded_for.rsplit(",", 1)[-1])
    if ip is None:
        raw = remote_addr or "unknown"
        ip = _ip(raw)
        if ip is None:
            return raw[:MAX_KEY_CHARS]
    if ip.is_loopback:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        # One subscriber usually holds a whole /64: counting each address would let it dodge the limit.
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


def _ip(raw: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = raw.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [v6] or [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip
