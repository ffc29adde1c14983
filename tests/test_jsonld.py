"""Compacted JSON-LD with the public vocabulary's context (entity pages, /sparql, the context URL), read back by
two JSON-LD processors (PyLD, the reference implementation's Python port, and rdflib); N-Quads and TriG on
entity pages as on graph pages and /sparql."""
from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld as pyld
from rdflib.compare import isomorphic

from kg.query.jsonld import CONTEXT_PATH, compact, context

BASE = "https://w3id.org/newskg/"
PATRUSHEV = BASE + "id/person/nikolai-patrushev"
JSONLD = "application/ld+json"


def _no_remote(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the document made PyLD fetch {url}")


def expand_with_pyld(doc: dict[str, Any]) -> rdflib.Graph:
    """The triples PyLD reads from `doc` (it may fetch nothing: the context must be inline)."""
    nquads = pyld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _no_remote})
    return rdflib.Graph().parse(data=nquads, format="nt")


def as_rdflib(triples: list[ox.Triple]) -> rdflib.Graph:
    return rdflib.Graph().parse(data="".join(f"{t} .\n" for t in triples), format="nt")


def test_compact_round_trips_every_kind_of_term() -> None:
    n = ox.NamedNode
    s, b = n("https://w3id.org/newskg/id/person/x"), ox.BlankNode("b1")
    triples = [
        ox.Triple(s, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n("https://w3id.org/newskg/ontology#Person")),
        ox.Triple(s, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n("http://xmlns.com/foaf/0.1/Person")),
        ox.Triple(s, n("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Xi", language="fr")),
        ox.Triple(s, n("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Xi", language="en")),
        ox.Triple(s, n("https://w3id.org/newskg/ontology#confidence"),
                  ox.Literal("0.80", datatype=n("http://www.w3.org/2001/XMLSchema#decimal"))),
        ox.Triple(s, n("http://purl.org/dc/terms/title"), ox.Literal("plain \"quoted\" text\n")),
        ox.Triple(s, n("https://schema.org//odd"), n("https://schema.org//odd")),  # a local part starting //
        ox.Triple(s, n("http://example.org/p"), b),
        ox.Triple(b, n("http://example.org/q"), ox.Literal("1", datatype=n("http://example.org/dt"))),
        ox.Triple(s, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.Literal("a literal type")),
    ]
    doc = json.loads(compact(triples))
    assert doc["@context"]["kg"] == "https://w3id.org/newskg/ontology#"
    node = next(x for x in doc["@graph"] if x["@id"] == str(s.value))
    assert sorted(node["@type"]) == ["foaf:Person", "kg:Person"]
    assert node["kg:confidence"] == {"@value": "0.80", "@type": "xsd:decimal"}  # the lexical form, not 0.8
    assert isomorphic(expand_with_pyld(doc), as_rdflib(triples))
    assert isomorphic(rdflib.Graph().parse(data=json.dumps(doc), format="json-ld"), as_rdflib(triples))


def test_entity_page_json_ld_is_compacted_and_means_what_the_turtle_says(client: Any) -> None:
    resp = client.get("/id/person/nikolai-patrushev", headers={"Accept": JSONLD})
    assert resp.status_code == 200 and resp.mimetype == JSONLD
    doc = json.loads(resp.data)
    assert doc["@context"] == context()
    node = next(x for x in doc["@graph"] if x["@id"] == PATRUSHEV)
    assert "kg:Person" in node["@type"] and "rdfs:label" in node
    turtle = rdflib.Graph().parse(data=client.get("/id/person/nikolai-patrushev.ttl").data, format="turtle")
    assert isomorphic(expand_with_pyld(doc), turtle)
    assert isomorphic(rdflib.Graph().parse(data=resp.data, format="json-ld"), turtle)


def test_sparql_construct_json_ld_is_compacted(client: Any) -> None:
    query = f"CONSTRUCT {{ <{PATRUSHEV}> ?p ?o }} WHERE {{ <{PATRUSHEV}> ?p ?o }}"
    resp = client.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": JSONLD})
    assert resp.status_code == 200 and resp.mimetype == JSONLD
    doc = json.loads(resp.data)
    assert doc["@context"] == context() and doc["@graph"][0]["@id"] == PATRUSHEV
    nt = client.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/n-triples"})
    assert isomorphic(expand_with_pyld(doc), rdflib.Graph().parse(data=nt.data, format="nt"))


def test_the_context_has_a_stable_url(client: Any) -> None:
    resp = client.get(CONTEXT_PATH)
    assert resp.status_code == 200 and resp.mimetype == JSONLD
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    served = json.loads(resp.data)
    assert served == {"@context": context()}
    # A document that names the context by its URL means the same as one that carries it inline.
    doc = json.loads(client.get("/id/person/nikolai-patrushev.jsonld").data)
    by_url = dict(doc, **{"@context": "https://kg.example/ns/context.jsonld"})

    def loader(url: str, options: Any = None) -> Any:
        assert url == "https://kg.example/ns/context.jsonld"
        return {"contentType": JSONLD, "contextUrl": None, "documentUrl": url, "document": served}
    nquads = pyld.to_rdf(by_url, {"format": "application/n-quads", "documentLoader": loader})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), expand_with_pyld(doc))


@pytest.mark.parametrize(("how", "media", "fmt"), [
    ({"headers": {"Accept": "application/n-quads"}}, "application/n-quads", "nquads"),
    ({"suffix": ".nq"}, "application/n-quads", "nquads"),
    ({"headers": {"Accept": "application/trig"}}, "application/trig", "trig"),
    ({"suffix": ".trig"}, "application/trig", "trig"),
    ({"query": "?format=nquads"}, "application/n-quads", "nquads"),
])
@pytest.mark.parametrize("path", ["/id/person/nikolai-patrushev", "/id/article/ttn-fr-34", "/id/state/russia"])
def test_entity_and_article_pages_give_quads_as_graph_pages_and_sparql_do(client: Any, path: str, how: dict[str, Any],
                                                                         media: str, fmt: str) -> None:
    url = path + how.get("suffix", "") + how.get("query", "")
    resp = client.get(url, headers=how.get("headers", {}))
    assert resp.status_code == 200 and resp.mimetype == media, resp.data[:300]
    quads = rdflib.Dataset().parse(data=resp.data, format=fmt)
    turtle = rdflib.Graph().parse(data=client.get(path + ".ttl").data, format="turtle")
    assert isomorphic(quads.default_graph, turtle)
    assert 'type="application/n-quads"' in client.get(path, headers={"Accept": "text/html"}).headers["Link"]
