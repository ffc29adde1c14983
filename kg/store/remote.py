"""A remote SPARQL 1.1 service as the store: the SPARQL 1.1 Protocol, and the Graph Store Protocol if given.

Atomicity: every write is ONE SPARQL Update request. `replace_graphs` (how ingest stores an article)
sends its DROP SILENT GRAPH / INSERT DATA operations separated by `;` in one request, and `load`
sends a file as one INSERT DATA operation (or one Graph Store Protocol POST). Oxigraph server,
Apache Jena Fuseki (TDB2) and GraphDB apply one request as one transaction, so an article graph
is wholly replaced or untouched there too; a server that applies operations one by one gives no
such guarantee.

The default graph: queries asked with `union_default_graph=True` need the service's default graph
to be the union of all graphs (Oxigraph server `--union-default-graph`, Fuseki
`tdb2:unionDefaultGraph true`; GraphDB's and Virtuoso's default graph already is). Queries asked
with `union_default_graph=False` only use GRAPH patterns, which mean the same on every server.

Virtuoso (recognised by its `Server` header) differs in ways this module makes up for: it keeps graphs of
its own (`ENGINE_GRAPHS`), which export, counts and graph lists leave out; it cuts every SELECT answer
at its `ResultSetMaxRows` without saying so, so whole-store reads go page by page; and it applies the
operations of one update request one after the other (an operation that fails leaves the earlier ones
applied), so there an article's replacement is not all-or-nothing. See the README, "Remote stores".
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import BinaryIO, Sequence
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import InputError, QueryError, StoreError
from kg.store.base import ExportFormat, QueryResult, Store, Term, replace_ops
from kg.store.guard import check_rdfxml
from kg.store.protocol import ACCEPT_ANY, NTRIPLES, RESULTS_JSON, Service, parse_result
from kg.store.summary import Summary

# Every quad: those of the named graphs, and the default graph's own triples. A service whose default
# graph is the union of all graphs shows named-graph triples there too: they are left out by the filter.
_ALL_QUADS = """SELECT ?g ?s ?p ?o WHERE {
  { GRAPH ?g { ?s ?p ?o } FILTER (%s) } UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"""
_NAMED_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER (%s) }"
_COUNT = """SELECT (COUNT(*) AS ?n) WHERE {
  { GRAPH ?g { ?s ?p ?o } FILTER (%s) } UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"""
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (%s) }"

# Graphs a server makes for itself, by engine (the name `SparqlStore.engine` gives it): left out of
# `dump`, `named_graphs` and `__len__`, so that an export holds what kg and its users stored.
ENGINE_GRAPHS: dict[str, frozenset[str]] = {
    "virtuoso": frozenset({
        "http://www.openlinksw.com/schemas/virtrdf#",  # its RDF views and data formats (~2,500 quads)
        "http://www.w3.org/ns/ldp#",  # its Linked Data Platform terms
        "http://localuriqaserver/sparql",  # its SPARQL service description
    }),
}
# Quads asked for in one query when a server cuts answers (Virtuoso: ResultSetMaxRows, 10,000 by default).
GRAPH_BATCH = 5000
# Triples in one update that Virtuoso 7.2's SPARQL compiler still takes ("memory exhausted" at ~4,990).
VIRTUOSO_MAX_TRIPLES = 4000


def engine_of(server_header: str) -> str:
    """The engine a `Server` header names: "virtuoso", "oxigraph", or "" when unknown."""
    name = server_header.strip().lower()
    for engine in ("virtuoso", "oxigraph"):
        if name.startswith(engine):
            return engine
    return ""


class SparqlStore(Store):
    """A store behind SPARQL 1.1 query and update URLs (and optionally a Graph Store Protocol URL)."""

    def __init__(self, service: Service, location: str, read_only: bool) -> None:
        self.service = service
        self.location = location
        self.read_only = read_only
        self.engine = ""  # set by `ping` from the Server header: "virtuoso", "oxigraph" or "" (unknown)

    @classmethod
    def open(cls, location: str, *, read_only: bool = False, update_url: str | None = None,
             gsp_url: str | None = None, user: str | None = None, password: str | None = None,
             timeout: float = 60.0) -> SparqlStore:
        """Check the URLs and that the service answers a query (StoreError if not)."""
        from kg.config import url_problem
        from kg.errors import ConfigError

        for name, url in (("store", location), ("update_url", update_url), ("gsp_url", gsp_url)):
            problem = url_problem(url) if url else None
            if problem:
                raise ConfigError(f"{name}: {problem}")
        store = cls(Service.of(location, update_url, gsp_url, user, password, timeout), location, read_only)
        store.ping()
        return store

    def ping(self) -> None:
        """StoreError unless the query URL answers a trivial ASK."""
        reply = self.service.query_reply("ASK {}", accept=RESULTS_JSON)
        res = parse_result(reply, self.service.query_url)
        if res.kind != "boolean":
            raise StoreError(f"{self.location}: does not answer like a SPARQL 1.1 query service "
                             "(ASK {} gave no boolean)")
        self.engine = engine_of(reply.server)

    def update(self, sparql: str) -> None:
        """Send `sparql` as ONE update request: the service applies all its operations or none (Virtuoso
        applies them one by one: see the module docstring)."""
        self._writable()
        self.service.update(sparql)

    def replace_graphs(self, replacements: Sequence[tuple[str, str]], additions: Sequence[tuple[str, str]] = (),
                       drops: Sequence[str] = (), summary: Summary | None = None) -> None:
        """`Store.replace_graphs` in one request; on Virtuoso, INSERT DATA written as INSERT … WHERE {}."""
        ops = [self._data_op(op) for op in replace_ops(replacements, additions, drops, summary=summary)]
        if ops:
            self.update(" ;\n".join(ops))

    def _data_op(self, op: str) -> str:
        """Virtuoso 7.2 refuses blank nodes in INSERT DATA ("not allowed in a constant clause") but takes them
        in an INSERT template; with the one solution of an empty WHERE each label is one new blank node, as
        in INSERT DATA."""
        if self.engine == "virtuoso" and op.startswith("INSERT DATA {"):
            return "INSERT {" + op[len("INSERT DATA {"):] + " WHERE {}"
        return op

    def query(self, sparql: str, *, union_default_graph: bool = True) -> QueryResult:
        """Run a query; the default graph is whatever the service makes it (see the module docstring)."""
        if self.engine == "virtuoso":  # it answers in the first type Accept names, whatever the query form
            return self.service.query(sparql, accept=_accept_for(sparql))
        return self.service.query(sparql)

    def dump(self, out: BinaryIO, fmt: ExportFormat) -> None:
        """Every quad but the engine's own graphs: one SELECT (the default graph through the GSP when there
        is one), or on Virtuoso graph by graph (`_virtuoso_quads`)."""
        from kg.store.embedded import EmbeddedStore

        mem = ox.Store()
        if self.engine == "virtuoso":  # no default graph of its own (its default graph is the union)
            mem.extend(self._virtuoso_quads())
        elif self.service.gsp_url:
            mem.extend(self._select_quads(_NAMED_QUADS % self._not_engine_graph()))
            reply = self.service.send(self._gsp_target(None), None, None, NTRIPLES, method="GET")
            self._check_rdf(reply.media_type, self.service.gsp_url)
            mem.extend(ox.parse(reply.body, format=ox.RdfFormat.from_media_type(reply.media_type)
                                or ox.RdfFormat.N_TRIPLES))
        else:
            mem.extend(self._select_quads(_ALL_QUADS % self._not_engine_graph()))
        EmbeddedStore(mem, self.location, read_only=True).dump(out, fmt)

    def load(self, path: Path, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Import a file in one request: a GSP POST when it fills one graph and a GSP URL is set, else
        one INSERT DATA operation. The file is parsed here first (nothing in it is fetched)."""
        self._writable()
        if fmt == ox.RdfFormat.RDF_XML:
            check_rdfxml(path)
        target: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        try:
            quads = [q if not isinstance(q.graph_name, ox.DefaultGraph) else
                     ox.Quad(q.subject, q.predicate, q.object, target)
                     for q in ox.parse(path=str(path), format=fmt)]
        except SyntaxError as e:
            raise InputError(f"not valid {fmt.name}: {' '.join(str(e).split())}", source=str(path)) from e
        except OSError as e:
            raise InputError(f"cannot load: {e.strerror or e}", source=str(path)) from e
        if not quads:
            return
        graphs = {q.graph_name for q in quads}
        if self.engine == "virtuoso" and ox.DefaultGraph() in graphs:
            raise InputError("Virtuoso keeps no triples outside a named graph: give --graph IRI "
                             "(or name the graph of every quad)", source=str(path))
        if self.service.gsp_url and len(graphs) == 1:
            (only,) = graphs
            body = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=ox.RdfFormat.N_TRIPLES) or b""
            self.service.send(self._gsp_target(only if isinstance(only, ox.NamedNode) else None), body,
                              NTRIPLES, "*/*")
            return
        if self.engine == "virtuoso" and len(quads) > VIRTUOSO_MAX_TRIPLES:
            raise InputError(f"{len(quads)} quads: Virtuoso's SPARQL compiler runs out of memory on one update of "
                             f"more than about 5,000 triples; give --gsp-url (its Graph Store Protocol URL) or use "
                             "its bulk loader (ld_dir)", source=str(path))
        self.update(self._data_op(insert_data(quads)))

    def named_graphs(self) -> list[str]:
        rows = self._select(_GRAPHS % self._not_engine_graph(), ("?g",), "?g")
        return sorted(row[0].value for row in rows if isinstance(row[0], ox.NamedNode))

    def __len__(self) -> int:
        try:
            return _number(self.service.query(_COUNT % self._not_engine_graph(), accept=RESULTS_JSON))
        except StoreError as e:
            raise StoreError(f"{self.location}: {e}") from e

    def _engine_graphs(self) -> frozenset[str]:
        return ENGINE_GRAPHS.get(self.engine, frozenset())

    def _not_engine_graph(self) -> str:
        """A FILTER expression true for the graphs ?g that are not the engine's own."""
        own = sorted(self._engine_graphs())
        return f"?g NOT IN ({', '.join(f'<{g}>' for g in own)})" if own else "true"

    def _select(self, sparql: str, variables: tuple[str, ...], key: str) -> list[tuple[Term | None, ...]]:
        """Every row of a SELECT of `variables`, also from a server that cuts answers (Virtuoso).

        There the rows are read in parts, each small enough to come whole: the rows are split by the
        hexadecimal MD5 of the `key` variable's value (blank nodes apart), one more digit at a time,
        until the rows of a part, counted first, all come. (Virtuoso cannot page sorted answers past
        10,000 rows, and unsorted pages need not come in the same order twice.) Blank node labels are
        read as one answer across the parts: Virtuoso's labels name the same node in every answer.
        """
        if self.engine != "virtuoso":
            return self.service.query(sparql, accept=RESULTS_JSON).rows
        bnodes: dict[str, ox.BlankNode] = {}
        counted = self.service.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ {sparql} }} }}", accept=RESULTS_JSON)
        return self._part(sparql, variables, key, "", _number(counted), bnodes)

    def _part(self, sparql: str, variables: tuple[str, ...], key: str, prefix: str, expected: int,
              bnodes: dict[str, ox.BlankNode]) -> list[tuple[Term | None, ...]]:
        digest = f'IF(isBlank({key}), "_", MD5(STR({key})))'
        # (Virtuoso finds no string starting with "": the whole answer has no filter.)
        within = f'{{ {sparql} }} FILTER (STRSTARTS({digest}, "{prefix}"))' if prefix else f"{{ {sparql} }}"
        rows = self.service.query(f"SELECT {' '.join(variables)} WHERE {{ {within} }}", accept=RESULTS_JSON,
                                  bnodes=bnodes).rows
        if len(rows) >= expected:
            return rows
        if prefix == "_" or len(prefix) >= 32:
            raise StoreError(f"{self.location}: the server answers at most {len(rows)} rows and more than that "
                             f"share one {key} value; raise its row limit (Virtuoso: ResultSetMaxRows)")
        counts = self.service.query(
            f"SELECT ?k (COUNT(*) AS ?n) WHERE {{ {within} BIND (SUBSTR({digest}, 1, {len(prefix) + 1}) AS ?k) }} "
            "GROUP BY ?k", accept=RESULTS_JSON)
        out: list[tuple[Term | None, ...]] = []
        for k, n in counts.rows:
            if isinstance(k, ox.Literal) and isinstance(n, ox.Literal):
                out.extend(self._part(sparql, variables, key, k.value, int(n.value), bnodes))
        return out

    def _virtuoso_quads(self) -> list[ox.Quad]:
        """Every quad of a server that cuts answers, graph by graph: the graphs and their sizes first, then
        the quads of several small graphs per query (up to GRAPH_BATCH quads; halved while the server
        cuts the answer), a graph too large for one answer in parts by subject. Each query reads
        through the graph index: no query scans the whole store (parts by the MD5 of every subject
        did, once per part: 422 s for 200,000 quads)."""
        bnodes: dict[str, ox.BlankNode] = {}
        sizes = self._select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                             f"FILTER ({self._not_engine_graph()}) }} GROUP BY ?g", ("?g", "?n"), "?g")
        graphs = sorted((g.value, int(n.value)) for g, n in sizes
                        if isinstance(g, ox.NamedNode) and isinstance(n, ox.Literal))
        rows: list[tuple[Term | None, ...]] = []
        batch: list[tuple[str, int]] = []
        for graph, n in graphs:
            if batch and sum(k for _, k in batch) + n > GRAPH_BATCH:
                rows.extend(self._graphs(batch, bnodes))
                batch = []
            batch.append((graph, n))
        if batch:
            rows.extend(self._graphs(batch, bnodes))
        return [ox.Quad(s, p, o, g) for g, s, p, o in rows  # type: ignore[arg-type]
                if isinstance(g, ox.NamedNode) and s is not None and p is not None and o is not None]

    def _graphs(self, batch: list[tuple[str, int]], bnodes: dict[str, ox.BlankNode]) -> list[tuple[Term | None, ...]]:
        """The quads of the graphs in `batch` ((IRI, size) pairs), all of them."""
        values = " ".join(f"<{g}>" for g, _ in batch)
        sparql = f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        expected = sum(n for _, n in batch)
        if len(batch) == 1:
            rows = self.service.query(sparql, accept=RESULTS_JSON, bnodes=bnodes).rows
            if len(rows) >= expected:
                return rows
            return self._part(sparql, ("?g", "?s", "?p", "?o"), "?s", "", expected, bnodes)
        rows = self.service.query(sparql, accept=RESULTS_JSON, bnodes=bnodes).rows
        if len(rows) >= expected:
            return rows
        half = len(batch) // 2
        return self._graphs(batch[:half], bnodes) + self._graphs(batch[half:], bnodes)

    def _select_quads(self, sparql: str) -> list[ox.Quad]:
        out = []
        for g, s, p, o in self._select(sparql, ("?g", "?s", "?p", "?o"), "?s"):
            if s is None or p is None or o is None:
                continue
            graph = g if isinstance(g, ox.NamedNode) else ox.DefaultGraph()
            out.append(ox.Quad(s, p, o, graph))  # type: ignore[arg-type]
        return out

    def _gsp_target(self, graph: ox.NamedNode | None) -> str:
        assert self.service.gsp_url is not None
        sep = "&" if "?" in self.service.gsp_url else "?"
        return self.service.gsp_url + sep + (urlencode({"graph": graph.value}) if graph else "default")

    def _check_rdf(self, media_type: str, url: str) -> None:
        if media_type != "text/plain" and ox.RdfFormat.from_media_type(media_type) is None:
            raise StoreError(f"{url}: unexpected answer type {media_type!r} (expected N-Triples)")

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")


def _accept_for(sparql: str) -> str:
    """Accept for a query by its form: N-Triples for CONSTRUCT and DESCRIBE, else SPARQL JSON results."""
    from kg.query.guard import inspect_query

    try:
        form = inspect_query(sparql, max_chars=len(sparql) + 1, max_depth=1 << 20).form
    except QueryError:  # e.g. SERVICE, which the endpoint's guard refuses: the server decides
        return ACCEPT_ANY
    return NTRIPLES if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON


def _number(res: QueryResult) -> int:
    """The one number a COUNT query answers."""
    try:
        term = res.rows[0][0]
        return int(term.value) if isinstance(term, ox.Literal) else 0
    except (IndexError, ValueError) as e:
        raise StoreError("a COUNT query gave no number") from e


def insert_data(quads: list[ox.Quad]) -> str:
    """One INSERT DATA operation for `quads` (one operation, so that blank node labels keep their identity)."""
    parts = ["INSERT DATA {"]
    for graph, group in itertools.groupby(sorted(quads, key=lambda q: str(q.graph_name)), key=lambda q: q.graph_name):
        triples = "\n".join(f"{ox.Triple(q.subject, q.predicate, q.object)} ." for q in group)
        parts.append(triples if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{triples}\n}}")
    parts.append("}")
    return "\n".join(parts)
