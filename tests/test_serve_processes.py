"""`kg serve --processes N`: several server processes, one port, fair use counted once across them."""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from conftest import Clock, served

from kg.web.shared_fair import GRACE, SharedFairUse

LOOKUP = "SELECT ?o { <http://example.org/s1> <http://example.org/p> ?o }"


def _in_child(work: Any) -> int:
    """Fork; run `work()` (an int 0-255) in the child; its result, read from the exit status."""
    pid = os.fork()
    if pid == 0:
        code = 255
        try:
            code = work()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


# --- the shared table -------------------------------------------------------------------------
def test_two_processes_take_one_burst_together() -> None:
    fair = SharedFairUse(rate=1e-9, burst=60, max_queries=1, query_timeout=30)
    pid = os.fork()
    if pid == 0:  # both hammer the same client at once
        code = 1
        try:
            code = sum(fair.admit("192.0.2.1") is None for _ in range(100))
        finally:
            os._exit(code)
    here = sum(fair.admit("192.0.2.1") is None for _ in range(100))
    _, status = os.waitpid(pid, 0)
    assert here + os.waitstatus_to_exitcode(status) == 60
    assert fair.admit("192.0.2.2") is None  # another client has its own bucket


def test_a_query_slot_taken_in_one_process_is_taken_for_all() -> None:
    fair = SharedFairUse(rate=10, burst=10, max_queries=1, query_timeout=30)
    assert _in_child(lambda: int(fair.begin_query("192.0.2.1") is None)) == 1  # taken there, not given back
    refusal = fair.begin_query("192.0.2.1")
    assert refusal is not None and "1 query at once" in refusal.message and refusal.retry_after <= 30
    assert _in_child(lambda: fair.end_query("192.0.2.1") or 0) == 0
    assert fair.begin_query("192.0.2.1") is None
    fair.end_query("192.0.2.1")
    assert fair.tracked()[1] == 0


def test_a_slot_never_given_back_is_free_after_the_timeout_and_grace() -> None:
    clock = Clock()
    fair = SharedFairUse(rate=10, burst=10, max_queries=1, query_timeout=30, clock=clock)
    assert fair.begin_query("192.0.2.1") is None  # its process dies: no end_query
    clock.now += 30 + GRACE - 1
    assert fair.begin_query("192.0.2.1") is not None
    clock.now += 2
    assert fair.begin_query("192.0.2.1") is None
    fair.end_query("192.0.2.1")
    fair.end_query("192.0.2.1")  # the stale one: a warning, nothing else
    assert fair.tracked()[1] == 0


def test_locks_held_by_a_dead_process_are_freed() -> None:
    fair = SharedFairUse(rate=1e-9, burst=5, max_queries=1, query_timeout=30)
    assert _in_child(lambda: [lock.acquire() for lock in fair._locks[:3]] and 0) == 0  # dies holding three
    assert fair.recover(wait=0.05) == 3
    assert fair.recover(wait=0.05) == 0
    assert fair.admit("192.0.2.1") is None


def test_a_full_table_forgets_the_clients_seen_longest_ago() -> None:
    clock = Clock()
    fair = SharedFairUse(rate=1, burst=3, max_queries=1, query_timeout=30, clock=clock, max_clients=50)
    entries = 64 * fair.size
    for i in range(3 * entries):
        clock.now += 0.001
        assert fair.admit(f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}") is None
    assert fair.tracked()[0] <= entries
    assert [fair.admit("10.250.0.1") for _ in range(4)].count(None) == 3  # the newest client keeps its bucket
    clock.now += 10
    assert fair.tracked()[0] == 0  # everything refilled: as good as gone


# --- kg serve --processes 2 --------------------------------------------------------------------
def _get(url: str, path: str, forwarded: str | None = None) -> tuple[int, bytes]:
    """One request on a connection of its own (the kernel gives each connection to one process)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path, headers={"X-Forwarded-For": forwarded} if forwarded else {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _children(pid: int) -> set[int]:
    """The processes `pid` started (from any of its threads) and that are still there (none once it has ended)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except FileNotFoundError:
            continue  # the thread (or the process) ended meanwhile
    return found


def test_processes_share_fair_use_and_one_that_dies_is_replaced(small_store: str) -> None:
    with served(small_store, "--processes", "2", "--trust-forwarded", "--rate-limit", "0.001",
                "--rate-burst", "20") as (url, proc, log):
        log.seek(0)
        assert "in 2 processes" in log.read()
        children = _children(proc.pid)
        assert len(children) == 2
        # 40 connections spread over both processes (by the kernel's hash of each one's address and port):
        # one client gets its burst of 20 once, not once in each process.
        statuses = [_get(url, "/sparql?query=" + urllib.parse.quote(LOOKUP), "198.51.100.7")[0]
                    for _ in range(40)]
        assert statuses.count(200) == 20 and statuses.count(429) == 20
        os.kill(min(children), signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (len(_children(proc.pid)) < 2 or min(children) in _children(proc.pid)):
            time.sleep(0.1)
        assert len(_children(proc.pid)) == 2 and min(children) not in _children(proc.pid)
        assert all(_get(url, "/sparql?query=" + urllib.parse.quote(LOOKUP))[0] == 200 for _ in range(10))
        log.seek(0)
        assert f"server process {min(children)} ended (signal 9); starting another" in log.read()
        last = _children(proc.pid)
        proc.terminate()
        assert proc.wait(30) == 0
        log.seek(0)
        assert log.read().rstrip().endswith("kg: stopped")
        assert not any(Path(f"/proc/{c}").exists() for c in last)  # each stopped, and reaped


def test_no_store_is_said_once_and_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "none"),
                           "--port", "0", "--processes", "3"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("kg: error:") == 1 and "no store here" in done.stderr


def test_a_port_in_use_is_refused(small_store: str) -> None:
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # would let a careless bind share it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", small_store,
                               "--port", str(port), "--processes", "2"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Address already in use" in done.stderr


def test_processes_end_when_the_supervisor_is_killed(small_store: str) -> None:
    with served(small_store, "--processes", "2") as (url, proc, _):
        children = _children(proc.pid)
        assert len(children) == 2 and _get(url, "/sparql?query=" + urllib.parse.quote(LOOKUP))[0] == 200
        proc.kill()  # SIGKILL: it cannot pass anything on
        proc.wait(10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_running(c) for c in children):
            time.sleep(0.1)
        assert not any(_running(c) for c in children)  # nothing left answering on the port


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (not gone, not a zombie waiting for its reaper)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_processes_that_keep_dying_stop_the_server(small_store: str) -> None:
    with served(small_store, "--processes", "2") as (_, proc, log):
        killed: set[int] = set()
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            for c in _children(proc.pid) - killed:
                os.kill(c, signal.SIGKILL)
                killed.add(c)
            time.sleep(0.05)
        assert proc.wait(30) == 1
        log.seek(0)
        assert "server processes ended 6 times within 60 s; stopping" in log.read()


def test_ctrl_c_stops_every_process(small_store: str, tmp_path: Path) -> None:
    """Ctrl-C in a terminal sends SIGINT to the whole process group: supervisor and servers at once."""
    log = (tmp_path / "stderr").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", small_store, "--port", "0",
                             "--processes", "2"], stderr=log, stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while "Ctrl-C stops" not in (tmp_path / "stderr").read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, (tmp_path / "stderr").read_text()
            time.sleep(0.1)
        children = _children(proc.pid)
        assert len(children) == 2
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(30) == 0
        assert (tmp_path / "stderr").read_text().rstrip().endswith("kg: stopped")
        assert not any(_running(c) for c in children)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        log.close()


@pytest.mark.parametrize("processes", ["1", "2"])
def test_sigterm_answers_the_requests_in_progress_then_stops(small_store: str, processes: str) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # stopped at the timeout
    with served(small_store, "--processes", processes, "--query-timeout", "2") as (url, proc, log):
        answer: list[int] = []
        request = threading.Thread(target=lambda: answer.append(
            _get(url, "/sparql?query=" + urllib.parse.quote(heavy))[0]))
        request.start()
        time.sleep(0.5)
        proc.terminate()
        request.join(30)
        assert answer == [503]  # answered (the query's timeout), not cut off
        assert proc.wait(30) == 0
        log.seek(0)
        assert log.read().rstrip().endswith("kg: stopped")


def test_a_busy_query_worker_ends_with_its_server_process(small_store: str) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # minutes of work

    def ask() -> None:
        try:
            _get(url, "/sparql?query=" + urllib.parse.quote(heavy))
        except OSError:
            pass  # the server is killed under it: no answer is what this test makes happen

    with served(small_store, "--query-timeout", "120") as (url, proc, _):
        request = threading.Thread(target=ask)
        request.start()
        deadline = time.monotonic() + 30
        workers: set[int] = set()
        while not workers and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = {c for c in _children(proc.pid) if "spawn_main" in _cmdline(c) and _busy(c)}
        assert workers, "no query worker took the query"
        proc.kill()
        proc.wait(10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_running(w) for w in workers):
            time.sleep(0.2)
        assert not any(_running(w) for w in workers)  # not left evaluating for minutes
        request.join(30)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def _busy(pid: int) -> bool:
    """Whether `pid` is using the CPU (state R, or user time still growing over 0.2 s)."""
    def ticks() -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11])  # utime, the 14th field of stat
    try:
        before = ticks()
        time.sleep(0.2)
        return ticks() > before
    except FileNotFoundError:
        return False


def test_a_fork_that_fails_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from kg.web import supervisor

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(supervisor.os, "fork", no_fork)
    monkeypatch.setattr(supervisor.threading, "active_count", lambda: 1)  # pytest's own threads: nothing forks
    announced: list[bool] = []
    code = supervisor.supervise(lambda ready: None, 2, lambda: announced.append(True), None)
    assert code == 1 and not announced
    assert capsys.readouterr().err == "kg: error: cannot start a server process: Resource temporarily unavailable\n"
