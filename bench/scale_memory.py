"""Memory of `kg serve` and of the Oxigraph server on a large store: idle and after the cookbook queries.

    .venv/bin/python bench/scale_memory.py [--store /tmp/kg-scale/store-1M ...] [--query-timeout 60]
                                           [--skip NAME ...] [--no-oxigraph]

For each store: starts `kg serve --port 0 --query-timeout T` and measures, from /proc, the RSS
and PSS summed over the server process and all its descendants (the query worker processes),
idle (2 s after answering `ASK {}`, so that the query workers are up) and after running each cookbook query once; then the same for
`oxigraph serve-read-only --union-default-graph --timeout-s T`. Prints those beside the store's
size on disk and how each query ended (a query stopped by the timeout replaces its kg worker,
so "after" then counts a fresh worker; Oxigraph's own timeout answers 200 with what it had). Peak RSS of generation and loading is printed by
bench/gen_store.py.
"""
from __future__ import annotations

import argparse
import time

import pyoxigraph as ox

from _scale import cookbook, disk_mib, kg_serve, load_average, memory, oxigraph_serve, post_query


def measure(name: str, url: str, pid: int, queries: dict[str, str], timeout: float) -> tuple[str, list[str]]:
    post_query(url, "ASK {}", timeout)  # kg serve starts its query workers on the first query
    time.sleep(2)
    idle = memory(pid)
    ended = []
    t = time.monotonic()
    for qname, q in queries.items():
        status, _, _ = post_query(url, q, timeout + 15)
        if status != 200:
            ended.append(f"{qname}: {status or 'no answer'}")
    secs = time.monotonic() - t
    after = memory(pid)
    return (f"{name:16} {idle[2]:5} {idle[0]:10,.0f} {idle[1]:10,.0f} {after[2]:5} {after[0]:10,.0f} "
            f"{after[1]:10,.0f} {secs:8.1f}"), ended


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", nargs="+", default=["/tmp/kg-scale/store-1M"])
    ap.add_argument("--query-timeout", type=float, default=60.0, help="per query, on both servers (s)")
    ap.add_argument("--skip", nargs="*", default=[], help="cookbook queries not to run")
    ap.add_argument("--no-oxigraph", action="store_true")
    args = ap.parse_args()
    queries = {k: v for k, v in cookbook().items() if k not in args.skip}
    print(f"load average before: {load_average()}; {len(queries)} cookbook queries, timeout {args.query_timeout:.0f} s")
    for store in args.store:
        quads = len(ox.Store.read_only(store))
        print(f"\nstore {store}: {quads:,} quads, {disk_mib(store):,.0f} MiB on disk")
        print(f"{'server':16} {'procs':>5} {'idle RSS':>10} {'idle PSS':>10} {'procs':>5} {'after RSS':>10} "
              f"{'after PSS':>10} {'queries s':>8}   (MiB)")
        notes = []
        with kg_serve(store, "--query-timeout", str(args.query_timeout)) as (url, pid):
            row, ended = measure("kg serve", f"{url}/sparql", pid, queries, args.query_timeout)
            print(row, flush=True)
            notes += [f"kg serve {e}" for e in ended]
        if not args.no_oxigraph:
            with oxigraph_serve(store, "--timeout-s", str(int(args.query_timeout))) as (url, pid):
                row, ended = measure("oxigraph serve", f"{url}/query", pid, queries, args.query_timeout)
                print(row, flush=True)
                notes += [f"oxigraph {e}" for e in ended]
        for n in notes:
            print(f"  not answered 200: {n}")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
