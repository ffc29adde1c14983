#!/usr/bin/env python3
"""What compacting a store (`kg optimize`, Oxigraph's `Store.optimize`) changes, side by side.

    .venv/bin/python bench/store_compaction.py --store /tmp/kg-scale/store-10M-t [--people 20] [--seed 5]
                                              [--compacted DIR]

Copies --store (a store as a bulk loader leaves it, e.g. from `bench/gen_store.py --no-optimize`)
into a temporary directory beside it and compacts the copy, timing it (or, with --compacted, takes
an already compacted copy as it is). Then, in each store in turn (twice, the second round being
the one printed: the page cache then holds what the first read), for --people people of the
entities graph picked at random:

- join seeks: `COUNT(*)` of each person's kg:mentionedIn articles joined with their dct:issued
  (one index seek per article, no term decoded), µs per seek;
- decodes: each person's kg:mentionedIn articles as rows (one IRI decoded per row), µs per row.

Prints the table files and size on disk of each store, the figures side by side with their ratio,
and the load average before and after. The copy is removed at the end.
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from _scale import load_average

KG = "https://w3id.org/newskg/"
MENTIONED, ISSUED = f"{KG}ontology#mentionedIn", "http://purl.org/dc/terms/issued"


def people(store: ox.Store, n: int, seed: int) -> list[str]:
    rows = store.query(f"SELECT ?p WHERE {{ GRAPH <{KG}graph/entities> {{ ?p a <{KG}ontology#Person> }} }} LIMIT 5000")
    found = sorted(r[0].value for r in rows)
    return random.Random(seed).sample(found, min(n, len(found)))


def costs(path: Path, who: list[str]) -> tuple[float, float, int]:
    """(µs per join seek, µs per decoded row, rows) in the store at `path`, second of two rounds."""
    store = ox.Store.read_only(str(path))
    for _ in range(2):
        started, seeks = time.perf_counter(), 0
        for p in who:
            q = f"SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ <{p}> <{MENTIONED}> ?a }} GRAPH ?h {{ ?a <{ISSUED}> ?d }} }}"
            seeks += int(next(store.query(q))[0].value)
        seek = (time.perf_counter() - started) / max(seeks, 1)
        started, rows = time.perf_counter(), 0
        for p in who:
            rows += sum(1 for _ in store.query(f"SELECT ?a {{ GRAPH ?g {{ <{p}> <{MENTIONED}> ?a }} }}"))
        decode = (time.perf_counter() - started) / max(rows, 1)
    del store
    return seek * 1e6, decode * 1e6, seeks


def shape(path: Path) -> str:
    files = [f for f in path.iterdir() if f.is_file()]
    size = sum(f.stat().st_size for f in files) / 2**30
    return f"{sum(1 for f in files if f.suffix == '.sst')} table files, {size:.1f} GiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="a store as its loader left it (not compacted)")
    ap.add_argument("--compacted", help="an already compacted copy of --store (else one is made and timed)")
    ap.add_argument("--people", type=int, default=20, help="people whose articles are read")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    source = Path(args.store)
    print(f"load average before: {load_average()}")
    tmp = None
    if args.compacted:
        compacted = Path(args.compacted)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="compacted-", dir=source.parent))
        compacted = tmp / "store"
        shutil.copytree(source, compacted)
        started = time.perf_counter()
        ox.Store(str(compacted)).optimize()
        print(f"compacted a copy in {time.perf_counter() - started:.1f} s")
    try:
        reader = ox.Store.read_only(str(source))
        who = people(reader, args.people, args.seed)
        del reader
        before, after = costs(source, who), costs(compacted, who)
        print(f"{'store':12} {'shape':34} {'µs per join seek':>17} {'µs per decoded row':>19}")
        print(f"{'as loaded':12} {shape(source):34} {before[0]:17.1f} {before[1]:19.1f}")
        print(f"{'compacted':12} {shape(compacted):34} {after[0]:17.1f} {after[1]:19.1f}")
        print(f"ratio as loaded / compacted: seeks {before[0] / after[0]:.1f}×, decodes {before[1] / after[1]:.1f}× "
              f"({len(who)} people, {before[2]:,} articles)")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp)
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
