"""The HTTP server of `kg serve`: granian's HTTP/1.1 stack (Rust) calling the WSGI app in this process.

waitress, the server before, parses HTTP in Python: on this 2-core machine it answered at most
~2,600 requests a second with an app that returns two bytes, which alone kept /sparql far from
the Oxigraph server. granian answers ~38,000/s with that app (BENCHMARKS.md). It runs here in
the server's own process, not in worker processes of its own: the fair-use state, the response
cache and the query worker pool are per process and must see every request.

What the server itself refuses, with an empty body: request targets over 64 KiB (414, hyper's
limit; send longer queries by POST), request heads past its read buffer (`MAX_HEAD_BYTES`; hyper
took 400 KB and refused 1 MB here) or with over 100 header fields (431). Bodies over the app's limit
are answered 413 by the app from the declared length, before the body is read. SIGINT and SIGTERM
stop it: the requests in progress are answered, then `serve` returns.
"""
from __future__ import annotations

import gc
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from granian._futures import _new_cbscheduler
from granian._granian import SocketHolder, WorkerSignal, WSGIWorker
from granian._loops import loops
from granian.http import HTTP1Settings
from granian.wsgi import Response, ResponseIterWrap

from kg.errors import ConfigError

MAX_HEAD_BYTES = 256 << 10  # hyper's read buffer for a request head
BACKLOG = 1024
HEADER_READ_TIMEOUT_MS = 30_000  # a client that does not finish its request head in this long is dropped
SIGNAL_POLL_SECONDS = 0.1  # how often the main thread looks whether SIGINT or SIGTERM came
STOP_SECONDS = 120.0  # after the signal, the requests in progress have this long (a query stops at its timeout)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Any]


class Listener:
    """A bound listening socket (port 0 picks a free one: `port` says which).

    OSError (with the system's reason) when the address is in use, not this machine's, or privileged.
    `shared`: with SO_REUSEPORT, so that several processes can each listen on the port with a socket
    of their own, the kernel spreading new connections among them (with one socket shared by the
    processes, two answered no more requests a second than one: BENCHMARKS.md). `listen=False` only holds the
    port (a socket that does not listen is given no connections).
    """

    def __init__(self, host: str, port: int, *, shared: bool = False, listen: bool = True) -> None:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        self.socket = socket.socket(family, kind, proto)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if shared:
                self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            # Linux gives the connections accepted from this socket its TCP_NODELAY. Without it, an answer
            # sent as headers then body (granian's path for a WSGI iterable: a 404 page, a redirect, a
            # streamed result) waited for the client's delayed ACK: ~40 ms each on a kept-alive connection.
            self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.socket.bind(address)
            if listen:
                self.socket.listen(BACKLOG)
        except OSError:
            self.socket.close()
            raise
        self.port: int = self.socket.getsockname()[1]
        self.holder = SocketHolder(self.socket.fileno(), False, BACKLOG) if listen else None


def listen(host: str, port: int, *, shared: bool = False, listen: bool = True) -> Listener:
    """`Listener(host, port, …)`, or ConfigError saying why not (one line)."""
    try:
        return Listener(host, port, shared=shared, listen=listen)
    except OSError as e:  # the port is taken, the address is not this machine's, a privileged port
        raise ConfigError(f"cannot listen on {shown(host)}:{port}: {e.strerror or e}") from e


def shown(host: str) -> str:
    """`host` as written in a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


def serve(app: WSGIApp, listener: Listener, threads: int) -> None:
    """Serve `app` on `listener` with `threads` Python threads until SIGINT or SIGTERM."""
    base = {
        "GATEWAY_INTERFACE": "CGI/1.1",
        "SCRIPT_NAME": "",
        "SERVER_SOFTWARE": "kg",
        "wsgi.errors": sys.stderr,
        "wsgi.input_terminated": True,
        "wsgi.multiprocess": False,
        "wsgi.multithread": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }

    def call(proto: Any, scope: dict[str, Any]) -> int:
        resp = Response()
        result = app(base | scope, resp)
        resp.headers.append(("Server", "kg"))
        if isinstance(result, list):
            proto.response_bytes(resp.status, resp.headers, b"".join(result))
        else:
            proto.response_iter(resp.status, resp.headers, ResponseIterWrap(result))
        return resp.status

    # What the app holds from its start (modules, templates, settings: ~80,000 objects) lives as long as the
    # server: the garbage collector need not walk it again at each full collection (a pause of tens of ms).
    gc.collect()
    gc.freeze()
    # SIGINT and SIGTERM are only noted by their handler, which may run between any two bytecodes of this
    # thread: one that took a lock (an Event's) or called into the worker could block forever on it. Ctrl-C to
    # the process group just as `kg serve --processes` had started left its processes serving that way.
    requested: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: requested.append(signum))
    stopped = threading.Event()
    worker_signal = WorkerSignal()
    worker_signal.add_cb(stopped.set)
    loop = loops.get("auto")
    worker = WSGIWorker(
        1, (None, listener.holder), None,
        1,  # runtime threads (Rust, network I/O)
        512,  # runtime blocking threads
        threads,  # Python threads running the app
        30,  # seconds an idle Python thread is kept
        threads,  # backpressure: requests handed to Python at once; the others wait in the queue
        "1",  # HTTP/1.1 only
        HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS, keep_alive=True, max_buffer_size=MAX_HEAD_BYTES,
                      pipeline_flush=False),
        None, None,  # HTTP/2 settings, static files
        False, None, None, None, "tls1.3", None, [], False,  # no TLS
        (None, None),  # no metrics
    )
    worker.serve_mtr(_new_cbscheduler(loop, call, impl_asyncio=True), loop, worker_signal)
    while not requested:
        time.sleep(SIGNAL_POLL_SECONDS)
    worker_signal.set()  # the worker answers the requests in progress, then stops
    if not stopped.wait(STOP_SECONDS):
        print(f"kg: the HTTP server did not stop within {STOP_SECONDS:g} s of the signal; ending anyway",
              file=sys.stderr, flush=True)
