"""The W3C SPARQL 1.1 query suites through the /sparql endpoint of a real `kg serve`.

Syntax: every positive test is answered (SERVICE, refused on purpose, excepted), every negative one
gets 400, none gets a 500. Evaluation: each test's data is stored in named graphs and the query is
sent with the protocol dataset (default-graph-uri, named-graph-uri); every answer must equal what the
engine itself gives for the same query and dataset (the endpoint adds no error), and at least
MIN_W3C_PASSING answers equal the suite's expected results (the rest are the engine's own deviations).
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from conftest import serve_store
from rdflib.compare import isomorphic
from w3c_sparql import (
    Evaluation,
    Row,
    Syntax,
    evaluation_tests,
    expected_graph,
    expected_rows,
    graph_name,
    load_into,
    syntax_tests,
    term_text,
)

SYNTAX = syntax_tests()
EVALUATION = evaluation_tests()
EMPTY_GRAPH = "urn:x-kg-test:empty"  # a default graph with nothing in it, for tests that give no data
MIN_W3C_PASSING = 174  # of the evaluation tests whose expected answer this runner compares


@pytest.fixture(scope="module")
def suite_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("w3c-sparql") / "store"
    store = ox.Store(str(path))
    load_into(store, {p for t in EVALUATION for p in (*t.data, *t.graph_data)})
    store.flush()
    del store
    return str(path)


@pytest.fixture(scope="module")
def endpoint(suite_store: str) -> Iterator[str]:
    with serve_store(suite_store, "--query-workers", "2", "--query-timeout", "20") as url:
        yield f"{url}/sparql"


def post(endpoint: str, query: str, accept: str, params: list[tuple[str, str]] = ()) -> tuple[int, str, bytes]:
    url = endpoint + ("?" + urllib.parse.urlencode(params) if params else "")
    req = urllib.request.Request(url, data=query.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-query", "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers.get_content_type(), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get_content_type(), e.read()


def test_the_suites_are_there() -> None:
    assert sum(t.positive for t in SYNTAX) == 60 and sum(not t.positive for t in SYNTAX) == 26
    assert len(EVALUATION) == 180


@pytest.mark.parametrize("test", SYNTAX, ids=[t.name for t in SYNTAX])
def test_syntax(endpoint: str, test: Syntax) -> None:
    query = test.query.read_text(encoding="utf-8")
    status, _, body = post(endpoint, query, "application/sparql-results+json, text/turtle;q=0.9")
    assert status != 500, body
    if not test.positive:
        assert status == 400, body
    elif "SERVICE" in query.upper():
        assert status in (200, 400), body  # SERVICE is refused on purpose (no outbound requests)
    else:
        assert status == 200, body


def _dataset(test: Evaluation) -> tuple[list[str], list[str]]:
    return ([graph_name(p) for p in test.data] or [EMPTY_GRAPH]), [graph_name(p) for p in test.graph_data]


def _query_text(test: Evaluation) -> str:
    # Relative IRIs in a test query resolve against the query file, as the suite's runners read it.
    return f"BASE <{test.query.resolve().as_uri()}>\n" + test.query.read_text(encoding="utf-8")


def _rows_of_json(doc: dict[str, Any]) -> tuple[list[str], list[Row]] | bool:
    if "boolean" in doc:
        return bool(doc["boolean"])
    names = doc["head"]["vars"]

    def term(b: dict[str, str] | None) -> str:
        if b is None:
            return ""
        if b["type"] == "uri":
            return term_text(ox.NamedNode(b["value"]))
        if b["type"] == "bnode":
            return "_:b"
        if "xml:lang" in b:
            return term_text(ox.Literal(b["value"], language=b["xml:lang"]))
        return term_text(ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]) if "datatype" in b else None))
    return names, sorted(tuple(term(row.get(n)) for n in names) for row in doc["results"]["bindings"])


def _engine(store: ox.Store, test: Evaluation) -> Any:
    default, named = _dataset(test)
    result = store.query(_query_text(test), default_graph=[ox.NamedNode(g) for g in default],
                         named_graphs=[ox.NamedNode(g) for g in named])
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return names, sorted(tuple(term_text(s[n]) for n in names) for s in result)
    return rdflib.Graph().parse(data="".join(f"{t} .\n" for t in result), format="nt")


@pytest.fixture(scope="module")
def answers(endpoint: str, suite_store: str) -> list[tuple[Evaluation, int, Any, Any]]:
    """(test, status, the endpoint's answer, the engine's answer) for every evaluation test."""
    store = ox.Store.read_only(suite_store)
    out = []
    for test in EVALUATION:
        default, named = _dataset(test)
        params = [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]
        status, ctype, body = post(endpoint, _query_text(test),
                                   "application/sparql-results+json, application/n-triples;q=0.9", params)
        got: Any = body
        if status == 200 and ctype == "application/sparql-results+json":
            got = _rows_of_json(json.loads(body))
        elif status == 200:
            got = rdflib.Graph().parse(data=body, format="nt")
        try:
            engine: Any = _engine(store, test)
        except (SyntaxError, ValueError, OSError, RuntimeError) as e:
            engine = f"engine error: {e}"
        out.append((test, status, got, engine))
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, rdflib.Graph) and isinstance(b, rdflib.Graph):
        return isomorphic(a, b)
    return bool(a == b)


def test_evaluation_answers_are_the_engines_and_never_a_500(answers: list[tuple[Evaluation, int, Any, Any]]) -> None:
    server_errors = [(t.name, s) for t, s, _, _ in answers if s >= 500]
    assert server_errors == []
    differ = [t.name for t, s, got, engine in answers if not (
        (s == 200 and _same(got, engine)) or (s == 400 and isinstance(engine, str)))]
    assert differ == []


def test_evaluation_answers_match_the_w3c_results(answers: list[tuple[Evaluation, int, Any, Any]]) -> None:
    compared, passed, failed = 0, 0, []
    for test, status, got, _ in answers:
        if test.result is None:
            continue
        expected: Any = expected_rows(test.result) if test.result.suffix != ".ttl" else expected_graph(test.result)
        if expected is None:
            continue
        compared += 1
        if isinstance(expected, tuple) and isinstance(got, tuple):
            ok = sorted(expected[1]) == sorted(_project(got, expected[0]))
        else:
            ok = status == 200 and _same(got, expected)
        passed += ok
        if not ok:
            failed.append(test.name)
    assert compared >= 170, compared
    assert passed >= MIN_W3C_PASSING, f"{passed} of {compared} pass; failing: {failed}"


def _project(got: tuple[list[str], list[Row]], names: list[str]) -> list[Row]:
    """The endpoint's rows with their columns in the expected file's order."""
    index = [got[0].index(n) if n in got[0] else None for n in names]
    return [tuple(row[i] if i is not None else "" for i in index) for row in got[1]]
