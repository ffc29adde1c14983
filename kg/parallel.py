"""`kg ingest --workers N`: prepare articles in N worker processes, store them from this one.

Each worker (spawned, so nothing is shared) loads spaCy, the gazetteer and the shapes once, then
extracts, builds and validates the graphs of the articles it is sent (`kg.pipeline.Preparer`).
The parent stays the only writer: `WorkerPool.finished` hands it the results in input order, so the
store ends up with the same quads as a sequential ingest, and each article is still written in one
transaction. At most `window` items are read ahead of the writer.

A worker that dies (killed, out of memory, a crash in native code) costs only the article it held:
that article is reported as failed and a fresh worker takes its place.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Self

from kg.config import Settings
from kg.errors import ConfigError, ExtractionError, InputError, KgError
from kg.model import Article
from kg.pipeline import Finished, Prepared, Preparer

__all__ = ["WorkerPool", "cpu_count", "load_preparer", "worker_count"]

START_TIMEOUT = 300.0  # seconds a worker may take to load its models before the batch stops
STOP_TIMEOUT = 5.0  # seconds a worker may take to exit when asked before it is killed
POLL = 1.0  # seconds of each wait for results (bounded waits, so deaths and timeouts are seen)


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(setting: int, articles: int | None = None) -> int:
    """Processes to use: `setting` (0 = one per CPU), never more than the articles there are."""
    if setting < 0:
        raise ConfigError(f"ingest_workers must be 0 (one per CPU) or more, got {setting}")
    n = setting or cpu_count()
    return max(1, min(n, articles)) if articles is not None else n


def load_preparer(settings: Settings) -> Preparer:
    """The default worker set-up: the real extractor and validator, loaded in the worker."""
    from kg.extract import SUPPORTED_LANGS, Extractor

    extractor = Extractor.load()
    for lang in SUPPORTED_LANGS:  # load the models now, not on the worker's first article
        extractor.pipeline(lang)
    return Preparer(settings, extractor)


def _work(conn: Connection, settings: Settings, factory: Callable[[Settings], Preparer], debug: bool) -> None:
    """A worker's life: load, say "ready", then prepare each (seq, article) sent until None or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        preparer = factory(settings)
    except KgError as e:
        conn.send(("error", str(e)))
        return
    except Exception as e:  # noqa: BLE001 -- sent to the parent, which stops the batch with this line
        conn.send(("error", f"a worker process could not start: {type(e).__name__}: {e}"))
        if debug:
            traceback.print_exc()
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:
            return
        seq, article = task
        try:
            reply: tuple[Any, ...] = (seq, "ok", preparer.prepare(article))
        except KgError as e:
            reply = (seq, "failed", str(e))
        except Exception as e:  # noqa: BLE001 -- a bug: this article fails (one line), the rest goes on
            if debug:
                traceback.print_exc()
            reply = (seq, "failed", (f"{article.source or article.id}: article {article.id}: extraction failed: "
                                     f"{type(e).__name__}: {e}"))
        try:
            conn.send(reply)
        except (BrokenPipeError, ConnectionResetError):  # the parent is gone
            return


@dataclass
class _Worker:
    proc: BaseProcess
    conn: Connection
    started: float
    ready: bool = False
    task: tuple[int, Article] | None = None
    dead: bool = False


@dataclass
class WorkerPool:
    """N worker processes preparing articles for one writer. Use as a context manager."""

    settings: Settings
    workers: int
    factory: Callable[[Settings], Preparer] = load_preparer
    debug: bool = False
    window: int = 0  # items read ahead of the writer at most [default: 4 per worker]
    start_timeout: float = START_TIMEOUT
    crashes: int = field(default=0, init=False)  # workers that died during the batch
    _pool: list[_Worker] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ConfigError(f"a worker pool needs at least one worker, got {self.workers}")
        self.window = self.window or 4 * self.workers
        self._ctx = mp.get_context("spawn")

    def __enter__(self) -> Self:
        for _ in range(self.workers):
            self._pool.append(self._spawn())
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close(graceful=kind is None)

    def _spawn(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        proc = self._ctx.Process(target=_work, args=(theirs, self.settings, self.factory, self.debug),
                                 name="kg-ingest-worker", daemon=True)
        proc.start()
        theirs.close()  # so that the worker's death reads as EOF here
        return _Worker(proc, ours, time.monotonic())

    def close(self, graceful: bool = True) -> None:
        """Stop the workers: ask idle ones to exit, terminate the others (all of them after an error or Ctrl-C).

        Any still running after STOP_TIMEOUT seconds is killed.
        """
        for w in self._pool:
            if w.dead:
                continue
            if graceful and w.ready and w.task is None:
                try:
                    w.conn.send(None)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # already gone: joined below
            else:  # its article will not be stored; a message cut short by Ctrl-C may be in its pipe
                w.proc.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for w in self._pool:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(STOP_TIMEOUT)
            w.conn.close()
        self._pool.clear()

    def wait_ready(self) -> None:
        """Block until every worker has loaded its models (at most `start_timeout` seconds each)."""
        done: dict[int, Finished] = {}
        while not all(w.ready for w in self._pool):
            self._collect(done, POLL)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and diagnostics)."""
        return [w.proc.pid for w in self._pool if not w.dead and w.proc.pid is not None]

    def finished(self, items: Iterable[Article | InputError]) -> Iterator[Finished]:
        """Prepare `items` in the workers; yield each with its result, in input order."""
        source = iter(items)
        exhausted = False
        done: dict[int, Finished] = {}
        retry: deque[tuple[int, Article]] = deque()  # sent to a worker that died before reading it
        next_in = next_out = 0
        while True:
            # Hand work to idle workers, at most `window` items ahead of the writer.
            for w in self._pool:
                if not (w.ready and not w.dead and w.task is None):
                    continue
                task = retry.popleft() if retry else None
                while task is None and not exhausted and next_in - next_out < self.window:
                    try:
                        item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    if isinstance(item, InputError):
                        done[next_in] = (item, None)
                    else:
                        task = (next_in, item)
                    next_in += 1
                if task is None:
                    break
                try:
                    w.conn.send(task)
                    w.task = task
                except (BrokenPipeError, ConnectionResetError):
                    retry.append(task)
                    self._bury(w, done)
            if next_out in done:
                yield done.pop(next_out)
                next_out += 1
                self._collect(done, 0.0)  # pick up what finished meanwhile, so that idle workers get work
                continue
            if exhausted and not retry and next_out == next_in:
                return
            self._collect(done, POLL)

    def _collect(self, done: dict[int, Finished], timeout: float) -> None:
        """Wait (at most `timeout` seconds) for results and deaths; replace dead workers."""
        live = [w for w in self._pool if not w.dead]
        by_handle: dict[Any, _Worker] = {}
        for w in live:
            by_handle[w.conn] = w
            by_handle[w.proc.sentinel] = w
        for w in {id(by_handle[h]): by_handle[h] for h in wait(list(by_handle), timeout=timeout)}.values():
            # Read what it sent before looking at its death: a result may precede it.
            try:
                while not w.dead and w.conn.poll():
                    self._receive(w, w.conn.recv(), done)
            except (EOFError, OSError):
                self._bury(w, done)
            if not w.dead and not w.proc.is_alive():
                self._bury(w, done)
        now = time.monotonic()
        for w in self._pool:
            if not w.dead and not w.ready and now - w.started > self.start_timeout:
                raise ConfigError(f"a worker process did not load its models within {self.start_timeout:.0f} s")
        self._pool[:] = [w if not w.dead else self._replace(w) for w in self._pool]

    def _receive(self, w: _Worker, message: tuple[Any, ...], done: dict[int, Finished]) -> None:
        if message[0] == "ready":
            w.ready = True
            return
        if message[0] == "error":
            raise ConfigError(str(message[1]))
        seq, status, payload = message
        if w.task is None or w.task[0] != seq:
            raise RuntimeError(f"worker {w.proc.pid} answered for item {seq}, which it was not given")
        article = w.task[1]
        w.task = None
        if status == "ok" and isinstance(payload, Prepared):
            done[seq] = (article, payload)
        else:
            done[seq] = (article, ExtractionError(str(payload)))

    def _bury(self, w: _Worker, done: dict[int, Finished]) -> None:
        """A worker died: the article it held fails (one line), the rest of the batch goes on."""
        if w.dead:
            return
        w.dead = True
        w.proc.join(STOP_TIMEOUT)
        code = w.proc.exitcode
        how = (f"killed by signal {signal.Signals(-code).name}" if code is not None and code < 0
               else f"exit code {code}")
        if not w.ready:  # it never loaded: a new one would fail the same way
            raise ConfigError(f"a worker process died while loading its models ({how})")
        self.crashes += 1
        if w.task is not None:
            seq, article = w.task
            w.task = None
            done[seq] = (article, ExtractionError(
                f"{article.source or article.id}: article {article.id}: the worker process preparing it died "
                f"({how}); not stored"))

    def _replace(self, w: _Worker) -> _Worker:
        w.conn.close()
        return self._spawn()
