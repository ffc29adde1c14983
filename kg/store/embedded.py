"""The embedded store: pyoxigraph persisted in a directory (one writer, many readers)."""
from __future__ import annotations

import io
import threading
import time
import typing
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import InputError, QueryError, StoreError, StoreLockedError
from kg.rdf.vocab import PREFIXES
from kg.store.base import EXPORT_FORMATS, ExportFormat, QueryResult, Store, replace_ops
from kg.store.guard import check_rdfxml
from kg.store.summary import Summary
from kg.store.summary_delta import SummaryDelta, Unsupported

READ_ONLY_ATTEMPTS = 5  # a read-only open can race the writer's compaction; it is retried this often
# A writer moves its write-ahead log into table files at least this often (seconds of writing).
# Every read-only open replays the whole log: beside a long ingest that never flushed, each open
# (once a second in `kg serve`) took ~0.3 s longer per 10 MB of log and rebuilt it all in memory.
FLUSH_SECONDS = 5.0
# Summary values an embedded store keeps between its writes (about 200 bytes each); past this many
# it starts again from none
KNOWN_SUMMARY_VALUES = 100_000
KEPT_VALUES = 64  # values a read-only handle keeps (`EmbeddedStore.kept`: a few per base IRI)
_T = typing.TypeVar("_T")


def open_read_only(path: Path) -> ox.Store:
    """`ox.Store.read_only`, retried: while a writer compacts, the files an open reads may vanish.

    RocksDB then says "Corruption: ... No such file" (a RuntimeError): the next attempt reads
    the new file list. StoreError after READ_ONLY_ATTEMPTS failures (a third of a second of waits).
    """
    attempt = 1
    while True:
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:
            if attempt >= READ_ONLY_ATTEMPTS:
                raise StoreError(f"{path}: cannot open the store read-only: {one_line(str(e))}") from e
        time.sleep(0.01 * 2 ** attempt)
        attempt += 1


class EmbeddedStore(Store):
    """An Oxigraph store in a directory."""

    def __init__(self, store: ox.Store, location: str, read_only: bool) -> None:
        self._store = store
        self.location = location
        self.read_only = read_only
        self._flushed = time.monotonic()
        # Held by every write through this object, so that what `replace_graphs` reads before its
        # update (which graphs exist) is still true when the update runs.
        self._write_lock = threading.RLock()
        # The summary's changes worked out in Python (False: the SPARQL updates every store takes;
        # bench/summary_cost.py compares the two)
        self.summary_in_python = True
        # (summary graph, its values as stored) for the summary's (subject, predicate) pairs that
        # earlier writes read and left: right while this object is the store's only writer, so it
        # is forgotten at any other update, load or failure
        self._known_summary: tuple[str, dict[tuple[object, object], tuple[object, ...]]] = ("", {})
        self._kept: dict[Hashable, Any] = {}  # `kept` values of a read-only handle (a snapshot)

    def kept(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """Kept for the handle's life when it is read-only: pyoxigraph's read-only handle reads the
        store as it was when opened (a reader reopens the store to see later writes)."""
        if not self.read_only:
            return compute()
        try:
            return typing.cast(_T, self._kept[key])
        except KeyError:
            value = compute()
            if len(self._kept) < KEPT_VALUES:
                self._kept[key] = value
            return value

    @classmethod
    def open(cls, location: str, *, read_only: bool = False) -> "EmbeddedStore":
        path = Path(location)
        if read_only:
            if not (path / "CURRENT").exists():
                raise StoreError(f"{location}: no store here (run `kg ingest` or `kg load` first)")
            return cls(open_read_only(path), location, True)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{location}: exists and is not a directory")
        try:
            return cls(ox.Store(str(path)), location, False)
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(
                    f"{location}: the store is locked by another writer (a running `kg ingest` or `kg load`?); "
                    "readers can still query it"
                ) from e
            raise StoreError(f"{location}: cannot open the store: {e}") from e

    def update(self, sparql: str) -> None:
        with self._write_lock:  # (so that no write of articles keeps values from before it)
            self._forget_summary()  # (an update from elsewhere may change what the summary holds)
            self._update(sparql)

    def _update(self, sparql: str) -> None:
        self._writable()
        try:
            with self._write_lock:
                self._store.update(sparql)
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL update: {e}") from e
        except OSError as e:
            raise StoreError(f"{self.location}: update failed: {e}") from e
        if time.monotonic() - self._flushed >= FLUSH_SECONDS:
            self.flush()

    def query(self, sparql: str, *, union_default_graph: bool = True) -> QueryResult:
        try:
            res = self._store.query(sparql, use_default_graph_as_union=union_default_graph)
            if isinstance(res, ox.QueryBoolean):
                return QueryResult("boolean", boolean=bool(res))
            if isinstance(res, ox.QuerySolutions):
                names = [v.value for v in res.variables]
                rows = [tuple(sol) for sol in res]  # (in the projection's order, None when unbound)
                return QueryResult("bindings", variables=names, rows=rows)
            return QueryResult("graph", triples=list(res))
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL query: {e}") from e
        except (OSError, ValueError) as e:
            raise QueryError(f"query failed: {e}") from e

    def dump(self, out: BinaryIO, fmt: ExportFormat) -> None:
        try:
            rdf_format = EXPORT_FORMATS[fmt]
        except KeyError as e:
            raise InputError(f"unknown export format {fmt!r} (choices: {', '.join(EXPORT_FORMATS)})") from e
        if rdf_format.supports_datasets:
            self._store.dump(out, format=rdf_format)
            return
        # A triple format: serialise the union of all graphs, deduplicated.
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in self._store)
        buf = io.BytesIO()
        union.dump(buf, format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        out.write(buf.getvalue())

    def load(self, path: Path, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        self._writable()
        if fmt == ox.RdfFormat.RDF_XML:
            check_rdfxml(path)  # no entity expansion, no runaway nesting
        target = ox.NamedNode(graph) if graph else None
        try:
            with self._write_lock:
                self._forget_summary()
                self._store.load(path=str(path), format=fmt, to_graph=target)
        except SyntaxError as e:
            raise InputError(f"not valid {fmt.name}: {one_line(str(e))}", source=str(path)) from e
        except OSError as e:
            raise InputError(f"cannot load: {one_line(str(e))}", source=str(path)) from e

    def replace_graphs(self, replacements: Sequence[tuple[str, str]], additions: Sequence[tuple[str, str]] = (),
                       drops: Sequence[str] = (), summary: Summary | None = None) -> None:
        """`Store.replace_graphs`: one update, so one transaction; but without a DROP of a graph the
        store does not have.

        Such a DROP changes nothing (Oxigraph itself only looks for the graph's quads when the graph
        is listed), yet it cost ~0.8 ms per article: an update with any DROP in it took ~3.7 ms to
        store a new article's ~230 quads, one with just its INSERT DATA ~2.9 ms. Whether a graph
        exists is read just before the update: this process is the store's only writer (the
        directory is locked), and `_write_lock` keeps its own writes from coming in between.
        For the same reason the summary's changes are worked out here, from index lookups, and
        sent as data (kg.store.summary_delta), not as updates that find them.
        """
        if not (replacements or drops or any(nt.strip() for _, nt in additions)):
            return  # the base class sends no update either, not even to a read-only store
        self._writable()
        with self._write_lock:
            delta, summary_ops = None, []
            if summary is not None and self.summary_in_python:
                if self._known_summary[0] != summary.graph:
                    self._known_summary = (summary.graph, {})
                delta = SummaryDelta(self._store, summary, self._known_summary[1])
                try:
                    summary_ops = delta.plan(replacements, additions, drops)
                except (Unsupported, SyntaxError):
                    # A blank node in an article graph, or N-Triples that do not parse (the update
                    # then fails with the parser's message): the updates that find the changes
                    delta = None
                except OSError as e:
                    raise StoreError(f"{self.location}: update failed: {one_line(str(e))}") from e
            ops = replace_ops(replacements, additions, drops, absent=self._absent,
                              summary=None if delta is not None else summary) + summary_ops
            if not ops:
                return
            try:
                self._update(" ;\n".join(ops))
            except Exception:
                self._forget_summary()
                raise
            if delta is None:
                self._forget_summary()
            else:  # what this request left in the summary is what the next one reads
                known = self._known_summary[1]
                if len(known) > KNOWN_SUMMARY_VALUES:
                    known.clear()
                known.update(delta.values_after())

    def _forget_summary(self) -> None:
        self._known_summary = ("", {})

    def _absent(self, graph: str) -> bool:
        """True when the store has no named graph `graph` (False for an IRI that does not parse:
        its DROP stays in the update, which then fails as it always did)."""
        try:
            node = ox.NamedNode(graph)
        except ValueError:
            return False
        try:
            return not self._store.contains_named_graph(node)
        except OSError as e:
            raise StoreError(f"{self.location}: update failed: {e}") from e

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Write what is buffered to table files, so that read-only opens stay quick."""
        try:
            self._store.flush()
        except OSError as e:
            raise StoreError(f"{self.location}: flush failed: {e}") from e
        self._flushed = time.monotonic()

    def optimize(self) -> None:
        """Compact the store's files (RocksDB's full compaction; Oxigraph's `optimize`).

        A store filled by a bulk loader keeps hundreds of overlapping table files, and every index
        seek then looks into many of them: compaction made a seek 7.5 times cheaper at 10M
        quads (BENCHMARKS.md). Readers keep their view; the quads do not change.
        """
        self._writable()
        with self._write_lock:
            try:
                self._store.optimize()
            except OSError as e:
                raise StoreError(f"{self.location}: optimize failed: {one_line(str(e))}") from e

    def close(self) -> None:
        if not self.read_only:
            self.flush()
        del self._store

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")


def one_line(message: str) -> str:
    """A parser's message on one line (it may quote input with newlines in it)."""
    return " ".join(message.split())
