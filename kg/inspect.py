"""Read-only views of a store: statistics, and re-validation with the quarantine listed."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.rdf import iris
from kg.rdf.vocab import PREFIXES as VOCAB_PREFIXES, count_stated
from kg.store import Store
from kg.store.results import term_text
from kg.validate import Validator

PREFIXES = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in VOCAB_PREFIXES.items())

# What `kg stats` counts: the things of each class stated in some graph.
_COUNTED_CLASSES = {
    "articles": "kg:Article", "persons": "kg:Person", "organizations": "kg:Organization", "states": "kg:State",
    "places": "kg:Place", "memberships": "org:Membership", "agreements": "kg:Agreement", "meetings": "kg:Meeting",
    "quarantined": "kg:QuarantineRecord",
}


def stats(store: Store) -> dict[str, int]:
    """Counts of what the store states (inferences of `kg reason` are not counted)."""
    out: dict[str, int] = {}
    for name, cls in _COUNTED_CLASSES.items():
        res = store.query(PREFIXES + count_stated(cls), union_default_graph=False)
        value = term_text(res.rows[0][0]) if res.rows else ""
        out[name] = int(value) if value else 0
    out["graphs"] = len(store.named_graphs())
    out["quads"] = len(store)
    return out


@dataclass
class QuarantineEntry:
    article_id: str
    source: str
    created: str
    report: str


@dataclass
class ValidationOutcome:
    checked: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # article graph -> report
    quarantine: list[QuarantineEntry] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.quarantine


def quarantine(store: Store) -> list[QuarantineEntry]:
    res = store.query(PREFIXES + """SELECT ?id ?src ?created ?report WHERE { GRAPH ?g {
        ?q a kg:QuarantineRecord ; dct:identifier ?id ; dct:created ?created ; kg:report ?report .
        OPTIONAL { ?q dct:source ?src } } } ORDER BY ?id""", union_default_graph=False)
    return [QuarantineEntry(*(term_text(t) for t in r)) for r in res.rows]


def revalidate(store: Store, base: str, validator: Validator) -> ValidationOutcome:
    """Validate every stored article graph with the entity descriptions it references."""
    out = ValidationOutcome(quarantine=quarantine(store))
    prefix = f"{base}graph/article/"
    entities = store.graph(iris.entities_graph(base))
    for graph_iri in store.named_graphs():
        if not graph_iri.startswith(prefix):
            continue
        g = store.graph(graph_iri)
        for node in set(g.subjects()) | set(g.objects()):
            for t in entities.triples((node, None, None)):
                g.add(t)
        result = validator.validate(g)
        out.checked += 1
        if not result.conforms:
            out.failures[graph_iri] = result.text
    return out
