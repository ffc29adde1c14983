"""Cookbook query latency at scale: `kg serve` /sparql beside pyoxigraph directly and rdflib's in-memory engine.

    .venv/bin/python bench/scale_queries.py [--store /tmp/kg-scale/store-1M] [--rounds 10] [--budget 60]
                                            [--rdflib-rounds 3] [--rdflib-budget 30] [--no-rdflib]
                                            [--query-timeout BUDGET] [--queries NAME ...] [--extra FILE.rq ...]

Make the store first with `bench/gen_store.py --quads 1M`. For every cookbook query
(web/cookbook/*.rq, plus --extra files) this measures, side by side in one run:

- /sparql: a real `kg serve --port 0 --query-timeout T` (T = the budget) (default --max-rows), JSON results over
  loopback HTTP (loopback is not rate-limited), one warm-up then `--rounds` timed requests;
- direct: pyoxigraph on the same store opened read-only, union default graph, rows
  materialised, one warm-up then `--rounds` runs (in a child process, so it can be stopped);
- rdflib: the same quads loaded once into an rdflib Dataset (default_union=True; load time
  printed), `--rdflib-rounds` runs in a forked child process.

Each engine gets `--budget` seconds per query (rdflib `--rdflib-budget`): a query whose first run
does not finish within it prints "> N s" and the next query starts. Prints p50/p95 per engine,
the rows returned, the ratio of the /sparql and direct medians and its median over the queries.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from _scale import cookbook, kg_serve, load_average, percentile, post_query

DATASET: Any = None  # the rdflib Dataset, loaded before the children are forked


def run_direct(s: ox.Store, query: str) -> tuple[float, int]:
    t = time.perf_counter()
    res = s.query(query, use_default_graph_as_union=True)
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        n = len([tuple(sol[v] for v in names) for sol in res])
    else:
        n = len(list(res)) if not isinstance(res, ox.QueryBoolean) else 1
    return time.perf_counter() - t, n


def run_rdflib(query: str) -> tuple[float, int]:
    t = time.perf_counter()
    n = len(list(DATASET.query(query)))
    return time.perf_counter() - t, n


def child(kind: str, store: str, query: str, rounds: int, warm: bool, conn: Connection) -> None:
    try:
        handle = ox.Store.read_only(store) if kind == "direct" else None
        for i in range(rounds + (1 if warm else 0)):
            secs, n = run_direct(handle, query) if handle is not None else run_rdflib(query)
            conn.send(("warm" if warm and i == 0 else "time", secs, n))
    except Exception as e:  # report any engine error to the parent as a result row
        conn.send(("error", 0.0, f"{type(e).__name__}: {str(e)[:120]}"))
    conn.send(("done", 0.0, 0))


def bounded(kind: str, store: str, query: str, rounds: int, warm: bool, budget: float) -> tuple[list[float], Any]:
    """Timings (s) and rows of `rounds` runs in a child process, stopped after `budget` seconds."""
    parent, kid = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=child, args=(kind, store, query, rounds, warm, kid))
    proc.start()
    kid.close()
    times: list[float] = []
    rows: Any = None
    deadline = time.monotonic() + budget
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not parent.poll(left):
            break
        try:
            what, secs, n = parent.recv()
        except EOFError:
            rows = "died"
            break
        if what == "done":
            break
        if what == "error":
            rows = n
            break
        rows = n
        if what == "time":
            times.append(secs)
    if proc.is_alive():
        proc.kill()
    proc.join()
    return times, rows


def via_http(url: str, query: str, rounds: int, budget: float, timeout: float) -> tuple[list[float], Any]:
    times: list[float] = []
    rows: Any = None
    deadline = time.monotonic() + budget
    for i in range(rounds + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        t = time.perf_counter()
        status, _body, headers = post_query(f"{url}/sparql", query, min(left, timeout + 10))
        secs = time.perf_counter() - t
        if status != 200:  # 503: stopped by --query-timeout; 0: no answer within the budget
            return times, (None if status in (0, 503) else f"HTTP {status}") if not times else rows
        rows = int(headers.get("X-KG-Rows", -1))
        if i:
            times.append(secs)
    return times, rows


def load_rdflib(store: str, parser: str) -> tuple[float, float, int]:
    global DATASET
    import rdflib
    import rdflib.plugins.sparql

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM never fetches
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        nq = os.path.join(tmp, "dump.nq")
        with open(nq, "wb") as f:
            ox.Store.read_only(store).dump(f, format=ox.RdfFormat.N_QUADS)
        t = time.perf_counter()
        ds = rdflib.Dataset(default_union=True)
        ds.parse(nq, format=parser)
        secs = time.perf_counter() - t
    DATASET = ds
    return secs, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(ds)


def fmt(times: list[float], rows: Any, budget: float) -> tuple[str, str]:
    if not times:
        return (f"> {budget:.0f} s" if rows is None or isinstance(rows, int) else str(rows)[:12]), ""
    return f"{statistics.median(times) * 1000:.1f}", f"{percentile(times, .95) * 1000:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default="/tmp/kg-scale/store-1M")
    ap.add_argument("--rounds", type=int, default=10, help="timed runs per query on /sparql and direct")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per query and engine (/sparql, direct)")
    ap.add_argument("--rdflib-rounds", type=int, default=3)
    ap.add_argument("--rdflib-budget", type=float, default=30.0, help="seconds per query for rdflib")
    ap.add_argument("--rdflib-parser", default="nquads", help="rdflib parser plugin (nquads, or ox-nquads from oxrdflib)")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--query-timeout", type=float, help="kg serve --query-timeout [default: --budget]")
    ap.add_argument("--queries", nargs="*", help="cookbook query names (default: all 15)")
    ap.add_argument("--extra", nargs="*", default=[], help="more .rq files to time the same way")
    args = ap.parse_args()
    args.query_timeout = args.query_timeout or args.budget
    queries = cookbook(args.queries)
    queries.update({Path(f).stem: Path(f).read_text(encoding="utf-8") for f in args.extra})
    quads = len(ox.Store.read_only(args.store))
    print(f"store {args.store}: {quads:,} quads; load average before: {load_average()}")
    if not args.no_rdflib:
        secs, rss, n = load_rdflib(args.store, args.rdflib_parser)
        print(f"rdflib {args.rdflib_parser} load into Dataset: {secs:.1f} s, len(Dataset) {n:,}, peak RSS {rss:,.0f} MiB")
    with kg_serve(args.store, "--query-timeout", str(args.query_timeout)) as (url, _pid):
        print(f"kg serve at {url}; /sparql and direct: 1 warm-up + {args.rounds} rounds, budget {args.budget:.0f} s; "
              f"rdflib: {args.rdflib_rounds} rounds, budget {args.rdflib_budget:.0f} s; times in ms")
        head = (f"{'query':34} {'rows':>5} {'direct p50':>10} {'p95':>8} {'/sparql p50':>11} {'p95':>8} "
                f"{'ratio':>6} {'rdflib p50':>10} {'p95':>8}")
        print(head)
        ratios = []
        for name, q in queries.items():
            h, hrows = via_http(url, q, args.rounds, args.budget, args.query_timeout)
            d, drows = bounded("direct", args.store, q, args.rounds, True, args.budget)
            r, rrows = ([], "-") if args.no_rdflib else bounded("rdflib", args.store, q, args.rdflib_rounds, False,
                                                                  args.rdflib_budget)
            ratio = ""
            if h and d:
                ratios.append(statistics.median(h) / statistics.median(d))
                ratio = f"{ratios[-1]:.2f}"
            rows = drows if isinstance(drows, int) else hrows if isinstance(hrows, int) else "-"
            note = "" if not isinstance(rrows, int) or rrows == rows else f"  (rdflib rows {rrows})"
            print(f"{name:34} {rows!s:>5} {fmt(d, drows, args.budget)[0]:>10} {fmt(d, drows, args.budget)[1]:>8} "
                  f"{fmt(h, hrows, args.budget)[0]:>11} {fmt(h, hrows, args.budget)[1]:>8} {ratio:>6} "
                  f"{fmt(r, rrows, args.rdflib_budget)[0]:>10} {fmt(r, rrows, args.rdflib_budget)[1]:>8}{note}",
                  flush=True)
        if ratios:
            print(f"median ratio /sparql : direct = {statistics.median(ratios):.2f} over {len(ratios)} queries")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    sys.exit(main())
