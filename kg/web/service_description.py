"""The SPARQL 1.1 Service Description that /sparql answers to a request without a query."""
from __future__ import annotations

import typing

import pyoxigraph as ox

if typing.TYPE_CHECKING:
    from kg.config import Settings

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
SD_PREFIXES = {"sd": SD, "formats": FORMATS_NS, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def description_triples(endpoint_url: str, settings: "Settings") -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint, with the limits `settings` give."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    comment = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")

    def sd(local: str) -> ox.NamedNode:
        return ox.NamedNode(SD + local)

    svc = ox.NamedNode(endpoint_url)
    # Named blank nodes: the same document (and ETag) from every request and every server process
    dataset, default_graph = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(svc, rdf_type, sd("Service")),
        ox.Triple(svc, sd("endpoint"), svc),
        ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(svc, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(svc, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, rdf_type, sd("Graph")),
        ox.Triple(default_graph, comment, ox.Literal(
            "The default graph is the union of all named graphs (one per article, the entities graph and "
            "the ontology), taken as a multiset: a triple stored in n graphs (an entity's type in its article "
            "graph and in the entities graph) matches n times. Count each triple once with SELECT DISTINCT "
            "?s ?p ?o in a subquery. Name graphs with GRAPH, FROM or default-graph-uri / named-graph-uri to "
            "narrow it.", language="en")),
        ox.Triple(svc, comment, ox.Literal(
            f"Read-only SPARQL 1.1 endpoint of the news knowledge graph. Updates are refused; SERVICE and LOAD "
            f"are not available and FROM never fetches anything. Queries stop after {settings.query_timeout:g} s "
            f"(answered 503); at most {settings.max_rows} rows or triples per response (X-KG-Truncated: true "
            f"when cut); queries over {settings.max_query_chars} characters or {settings.max_query_depth} "
            f"levels of nesting are refused with 400.", language="en")),
    ]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG", "N3"):
        triples.append(ox.Triple(svc, sd("resultFormat"), ox.NamedNode(FORMATS_NS + name)))
    return triples
