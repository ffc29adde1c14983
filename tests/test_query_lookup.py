"""One-pattern lookups read from the store's indexes (kg.query.lookup): byte for byte the engine's answers,
or handed back to the engine; and the quicker request reading and JSON writing they go with."""
from __future__ import annotations

import json
import random
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.query import formats
from kg.query.guard import inspect_query
from kg.query.lookup import answer, parse
from kg.query.worker import Job, TooLarge, evaluate
from kg.rdf.vocab import PREFIXES
from kg.store.results import term_json
from kg.web import create_app
from kg.web.sparql import ProtocolError, _decode_pairs, _quick_pairs

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
BASE_IRI = "http://localhost/sparql"
MEDIA_TYPES = [formats.RESULTS_JSON, formats.RESULTS_XML, formats.CSV, formats.TSV, "application/json"]
MAX_ROWS = 20


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def quads() -> list[ox.Quad]:
    g1, g2 = n("g1"), n("g2")
    p, q = n("p"), n("q")
    out = [ox.Quad(n(f"s{i}"), p, ox.Literal(str(i % 10)), g1) for i in range(40)]  # more than MAX_ROWS
    out += [
        ox.Quad(n("s1"), q, ox.Literal("x", language="fr-ca"), g1),
        ox.Quad(n("s1"), q, ox.Literal("x", language="en"), g2),
        ox.Quad(n("s1"), q, ox.Literal("Nikolaï \"Patrouchev\"\\\t\n\u00a0𝄞 ‮", language="ru"), g1),
        ox.Quad(n("s1"), q, ox.Literal("01", datatype=ox.NamedNode(XSD + "integer")), g1),
        ox.Quad(n("s1"), q, ox.Literal("-7", datatype=ox.NamedNode(XSD + "integer")), g1),
        ox.Quad(n("s1"), q, ox.Literal("12.5", datatype=ox.NamedNode(XSD + "decimal")), g1),
        ox.Quad(n("s2"), q, ox.Literal("0.50", datatype=ox.NamedNode(XSD + "decimal")), g1),
        ox.Quad(n("s1"), q, ox.Literal("1.5E3", datatype=ox.NamedNode(XSD + "double")), g1),
        ox.Quad(n("s1"), q, ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), g1),
        ox.Quad(n("s1"), q, ox.Literal("2022-09-20", datatype=ox.NamedNode(XSD + "date")), g2),
        ox.Quad(n("s1"), q, ox.Literal("it's"), g2),
        ox.Quad(n("s1"), q, ox.BlankNode("b0"), g1),
        ox.Quad(n("s1"), q, ox.Triple(n("a"), n("b"), ox.Literal("c")), g1),
        ox.Quad(ox.BlankNode("b0"), q, n("s2"), g1),
        ox.Quad(n("s2"), q, n("s1"), ox.DefaultGraph()),  # the default graph is in the union too
        ox.Quad(n("s2"), q, n("s1"), g1),  # the same triple in two graphs: twice
        ox.Quad(n("s2"), q, n("s1"), g2),
        ox.Quad(n("s3"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n("C"), g2),
        ox.Quad(ox.NamedNode("http://example.org/été/ü%C3%BC"), q, ox.Literal("ünïcode"), g2),
        ox.Quad(n("s4"), q, ox.Literal("long " * 80), g2),  # longer than formats.MAX_REMEMBERED
    ]
    out += [ox.Quad(ox.NamedNode(iri), n("iri"), ox.Literal(str(i)), g2) for i, iri in enumerate(IRIS)]
    return out


# IRIs a lookup takes as they are written, as the engine does with a base (no dot segment to remove).
IRIS = ["HTTP://Example.org/A", "urn:x", "http://a", "http://a?q=1", "http://a#f", "http://[::1]:8080/p",
        "http://a/%7Euser", "mailto:x@y", "http://a/b;c=d", "file:///tmp/x", "http://a/b//c", "http://é.org/ü"]


# Every one a lookup the module answers itself (parse() is not None).
LOOKUPS = [
    f"SELECT ?o WHERE {{ <{EX}s1> <{EX}q> ?o }}",
    f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}",  # more rows than the cap: cut
    "SELECT * { ?s ?p ?o }",
    "select * where{?zz ?a ?m}",
    f"SELECT ?p {{ <{EX}s1> ?p ?o }}",
    f"SELECT ?s {{ ?s ?p <{EX}s1> }}",
    f"SELECT $s {{ ?s ?p $o }} LIMIT 3",
    f"SELECT ?s ?o {{ ?s <{EX}p> ?o . }} limit 0",
    f"SELECT ?s ?o {{ ?s <{EX}p> ?o }} LIMIT 25",
    f"SELECT ?x ?o {{ <{EX}s1> <{EX}q> ?o }}",  # ?x never bound
    f"SELECT * {{ <{EX}s2> <{EX}q> <{EX}s1> }}",  # no variable: one empty row per graph
    f"PREFIX ex: <{EX}>\nselect * {{ ?s ex:p \"7\" . }} LIMIT 5",
    f"PREFIX ex: <http://nowhere/> PREFIX ex: <{EX}> SELECT ?s {{ ?s ex:q 'x'@FR-CA }}",
    f"PREFIX : <{EX}> SELECT ?s {{ ?s :q \"x\"@en }}",
    f"SELECT ?s {{ ?s <{EX}q> \"Nikolaï \\\"Patrouchev\\\"\\\\\\t\\n\u00a0𝄞 ‮\"@ru }}",
    f"SELECT ?s {{ ?s <{EX}q> 'it\\'s' }}",
    f"SELECT ?s {{ ?s <{EX}q> \"it's\"^^<{XSD}string> }}",
    f"SELECT ?s {{ ?s <{EX}q> 1 }}",
    f"SELECT ?s {{ ?s <{EX}q> 01 }}",
    f"SELECT ?s {{ ?s <{EX}q> .5 }}",
    f"SELECT ?s {{ ?s <{EX}q> \"1\"^^<{XSD}integer> }}",
    f"SELECT ?s {{ ?s <{EX}q> 12.5 }}",
    f"SELECT ?s {{ ?s <{EX}q> 1.5e3 }}",
    f"SELECT ?s {{ ?s <{EX}q> true }}",
    f"SELECT ?s {{ ?s <{EX}q> false }}",
    f"PREFIX xsd: <{XSD}> SELECT ?s {{ ?s <{EX}q> \"2022-09-20\"^^xsd:date }}",
    f"SELECT ?o {{ <{EX}été/ü%C3%BC> ?p ?o }}",
    f"SELECT ?s {{ ?s a <{EX}C> }}",
    f"SELECT ?o {{ <{EX}s4> ?p ?o }}",
    f"SELECT ?o {{ <{EX}nothing> ?p ?o }}",
    f"ASK {{ ?s a <{EX}C> }}",
    f"ASK WHERE {{ <{EX}s1> <{EX}q> 'nothing' }}",
]
# One pattern (kg.query.bounded) but not read here: the engine answers them.
TO_THE_ENGINE = [
    f"BASE <{EX}> SELECT ?s {{ ?s <q> ?o }}",  # relative IRIs
    f"SELECT ?s {{ ?s <{EX}a/../q> ?o }}",  # a dot segment
    f"SELECT ?s {{ ?s <{EX}./q> ?o }}",
    "SELECT ?s { ?s ?p ?s }",  # a join within the pattern
    "SELECT ?s ?s { ?s ?p ?o }",  # refused by the engine
    f"SELECT ?s {{ ?s <{EX}q> \"x\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> }}",
    f"SELECT ?s {{ ?s <{EX}q> 1. }}",
    f"SELECT ?s {{ ?s <{EX}q> +1 }}",  # not even one pattern: <q>+ is a path
    f"SELECT ?s {{ ?s undeclared:q ?o }}",
    f"SELECT ?s {{ ?s <{EX}q> \"x\"@1-bad- }}",
    "SELECT ?s { ?s <not an iri> ?o }",
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("lookup") / "store"
    s = ox.Store(str(path))
    s.extend(quads())
    s.flush()
    del s
    return str(path)


@pytest.fixture(scope="module")
def store(store_path: str) -> ox.Store:
    return ox.Store.read_only(store_path)


def by_engine(store: ox.Store, query: str, media_type: str, max_bytes: int = 8 << 20) -> Any:
    shape = inspect_query(query, max_chars=10_000, max_depth=64)
    job = Job(query=shape.text, form=shape.form, media_type=media_type, max_rows=MAX_ROWS, base_iri=BASE_IRI)
    return evaluate(store, job, PREFIXES, max_bytes=max_bytes)


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
@pytest.mark.parametrize("query", LOOKUPS)
def test_a_lookup_answers_what_the_engine_answers(store: ox.Store, query: str, media_type: str) -> None:
    lookup = parse(query)
    assert lookup is not None, query
    mine = answer(store, lookup, media_type, MAX_ROWS, 8 << 20)
    engine = by_engine(store, query, media_type)
    assert engine.status == 200, engine.body
    assert (mine.status, mine.media_type, mine.rows, mine.truncated) == \
        (engine.status, engine.media_type, engine.rows, engine.truncated)
    assert mine.body == engine.body


@pytest.mark.parametrize("iri", IRIS)
def test_iris_are_read_as_the_engine_reads_them(store: ox.Store, iri: str) -> None:
    query = f"SELECT ?o {{ <{iri}> <{EX}iri> ?o }}"
    lookup = parse(query)
    assert lookup is not None
    mine = answer(store, lookup, formats.RESULTS_JSON, MAX_ROWS, 8 << 20)
    assert mine.rows == 1 and mine.body == by_engine(store, query, formats.RESULTS_JSON).body


def test_the_lookups_cover_what_they_claim(store: ox.Store) -> None:
    """Not vacuous: rows cut at the cap, several graphs, blank nodes, triples and unbound values are among them."""
    bodies = {q: json.loads(answer(store, parse(q), formats.RESULTS_JSON, MAX_ROWS, 8 << 20).body)  # type: ignore[arg-type]
              for q in LOOKUPS if not q.startswith("ASK")}
    types = {b[v]["type"] for body in bodies.values() for b in body["results"]["bindings"] for v in b}
    assert types == {"uri", "literal", "bnode", "triple"}
    assert answer(store, parse(LOOKUPS[1]), formats.RESULTS_JSON, MAX_ROWS, 8 << 20).truncated  # type: ignore[arg-type]
    assert len(bodies[f"SELECT * {{ <{EX}s2> <{EX}q> <{EX}s1> }}"]["results"]["bindings"]) == 3
    empty = {q for q, body in bodies.items() if not body["results"]["bindings"]}
    assert empty == {f"SELECT ?s ?o {{ ?s <{EX}p> ?o . }} limit 0", f"SELECT ?s {{ ?s <{EX}q> false }}",
                     f"SELECT ?o {{ <{EX}nothing> ?p ?o }}"}


@pytest.mark.parametrize("query", TO_THE_ENGINE)
def test_what_is_not_read_exactly_goes_to_the_engine(query: str) -> None:
    assert parse(query) is None


def test_the_guard_has_nothing_more_to_say_of_a_lookup() -> None:
    """The front door skips the guard's lexer for lookups: it would accept each one unchanged."""
    for query in LOOKUPS:
        assert inspect_query(query, max_chars=len(query), max_depth=1).text == query


def test_long_rows_are_too_large(store: ox.Store) -> None:
    lookup = parse(f"SELECT ?o {{ <{EX}s4> ?p ?o }}")
    assert lookup is not None
    with pytest.raises(TooLarge):
        answer(store, lookup, formats.RESULTS_JSON, MAX_ROWS, 400)
    with pytest.raises(TooLarge):
        by_engine(store, f"SELECT ?o {{ <{EX}s4> ?p ?o }}", formats.RESULTS_JSON, 400)
    assert answer(store, lookup, formats.RESULTS_JSON, MAX_ROWS, 401).rows == 2  # 400 characters and 1


# --- through the endpoint ---------------------------------------------------------------------
@pytest.fixture()
def app(store_path: str) -> Iterator[Any]:
    app = create_app(Settings(store=store_path, max_rows=MAX_ROWS, cache_size=0))
    yield app
    app.extensions["kg"].close()


def request(client: Any, how: str, query: str, accept: str, **headers: str) -> Any:
    if how == "GET":
        return client.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept, **headers})
    if how == "form":
        return client.post("/sparql", data={"query": query}, headers={"Accept": accept, **headers})
    return client.post("/sparql", data=query.encode(), headers={"Accept": accept, **headers,
                                                                 "Content-Type": "application/sparql-query"})


HEADERS = ("Content-Type", "X-KG-Rows", "X-KG-Row-Limit", "X-KG-Truncated", "Vary", "Cache-Control", "ETag",
           "Content-Length", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "X-Content-Type-Options")


@pytest.mark.parametrize("how", ["GET", "form", "direct"])
@pytest.mark.parametrize("accept", [formats.RESULTS_JSON, formats.RESULTS_XML, formats.CSV, formats.TSV])
def test_the_endpoint_answers_a_lookup_as_a_worker_does(app: Any, how: str, accept: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.web import sparql

    engine_calls: list[str] = []
    engine = sparql.evaluate
    monkeypatch.setattr(sparql, "evaluate", lambda e, job, *a, **k: engine_calls.append(job.query) or engine(e, job, *a, **k))
    client = app.test_client()
    graph = f"SELECT ?s ?o {{ GRAPH <{EX}g2> {{ ?s <{EX}q> ?o }} }}"  # not one pattern: a worker answers both
    for query in [*LOOKUPS, graph]:
        by_worker = request(client, how, query + "\n# a comment sends it to a worker", accept)
        fast = request(client, how, query, accept)
        assert fast.status_code == by_worker.status_code == 200, (query, fast.data[:200])
        assert fast.data == by_worker.data, query
        for name in HEADERS:
            assert fast.headers.get(name) == by_worker.headers.get(name), (query, name)
        again = request(client, how, query, accept, **{"If-None-Match": fast.headers["ETag"]})
        assert again.status_code == (304 if how == "GET" else 200)
    assert engine_calls == []  # every lookup was read from the indexes, none went to the engine


def test_the_endpoint_still_refuses_what_it_refused(app: Any) -> None:
    client = app.test_client()
    r = request(client, "GET", f"SELECT ?o {{ <{EX}s1> undeclared:p ?o }}", formats.RESULTS_JSON)
    assert r.status_code == 400
    assert request(client, "GET", f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}", "image/png").status_code == 406
    long = f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}" + " " * 300
    small = create_app(Settings(store=app.extensions["kg"].settings.store, max_query_chars=200, cache_size=0))
    try:
        r = request(small.test_client(), "GET", long, formats.RESULTS_JSON)
        assert r.status_code == 400 and "too long" in r.get_data(as_text=True)
    finally:
        small.extensions["kg"].close()
    r = client.get("/sparql?query=" + urllib.parse.quote(f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}") + "&query=x")
    assert r.status_code == 400 and "more than one" in r.get_data(as_text=True)
    r = client.get("/sparql?query=" + urllib.parse.quote(f"SELECT ?o {{ <{EX}s1> <{EX}p> ?o }}") + "%FF")
    assert r.status_code == 400 and "UTF-8" in r.get_data(as_text=True)


# --- reading the request, writing JSON --------------------------------------------------------
def test_quick_pairs_read_what_parse_qsl_reads() -> None:
    rng = random.Random(15)
    pieces = ["query", "format", "=", "&", "+", "%", "%2", "%41", "%C3%A9", "%c3%a9", "%F0%9D%84%9E", "%C3", "%FF",
              "%zz", "\\", "\\x41", "\\%41", "a", "é", "SELECT", " ", ";", "%26", "%3D", "%25", "%5C"]
    decoded = refused = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        try:
            expected: Any = _decode_pairs(text.encode("utf-8"), "test")
        except ProtocolError:
            expected = ProtocolError
        try:
            mine: Any = _quick_pairs(text)
        except UnicodeDecodeError:
            mine = ProtocolError
        if mine is None:  # left to the endpoint: only text it refuses or text that is not ASCII
            assert expected is ProtocolError or not text.isascii(), text
            refused += 1
            continue
        assert mine == expected, text
        decoded += mine is not ProtocolError
    assert decoded > 1000 and refused > 100


def test_json_results_are_what_json_dumps_writes(store: ox.Store) -> None:
    terms = [q.object for q in store.quads_for_pattern(None, None, None, None)]
    terms += [q.subject for q in store.quads_for_pattern(None, None, None, None)]
    rng = random.Random(7)
    for names in ([], ["a"], ["é", "x_1"], ['q"\\\x01\u2028'], ["a", 'q"\\', "é"]):  # names json.dumps escapes too
        rows = [tuple(rng.choice([*terms, None]) for _ in names) for _ in range(rng.randint(0, 30))]
        expected = json.dumps({"head": {"vars": names}, "results": {"bindings": [
            {v: term_json(t) for v, t in zip(names, row) if t is not None} for row in rows]}}, ensure_ascii=False)
        assert formats.solutions(names, rows, formats.RESULTS_JSON) == expected.encode("utf-8")


def test_what_is_remembered_is_short() -> None:
    """The memos of terms, IRIs and client addresses keep short values only: a client sending long ones
    (a 200 KB X-Forwarded-For, long literals) does not fill the server's memory 4,096 times over."""
    from kg.query import lookup
    from kg.web import ratelimit

    formats._term_code.cache_clear()
    long, short = ox.Literal("x" * (formats.MAX_REMEMBERED + 1)), ox.Literal("y")
    assert formats.solutions(["v"], [(long,), (short,)], formats.RESULTS_JSON) == json.dumps(
        {"head": {"vars": ["v"]}, "results": {"bindings": [{"v": term_json(long)}, {"v": term_json(short)}]}},
        ensure_ascii=False).encode()
    assert formats._term_code.cache_info().currsize == 1
    lookup._known_iri.cache_clear()
    assert parse(f"SELECT ?o {{ <{EX}{'a' * formats.MAX_REMEMBERED}> <{EX}p> ?o }}") is not None
    assert lookup._known_iri.cache_info().currsize == 1  # <EX p> only
    ratelimit._known_client.cache_clear()
    assert ratelimit.client_key("10.0.0.1", "a" * 300 + ", 10.0.0.9", True) == "10.0.0.9"
    assert ratelimit.client_key("10.0.0.1", "10.0.0.8", True) == "10.0.0.8"
    assert ratelimit._known_client.cache_info().currsize == 1
