"""Reasoning: the ontology's axioms applied to the stored facts; inferences kept in a graph of their own.

Two engines, each where it is strong (bench/reason_scale.py measured the choice):

- Materialisation (`Rules`): the axioms OWL 2 RL can apply — sub-classes and sub-properties,
  domains and ranges, inverses, symmetric properties, property chains, defined classes read in
  their "if" direction — are compiled from the ontology into SPARQL updates and run to a fixpoint
  on an in-memory Oxigraph store holding the object-level facts (no literals) of every graph.
  Minted entity IRIs name distinct entities (a unique-name assumption made explicit to HermiT as
  owl:AllDifferent), so "at least two state parties" can be counted.
- Consistency: the same closure names direct clashes (an entity in two disjoint classes, a
  functional property with two values) and the graph responsible; HermiT (owlready2) then checks
  modules — batches of graphs with the entity descriptions they reference — and bisects an
  inconsistent batch down to the graph that makes it so.

Inferences go to `{base}graph/inferred`, replaced atomically on each run; the graph carries
`<graph> prov:wasGeneratedBy <{base}activity/reasoning>`. The graph responsible for a clash is
moved to `{base}graph/quarantine/ID` as `kg ingest` does with articles that fail the shapes.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.model import Article
from kg.owl import HERMIT_BATCH, TYPE, Hermit, ReasoningError, Rules, Triple, compact, load_ontology, nt_text
from kg.rdf import iris
from kg.rdf.vocab import DCT, ONTOLOGY_IRI, OWL, PROV, RDFS, XSD
from kg.store import Store
from kg.store.summary import Summary

__all__ = ["Gate", "ReasonOutcome", "ReasoningError", "Rules", "clear_inferred", "load_ontology", "read_facts",
           "reason"]

_SKIP_PREDICATES = {str(OWL.sameAs)}  # identity links to Wikidata are not reasoned over
DEFAULT_GRAPH = ""  # the unit name of the default graph (`kg load` without --graph)


# --------------------------------------------------------------------------- facts


@dataclass
class Facts:
    """The object-level facts of a store, graph by graph (units), and the entity descriptions."""

    units: dict[str, list[Triple]] = field(default_factory=dict)  # graph IRI ("" = default) -> triples
    entities: dict[str, list[Triple]] = field(default_factory=dict)  # entity IRI -> its type triples
    system: set[str] = field(default_factory=set)

    def module(self, names: Iterable[str]) -> tuple[list[Triple], list[str]]:
        """The units' triples with the descriptions of the entities they reference, and those entities."""
        triples: list[Triple] = []
        for name in names:
            triples += self.units[name]
        refs = sorted({t.value for s, _, o in triples for t in (s, o)
                       if isinstance(t, ox.NamedNode) and t.value in self.entities})
        for e in refs:
            triples += self.entities[e]
        return triples, refs


def _object_level(rows: Iterable[Sequence[object]]) -> list[Triple]:
    return [(s, p, o) for s, p, o in rows  # type: ignore[misc]
            if isinstance(p, ox.NamedNode) and p.value not in _SKIP_PREDICATES
            and isinstance(s, (ox.NamedNode, ox.BlankNode)) and isinstance(o, (ox.NamedNode, ox.BlankNode))]


def system_graph(base: str, g: str) -> bool:
    return (g in (iris.ONTOLOGY_GRAPH, iris.entities_graph(base), iris.inferred_graph(base), Summary(base).graph)
            or g.startswith(f"{base}graph/quarantine/"))


def read_facts(store: Store, base: str) -> Facts:
    """Every graph's object-level triples (literals and owl:sameAs left out), by graph."""
    facts = Facts()
    res = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(!isLiteral(?o)) } }",
                      union_default_graph=False)
    by_graph: dict[str, list[tuple[object, object, object]]] = defaultdict(list)
    for g, s, p, o in res.rows:
        if isinstance(g, ox.NamedNode):
            by_graph[g.value].append((s, p, o))
    res = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(!isLiteral(?o)) }", union_default_graph=False)
    if res.rows:
        by_graph[DEFAULT_GRAPH] = list(res.rows)
    ents = iris.entities_graph(base)
    for g, rows in by_graph.items():
        if g == ents:
            for t in _object_level(rows):
                if isinstance(t[0], ox.NamedNode):
                    facts.entities.setdefault(t[0].value, []).append(t)
        elif system_graph(base, g):
            facts.system.add(g)
        else:
            facts.units[g] = _object_level(rows)
    return facts


# --------------------------------------------------------------------------- a whole store


@dataclass
class Clash:
    """An entity the facts put in two disjoint classes (or give two values of a functional property)."""

    entity: str
    first: str
    second: str
    axiom: str
    responsible: list[str] = field(default_factory=list)  # graphs found responsible ("" = default graph)
    asserted: list[tuple[str, str]] = field(default_factory=list)  # (graph, type) stated for the entity

    def text(self) -> str:
        said = "; ".join(f"a {compact(t)} in {_graph_name(g)}" for g, t in self.asserted) or "types derived from its relations"
        return (f"<{self.entity}> is both {compact(URIRef(self.first))} and {compact(URIRef(self.second))}, "
                f"against {self.axiom}; stated: {said}")


def _graph_name(g: str) -> str:
    return "the default graph" if g == DEFAULT_GRAPH else f"<{g}>"


@dataclass
class ReasonOutcome:
    graphs: int = 0
    inferred: int = 0
    clashes: list[Clash] = field(default_factory=list)
    quarantined: dict[str, str] = field(default_factory=dict)  # graph -> quarantine graph
    unexplained: list[str] = field(default_factory=list)  # inconsistencies no single graph explains
    hermit_runs: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # phase -> wall-clock seconds

    @property
    def ok(self) -> bool:
        return not self.clashes and not self.quarantined and not self.unexplained


def _mentions(triples: Iterable[Triple], iri: str) -> bool:
    return any(isinstance(t, ox.NamedNode) and t.value == iri for s, _, o in triples for t in (s, o))


def _responsible(facts: Facts, rules: Rules, entity: str) -> tuple[list[str], bool]:
    """The units that clash on `entity` by themselves (with the entity descriptions they reference),
    and whether the entities graph alone already does."""
    def clashes_on(triples: list[Triple]) -> bool:
        return any(c[0] == entity for c in rules.clashes(rules.closure(triples)))

    if clashes_on(facts.entities.get(entity, [])):
        return [], True
    found = [name for name, triples in facts.units.items()
             if _mentions(triples, entity) and clashes_on(facts.module([name])[0])]
    return found, False


def _asserted_types(store: Store, base: str, entity: str) -> list[tuple[str, str]]:
    """Types stated for `entity`, by graph (the previous run's inferences are not statements)."""
    res = store.query(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ <{entity}> a ?t }} }} ORDER BY ?g ?t",
                      union_default_graph=False)
    out = [(g.value, t.value) for g, t in res.rows if isinstance(g, ox.NamedNode) and isinstance(t, ox.NamedNode)
           and g.value != iris.inferred_graph(base)]
    res = store.query(f"SELECT ?t WHERE {{ <{entity}> a ?t }}", union_default_graph=False)
    return out + [(DEFAULT_GRAPH, t.value) for (t,) in res.rows if isinstance(t, ox.NamedNode)]


def reason(store: Store, base: str, *, hermit: bool = True, batch: int = HERMIT_BATCH,
           report: Callable[[str], None] = lambda s: None) -> ReasonOutcome:
    """Check the store's facts against the ontology, quarantine the graphs that contradict it, and
    replace the inferred graph with what the rest entails."""
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out.seconds[phase] = out.seconds.get(phase, 0.0) + now - clock
        clock = now

    onto = load_ontology()
    rules = Rules(onto)
    out = ReasonOutcome()
    facts = read_facts(store, base)
    out.graphs = len(facts.units)
    lap("read")
    reasons: dict[str, list[str]] = defaultdict(list)
    mem = rules.closure(_everything(facts))
    lap("closure")
    for entity, first, second, axiom in rules.clashes(mem):
        responsible, in_entities = _responsible(facts, rules, entity)
        clash = Clash(entity, first, second, axiom, responsible, _asserted_types(store, base, entity))
        out.clashes.append(clash)
        if in_entities:
            out.unexplained.append(f"the entities graph itself says: {clash.text()}")
        elif not responsible:
            out.unexplained.append(f"graphs disagree with each other: {clash.text()}")
        for g in responsible:
            reasons[g].append(clash.text())
    lap("clashes")
    if hermit:
        checker = Hermit(onto)
        remaining = sorted(g for g in facts.units if g not in reasons)
        for g in checker.culprits(facts.module, remaining, batch):
            reasons[g].append("HermiT finds this graph, with the entity descriptions it references, "
                              "inconsistent with the ontology")
        out.unexplained += ["HermiT finds these graphs inconsistent together but none alone: "
                            + ", ".join(map(_graph_name, names)) for names in checker.unexplained]
        out.hermit_runs = checker.runs
        lap("hermit")
    for g, lines in sorted(reasons.items()):
        out.quarantined[g] = quarantine_graph(store, base, g, "\n".join(lines))
        report(f"quarantined {_graph_name(g)}: " + "; ".join(lines))
        del facts.units[g]
    if reasons:
        mem = rules.closure(_everything(facts))
    lap("quarantine")
    out.inferred = write_inferred(store, base, _everything(facts), mem)
    lap("write")
    return out


def _everything(facts: Facts) -> list[Triple]:
    triples = [t for ts in facts.units.values() for t in ts]
    return triples + [t for ts in facts.entities.values() for t in ts]


def inferred_triples(asserted: Iterable[Triple], mem: ox.Store) -> list[Triple]:
    """What the closure holds beyond the asserted triples: IRIs only, no reflexive property values."""
    seen = set(asserted)
    return [(q.subject, q.predicate, q.object) for q in mem  # type: ignore[misc]
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
            and (q.subject, q.predicate, q.object) not in seen
            and not (q.subject == q.object and q.predicate != TYPE)]


def write_inferred(store: Store, base: str, asserted: Iterable[Triple], mem: ox.Store) -> int:
    """Replace the inferred graph atomically; return how many inferred triples it holds."""
    triples = inferred_triples(asserted, mem)
    graph, activity = ox.NamedNode(iris.inferred_graph(base)), ox.NamedNode(iris.reasoning_activity(base))
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    marks: list[tuple[object, object, object]] = [
        (graph, ox.NamedNode(str(PROV.wasGeneratedBy)), activity),
        (activity, TYPE, ox.NamedNode(str(PROV.Activity))),
        (activity, ox.NamedNode(str(PROV.used)), ox.NamedNode(str(ONTOLOGY_IRI))),
        (activity, ox.NamedNode(str(PROV.endedAtTime)), ox.Literal(now, datatype=ox.NamedNode(str(XSD.dateTime)))),
        (activity, ox.NamedNode(str(RDFS.label)), ox.Literal("kg reason", language="en")),
    ]
    store.replace_graphs([(graph.value, nt_text(triples) + nt_text(marks))])  # type: ignore[arg-type]
    return len(triples)


def clear_inferred(store: Store, base: str) -> None:
    store.replace_graphs([], drops=[iris.inferred_graph(base)])


def quarantine_graph(store: Store, base: str, g: str, report: str) -> str:
    """Move graph `g` into a quarantine record (as `kg ingest` does with articles); return the record graph."""
    from kg.pipeline import nt, quarantine_record

    prefix = f"{base}graph/article/"
    if g.startswith(prefix):
        art_id = unquote(g[len(prefix):])
        res = store.query(f"""SELECT ?t ?src WHERE {{ GRAPH <{g}> {{ ?a <{DCT.identifier}> ?id
            OPTIONAL {{ ?a <{DCT.title}> ?t }} OPTIONAL {{ ?a <{DCT.source}> ?src }} }} }} LIMIT 1""",
                          union_default_graph=False)
        title, source = (res.rows[0] if res.rows else (None, None))
        article = Article(art_id, title.value if title else art_id, "", source=source.value if source else g)
        where = f"GRAPH <{g}>"
    else:
        art_id = "default-graph" if g == DEFAULT_GRAPH else "graph-" + iris.slug(g)
        article = Article(art_id, f"RDF loaded into {_graph_name(g)}", "", source=g or "default graph")
        where = ""
    res = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} {{ ?s ?p ?o }} }}", union_default_graph=False)
    payload = "".join(f"{t} .\n" for t in res.triples)
    qgraph = iris.quarantine_graph(base, art_id)
    record = nt(quarantine_record(base, article, "inconsistent with the ontology (kg reason): " + report, payload))
    drop = f"DROP SILENT GRAPH <{g}>" if g else "DROP SILENT DEFAULT"
    summary = Summary(base)
    # An article graph leaves the summary's counts in the same update that drops it.
    counts = summary.retract(g) + [summary.bump()] if g and summary.covers(g) else []
    store.update(" ;\n".join([*counts, drop, f"DROP SILENT GRAPH <{qgraph}>",
                               f"INSERT DATA {{ GRAPH <{qgraph}> {{\n{record}\n}} }}"]))
    return qgraph


# --------------------------------------------------------------------------- the ingest gate


def _ox_triples(graph: Graph) -> list[Triple]:
    data = graph.serialize(format="nt", encoding="utf-8")
    return _object_level((t.subject, t.predicate, t.object)
                         for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


class Gate:
    """`kg ingest --reason`: is one article's graph, with the entity descriptions it references
    (its own and those already stored) and the ontology, consistent?"""

    def __init__(self, hermit: bool = True) -> None:
        onto = load_ontology()
        self.rules = Rules(onto)
        self.hermit = Hermit(onto) if hermit else None

    def check(self, store: Store, base: str, facts: Graph, entities: Graph) -> str | None:
        """None when consistent, else a report naming the entity and the axioms."""
        triples = _ox_triples(facts) + _ox_triples(entities)
        refs = sorted({t.value for s, _, o in triples for t in (s, o) if isinstance(t, ox.NamedNode)
                       and t.value.startswith(f"{base}id/") and "/article/" not in t.value})
        if refs:
            res = store.query(f"""SELECT ?s ?t WHERE {{ VALUES ?s {{ {" ".join(f"<{r}>" for r in refs)} }}
                GRAPH <{iris.entities_graph(base)}> {{ ?s a ?t }} }}""", union_default_graph=False)
            triples += [(s, TYPE, t) for s, t in res.rows
                        if isinstance(s, ox.NamedNode) and isinstance(t, ox.NamedNode)]
        clashes = self.rules.clashes(self.rules.closure(triples))
        if clashes:
            return "\n".join(Clash(e, a, b, axiom).text() for e, a, b, axiom in clashes)
        described = sorted({s.value for s, p, _ in triples if p == TYPE and isinstance(s, ox.NamedNode)
                            and s.value in refs})
        if self.hermit is not None and not self.hermit.consistent(triples, described):
            return "HermiT finds the article's graph, with the entity descriptions it references, inconsistent"
        return None
