"""The graph's vocabulary as code: a closed `KG` namespace and the standard ones it reuses."""
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "STATED_GRAPHS_ONLY",
    "count_stated",
    "DCT",
    "FOAF",
    "KG",
    "KGSH",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SEM",
    "SKOS",
    "TIME",
    "XSD",
    "bind_prefixes",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ontology")

DCT = DCTERMS
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")
KGSH = Namespace("https://w3id.org/newskg/shapes#")


class KG(DefinedNamespace):
    """Terms of the news knowledge graph ontology (ontology/kg.ttl); an unknown name raises."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True
    _warn = True

    # Classes
    Article: URIRef
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    State: URIRef
    Place: URIRef
    Event: URIRef
    Agreement: URIRef
    Meeting: URIRef
    Mention: URIRef
    Instrument: URIRef  # a treaty, accord or resolution as the thing an agreement is about
    QuarantineRecord: URIRef
    StateOfficial: URIRef  # defined: a person holding a post in a state
    InterstateAgreement: URIRef  # defined: an agreement with at least two state parties

    # Object properties
    party: URIRef
    participant: URIRef
    instrument: URIRef
    partyTo: URIRef  # inverse of party
    participantIn: URIRef  # inverse of participant
    counterpartOf: URIRef  # partyTo o party, participantIn o participant
    mentionedIn: URIRef
    succeeds: URIRef  # a membership that takes over another's post (same article)
    post: URIRef  # a membership's org:Post (one per body and English title, across articles)
    succeededBy: URIRef  # its inverse
    refersTo: URIRef

    # Datatype properties
    evidence: URIRef
    date: URIRef
    dateText: URIRef
    status: URIRef
    confidence: URIRef
    trigger: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    anchorText: URIRef
    postStatus: URIRef
    report: URIRef
    payload: URIRef
    # Read summaries (graph/summary, kept by kg.store.summary)
    articleCount: URIRef  # articles that mention the entity
    instanceCount: URIRef  # things of the class stated in article graphs
    revision: URIRef  # raised at every article write
    latestIssued: URIRef  # the latest publication date of the articles written
    datedPost: URIRef  # a body's memberships that state a start or an end
    summaryFormat: URIRef  # what the summary holds (kg.store.summary.FORMAT)
    Tenure: URIRef  # one holder in one post across articles (kg.store.tenure)
    statementCount: URIRef  # articles that give a tenure's holder its post
    firstObserved: URIRef  # earliest article date seeing the post held
    lastObserved: URIRef  # latest article date seeing the post held

    # Event types (SKOS scheme aligned with CAMEO codes)
    EventTypes: URIRef
    CAMEO_030: URIRef  # express intent to cooperate
    CAMEO_036: URIRef  # express intent to meet or negotiate
    CAMEO_040: URIRef  # consult
    CAMEO_042: URIRef  # make a visit
    CAMEO_043: URIRef  # host a visit
    CAMEO_044: URIRef  # meet at a third location
    CAMEO_046: URIRef  # engage in negotiation
    CAMEO_050: URIRef  # engage in diplomatic cooperation
    CAMEO_057: URIRef  # sign formal agreement


PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
    "dct": str(DCT),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the public prefixes (DESIGN §3) on `graph` and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


# A SPARQL filter keeping `?g` to graphs of stated facts: `kg reason` marks its graph of
# inferences with `<graph> prov:wasGeneratedBy <activity>`, so counts and listings of what
# was extracted can leave it out.
STATED_GRAPHS_ONLY = "FILTER NOT EXISTS { GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?activity } }"


def count_stated(cls: str) -> str:
    """A query counting the things stated (not inferred by `kg reason`) to be of class `cls` ("kg:State")."""
    return f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a {cls} }} {STATED_GRAPHS_ONLY} }}"
