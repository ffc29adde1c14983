"""Earlier and current versions of cookbook queries side by side, run alternately on one store.

    .venv/bin/python bench/cookbook_ab.py --store /tmp/kg-scale/store-1M [--before tests/data/cookbook-before]
                                          [--rounds 2] [--budget 25] [NAME ...]

For each query in --before (default: the earlier versions kept for tests/test_cookbook_rewrites.py)
that web/cookbook also has, runs the earlier and the current file alternately, `--rounds` times each,
directly on pyoxigraph (read-only store, union default graph, rows materialised), each run in a
child process stopped after `--budget` seconds. Prints the best time of each with its rows and the
load average: both versions see the same load, so the pair compares even on a busy machine.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent


def child(store: str, query: str, conn: Connection) -> None:
    s = ox.Store.read_only(store)
    t = time.perf_counter()
    res = s.query(query, use_default_graph_as_union=True)
    n = len([tuple(sol[v] for v in res.variables) for sol in res])  # type: ignore[union-attr]
    conn.send((time.perf_counter() - t, n))


def once(store: str, path: Path, budget: float) -> tuple[float, int]:
    a, b = mp.Pipe()
    p = mp.Process(target=child, args=(store, path.read_text(encoding="utf-8"), b))
    p.start()
    if a.poll(budget):
        t, n = a.recv()
        p.join()
        return t, n
    p.kill()
    p.join()
    return float("inf"), -1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default="/tmp/kg-scale/store-1M")
    ap.add_argument("--before", type=Path, default=ROOT / "tests" / "data" / "cookbook-before")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--budget", type=float, default=25.0)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    names = args.names or sorted(p.stem for p in args.before.glob("*.rq"))
    print(f"store {args.store}; best of {args.rounds}, alternately; budget {args.budget:g} s")
    for name in names:
        paths = {"before": args.before / f"{name}.rq", "now": ROOT / "web" / "cookbook" / f"{name}.rq"}
        best = {k: (float("inf"), -1) for k in paths}
        for _ in range(args.rounds):
            for k, path in paths.items():
                t, n = once(args.store, path, args.budget)
                best[k] = min(best[k], (t, n))

        def show(k: str) -> str:
            t, n = best[k]
            return f"> {args.budget:g} s" if t == float("inf") else f"{t * 1000:,.0f} ms ({n} rows)"
        print(f"{name:32} before {show('before'):>22}   now {show('now'):>22}   "
              f"load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
