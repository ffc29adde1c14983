"""Fair use: 429 with Retry-After past a client's token bucket or its concurrent-query slots."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Clock, serve_store

from kg.config import Settings
from kg.web import create_app
from kg.web.ratelimit import SWEEP_SECONDS, FairUse, client_key
from kg.web.shared_fair import SharedFairUse

# Four independent triple patterns over 300 triples: 8e9 rows, never done within the timeouts below.
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SD = "/sparql"  # GET without a query: the service description, answered without a query worker


@pytest.fixture()
def make_app(small_store: str) -> Iterator[Any]:
    apps: list[Any] = []

    def make(**settings: Any) -> Any:
        app = create_app(Settings(store=small_store, **settings))
        apps.append(app)
        return app
    yield make
    for app in apps:
        app.extensions["kg"].close()


def as_client(app: Any, addr: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = addr
    return client


# --- the limiter on its own -----------------------------------------------------------------
@pytest.fixture(params=[FairUse, SharedFairUse], ids=["in-process", "shared"])
def kind(request: pytest.FixtureRequest) -> type[FairUse]:
    """Both limiters give the same answers: one process's, and the one several server processes share."""
    return request.param  # type: ignore[no-any-return]


def test_bucket_refuses_past_the_burst_and_refills_at_the_rate(kind: type[FairUse]) -> None:
    clock = Clock()
    fair = kind(rate=0.5, burst=3, max_queries=1, query_timeout=30, clock=clock)
    assert [fair.admit("a") for _ in range(3)] == [None, None, None]
    refusal = fair.admit("a")
    assert refusal is not None and refusal.retry_after == 2 and "0.5 requests a second" in refusal.message
    assert fair.admit("b") is None  # another client has its own bucket
    clock.now += 1.9
    assert fair.admit("a") is not None  # 0.95 of a token: not yet
    clock.now += 0.1
    assert fair.admit("a") is None and fair.admit("a") is not None
    clock.now += 100
    assert [fair.admit("a") for _ in range(4)].count(None) == 3  # refilled to the burst, not beyond


def test_rate_zero_never_refuses(kind: type[FairUse]) -> None:
    fair = kind(rate=0, burst=1, max_queries=1, query_timeout=30, clock=Clock())
    assert all(fair.admit("a") is None for _ in range(1000))
    assert fair.tracked() == (0, 0)


def test_buckets_are_bounded_and_idle_ones_forgotten() -> None:
    clock = Clock()
    fair = FairUse(rate=1, burst=5, max_queries=1, query_timeout=30, clock=clock, max_clients=50)
    for i in range(500):
        fair.admit(f"10.0.{i // 256}.{i % 256}")
    assert fair.tracked()[0] == 50
    clock.now += SWEEP_SECONDS
    fair.admit("10.9.9.9")  # a sweep: every bucket but this one has refilled
    assert fair.tracked()[0] == 1


def test_concurrent_admits_take_exactly_the_burst(kind: type[FairUse]) -> None:
    fair = kind(rate=1e-9, burst=200, max_queries=1, query_timeout=30, clock=Clock())
    passed: list[int] = []

    def hammer() -> None:
        passed.append(sum(fair.admit("a") is None for _ in range(100)))
    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum(passed) == 200


def test_query_slots_per_client(kind: type[FairUse]) -> None:
    clock = Clock()
    fair = kind(rate=10, burst=10, max_queries=1, query_timeout=30, clock=clock)
    assert fair.begin_query("a") is None
    clock.now += 12
    refusal = fair.begin_query("a")
    assert refusal is not None and refusal.retry_after == 18  # the running query is stopped by then
    assert "1 query at once" in refusal.message
    assert fair.begin_query("b") is None  # other clients are not held back
    fair.end_query("a")
    fair.end_query("b")
    assert fair.tracked()[1] == 0
    assert fair.begin_query("a") is None
    fair.end_query("a")
    no_cap = kind(rate=10, burst=10, max_queries=0, query_timeout=30, clock=clock)
    assert all(no_cap.begin_query("a") is None for _ in range(10))


@pytest.mark.parametrize("remote,forwarded,trust,key", [
    ("192.0.2.1", "198.51.100.7", False, "192.0.2.1"),  # not trusted: the header is ignored
    ("192.0.2.1", "198.51.100.7", True, "198.51.100.7"),
    ("192.0.2.1", "203.0.113.9, 198.51.100.7", True, "198.51.100.7"),  # the proxy's entry, not the client's
    ("192.0.2.1", "not-an-address", True, "192.0.2.1"),
    ("192.0.2.1", "198.51.100.7:4711", True, "198.51.100.7"),
    ("192.0.2.1", "[2001:db8:1:2::5]", True, "2001:db8:1:2::/64"),
    ("2001:db8:1:2:aaaa::1", None, False, "2001:db8:1:2::/64"),  # one /64 is one client
    ("::ffff:192.0.2.1", None, False, "192.0.2.1"),
    ("127.0.0.1", None, False, None),  # this machine is not limited
    ("::1", "198.51.100.7", False, None),
    ("127.0.0.1", "198.51.100.7", True, "198.51.100.7"),  # a trusted proxy here names its clients
    ("127.0.0.1", "garbage", True, None),
])
def test_client_key(remote: str, forwarded: str | None, trust: bool, key: str | None) -> None:
    assert client_key(remote, forwarded, trust) == key


# --- through the app ------------------------------------------------------------------------
def test_429_with_retry_after_then_recovery(make_app: Any) -> None:
    app = make_app(rate_limit=2.0, rate_burst=3)
    c = as_client(app, "192.0.2.10")
    assert [c.get(SD).status_code for _ in range(3)] == [200, 200, 200]
    refused = c.get(SD)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert refused.mimetype == "text/plain" and b"too many requests" in refused.data
    assert refused.headers["Access-Control-Allow-Origin"] == "*"  # a browser client can read the 429
    assert "Retry-After" in refused.headers["Access-Control-Expose-Headers"]
    page = c.get("/static/kg.css", headers={"Accept": "text/html"})  # pages answer in the page style
    assert page.status_code == 429 and page.mimetype == "text/html" and page.headers["Retry-After"]
    assert b"Traceback" not in page.data and b"too many requests" in page.data
    other = as_client(app, "192.0.2.11")
    assert other.get(SD).status_code == 200  # another client has its own bucket
    time.sleep(int(refused.headers["Retry-After"]) + 0.05)
    assert c.get(SD).status_code == 200


def test_rate_limit_zero_turns_it_off(make_app: Any) -> None:
    c = as_client(make_app(rate_limit=0, rate_burst=1), "192.0.2.10")
    assert {c.get(SD).status_code for _ in range(50)} == {200}


def test_loopback_is_not_limited(make_app: Any) -> None:
    app = make_app(rate_limit=0.01, rate_burst=1)
    for addr in ("127.0.0.1", "::1"):
        assert {as_client(app, addr).get(SD).status_code for _ in range(20)} == {200}
    assert [as_client(app, "192.0.2.10").get(SD).status_code for _ in range(2)] == [200, 429]


def test_forwarded_for_only_when_trusted(make_app: Any) -> None:
    untrusted = as_client(make_app(rate_limit=0.01, rate_burst=2), "192.0.2.10")
    codes = [untrusted.get(SD, headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]  # one client, whatever it claims
    trusted = as_client(make_app(rate_limit=0.01, rate_burst=2, trust_forwarded=True), "192.0.2.10")
    codes = [trusted.get(SD, headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(3)]
    assert codes == [200, 200, 200]


# --- through the real server ----------------------------------------------------------------
def fetch(url: str, path: str, client: str | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept": "application/sparql-results+json"}
    if client:
        headers["X-Forwarded-For"] = client
    req = urllib.request.Request(url + path, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, _names(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, _names(e.headers), e.read()


def _names(headers: Any) -> dict[str, str]:
    """Header names as HTTP takes them: case-insensitive (here, as the server wrote them: lower case)."""
    return {k.lower(): v for k, v in headers.items()}


def q(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def test_a_client_with_a_slow_query_cannot_hold_a_second_worker(small_store: str) -> None:
    with serve_store(small_store, "--query-workers", "2", "--query-timeout", "5", "--max-client-queries", "1",
                     "--rate-limit", "0.01", "--rate-burst", "4", "--trust-forwarded") as url:
        slow: list[tuple[int, dict[str, str], bytes]] = []
        holder = threading.Thread(target=lambda: slow.append(fetch(url, q(HEAVY), "10.0.0.1")))
        holder.start()
        time.sleep(1.0)  # the heavy query is on a worker by now
        status, headers, body = fetch(url, q("ASK {}"), "10.0.0.1")
        assert status == 429 and b"concurrent queries" in body and b"Traceback" not in body
        assert 1 <= int(headers["retry-after"]) <= 5
        started = time.monotonic()
        status, _, body = fetch(url, q("ASK {}"), "10.0.0.2")  # another client is answered meanwhile
        assert status == 200 and b"true" in body and time.monotonic() - started < 3
        assert fetch(url, SD, "10.0.0.1")[0] == 200  # cheap requests only take a token
        assert holder.is_alive()  # all of that while the heavy query was still running
        holder.join(30)
        assert slow and slow[0][0] == 503 and b"timed out" in slow[0][2]
        assert fetch(url, q("ASK {}"), "10.0.0.1")[0] == 200  # its slot is back
        # Identity is X-Forwarded-For's last entry (what the proxy appended).
        assert [fetch(url, SD, "10.0.0.3")[0] for _ in range(5)] == [200, 200, 200, 200, 429]
        assert fetch(url, SD, "10.0.0.4")[0] == 200
        assert fetch(url, SD, "10.0.0.4, 10.0.0.3")[0] == 429


def test_real_server_ignores_forwarded_for_by_default(small_store: str) -> None:
    with serve_store(small_store, "--rate-limit", "0.01", "--rate-burst", "1") as url:
        # Were the header believed, the second request would be 10.0.0.1's second: 429. Unbelieved,
        # every request is from loopback, which is not limited.
        codes = [fetch(url, SD, "10.0.0.1")[0] for _ in range(3)]
    assert codes == [200, 200, 200]


def test_serve_help_names_the_fair_use_flags() -> None:
    from click.testing import CliRunner

    from kg.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"]).output
    for flag in ("--rate-limit", "--rate-burst", "--max-client-queries", "--trust-forwarded", "KG_RATE_LIMIT",
                 "KG_TRUST_FORWARDED"):
        assert flag in out


def test_a_stopped_query_gets_its_worker_replaced_in_the_background(make_app: Any) -> None:
    app = make_app(query_workers=1, query_timeout=1.0)
    pool = app.extensions["kg"].pool.inner
    resp = as_client(app, "192.0.2.10").get(q(HEAVY))
    assert resp.status_code == 503 and b"timed out" in resp.data
    deadline = time.monotonic() + 20
    while pool._idle.qsize() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool._idle.qsize() == 1  # the next client does not wait for a worker to start
    assert as_client(app, "192.0.2.11").get(q("ASK {}")).status_code == 200
    assert pool._idle.qsize() == 1  # and the pool did not grow past its size


@pytest.mark.parametrize("raw", ["10.0.0.1", "0.0.0.0", "255.255.255.255", "127.0.0.1", "127.255.0.9", "010.0.0.1",
                                 "256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.4:8080", " 1.2.3.4 ", "::1",
                                 "2001:db8::1", "::ffff:10.0.0.1", "[2001:db8::2]:443", "junk"])
def test_client_key_reads_addresses_as_the_ipaddress_module_does(raw: str) -> None:
    import ipaddress

    text = raw.strip()
    try:
        ip: Any = ipaddress.ip_address(text)
    except ValueError:
        ip = None
    if isinstance(ip, ipaddress.IPv4Address):
        assert client_key(raw, None, False) == (None if ip.is_loopback else str(ip))
        assert client_key("192.0.2.1", f"198.51.100.7, {raw}", True) == (None if ip.is_loopback else str(ip))
    elif ip is None and ":" not in text:
        assert client_key(raw, None, False) in (raw[:64], "1.2.3.4")  # not an address: itself (or its host)
        assert client_key("192.0.2.1", f"198.51.100.7, {raw}", True) in ("192.0.2.1", "1.2.3.4")
