"""The browsing side of the web app: entity, article, graph, search and home pages in every format."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDFS

from kg.config import Settings
from kg.model import (
    Agreement,
    Article,
    DateValue,
    Entity,
    Extraction,
    Meeting,
    Mention,
    PostHolding,
)
from kg.pipeline import Pipeline, install_ontology
from kg.store import open_store
from kg.validate import Validator
from kg.web.article import highlight
from kg.web.entity import conflicts
from kg.web.views import IndexCache, fold, iri_for_path, safe_iri, sparql_iri

BASE = "https://w3id.org/newskg/"
ID = Namespace(BASE + "id/")
KG = Namespace("https://w3id.org/newskg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PATRUSHEV = ID["person/nikolai-patrushev"]
RDF_PARSERS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}
ACCEPTS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}


def section(html: str, sid: str) -> str:
    """The inner HTML of `<section id="sid">` (sections are never nested)."""
    m = re.search(rf'<section id="{re.escape(sid)}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert m, f"no section #{sid}"
    return m.group(1)


def parse(data: bytes, fmt: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=data, format=fmt)
    return g


# --- entity pages ---------------------------------------------------------------------------------

def test_patrushev_page_shows_his_post_with_evidence_and_source(client: Any) -> None:
    r = client.get("/id/person/nikolai-patrushev", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert re.search(r"<h1>\s*Nikolai Patrushev\s*</h1>", html)
    posts = section(html, "posts")
    post = re.search(r'<li class="post">(.*?)</li>', posts, re.DOTALL)
    assert post, posts
    p = post.group(1)
    assert "secrétaire du Conseil de sécurité nationale russe" in p
    assert 'href="/id/org/conseil-de-securite-nationale-russe"' in p
    assert re.search(r'class="evidence">Nikolai Patrushev, secrétaire du Conseil', p)
    assert re.search(r'<a class="source" href="/id/article/ttn-fr-34">', p)
    assert "confidence" in p
    for sid in ("agreements", "meetings", "mentioned-in", "same-as", "conflicts", "names"):
        section(html, sid)
    assert "Patrouchev" in section(html, "names")  # labels in every language
    assert "Guo Shengkun" in section(html, "meetings")
    assert 'href="/id/article/ttn-fr-34"' in section(html, "mentioned-in")
    assert 'id="members"' not in html  # people have no members


def test_state_pages_list_members_agreements_and_meetings_held_there(client: Any) -> None:
    china = client.get("/id/state/china").get_data(as_text=True)
    members = section(china, "members")
    assert 'href="/id/person/xi-jinping"' in members and "président" in members
    assert 'class="evidence"' in members and 'class="source"' in members
    agreements = section(china, "agreements")
    assert 'href="/id/state/russia"' in agreements
    assert "La Russie et la Chine ont convenu d’intensifier leur coopération" in agreements
    # Russia is a state too: the members section is there (the sample records no post held in Russia itself)
    section(client.get("/id/state/russia").get_data(as_text=True), "members")
    uzbekistan = section(client.get("/id/state/uzbekistan").get_data(as_text=True), "meetings")
    assert "held here" in uzbekistan and 'href="/id/person/vladimir-putin"' in uzbekistan
    assert "2022-09-15" in uzbekistan


def test_entity_description_as_rdf_by_suffix_and_accept(client: Any) -> None:
    for suffix, fmt in RDF_PARSERS.items():
        r = client.get(f"/id/person/nikolai-patrushev{suffix}")
        assert r.status_code == 200, suffix
        g = parse(r.data, fmt)
        assert (PATRUSHEV, RDFS.label, Literal("Nikolai Patrushev", lang="en")) in g
        # the fact nodes pointing at him come with their own triples and the role's label
        # (an article's membership; his tenure, the summary of them, points at him too)
        holders = set(g.subjects(ORG.member, PATRUSHEV))
        m = next((h for h in holders if g.value(h, KG.evidence) is not None), None)
        assert m is not None, suffix
        assert any(str(h).startswith(str(ID["tenure/"])) for h in holders), suffix
        assert (m, ORG.organization, ID["org/conseil-de-securite-nationale-russe"]) in g
        assert str(g.value(m, KG.evidence)).startswith("Nikolai Patrushev, secrétaire")
        assert "secrétaire" in str(g.value(g.value(m, ORG.role), RDFS.label))
        assert (PATRUSHEV, KG.mentionedIn, ID["article/ttn-fr-34"]) in g
    for accept, fmt in ACCEPTS.items():
        r = client.get("/id/person/nikolai-patrushev", headers={"Accept": accept})
        assert r.status_code == 200 and r.mimetype == accept
        assert (PATRUSHEV, RDFS.label, Literal("Nikolai Patrushev", lang="en")) in parse(r.data, fmt)
        assert r.headers["Vary"] == "Accept"
        assert '.ttl>; rel="alternate"; type="text/turtle"' in r.headers["Link"]
    ttl = client.get("/id/person/nikolai-patrushev.ttl").get_data(as_text=True)
    assert "@prefix org:" in ttl  # the public prefixes are used


def test_negotiation_details(client: Any) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get("/id/state/china", headers={"Accept": browser}).mimetype == "text/html"
    assert client.get("/id/state/china", headers={"Accept": "*/*"}).mimetype == "text/html"
    assert client.get("/id/state/china.html", headers={"Accept": "text/turtle"}).mimetype == "text/html"
    assert client.get("/id/state/china?format=ttl").mimetype == "text/turtle"
    j = client.get("/id/state/china", headers={"Accept": "application/json"})
    assert j.mimetype == "application/json" and j.json["label"] == "China"
    assert any(m["member"]["label"] == "Xi Jinping" for m in j.json["members"])
    assert client.get("/id/state/china", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/id/state/china?format=bogus").status_code == 400
    html = client.get("/id/state/china")
    assert html.headers["Vary"] == "Accept" and 'type="application/ld+json"' in html.headers["Link"]
    # the IRI is under the configured base whatever host the server answers on
    other = client.get("/id/state/china", base_url="http://kg.example.org:8080")
    assert other.status_code == 200 and "<h1>China</h1>" in other.get_data(as_text=True)


def test_other_resources_get_generic_pages(client: Any) -> None:
    from kg.rdf import iris

    role = client.get(iris.role_iri("/", "président chinois", "fr"))
    assert role.status_code == 200 and 'href="/id/person/xi-jinping"' in section(role.get_data(as_text=True), "holders")
    fact = client.get("/id/article/ttn-fr-34/membership/1").get_data(as_text=True)
    assert "org:member" in section(fact, "statements") and 'href="/id/person/nikolai-patrushev"' in fact
    assert client.get("/id/person/nobody").status_code == 404
    assert client.get("/id/person/nobody.ttl").status_code == 404


# --- article and graph pages ----------------------------------------------------------------------

def test_article_page_highlights_mentions_and_lists_facts(client: Any) -> None:
    r = client.get("/id/article/ttn-fr-34")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "<h1 lang=\"fr\">La Russie et la Chine intensifient" in html
    text = re.search(r'<article id="article-text"[^>]*>(.*?)</article>', html, re.DOTALL)
    assert text
    links = re.findall(r'<a class="mention[^"]*" href="([^"]+)"[^>]*>([^<]*)</a>', text.group(1))
    assert ("/id/person/nikolai-patrushev", "Nikolai Patrushev") in links
    assert ("/id/state/china", "Pékin") in links
    assert "2022-09-20" in html
    assert "secrétaire du Conseil" in section(html, "posts")
    assert 'href="/id/state/russia"' in section(html, "agreements")
    assert "2022-09-15" in section(html, "meetings") and 'href="/id/state/uzbekistan"' in section(html, "meetings")
    assert "Stored" in section(html, "validation")
    data = client.get("/id/article/ttn-fr-34?format=json").json
    assert data["validation"]["status"] == "stored" and data["id"] == "ttn-fr-34"
    linked = "".join(s["text"] for s in data["segments"])
    assert linked == data["text"]  # highlighting loses nothing


def test_article_as_rdf_and_its_graph(client: Any) -> None:
    art = ID["article/ttn-fr-34"]
    g = parse(client.get("/id/article/ttn-fr-34.ttl").data, "turtle")
    assert (art, URIRef("http://purl.org/dc/terms/identifier"), Literal("ttn-fr-34")) in g
    assert any(True for _ in g.subjects(KG.refersTo, PATRUSHEV))  # mention nodes come along
    graph_iri = URIRef(BASE + "graph/article/ttn-fr-34")
    for path, fmt in (("/graph/article/ttn-fr-34.ttl", "turtle"), ("/graph/article/ttn-fr-34.nt", "nt"),
                      ("/graph/article/ttn-fr-34.jsonld", "json-ld")):
        assert (art, KG.text, None) in parse(client.get(path).data, fmt), path
    ds = rdflib.Dataset()
    ds.parse(data=client.get("/graph/article/ttn-fr-34", headers={"Accept": "application/trig"}).data, format="trig")
    assert (art, KG.text, None) in ds.graph(graph_iri)
    r = client.get("/graph/article/ttn-fr-34")
    assert r.status_code == 303 and r.headers["Location"].endswith("/id/article/ttn-fr-34")
    entities = client.get("/graph/entities")
    assert entities.status_code == 200 and "triples" in entities.get_data(as_text=True)
    assert (PATRUSHEV, RDFS.label, None) in parse(client.get("/graph/entities.nt").data, "nt")
    assert client.get("/graph/nothing-here").status_code == 404


# --- search and home --------------------------------------------------------------------------------

def test_search_is_accent_and_case_insensitive(client: Any) -> None:
    html = client.get("/search?q=patrouchev").get_data(as_text=True)
    assert re.search(r'<li class="result">\s*<a href="/id/person/nikolai-patrushev"', html)
    pekin = client.get("/search?q=PEKIN&format=json").json
    assert pekin["results"][0]["iri"] == BASE + "id/state/china" and pekin["results"][0]["matched"] == "Pékin"
    xi = client.get("/search?q=xi", headers={"Accept": "application/json"}).json["results"]
    assert xi[0]["label"] == "Xi Jinping" and xi[0]["match"] == "exact"
    assert all(r["href"].startswith("/id/") for r in xi)


def test_search_without_query_and_with_odd_ones(client: Any) -> None:
    for path in ("/search", "/search?q=", "/search?q=%20%20"):
        r = client.get(path)
        assert r.status_code == 200 and 'id="search-hint"' in r.get_data(as_text=True)
    assert client.get("/search?format=json").json["results"] == []
    long = client.get("/search?q=" + "x" * 5000)
    assert long.status_code == 200 and "first 200 characters" in long.get_data(as_text=True)
    odd = client.get('/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E')
    assert odd.status_code == 200 and "<script>alert(1)" not in odd.get_data(as_text=True)


def test_label_index_is_built_once_per_store_state(sample_store: str) -> None:
    cache = IndexCache()
    first = open_store(sample_store, read_only=True)
    index = cache.get(first)
    assert cache.get(first) is index
    second = open_store(sample_store, read_only=True)  # a new handle on unchanged data: no rebuild
    assert cache.get(second) is index


def test_home_page(client: Any, sample_store: str) -> None:
    from kg.inspect import stats

    html = client.get("/").get_data(as_text=True)
    with open_store(sample_store, read_only=True) as store:
        n = stats(store)
    counts = re.search(r'<ul id="counts"[^>]*>(.*?)</ul>', html, re.DOTALL)
    assert counts
    assert re.search(rf'data-count="articles"><span class="n">{n["articles"]}</span>', counts.group(1))
    assert re.search(rf'data-count="people"><span class="n">{n["persons"]}</span>', counts.group(1))
    latest = section(html, "latest-articles")
    assert latest.index("2022-09-20") < latest.index("2016-09-03")  # newest first
    assert 'href="/id/state/' in section(html, "top-actors")
    assert 'href="/query"' in html and 'href="/sparql"' in html
    assert client.get("/?format=json").json["counts"]["articles"] == n["articles"]


# --- odd requests ---------------------------------------------------------------------------------

ODD_PATHS = [
    "/id/../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd", "/id/person/..%2f..%2fetc%2fpasswd",
    "/id/a%00b", "/id/person/%00", "/id/" + "a" * 20_000, "/id/person/" + "é" * 5000 + ".ttl",
    '/id/person/x">{}', "/id/person/x%3E%20%7B%7D%22%20%7C%5E%60%5C", "/id/person/x> } ; DROP ALL ; <y",
    "/id/article/%3E%20%7D%20INSERT%20DATA%20%7B", "/graph/%2e%2e", "/graph/x%00.ttl", "/graph/" + "g" * 20_000,
    "/id/person/x\\y", "/id/%0Aperson", "/id/person/xi-jinping/", "/id/.ttl", "/graph/.nq",
]


@pytest.mark.parametrize("path", ODD_PATHS, ids=range(len(ODD_PATHS)))
def test_odd_ids_never_fail_or_leak(client: Any, path: str) -> None:
    for accept in ("text/html", "text/turtle"):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code in (301, 308, 400, 404), (path[:60], r.status_code)
        body = r.get_data(as_text=True)
        assert "root:" not in body and "Traceback" not in body


def test_iri_checks() -> None:
    assert iri_for_path(BASE, "id", ["person", "xi-jinping"]) == BASE + "id/person/xi-jinping"
    assert iri_for_path(BASE, "id", ["article", "a/b c"]) == BASE + "id/article/a%2Fb%20c"
    assert iri_for_path(BASE, "id", ["x", "é"]) == BASE + "id/x/%C3%A9"
    for segs in (["..", "x"], ["x", ""], ["."], [], ["a" * 3000]):
        assert iri_for_path(BASE, "id", segs) is None
    for bad in ("https://x/a>b", 'https://x/"', "https://x/{", "https://x/ a", "https://x/\x00", "javascript:1",
                "https://x/`", "https://x/\\", "https://x/^", "https://x/|"):
        assert not safe_iri(bad)
        with pytest.raises(ValueError):
            sparql_iri(bad)
    assert fold("Nikolaï  PATROUCHEV") == "nikolai patrouchev" and fold("Pékin") == "pekin"


def test_highlight_skips_mismatched_and_overlapping_mentions() -> None:
    text = "Le Parti communiste chinois et Xi."
    ent = {"iri": "e", "href": "/id/e", "label": "E", "kind": "org"}
    def at(anchor: str, start: int | None = None, end: int | None = None) -> dict[str, Any]:
        s = text.find(anchor) if start is None else start
        return {"start": s, "end": s + len(anchor) if end is None else end, "anchor": anchor, "entity": ent}

    mentions = [
        at("Parti communiste chinois"),
        at("chinois"),  # nested in the one before: dropped
        at("Xi"),
        at("La", 0),  # does not match the text: dropped
        at("Xi.", end=99),  # out of range: dropped
    ]
    segments, skipped = highlight(text, mentions)
    assert "".join(s["text"] for s in segments) == text
    assert [s["text"] for s in segments if "href" in s] == ["Parti communiste chinois", "Xi"]
    assert skipped == 3


def test_conflicts_need_two_articles_and_different_values() -> None:
    a1 = {"iri": "a1", "label": "A1", "href": "/a1", "date": "2020-01-01"}
    a2 = {"iri": "a2", "label": "A2", "href": "/a2", "date": "2020-01-02"}
    org = {"iri": "o", "label": "Org", "href": "/o"}

    def post(role: str, src: dict[str, Any], status: str = "current") -> dict[str, Any]:
        return {"iri": f"{role}{src['iri']}", "href": None, "role": role, "organization": org, "status": status,
                "source": src, "evidence": [f"{role} says {src['iri']}"]}

    found = conflicts([post("ministre", a1), post("Ministre", a2)], [], [])
    assert found == []  # same role, only written differently
    found = conflicts([post("ministre", a1), post("présidente", a2, "former")], [], [])
    assert {c["aspect"] for c in found} == {"role", "status"}
    assert [c["value"] for c in found[0]["claims"]] == ["ministre", "présidente"]
    assert conflicts([post("ministre", a1), post("présidente", a1)], [], []) == []  # one article only


# --- a small store of its own: quarantine, conflicts, XSS, odd ids ---------------------------------

class FakeExtractor:
    """Facts chosen per article id; "broken" articles make a state hold a post (SHACL rejects that)."""

    def __init__(self, broken: bool = False) -> None:
        self.broken = broken

    def extract(self, article: Article) -> Extraction:
        ents = {
            "person/ada": Entity("person/ada", "Person", "Ada Lovelace", "en", {"Ada"}, {"fr": "Ada Lovelace"},
                                 wikidata="Q7259"),
            "person/bob": Entity("person/bob", "Person", "Bob", "fr", {"Bob"}),
            "state/france": Entity("state/france", "State", "France", "en", {"française"}),
            "state/germany": Entity("state/germany", "State", "Germany", "en", {"Allemagne"}),
            "place/paris": Entity("place/paris", "Place", "Paris", "fr", {"Paris"}),
            "place/lyon": Entity("place/lyon", "Place", "Lyon", "fr", {"Lyon"}),
        }
        text = article.text
        mentions = [Mention(text.find(s), text.find(s) + len(s), s, key, 0)
                    for s, key in (("Ada", "person/ada"), ("française", "state/france"), ("Bob", "person/bob"),
                                   ("Paris", "place/paris"), ("Lyon", "place/lyon")) if s in text]
        mentions.append(Mention(0, 3, "Zed", "person/bob", 0))  # anchor does not match the text
        second = article.id == "t-2"
        member = "state/france" if self.broken else "person/ada"
        posts = [PostHolding(member, "présidente" if second else "ministre", "fr", "state/france",
                             text.split(".")[0] + ".", 0, confidence=0.9)]
        meeting = Meeting(["person/ada", "person/bob"], "a rencontré", [text], 0,
                          place="place/lyon" if second else "place/paris",
                          date=DateValue("2020-01-03" if second else "2020-01-02", "hier"))
        agreement = Agreement(["state/france", "state/germany"], "ont signé", text, 0,
                              status="signed" if second else "agreed", label="un traité")
        return Extraction(article, "fr", entities=ents, mentions=mentions, posts=posts, meetings=[meeting],
                          agreements=[agreement])


def _article(aid: str, text: str, title: str = "Titre") -> Article:
    return Article(aid, title, text, "fr", dt.date(2020, 1, 5), "https://news.example.org/" + quote(aid, safe=""), "test.jsonl:1")


XSS_TEXT = "Ada, ministre française. <script>alert(1)</script> Ada a rencontré Bob à Paris."


@pytest.fixture(scope="module")
def own_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """An app over a store with two disagreeing articles, quarantined ones and odd ids."""
    from kg.web import create_app

    store_dir = str(tmp_path_factory.mktemp("pages") / "store")
    settings = Settings(store=store_dir, query_workers=1)
    validator = Validator()
    with open_store(store_dir) as store:
        install_ontology(store)
        ok, broken = (Pipeline(settings, store, FakeExtractor(b), validator) for b in (False, True))
        assert ok.ingest(_article("t-1", XSS_TEXT, "<b>Ada</b> & co")) == "stored"
        assert ok.ingest(_article("t-2", "Ada, présidente française. Ada a rencontré Bob à Lyon.")) == "stored"
        assert ok.ingest(_article("a/b c", "Ada, ministre. Bob.")) == "stored"
        assert ok.ingest(_article("notes.ttl", "Ada, ministre. Bob.")) == "stored"
        assert ok.ingest(_article("ctl", "Ada, ministre.\x01 Bob.")) == "stored"
        assert broken.ingest(_article("q-only", "Ada, ministre. <script>alert(2)</script>")) == "quarantined"
        assert broken.ingest(_article("t-2", "Ada, présidente. Bob.")) == "quarantined"  # t-2 stays stored
        store.update(f"INSERT DATA {{ GRAPH <{BASE}graph/entities> {{ "
                     f"<{ID['person/bob']}> <{OWL.sameAs}> <javascript:alert(3)> }} }}")
    app = create_app(settings)
    app.config["TESTING"] = True
    yield app.test_client()
    app.extensions["kg"].close()


def test_quarantined_article_only_in_quarantine(own_client: Any) -> None:
    r = own_client.get("/id/article/q-only")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    status = section(html, "validation")
    assert "Quarantined" in status and "not in the published graph" in status
    assert "member" in status.lower() and "france" in status.lower()  # the SHACL report in words
    assert "<script>alert(2)</script>" not in html and "&lt;script&gt;alert(2)" in html
    assert own_client.get("/id/article/q-only?format=json").json["validation"]["stored"] is False
    g = parse(own_client.get("/id/article/q-only.ttl").data, "turtle")
    assert (ID["quarantine/q-only"], KG.report, None) in g
    record = own_client.get("/id/quarantine/q-only")
    assert record.status_code == 303 and record.headers["Location"].endswith("/id/article/q-only")
    assert (ID["quarantine/q-only"], KG.report, None) in parse(own_client.get("/id/quarantine/q-only.nt").data, "nt")
    assert own_client.get("/id/article/never-seen").status_code == 404
    home = own_client.get("/").get_data(as_text=True)
    assert 'href="/id/article/q-only"' in section(home, "quarantined")


def test_quarantined_new_version_shows_the_stored_one(own_client: Any) -> None:
    html = own_client.get("/id/article/t-2").get_data(as_text=True)
    status = section(html, "validation")
    assert "Quarantined" in status and "previous stored version" in status
    assert 'class="mention' in html and "présidente française" in html


def test_article_text_is_escaped(own_client: Any) -> None:
    html = own_client.get("/id/article/t-1").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Ada</b>" not in html and "&lt;b&gt;Ada&lt;/b&gt; &amp; co" in html
    text = re.search(r'<article id="article-text"[^>]*>(.*?)</article>', html, re.DOTALL)
    assert text and re.search(r'<a class="mention[^"]*" href="/id/person/bob"[^>]*>Bob</a>', text.group(1))
    assert "Zed" not in text.group(1)  # the mismatched mention is not highlighted
    assert 'href="https://news.example.org/t-1"' in html
    bob = own_client.get("/id/person/bob").get_data(as_text=True)
    assert "javascript:" not in re.sub(r"<code[^>]*>.*?</code>|<span[^>]*>javascript:alert\(3\)</span>", "", bob)
    assert 'href="javascript:' not in bob


def test_claims_that_disagree_are_shown_side_by_side(own_client: Any) -> None:
    ada = own_client.get("/id/person/ada").get_data(as_text=True)
    found = section(ada, "conflicts")
    assert "ministre" in found and "présidente" in found
    assert found.count('class="claim-side"') >= 2
    data = own_client.get("/id/person/ada?format=json").json
    aspects = {(c["topic"].split(" ")[0], c["aspect"]) for c in data["conflicts"]}
    assert {("Post", "role"), ("Meeting", "date"), ("Meeting", "place")} <= aspects
    assert data["same_as"][0]["href"] == "http://www.wikidata.org/entity/Q7259"
    assert 'href="http://www.wikidata.org/entity/Q7259"' in section(ada, "same-as")
    germany = own_client.get("/id/state/germany?format=json").json
    assert ("Agreement", "status") in {(c["topic"].split(" ")[0], c["aspect"]) for c in germany["conflicts"]}
    assert "Ada Lovelace" in section(own_client.get("/id/state/france").get_data(as_text=True), "members")


def test_ids_with_slashes_spaces_and_suffixes(own_client: Any) -> None:
    r = own_client.get("/id/article/a%2Fb%20c")
    assert r.status_code == 200 and "Ada, ministre." in r.get_data(as_text=True)
    assert own_client.get("/id/article/a%2Fb%20c.ttl").mimetype == "text/turtle"
    # an id that ends like a suffix is still the article; one more suffix gives its Turtle
    page = own_client.get("/id/article/notes.ttl")
    assert page.mimetype == "text/html" and "notes.ttl" in page.get_data(as_text=True)
    ttl = own_client.get("/id/article/notes.ttl.ttl")
    assert ttl.mimetype == "text/turtle"
    assert (ID["article/notes.ttl"], KG.text, None) in parse(ttl.data, "turtle")


def test_ids_with_slashes_when_the_server_passes_the_path_decoded(own_client: Any) -> None:
    # granian (kg serve's server) gives PATH_INFO with '%2F' decoded and no raw URI.
    raw = {"REQUEST_URI": "", "RAW_URI": ""}
    r = own_client.get("/id/article/a%2Fb%20c", environ_overrides=raw)
    assert r.status_code == 200 and "Ada, ministre." in r.get_data(as_text=True)
    assert own_client.get("/id/article/a%2Fb%20c.ttl", environ_overrides=raw).mimetype == "text/turtle"
    assert own_client.get("/id/article/a%2Fb%2Fnothing", environ_overrides=raw).status_code == 404


def test_rdfxml_refuses_control_characters(own_client: Any) -> None:
    assert own_client.get("/id/article/t-1.rdf").status_code == 200
    r = own_client.get("/id/article/ctl.rdf")
    assert r.status_code == 406 and "Turtle" in r.get_data(as_text=True)
    assert (ID["article/ctl"], KG.text, None) in parse(own_client.get("/id/article/ctl.ttl").data, "turtle")
    assert json.loads(own_client.get("/id/article/ctl.jsonld").data)


def test_state_page_lists_posts_in_its_bodies(client: Any) -> None:
    """Patrushev's post is in the Russian Security Council, a body of Russia: Russia's page lists it, naming the body."""
    html = client.get("/id/state/russia").get_data(as_text=True)
    members = html[html.index('id="members"'):]
    members = members[:members.index("</section>")]
    assert "/id/person/nikolai-patrushev" in members
    assert "/id/org/conseil-de-securite-nationale-russe" in members
