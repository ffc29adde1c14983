"""The /query editor: cookbook queries on the sample store, the page, its local assets and routes."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.rdf.vocab import PREFIXES
from kg.resources import resource_path
from kg.store import open_store
from kg.web import editor

ROOT = Path(__file__).resolve().parents[1]
COOKBOOK = sorted((ROOT / "web" / "cookbook").glob("*.rq"))
COOKBOOK_IDS = sorted(p.stem for p in COOKBOOK)
# Cookbook queries allowed to return nothing on the bundled samples, and why.
MAY_BE_EMPTY = {"quarantined-articles": "every sample article conforms to the shapes",
                "post-disagreements": "no two sample articles of one day give one post to two people"}
# Where the app serves YASGUI from: the checkout, or kg/_data in an installed wheel.
VENDOR = resource_path("web/static") / "vendor" / "yasgui"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}

needs_yasgui = pytest.mark.skipif(
    not (VENDOR / "yasgui.min.js").is_file(),
    reason="YASGUI not built (`pip install .` or `pip install -e .` runs hatch_build.py, which needs npm)")


class _Page(HTMLParser):
    """The tags of an HTML page with their attributes, the text of script blocks and of textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.textareas: list[str] = []
        self._open: str | None = None
        self._attrs: dict[str, str] = {}
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag in ("script", "textarea"):
            self._open, self._attrs, self._text = tag, attributes, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open == "script":
            self.scripts.append((self._attrs, "".join(self._text)))
        elif tag == self._open == "textarea":
            self.textareas.append("".join(self._text))
        if tag == self._open:
            self._open = None

    def by_id(self, element_id: str) -> dict[str, str] | None:
        return next((attrs for _, attrs in self.tags if attrs.get("id") == element_id), None)

    def page_data(self) -> dict[str, Any]:
        """The JSON the page hands to query.js."""
        attrs, block = next((a, t) for a, t in self.scripts if a.get("id") == "query-page-data")
        assert attrs.get("type") == "application/json"
        data: dict[str, Any] = json.loads(block)
        return data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def direct_rows(sample_store: str) -> dict[str, int]:
    """Rows each cookbook query returns on the sample store, queried directly."""
    store = open_store(sample_store, read_only=True)
    try:
        return {p.stem: len(store.query(p.read_text(encoding="utf-8")).rows) for p in COOKBOOK}
    finally:
        store.close()


# --- the cookbook -----------------------------------------------------------------------------
def test_cookbook_files_parse_with_title_description_prefixes_and_limit() -> None:
    assert len(COOKBOOK) >= 12
    for path in COOKBOOK:
        entry = editor.parse_cookbook_file(path)
        assert editor.QUERY_ID.match(entry.id), entry.id
        assert entry.title and entry.description and "\n" not in entry.description, path
        assert "LIMIT" in entry.query, f"{path.name}: no LIMIT"
        prepareQuery(entry.query)  # standard SPARQL 1.1 with every prefix declared in the file


@pytest.mark.parametrize("query_id", [i for i in COOKBOOK_IDS if i not in MAY_BE_EMPTY])
def test_cookbook_query_returns_rows_on_the_samples(query_id: str, direct_rows: dict[str, int]) -> None:
    assert direct_rows[query_id] >= 1


def test_at_least_ten_cookbook_queries_return_rows(direct_rows: dict[str, int]) -> None:
    assert sum(1 for n in direct_rows.values() if n >= 1) >= 10


# One person with a French and an English label holding two posts in a body with a French label
# only: one stated "current", one with no status at all (data not written by `kg ingest`).
POSTS = """
@prefix kg: <https://w3id.org/newskg/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <https://example.org/> .
ex:entities {
  ex:p a kg:Person ; rdfs:label "Nikolaï Patrouchev"@fr , "Nikolai Patrushev"@en .
  ex:c a kg:Organization ; rdfs:label "Conseil de sécurité de Chine"@fr , "Conseil chinois"@fr .
}
ex:a1 {
  ex:a1 a kg:Article ; dct:identifier "a1" .
  ex:m1 a org:Membership ; org:member ex:p ; org:organization ex:c ; org:role ex:r1 ;
        kg:evidence "s1"@fr ; prov:wasDerivedFrom ex:a1 ; kg:postStatus "current" .
  ex:r1 a org:Role ; rdfs:label "secrétaire"@fr .
}
ex:a2 {
  ex:a2 a kg:Article ; dct:identifier "a2" .
  ex:m2 a org:Membership ; org:member ex:p ; org:organization ex:c ; org:role ex:r2 ;
        kg:evidence "s2"@fr ; prov:wasDerivedFrom ex:a2 .
  ex:r2 a org:Role ; rdfs:label "conseiller"@fr .
}
"""


@pytest.mark.parametrize(("query_id", "expected"), [
    ("posts-of-person", [("Nikolai Patrushev", "secrétaire", "Conseil chinois", "current", "s1", "a1"),
                         ("Nikolai Patrushev", "conseiller", "Conseil chinois", None, "s2", "a2")]),
    ("post-holders-of-organisation", [("Conseil chinois", "Nikolai Patrushev", "conseiller", "a2"),
                                      ("Conseil chinois", "Nikolai Patrushev", "secrétaire", "a1")]),
])
def test_post_queries_name_each_post_once(query_id: str, expected: list[tuple[str | None, ...]]) -> None:
    """One row per post: the English label where there is one, else the first label in
    alphabetical order; a post without a status is still listed."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(POSTS.encode("utf-8"), format=ox.RdfFormat.TRIG)
    query = (ROOT / "web" / "cookbook" / f"{query_id}.rq").read_text(encoding="utf-8")
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    rows = [tuple(None if s[n] is None else s[n].value for n in names) for s in solutions]
    assert sorted(rows, key=str) == sorted(expected, key=str)


def test_cookbook_through_the_sparql_endpoint(client: Any, direct_rows: dict[str, int]) -> None:
    """Each query answers over /sparql (POST, as YASGUI sends it) with the rows it gives directly."""
    for path in COOKBOOK:
        resp = client.post("/sparql", data={"query": path.read_text(encoding="utf-8")}, headers=JSON_RESULTS)
        assert resp.status_code == 200, (path.name, resp.get_data(as_text=True)[:300])
        assert resp.mimetype == "application/sparql-results+json"
        assert len(resp.get_json()["results"]["bindings"]) == direct_rows[path.stem], path.name


def test_new_tab_query_declares_the_public_prefixes_and_returns_rows(sample_store: str) -> None:
    text = editor.new_tab_query()
    for prefix, iri in PREFIXES.items():
        assert f"PREFIX {prefix}:" in text and f"<{iri}>" in text
    store = open_store(sample_store, read_only=True)
    try:
        assert store.query(text).rows
    finally:
        store.close()


# --- the page -----------------------------------------------------------------------------------
def _assert_only_local_resources(page: _Page) -> None:
    """No src/href on any element points to another host (the test client's host is localhost)."""
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "data"):
            value = attrs.get(name)
            if value is None or value.startswith(("#", "data:", "mailto:")):
                continue
            parts = urlsplit(value)
            assert parts.scheme in ("", "http") and parts.netloc in ("", "localhost"), (tag, name, value)


@needs_yasgui
def test_query_page_serves_yasgui_from_this_server(client: Any) -> None:
    resp = client.get("/query")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert "connect-src 'self'" in resp.headers["Content-Security-Policy"]
    page = parse(resp.get_data(as_text=True))
    _assert_only_local_resources(page)
    scripts = [attrs["src"] for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    styles = [attrs["href"] for tag, attrs in page.tags if tag == "link" and attrs.get("rel") == "stylesheet"]
    assert "/static/vendor/yasgui/yasgui.min.js" in scripts and "/static/query.js" in scripts
    assert "/static/vendor/yasgui/yasgui.min.css" in styles
    assert page.by_id("yasgui") is not None and page.by_id("query-form") is None
    data = page.page_data()
    assert data["endpoint"] == "http://localhost/sparql"
    assert data["yasgui"]["version"] == json.loads((VENDOR / "build-info.json").read_text())["version"]
    assert data["preload"] is None
    items = [attrs for tag, attrs in page.tags if "cookbook-query" in attrs.get("class", "").split()]
    assert [a["data-query-id"] for a in items] == [e["id"] for e in data["cookbook"]]
    assert sorted(a["data-query-id"] for a in items) == COOKBOOK_IDS
    assert page.by_id("cookbook") is not None


@needs_yasgui
@pytest.mark.parametrize("path, mimetype", [
    ("/static/vendor/yasgui/yasgui.min.js", "text/javascript"),
    ("/static/vendor/yasgui/yasgui.min.css", "text/css"),
    ("/static/vendor/yasgui/LICENSE.txt", "text/plain"),
    ("/static/query.js", "text/javascript"),
])
def test_static_assets_are_served(client: Any, path: str, mimetype: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.mimetype in (mimetype, "application/javascript" if "javascript" in mimetype else mimetype)
    assert len(resp.get_data()) > 100
    resp.close()


def test_query_js_keeps_the_endpoint_fixed_and_makes_no_remote_requests() -> None:
    js = (ROOT / "web" / "static" / "query.js").read_text(encoding="utf-8")
    for needle in ('method: "POST"', "copyEndpointOnNewTab: false", "populateFromUrl: false",
                   'autocompleters: ["prefixes", "variables"]', "prefixCcApi: null"):
        assert needle in js, needle
    assert "http://" not in js and "https://" not in js


def test_fallback_page_without_yasgui(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editor, "yasgui_assets", lambda: None)
    resp = client.get("/query?q=agreements")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    page = parse(html)
    assert "yasgui.min" not in html and page.by_id("yasgui") is None
    form = page.by_id("query-form")
    assert form is not None and form["action"] == "http://localhost/sparql" and form["method"] == "post"
    assert [a.get("name") for t, a in page.tags if t == "textarea"] == ["query"]
    assert page.textareas == [(ROOT / "web" / "cookbook" / "agreements.rq").read_text(encoding="utf-8")]
    assert "/static/query.js" in [a.get("src") for t, a in page.tags if t == "script"]
    assert page.by_id("cookbook") is not None
    _assert_only_local_resources(page)


def test_yasgui_assets_absent_when_not_built(web_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_app, "static_folder", str(tmp_path))
    with web_app.app_context():
        assert editor.yasgui_assets() is None


def test_q_preloads_and_runs_a_cookbook_query(client: Any) -> None:
    page = parse(client.get("/query?q=posts-of-person").get_data(as_text=True))
    preload = page.page_data()["preload"]
    assert preload["id"] == "posts-of-person" and preload["run"] is True
    assert preload["query"] == (ROOT / "web" / "cookbook" / "posts-of-person.rq").read_text(encoding="utf-8")
    current = [a for t, a in page.tags if "current" in a.get("class", "").split()]
    assert [a["data-query-id"] for a in current] == ["posts-of-person"]


EVIL = 'SELECT * WHERE { ?s ?p ?o } # </script><script>alert(1)</script><!-- \u2028 "\'&'


@pytest.mark.parametrize("fallback", [False, True])
def test_query_parameter_is_escaped(client: Any, monkeypatch: pytest.MonkeyPatch, fallback: bool) -> None:
    if fallback:
        monkeypatch.setattr(editor, "yasgui_assets", lambda: None)
    resp = client.get("/query?query=" + quote(EVIL))
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "</script><script>" not in html
    page = parse(html)
    preload = page.page_data()["preload"]
    assert preload == {"id": None, "title": "Linked query", "query": EVIL, "run": False}
    # Only the page's own scripts: the data block, (YASGUI,) query.js.
    assert all(a.get("type") == "application/json" or a.get("src", "").startswith("/static/")
               for a, _ in page.scripts)
    assert page.textareas == [EVIL]  # the fallback form's, or the <noscript> form's beside YASGUI


def test_query_parameter_too_long_is_refused(client: Any, web_app: Any) -> None:
    limit = web_app.extensions["kg"].settings.max_query_chars
    resp = client.get("/query", query_string={"query": "#" * (limit + 1)})
    assert resp.status_code == 400


# --- cookbook routes ---------------------------------------------------------------------------
def test_cookbook_json(client: Any) -> None:
    resp = client.get("/query/cookbook.json")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    queries = resp.get_json()["queries"]
    assert sorted(q["id"] for q in queries) == COOKBOOK_IDS
    for q in queries:
        assert q["title"] and q["description"] and q["query"].startswith("# ")
        assert q["url"] == f"http://localhost/query/cookbook/{q['id']}.rq"
        assert q["editor_url"] == f"http://localhost/query?q={q['id']}"


def test_cookbook_rq_files(client: Any) -> None:
    for path in COOKBOOK:
        resp = client.get(f"/query/cookbook/{path.stem}.rq")
        assert resp.status_code == 200
        assert resp.mimetype == "application/sparql-query" and resp.mimetype_params["charset"] == "utf-8"
        assert resp.get_data(as_text=True) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["nope", "Agreements", "agreements_x", "agreements.rq", "..%2F..%2Fpyproject",
                                 "%2e%2e", "-", "a" * 300, "%00", "agreements%0A", "caf%C3%A9"])
def test_unknown_or_malformed_cookbook_ids_are_404(client: Any, bad: str) -> None:
    for url in (f"/query/cookbook/{bad}.rq", f"/query?q={bad}"):
        resp = client.get(url, headers={"Accept": "text/html"})
        assert resp.status_code == 404, url


def test_cookbook_routes_never_fail_with_5xx(client: Any) -> None:
    for url in ("/query/cookbook/.rq", "/query/cookbook/../../pyproject.toml", "/query/cookbook/x/y.rq",
                "/query/cookbook.json?x=1", "/query?q=", "/query?query=", "/query?q=a&query=b"):
        assert client.get(url).status_code < 500, url
