"""Worker processes that evaluate SPARQL queries, so that a query can be stopped.

The embedded engine cannot cancel a running query, and a pathological query can exhaust
its stack or the machine's memory. Each query therefore runs in a separate process holding a
read-only handle on the store: when the time limit passes the process is killed and replaced,
and the client gets an error status (never a 200 with partial results). Workers evaluate on a
thread with a large stack (long chains of operators recurse deeply in the engine), have a
capped data segment and no network (`kg.query.confine`). A worker that dies on a query is
replaced: 503 if it ran out of memory or stack, 500 for anything else. An exception the engine
raises is an answer (400 or 500), never the end of the worker.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import queue
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.query import formats
from kg.query.confine import forbid_network, limit_memory, physical_memory
from kg.store.embedded import open_read_only
from kg.store.version import store_version

log = logging.getLogger("kg.query")

STORE_REFRESH_SECONDS = 1.0
STACK_BYTES = 256 << 20  # of the evaluating thread: 8 MB overflows on a few thousand chained operators
PARENT_CHECK_SECONDS = 1.0  # how often a worker looks whether its server process is still there
STARTUP_SECONDS = 60.0  # a new worker must say it is ready within this (not counted in a query's time)
READY = "ready"
# How a worker that ran out of memory (the allocator aborts) or stack (SIGSEGV) ends.
_EXHAUSTED = {-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS}
# How the engine refuses a call of a function it does not know (raised before evaluation starts).
_UNKNOWN_FUNCTION = re.compile(r"custom function <([^<>\s]+)> is not supported")
MAX_UNKNOWN_FUNCTIONS = 64  # distinct unknown functions one query may call


def default_memory_limit(workers: int) -> int:
    """Bytes of data one worker may use: half the machine's memory shared by the workers, 1 to 4 GiB."""
    ram = physical_memory() or 8 << 30
    return max(1 << 30, min(4 << 30, ram // (2 * max(workers, 1))))


@dataclass
class Job:
    """One query to evaluate, with its dataset and the answer format."""

    query: str
    form: str
    media_type: str
    max_rows: int
    union_default_graph: bool = True
    default_graphs: list[str] | None = None  # protocol dataset (default-graph-uri)
    named_graphs: list[str] | None = None  # protocol dataset (named-graph-uri)
    base_iri: str | None = None  # relative IRIs in the query resolve against this (the endpoint URL)
    # The store version the server has already answered from (its own reader): a worker holding an older
    # one checks again at once instead of at its next periodic check, so that an answer through a worker
    # never shows less than one the server gave just before (an ASK in the server, then a COUNT here).
    at_least: str | None = None


@dataclass
class Answer:
    """What to send back: a status, a media type and a body, with row accounting."""

    status: int
    media_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    version: str | None = None  # of the store the answer was computed on (kg.store.version); None: unknown

    @classmethod
    def error(cls, status: int, message: str, **headers: str) -> "Answer":
        return cls(status, "text/plain", f"{message}\n".encode("utf-8"), headers=dict(headers))


# --- inside the worker process --------------------------------------------------------------
def _unknown_function(*args: Any) -> None:
    """A function the engine does not know: an expression error, so the value stays unbound (SPARQL 1.1 §17.3)."""
    return None


def _query(store: ox.Store, job: Job, kwargs: dict[str, Any]) -> Any:
    """`store.query`, with every function the engine does not know evaluated as an error.

    The engine refuses such a query outright ("custom function <…> is not supported"), one function
    at a time; SPARQL makes the call an expression error instead (BIND leaves the variable unbound,
    FILTER drops the row), which is what declaring it as a function without a value gives.
    """
    unknown: dict[ox.NamedNode, Any] = {}
    while True:
        try:
            return store.query(job.query, **kwargs, custom_functions=unknown or None)
        except RuntimeError as e:
            m = _UNKNOWN_FUNCTION.search(str(e))
            if m is None or len(unknown) >= MAX_UNKNOWN_FUNCTIONS or ox.NamedNode(m.group(1)) in unknown:
                raise
            unknown[ox.NamedNode(m.group(1))] = _unknown_function


class TooLarge(Exception):
    """The rows read so far hold more text than the caller allowed (`evaluate(max_bytes=…)`)."""


def evaluate(store: ox.Store, job: Job, prefixes: dict[str, str], max_bytes: int | None = None) -> Answer:
    """Run `job` on `store` and serialise at most job.max_rows rows (or triples).

    With `max_bytes`, TooLarge as soon as the solutions read hold more than that many characters of
    terms (the server process, which has no memory cap of its own, hands such a query to a worker).
    """
    kwargs: dict[str, Any] = {"base_iri": job.base_iri}
    if job.default_graphs is not None or job.named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or []]
    elif job.union_default_graph:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = _query(store, job, kwargs)
        if isinstance(result, ox.QueryBoolean):
            media_type = formats.canonical(job.media_type, "ASK")
            return Answer(200, media_type, formats.boolean(bool(result), media_type), rows=1)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [tuple(sol[n] for n in names) for sol in itertools.islice(result, job.max_rows + 1)] \
                if max_bytes is None else _rows_within(result, names, job.max_rows + 1, max_bytes)
            cut = len(rows) > job.max_rows
            rows = rows[: job.max_rows]
            media_type = formats.canonical(job.media_type, "SELECT")
            return Answer(200, media_type, formats.solutions(names, rows, media_type), len(rows), cut)
        triples = list(itertools.islice(result, job.max_rows + 1))
        cut = len(triples) > job.max_rows
        triples = triples[: job.max_rows]
        media_type = formats.canonical(job.media_type, "CONSTRUCT")
        return Answer(200, media_type, formats.graph(triples, media_type, prefixes), len(triples), cut)
    except SyntaxError as e:
        return Answer.error(400, f"malformed query: {e}")
    except ValueError as e:
        return Answer.error(400, f"query cannot be evaluated: {e}")
    except MemoryError:
        return Answer.error(503, "the query needed more memory than a query may use and was stopped")
    except OSError as e:
        return Answer.error(503, f"the store could not be read: {e}")
    except RuntimeError as e:  # the engine cannot evaluate this query (an unsupported feature)
        return Answer.error(400, f"query cannot be evaluated: {' '.join(str(e).split())[:500]}")


_VALUED = (ox.NamedNode, ox.Literal, ox.BlankNode)


def _rows_within(result: ox.QuerySolutions, names: list[str], limit: int, max_bytes: int) -> list[tuple[Any, ...]]:
    rows = []
    size = 0
    for sol in itertools.islice(result, limit):
        row = tuple(sol[n] for n in names)
        size += sum(len(t.value) if isinstance(t, _VALUED) else len(str(t)) for t in row if t is not None)
        if size > max_bytes:
            raise TooLarge(f"more than {max_bytes} characters of terms")
        rows.append(row)
    return rows


def _worker_main(conn: Connection, location: str, prefixes: dict[str, str], memory_limit: int) -> None:
    """Confine this process, then serve jobs on a thread with a large stack, ending if the server process
    does: a worker left evaluating a query nobody waits for (its server killed, or crashed) would go on
    for as long as the query runs, with nothing left to stop it at its timeout."""
    server = os.getppid()
    forbid_network()
    limit_memory(memory_limit + STACK_BYTES)
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=_serve, args=(conn, location, prefixes), name="kg-query", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(PARENT_CHECK_SECONDS)
        if os.getppid() != server:  # given to another parent: the server process is gone
            os._exit(1)


def _serve(conn: Connection, location: str, prefixes: dict[str, str]) -> None:
    conn.send(READY)
    store: ox.Store | None = None
    version: str | None = None
    checked = 0.0
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        now = time.monotonic()
        try:
            behind = getattr(job, "at_least", None) is not None and job.at_least != version
            if store is None or behind or now - checked > STORE_REFRESH_SECONDS:
                # The version first, then the handle: the handle sees at least that version. Reopened
                # only when a write moved the version (kg.store.version).
                latest = _version(location)
                if store is None or latest is None or latest != version:
                    store = open_read_only(Path(location))  # retried while a writer compacts
                    version = latest
                checked = now
        except StoreError as e:
            conn.send(Answer.error(503, f"the store could not be opened: {e}"))
            continue
        try:
            answer = evaluate(store, job, prefixes)
        except Exception as e:  # noqa: BLE001 -- an engine failure is this query's answer; the worker lives on
            log.exception("query failed in the engine")
            answer = Answer.error(500, f"the query engine failed on this query ({type(e).__name__}); "
                                       "the endpoint is still up")
        answer.version = version
        conn.send(answer)


def _version(location: str) -> str | None:
    try:
        return store_version(location)
    except OSError as e:  # the directory is gone or unreadable: opening it says why
        log.warning("%s: cannot read the store's version (%s)", location, e)
        return None


# --- in the server process ------------------------------------------------------------------
class _Worker:
    def __init__(self, ctx: Any, location: str, prefixes: dict[str, str], memory_limit: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=_worker_main, args=(child, location, prefixes, memory_limit),
                                                name="kg-query-worker", daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        """Whether the worker said it is ready within `timeout` seconds (startup is not query time)."""
        if not self.ready:
            try:
                self.ready = self.conn.poll(timeout) and self.conn.recv() == READY
            except (EOFError, OSError) as e:
                log.error("query worker %s failed to start (%s)", self.process.pid, e)
        return self.ready

    def kill(self, wait: float = 0.0) -> int | None:
        """Stop the process after `wait` seconds if it still runs; its exit code (negative: the signal that
        ended it; a worker that just died is given a moment so that it keeps its own)."""
        self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()
        return self.process.exitcode

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass  # already gone: killing below is all that is left to do
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


class SlotPool:
    """At most `size` queries at once: `run` waits up to the query's time limit for a slot, then
    hands the query to `_evaluate`; a closed pool or no free slot is a 503 Answer."""

    slots = "query slots"  # what a slot is, in the 503 that says they are all busy

    def __init__(self, size: int, timeout: float) -> None:
        self.size = size
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    def run(self, job: Job, timeout: float | None = None) -> Answer:
        """Evaluate `job`; a timeout or a failure becomes an error Answer, never a partial result."""
        limit = self.timeout if timeout is None else timeout
        if self._closed:
            return Answer.error(503, "the server is shutting down")
        if not self._slots.acquire(timeout=limit):
            return Answer.error(503, f"all {self.size} {self.slots} stayed busy for {limit:g} s; try again later",
                                **{"Retry-After": "5"})
        try:
            return self._evaluate(job, limit)
        finally:
            self._slots.release()

    def _evaluate(self, job: Job, limit: float) -> Answer:
        raise NotImplementedError

    def close(self) -> None:
        self._closed = True


class QueryPool(SlotPool):
    """At most `size` queries evaluate at once, each in its own killable process."""

    slots = "query workers"

    def __init__(self, location: str, size: int, timeout: float, prefixes: dict[str, str] | None = None,
                 memory_limit: int | None = None) -> None:
        super().__init__(size, timeout)
        self.location = location
        self.prefixes = dict(prefixes or {})
        self.memory_limit = memory_limit or default_memory_limit(size)
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()

    def start(self) -> None:
        """Start every worker now rather than on the first queries."""
        for _ in range(self.size - self._idle.qsize()):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.location, self.prefixes, self.memory_limit)

    def _evaluate(self, job: Job, limit: float) -> Answer:
        """In an idle worker (or a new one); a timeout or a dead worker kills and replaces it."""
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = self._spawn()
        if not worker.wait_ready(STARTUP_SECONDS):
            worker.kill()
            return Answer.error(503, "no query worker could be started; try again later", **{"Retry-After": "5"})
        try:
            worker.conn.send(job)
            ready = worker.conn.poll(limit)
            answer = worker.conn.recv() if ready else None
        except (EOFError, OSError) as e:
            code = worker.kill(wait=2.0)
            log.error("query worker %s died on a query (exit %s, %s)", worker.process.pid, code, e)
            self._replace()
            if code in _EXHAUSTED:
                return Answer.error(503, f"the query needed more memory (limit {self.memory_limit >> 20} MiB) "
                                         "or stack than a query may use and was stopped")
            return Answer.error(500, "the query made its worker process fail; the endpoint is still up")
        if answer is None:
            log.warning("query stopped after %g s (worker %s killed)", limit, worker.process.pid)
            worker.kill()
            self._replace()
            return Answer.error(503, f"query timed out after {limit:g} s and was stopped")
        self._put_back(worker)
        return answer

    def _put_back(self, worker: _Worker) -> None:
        if self._closed or self._idle.qsize() >= self.size:
            worker.stop()
        else:
            self._idle.put(worker)

    def _replace(self) -> None:
        """Start a worker for one just killed, before its slot is free: whoever spent the worker
        waits for the new one, not the next query (often another client's)."""
        if self._closed:
            return
        try:
            worker = self._spawn()
        except OSError as e:
            log.error("could not start a replacement query worker (%s); the next query will try again", e)
            return
        if not worker.wait_ready(STARTUP_SECONDS):
            worker.kill()
            return
        self._put_back(worker)

    def close(self) -> None:
        """Stop the idle workers (busy ones end with their query)."""
        super().close()
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
