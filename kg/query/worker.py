"""Worker processes that evaluate SPARQL queries, so that a query can be stopped.

The embedded engine cannot cancel a running query, and a pathological query can exhaust
its stack. Each query therefore runs in a separate process holding a read-only handle on
the store: when the time limit passes the process is killed and replaced, and the client
gets an error status (never a 200 with partial results). If a worker dies, the server
answers 500 for that query and carries on with a fresh worker.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox

from kg.query import formats

log = logging.getLogger("kg.query")

STORE_REFRESH_SECONDS = 1.0


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


@dataclass
class Answer:
    """What to send back: a status, a media type and a body, with row accounting."""

    status: int
    media_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str, **headers: str) -> "Answer":
        return cls(status, "text/plain", f"{message}\n".encode("utf-8"), headers=dict(headers))


# --- inside the worker process --------------------------------------------------------------
def evaluate(store: ox.Store, job: Job, prefixes: dict[str, str]) -> Answer:
    """Run `job` on `store` and serialise at most job.max_rows rows (or triples)."""
    kwargs: dict[str, Any] = {"base_iri": job.base_iri}
    if job.default_graphs is not None or job.named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or []]
    elif job.union_default_graph:
        kwargs["use_default_graph_as_union"] = True
    try:
        result = store.query(job.query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            media_type = formats.canonical(job.media_type, "ASK")
            return Answer(200, media_type, formats.boolean(bool(result), media_type), rows=1)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [tuple(sol[n] for n in names) for sol in itertools.islice(result, job.max_rows + 1)]
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
    except OSError as e:
        return Answer.error(503, f"the store could not be read: {e}")


def _worker_main(conn: Connection, location: str, prefixes: dict[str, str]) -> None:
    store: ox.Store | None = None
    opened = 0.0
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        now = time.monotonic()
        try:
            if store is None or now - opened > STORE_REFRESH_SECONDS:
                store = ox.Store.read_only(location)
                opened = now
        except OSError as e:
            conn.send(Answer.error(503, f"the store could not be opened: {e}"))
            continue
        conn.send(evaluate(store, job, prefixes))


# --- in the server process ------------------------------------------------------------------
class _Worker:
    def __init__(self, ctx: Any, location: str, prefixes: dict[str, str]) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=_worker_main, args=(child, location, prefixes),
                                                name="kg-query-worker", daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

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


class QueryPool:
    """At most `size` queries evaluate at once, each in its own killable process."""

    def __init__(self, location: str, size: int, timeout: float, prefixes: dict[str, str] | None = None) -> None:
        self.location = location
        self.size = size
        self.timeout = timeout
        self.prefixes = dict(prefixes or {})
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    def start(self) -> None:
        """Start every worker now rather than on the first queries."""
        for _ in range(self.size - self._idle.qsize()):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.location, self.prefixes)

    def run(self, job: Job, timeout: float | None = None) -> Answer:
        """Evaluate `job`; a timeout or a dead worker becomes an error Answer, never a partial result."""
        limit = self.timeout if timeout is None else timeout
        if self._closed:
            return Answer.error(503, "the server is shutting down")
        if not self._slots.acquire(timeout=limit):
            return Answer.error(503, f"all {self.size} query workers stayed busy for {limit:g} s; try again later",
                                **{"Retry-After": "5"})
        try:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = self._spawn()
            try:
                worker.conn.send(job)
                ready = worker.conn.poll(limit)
                answer = worker.conn.recv() if ready else None
            except (EOFError, OSError) as e:
                log.error("query worker %s died on a query (%s)", worker.process.pid, e)
                worker.kill()
                return Answer.error(500, "the query made its worker process fail; the endpoint is still up")
            if answer is None:
                log.warning("query stopped after %g s (worker %s killed)", limit, worker.process.pid)
                worker.kill()
                return Answer.error(503, f"query timed out after {limit:g} s and was stopped")
            if self._closed:
                worker.stop()
            else:
                self._idle.put(worker)
            return answer
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop the idle workers (busy ones end with their query)."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
