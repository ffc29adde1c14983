#!/usr/bin/env python3
"""What keeping the read summaries costs a store write on a large store, side by side.

    .venv/bin/python bench/summary_cost.py --store /tmp/kg-scale/store-10M-t [--articles 40] [--seed 3]

Copies the store three times (one copy per way of writing, so that each keeps its own state, as a
long ingest would), picks --articles article graphs that give posts, and writes each again through
`Store.replace_graphs`, as `kg ingest` does, in each copy in turn, with and without the summary
(kg.store.summary: counts, surface forms, kg:datedPost texts, tenures, revision):

- rewrite: the article replaced by itself (its old contributions taken off: counts lowered, its
  tenures one article less; then its new ones added);
- new: the article written under a new id (the summary takes in its contributions, tenures merged).

Three ways each: with the summary worked out in Python and written as data (what the embedded
store does, kg.store.summary_delta), with the summary kept by the SPARQL updates that find what to
change (what every other store is sent: `EmbeddedStore.summary_in_python = False`), and without any
summary. Prints the median and p95 per write of each, the median CPU time of the process per write
(its store's threads included; steadier than elapsed time on a shared machine), the ratios, and the
load average before and after.
The store's write of the article itself (drop, insert) is in both columns; the difference is the
summary's cost.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

from _scale import load_average, percentile  # noqa: E402

BASE = "https://w3id.org/newskg/"
KG = "https://w3id.org/newskg/ontology#"


def article_nt(raw: ox.Store, graph: str, rename: str | None = None) -> str:
    """The graph's triples as N-Triples, its article id replaced by `rename` if given."""
    lines = []
    for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        lines.append(f"{q.subject} {q.predicate} {q.object} .")
    text = "\n".join(lines) + "\n"
    if rename:
        old = graph.rsplit("/", 1)[1]
        text = text.replace(f"/id/article/{old}", f"/id/article/{rename}").replace(f'"{old}"', f'"{rename}"')
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()

    from kg.store.embedded import EmbeddedStore
    from kg.store.summary import Summary

    print(f"load average before: {load_average()}")
    # (summary, worked out in Python) per variant, each on its own copy of the store
    variants = {"+summary": (Summary(BASE), True), "+summary by updates": (Summary(BASE), False), "": (None, True)}
    tmp = tempfile.mkdtemp(prefix="summary-cost-", dir=str(Path(a.store).parent))
    try:
        t = time.perf_counter()
        copies = {v: Path(tmp) / f"store{k}" for k, v in enumerate(variants)}
        for work in copies.values():
            shutil.copytree(a.store, work)
        print(f"copied {a.store} {len(copies)} times in {time.perf_counter() - t:.0f} s")
        raw = ox.Store.read_only(a.store)
        post = ox.NamedNode(f"{KG}post")
        graphs = sorted({q.graph_name.value for q in raw.quads_for_pattern(None, post, None)
                         if isinstance(q.graph_name, ox.NamedNode) and "/graph/article/" in q.graph_name.value})
        picked = random.Random(a.seed).sample(graphs, min(a.articles, len(graphs)))
        texts = {g: article_nt(raw, g) for g in picked}
        renamed = {g: article_nt(raw, g, rename=f"{g.rsplit('/', 1)[1]}-again") for g in picked}
        del raw
        stores = {v: EmbeddedStore.open(str(work)) for v, work in copies.items()}

        def write(variant: str, replacements: list[tuple[str, str]], drops: list[str] = []) -> None:
            store = stores[variant]
            summary, store.summary_in_python = variants[variant]
            store.replace_graphs(replacements, drops=drops, summary=summary)

        times: dict[str, list[float]] = {f"{w}{v}": [] for w in ("rewrite", "new") for v in variants}
        cpu: dict[str, list[float]] = {k: [] for k in times}  # CPU time of the process (its store threads too)
        for n, g in enumerate(picked):
            order = list(variants)[n % 3:] + list(variants)[:n % 3]  # each variant first in turn
            for v in order:
                t, c = time.perf_counter(), time.process_time()
                write(v, [(g, texts[g])])
                times[f"rewrite{v}"].append(time.perf_counter() - t)
                cpu[f"rewrite{v}"].append(time.process_time() - c)
            new = g + "-again"
            for v in order:
                t, c = time.perf_counter(), time.process_time()
                write(v, [(new, renamed[g])])
                times[f"new{v}"].append(time.perf_counter() - t)
                cpu[f"new{v}"].append(time.process_time() - c)
                write(v, [], drops=[new])
        print(f"store {a.store}; {len(picked)} article graphs that give posts, each written with and without "
              f"the summary alternately; ms per write")
        print(f"{'write':<30}{'median':>9}{'p95':>9}{'CPU median':>12}")
        for k, v in times.items():
            ms = [x * 1000 for x in v]
            print(f"{k:<30}{statistics.median(ms):>9.1f}{percentile(ms, 95):>9.1f}"
                  f"{statistics.median(cpu[k]) * 1000:>12.1f}")
        for k in ("rewrite", "new"):
            for label, measured in (("elapsed", times), ("CPU", cpu)):
                bare = statistics.median(measured[k])
                print(f"{k} ({label}): " + ", ".join(
                    f"{name} / none = {statistics.median(measured[k + v]) / bare:.2f} "
                    f"(+{(statistics.median(measured[k + v]) - bare) * 1000:.1f} ms)"
                    for name, v in (("summary in Python", "+summary"), ("by updates", "+summary by updates"))))
        for store in stores.values():
            store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
