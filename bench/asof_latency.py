#!/usr/bin/env python3
"""Latency of the as-of questions on a store: p50/p95 of each, with its rows.

    .venv/bin/python bench/asof_latency.py --store /tmp/kg-scale/store-10M [--rounds 10]
                                           [--body https://w3id.org/newskg/id/state/russia] [--day 2019-06-15]

Runs, on the embedded store opened read-only in this process (what the page or query costs, without
HTTP), after one warm-up each:

- form: the "Holders of posts on a date" form of a state's page (`kg.web.asof.holders_on`) for `--body`
  (default: the state most articles mention, from the summary) on `--day` (default: the median
  publication date of 200 articles picked at random);
- the tenures of a post (its page's "Holders over time": Russia's president) and of a person (a
  person page's "Posts over time": Putin), read from the summary (`kg.web.asof.tenures`), and the
  post page's list of every article giving the post (`kg.web.asof.post_holders`);
- cookbook post-holders-on-date.rq, post-history.rq (posts named "president") and post-disagreements.rq
  (one day's window), with their literals set to the same body and day.

Prints p50/p95/max per question and the load average before and after.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

from _scale import load_average, percentile  # noqa: E402

BASE = "https://w3id.org/newskg/"
COOKBOOK = ROOT / "web" / "cookbook"


def pick_day(store: Any, seed: int) -> str:
    rng = random.Random(seed)
    issued = ox.NamedNode("http://purl.org/dc/terms/issued")
    days = [q.object.value for q in store.quads_for_pattern(None, issued, None, None)]
    return sorted(rng.sample(days, min(200, len(days))))[min(100, len(days) - 1) // 1] if days else "2020-01-01"


def timed(fn: Any, rounds: int) -> tuple[list[float], int]:
    fn()  # warm-up
    times, rows = [], 0
    for _ in range(rounds):
        t = time.perf_counter()
        rows = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--body", help="IRI of the state or organisation [the most mentioned state]")
    ap.add_argument("--day", help="YYYY-MM-DD [the median date of 200 random articles]")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", action="append", default=[],
                    help="run only the questions whose label contains this text (repeatable), e.g. form")
    a = ap.parse_args()

    from kg.store.embedded import EmbeddedStore
    from kg.store.summary import most_mentioned
    from kg.web import asof
    from kg.web.views import Linker

    print(f"load average before: {load_average()}")
    store = EmbeddedStore.open(a.store, read_only=True)
    raw = ox.Store.read_only(a.store)
    body = a.body or next((iri for iri, _ in most_mentioned(store, BASE, 50) if "/id/state/" in iri),
                          f"{BASE}id/state/russia")
    day = a.day or pick_day(raw, a.seed)[:10]
    name_res = store.query(f"SELECT ?n WHERE {{ GRAPH ?g {{ <{body}> <http://www.w3.org/2000/01/rdf-schema#label> ?n }} }} LIMIT 1",
                           union_default_graph=False)
    label = name_res.rows[0][0] if name_res.rows else None
    name = f'"{label.value}"@{label.language}' if label is not None and label.language else '"Russia"@en'
    print(f"store {a.store}; body {body} ({name}); day {day}; {a.rounds} rounds after one warm-up")

    import datetime as dt
    d = dt.date.fromisoformat(day)

    def form() -> int:
        return len(asof.holders_on(store, Linker(BASE, ""), body, d))

    def cookbook(file: str, replace: dict[str, str]) -> Any:
        text = (COOKBOOK / file).read_text(encoding="utf-8")
        for old, new in replace.items():
            text = text.replace(old, new)

        def run() -> int:
            return len(store.query(text).rows)
        return run

    window = {'"2022-09-20"': f'"{day}"', '"2022-08-20"': f'"{(d - dt.timedelta(days=31)).isoformat()}"',
              '"2022-10-20"': f'"{(d + dt.timedelta(days=31)).isoformat()}"',
              '{ "China"@en "Chine"@fr }': f"{{ {name} }}"}
    post = f"{BASE}id/post/state/russia/president"
    person = f"{BASE}id/person/vladimir-putin"

    def post_tenures() -> int:
        return len(asof.tenures(store, Linker(BASE, ""), post=post))

    def person_tenures() -> int:
        return len(asof.tenures(store, Linker(BASE, ""), holder=person))

    def post_list() -> int:
        return len(asof.post_holders(store, Linker(BASE, ""), post))

    questions = {
        "form: holders on a date (one body)": form,
        "post page: tenures (Russia's president)": post_tenures,
        "post page: every article's holder (same)": post_list,
        "person page: tenures (Putin)": person_tenures,
        "cookbook post-holders-on-date": cookbook("post-holders-on-date.rq", window),
        "cookbook post-history (\"president\")": cookbook("post-history.rq", {}),
        "cookbook post-disagreements (one month)": cookbook("post-disagreements.rq",
                                                            {'"2022-09-01"': f'"{day[:8]}01"', '"2022-09-30"': f'"{day[:8]}31"'}),
    }
    print(f"{'question':<44}{'rows':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, fn in questions.items():
        if a.only and not any(o in label for o in a.only):
            continue
        times, rows = timed(fn, a.rounds)
        print(f"{label:<44}{rows:>6}{statistics.median(times):>10.1f}{percentile(times, 95):>10.1f}{max(times):>10.1f}")
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
