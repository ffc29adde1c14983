"""The two OWL engines `kg reason` uses: compiled OWL 2 RL rules (materialisation, direct clash
checks) and HermiT through owlready2 (complete consistency of a module)."""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection

from kg.errors import KgError
from kg.rdf.vocab import KG, OWL, PROV, RDF, RDFS
from kg.resources import ontology_path

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode]
TYPE = ox.NamedNode(str(RDF.type))
HERMIT_BATCH = 100  # graphs per HermiT module: HermiT time grows faster than linearly with module size
# Left out of HermiT modules (the rule closure still checks them): mention nodes and provenance links,
# the bulk of every article graph, which made HermiT 5-40x slower.
_NOT_FOR_HERMIT = {str(KG.mentionedIn), str(PROV.wasDerivedFrom)}
Module = Callable[[list[str]], tuple[list[Triple], list[str]]]  # unit names -> (triples, entities)


class ReasoningError(KgError):
    """The reasoner could not run (no Java, a malformed ontology)."""


def load_ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _list(onto: Graph, node: object) -> list:
    return list(Collection(onto, node)) if node is not None else []


class Rules:
    """The ontology's RL-expressible axioms as SPARQL updates, and its disjoint and functional axioms."""

    def __init__(self, onto: Graph) -> None:
        self.onto = onto
        self.updates: list[str] = []
        self._n = itertools.count()
        for sub, sup in onto.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                self._add(f"?x a <{sup}>", f"?x a <{sub}>")
        for cls, expr in onto.subject_objects(OWL.equivalentClass):
            if isinstance(cls, URIRef) and isinstance(expr, BNode):
                pattern = self.pattern(expr, "?x")
                if pattern is not None:
                    self._add(f"?x a <{cls}>", pattern)
                for member in _list(onto, onto.value(expr, OWL.intersectionOf)):
                    if isinstance(member, URIRef):
                        self._add(f"?x a <{member}>", f"?x a <{cls}>")
        for sub, sup in onto.subject_objects(RDFS.subPropertyOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                self._add(f"?x <{sup}> ?y", f"?x <{sub}> ?y")
        for p, q in onto.subject_objects(OWL.inverseOf):
            self._add(f"?y <{q}> ?x", f"?x <{p}> ?y")
            self._add(f"?y <{p}> ?x", f"?x <{q}> ?y")
        for p in onto.subjects(RDF.type, OWL.SymmetricProperty):
            self._add(f"?y <{p}> ?x", f"?x <{p}> ?y")
        for p, chain in onto.subject_objects(OWL.propertyChainAxiom):
            steps = _list(onto, chain)
            body = " . ".join(f"?v{i} <{s}> ?v{i + 1}" for i, s in enumerate(steps))
            self._add(f"?v0 <{p}> ?v{len(steps)}", body)
        objprops = set(onto.subjects(RDF.type, OWL.ObjectProperty))
        for p, d in onto.subject_objects(RDFS.domain):
            if isinstance(d, URIRef):
                self._add(f"?x a <{d}>", f"?x <{p}> ?y")
        for p, r in onto.subject_objects(RDFS.range):
            if isinstance(r, URIRef) and p in objprops:
                self._add(f"?y a <{r}>", f"?x <{p}> ?y FILTER(!isLiteral(?y))")
        self.disjoint: dict[frozenset[str], str] = {}
        for a, b in onto.subject_objects(OWL.disjointWith):
            self.disjoint[frozenset((str(a), str(b)))] = f"{compact(a)} owl:disjointWith {compact(b)}"
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
            members = [m for m in _list(onto, onto.value(axiom, OWL.members)) if isinstance(m, URIRef)]
            text = "owl:AllDisjointClasses (" + " ".join(compact(m) for m in members) + ")"
            for a, b in itertools.combinations(members, 2):
                self.disjoint.setdefault(frozenset((str(a), str(b))), text)
        self.functional = sorted(str(p) for p in onto.subjects(RDF.type, OWL.FunctionalProperty) if p in objprops)

    def _add(self, head: str, body: str) -> None:
        self.updates.append(f"INSERT {{ {head} }} WHERE {{ {body} }}")

    def pattern(self, expr: object, var: str) -> str | None:
        """A SPARQL pattern true of `var` when it belongs to the class expression (None: unsupported)."""
        o = self.onto
        if isinstance(expr, URIRef):
            return "" if expr == OWL.Thing else f"{var} a <{expr}> ."
        if (members := o.value(expr, OWL.intersectionOf)) is not None:
            parts = [self.pattern(m, var) for m in _list(o, members)]
            return None if None in parts else " ".join(p for p in parts if p)
        if (members := o.value(expr, OWL.unionOf)) is not None:
            parts = [self.pattern(m, var) for m in _list(o, members)]
            return None if None in parts else " UNION ".join("{ " + p + " }" for p in parts if p is not None)
        prop = o.value(expr, OWL.onProperty)
        if prop is None:
            return None
        if (filler := o.value(expr, OWL.someValuesFrom)) is not None:
            y = f"?v{next(self._n)}"
            inner = self.pattern(filler, y)
            return None if inner is None else f"{var} <{prop}> {y} . {inner}"
        if (value := o.value(expr, OWL.hasValue)) is not None:
            return f"{var} <{prop}> {value.n3()} ."
        n = o.value(expr, OWL.minQualifiedCardinality) or o.value(expr, OWL.minCardinality)
        if n is not None:
            filler = o.value(expr, OWL.onClass) or OWL.Thing
            ys = [f"?v{next(self._n)}" for _ in range(int(n))]
            parts = [f"{var} <{prop}> {y} . " + (self.pattern(filler, y) or "") for y in ys]
            distinct = " ".join(f"FILTER({a} != {b})" for a, b in itertools.combinations(ys, 2))
            return " ".join(parts) + " " + distinct
        return None

    def closure(self, triples: Iterable[Triple]) -> ox.Store:
        """An in-memory store holding `triples` and everything the rules derive from them."""
        mem = ox.Store()
        mem.extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in triples)
        script = " ;\n".join(self.updates)
        size = -1
        while size != len(mem):
            size = len(mem)
            mem.update(script)
        return mem

    def clashes(self, mem: ox.Store) -> list[tuple[str, str, str, str]]:
        """(entity, first, second, axiom) for each disjointness or functional-property clash."""
        out = []
        if self.disjoint:
            values = " ".join(f"(<{a}> <{b}>)" for a, b in (sorted(pair) for pair in self.disjoint))
            for sol in mem.query(f"SELECT DISTINCT ?x ?a ?b WHERE {{ VALUES (?a ?b) {{ {values} }} ?x a ?a, ?b }}"):
                a, b = sol["a"].value, sol["b"].value
                out.append((term_iri(sol["x"]), a, b, self.disjoint[frozenset((a, b))]))
        if self.functional:
            values = " ".join(f"<{p}>" for p in self.functional)
            for sol in mem.query(f"""SELECT DISTINCT ?x ?p ?a ?b WHERE {{ VALUES ?p {{ {values} }}
                    ?x ?p ?a, ?b FILTER(isIRI(?a) && isIRI(?b) && STR(?a) < STR(?b)) }}"""):
                out.append((term_iri(sol["x"]), sol["a"].value, sol["b"].value,
                            f"{compact(URIRef(sol['p'].value))} is functional (owl:FunctionalProperty)"))
        return sorted(set(out))


def term_iri(t: object) -> str:
    return t.value if isinstance(t, ox.NamedNode) else f"_:{getattr(t, 'value', t)}"


def compact(term: object) -> str:
    """A compact name for messages: kg:Person, org:member."""
    from kg.rdf.vocab import PREFIXES

    s = str(term)
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns):
            return f"{prefix}:{s[len(ns):]}"
    return f"<{s}>"


def nt_text(triples: Iterable[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def _all_different(entities: Sequence[str]) -> str:
    """owl:AllDifferent over the entities, in N-Triples (the unique-name assumption, stated)."""
    if len(entities) < 2:
        return ""
    lines = ["_:ud <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#AllDifferent> .",
             "_:ud <http://www.w3.org/2002/07/owl#distinctMembers> _:ud0 ."]
    for i, e in enumerate(entities):
        rest = f"_:ud{i + 1}" if i + 1 < len(entities) else "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>"
        lines.append(f"_:ud{i} <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <{e}> .")
        lines.append(f"_:ud{i} <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> {rest} .")
    return "\n".join(lines) + "\n"


class Hermit:
    """Consistency of a module (ontology + facts) according to HermiT, through owlready2."""

    def __init__(self, onto: Graph) -> None:
        self.onto_nt = onto.serialize(format="nt", encoding="utf-8").decode("utf-8")
        self.runs = 0
        self.unexplained: list[list[str]] = []

    def consistent(self, triples: Sequence[Triple], entities: Sequence[str]) -> bool:
        import owlready2

        self.runs += 1
        mentions = {s for s, p, o in triples if p == TYPE and o.value == str(KG.Mention)}
        triples = [t for t in triples if t[0] not in mentions and t[1].value not in _NOT_FOR_HERMIT]
        with tempfile.TemporaryDirectory(prefix="kg-reason-") as tmp:
            path = Path(tmp) / "module.nt"
            path.write_text(self.onto_nt + nt_text(triples) + _all_different(entities), encoding="utf-8")
            world = owlready2.World()
            try:
                world.get_ontology(path.as_uri()).load()
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                               ignore_unsupported_datatypes=True)
                return True
            except owlready2.OwlReadyInconsistentOntologyError:
                return False
            except (OSError, owlready2.OwlReadyJavaError) as e:
                raise ReasoningError(f"HermiT could not run (is Java installed?): {e}") from e
            finally:
                world.close()

    def culprits(self, module: Module, names: list[str], batch: int = HERMIT_BATCH) -> list[str]:
        """The units that are inconsistent on their own (with the entities they reference), by bisection."""
        out: list[str] = []
        for i in range(0, len(names), batch):
            out += self._bisect(module, names[i:i + batch])
        return out

    def _bisect(self, module: Module, names: list[str]) -> list[str]:
        if not names or self.consistent(*module(names)):
            return []
        if len(names) == 1:
            return names
        mid = len(names) // 2
        found = self._bisect(module, names[:mid]) + self._bisect(module, names[mid:])
        if not found:  # each half is consistent, together they are not: no single graph to blame
            self.unexplained.append(names)
        return found
