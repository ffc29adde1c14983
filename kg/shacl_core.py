"""A quick, conservative check of graphs against SHACL shapes that use a small part of SHACL Core.

pySHACL takes ~15 ms for one article graph; most of it goes to general machinery (cloning the data
graph, one result object per failed sub-check inside sh:or). The shipped shapes use only simple
constraints on single-predicate paths, which a few dictionary lookups decide. This module reads
such a shapes graph once and answers one question per graph: *does it certainly conform?*

- It says "yes" only when every constraint is met with certainty; anything odd (a comparison it
  cannot make, an ill-typed literal, a value outside `sh:in`) is "not sure".
- "Not sure" is not a verdict: `kg.validate.Validator` then runs pySHACL, which decides and writes
  the report. So a graph is rejected only by pySHACL, and a graph this module accepts is one pySHACL
  accepts too (tests/test_shacl_core.py compares the two on thousands of altered article graphs).
- A shapes graph that uses anything outside the subset below raises `Unsupported` at load time, and
  the validator then uses pySHACL for everything.

The subset: targets `sh:targetClass`, `sh:targetSubjectsOf`, `sh:targetObjectsOf`, `sh:targetNode` and
implicit class targets (a shape that is also an `rdfs:Class` or `owl:Class`);
paths that are one IRI; `sh:minCount`, `sh:maxCount`, `sh:datatype`, `sh:nodeKind`, `sh:class`,
`sh:in`, `sh:minInclusive`, `sh:maxInclusive`, `sh:minExclusive`, `sh:maxExclusive`, `sh:lessThan`,
`sh:or`, `sh:and`, `sh:not`, `sh:property`; severity sh:Violation. Class membership follows
`rdf:type/rdfs:subClassOf*` through the data and the ontology's hierarchy, as pySHACL does when the
hierarchy is its ontology graph and no inference runs.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.xsd import well_formed

__all__ = ["CoreShapes", "Unsupported"]

_TYPE = RDF.type  # rdflib namespaces look attributes up on every access: read them once
_SUBCLASS = RDFS.subClassOf

# Three-valued answers: True (certainly met), False (certainly not met), None (not sure).
Verdict = bool | None


class Unsupported(ValueError):
    """The shapes graph uses SHACL features this module does not evaluate."""


# Predicates of a shape node that carry no constraint.
_DESCRIPTIVE = {SH.message, SH.name, SH.description, SH.order, SH.group, RDF.type, RDFS.label, RDFS.comment}
_TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode}
_CONSTRAINTS = {
    SH.path, SH.property, SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH["in"],
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.lessThan,
    SH["or"], SH["and"], SH["not"], SH.severity,
}
_NODE_KINDS = {
    SH.IRI: (URIRef,), SH.Literal: (Literal,), SH.BlankNode: (BNode,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal),
}
# The Python value rdflib gives a well-formed literal of each datatype (what pySHACL checks too).
_PYTHON_TYPES: dict[URIRef, tuple[type, ...]] = {
    XSD.string: (str,), RDF.langString: (str,), XSD.integer: (int,), XSD.decimal: (Decimal,),
    XSD.date: (dt.date,), XSD.dateTime: (dt.datetime,), XSD.boolean: (bool,),
}


class Index:
    """The triples of some graphs, looked up by subject and predicate, with class membership."""

    def __init__(self, graphs: Iterable[Graph], hierarchy: Index | None = None) -> None:
        self.values: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.subjects: dict[Node, set[Node]] = defaultdict(set)
        self.objects: dict[Node, set[Node]] = defaultdict(set)
        self.parents: dict[Node, set[Node]] = defaultdict(set)
        for g in graphs:
            for s, p, o in g:
                self.values[s, p].add(o)
                self.subjects[p].add(s)
                self.objects[p].add(o)
                if p == _SUBCLASS:
                    self.parents[s].add(o)
        if hierarchy is not None:
            for key, vals in hierarchy.values.items():
                self.values[key] |= vals
            for p, ss in hierarchy.subjects.items():
                self.subjects[p] |= ss
            for p, oo in hierarchy.objects.items():
                self.objects[p] |= oo
            for c, ps in hierarchy.parents.items():
                self.parents[c] |= ps
        self._supers: dict[Node, set[Node]] = {}
        self._classes: dict[Node, set[Node]] = {}

    def get(self, s: Node, p: Node) -> set[Node]:
        return self.values.get((s, p), set())

    def supers(self, cls: Node) -> set[Node]:
        """`cls` and every class it is a subclass of, through rdfs:subClassOf chains."""
        found = self._supers.get(cls)
        if found is None:
            found, todo = {cls}, [cls]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            self._supers[cls] = found
        return found

    def typed(self, node: Node, cls: Node) -> bool:
        """Whether `node` has a type that is `cls` or one of its subclasses."""
        classes = self._classes.get(node)
        if classes is None:
            classes = set()
            for t in self.values.get((node, _TYPE), ()):
                classes |= self.supers(t)
            self._classes[node] = classes
        return cls in classes

    def is_instance(self, node: Node, cls: Node) -> bool:
        """sh:class: a literal is never an instance, even when typed (as in pySHACL)."""
        return not isinstance(node, Literal) and self.typed(node, cls)

    def instances(self, cls: Node) -> set[Node]:
        """sh:targetClass: every subject typed `cls` or a subclass, whatever kind of node it is."""
        return {s for s in self.subjects.get(_TYPE, ()) if self.typed(s, cls)}


Check = Callable[[Index, Node, set[Node]], Verdict]  # (index, focus node, value nodes) -> verdict


@dataclass
class Shape:
    """One shape: its targets (for shapes that have them), its path (property shapes) and its checks."""

    node: Node
    path: URIRef | None = None
    targets: list[Callable[[Index], set[Node]]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def conforms(self, index: Index, focus: Node) -> Verdict:
        values = {focus} if self.path is None else index.get(focus, self.path)
        return _all(check(index, focus, values) for check in self.checks)


def _all(verdicts: Iterable[Verdict]) -> Verdict:
    result: Verdict = True
    for v in verdicts:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def _any(verdicts: Iterable[Verdict]) -> Verdict:
    result: Verdict = False
    for v in verdicts:
        if v is True:
            return True
        if v is None:
            result = None
    return result


class CoreShapes:
    """Shapes read once from a shapes graph; `conforms(graphs)` answers True only when sure."""

    def __init__(self, shapes: Graph, hierarchy: Graph | None = None) -> None:
        self._g = shapes
        self._built: dict[Node, Shape] = {}
        self._building: set[Node] = set()
        explicit = {s for p in _TARGETS for s in shapes.subjects(p, None)}
        implicit = _implicit_class_targets(shapes)
        for s in shapes.subjects(SH.deactivated, None):
            raise Unsupported(f"sh:deactivated on {s}")
        for s in shapes.subjects(SH.target, None):
            raise Unsupported(f"{s} has sh:target (a SPARQL-based target)")
        for kind in (SH.ConstraintComponent, SH.SPARQLConstraint, SH.SPARQLTarget, SH.JSConstraint):
            for s in shapes.subjects(RDF.type, kind):
                raise Unsupported(f"{s} is a {kind}")
        self.roots = [self._shape(node) for node in sorted(explicit | implicit, key=str)]
        for node in implicit:  # a shape that is also a class targets the class's instances (SHACL §2.1.3.3)
            cls = node
            self._built[node].targets.append(lambda index, cls=cls: index.instances(cls))
        self._hierarchy = Index([hierarchy]) if hierarchy is not None else None

    def conforms(self, graphs: Iterable[Graph]) -> Verdict:
        """True when the union of `graphs` (with the hierarchy) certainly conforms; else False or None."""
        index = Index(graphs, self._hierarchy)
        return _all(shape.conforms(index, focus) for shape in self.roots
                    for target in shape.targets for focus in target(index))

    # -- reading the shapes graph ------------------------------------------------------------

    def _one(self, node: Node, p: URIRef) -> Node | None:
        values = list(self._g.objects(node, p))
        if len(values) > 1:
            raise Unsupported(f"{node} has {len(values)} values of {p}")
        return values[0] if values else None

    def _list(self, node: Node) -> list[Node]:
        if not isinstance(node, BNode | URIRef):
            raise Unsupported(f"{node} is not an RDF list")
        return list(Collection(self._g, node))

    def _shape(self, node: Node) -> Shape:
        if node in self._building:
            raise Unsupported(f"{node} refers to itself (recursive shapes)")
        if node in self._built:
            return self._built[node]
        self._building.add(node)
        shape = self._read(node)
        self._building.discard(node)
        self._built[node] = shape
        return shape

    def _read(self, node: Node) -> Shape:
        shape = Shape(node)
        used = set(self._g.predicates(node, None))
        unknown = used - _DESCRIPTIVE - _TARGETS - _CONSTRAINTS
        if any(str(p).startswith(str(SH)) for p in unknown):
            raise Unsupported(f"{node} uses {sorted(str(p) for p in unknown)}")
        severity = self._one(node, SH.severity)
        if severity not in (None, SH.Violation):
            raise Unsupported(f"{node} has severity {severity}")
        path = self._one(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise Unsupported(f"{node} has a complex path")
        shape.path = path
        shape.targets = [self._target(p, o) for p in _TARGETS for o in self._g.objects(node, p)]
        for p, o in self._g.predicate_objects(node):
            check = self._check(node, p, o)  # type: ignore[arg-type]
            if check is not None:
                shape.checks.append(check)
        return shape

    def _target(self, p: URIRef, o: Node) -> Callable[[Index], set[Node]]:
        if p == SH.targetClass:
            return lambda index: index.instances(o)
        if p == SH.targetSubjectsOf:
            return lambda index: set(index.subjects.get(o, ()))
        if p == SH.targetObjectsOf:
            return lambda index: set(index.objects.get(o, ()))
        return lambda index: {o}

    def _check(self, node: Node, p: URIRef, o: Node) -> Check | None:
        if p in (SH.minCount, SH.maxCount):
            n = _integer(o, node, p)
            if p == SH.minCount:
                return lambda index, focus, values: len(values) >= n
            return lambda index, focus, values: len(values) <= n
        if p == SH.datatype:
            return lambda index, focus, values: _all(_has_datatype(v, o) for v in values)
        if p == SH.nodeKind:
            kinds = _NODE_KINDS.get(o)  # type: ignore[call-overload]
            if kinds is None:
                raise Unsupported(f"{node} has sh:nodeKind {o}")
            return lambda index, focus, values: all(isinstance(v, kinds) for v in values)
        if p == SH["class"]:
            return lambda index, focus, values: all(index.is_instance(v, o) for v in values)
        if p == SH["in"]:
            allowed = self._list(o)
            # Membership is term equality; a value outside the list may still equal a member by value.
            return lambda index, focus, values: True if all(v in allowed for v in values) else None
        if p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            bound = _number(o)
            if bound is None:
                raise Unsupported(f"{node} has a non-numeric {p}")
            ok = _COMPARISONS[p]
            return lambda index, focus, values: _all(_compare(v, bound, ok) for v in values)
        if p == SH.lessThan:
            if not isinstance(o, URIRef):
                raise Unsupported(f"{node} has sh:lessThan {o}")
            return lambda index, focus, values: _all(
                _compare(v, w_n, lambda a, b: a < b) if (w_n := _number(w)) is not None else None
                for v in values for w in index.get(focus, o))
        if p in (SH["or"], SH["and"]):
            members = [self._shape(m) for m in self._list(o)]
            join = _any if p == SH["or"] else _all
            return lambda index, focus, values: _all(
                join(m.conforms(index, v) for m in members) for v in values)
        if p == SH["not"]:
            inner = self._shape(o)
            return lambda index, focus, values: _all(_negate(inner.conforms(index, v)) for v in values)
        if p == SH.property:
            prop = self._shape(o)
            if prop.path is None:
                raise Unsupported(f"{o} is a property shape without sh:path")
            return lambda index, focus, values: _all(prop.conforms(index, v) for v in values)
        return None


def _implicit_class_targets(shapes: Graph) -> set[Node]:
    """Shapes that are SHACL instances of rdfs:Class (or owl:Class): each targets the class's instances."""
    metaclasses, todo = {RDFS.Class, OWL.Class}, [RDFS.Class, OWL.Class]
    while todo:
        for sub in shapes.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in metaclasses:
                metaclasses.add(sub)
                todo.append(sub)
    classes = {s for m in metaclasses for s in shapes.subjects(RDF.type, m)}
    declared = {s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)}
    constrained = {s for s, p in shapes.subject_predicates() if str(p).startswith(str(SH)) and p not in _DESCRIPTIVE}
    return {c for c in classes if c in declared or c in constrained}


_COMPARISONS: dict[URIRef, Callable[[Decimal, Decimal], bool]] = {
    SH.minInclusive: lambda v, b: v >= b, SH.maxInclusive: lambda v, b: v <= b,
    SH.minExclusive: lambda v, b: v > b, SH.maxExclusive: lambda v, b: v < b,
}


def _negate(v: Verdict) -> Verdict:
    return None if v is None else not v


def _integer(o: Node, node: Node, p: URIRef) -> int:
    if not isinstance(o, Literal) or not isinstance(o.value, int) or isinstance(o.value, bool):
        raise Unsupported(f"{node} has a non-integer {p}")
    return o.value


def _number(o: Node) -> Decimal | None:
    """The value of an integer or decimal literal; None for anything else (floats included: NaN)."""
    if not isinstance(o, Literal) or getattr(o, "ill_typed", None) is True or well_formed(o) is False:
        return None
    if o.datatype == XSD.integer and isinstance(o.value, int) and not isinstance(o.value, bool):
        return Decimal(o.value)
    if o.datatype == XSD.decimal and isinstance(o.value, Decimal) and o.value.is_finite():
        return o.value
    return None


def _compare(v: Node, bound: Decimal, ok: Callable[[Decimal, Decimal], bool]) -> Verdict:
    n = _number(v)
    return None if n is None else ok(n, bound)


def _has_datatype(v: Node, datatype: Node) -> Verdict:
    """Whether `v` is a well-formed literal of `datatype`; None when this module cannot tell."""
    types = _PYTHON_TYPES.get(datatype)  # type: ignore[call-overload]
    if types is None:  # a datatype rdflib gives no value of: the XSD lexical space decides, where known
        if isinstance(v, Literal) and v.datatype == datatype and getattr(v, "ill_typed", None) is not True:
            return well_formed(v)
        return None
    if not isinstance(v, Literal):
        return False
    if v.datatype is None:  # a plain or language-tagged literal: rdflib gives its text as the value
        if datatype == RDF.langString:
            return bool(v.language) and isinstance(v.value, str)
        if datatype == XSD.string:
            return v.language is None and isinstance(v.value, str)
        return False
    if v.datatype != datatype:
        return False
    if getattr(v, "ill_typed", None) is True or well_formed(v) is False:  # not in the XSD lexical space
        return False
    if isinstance(v.value, bool) and bool not in types:
        return None
    if datatype == XSD.date and isinstance(v.value, dt.datetime):
        return None
    return isinstance(v.value, types) or None
