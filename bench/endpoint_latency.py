"""Latency of the cookbook queries through `kg serve`'s /sparql, beside the same queries on pyoxigraph directly.

    python bench/endpoint_latency.py --store kg-store [--rounds 20]

Starts `kg serve --port 0` on the store, runs every cookbook query (web/cookbook/*.rq)
`rounds` times through HTTP (JSON results) and directly on a read-only pyoxigraph store
in this process (rows materialised), and prints p50/p95 per query and the ratio of the
medians. The difference is the cost of the protocol layer: HTTP, a worker process, and
serialisation.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent


def start_server(store: str) -> tuple[subprocess.Popen[str], str, object]:
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", store, "--port", "0"],
                            stderr=log, stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.1)
        log.seek(0)
        m = re.search(r"at (http://\S+?)/ ", log.read())
        if m:
            return proc, m.group(1), log
        if proc.poll() is not None:
            break
    proc.kill()
    log.seek(0)
    raise SystemExit(f"kg serve did not start: {log.read()[-1000:]}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def via_http(url: str, query: str) -> float:
    body = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(f"{url}/sparql", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()
    return time.perf_counter() - t


def direct(store: ox.Store, query: str) -> float:
    t = time.perf_counter()
    result = store.query(query, use_default_graph_as_union=True)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        [tuple(s[n] for n in names) for s in result]
    else:
        bool(result) if isinstance(result, ox.QueryBoolean) else list(result)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default="kg-store")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "web" / "cookbook").glob("*.rq"))}
    store = ox.Store.read_only(args.store)
    proc, url, log = start_server(args.store)
    try:
        for q in queries.values():  # warm both sides (worker start, caches)
            via_http(url, q)
            direct(store, q)
        print(f"store: {args.store} ({len(store)} quads), {args.rounds} rounds per query, times in ms")
        print(f"{'query':34} {'direct p50':>10} {'p95':>7} {'/sparql p50':>11} {'p95':>7} {'ratio':>6}")
        ratios = []
        for name, q in queries.items():
            d = [direct(store, q) * 1000 for _ in range(args.rounds)]
            h = [via_http(url, q) * 1000 for _ in range(args.rounds)]
            ratio = statistics.median(h) / statistics.median(d)
            ratios.append(ratio)
            print(f"{name:34} {statistics.median(d):10.2f} {percentile(d, .95):7.2f} "
                  f"{statistics.median(h):11.2f} {percentile(h, .95):7.2f} {ratio:6.2f}")
        print(f"median ratio /sparql : direct = {statistics.median(ratios):.2f}")
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
