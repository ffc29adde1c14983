"""Where an entity page's time goes under load: the page beside what it costs without its store reads.

    .venv/bin/python bench/page_ceiling.py [--store DIR] [--page /id/person/nikolai-patrushev]
                                           [--duration 5] [--rounds 3] [--connections 8] [--wrk-threads 2]

One server process, as `kg serve` runs (granian's HTTP server calling the WSGI app on 8 Python
threads, the response cache off, loopback clients: no fair-use limit), with two routes added for
this bench only, and wrk against each in turn, `--rounds` times (median round kept):

- hello: a Flask view that returns two bytes (what Flask and the HTTP server cost alone);
- template: the entity page's own template (entity.html) rendered from the page's data, read once
  from the store beforehand (what rendering costs, without reading the store);
- page: the entity page itself, every request new (`?v=<counter>`): the store read, then rendered.

The in-process costs (Flask's test client, one thread, no HTTP) are printed beside them. Without
`--store`, a store is built from samples/ (`kg ingest samples/ --published 2022-09-20`).
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scale import load_average, stop  # noqa: E402
from endpoint_throughput import wrk  # noqa: E402

LUA = """
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?v=" .. counter, {["Accept"] = "text/html"})
end
"""


def build_app(store: str, page: str):  # type: ignore[no-untyped-def]
    """kg's app on `store` (cache off) with the bench's two routes; the page's data read once (its JSON)."""
    from flask import render_template

    from kg.config import Settings
    from kg.web import create_app
    from kg.web.pages import PAGE_OFFERS, _alternates

    app = create_app(Settings(store=store, cache_size=0))
    view: dict[str, object] = {}

    def hello() -> bytes:
        return b"ok"

    def template() -> str:
        return render_template("entity.html", v=view, alternates=_alternates(page, PAGE_OFFERS))

    app.add_url_rule("/bench/hello", "bench_hello", hello)
    app.add_url_rule("/bench/template", "bench_template", template)
    resp = app.test_client().get(page, headers={"Accept": "application/json"})
    if resp.status_code != 200 or not resp.is_json:
        raise SystemExit(f"{page}: {resp.status_code} {resp.content_type}")
    view.update(resp.json)
    return app


def serve(store: str, page: str) -> None:
    """The server process: print the port, then serve until stopped."""
    from kg.web.server import Listener
    from kg.web.server import serve as run_server

    app = build_app(store, page)
    listener = Listener("127.0.0.1", 0)
    print(f"port {listener.port}", flush=True)
    run_server(app, listener, 8)


def in_process(store: str, page: str, n: int = 300) -> dict[str, float]:
    """Median ms per request of each route through Flask's test client (one thread, no HTTP)."""
    client = build_app(store, page).test_client()
    out = {}
    for name, path in (("hello", "/bench/hello"), ("template", "/bench/template"), ("page", page)):
        times = []
        for i in range(n):
            t = time.perf_counter()
            resp = client.get(f"{path}?v=warm{i}")
            times.append(time.perf_counter() - t)
            if resp.status_code != 200:
                raise SystemExit(f"{path}: {resp.status_code}")
        out[name] = statistics.median(times[n // 3:]) * 1000
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="store to copy (default: one built from samples/)")
    ap.add_argument("--page", default="/id/person/nikolai-patrushev")
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--serve", metavar="STORE", help=argparse.SUPPRESS)  # the server process
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.page)
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install -y wrk)")
    with tempfile.TemporaryDirectory(prefix="kg-ceiling-") as tmp:
        store = str(Path(tmp) / "store")
        if args.store:
            shutil.copytree(args.store, store)
        else:
            subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(ROOT / "samples"), "--published",
                            "2022-09-20", "--store", store], check=True, cwd=ROOT)
        print(f"load average before: {load_average()}", flush=True)
        one = in_process(store, args.page)
        proc = subprocess.Popen([sys.executable, __file__, "--serve", store, "--page", args.page],
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            line = proc.stdout.readline() if proc.stdout else ""
            m = re.match(r"port (\d+)", line)
            if not m:
                raise SystemExit(f"the bench server did not start: {line!r}")
            base = f"http://127.0.0.1:{m.group(1)}"
            routes = {"hello": "/bench/hello", "template": "/bench/template", "page": args.page}
            runs: dict[str, list[tuple[float, float]]] = {k: [] for k in routes}
            for _ in range(args.rounds):
                for name, path in routes.items():
                    run = wrk(base + path, LUA, args)
                    runs[name].append((run.rps, run.p50_ms))
                    print(f"  {name:<9} {run.rps:>8.0f} req/s  p50 {run.p50_ms:.2f} ms", flush=True)
        finally:
            stop(proc)
    print(f"\n{args.page}; wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s, "
          f"{args.rounds} rounds (median)\n")
    print("| route | in process, ms per request | kg's server, req/s (median round) | p50 ms |")
    print("|---|---:|---:|---:|")
    for name in routes:
        rps, p50 = sorted(runs[name])[len(runs[name]) // 2]
        print(f"| {name} | {one[name]:.2f} | {rps:,.0f} | {p50:.2f} |")
    print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
