"""Cheap lookups under an aggressive client: does fair use keep the endpoint answering everyone?

    python bench/load_mix.py [--store DIR] [--duration 8] [--clients 6] [--think 0.15]
                             [--heavy-threads 3] [--heavy-retry 0.05] [--query-timeout 4] [--no-uncapped]

Starts `kg serve --port 0 --trust-forwarded` on a store (by default one it builds from samples/
with `kg ingest samples/ --published 2022-09-20`) and runs timed phases against it:

1. cheap only: `--clients` clients, each a thread with its own address: half browse entity
   pages (/id/..., HTML), half run simple SELECTs on one entity (/sparql, JSON), each pausing
   `--think` seconds between requests;
2. cheap + heavy: the same, plus one aggressive client sending cartesian products and regex
   scans (each runs into the query timeout) from `--heavy-threads` threads at once, ignoring
   Retry-After (it retries `--heavy-retry` seconds after a 429);
3. cheap + heavy on a server started with `--max-client-queries 0` (no per-client cap), to show
   what the cap prevents (skip with --no-uncapped).

All clients are on loopback, so each sends its own X-Forwarded-For address and the server trusts
it (--trust-forwarded, for this bench only). Prints, per phase, the cheap lookups' latency
(p50/p95/p99), throughput and status counts, and the heavy client's answers.
"""
from __future__ import annotations

import argparse
import contextlib
import http.client
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from _scale import stop

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    'SELECT ?o { ?s ?p ?o . ?s2 ?p2 ?o2 FILTER(REGEX(CONCAT(STR(?o), STR(?o2)), "^(.*a){8}.*z$", "i")) }',
)
JSON = "application/sparql-results+json"


@dataclass
class Record:
    client: str
    kind: str
    status: int  # 0: no HTTP answer (connection error or client timeout)
    seconds: float
    detail: str = ""


@dataclass
class Phase:
    name: str
    records: list[Record] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    seconds: float = 0.0

    def add(self, record: Record) -> None:
        with self.lock:
            self.records.append(record)


class Client:
    """One keep-alive HTTP connection speaking for one client address."""

    def __init__(self, url: str, address: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.address = address
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, accept: str) -> tuple[int, str]:
        """Status and the first line of the body (0 and the error when nothing came back)."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request("GET", path, headers={"Accept": accept, "X-Forwarded-For": self.address})
            resp = self.conn.getresponse()
            body = resp.read()
            if resp.getheader("Connection", "").lower() == "close":
                self.close()
            return resp.status, body[:200].decode("utf-8", "replace").split("\n", 1)[0]
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, f"{type(e).__name__}: {e}"

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def sparql_path(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def cheap_loop(url: str, address: str, targets: list[tuple[str, str, str]], phase: Phase, deadline: float,
               think: float, offset: int) -> None:
    """Look up `targets` one after the other until `deadline`."""
    client = Client(url, address, timeout=60)
    i = offset
    while time.monotonic() < deadline:
        kind, path, accept = targets[i % len(targets)]
        i += 1
        started = time.monotonic()
        status, detail = client.get(path, accept)
        phase.add(Record(address, kind, status, time.monotonic() - started, detail))
        time.sleep(think)
    client.close()


def heavy_loop(url: str, address: str, phase: Phase, deadline: float, offset: int, timeout: float,
               retry: float) -> None:
    """Send expensive queries until `deadline`, retrying soon after a 429 whatever Retry-After says."""
    client = Client(url, address, timeout=timeout + 30)
    i = offset
    while time.monotonic() < deadline:
        query = HEAVY[i % len(HEAVY)]
        i += 1
        started = time.monotonic()
        status, detail = client.get(sparql_path(query), JSON)
        phase.add(Record(address, "heavy", status, time.monotonic() - started, detail))
        if status == 429:
            time.sleep(retry)
    client.close()


def run_phase(name: str, url: str, targets: list[tuple[str, str, str]], args: argparse.Namespace,
              heavy: bool) -> Phase:
    phase = Phase(name)
    deadline = time.monotonic() + args.duration
    pages = [t for t in targets if t[0] == "page"]
    selects = [t for t in targets if t[0] == "select"]
    threads = [threading.Thread(target=cheap_loop, args=(url, f"10.0.0.{n + 1}", selects if n % 2 else pages,
                                                         phase, deadline, args.think, n * 7))
               for n in range(args.clients)]
    if heavy:
        threads += [threading.Thread(target=heavy_loop, args=(url, "10.0.1.1", phase, deadline, n,
                                                              args.query_timeout, args.heavy_retry))
                    for n in range(args.heavy_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.duration + args.query_timeout + 60)
    phase.seconds = args.duration  # cheap clients send nothing after the deadline
    return phase


@contextlib.contextmanager
def serving(store: str, *flags: str) -> Iterator[tuple[str, str]]:
    """Run `kg serve --port 0` on `store`; yields its URL and its start-up lines."""
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", store, "--port", "0", *flags],
                                stderr=log, stdout=subprocess.DEVNULL, text=True)
        try:
            deadline = time.monotonic() + 60
            text, m = "", None
            while time.monotonic() < deadline and proc.poll() is None and not (m and "fair use" in text):
                time.sleep(0.1)
                log.seek(0)
                text = log.read()
                m = re.search(r"at (http://\S+?)/ ", text)
            if not (m and "fair use" in text):
                raise SystemExit(f"kg serve did not start: {text[-1000:]}")
            yield m.group(1), " | ".join(line.strip() for line in text.splitlines())
        finally:
            stop(proc)


def build_store(folder: Path) -> str:
    store = folder / "store"
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(ROOT / "samples"), "--published",
                          "2022-09-20", "--store", str(store), "--no-progress"],
                         check=False, capture_output=True, text=True, timeout=900)
    if run.returncode != 0:
        raise SystemExit(f"kg ingest failed ({run.returncode}): {run.stderr[-1000:]}")
    print(f"built {store} from samples/ in {time.monotonic() - started:.0f} s")
    return str(store)


def cheap_targets(store: str, limit: int) -> tuple[list[tuple[str, str, str]], int]:
    """Entity pages and one-entity SELECTs, alternating; and the store's size in quads."""
    import pyoxigraph as ox

    db = ox.Store.read_only(store)
    result = db.query("SELECT DISTINCT ?e { ?e <https://w3id.org/newskg/ontology#mentionedIn> ?a } "
                      f"ORDER BY ?e LIMIT {limit}", use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    iris = [sol["e"].value for sol in result]
    size = len(db)
    del db
    targets = []
    for iri in iris:
        if "/id/" not in iri:
            continue
        targets.append(("page", iri[iri.index("/id/"):], "text/html"))
        targets.append(("select", sparql_path(f"SELECT ?p ?o {{ <{iri}> ?p ?o }} LIMIT 20"), JSON))
    if not targets:
        raise SystemExit(f"{store}: no entities with kg:mentionedIn to look up")
    return targets, size


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else float("nan")


def report(phases: list[Phase]) -> None:
    print()
    print("cheap lookups (latency of every request, in ms; status counts)")
    print(f"{'phase':28} {'kind':7} {'requests':>8} {'req/s':>6} {'p50':>7} {'p95':>7} {'p99':>7} "
          f"{'200':>6} {'429':>5} {'503':>5} {'other':>5}")
    for phase in phases:
        cheap = [r for r in phase.records if r.kind != "heavy"]
        for kind in ("page", "select", "all"):
            rs = cheap if kind == "all" else [r for r in cheap if r.kind == kind]
            ms = [r.seconds * 1000 for r in rs]
            codes = [r.status for r in rs]
            other = sum(c not in (200, 429, 503) for c in codes)
            print(f"{phase.name if kind == 'page' else '':28} {kind:7} {len(rs):8} {len(rs) / phase.seconds:6.1f} "
                  f"{pct(ms, .5):7.1f} {pct(ms, .95):7.1f} {pct(ms, .99):7.1f} {codes.count(200):6} "
                  f"{codes.count(429):5} {codes.count(503):5} {other:5}")
    print()
    print("heavy client (10.0.1.1): answers by status")
    for phase in phases:
        heavy = [r for r in phase.records if r.kind == "heavy"]
        if not heavy:
            continue
        slot = sum(r.status == 429 and "concurrent" in r.detail for r in heavy)
        rate = sum(r.status == 429 and "concurrent" not in r.detail for r in heavy)
        timed_out = sum(r.status == 503 and "timed out" in r.detail for r in heavy)
        busy = sum(r.status == 503 and "timed out" not in r.detail for r in heavy)
        ok = sum(r.status == 200 for r in heavy)
        other = len(heavy) - slot - rate - timed_out - busy - ok
        print(f"  {phase.name:26} sent {len(heavy):4}: 429 concurrent-query cap {slot}, 429 rate limit {rate}, "
              f"503 timed out {timed_out}, 503 workers busy {busy}, 200 {ok}, other {other}")
    errors = [r for p in phases for r in p.records if r.status not in (200, 429, 503)]
    for r in errors[:5]:
        print(f"  unexpected: {r.client} {r.kind} {r.status} {r.detail}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default=None, help="existing store (default: build one from samples/)")
    ap.add_argument("--duration", type=float, default=8.0, help="seconds per phase (default 8)")
    ap.add_argument("--clients", type=int, default=6, help="cheap clients (default 6)")
    ap.add_argument("--think", type=float, default=0.15, help="pause of a cheap client between requests (s)")
    ap.add_argument("--heavy-threads", type=int, default=3, help="parallel requests of the heavy client")
    ap.add_argument("--heavy-retry", type=float, default=0.05, help="heavy client's pause after a 429 (s)")
    ap.add_argument("--query-timeout", type=float, default=4.0, help="server query timeout (s, default 4)")
    ap.add_argument("--entities", type=int, default=40, help="entities to look up (default 40)")
    ap.add_argument("--no-uncapped", action="store_true", help="skip the phase without the per-client cap")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-load-mix-") as tmp:
        store = args.store or build_store(Path(tmp))
        targets, size = cheap_targets(store, args.entities)
        flags = ["--trust-forwarded", "--query-timeout", f"{args.query_timeout:g}"]
        print(f"store: {store} ({size} quads); {len(targets)} cheap targets; {args.duration:g} s per phase")
        print(f"{args.clients} cheap clients (10.0.0.1-{args.clients}: odd browse pages, even run SELECTs; "
              f"think {args.think:g} s); heavy client 10.0.1.1: {args.heavy_threads} requests at once, "
              f"retrying {args.heavy_retry:g} s after a 429")
        print("clients are told apart by X-Forwarded-For: the server runs with --trust-forwarded for this "
              "bench only (all traffic is on loopback)")
        phases = []
        with serving(store, *flags) as (url, banner):
            print(f"server: {banner}")
            for path, accept in ((targets[0][1], "text/html"), (targets[1][1], JSON), (sparql_path("ASK {}"), JSON)):
                Client(url, "10.0.9.9", 60).get(path, accept)  # warm up: worker start, page caches
            phases.append(run_phase("cheap only", url, targets, args, heavy=False))
            phases.append(run_phase("cheap + heavy (cap 1)", url, targets, args, heavy=True))
        if not args.no_uncapped:
            with serving(store, *flags, "--max-client-queries", "0") as (url, _):
                Client(url, "10.0.9.9", 60).get(sparql_path("ASK {}"), JSON)
                phases.append(run_phase("cheap + heavy (no cap)", url, targets, args, heavy=True))
        report(phases)


if __name__ == "__main__":
    main()
