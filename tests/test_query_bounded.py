"""Queries of one triple pattern, answered in the server process (kg.query.bounded, kg.web.sparql):
only that shape, the same answers as the query workers give, under the same fair use."""
from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.query.bounded import bounded
from kg.web import create_app

EX = "http://example.org/"
ONE_PATTERN = [
    f"SELECT ?o WHERE {{ <{EX}s1> <{EX}p> ?o }}",
    f"PREFIX ex: <{EX}>\nselect * {{ ?s ex:p \"7\" . }} LIMIT 5",
    f"BASE <{EX}> SELECT ?s {{ ?s <p> ?o }}",
    f"ASK {{ ?s a <{EX}C> }}",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    f"SELECT ?s {{ ?s <{EX}q> 12.5 }}",
    f"SELECT ?s {{ ?s <{EX}q> \"x\"@fr-CA }}",
]
NOT_ONE_PATTERN = [
    "SELECT DISTINCT ?p { ?s ?p ?o }", "SELECT ?s { ?s ?p ?o } OFFSET 100000000", "SELECT ?s { ?s ?p ?o } ORDER BY ?s",
    f"SELECT ?s {{ ?s <{EX}p>* ?o }}", "SELECT ?s { ?s ?p ?o . ?o ?q ?r }", "SELECT ?s { ?s ?p ?o # c\n }",
    "SELECT ?s { ?s ?p ?o FILTER(regex(?o, \"a\")) }", f"SELECT ?s FROM <{EX}g> {{ ?s ?p ?o }}",
    f"SELECT ?s {{ SERVICE <{EX}> {{ ?s ?p ?o }} }}", "SELECT ?s { GRAPH ?g { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "SELECT ?s { ?s ?p [] }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    'SELECT ?s { ?s ?p """x""" }', f"SELECT ?s {{ <{EX}\\u0041> ?p ?o }}", "SELECT ?s { ?s ?p ?o } LIMIT 1 OFFSET 1",
    "SELECT ?s {?s ?p ?o} GROUP BY ?s", "SELECT ?sa ?o { ?sa ?o }", "DESCRIBE <http://example.org/s1>",
    "SELECT ?s { ?s SERVICE:x <http://example.org/o> }", 'SELECT ?s { ?s ?p "a service" }',
    "SELECT ?s { ?s ?p ?o } VALUES ?s { <http://example.org/s1> }", "SELECT ?s { ?s ?p ?o OPTIONAL { ?o ?q ?r } }",
    "SELECT ?s { { ?s ?p ?o } UNION { ?o ?p ?s } }", "SELECT ?s { ?s ?p ?o BIND(1 AS ?x) }",
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    f"SELECT ?s {{ ?s <{EX}p> +1 }}", f"SELECT ?s {{ ?s a +1 }}", f"SELECT ?s {{ ?s <{EX}p> -1 }}",
]


@pytest.mark.parametrize("query", ONE_PATTERN)
def test_one_pattern_is_bounded(query: str) -> None:
    assert bounded(query)


@pytest.mark.parametrize("query", NOT_ONE_PATTERN)
def test_anything_more_is_not(query: str) -> None:
    assert not bounded(query)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bounded") / "store"
    s = ox.Store(str(path))
    g = ox.NamedNode("https://w3id.org/newskg/graph/article/b1")
    s.extend(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i % 10)), g) for i in range(50))
    s.add(ox.Quad(ox.NamedNode(f"{EX}s1"), ox.NamedNode(f"{EX}q"), ox.Literal("x", language="fr-ca"), g))
    s.flush()
    del s
    return str(path)


@pytest.fixture()
def app(store: str) -> Iterator[Any]:
    app = create_app(Settings(store=store, max_rows=20, cache_size=0))
    yield app
    app.extensions["kg"].close()


class NoWorkers:
    """Stands in for the query pool: any query that reaches it fails the test's expectation (500)."""

    def run(self, job: Any, timeout: float | None = None) -> Any:
        raise AssertionError(f"a query worker was asked: {job.query}")

    def close(self) -> None:
        """Nothing to stop."""


def answer(client: Any, how: str, query: str, accept: str) -> Any:
    if how == "GET":
        return client.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    if how == "form":
        return client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    return client.post("/sparql", data=query.encode(), headers={"Accept": accept,
                                                                 "Content-Type": "application/sparql-query"})


@pytest.mark.parametrize("how", ["GET", "form", "direct"])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_answers_equal_the_workers_answers(app: Any, how: str, accept: str) -> None:
    client = app.test_client()
    for query in ONE_PATTERN:
        by_worker = answer(client, how, query + "\n# a comment sends it to a worker", accept)
        fast = answer(client, how, query, accept)
        assert fast.status_code == by_worker.status_code == 200, (query, fast.data[:200])
        assert fast.data == by_worker.data, query
        for name in ("Content-Type", "X-KG-Rows", "X-KG-Row-Limit", "X-KG-Truncated", "Vary", "Cache-Control",
                     "Access-Control-Allow-Origin", "X-Content-Type-Options"):
            assert fast.headers.get(name) == by_worker.headers.get(name), (query, name)


def test_one_pattern_queries_need_no_worker_and_keep_the_row_cap(app: Any) -> None:
    client = app.test_client()
    app.extensions["kg"].pool.inner = NoWorkers()
    r = answer(client, "GET", "SELECT * { ?s ?p ?o }", "application/sparql-results+json")
    assert r.status_code == 200 and r.headers["X-KG-Truncated"] == "true"
    assert len(r.json["results"]["bindings"]) == 20
    assert answer(client, "GET", f"ASK {{ <{EX}s1> <{EX}q> ?x }}", "application/json").json["boolean"] is True
    # Anything else still goes to a worker (here: the stand-in, whose failure is answered 500).
    assert answer(client, "GET", "SELECT DISTINCT ?o { ?s ?p ?o }", "application/json").status_code == 500


def test_one_pattern_queries_keep_to_fair_use(store: str) -> None:
    app = create_app(Settings(store=store, rate_limit=0.01, rate_burst=3, max_client_queries=1, cache_size=0))
    try:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "10.0.0.7"
        fair = app.extensions["kg"].fair
        assert fair.begin_query("10.0.0.7") is None  # one of the client's queries is running
        r = answer(client, "GET", f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}", "application/json")
        assert r.status_code == 429 and "concurrent queries" in r.get_data(as_text=True)
        fair.end_query("10.0.0.7")
        assert answer(client, "GET", f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}", "application/json").status_code == 200
        assert fair.tracked()[1] == 0  # its slot was given back
        assert answer(client, "GET", f"SELECT ?o {{ <{EX}s2> <{EX}p> ?o }}", "application/json").status_code == 200
        r = answer(client, "GET", f"SELECT ?o {{ <{EX}s3> <{EX}p> ?o }}", "application/json")
        assert r.status_code == 429 and r.headers["Retry-After"]  # the bucket (3) is empty
    finally:
        app.extensions["kg"].close()


def test_engine_errors_and_refusals_are_the_endpoints(app: Any) -> None:
    client = app.test_client()
    r = answer(client, "GET", "SELECT ?s { ?s ?p ?o } LIMIT 99999999999999999999", "application/json")
    assert r.status_code == 200 and r.headers["X-KG-Truncated"] == "true"  # lowered to 2^63-1, as always
    r = answer(client, "GET", f"SELECT ?o {{ <{EX}s1> undeclared:p ?o }}", "application/json")
    assert r.status_code == 400 and "query" in r.get_data(as_text=True).lower()
    assert answer(client, "GET", f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}", "image/png").status_code == 406
    assert client.post("/sparql", data=f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}".encode("utf-16"),
                       headers={"Content-Type": "application/sparql-query; charset=utf-16"}).status_code == 415


def test_the_pages_reader_gives_the_engine_and_its_version(app: Any, store: str) -> None:
    engine, version = app.extensions["kg"].reader.engine()
    assert isinstance(engine, ox.Store) and version and Path(store).is_dir()


def test_rows_holding_much_text_go_to_a_worker(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.web import sparql

    monkeypatch.setattr(sparql, "BOUNDED_MAX_BYTES", 200)  # 8 MiB in earnest: 10,000 article texts would not fit
    client = app.test_client()
    app.extensions["kg"].pool.inner = NoWorkers()
    assert answer(client, "GET", f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}", "application/json").status_code == 200
    # Twenty rows of three terms are more than 200 characters: the (stand-in) worker is asked.
    assert answer(client, "GET", "SELECT * { ?s ?p ?o }", "application/json").status_code == 500


def test_an_engine_failure_in_the_server_process_goes_to_a_worker(app: Any, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    from kg.web import sparql

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("engine")
    monkeypatch.setattr(sparql, "evaluate", broken)  # the engine in this process (a one-pattern query)
    monkeypatch.setattr(sparql, "lookup_answer", broken)  # the index read of a lookup (kg.query.lookup)
    for query in (f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}", f"BASE <{EX}> SELECT ?o {{ <s1> <p> ?o }}"):
        caplog.clear()
        r = answer(app.test_client(), "GET", query, "application/json")
        assert r.status_code == 200 and r.json["results"]["bindings"]  # the worker's answer
        assert "handing it to a query worker" in caplog.text
