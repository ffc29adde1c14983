"""Latency of the browsing pages (home, search, article, entity) on a store: p50/p95 per page kind.

    .venv/bin/python bench/page_latency.py --store /tmp/kg-scale/store-10M [--rounds 20] [--profile]
                                           [--http]

Make the store first with `bench/gen_store.py --quads 10M`. The app is `kg.web.create_app` on the
store (read-only, reopened every second as `kg serve` does); each page is requested through
Flask's test client (in-process: what the page costs to build, without HTTP), or with --http
through a real `kg serve --port 0` over loopback. Pages, each requested `--rounds` times after one
warm-up request:

- home: `/`;
- search: `/search?q=…` for a few names (a famous one, a prefix, a rare one, one with no hit);
- article: `/id/article/ID` for articles picked at random (a new one each round);
- entity-top: the most mentioned state (Russia), China, Putin;
- entity: people, organisations and states picked at random from the pool (a new one each round);
- entity-top-ttl, entity-ttl: the same entities' RDF descriptions in Turtle (`/id/….ttl`), what a
  linked-data client dereferencing the IRI gets.

The response cache (`kg serve --cache-size`) is off unless --cache: the figures are what a page
costs to build, as on a first visit after the data changed. Prints p50/p95/max per page kind and the load average before and after. `--profile` also prints,
for each page kind, every SPARQL query the page ran with its median time (embedded store only).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

from _scale import kg_serve, load_average, percentile  # noqa: E402

BASE = "https://w3id.org/newskg/"
SEARCHES = ["russie", "pou", "patrouchev", "pekin", "zzzqqq"]
TOP = ["state/russia", "state/china", "person/vladimir-putin"]


def sample_iris(store: str, seed: int, n: int) -> tuple[list[str], list[str]]:
    """`n` article ids and `n` actor paths (person/…, org/…, state/…) picked at random from the store."""
    s = ox.Store.read_only(store)
    rng = random.Random(seed)
    arts = [str(q.subject.value) for q in s.quads_for_pattern(
        None, ox.NamedNode("http://purl.org/dc/terms/identifier"), None, None)
        if q.subject.value.startswith(f"{BASE}id/article/")][:200000]
    actors = []
    for kind in ("Person", "Organization", "State"):
        actors += [q.subject.value for q in s.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(f"{BASE}ontology#{kind}"), ox.NamedNode(f"{BASE}graph/entities"))]
    pick_a = rng.sample(arts, min(n, len(arts)))
    pick_e = rng.sample(actors, min(n, len(actors)))
    return ([a[len(f"{BASE}id/article/"):] for a in pick_a], [e[len(f"{BASE}id/"):] for e in pick_e])


def pages(rounds: int, articles: list[str], actors: list[str]) -> dict[str, list[str]]:
    return {
        "home": ["/"] * rounds,
        "search": [f"/search?q={SEARCHES[i % len(SEARCHES)]}" for i in range(rounds)],
        "article": [f"/id/article/{articles[i % len(articles)]}" for i in range(rounds)],
        "entity-top": [f"/id/{TOP[i % len(TOP)]}" for i in range(rounds)],
        "entity": [f"/id/{actors[i % len(actors)]}" for i in range(rounds)],
        "entity-top-ttl": [f"/id/{TOP[i % len(TOP)]}.ttl" for i in range(rounds)],
        "entity-ttl": [f"/id/{actors[i % len(actors)]}.ttl" for i in range(rounds)],
    }


class Profiler:
    """Wraps the embedded store's query method: times every query by the page kind being requested."""

    def __init__(self) -> None:
        self.kind = ""
        self.times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))

    def install(self) -> None:
        from kg.store.embedded import EmbeddedStore

        original = EmbeddedStore.query
        prof = self

        def timed(self: Any, sparql: str, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(self, sparql, **kw)
            finally:
                key = " ".join(sparql.split())
                key = key[key.find("SELECT") if "SELECT" in key else 0:][:150]
                prof.times[prof.kind][key].append(time.perf_counter() - t)

        EmbeddedStore.query = timed  # type: ignore[method-assign]

    def report(self) -> None:
        for kind, queries in self.times.items():
            print(f"\n-- {kind}: queries by median time")
            for q, ts in sorted(queries.items(), key=lambda kv: -statistics.median(kv[1]))[:12]:
                print(f"  {statistics.median(ts) * 1000:9.1f} ms ×{len(ts):<3} {q}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default="/tmp/kg-scale/store-10M")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--profile", action="store_true", help="print the queries each page kind ran, with times")
    ap.add_argument("--http", action="store_true", help="through a real `kg serve` over loopback")
    ap.add_argument("--cache", action="store_true",
                    help="keep the response cache on (off by default: every page is built, as on a first visit)")
    ap.add_argument("--only", nargs="*", help="page kinds to run (home search article entity-top entity entity-top-ttl entity-ttl)")
    args = ap.parse_args()
    articles, actors = sample_iris(args.store, args.seed, args.rounds + 1)
    todo = pages(args.rounds + 1, articles, actors)
    if args.only:
        todo = {k: v for k, v in todo.items() if k in args.only}
    before = load_average()
    results: dict[str, list[float]] = {}
    statuses: dict[str, set[int]] = defaultdict(set)
    prof = Profiler()
    if args.http:
        extra_args = [] if args.cache else ["--cache-size", "0"]
        with kg_serve(args.store, "--query-timeout", "60", *extra_args) as (url, _pid):
            for kind, paths in todo.items():
                times = []
                for path in paths:
                    t = time.perf_counter()
                    req = urllib.request.Request(url + path, headers={"Accept": "text/html"})
                    with urllib.request.urlopen(req, timeout=120) as resp:
                        resp.read()
                        statuses[kind].add(resp.status)
                    times.append(time.perf_counter() - t)
                results[kind] = times[1:]
    else:
        if args.profile:
            prof.install()
        from kg.config import Settings
        from kg.web import create_app

        extra = {} if args.cache or "cache_size" not in Settings.__dataclass_fields__ else {"cache_size": 0}
        app = create_app(Settings(store=args.store, query_workers=1, **extra))
        client = app.test_client()
        try:
            for kind, paths in todo.items():
                times = []
                for n, path in enumerate(paths):
                    prof.kind = kind if n else f"{kind} (warm-up)"
                    t = time.perf_counter()
                    resp = client.get(path, headers={"Accept": "text/html"})
                    times.append(time.perf_counter() - t)
                    statuses[kind].add(resp.status_code)
                results[kind] = times[1:]
        finally:
            app.extensions["kg"].close()
    after = load_average()
    print(f"store {args.store}; {'kg serve over HTTP' if args.http else 'Flask test client'}; "
          f"response cache {'on' if args.cache else 'off'}; "
          f"{args.rounds} rounds after 1 warm-up; load average {before} before, {after} after")
    print(f"{'page':12} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  status")
    for kind, ts in results.items():
        print(f"{kind:12} {percentile(ts, 0.5) * 1000:9.1f} {percentile(ts, 0.95) * 1000:9.1f} "
              f"{max(ts) * 1000:9.1f}  {sorted(statuses[kind])}")
    if args.profile:
        prof.report()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
