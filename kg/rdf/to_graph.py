"""Extraction -> RDF. The only module that knows the ontology's terms."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kg.model import Agreement, DateValue, Extraction, Meeting
from kg.rdf import iris
from kg.rdf.vocab import DCT, KG, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD

WIKIDATA = "http://www.wikidata.org/entity/"

CLASS_OF_KIND = {"Person": KG.Person, "Organization": KG.Organization, "State": KG.State, "Place": KG.Place}

# CAMEO code of an agreement, by status.
CAMEO_OF_STATUS = {"signed": KG.CAMEO_057, "ratified": KG.CAMEO_057, "concluded": KG.CAMEO_057}


@dataclass
class ArticleGraphs:
    """The article's own named graph and the entity descriptions it references."""

    article_id: str
    graph_iri: str
    facts: Graph
    entities: Graph

    def union(self) -> Graph:
        g = Graph()
        for t in self.facts:
            g.add(t)
        for t in self.entities:
            g.add(t)
        return g


def _date(g: Graph, node: URIRef, date: DateValue | None) -> None:
    if date is None:
        return
    if date.is_full_date:
        g.add((node, KG.date, Literal(date.iso, datatype=XSD.date)))
    g.add((node, KG.dateText, Literal(date.text)))


def _confidence(value: float) -> Literal:
    return Literal(Decimal(f"{max(0.0, min(1.0, value)):.2f}"), datatype=XSD.decimal)


def to_graph(ex: Extraction, base: str) -> ArticleGraphs:
    """Map one article's extraction onto the public vocabulary."""
    art = ex.article
    lang = ex.lang
    a = URIRef(iris.article_iri(base, art.id))
    g = Graph()
    g.add((a, RDF.type, KG.Article))
    g.add((a, DCT.identifier, Literal(art.id)))
    g.add((a, DCT.title, Literal(art.title, lang=lang)))
    g.add((a, DCT.language, Literal(lang)))
    g.add((a, KG.text, Literal(art.text, lang=lang)))
    if art.published:
        g.add((a, DCT.issued, Literal(art.published.isoformat(), datatype=XSD.date)))
    if art.url:
        g.add((a, SCHEMA.url, URIRef(art.url)))
    if art.source:
        g.add((a, DCT.source, Literal(art.source)))

    ents = Graph()
    node = {key: URIRef(iris.entity_iri(base, key)) for key in ex.entities}
    for key, e in ex.entities.items():
        n = node[key]
        ents.add((n, RDF.type, CLASS_OF_KIND[e.kind]))
        ents.add((n, RDFS.label, Literal(e.label, lang=e.label_lang)))
        for other_lang, other in e.other_labels.items():
            ents.add((n, RDFS.label, Literal(other, lang=other_lang)))
        if e.wikidata:
            ents.add((n, OWL.sameAs, URIRef(WIKIDATA + e.wikidata)))
        if e.part_of and e.part_of in node:
            ents.add((n, ORG.subOrganizationOf, node[e.part_of]))
        g.add((n, KG.mentionedIn, a))
        for alias in sorted(e.aliases):
            if alias != e.label:
                g.add((n, SKOS.altLabel, Literal(alias, lang=lang)))

    for i, m in enumerate(ex.mentions, 1):
        mn = URIRef(iris.fact_iri(base, art.id, "mention", i))
        g.add((mn, RDF.type, KG.Mention))
        g.add((mn, KG.refersTo, node[m.entity]))
        g.add((mn, KG.startOffset, Literal(m.start)))
        g.add((mn, KG.endOffset, Literal(m.end)))
        g.add((mn, KG.anchorText, Literal(m.text)))
        g.add((mn, PROV.wasDerivedFrom, a))

    for i, p in enumerate(ex.posts, 1):
        mn = URIRef(iris.fact_iri(base, art.id, "membership", i))
        role = URIRef(iris.role_iri(base, p.role, p.role_lang))
        g.add((mn, RDF.type, ORG.Membership))
        g.add((mn, ORG.member, node[p.person]))
        if p.organization:
            g.add((mn, ORG.organization, node[p.organization]))
        g.add((mn, ORG.role, role))
        g.add((role, RDF.type, ORG.Role))
        g.add((role, RDFS.label, Literal(p.role, lang=p.role_lang)))
        g.add((mn, KG.postStatus, Literal(p.status)))
        g.add((mn, KG.evidence, Literal(p.evidence, lang=lang)))
        g.add((mn, KG.confidence, _confidence(p.confidence)))
        g.add((mn, PROV.wasDerivedFrom, a))

    for i, ag in enumerate(ex.agreements, 1):
        _agreement(g, URIRef(iris.fact_iri(base, art.id, "agreement", i)), ag, node, a, lang)
    for i, mt in enumerate(ex.meetings, 1):
        _meeting(g, URIRef(iris.fact_iri(base, art.id, "meeting", i)), mt, node, a, lang)
    return ArticleGraphs(art.id, iris.article_graph(base, art.id), g, ents)


def _agreement(g: Graph, n: URIRef, ag: Agreement, node: dict[str, URIRef], a: URIRef, lang: str) -> None:
    g.add((n, RDF.type, KG.Agreement))
    for p in ag.parties:
        g.add((n, KG.party, node[p]))
    g.add((n, KG.trigger, Literal(ag.trigger)))
    g.add((n, KG.status, Literal(ag.status)))
    g.add((n, KG.evidence, Literal(ag.evidence, lang=lang)))
    if ag.label:
        g.add((n, RDFS.label, Literal(ag.label, lang=lang)))
    cameo = CAMEO_OF_STATUS.get(ag.status)
    if cameo is not None:
        g.add((n, SEM.eventType, cameo))
    _date(g, n, ag.date)
    g.add((n, KG.confidence, _confidence(ag.confidence)))
    g.add((n, PROV.wasDerivedFrom, a))


def _meeting(g: Graph, n: URIRef, mt: Meeting, node: dict[str, URIRef], a: URIRef, lang: str) -> None:
    g.add((n, RDF.type, KG.Meeting))
    for p in mt.participants:
        g.add((n, KG.participant, node[p]))
    if mt.place:
        g.add((n, SEM.hasPlace, node[mt.place]))
    g.add((n, KG.trigger, Literal(mt.trigger)))
    for ev in mt.evidence:
        g.add((n, KG.evidence, Literal(ev, lang=lang)))
    _date(g, n, mt.date)
    g.add((n, KG.confidence, _confidence(mt.confidence)))
    g.add((n, PROV.wasDerivedFrom, a))
