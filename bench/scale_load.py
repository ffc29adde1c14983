"""Requests per second under a bounded loopback load: `kg serve` /sparql beside the Oxigraph server, same store.

    .venv/bin/python bench/scale_load.py [--store /tmp/kg-scale/store-1M] [--duration 20] [--clients 8]
                                         [--queries NAME ...] [--query-workers 2] [--no-oxigraph]

Starts `kg serve --port 0` (default limits: loopback is not rate-limited) and, one after the
other, `oxigraph serve-read-only --union-default-graph` (the PyPI package `oxigraph`; the union
default graph is what /sparql uses) on the same store directory. Each gets the same load:
`--clients` threads, each with its own keep-alive connection, POSTing the query mix (cheap
cookbook queries, taken in turn, each client starting at another one) as fast as answers come,
for `--duration` seconds after a warm-up that also checks that both servers return the same
number of rows. Prints req/s, latency p50/p95/p99 and the answers by status, side by side.
The load generator is Python on the same 2-core machine, so it takes CPU from the servers.
"""
from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

from _scale import JSON, cookbook, kg_serve, load_average, oxigraph_serve, percentile, post_query

CHEAP = ["agreements-between-states", "articles-by-language-and-date", "mentions-in-context",
         "quarantined-articles", "state-aliases"]


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)  # type: ignore[type-arg]
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(url: str, queries: list[str], offset: int, deadline: float, timeout: float, out: Result) -> None:
    parts = urllib.parse.urlsplit(url)
    conn: http.client.HTTPConnection | None = None
    i = offset
    while time.monotonic() < deadline:
        body = urllib.parse.urlencode({"query": queries[i % len(queries)]})
        i += 1
        t = time.perf_counter()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
            conn.request("POST", parts.path, body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": JSON})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            status = 0
            if conn is not None:
                conn.close()
            conn = None
        secs = time.perf_counter() - t
        with out.lock:
            out.latencies.append(secs)
            out.statuses[status] += 1
    if conn is not None:
        conn.close()


def rows(url: str, query: str) -> int | str:
    status, body, _ = post_query(url, query, 120)
    return len(json.loads(body)["results"]["bindings"]) if status == 200 else f"HTTP {status}"


def load(url: str, queries: list[str], args: argparse.Namespace) -> tuple[Result, float]:
    out = Result()
    start = time.monotonic()
    deadline = start + args.duration
    threads = [threading.Thread(target=client, args=(url, queries, n, deadline, args.timeout, out))
               for n in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(args.duration + args.timeout + 30)
    return out, time.monotonic() - start


def line(name: str, res: Result, secs: float) -> str:
    lat = [x * 1000 for x in res.latencies]
    ok = res.statuses.get(200, 0)
    other = ", ".join(f"{k or 'no answer'}: {v}" for k, v in sorted(res.statuses.items()) if k != 200) or "0"
    return (f"{name:22} {len(lat):8} {ok / secs:8.1f} {percentile(lat, .5):8.1f} {percentile(lat, .95):8.1f} "
            f"{percentile(lat, .99):8.1f} {ok:6}   {other}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default="/tmp/kg-scale/store-1M")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds of load per server")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients (threads, keep-alive connections)")
    ap.add_argument("--queries", nargs="*", default=CHEAP, help="cookbook queries in the mix")
    ap.add_argument("--query-workers", type=int, default=2, help="kg serve --query-workers")
    ap.add_argument("--timeout", type=float, default=30.0, help="client timeout per request (s)")
    ap.add_argument("--no-oxigraph", action="store_true")
    args = ap.parse_args()
    queries = list(cookbook(args.queries).values())
    print(f"store {args.store}; mix: {', '.join(args.queries)}; {args.clients} clients, {args.duration:.0f} s each; "
          f"load average before: {load_average()}")
    results = []
    counts: dict[str, list[int | str]] = {}
    with kg_serve(args.store, "--query-workers", str(args.query_workers)) as (url, _):
        counts["kg serve"] = [rows(f"{url}/sparql", q) for q in queries]  # warm-up and row check
        results.append(("kg serve /sparql", *load(f"{url}/sparql", queries, args)))
    if not args.no_oxigraph:
        with oxigraph_serve(args.store) as (url, _):
            counts["oxigraph"] = [rows(f"{url}/query", q) for q in queries]
            results.append(("oxigraph serve", *load(f"{url}/query", queries, args)))
    for name, c in counts.items():
        print(f"rows per query ({name}): {c}")
    print(f"{'server':22} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'200':>6}   other")
    for name, res, secs in results:
        print(line(name, res, secs))
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
