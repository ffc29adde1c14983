"""Requests per second of cheap lookups: `kg serve` /sparql beside the Oxigraph server, and entity pages.

    .venv/bin/python bench/endpoint_throughput.py [--store DIR] [--duration 5] [--rounds 3] [--connections 8]
                                                  [--wrk-threads 2] [--cases NAME ...] [--processes 1 2]
                                                  [--kg-arg=ARG ...]

Both servers run on one copy of the store (`--store`, default: a store built from samples/ with
`kg ingest samples/ --published 2022-09-20`): `kg serve` with its defaults plus `--trust-forwarded`
(one `kg serve` for each `--processes` value given, all measured in the same rounds),
and `oxigraph serve-read-only --union-default-graph` (what /sparql's default graph is). The same
wrk script (same connections, threads and duration) runs against each. Every wrk request carries
an `X-Forwarded-For` address of its own (8,192 addresses in turn per wrk thread) and kg serve believes it, so
fair use is on for every request: a token from that client's bucket (10 a second, bursts of 100)
and, for a query that reaches the workers, one of its query slots (1); loopback clients would
not be limited. Oxigraph ignores the header. Every other guard is on as well: query workers
(2) that are killed at the timeout (503), their memory cap and network filter, the query guard.

Cases: a one-entity label lookup by GET and by POST (form), each once repeated (the same request
every time: after the first, kg serve answers from its response cache) and once distinct (the
answer's variable is named after the wrk run and a counter, ?l7_1_1, ?l7_1_2 …, so that every
request is another query and none is answered from the cache: every one goes through the
guard and, unless it is a query of one triple pattern answered in the server process
(kg.query.bounded), a query worker and back); an entity page as HTML and as JSON-LD (repeated), and as HTML
distinct (a counter in the query string: rendered every time); the 404 page of an entity the
store does not hold (an answer the response cache does not keep). Oxigraph has no pages: those
rows have no ratio. Each case runs `--rounds` times, kg serve and Oxigraph in turn, so that both
see the same moments of a machine shared with other work; the table gives each server's median
round (req/s, and that round's latencies). wrk and both servers share this machine's cores: the
load generator takes CPU from the server it measures, the same for both.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _scale import JSON, ROOT, kg_serve, load_average, oxigraph_serve  # noqa: E402

PERSON = "https://w3id.org/newskg/id/person/nikolai-patrushev"
LOOKUP = f"SELECT ?l WHERE {{ <{PERSON}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
PAGE = "/id/person/nikolai-patrushev"
MISSING = "/id/person/nobody-of-that-name"  # a 404 page: answers that are not kept are sent another way

# Lua for wrk: each thread numbers its requests; `forwarded` gives each request its own client address.
LUA_HEAD = """
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local function forwarded()
  counter = counter + 1
  return "10." .. tid .. "." .. (math.floor(counter / 256) % 32) .. "." .. (counter % 256)
end
"""


@dataclass(frozen=True)
class Case:
    name: str
    method: str  # GET or POST
    target: str  # "sparql" (both servers) or a page path (kg serve only)
    distinct: bool  # every request another one (never a cache hit)
    accept: str


CASES = [
    Case("select-get", "GET", "sparql", False, JSON),
    Case("select-post", "POST", "sparql", False, JSON),
    Case("select-get-distinct", "GET", "sparql", True, JSON),
    Case("select-post-distinct", "POST", "sparql", True, JSON),
    Case("page-html", "GET", PAGE, False, "text/html"),
    Case("page-jsonld", "GET", PAGE, False, "application/ld+json"),
    Case("page-html-distinct", "GET", PAGE, True, "text/html"),
    Case("page-404", "GET", MISSING, False, "text/html"),
]


def lua(case: Case, path: str, run: int) -> str:
    """A wrk script for `case` at `path` (the endpoint or page path of one server); `run` numbers the wrk
    run, so that a distinct request is never one that an earlier run sent (the cache would answer it)."""
    accept = json.dumps(case.accept)
    if case.target == "sparql":
        # Distinct: the answer's variable is named after the request (?l1_1, ?l1_2 …), a new query each time.
        query = json.dumps(urllib.parse.quote(LOOKUP)).replace("%3Fl", '%3Fl" .. name .. "')
        name = f'"{run}_" .. tid .. "_" .. counter' if case.distinct else '""'
        if case.method == "POST":
            return LUA_HEAD + f"""
function request()
  local ip = forwarded()
  local name = {name}
  return wrk.format("POST", {json.dumps(path)}, {{["Accept"] = {accept},
    ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = ip}}, "query=" .. {query})
end
"""
        target = f'{json.dumps(path + "?query=")} .. {query}'
    else:
        target = json.dumps(path) + (f' .. "?v={run}_" .. tid .. "_" .. counter' if case.distinct else "")
    return LUA_HEAD + f"""
function request()
  local ip = forwarded()
  local name = {f'"{run}_" .. tid .. "_" .. counter' if case.distinct else '""'}
  return wrk.format("GET", {target}, {{["Accept"] = {accept}, ["X-Forwarded-For"] = ip}})
end
"""


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    errors: str
    load: str


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(url: str, script: str, args: argparse.Namespace) -> Run:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as f:
        f.write(script)
        f.flush()
        out = subprocess.run(["wrk", "-t", str(args.wrk_threads), "-c", str(args.connections), "-d",
                              f"{args.duration}s", "--latency", "-s", f.name, url],
                             capture_output=True, text=True, check=True).stdout
    load = load_average()

    def latency(p: str) -> float:
        m = re.search(rf"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    non = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return Run(float(rps.group(1)) if rps else 0.0, latency("50"), latency("99"), int(total.group(1)) if total else 0,
               int(non.group(1)) if non else 0, errors.group(0) if errors else "", load)


def check_same_rows(kg_url: str, ox_url: str) -> None:
    """Both servers give the same labels for the lookup (else the comparison means nothing)."""
    def labels(url: str) -> list[str]:
        req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": LOOKUP}), headers={"Accept": JSON})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return sorted(b["l"]["value"] for b in json.load(resp)["results"]["bindings"])
    a, b = labels(kg_url), labels(ox_url)
    if a != b or not a:
        raise SystemExit(f"the servers disagree on the lookup: kg serve {a}, Oxigraph {b}")


def build_store(where: Path) -> None:
    subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(ROOT / "samples"), "--published", "2022-09-20",
                    "--store", str(where)], check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="store to copy (default: one built from samples/)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per server, case and round")
    parser.add_argument("--rounds", type=int, default=3, help="runs per server and case, in turn (median kept)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--cases", nargs="*", choices=[c.name for c in CASES], default=[c.name for c in CASES])
    parser.add_argument("--processes", nargs="+", type=int, default=[1],
                        help="run a kg serve with each of these --processes values, side by side (e.g. 1 2)")
    parser.add_argument("--kg-arg", action="append", default=[], help="extra `kg serve` argument (repeatable)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install -y wrk)")
    with tempfile.TemporaryDirectory(prefix="kg-throughput-") as tmp, contextlib.ExitStack() as servers_up:
        store = Path(tmp) / "store"
        if args.store:
            shutil.copytree(args.store, store)
        else:
            build_store(store)
        cases = [c for c in CASES if c.name in args.cases]
        print(f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s, {args.rounds} rounds; "
              f"load average before: {load_average()}; kg serve --trust-forwarded {' '.join(args.kg_arg)} "
              f"--processes {args.processes}", flush=True)
        kgs = []  # (name, base URL) of each kg serve
        for n in args.processes:
            url, _ = servers_up.enter_context(kg_serve(str(store), "--trust-forwarded", "--processes", str(n),
                                                       *args.kg_arg))
            kgs.append((f"kg -p{n}", url))
        ox_url, _ = servers_up.enter_context(oxigraph_serve(str(store)))
        for _, url in kgs:
            check_same_rows(f"{url}/sparql", f"{ox_url}/query")
        results: dict[tuple[str, str], Run] = {}
        runs_done = 0
        for case in cases:
            servers = [(name, url, "/sparql") for name, url in kgs]
            if case.target == "sparql":
                servers.append(("oxigraph", ox_url, "/query"))
            runs: dict[str, list[Run]] = {name: [] for name, _, _ in servers}
            for _ in range(args.rounds):
                for name, url, endpoint in servers:
                    path = endpoint if case.target == "sparql" else case.target
                    runs_done += 1
                    run = wrk(url + path, lua(case, path, runs_done), args)
                    runs[name].append(run)
                    print(f"  {case.name:<22} {name:<9} {run.rps:>9.0f} req/s  p50 {run.p50_ms:6.2f} ms  "
                          f"p99 {run.p99_ms:6.2f} ms  non-2xx {run.non_2xx}  {run.errors}  load {run.load}",
                          flush=True)
            for name, done in runs.items():
                median = sorted(done, key=lambda r: r.rps)[len(done) // 2]
                median.non_2xx = sum(r.non_2xx for r in done)
                results[case.name, name] = median
        print()
        head = " | ".join(f"{name} req/s | p50 ms | p99 ms | ratio" for name, _ in kgs)
        print(f"| case | {head} | Oxigraph req/s | p50 ms | p99 ms | kg non-2xx (all rounds) |")
        print("|---|" + "---:|" * (4 * len(kgs) + 4))
        for case in cases:
            o = results.get((case.name, "oxigraph"))
            cols = []
            for name, _ in kgs:
                k = results[case.name, name]
                cols.append(f"{k.rps:,.0f} | {k.p50_ms:.2f} | {k.p99_ms:.2f} | {k.rps / o.rps:.2f}" if o
                            else f"{k.rps:,.0f} | {k.p50_ms:.2f} | {k.p99_ms:.2f} | —")
            ox_cols = f"{o.rps:,.0f} | {o.p50_ms:.2f} | {o.p99_ms:.2f}" if o else "— | — | —"
            non_2xx = ", ".join(str(results[case.name, name].non_2xx) for name, _ in kgs)
            print(f"| {case.name} | {' | '.join(cols)} | {ox_cols} | {non_2xx} |")
        print(f"\nload average after: {load_average()}")


if __name__ == "__main__":
    main()
