"""The /sparql endpoint through Flask's test client, on the sample store."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import signal
import threading
import time
import urllib.parse
from typing import Any

import pytest
import rdflib
from rdflib.query import Result

from kg.config import Settings
from kg.store import open_store
from kg.web import create_app

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
BASE = "https://w3id.org/newskg/"
PATRUSHEV = BASE + "id/person/nikolai-patrushev"
ENTITIES = BASE + "graph/entities"
PREFIXES = "PREFIX org: <http://www.w3.org/ns/org#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
POSTS = PREFIXES + f"SELECT ?role WHERE {{ ?m org:member <{PATRUSHEV}> ; org:role/rdfs:label ?role }}"
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def get(client: Any, query: str, accept: str | None = JSON, **params: str) -> Any:
    qs = urllib.parse.urlencode({"query": query, **params})
    return client.get(f"/sparql?{qs}", headers={"Accept": accept} if accept else {})


def rows(resp: Any, fmt: str = "json") -> list[tuple[str, ...]]:
    assert resp.status_code == 200, resp.data
    return [tuple(str(v) for v in r) for r in Result.parse(io.BytesIO(resp.data), format=fmt)]


def ask(client: Any, query: str, **params: str) -> bool:
    resp = get(client, query, **params)
    assert resp.status_code == 200, resp.data
    return bool(json.loads(resp.data)["boolean"])


# --- the three ways to send a query ---------------------------------------------------------
def test_get_post_form_and_post_direct_give_the_same_rows(client: Any) -> None:
    via_get = rows(get(client, POSTS))
    via_form = rows(client.post("/sparql", data={"query": POSTS}, headers={"Accept": JSON}))
    via_direct = rows(client.post("/sparql", data=POSTS.encode(), headers={
        "Accept": JSON, "Content-Type": "application/sparql-query; charset=utf-8"}))
    assert via_get == via_form == via_direct
    assert any("secrétaire" in r[0] for r in via_get)


@pytest.mark.parametrize("accept, fmt", [(JSON, "json"), (XML, "xml"), ("text/csv", "csv"),
                                         ("text/tab-separated-values", "tsv")])
def test_select_formats(client: Any, accept: str, fmt: str) -> None:
    resp = get(client, POSTS, accept=accept)
    assert resp.mimetype == accept
    assert any("secrétaire" in r[0] for r in rows(resp, fmt))


def test_select_format_parameter_overrides_accept(client: Any) -> None:
    resp = get(client, POSTS, accept="text/csv", format="tsv")
    assert resp.mimetype == "text/tab-separated-values"


@pytest.mark.parametrize("accept", [JSON, XML])
def test_ask_formats(client: Any, accept: str) -> None:
    resp = get(client, f"ASK {{ <{PATRUSHEV}> ?p ?o }}", accept=accept)
    assert resp.mimetype == accept
    assert Result.parse(io.BytesIO(resp.data), format="json" if accept == JSON else "xml").askAnswer is True


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                         ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")])
def test_construct_and_describe_by_content_negotiation(client: Any, accept: str, fmt: str) -> None:
    construct = PREFIXES + (f"CONSTRUCT {{ ?m org:member <{PATRUSHEV}> ; org:role ?r }} "
                            f"WHERE {{ ?m org:member <{PATRUSHEV}> ; org:role ?r }}")
    resp = get(client, construct, accept=accept)
    assert resp.status_code == 200 and resp.mimetype == accept
    g = rdflib.Graph().parse(data=resp.data, format=fmt)
    assert len(list(g.subjects(rdflib.URIRef("http://www.w3.org/ns/org#member"), rdflib.URIRef(PATRUSHEV)))) >= 1
    described = get(client, f"DESCRIBE <{PATRUSHEV}>", accept=accept)
    g = rdflib.Graph().parse(data=described.data, format=fmt)
    assert (rdflib.URIRef(PATRUSHEV), None, None) in g


def test_unacceptable_media_type_is_406(client: Any) -> None:
    assert get(client, POSTS, accept="image/png").status_code == 406
    assert get(client, POSTS, accept="text/turtle").status_code == 406
    assert get(client, POSTS, format="png").status_code == 406


def test_no_accept_header_gives_json(client: Any) -> None:
    assert get(client, POSTS, accept=None).mimetype == JSON


# --- the dataset ----------------------------------------------------------------------------
def test_default_graph_is_the_union_of_all_graphs(client: Any) -> None:
    # Memberships live in article graphs, labels in the entities graph, classes in the ontology graph.
    assert ask(client, PREFIXES + f"ASK {{ ?m org:member <{PATRUSHEV}> . <{PATRUSHEV}> rdfs:label ?l }}")
    assert ask(client, "ASK { <https://w3id.org/newskg/ontology#Person> a <http://www.w3.org/2002/07/owl#Class> }")


def test_the_union_default_graph_is_a_multiset_and_distinct_counts_each_triple_once(client: Any) -> None:
    """What the README and the service description say: a triple stored in n graphs matches n times."""
    resp = get(client, "SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } } "
                       "GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?g) > 1) LIMIT 1")
    found = json.loads(resp.data)["results"]["bindings"]
    assert found, "the sample store has no triple in two graphs"
    b = found[0]
    o = b["o"]
    obj = (f"<{o['value']}>" if o["type"] == "uri" else json.dumps(o["value"], ensure_ascii=False)
           + (f"@{o['xml:lang']}" if "xml:lang" in o else f"^^<{o['datatype']}>" if "datatype" in o else ""))
    triple = f"<{b['s']['value']}> <{b['p']['value']}> {obj}"
    n = b["n"]["value"]
    assert rows(get(client, f"SELECT (COUNT(*) AS ?n) {{ {triple} }}")) == [(n,)]
    assert rows(get(client, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT * {{ {triple} }} }}")) == [("1",)]
    total = rows(get(client, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))[0][0]
    distinct = rows(get(client, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"))[0][0]
    assert int(total) > int(distinct)


def test_protocol_dataset_and_from_narrow_the_default_graph(client: Any) -> None:
    membership = PREFIXES + f"ASK {{ ?m org:member <{PATRUSHEV}> }}"
    assert not ask(client, membership, **{"default-graph-uri": ENTITIES})
    assert ask(client, PREFIXES + f"ASK {{ <{PATRUSHEV}> rdfs:label ?l }}", **{"default-graph-uri": ENTITIES})
    assert not ask(client, PREFIXES + f"ASK FROM <{ENTITIES}> {{ ?m org:member <{PATRUSHEV}> }}")
    named = PREFIXES + f"ASK {{ GRAPH ?g {{ ?m org:member <{PATRUSHEV}> }} }}"
    assert ask(client, named)
    assert not ask(client, named, **{"named-graph-uri": ENTITIES})
    assert get(client, "ASK {}", **{"default-graph-uri": "not an iri"}).status_code == 400


# --- read-only ------------------------------------------------------------------------------
def test_every_update_route_is_refused_and_nothing_is_written(client: Any, sample_store: str) -> None:
    before = len(open_store(sample_store, read_only=True))
    probe = "INSERT DATA { GRAPH <urn:probe> { <urn:s> <urn:p> \"written\" } }"
    responses = [
        client.get("/sparql?" + urllib.parse.urlencode({"update": probe})),
        client.post("/sparql", data={"update": probe}),
        client.post("/sparql", data=probe.encode(), headers={"Content-Type": "application/sparql-update"}),
        get(client, probe),
        client.post("/sparql", data=probe.encode(), headers={"Content-Type": "application/sparql-query"}),
        client.post("/sparql", data=b"LOAD <file:///etc/hostname> INTO GRAPH <urn:probe>",
                    headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", data={"query": "ASK {}", "update": probe}),
        client.put("/sparql", data=probe.encode(), headers={"Content-Type": "application/sparql-update"}),
        client.delete("/sparql?query=ASK%20%7B%7D"),
    ]
    for resp in responses:
        assert 400 <= resp.status_code < 500, (resp.status_code, resp.data)
    assert not ask(client, "ASK { GRAPH <urn:probe> { ?s ?p ?o } }")
    assert len(open_store(sample_store, read_only=True)) == before


def test_cors_for_anonymous_reads(client: Any) -> None:
    resp = get(client, "ASK {}")
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-KG-Truncated" in resp.headers["Access-Control-Expose-Headers"]
    pre = client.options("/sparql", headers={"Origin": "https://example.org",
                                              "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 204
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert pre.headers["Access-Control-Allow-Origin"] == "*"


# --- bad requests ---------------------------------------------------------------------------
@pytest.mark.parametrize("query, message", [
    ("SELEKT * WHERE { ?s ?p ?o }", "malformed"),
    ("SELECT * WHERE { ?s ?p ?o", "malformed"),
    ("SELECT * WHERE { ?s nope:p ?o }", "malformed"),
    ("", "empty"),
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
])
def test_bad_queries_get_400_with_a_message_and_no_traceback(client: Any, query: str, message: str) -> None:
    resp = get(client, query)
    assert resp.status_code == 400
    text = resp.get_data(as_text=True)
    assert message in text and "Traceback" not in text and 'File "' not in text


def test_protocol_errors(client: Any) -> None:
    assert client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D").status_code == 400
    assert client.post("/sparql", data=b"ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", data=b"ASK {}").status_code == 415
    utf16 = client.post("/sparql", data="ASK {}".encode("utf-16"),
                        headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= utf16.status_code < 500
    latin = client.post("/sparql", data="ASK { FILTER(\"é\") }".encode("latin-1"),
                        headers={"Content-Type": "application/sparql-query"})
    assert latin.status_code == 400
    assert client.get("/sparql?query=%FF%FE").status_code == 400
    assert client.post("/sparql", data={"default-graph-uri": ENTITIES}).status_code == 400


def test_twenty_thousand_nested_brackets_are_refused_and_the_server_answers_on(client: Any) -> None:
    deep = "SELECT * WHERE " + "{" * 20_000 + "?s ?p ?o" + "}" * 20_000
    resp = client.post("/sparql", data=deep.encode(), headers={"Content-Type": "application/sparql-query"})
    assert resp.status_code == 400 and b"nested too deeply" in resp.data
    assert ask(client, "ASK {}")


def test_too_long_queries_are_refused(sample_store: str) -> None:
    app = create_app(Settings(store=sample_store, max_query_chars=1000))
    try:
        resp = app.test_client().post("/sparql", data={"query": "ASK {}" + " " * 2000})
        assert resp.status_code == 400 and b"too long" in resp.data
    finally:
        app.extensions["kg"].close()


# --- limits that tell the truth -------------------------------------------------------------
def test_row_cap_is_signalled_in_headers(sample_store: str) -> None:
    app = create_app(Settings(store=sample_store, max_rows=5))
    try:
        c = app.test_client()
        cut = get(c, "SELECT * { ?s ?p ?o }")
        assert len(rows(cut)) == 5
        assert cut.headers["X-KG-Truncated"] == "true" and cut.headers["X-KG-Row-Limit"] == "5"
        whole = get(c, "SELECT * { VALUES ?x { 1 2 3 } }")
        assert len(rows(whole)) == 3 and whole.headers["X-KG-Truncated"] == "false"
        triples = get(c, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
        assert triples.data.count(b"\n") == 5 and triples.headers["X-KG-Truncated"] == "true"
    finally:
        app.extensions["kg"].close()


def test_timeout_is_an_error_status_and_the_next_query_is_answered(sample_store: str) -> None:
    app = create_app(Settings(store=sample_store, query_timeout=1.0))
    try:
        c = app.test_client()
        started = time.monotonic()
        resp = get(c, HEAVY)
        assert resp.status_code == 503 and b"timed out" in resp.data
        assert time.monotonic() - started < 10
        assert ask(c, "ASK {}")
    finally:
        app.extensions["kg"].close()


def test_a_dying_worker_gives_500_and_is_replaced(sample_store: str) -> None:
    app = create_app(Settings(store=sample_store, query_workers=1, query_timeout=20.0))
    pool = app.extensions["kg"].pool.inner
    try:
        c = app.test_client()
        assert ask(c, "ASK {}")  # starts the one worker
        worker = pool._idle.queue[0]

        def kill_soon() -> None:
            time.sleep(0.5)
            os.kill(worker.process.pid, signal.SIGKILL)
        threading.Thread(target=kill_soon).start()
        resp = get(c, HEAVY)
        assert resp.status_code == 500 and b"still up" in resp.data
        assert ask(c, "ASK {}")
    finally:
        app.extensions["kg"].close()


@pytest.mark.parametrize(("query", "expected"), [
    # SPARQL 1.1 §17.3: calling a function the engine does not know is an expression error
    ("SELECT ?x (<http://example/function>(?x + 1) AS ?f) { VALUES ?x { 1 2 } }", [("1", "None"), ("2", "None")]),
    ("SELECT ?x { VALUES ?x { 1 2 } FILTER(<http://example/f>(?x) || ?x = 2) }", [("2",)]),
    ("SELECT ?x { VALUES ?x { 1 } BIND(<http://example/f>(?x) AS ?y) BIND(<http://example/g>(?y) AS ?z) "
     "FILTER(!BOUND(?z)) }", [("1",)]),
])
def test_an_unknown_function_is_an_expression_error_and_the_worker_lives(sample_store: str, query: str,
                                                                         expected: list[tuple[str, ...]]) -> None:
    app = create_app(Settings(store=sample_store, query_workers=1, query_timeout=20.0))
    pool = app.extensions["kg"].pool.inner
    try:
        c = app.test_client()
        assert ask(c, "ASK {}")
        pid = pool._idle.queue[0].process.pid
        assert sorted(rows(get(c, query))) == expected
        assert [w.process.pid for w in pool._idle.queue] == [pid]  # the same worker answered, and is idle
    finally:
        app.extensions["kg"].close()


def test_any_exception_from_the_engine_is_an_answer_not_a_dead_worker(sample_store: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the engine raises becomes an error answer from the same worker (here: in this process)."""
    from kg.query import worker

    def explode(store: Any, job: Any, prefixes: Any) -> Any:
        raise TypeError("an engine bug")
    monkeypatch.setattr(worker, "evaluate", explode)
    job = worker.Job(query="ASK {}", form="ASK", media_type=JSON, max_rows=10)
    parent, child = multiprocessing.Pipe()
    t = threading.Thread(target=worker._serve, args=(child, sample_store, {}))
    t.start()
    try:
        assert parent.recv() == worker.READY
        parent.send(job)
        assert parent.poll(30), "the worker thread died instead of answering"
        answer = parent.recv()
        assert answer.status == 500 and b"still up" in answer.body
        parent.send(worker.Job(query="SELECT * {}", form="SELECT", media_type=JSON, max_rows=10))
        assert parent.poll(30) and parent.recv().status == 500  # still serving
    finally:
        parent.send(None)
        t.join(10)
    assert not t.is_alive()


def test_control_characters_keep_xml_results_well_formed(client: Any) -> None:
    resp = get(client, 'SELECT ?x { BIND("a\\u0001b\\u000Bc" AS ?x) }', accept=XML)
    assert resp.status_code == 200
    assert rows(resp, "xml")  # parses


def test_unicode_round_trip(client: Any) -> None:
    text = "café € 😀 Патрушев"
    assert rows(get(client, f'SELECT ?x {{ BIND("{text}" AS ?x) }}')) == [(text,)]


# --- no outbound requests -------------------------------------------------------------------
def test_service_and_from_never_reach_the_network(client: Any) -> None:
    import http.server

    hits: list[str] = []

    class Canary(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: Any) -> None:
            return

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Canary)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/canary"
    try:
        for query in (f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                      f"SELECT * {{ VALUES ?u {{ <{url}> }} SERVICE SILENT ?u {{ ?s ?p ?o }} }}",
                      f"SELECT * FROM <{url}> {{ ?s ?p ?o }}",
                      f"SELECT * FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
            resp = get(client, query)
            assert resp.status_code in (200, 400)
        time.sleep(0.3)
        assert hits == []
    finally:
        srv.shutdown()
        srv.server_close()


# --- service description --------------------------------------------------------------------
def test_service_description(client: Any) -> None:
    resp = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert resp.status_code == 200 and resp.mimetype == "text/turtle"
    g = rdflib.Graph().parse(data=resp.data, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    svc = rdflib.URIRef("http://localhost/sparql")
    assert (svc, sd.endpoint, svc) in g
    assert (svc, sd.feature, sd.UnionDefaultGraph) in g
    assert (svc, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (svc, sd.supportedLanguage, sd.SPARQL11Update) not in g
    assert "union of all named graphs" in g.serialize(format="nt")


def test_a_browser_opening_the_endpoint_is_sent_to_the_query_editor(client: Any) -> None:
    resp = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert resp.status_code == 303 and resp.headers["Location"].endswith("/query")
