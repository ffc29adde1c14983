"""Check one article's graph against the SHACL shapes, with the ontology's class hierarchy."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from pyshacl.errors import (
    ConstraintLoadError,
    ReportableRuntimeError,
    RuleLoadError,
    ShapeLoadError,
)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ConfigError
from kg.rdf.vocab import KGSH, OWL, PREFIXES, RDF, RDFS, SKOS, XSD, bind_prefixes
from kg.resources import ontology_path, shapes_path
from kg.shacl_core import CoreShapes, Unsupported
from kg.xsd import well_formed

__all__ = ["ValidationResult", "Validator"]

# Prefixes used to write paths and shape names in the text report.
_NAME_PREFIXES: dict[str, str] = {**PREFIXES, "kgsh": str(KGSH)}
_XSD = str(XSD)


@dataclass(frozen=True)
class ValidationResult:
    """Outcome of validating one graph.

    `text` has one line per violation: focus node, path, message (and offending value).
    `report` is the SHACL validation report graph.
    """

    conforms: bool
    text: str
    report: Graph


class Validator:
    """SHACL validation of per-article graphs; build once, call `validate` per article."""

    def __init__(self, shapes_file: Path | None = None, ontology_file: Path | None = None,
                 quick: bool = True) -> None:
        """Parse the shapes and the ontology (defaults: the shipped files) once.

        With `quick`, graphs that certainly conform are recognised by `kg.shacl_core` without running
        pySHACL (about ten times faster); every other graph, and every report, is pySHACL's.
        """
        # pySHACL reads the shapes graph thousands of times per article; the context-free
        # store answers those lookups ~15% faster than the default one.
        self._shapes = _parse(shapes_file or shapes_path(), "shapes", Graph(store="SimpleMemory"))
        ontology = _parse(ontology_file or ontology_path(), "ontology", Graph())
        self._hierarchy = _class_hierarchy(ontology)
        self._quick: CoreShapes | None = None
        # Why the quick check is off, if it is: turned off, or the shapes use more of SHACL than it
        # reads (the shipped shapes do not: tests/test_shacl_core.py checks that).
        self.quick_off: str | None = "turned off" if not quick else None
        if quick:
            try:
                self._quick = CoreShapes(self._shapes, self._hierarchy)
            except Unsupported as e:
                self.quick_off = f"the shapes use SHACL features the quick check does not read: {e}"

    def validate(self, data: Graph, *more: Graph) -> ValidationResult:
        """Validate the union of `data` and `more` (one article graph plus the entities it references).

        Never modifies them. The ontology's class hierarchy is mixed in so that, say, a kg:State
        satisfies sh:class kg:Organization; no RDFS/OWL inference is run (DESIGN §5).
        """
        if self._quick is not None and self._quick.conforms([data, *more]) is True:
            return ValidationResult(conforms=True, text="Conforms: no violations.", report=_conforms_report())
        try:
            conforms, report, text = pyshacl.validate(
                _checked_copy(data, *more),  # pySHACL mixes the hierarchy into this copy, not into `data`
                shacl_graph=self._shapes,
                ont_graph=self._hierarchy,
                inference="none",
                advanced=False,
                inplace=True,
                allow_warnings=False,
            )
        except (ShapeLoadError, ConstraintLoadError, RuleLoadError) as e:
            raise ConfigError(f"SHACL validation could not run: {e}") from e
        except (ReportableRuntimeError, ArithmeticError) as e:
            # The data stopped the check (say, a blank node where sh:lessThan compares numbers, or a NaN
            # where sh:minInclusive compares): that graph does not conform, with the reason as its one result.
            message = " ".join(str(e).split()) or type(e).__name__
            return ValidationResult(conforms=False, text=f"Does not conform: the check stopped: {message}",
                                    report=_stopped_report(message))
        if not isinstance(report, Graph):  # pySHACL reports a failure to run the shapes this way
            raise ConfigError(f"SHACL validation could not run: {text}")
        bind_prefixes(report)
        return ValidationResult(conforms=bool(conforms), text=_describe(report, bool(conforms)), report=report)


class _IllFormed(Literal):
    """A literal whose text is not in the lexical space of its XSD datatype (kg.xsd), marked so for pySHACL:
    its sh:datatype check fails it, and it has no value to compare (rdflib reads "0_3"^^xsd:integer as 3)."""

    @property
    def ill_typed(self) -> bool:
        return True

    @property
    def value(self) -> None:
        return None


def _checked_copy(*graphs: Graph) -> Graph:
    """The union of `graphs` as a new graph, each ill-formed XSD literal marked as such."""
    union = Graph()
    add = union.add
    for g in graphs:
        for s, p, o in g:
            if isinstance(o, Literal) and well_formed(o) is False:
                o = _IllFormed(str(o), datatype=o.datatype)
            add((s, p, o))
    return union


def _conforms_report() -> Graph:
    """The report pySHACL writes for a graph that conforms."""
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(True)))
    return report


def _stopped_report(message: str) -> Graph:
    """A report for a graph whose check pySHACL could not finish."""
    report = _conforms_report()
    node = next(report.subjects(RDF.type, SH.ValidationReport))
    report.set((node, SH.conforms, Literal(False)))
    report.add((node, RDFS.comment, Literal(message, lang="en")))
    bind_prefixes(report)
    return report


def _parse(path: Path, what: str, graph: Graph) -> Graph:
    """Parse a Turtle file into `graph`, turning read and syntax failures into a ConfigError."""
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ConfigError(f"cannot read the {what} file {path}: {e}") from e
    return graph


def _class_hierarchy(ontology: Graph) -> Graph:
    """The part of the ontology SHACL needs: class and concept typing and named subclass links.

    Labels, comments and property axioms are left out so that each validation copies a few dozen triples
    into the data graph instead of the whole ontology.
    """
    hierarchy = Graph()
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            hierarchy.add((sub, RDFS.subClassOf, sup))
            hierarchy.add((sub, RDF.type, OWL.Class))
            hierarchy.add((sup, RDF.type, OWL.Class))
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        for triple in ontology.triples((concept, None, None)):
            if triple[1] in (RDF.type, SKOS.inScheme, SKOS.notation):
                hierarchy.add(triple)
    return hierarchy


def _describe(report: Graph, conforms: bool) -> str:
    """A report in words: a summary line, then one line per result."""
    lines = [_describe_result(report, r) for r in report.objects(None, SH.result)]
    lines.sort()
    if conforms and not lines:
        return "Conforms: no violations."
    head = "Conforms" if conforms else "Does not conform"
    plural = "" if len(lines) == 1 else "s"
    return "\n".join([f"{head}: {len(lines)} result{plural}."] + lines)


def _describe_result(report: Graph, result: Node) -> str:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    severity = report.value(result, SH.resultSeverity)
    shape = report.value(result, SH.sourceShape)
    level = severity.split("#")[-1] if isinstance(severity, URIRef) else "Violation"
    where = _name(path) if path is not None else "(node)"
    text = f"{level}: {_node(focus)} {where}: {_message(report, result)}"
    if value is not None and value != focus:
        text += f" [value: {_node(value)}]"
    if isinstance(shape, URIRef):
        text += f" [shape: {_name(shape)}]"
    return text


def _message(report: Graph, result: Node) -> str:
    messages = list(report.objects(result, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language in (None, "en")]
    chosen = english or messages
    return str(chosen[0]) if chosen else "constraint not met"


def _node(node: Node | None) -> str:
    """A data node written out in full, as in N-Triples."""
    if node is None:
        return "-"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal) and node.datatype is not None and node.datatype.startswith(_XSD):
        return f"{Literal(str(node)).n3()}^^xsd:{node.datatype[len(_XSD):]}"
    return node.n3() if isinstance(node, (URIRef, Literal)) else str(node)


def _name(node: Node) -> str:
    """A vocabulary term (path, shape) as a prefixed name where one of ours fits."""
    if isinstance(node, BNode):
        return "[complex path]"
    iri = str(node)
    for prefix, ns in _NAME_PREFIXES.items():
        local = iri[len(ns):]
        if iri.startswith(ns) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return _node(node)

