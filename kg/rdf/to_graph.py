"""Extraction -> RDF. The only module that knows the ontology's terms."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.model import Agreement, DateValue, Extraction, Meeting
from kg.rdf import iris
from kg.rdf.vocab import DCT, KG, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, TIME, XSD

WIKIDATA = "http://www.wikidata.org/entity/"

CLASS_OF_KIND = {"Person": KG.Person, "Organization": KG.Organization, "State": KG.State, "Place": KG.Place}

# CAMEO code of an agreement, by status.
CAMEO_OF_STATUS = {"signed": KG.CAMEO_057, "ratified": KG.CAMEO_057, "concluded": KG.CAMEO_057}

# The terms used below, looked up once: a namespace attribute costs a __getattr__ call each time
# (a third of a microsecond to half of one), and an article adds some 230 triples.
A = RDF.type
LABEL = RDFS.label
ALT_LABEL = SKOS.altLabel
SAME_AS = OWL.sameAs
DERIVED_FROM = PROV.wasDerivedFrom
IDENTIFIER, TITLE, LANGUAGE, ISSUED, SOURCE = DCT.identifier, DCT.title, DCT.language, DCT.issued, DCT.source
URL = SCHEMA.url
SUB_ORGANIZATION_OF, MEMBERSHIP, MEMBER, ORGANIZATION, ROLE, ROLE_CLASS = (
    ORG.subOrganizationOf, ORG.Membership, ORG.member, ORG.organization, ORG.role, ORG.Role)
EVENT_TYPE, HAS_PLACE = SEM.eventType, SEM.hasPlace
XSD_DATE, XSD_DECIMAL = XSD.date, XSD.decimal
ISSUED_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
ARTICLE, TEXT, MENTIONED_IN = KG.Article, KG.text, KG.mentionedIn
MENTION, REFERS_TO, START_OFFSET, END_OFFSET, ANCHOR_TEXT = (
    KG.Mention, KG.refersTo, KG.startOffset, KG.endOffset, KG.anchorText)
POST_STATUS, EVIDENCE, CONFIDENCE, TRIGGER, STATUS = KG.postStatus, KG.evidence, KG.confidence, KG.trigger, KG.status
AGREEMENT, PARTY, MEETING, PARTICIPANT = KG.Agreement, KG.party, KG.Meeting, KG.participant
INSTRUMENT, INSTRUMENT_OF = KG.Instrument, KG.instrument
DATE, DATE_TEXT = KG.date, KG.dateText
SUCCEEDS = KG.succeeds
POST = KG.post

Triple = tuple[Node, Node, Node]
Add = Callable[[Triple], None]


@dataclass
class ArticleGraphs:
    """The article's own named graph and the entity descriptions it references."""

    article_id: str
    graph_iri: str
    facts: Graph
    entities: Graph

    def union(self) -> Graph:
        return _graph([*self.facts, *self.entities])


def _graph(triples: Iterable[Triple]) -> Graph:
    """A Graph of `triples`, added to its store one by one as `Graph.add` does, without the asserts
    `Graph.add` makes first that each term is an rdflib term (every term here is a URIRef or a
    Literal made for it, or comes out of another Graph): those isinstance checks, against an
    abstract class, were some 40% of the cost of `Graph.add`."""
    g = Graph()
    add = g.store.add
    for t in triples:
        add(t, g, quoted=False)
    return g


def _date(add: Add, node: URIRef, date: DateValue | None) -> None:
    if date is None:
        return
    if date.is_full_date:
        add((node, DATE, Literal(date.iso, datatype=XSD_DATE)))
    add((node, DATE_TEXT, Literal(date.text)))


# A post's stated start or end as an OWL-Time instant: a day, a month or a year, as precise as the text.
_INSTANT_DATE = {10: (TIME.inXSDDate, XSD.date), 7: (TIME.inXSDgYearMonth, XSD.gYearMonth), 4: (TIME.inXSDgYear, XSD.gYear)}


def _instant(add: Add, interval: URIRef, edge: URIRef, node: URIRef, date: DateValue | None) -> bool:
    """`interval` `edge` (time:hasBeginning / time:hasEnd) a time:Instant at `date`, if the date is a day,
    a month or a year ("2019-W05" is not kept)."""
    if date is None or len(date.iso) not in _INSTANT_DATE or "W" in date.iso:
        return False
    prop, datatype = _INSTANT_DATE[len(date.iso)]
    add((interval, edge, node))
    add((node, A, TIME.Instant))
    add((node, prop, Literal(date.iso, datatype=datatype)))
    return True


def _confidence(value: float) -> Literal:
    return _decimal(f"{max(0.0, min(1.0, value)):.2f}")


@cache  # at most the 101 texts "0.00" ... "1.00"
def _decimal(text: str) -> Literal:
    return Literal(Decimal(text), datatype=XSD_DECIMAL)


def to_graph(ex: Extraction, base: str) -> ArticleGraphs:
    """Map one article's extraction onto the public vocabulary."""
    art = ex.article
    lang = ex.lang
    article_iri = iris.article_iri(base, art.id)
    a = URIRef(article_iri)
    facts: list[Triple] = []
    ents: list[Triple] = []
    add, add_entity = facts.append, ents.append
    add((a, A, ARTICLE))
    add((a, IDENTIFIER, Literal(art.id)))
    add((a, TITLE, Literal(art.title, lang=lang)))
    add((a, LANGUAGE, Literal(lang)))
    add((a, TEXT, Literal(art.text, lang=lang)))
    if art.published:
        add((a, ISSUED, Literal(art.published_iso, datatype=ISSUED_TYPE[art.published_precision])))
    if art.url:
        add((a, URL, URIRef(art.url)))
    if art.source:
        add((a, SOURCE, Literal(art.source.replace("\\", "/").rsplit("/", 1)[-1])))  # file name: no local path

    def fact(kind: str, n: int) -> URIRef:
        """iris.fact_iri(base, art.id, kind, n), without escaping the article id again."""
        return URIRef(f"{article_iri}/{kind}/{n}")

    node = {key: URIRef(iris.entity_iri(base, key)) for key in ex.entities}
    for key, e in ex.entities.items():
        n = node[key]
        add_entity((n, A, CLASS_OF_KIND[e.kind]))
        add_entity((n, LABEL, Literal(e.label, lang=e.label_lang)))
        for other_lang, other in e.other_labels.items():
            add_entity((n, LABEL, Literal(other, lang=other_lang)))
        if e.wikidata:
            add_entity((n, SAME_AS, URIRef(WIKIDATA + e.wikidata)))
        if e.part_of and e.part_of in node:
            add_entity((n, SUB_ORGANIZATION_OF, node[e.part_of]))
        add((n, MENTIONED_IN, a))
        for alias in sorted(e.aliases):
            if alias != e.label:
                add((n, ALT_LABEL, Literal(alias, lang=lang)))

    for i, m in enumerate(ex.mentions, 1):
        mn = fact("mention", i)
        add((mn, A, MENTION))
        add((mn, REFERS_TO, node[m.entity]))
        add((mn, START_OFFSET, Literal(m.start)))
        add((mn, END_OFFSET, Literal(m.end)))
        add((mn, ANCHOR_TEXT, Literal(m.text)))
        add((mn, DERIVED_FROM, a))

    membership = {id(p): fact("membership", i) for i, p in enumerate(ex.posts, 1)}
    for i, p in enumerate(ex.posts, 1):
        mn = fact("membership", i)
        if p.succeeds is not None and id(p.succeeds) in membership:
            add((mn, SUCCEEDS, membership[id(p.succeeds)]))  # "X remplace Y comme R"
        if p.post_title and p.organization:  # the post itself, one node across articles and languages
            post = URIRef(iris.post_iri(base, p.organization, p.post_title))
            add((mn, POST, post))
            add_entity((post, A, ORG.Post))
            add_entity((post, ORG.postIn, node[p.organization]))
            body = ex.entities[p.organization]
            body_en = body.label if body.label_lang == "en" else body.other_labels.get("en", body.label)
            named = p.post_title if body_en.casefold() in p.post_title.casefold() else f"{p.post_title} of {body_en}"
            add_entity((post, LABEL, Literal(named, lang="en")))  # "President of the European Commission"
        role = URIRef(iris.role_iri(base, p.role, p.role_lang))
        add((mn, A, MEMBERSHIP))
        add((mn, MEMBER, node[p.person]))
        if p.organization:
            add((mn, ORGANIZATION, node[p.organization]))
        add((mn, ROLE, role))
        add((role, A, ROLE_CLASS))
        add((role, LABEL, Literal(p.role, lang=p.role_lang)))
        add((mn, POST_STATUS, Literal(p.status)))
        if p.start is not None or p.end is not None:  # what the article states of the post's time
            during = URIRef(f"{mn}/during")
            begun = _instant(add, during, TIME.hasBeginning, URIRef(f"{mn}/start"), p.start)
            ended = _instant(add, during, TIME.hasEnd, URIRef(f"{mn}/end"), p.end)
            if begun or ended:
                add((mn, ORG.memberDuring, during))
                add((during, A, TIME.Interval))
        add((mn, EVIDENCE, Literal(p.evidence, lang=lang)))
        add((mn, CONFIDENCE, _confidence(p.confidence)))
        add((mn, DERIVED_FROM, a))

    for i, ag in enumerate(ex.agreements, 1):
        _agreement(add, fact("agreement", i), ag, node, a, lang)
    for i, mt in enumerate(ex.meetings, 1):
        _meeting(add, fact("meeting", i), mt, node, a, lang)
    return ArticleGraphs(art.id, iris.article_graph(base, art.id), _graph(facts), _graph(ents))


def _agreement(add: Add, n: URIRef, ag: Agreement, node: dict[str, URIRef], a: URIRef, lang: str) -> None:
    add((n, A, AGREEMENT))
    for p in ag.parties:
        add((n, PARTY, node[p]))
    add((n, TRIGGER, Literal(ag.trigger)))
    add((n, STATUS, Literal(ag.status)))
    add((n, EVIDENCE, Literal(ag.evidence, lang=lang)))
    if ag.label:
        add((n, LABEL, Literal(ag.label, lang=lang)))
    if ag.instrument:
        inst = URIRef(f"{n}/instrument")
        add((inst, A, INSTRUMENT))
        add((inst, LABEL, Literal(ag.instrument, lang=lang)))
        add((n, INSTRUMENT_OF, inst))
    cameo = CAMEO_OF_STATUS.get(ag.status)
    if cameo is not None:
        add((n, EVENT_TYPE, cameo))
    _date(add, n, ag.date)
    add((n, CONFIDENCE, _confidence(ag.confidence)))
    add((n, DERIVED_FROM, a))


def _meeting(add: Add, n: URIRef, mt: Meeting, node: dict[str, URIRef], a: URIRef, lang: str) -> None:
    add((n, A, MEETING))
    for p in mt.participants:
        add((n, PARTICIPANT, node[p]))
    if mt.place:
        add((n, HAS_PLACE, node[mt.place]))
    add((n, TRIGGER, Literal(mt.trigger)))
    for ev in mt.evidence:
        add((n, EVIDENCE, Literal(ev, lang=lang)))
    _date(add, n, mt.date)
    add((n, CONFIDENCE, _confidence(mt.confidence)))
    add((n, DERIVED_FROM, a))
