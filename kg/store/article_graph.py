"""An article graph as the read summary takes it, for kg.store.summary_delta: parsed from the
N-Triples a write gives (`Graph`), or read from the store as far as asked (`StoredGraph`); and
terms read as the summary's SPARQL updates read them (`text`, `as_int`, `as_date` …)."""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg.rdf.vocab import ORG, RDF, TIME, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Term]


class Unsupported(Exception):
    """What the summary's Python delta does not follow the SPARQL updates on (kg.store.summary_delta)."""


def node(iri: object) -> ox.NamedNode:
    """The NamedNode of a vocabulary term."""
    return ox.NamedNode(str(iri))


TYPE, DURING = node(RDF.type), node(ORG.memberDuring)
VALUE_PROPS = (node(TIME.inXSDDate), node(TIME.inXSDgYearMonth), node(TIME.inXSDgYear))
_INTEGER, _DATE = node(XSD.integer), node(XSD.date)


class View:
    """What the summary reads of an article graph."""

    triples: set[Triple]

    def objects(self, s: object, p: ox.NamedNode) -> list[Term]:
        raise NotImplementedError

    def with_predicate(self, p: ox.NamedNode) -> list[Triple]:
        raise NotImplementedError

    def typed(self, c: ox.NamedNode) -> set[object]:
        """What the graph types `c`."""
        raise NotImplementedError

    def instant_values(self, m: object, edge: ox.NamedNode) -> list[str]:
        """STR of the values of m org:memberDuring/edge/(time:inXSDDate|…), as the updates read them."""
        return [text(v) for d in self.objects(m, DURING) for node in self.objects(d, edge)
                for prop in VALUE_PROPS for v in self.objects(node, prop)]


class Graph(View):
    """An article graph's triples (as written by the request), indexed by subject and predicate."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.triples = set(triples)
        self._sp: dict[tuple[object, object], list[Term]] = defaultdict(list)
        self._p: dict[object, list[Triple]] = defaultdict(list)
        for t in self.triples:
            s, p, o = t
            _no_blank(s, o)
            self._sp[(s, p)].append(o)
            self._p[p].append(t)

    def objects(self, s: object, p: ox.NamedNode) -> list[Term]:
        return self._sp.get((s, p), [])

    def with_predicate(self, p: ox.NamedNode) -> list[Triple]:
        return self._p.get(p, [])

    def typed(self, c: ox.NamedNode) -> set[object]:
        return {t[0] for t in self.with_predicate(TYPE) if t[2] == c}


class StoredGraph(View):
    """An article graph as stored, read as far as the summary asks: a lookup per predicate or
    subject asked for (about 40% of an article's quads), not a read of the whole graph."""

    def __init__(self, store: ox.Store, graph: str) -> None:
        self._store, self._graph = store, ox.NamedNode(graph)
        self._p: dict[object, list[Triple]] = {}
        self._subjects: dict[object, dict[object, list[Term]]] = {}

    def _read(self, s: object, p: object, o: object) -> list[Triple]:
        found = []
        for q in self._store.quads_for_pattern(s, p, o, self._graph):  # type: ignore[arg-type]
            _no_blank(q.subject, q.object)
            found.append((q.subject, q.predicate, q.object))
        return found

    @property  # type: ignore[override]
    def triples(self) -> set[Triple]:  # (read whole only when triples are added to the graph)
        return set(self._read(None, None, None))

    def objects(self, s: object, p: ox.NamedNode) -> list[Term]:
        known = self._subjects.get(s)
        if known is None:
            known = self._subjects[s] = defaultdict(list)
            for _, prop, o in self._read(s, None, None):
                known[prop].append(o)
        return known.get(p, [])

    def with_predicate(self, p: ox.NamedNode) -> list[Triple]:
        if p not in self._p:
            self._p[p] = self._read(None, p, None)
        return self._p[p]

    def typed(self, c: ox.NamedNode) -> set[object]:
        return {t[0] for t in self._read(None, TYPE, c)}


def _no_blank(s: object, o: object) -> None:
    if type(s) is ox.BlankNode or type(o) is ox.BlankNode:
        raise Unsupported("a blank node in an article graph")


def text(term: object) -> str:
    """SPARQL's STR() of an IRI or a literal."""
    value = getattr(term, "value", None)
    if not isinstance(value, str):
        raise Unsupported(f"no text for {term}")
    return value


def as_int(term: object) -> int | None:
    """The value of an xsd:integer literal (what the updates' arithmetic reads), None for anything else."""
    if isinstance(term, ox.Literal) and term.datatype == _INTEGER:
        try:
            return int(term.value)
        except ValueError:
            return None
    return None


def as_date(term: object) -> datetime.date | None:
    """The value of a valid xsd:date literal, None for anything else."""
    if isinstance(term, ox.Literal) and term.datatype == _DATE:
        try:
            return datetime.date.fromisoformat(term.value)
        except ValueError:
            return None
    return None


def text_or_none(term: object) -> str | None:
    """`text`, or None for no term."""
    return None if term is None else text(term)


def date_typed(term: object) -> bool:
    """Whether `term` is a literal typed xsd:date (valid or not, as SPARQL's DATATYPE() sees it)."""
    return isinstance(term, ox.Literal) and term.datatype == _DATE
