"""Small random alterations of an article graph, to compare the quick SHACL check with pySHACL."""
from __future__ import annotations

import random
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.rdf.vocab import KG, ORG

# Values of the kinds the shapes constrain, right and wrong.
_ODD_VALUES: list[Node] = [
    Literal("fr"), Literal("Russie", lang="fr"), Literal("2022-09-20", datatype=XSD.date),
    Literal("2022-13-40", datatype=XSD.date), Literal("20 septembre 2022"), Literal(3),
    Literal(-1), Literal("x", datatype=XSD.integer), Literal(Decimal("0.5")), Literal(Decimal("1.5")),
    Literal(0.5), Literal(True), Literal("current"), Literal("former"), Literal("ancien"),
    Literal("current", lang="en"), Literal("2022-09-20T10:00:00", datatype=XSD.dateTime),
    URIRef("https://example.org/nowhere"), BNode(), KG.State, KG.Person, KG.Organization, ORG.Role,
]


def mutate(base: Graph, rng: random.Random) -> tuple[Graph, str]:
    """A copy of `base` with one to three random alterations, and a description of them."""
    g = Graph()
    for t in base:
        g.add(t)
    triples = list(g)
    nodes = sorted({s for s, _, _ in triples} | {o for _, _, o in triples}, key=str)
    done = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        s, p, o = rng.choice(triples)
        kind = rng.choice(("drop", "drop", "replace", "replace", "add", "retype", "node"))
        if kind == "drop":
            g.remove((s, p, o))
        elif kind == "replace":
            g.remove((s, p, o))
            g.add((s, p, rng.choice(_ODD_VALUES + nodes[:50])))
        elif kind == "add":
            g.add((s, p, rng.choice(_ODD_VALUES + [x for _, x in g.predicate_objects(rng.choice(nodes))])))
        elif kind == "retype":
            g.add((s, RDF.type, rng.choice([KG.State, KG.Person, KG.Organization, KG.Place, KG.Meeting,
                                            KG.Agreement, ORG.Membership, ORG.Role, KG.Mention, KG.Article])))
        else:  # the same triple with another subject or object node
            g.remove((s, p, o))
            g.add((rng.choice(nodes), p, o) if rng.random() < 0.5 else (s, p, rng.choice(nodes)))
        done.append(f"{kind} ({s.n3()}, {p.n3()}, {o.n3()})")
        triples = list(g)
    return g, "; ".join(done)
