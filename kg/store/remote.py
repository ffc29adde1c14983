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
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.store.base import ExportFormat, QueryResult, Store
from kg.store.guard import check_rdfxml
from kg.store.protocol import NTRIPLES, RESULTS_JSON, Service

# Every quad: those of the named graphs, and the default graph's own triples. A service whose default
# graph is the union of all graphs shows named-graph triples there too: they are left out by the filter.
_ALL_QUADS = """SELECT ?g ?s ?p ?o WHERE {
  { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"""
_NAMED_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_COUNT = """SELECT (COUNT(*) AS ?n) WHERE {
  { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } } } }"""


class SparqlStore(Store):
    """A store behind SPARQL 1.1 query and update URLs (and optionally a Graph Store Protocol URL)."""

    def __init__(self, service: Service, location: str, read_only: bool) -> None:
        self.service = service
        self.location = location
        self.read_only = read_only

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
        res = self.service.query("ASK {}", accept=RESULTS_JSON)
        if res.kind != "boolean":
            raise StoreError(f"{self.location}: does not answer like a SPARQL 1.1 query service "
                             "(ASK {} gave no boolean)")

    def update(self, sparql: str) -> None:
        """Send `sparql` as ONE update request: the service applies all its operations or none."""
        self._writable()
        self.service.update(sparql)

    def query(self, sparql: str, *, union_default_graph: bool = True) -> QueryResult:
        """Run a query; the default graph is whatever the service makes it (see the module docstring)."""
        return self.service.query(sparql)

    def dump(self, out: BinaryIO, fmt: ExportFormat) -> None:
        """Every quad, fetched with one SELECT (the default graph through the GSP when there is one)."""
        from kg.store.embedded import EmbeddedStore

        mem = ox.Store()
        if self.service.gsp_url:
            mem.extend(self._select_quads(_NAMED_QUADS))
            reply = self.service.send(self._gsp_target(None), None, None, NTRIPLES, method="GET")
            self._check_rdf(reply.media_type, self.service.gsp_url)
            mem.extend(ox.parse(reply.body, format=ox.RdfFormat.from_media_type(reply.media_type)
                                or ox.RdfFormat.N_TRIPLES))
        else:
            mem.extend(self._select_quads(_ALL_QUADS))
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
        if self.service.gsp_url and len(graphs) == 1:
            (only,) = graphs
            body = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                                format=ox.RdfFormat.N_TRIPLES) or b""
            self.service.send(self._gsp_target(only if isinstance(only, ox.NamedNode) else None), body,
                              NTRIPLES, "*/*")
            return
        self.update(insert_data(quads))

    def named_graphs(self) -> list[str]:
        res = self.service.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", accept=RESULTS_JSON)
        return sorted(row[0].value for row in res.rows if isinstance(row[0], ox.NamedNode))

    def __len__(self) -> int:
        res = self.service.query(_COUNT, accept=RESULTS_JSON)
        try:
            term = res.rows[0][0]
            return int(term.value) if isinstance(term, ox.Literal) else 0
        except (IndexError, ValueError) as e:
            raise StoreError(f"{self.location}: COUNT query gave no number") from e

    def _select_quads(self, sparql: str) -> list[ox.Quad]:
        res = self.service.query(sparql, accept=RESULTS_JSON)
        out = []
        for g, s, p, o in res.rows:
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


def insert_data(quads: list[ox.Quad]) -> str:
    """One INSERT DATA operation for `quads` (one operation, so that blank node labels keep their identity)."""
    parts = ["INSERT DATA {"]
    for graph, group in itertools.groupby(sorted(quads, key=lambda q: str(q.graph_name)), key=lambda q: q.graph_name):
        triples = "\n".join(f"{ox.Triple(q.subject, q.predicate, q.object)} ." for q in group)
        parts.append(triples if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{triples}\n}}")
    parts.append("}")
    return "\n".join(parts)
