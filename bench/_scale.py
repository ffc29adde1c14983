"""Shared helpers of the benchmarks: servers (kg serve, Oxigraph), process memory, percentiles, timings."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/sparql-results+json"


def cookbook(names: list[str] | None = None) -> dict[str, str]:
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "web" / "cookbook").glob("*.rq"))}
    return {n: queries[n] for n in names} if names else queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def timed_pair(f: Callable[[], object], g: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best-of-`repeat` wall times of f() and g(), run alternately (so that both see the same load)."""
    best_f = best_g = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best_f = min(best_f, time.perf_counter() - t)
        t = time.perf_counter()
        g()
        best_g = min(best_g, time.perf_counter() - t)
    return best_f, best_g


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def kg_serve(store: str, *extra: str, timeout: float = 120.0) -> Iterator[tuple[str, int]]:
    """`kg serve --port 0` on `store` (as tests/conftest.py starts it); yields (base URL, pid)."""
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", store, "--port", "0", *extra]
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(cmd, stderr=log, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
        try:
            deadline, url = time.monotonic() + timeout, None
            while url is None and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
                log.seek(0)
                m = re.search(r"at (http://\S+?)/ ", log.read())
                url = m.group(1) if m else None
            if url is None:
                log.seek(0)
                raise SystemExit(f"kg serve did not start (exit {proc.poll()}): {log.read()[-2000:]}")
            yield url, proc.pid
        finally:
            stop(proc)


@contextlib.contextmanager
def oxigraph_serve(store: str, *extra: str, timeout: float = 120.0) -> Iterator[tuple[str, int]]:
    """`oxigraph serve-read-only --union-default-graph` on `store`; yields (base URL, pid). Query at URL/query."""
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not exe:
        raise SystemExit("no `oxigraph` server binary: .venv/bin/pip install oxigraph")
    port = free_port()
    cmd = [exe, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}", "--union-default-graph", *extra]
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(cmd, stderr=log, stdout=log)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=5):
                        break
                except (urllib.error.URLError, OSError):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise SystemExit(f"oxigraph did not start (exit {proc.poll()}): {log.read()[-2000:]}")
                    time.sleep(0.1)
            yield url, proc.pid
        finally:
            stop(proc)


def stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(15)


def post_query(url: str, query: str, timeout: float) -> tuple[int, bytes, dict[str, str]]:
    """POST a query (form-encoded); status, body, headers (status 0: no answer in time)."""
    body = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": JSON})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)
    except (urllib.error.URLError, OSError):
        return 0, b"", {}


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc/*/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return out


def memory(pid: int) -> tuple[float, float, int]:
    """RSS and PSS (MiB) summed over `pid` and its descendants, and how many processes."""
    rss = pss = 0
    pids = tree(pid)
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
    return rss / 1024, pss / 1024, len(pids)


def disk_mib(path: str) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20
