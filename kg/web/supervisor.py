"""Several server processes on one port (`kg serve --processes N`).

One Python process answers at most what one core gives it: the app's Python code holds the
interpreter's lock. With N processes, each forked from this one before it opens anything (no
threads, no store), each builds its own app (store reader, response cache, query workers) and
listens on the port with a socket of its own (SO_REUSEPORT, kg.web.server.Listener); the kernel
hands each new connection to one of them.
Fair use is shared (kg.web.shared_fair), so a client is counted once whichever process answers.

This process only watches them. It starts one, then the others once the first has built its app
(a store that cannot be opened is said once), and says the server is up when every process has; if
one fails to, it stops the others and exits with that process's code. A process
that ends while serving is replaced (at most `MAX_RESTARTS` within `RESTART_WINDOW` seconds, then
everything stops). SIGINT and SIGTERM are passed on; each process answers the requests it has in
progress, then ends.
"""
from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable

from kg.config import Settings
from kg.errors import KgError
from kg.web.shared_fair import SharedFairUse

STARTUP_SECONDS = 300.0  # every process must have built its app within this
MAX_RESTARTS = 5  # processes replaced within RESTART_WINDOW seconds before the server gives up
RESTART_WINDOW = 60.0
_PR_SET_PDEATHSIG = 1  # prctl(2)

Child = Callable[[Callable[[], None]], None]  # builds the app, calls ready(), serves until stopped


def _run_child(child: Child, ready_fd: int, supervisor: int) -> int:
    """In a forked process: run `child`, telling the supervisor (pid) on `ready_fd` when it serves. Its exit
    code."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)  # the server sets its own
    _end_with_parent(supervisor)
    try:
        child(lambda: os.write(ready_fd, b"r"))
        return 0
    except KgError as e:
        print(f"kg: error: {e}", file=sys.stderr, flush=True)
        return e.exit_code
    except BaseException:  # noqa: BLE001 -- a forked process must end here, never return into the parent's code
        traceback.print_exc()
        return 1


def _end_with_parent(supervisor: int) -> None:
    """Have Linux send this process SIGTERM when the supervisor ends, even killed (SIGKILL): a server
    process left behind would go on answering on the port. Elsewhere, nothing."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        print(f"kg: server process {os.getpid()}: prctl failed ({os.strerror(ctypes.get_errno())}); it will not "
              "end by itself if the supervisor is killed", file=sys.stderr, flush=True)
    elif os.getppid() != supervisor:  # the supervisor ended before that took effect
        os.kill(os.getpid(), signal.SIGTERM)


def serve_processes(settings: Settings, host: str, port: int, threads: int, announce: Callable[[int], None]) -> int:
    """`kg serve --processes N`: N forked server processes, each with a socket of its own on one port, and
    fair use counted in one table; `announce(port)` once all serve. The exit code (ConfigError if the port
    cannot be had)."""
    from kg.web import create_app
    from kg.web.server import listen
    from kg.web.server import serve as run_server

    # SO_REUSEPORT would also let this server share a port with another one that set it (a second `kg serve
    # --processes` on the same port, over another store). A plain socket first: refused as one process's would
    # be, and port 0 picks a port nobody holds.
    probe = listen(host, port, listen=False)
    probe.socket.close()
    held = listen(host, probe.port, shared=True, listen=False)  # the port, kept while processes come and go
    fair = SharedFairUse(settings.rate_limit, settings.rate_burst, settings.max_client_queries,
                         settings.query_timeout)

    def child(ready: Callable[[], None]) -> None:
        app = create_app(settings, fair=fair)
        try:
            listener = listen(host, held.port, shared=True)
            ready()
            run_server(app, listener, threads)
        finally:
            app.extensions["kg"].close()

    return supervise(child, settings.serve_processes, lambda: announce(held.port), fair)


def supervise(child: Child, processes: int, announce: Callable[[], None], fair: SharedFairUse | None) -> int:
    """Run `processes` copies of `child` until SIGINT or SIGTERM; the exit code of the whole server."""
    if threading.active_count() != 1:
        raise RuntimeError("server processes must be forked before any thread is started")
    return _Supervisor(child, processes, fair).run(announce)


class _Supervisor:
    def __init__(self, child: Child, processes: int, fair: SharedFairUse | None) -> None:
        self.child = child
        self.processes = processes
        self.fair = fair
        self.pid = os.getpid()
        self.children: set[int] = set()
        self.stopping = False
        self.read_fd, self.ready_fd = -1, -1

    def run(self, announce: Callable[[], None]) -> int:
        self.read_fd, self.ready_fd = os.pipe()
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            # One first: a store that cannot be opened is then said once, not by every process.
            self.spawn()
            code = self.await_ready(1)
            if code is None and self.processes > 1:
                for _ in range(self.processes - 1):
                    self.spawn()
                code = self.await_ready(self.processes - 1)
            if code is not None:
                return code
            announce()
            return self.watch()
        except OSError as e:  # fork failed: no memory, too many processes
            print(f"kg: error: cannot start a server process: {e.strerror or e}", file=sys.stderr, flush=True)
            self.stop()
            self.reap()
            return 1
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            os.close(self.read_fd)
            os.close(self.ready_fd)

    def spawn(self) -> None:
        pid = os.fork()
        if pid == 0:
            os.close(self.read_fd)
            code = _run_child(self.child, self.ready_fd, self.pid)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        self.children.add(pid)

    def stop(self, signum: int = signal.SIGTERM, frame: object = None) -> None:
        """Ask every process to end (also the handler of SIGINT and SIGTERM)."""
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass  # already ended; reaped by whoever waits

    def reap(self) -> None:
        while self.children:
            pid, _ = os.wait()
            self.children.discard(pid)

    def await_ready(self, count: int) -> int | None:
        """Wait until `count` more processes have said they serve (None), or one ended first (its exit
        code, the others stopped)."""
        ready = 0
        deadline = time.monotonic() + STARTUP_SECONDS
        while ready < count:
            if time.monotonic() > deadline:
                print(f"kg: error: the server processes did not start within {STARTUP_SECONDS:g} s",
                      file=sys.stderr, flush=True)
                self.stop()
                self.reap()
                return 1
            readable, _, _ = select.select([self.read_fd], [], [], 0.1)
            if readable:
                ready += len(os.read(self.read_fd, count))
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid:
                self.children.discard(pid)
                self.stop()
                self.reap()
                code = os.waitstatus_to_exitcode(status)
                return code if code > 0 else 1
        return None

    def watch(self) -> int:
        """Replace the processes that end until told to stop; 0, or 1 if they end too often."""
        restarts: list[float] = []
        while self.children:
            pid, status = os.wait()
            self.children.discard(pid)
            if self.stopping:
                continue
            code = os.waitstatus_to_exitcode(status)
            how = f"exit {code}" if code >= 0 else f"signal {-code}"
            print(f"kg: server process {pid} ended ({how}); starting another", file=sys.stderr, flush=True)
            if self.fair is not None:
                self.fair.recover()
            now = time.monotonic()
            restarts = [t for t in restarts if now - t < RESTART_WINDOW] + [now]
            if len(restarts) > MAX_RESTARTS:
                print(f"kg: error: server processes ended {len(restarts)} times within {RESTART_WINDOW:g} s; "
                      "stopping", file=sys.stderr, flush=True)
                self.stop()
                self.reap()
                return 1
            self.spawn()
        return 0
