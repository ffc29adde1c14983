"""Standard SPARQL clients against a real `kg serve`: SPARQLWrapper (every return format, every query
form, GET and POST), rdflib's SPARQLStore and curl, with the format names and media types they send."""
from __future__ import annotations

import shutil
import subprocess
import warnings
from typing import Any, Iterator

import pytest
import rdflib
from conftest import serve_store
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDF,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

BASE = "https://w3id.org/newskg/"
PATRUSHEV = BASE + "id/person/nikolai-patrushev"
RDFS_LABEL = rdflib.RDFS.label
QUERIES = {
    "SELECT": f"SELECT ?l WHERE {{ <{PATRUSHEV}> <{RDFS_LABEL}> ?l }}",
    "ASK": f"ASK {{ <{PATRUSHEV}> <{RDFS_LABEL}> ?l }}",
    "CONSTRUCT": f"CONSTRUCT {{ <{PATRUSHEV}> <{RDFS_LABEL}> ?l }} WHERE {{ <{PATRUSHEV}> <{RDFS_LABEL}> ?l }}",
    "DESCRIBE": f"DESCRIBE <{PATRUSHEV}>",
}
RETURN_FORMATS = [JSON, XML, CSV, TSV, TURTLE, N3, RDF, RDFXML, JSONLD]
# Formats that name a way of writing this kind of result; for the others the client sends Accept: */*
# and the endpoint answers in its default for the form (SPARQLWrapper warns that it got another format).
NATURAL = {"SELECT": {JSON, XML, CSV, TSV}, "ASK": {JSON, XML, CSV, TSV},
           "CONSTRUCT": {TURTLE, N3, RDF, RDFXML, JSONLD, XML, JSON}}
NATURAL["DESCRIBE"] = NATURAL["CONSTRUCT"]


@pytest.fixture(scope="module")
def endpoint(sample_store: str) -> Iterator[str]:
    with serve_store(sample_store, "--query-workers", "2") as url:
        yield f"{url}/sparql"


def _check(form: str, fmt: str, result: Any) -> None:
    """The converted result holds Patrushev's label, in the shape SPARQLWrapper gives for that format."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        if isinstance(result, bytes):  # SPARQLWrapper hands Turtle over as it got it
            result = rdflib.Graph().parse(data=result, format="turtle")
        assert isinstance(result, rdflib.Graph), type(result)
        labels = {str(o) for o in result.objects(rdflib.URIRef(PATRUSHEV), RDFS_LABEL)}
        assert any("Patrushev" in label or "Patrouchev" in label for label in labels), labels
    elif fmt in (CSV, TSV):
        text = result.decode("utf-8")
        assert ("true" in text) if form == "ASK" else ("Patr" in text), text
    elif form == "ASK":
        value = result["boolean"] if isinstance(result, dict) else result.getElementsByTagName("boolean")[0] \
            .firstChild.data == "true"
        assert value is True
    elif isinstance(result, dict):
        assert any("Patr" in b["l"]["value"] for b in result["results"]["bindings"]), result
    else:
        assert "Patr" in result.toxml(), result.toxml()[:500]


@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
@pytest.mark.parametrize("form", list(QUERIES))
@pytest.mark.parametrize("fmt", RETURN_FORMATS)
def test_sparqlwrapper_every_return_format(endpoint: str, form: str, fmt: str, method: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(QUERIES[form])
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method == POST:
        client.setMethod(POST)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.query()
        result = response.convert()
    assert response.response.status == 200
    _check(form, fmt, result)
    if fmt in NATURAL[form]:  # answered in the format asked for: SPARQLWrapper has nothing to warn about
        assert not [w for w in caught if "was" in str(w.message)], [str(w.message) for w in caught]


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore(endpoint: str, method: str) -> None:
    store = SPARQLStore(endpoint, method=method)  # its default Accept: SPARQL XML results or RDF/XML
    rows = list(store.query(QUERIES["SELECT"]))
    assert rows and any("Patr" in str(r[0]) for r in rows)
    assert store.query(QUERIES["ASK"]).askAnswer is True
    for form in ("CONSTRUCT", "DESCRIBE"):
        graph = store.query(QUERIES[form]).graph
        assert graph is not None and (rdflib.URIRef(PATRUSHEV), RDFS_LABEL, None) in graph
    as_json = SPARQLStore(endpoint, returnFormat="json", method=method)
    assert any("Patr" in str(r[0]) for r in as_json.query(QUERIES["SELECT"]))


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
@pytest.mark.parametrize(("args", "content_type", "rdf_format"), [
    (["-H", "Accept: text/n3"], "text/n3", "n3"),
    (["-H", "Accept: application/turtle"], "text/turtle", "turtle"),
    (["--data-urlencode", "format=n3"], "text/turtle", "turtle"),
    (["--data-urlencode", "output=xml"], "application/rdf+xml", "xml"),
    (["--data-urlencode", "format=json"], "application/ld+json", "json-ld"),
    (["--data-urlencode", "format=json-ld"], "application/ld+json", "json-ld"),
])
def test_curl_graph_format_names_and_types(endpoint: str, args: list[str], content_type: str,
                                           rdf_format: str) -> None:
    out = subprocess.run(["curl", "-sS", "-G", "-D", "-", endpoint, "--data-urlencode",
                          f"query={QUERIES['CONSTRUCT']}", *args], capture_output=True, timeout=60, check=True)
    head, _, body = out.stdout.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    assert f"content-type: {content_type}".encode() in head.lower()
    g = rdflib.Graph().parse(data=body, format=rdf_format)
    assert (rdflib.URIRef(PATRUSHEV), RDFS_LABEL, None) in g


def test_a_format_name_that_names_nothing_is_406(endpoint: str) -> None:
    out = subprocess.run(["curl", "-sS", "-G", "-o", "/dev/null", "-w", "%{http_code}", endpoint, "--data-urlencode",
                          f"query={QUERIES['SELECT']}", "--data-urlencode", "format=png"],
                         capture_output=True, timeout=60, check=True, text=True)
    assert out.stdout == "406"
