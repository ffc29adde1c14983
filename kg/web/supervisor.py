"""Several server processes on one listening socket (`kg serve --processes N`).

One Python process answers at most what one core gives it: the app's Python code holds the
interpreter's lock. With N processes, each forked from this one before it opens anything (no
threads, no store), each builds its own app (store reader, response cache, query workers) and
serves the socket this process opened; the kernel hands each new connection to one of them.
Fair use is shared (kg.web.shared_fair), so a client is counted once whichever process answers.

This process only watches them. It starts one, then the others once the first has built its app
(a store that cannot be opened is said once), and says the server is up when every process has; if
one fails to, it stops the others and exits with that process's code. A process
that ends while serving is replaced (at most `MAX_RESTARTS` within `RESTART_WINDOW` seconds, then
everything stops). SIGINT and SIGTERM are passed on; each process answers the requests it has in
progress, then ends.
"""
from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable

from kg.errors import KgError
from kg.web.shared_fair import SharedFairUse

STARTUP_SECONDS = 300.0  # every process must have built its app within this
MAX_RESTARTS = 5  # processes replaced within RESTART_WINDOW seconds before the server gives up
RESTART_WINDOW = 60.0

Child = Callable[[Callable[[], None]], None]  # builds the app, calls ready(), serves until stopped


def _run_child(child: Child, ready_fd: int) -> int:
    """In a forked process: run `child`, telling the supervisor on `ready_fd` when it serves. Its exit code."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)  # the server sets its own
    try:
        child(lambda: os.write(ready_fd, b"r"))
        return 0
    except KgError as e:
        print(f"kg: error: {e}", file=sys.stderr, flush=True)
        return e.exit_code
    except BaseException:  # noqa: BLE001 -- a forked process must end here, never return into the parent's code
        traceback.print_exc()
        return 1


def supervise(child: Child, processes: int, announce: Callable[[], None], fair: SharedFairUse | None) -> int:
    """Run `processes` copies of `child` until SIGINT or SIGTERM; the exit code of the whole server."""
    if threading.active_count() != 1:
        raise RuntimeError("server processes must be forked before any thread is started")
    read_fd, ready_fd = os.pipe()
    children: dict[int, float] = {}  # pid -> when it was started
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            code = _run_child(child, ready_fd)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        children[pid] = time.monotonic()

    def stop(signum: int = signal.SIGTERM, frame: object = None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass  # already ended; reaped below

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        # One first: a store that cannot be opened is then said once, not by every process.
        spawn()
        code = _await_ready(read_fd, 1, children, stop)
        if code is None and processes > 1:
            for _ in range(processes - 1):
                spawn()
            code = _await_ready(read_fd, processes - 1, children, stop)
        if code is not None:
            return code
        announce()
        restarts: list[float] = []
        while children:
            pid, status = os.wait()
            children.pop(pid, None)
            if stopping:
                continue
            code = os.waitstatus_to_exitcode(status)
            how = f"exit {code}" if code >= 0 else f"signal {-code}"
            print(f"kg: server process {pid} ended ({how}); starting another", file=sys.stderr, flush=True)
            if fair is not None:
                fair.recover()
            now = time.monotonic()
            restarts = [t for t in restarts if now - t < RESTART_WINDOW] + [now]
            if len(restarts) > MAX_RESTARTS:
                print(f"kg: error: server processes ended {len(restarts)} times within {RESTART_WINDOW:g} s; "
                      "stopping", file=sys.stderr, flush=True)
                stop()
                _reap(children)
                return 1
            spawn()
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        os.close(read_fd)
        os.close(ready_fd)


def _await_ready(read_fd: int, processes: int, children: dict[int, float], stop: Callable[[], None]) -> int | None:
    """Wait until every process has said it serves (None), or one ended first (its exit code, the others
    stopped)."""
    ready = 0
    deadline = time.monotonic() + STARTUP_SECONDS
    while ready < processes:
        if time.monotonic() > deadline:
            print(f"kg: error: the server processes did not start within {STARTUP_SECONDS:g} s", file=sys.stderr)
            stop()
            _reap(children)
            return 1
        readable, _, _ = select.select([read_fd], [], [], 0.1)
        if readable:
            ready += len(os.read(read_fd, processes))
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid:
            children.pop(pid, None)
            stop()
            _reap(children)
            code = os.waitstatus_to_exitcode(status)
            return code if code > 0 else 1
    return None


def _reap(children: dict[int, float]) -> None:
    while children:
        pid, _ = os.wait()
        children.pop(pid, None)
