"""A remote SPARQL 1.1 store (`--store http://…/query`) against real servers: the Oxigraph server
(`pip install oxigraph`) and Debian's Virtuoso 7.2 (tests/remote_engines.py starts them)."""
from __future__ import annotations

import base64
import http.server
import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import serve_store
from rdflib import Dataset
from rdflib.compare import isomorphic
from remote_engines import Engine, free_port, oxigraph_server

from kg.cli import main
from kg.config import Settings
from kg.errors import StoreError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
KG = "https://w3id.org/newskg/ontology#"
ARTICLE = {"id": "remote-1", "title": "La Russie et la Chine signent un accord",
           "text": "La Russie et la Chine ont signé un accord à Pékin.", "lang": "fr", "published": "2020-01-10"}
ARTICLE_GRAPH = "https://w3id.org/newskg/graph/article/remote-1"


ENGINES = ("oxigraph", "virtuoso")


@pytest.fixture(scope="module", params=ENGINES)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Each engine in turn: a persistent Oxigraph server of this module's, or the session's Virtuoso."""
    if request.param == "oxigraph":
        with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "data") as engine:
            yield engine
    else:
        yield request.getfixturevalue("virtuoso")


@pytest.fixture()
def remote(server: Engine, extractor: Any) -> str:
    """The query URL of the server, holding samples/ ingested through `kg ingest --store URL`."""
    if not server.samples:
        server.wipe()
        r = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--published", "2022-09-20", *server.store_args()],
                               obj={"extractor": extractor}, env=server.env, catch_exceptions=False)
        assert r.exit_code == 0, r.output
        assert "5 stored, 0 quarantined, 0 failed" in r.stdout
        server.samples = True
    return server.query_url


@pytest.fixture()
def fresh(server: Engine) -> Iterator[Engine]:
    """An empty server: an in-memory Oxigraph server of one's own, or the session's Virtuoso emptied."""
    if server.name == "oxigraph":
        with oxigraph_server(None) as engine:
            yield engine
        return
    server.wipe()
    yield server
    server.wipe()


def run(*args: str, extractor: Any = None, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, list(args), obj={"extractor": extractor}, env=env, catch_exceptions=False)


def dataset(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="nquads")
    return ds


def assert_same_graphs(a: Dataset, b: Dataset) -> None:
    names = {g.identifier for g in a.graphs()}
    assert names == {g.identifier for g in b.graphs()}
    for name in names:
        assert isomorphic(a.graph(name), b.graph(name)), name


def test_export_from_the_remote_is_the_embedded_export(remote: str, sample_store: str, tmp_path: Path) -> None:
    """The same ingest into both stores: identical quads, the ontology's blank-node axioms isomorphic."""
    ours, theirs = tmp_path / "remote.nq", tmp_path / "embedded.nq"
    assert run("export", "--store", remote, "--output", str(ours)).exit_code == 0
    assert run("export", "--store", sample_store, "--output", str(theirs)).exit_code == 0

    def ground(path: Path) -> set[str]:
        return {str(q) for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    assert ground(ours) == ground(theirs) and len(ground(ours)) > 1000
    assert_same_graphs(dataset(ours), dataset(theirs))


def test_export_with_the_graph_store_protocol_and_turtle(remote: str, server: Engine, tmp_path: Path) -> None:
    out = tmp_path / "gsp.nq"
    assert run("export", "--store", remote, "--gsp-url", server.gsp_url, "-o", str(out), env=server.env).exit_code == 0
    plain = tmp_path / "plain.nq"
    run("export", "--store", remote, "-o", str(plain))
    assert_same_graphs(dataset(out), dataset(plain))
    r = run("export", "--store", remote, "--format", "turtle")
    assert r.exit_code == 0 and "@prefix kg:" in r.stdout


def test_query_stats_validate(remote: str, sample_store: str) -> None:
    r = run("query", f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a <{KG}Article> }}", "--store", remote, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["results"]["bindings"][0]["n"]["value"] == "5"
    r = run("query", f"ASK {{ ?a a <{KG}Article> }}", "--store", remote)
    assert r.stdout.strip() == "true"
    r = run("query", "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/newskg/ontology> { ?s ?p ?o } }",
            "--store", remote, "--format", "csv")
    assert r.exit_code == 0 and "<https://w3id.org/newskg/ontology#Person>" in r.stdout
    remote_stats = json.loads(run("stats", "--json", "--store", remote).stdout)
    assert remote_stats == json.loads(run("stats", "--json", "--store", sample_store).stdout)
    assert remote_stats["articles"] == 5
    r = run("validate", "--store", remote)
    assert r.exit_code == 0, r.output
    assert "5 article graphs checked, 0 do not conform, 0 quarantined" in r.stdout


def test_reingest_replaces_the_article_graph_in_one_request(fresh: Engine, extractor: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.store.protocol import Service

    updates: list[str] = []
    original = Service.update

    def recording(self: Service, sparql: str) -> None:
        updates.append(sparql)
        original(self, sparql)
    monkeypatch.setattr(Service, "update", recording)
    store = fresh.query_url
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")

    def graph_quads() -> set[str]:
        r = run("query", f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ARTICLE_GRAPH}> {{ ?s ?p ?o }} }}", "--store", store,
                "--format", "tsv")
        return set(r.stdout.splitlines()[1:])

    def total() -> int:
        return int(json.loads(run("stats", "--json", "--store", store).stdout)["quads"])

    for _ in range(2):  # the same article twice: the same quads, no duplicates
        r = run("ingest", str(src), *fresh.store_args(), extractor=extractor, env=fresh.env)
        assert r.exit_code == 0, r.output
        if _ == 0:
            first, first_total = graph_quads(), total()
    assert graph_quads() == first and total() == first_total
    assert any("Pékin" in q for q in first)
    # Each article is stored by ONE update request holding the drop and the insert of its graph.
    article_updates = [u for u in updates if f"<{ARTICLE_GRAPH}>" in u]
    assert len(article_updates) == 2
    # (On Virtuoso the insert is an INSERT … WHERE {}: it refuses blank nodes in INSERT DATA.)
    insert = "INSERT {" if fresh.name == "virtuoso" else "INSERT DATA {"
    assert all(f"DROP SILENT GRAPH <{ARTICLE_GRAPH}>" in u and insert in u for u in article_updates)

    changed = dict(ARTICLE, text="Le Japon et l'Inde ont signé un accord.")
    src.write_text(json.dumps(changed, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("ingest", str(src), *fresh.store_args(), extractor=extractor, env=fresh.env).exit_code == 0
    now = graph_quads()
    assert any("Japon" in q for q in now) and not any("Pékin" in q for q in now)


def test_load_through_sparql_and_the_graph_store_protocol(fresh: Engine, tmp_path: Path) -> None:
    store = fresh.query_url
    ttl = tmp_path / "x.ttl"
    ttl.write_text('@prefix ex: <http://example.org/> .\nex:a ex:p "é\\n1", [ ex:q ex:b ] .\n', encoding="utf-8")
    r = run("load", str(ttl), *fresh.store_args(), "--graph", "http://example.org/g1", env=fresh.env)
    assert r.exit_code == 0, r.output
    assert f"{ttl}: 3 quads added" in r.stdout
    r = run("load", str(ttl), "--store", store, "--gsp-url", fresh.gsp_url, "--graph", "http://example.org/g2",
            env=fresh.env)
    assert r.exit_code == 0, r.output
    assert f"{ttl}: 3 quads added" in r.stdout
    nq = tmp_path / "x.nq"
    default = '<http://example.org/s> <http://example.org/p> "d" .\n'
    named = '<http://example.org/s> <http://example.org/p> "n" <http://example.org/g3> .\n'
    nq.write_text(default + named)
    r = run("load", str(nq), *fresh.store_args(), env=fresh.env)
    expected = {'<http://example.org/s> <http://example.org/p> "n" <http://example.org/g3>'}
    if fresh.name == "virtuoso":  # it keeps no triple outside a named graph: one line, nothing loaded
        assert r.exit_code == 2 and "Virtuoso keeps no triples outside a named graph" in r.output, r.output
        nq.write_text(named)
        r = run("load", str(nq), *fresh.store_args(), env=fresh.env)
        assert r.exit_code == 0 and f"{nq}: 1 quads added" in r.stdout, r.output
    else:
        assert r.exit_code == 0 and f"{nq}: 2 quads added" in r.stdout
        expected.add('<http://example.org/s> <http://example.org/p> "d"')
    out = tmp_path / "all.nq"
    assert run("export", "--store", store, "-o", str(out)).exit_code == 0
    ds = dataset(out)
    g1, g2 = (ds.graph(f"http://example.org/{n}") for n in ("g1", "g2"))
    assert isomorphic(g1, g2) and len(g1) == 3
    assert {str(q) for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)
            if "http://example.org/s>" in str(q)} == expected
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle\n")
    r = run("load", str(bad), *fresh.store_args(), env=fresh.env)
    assert r.exit_code == 2 and "not valid Turtle" in r.output and "Traceback" not in r.output


def test_web_app_over_the_remote(remote: str) -> None:
    """Pages read the remote; /sparql forwards guarded queries with the row cap and the time limit."""
    from kg.web import create_app

    app = create_app(Settings(store=remote, max_rows=3, query_timeout=2.0))
    app.config["TESTING"] = True
    try:
        client = app.test_client()
        q = f"SELECT ?p ?l WHERE {{ ?p a <{KG}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
        resp = client.get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
        assert resp.status_code == 200, resp.data
        assert resp.headers["X-KG-Rows"] == "3" and resp.headers["X-KG-Truncated"] == "true"
        row = json.loads(resp.data)["results"]["bindings"][0]
        page = client.get("/" + row["p"]["value"].removeprefix("https://w3id.org/newskg/"), headers={"Accept": "text/html"})
        assert page.status_code == 200 and "<html" in page.data.decode()
        assert row["l"]["value"].split()[-1].encode() in page.data
        resp = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"})
        assert resp.status_code == 200 and resp.headers["X-KG-Truncated"] == "true"
        assert len(resp.data.decode().strip().splitlines()) == 3
        resp = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { ?a a <x:Article> }",
                                                   "format": "csv"})
        assert resp.status_code == 200 and resp.data.decode().splitlines() == ["n", "0"]
        # The guard still applies, the remote's 400 is a 400, and a slow query is a 503 "timed out".
        refused = client.get("/sparql", query_string={"query": "SELECT * { SERVICE <http://example.org/s> {} }"})
        assert refused.status_code == 400
        assert client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x"}).status_code == 400
        slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.monotonic()
        resp = client.get("/sparql", query_string={"query": slow})
        assert resp.status_code == 503 and b"timed out" in resp.data
        assert time.monotonic() - started < 10
        assert client.post("/sparql", data="DROP ALL", content_type="application/sparql-update").status_code == 403
    finally:
        app.extensions["kg"].close()


def test_kg_serve_from_a_remote_store(remote: str) -> None:
    with serve_store(remote, "--query-workers", "1") as url:
        qs = urllib.parse.urlencode({"query": f"SELECT (COUNT(?a) AS ?n) {{ ?a a <{KG}Article> }}"})
        req = urllib.request.Request(f"{url}/sparql?{qs}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert json.load(resp)["results"]["bindings"][0]["n"]["value"] == "5"
        with urllib.request.urlopen(f"{url}/id/state/russia", timeout=30) as resp:
            assert resp.status == 200 and "Russie" in resp.read().decode()


@pytest.mark.parametrize("store,needle", [
    ("http://127.0.0.1:{dead}/query", "cannot reach the SPARQL service: connection refused"),
    ("http://127.0.0.1:99999/query", "not a valid URL"),
    ("http://user:secret@127.0.0.1:{dead}/query", "credentials in the URL are refused"),
    ("{server}/no-such-path", "HTTP 404"),
])
def test_remote_errors_are_one_line_with_exit_2(store: str, needle: str, server: Engine) -> None:
    where = store.format(dead=free_port(), server=server.base)
    for verb in (["stats"], ["export"], ["query", "ASK {}"], ["ingest", str(SAMPLES / "ttn-fr-34.txt")]):
        r = run(*verb, "--store", where)
        assert r.exit_code == 2, (verb, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0] and "Traceback" not in r.output, (verb, r.output)
        assert "secret" not in r.output


def test_basic_auth_from_the_environment_and_a_401(tmp_path: Path) -> None:
    """KG_STORE_USER / KG_STORE_PASSWORD are sent as basic auth; a 401 is one line without the password."""
    seen: list[str | None] = []

    class Refusing(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.headers.get("Authorization"))
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(401)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"wrong password\n")

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
        r = run("stats", "--store", url, env={"KG_STORE_USER": "ana", "KG_STORE_PASSWORD": "s3cret"})
        assert r.exit_code == 2 and r.output.count("\n") == 1
        assert "HTTP 401" in r.output and "KG_STORE_PASSWORD" in r.output and "s3cret" not in r.output
        # Basic auth first; a 401 naming no scheme is asked again without credentials, to learn the scheme.
        assert seen == ["Basic " + base64.b64encode(b"ana:s3cret").decode(), None]
        r = run("stats", "--store", url, env={"KG_STORE_USER": "ana"})
        assert r.exit_code == 2 and "go together" in r.output
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fair_pool_caps_each_client() -> None:
    """The remote pool sits behind the same per-client cap as the worker pool (FairUse)."""
    from kg.query.worker import Answer, Job
    from kg.web.ratelimit import FairPool, FairUse

    class Inner:
        def run(self, job: Job, timeout: float | None = None) -> Answer:
            return Answer(200, "text/plain", b"ok")

    fair = FairUse(0, 1, 1, 30.0)
    pool = FairPool(fair, lambda: "192.0.2.1", Inner())  # type: ignore[arg-type]
    job = Job("ASK {}", "ASK", "application/sparql-results+json", 10)
    assert pool.run(job).status == 200 and fair.tracked() == (0, 0)
    assert fair.begin_query("192.0.2.1") is None  # that client's one query is running
    refused = pool.run(job)
    assert refused.status == 429 and "Retry-After" in refused.headers
    fair.end_query("192.0.2.1")
    assert pool.run(job).status == 200


def test_virtuoso_digest_auth_and_what_it_does_not_do(virtuoso: Engine, tmp_path: Path) -> None:
    """Updates reach Virtuoso's /sparql-auth with digest auth (a wrong password is one line); Virtuoso
    applies the operations of one request one by one: an operation that fails leaves the earlier ones."""
    virtuoso.wipe()
    nt = tmp_path / "x.nt"
    nt.write_text('<http://example.org/s> <http://example.org/p> "x" .\n', encoding="utf-8")
    wrong = dict(virtuoso.env, KG_STORE_PASSWORD="not-the-password")
    r = run("load", str(nt), "--graph", "http://example.org/g", *virtuoso.store_args(), env=wrong)
    assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1, r.output
    assert "HTTP 401" in r.output and "not-the-password" not in r.output
    r = run("load", str(nt), "--graph", "http://example.org/g", *virtuoso.store_args(), env=virtuoso.env)
    assert r.exit_code == 0 and "1 quads added" in r.stdout, r.output
    svc = virtuoso.service()
    with pytest.raises(StoreError):  # CREATE GRAPH of a graph that has triples fails at run time
        svc.update("INSERT DATA { GRAPH <http://example.org/h> { <http://example.org/s> <http://example.org/p> 1 } } ;"
                   " CREATE GRAPH <http://example.org/g>")
    assert svc.query("ASK { GRAPH <http://example.org/h> { ?s ?p ?o } }").boolean is True  # not rolled back
    # Its SPARQL compiler takes about 5,000 triples per update: a larger file is refused on one line
    # before anything is sent, and goes through the Graph Store Protocol.
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(6000)),
                   encoding="utf-8")
    r = run("load", str(big), "--graph", "http://example.org/big", *virtuoso.store_args(), env=virtuoso.env)
    assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1 and "--gsp-url" in r.output, r.output
    r = run("load", str(big), "--graph", "http://example.org/big", "--store", virtuoso.query_url,
            "--gsp-url", virtuoso.gsp_url, env=virtuoso.env)
    assert r.exit_code == 0 and "6000 quads added" in r.stdout, r.output
    virtuoso.wipe()


def test_descriptions_over_the_remote_are_the_embedded_stores(remote: str, client: Any) -> None:
    """An actor's RDF description and page data (its facts, as two queries then group them) read from
    the engine are those the embedded store of the same samples gives (a fact's several evidence
    sentences come in the engine's order)."""
    from kg.web import create_app

    app = create_app(Settings(store=remote))
    app.config["TESTING"] = True
    try:
        far = app.test_client()
        for path in ("/id/state/russia", "/id/person/nikolai-patrushev", "/id/state/china"):
            here = client.get(path, headers={"Accept": "application/n-triples"})
            there = far.get(path, headers={"Accept": "application/n-triples"})
            assert here.status_code == there.status_code == 200, path

            def triples(data: bytes) -> set[str]:
                return {str(t) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}
            assert triples(there.data) == triples(here.data), path
            page_here, page_there = client.get(f"{path}?format=json").json, far.get(f"{path}?format=json").json
            for key in ("agreements", "meetings", "members", "posts", "totals", "label", "aliases"):
                assert key in page_here and _unordered(page_there[key]) == _unordered(page_here[key]), (path, key)
            assert page_here["agreements"] or page_here["posts"] or page_here["members"], path
    finally:
        app.extensions["kg"].close()


def _unordered(value: Any) -> Any:
    """`value` with each fact's list of evidence sentences sorted."""
    if isinstance(value, list):
        return [_unordered(v) for v in value]
    if isinstance(value, dict):
        return {k: sorted(v) if k == "evidence" and isinstance(v, list) else _unordered(v) for k, v in value.items()}
    return value
