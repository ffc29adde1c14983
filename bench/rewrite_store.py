#!/usr/bin/env python3
"""A store rewritten graph by graph as `kg ingest` and `kg load` write, to compare with a bulk-loaded one.

    .venv/bin/python bench/rewrite_store.py --store /tmp/kg-scale/store-10M-t --to /tmp/opt/txn10M

Reads every named graph of --store (a store from `bench/gen_store.py`) but its summary graph and
writes each, in the store's order, into a new store at --to through `EmbeddedStore.replace_graphs`:
one transaction per graph, article graphs with their read summary worked out as ingest does
(kg.store.summary), so the new store's files are what RocksDB's own compaction leaves after a long
run of writes. Prints the graphs written, the time and the table files. Then compare the two with
`bench/store_compaction.py --store DIR` and `bench/page_latency.py --store DIR`.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from kg.store.embedded import EmbeddedStore  # noqa: E402
from kg.store.summary import Summary  # noqa: E402

BASE = "https://w3id.org/newskg/"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="the store to read")
    ap.add_argument("--to", required=True, help="the store to write (replaced if it exists)")
    args = ap.parse_args()
    shutil.rmtree(args.to, ignore_errors=True)
    source = ox.Store.read_only(args.store)
    summary = Summary(BASE)
    target = EmbeddedStore.open(args.to)
    started, written = time.perf_counter(), 0
    for g in source.named_graphs():
        if not isinstance(g, ox.NamedNode) or g.value == summary.graph:
            continue
        nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in source.quads_for_pattern(None, None, None, g))
        target.replace_graphs([(g.value, nt)], summary=summary if "/graph/article/" in g.value else None)
        written += 1
    target.close()
    tables = sum(1 for p in Path(args.to).iterdir() if p.suffix == ".sst")
    print(f"{written} graphs written in {time.perf_counter() - started:.0f} s; {tables} table files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
