"""The W3C SPARQL 1.1 query test suites (tests/data/w3c/sparql11): syntax and evaluation tests from the manifests,
and their expected results as comparable rows."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF

SUITE = Path(__file__).parent / "data" / "w3c" / "sparql11"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
EVALUATION_DIRS = ("aggregates", "bind", "bindings", "construct", "csv-tsv-res", "exists", "functions", "grouping",
                   "json-res", "negation", "project-expression", "property-path", "subquery")
RDF_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}
Row = tuple[str, ...]


@dataclass(frozen=True)
class Syntax:
    name: str
    query: Path
    positive: bool


@dataclass(frozen=True)
class Evaluation:
    name: str
    query: Path
    result: Path | None
    data: tuple[Path, ...] = field(default=())
    graph_data: tuple[Path, ...] = field(default=())


def _path(node: rdflib.term.Node) -> Path:
    return Path(str(node).removeprefix("file://"))


def _entries(folder: str) -> tuple[rdflib.Graph, list[rdflib.term.Node]]:
    manifest = SUITE / folder / "manifest.ttl"
    g = rdflib.Graph().parse(manifest, format="turtle", publicID=manifest.resolve().as_uri())
    entries: list[rdflib.term.Node] = []
    for m in g.subjects(RDF.type, MF.Manifest):
        for lst in g.objects(m, MF.entries):
            entries += list(Collection(g, lst))
    return g, entries


def syntax_tests() -> list[Syntax]:
    g, entries = _entries("syntax-query")
    out = []
    for e in entries:
        kind = g.value(e, RDF.type)
        if kind in (MF.PositiveSyntaxTest11, MF.NegativeSyntaxTest11):
            out.append(Syntax(str(e).rsplit("#", 1)[-1], _path(g.value(e, MF.action)),  # type: ignore[arg-type]
                              kind == MF.PositiveSyntaxTest11))
    return out


def evaluation_tests() -> list[Evaluation]:
    out = []
    for folder in EVALUATION_DIRS:
        g, entries = _entries(folder)
        for e in entries:
            if g.value(e, RDF.type) != MF.QueryEvaluationTest:
                continue
            action = g.value(e, MF.action)
            result = g.value(e, MF.result)
            out.append(Evaluation(
                f"{folder}/{str(e).rsplit('#', 1)[-1]}", _path(g.value(action, QT.query)),  # type: ignore[arg-type]
                _path(result) if result is not None else None,
                tuple(sorted(_path(d) for d in g.objects(action, QT.data))),
                tuple(sorted(_path(d) for d in g.objects(action, QT.graphData)))))
    return out


def graph_name(path: Path) -> str:
    """The IRI a data file is stored under (its file: URI, as the suite's own runners name it)."""
    return path.resolve().as_uri()


def load_into(store: ox.Store, paths: set[Path]) -> None:
    for path in sorted(paths):
        store.load(path=str(path), format=RDF_SUFFIXES[path.suffix], base_iri=graph_name(path),
                   to_graph=ox.NamedNode(graph_name(path)))


_NUMERIC = re.compile(r'"([^"]*)"\^\^<http://www\.w3\.org/2001/XMLSchema#(decimal|double|float)>')


def _canonical(text: str) -> str:
    """Numbers by value: "1.0"^^xsd:decimal and "1"^^xsd:decimal are the same decimal."""
    m = _NUMERIC.fullmatch(text)
    if m is None:
        return text
    try:
        value = Decimal(m.group(1)).normalize() if m.group(2) == "decimal" else repr(float(m.group(1)))
    except (InvalidOperation, ValueError):
        return text
    return f"{value}^^{m.group(2)}"


def term_text(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A comparable form of a term: blank nodes all read alike (their labels are the engine's choice)."""
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:b"
    return _canonical(str(t))


def _rdflib_term_text(t: rdflib.term.Node | None) -> str:
    if t is None:
        return ""
    if isinstance(t, rdflib.BNode):
        return "_:b"
    if isinstance(t, rdflib.URIRef):
        return str(ox.NamedNode(str(t)))
    assert isinstance(t, rdflib.Literal)
    if t.language:
        return str(ox.Literal(str(t), language=t.language))
    return _canonical(str(ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)))


def expected_rows(path: Path) -> tuple[list[str], list[Row]] | bool | None:
    """The expected answer of a SELECT (variables, rows), an ASK (bool); None where not comparable here."""
    formats = {".srx": "xml", ".srj": "json", ".tsv": "tsv"}
    if path.suffix not in formats:
        return None
    result = rdflib.query.Result.parse(io.BytesIO(path.read_bytes()), format=formats[path.suffix])
    if result.type == "ASK":
        return bool(result.askAnswer)
    names = [str(v) for v in result.vars or []]
    return names, sorted(tuple(_rdflib_term_text(r.get(rdflib.Variable(n))) for n in names)  # type: ignore[union-attr]
                         for r in result.bindings)


def expected_graph(path: Path) -> rdflib.Graph | None:
    if path.suffix not in RDF_SUFFIXES:
        return None
    return rdflib.Graph().parse(path, format={".ttl": "turtle", ".nt": "nt", ".rdf": "xml"}[path.suffix],
                                publicID=path.resolve().as_uri())
