"""What every store offers: atomic graph replacement, SPARQL, import and export."""
from __future__ import annotations

import abc
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, Sequence

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.summary import Summary

_T = typing.TypeVar("_T")

if typing.TYPE_CHECKING:
    import rdflib

ExportFormat = Literal["nquads", "trig", "turtle", "jsonld", "ntriples"]

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}

# Format names accepted by `kg load --format`.
LOAD_FORMATS: dict[str, ox.RdfFormat] = {**EXPORT_FORMATS, "rdfxml": ox.RdfFormat.RDF_XML, "n3": ox.RdfFormat.N3}

# File suffix -> RDF format, for `kg load`.
LOAD_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".n3": ox.RdfFormat.N3,
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """A SPARQL result: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: Literal["bindings", "boolean", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


class Store(abc.ABC):
    """A quad store holding one named graph per article, an entities graph and the ontology."""

    location: str

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request atomically (all operations or none)."""

    @abc.abstractmethod
    def query(self, sparql: str, *, union_default_graph: bool = True) -> QueryResult:
        """Run a SPARQL query; by default the default graph is the union of all graphs."""

    @abc.abstractmethod
    def dump(self, out: BinaryIO, fmt: ExportFormat) -> None:
        """Write every graph. Triple formats (turtle, ntriples) get the union of all graphs."""

    @abc.abstractmethod
    def load(self, path: Path, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Import an RDF file atomically; triples go to `graph` (default: the default graph)."""

    @abc.abstractmethod
    def named_graphs(self) -> list[str]:
        """The IRIs of all named graphs."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    def kept(self, key: typing.Hashable, compute: Callable[[], _T]) -> _T:
        """`compute()`, read once per handle when this handle's data cannot change (an embedded store
        opened read-only sees the store as it was when opened); every time otherwise (a store being
        written, a remote store). For values about the whole store (the summary's counts, the
        inferred graphs) that a page would otherwise read several times, each with a query."""
        return compute()

    def close(self) -> None:
        """Release the store (and its lock)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def graph(self, graph_iri: str) -> "rdflib.Graph":
        """One named graph as an rdflib Graph (for validation and comparison)."""
        import rdflib

        res = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
                         union_default_graph=False)
        g = rdflib.Graph()
        add = g.add
        for t in res.triples:
            add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
        return g

    def replace_graphs(self, replacements: Sequence[tuple[str, str]], additions: Sequence[tuple[str, str]] = (),
                       drops: Sequence[str] = (), summary: Summary | None = None) -> None:
        """Atomically replace whole graphs, add triples to others and drop some.

        `replacements` and `additions` are (graph IRI, N-Triples text) pairs. With a `summary`, its
        counts follow the article graphs written or dropped, in the same update (kg.store.summary).
        """
        ops = replace_ops(replacements, additions, drops, summary=summary)
        if ops:
            self.update(" ;\n".join(ops))


def _rdflib_term(t: Term) -> "rdflib.term.Node":
    """An rdflib term with the same text: a literal keeps its lexical form (rdflib would rewrite "0_3"^^xsd:integer
    as "3" and hide from validation that it is not an XSD integer)."""
    import rdflib

    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return rdflib.Literal(t.value, lang=t.language, normalize=False)
        if t.datatype.value == _XSD_STRING:  # as rdflib reads "x" from N-Triples: no datatype
            return rdflib.Literal(t.value, normalize=False)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value), normalize=False)
    raise StoreError(f"a stored graph holds a quoted triple, which validation cannot read: {t}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def replace_ops(replacements: Sequence[tuple[str, str]], additions: Sequence[tuple[str, str]] = (),
                drops: Sequence[str] = (), absent: Callable[[str], bool] = lambda graph: False,
                summary: Summary | None = None) -> list[str]:
    """The SPARQL Update operations of `Store.replace_graphs`, in order, for one request.

    A graph that `absent` says the store does not have gets no DROP, unless an earlier operation of
    the request inserts into it: dropping a graph the store does not have changes nothing.
    With a `summary`, the counts of every article graph dropped or written are kept in the same
    request: its old contributions are taken off before it changes, its new ones added after.
    """
    ops: list[str] = []
    inserted: set[str] = set()
    touched = False

    def present(graph: str) -> bool:
        return graph in inserted or not absent(graph)

    def drop(graph: str) -> None:
        nonlocal touched
        if present(graph):
            if summary is not None and summary.covers(graph):
                ops.extend(summary.retract(graph))
                touched = True
            ops.append(f"DROP SILENT GRAPH <{graph}>")

    def insert(graph: str, nt: str, merge: bool = False) -> None:
        nonlocal touched
        if nt.strip():
            counted = summary is not None and summary.covers(graph)
            if counted and merge and present(graph):  # added to: recount it whole
                ops.extend(summary.retract(graph))  # type: ignore[union-attr]
            ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{nt}\n}} }}")
            inserted.add(graph)
            if counted:  # (all of the graph is `nt` unless added to)
                ops.extend(summary.add(graph, None if merge else nt))  # type: ignore[union-attr]
                touched = True

    for graph in drops:
        drop(graph)
    for graph, nt in replacements:
        drop(graph)
        insert(graph, nt)
    for graph, nt in additions:
        insert(graph, nt, merge=True)
    if touched:
        ops.append(summary.bump())  # type: ignore[union-attr]
    return ops
