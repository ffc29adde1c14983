"""Answers kept under the store's version (kg.web.cache): never stale after a write, ETags and 304,
fair use before the cache, nothing but 200 answers kept, bounded memory."""
from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.config import Settings
from kg.store.version import store_version
from kg.web import create_app
from kg.web.cache import Cached, ResponseCache, matches

BASE = "https://w3id.org/newskg/"
PERSON = ox.NamedNode(f"{BASE}id/person/ada-test")
ENTITIES = ox.NamedNode(f"{BASE}graph/entities")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
KG_PERSON = ox.NamedNode("https://w3id.org/newskg/ontology#Person")
JSON = "application/sparql-results+json"
LOOKUP = f"SELECT ?l WHERE {{ <{PERSON.value}> <{LABEL.value}> ?l }}"


def write_label(location: Path, label: str) -> None:
    """What an ingest does to the store, from a writer of its own: the person's label becomes `label`."""
    writer = ox.Store(str(location))
    if writer.contains_named_graph(ENTITIES):
        writer.remove_graph(ENTITIES)
    writer.extend([ox.Quad(PERSON, TYPE, KG_PERSON, ENTITIES),
                   ox.Quad(PERSON, LABEL, ox.Literal(label, language="en"), ENTITIES)])
    writer.flush()
    del writer


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    location = tmp_path / "store"
    write_label(location, "Alpha")
    return location


@pytest.fixture()
def make_app(store: Path) -> Iterator[Any]:
    apps: list[Any] = []

    def make(**settings: Any) -> Any:
        app = create_app(Settings(store=str(store), **settings))
        apps.append(app)
        return app
    yield make
    for app in apps:
        app.extensions["kg"].close()


def lookup(client: Any) -> tuple[int, str]:
    r = client.get("/sparql?" + urllib.parse.urlencode({"query": LOOKUP}), headers={"Accept": JSON})
    labels = [b["l"]["value"] for b in r.json["results"]["bindings"]] if r.status_code == 200 else []
    return r.status_code, ",".join(labels)


def until(check: Any, seconds: float = 15.0) -> Any:
    """Poll `check` until it returns something true (the reader and the workers look every second)."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def test_a_write_is_seen_by_queries_and_pages_served_from_the_cache(make_app: Any, store: Path) -> None:
    app = make_app()
    cache = app.extensions["kg"].cache
    client = app.test_client()
    assert lookup(client) == (200, "Alpha")
    page = client.get("/id/person/ada-test", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Alpha" in page.get_data(as_text=True)
    hits = cache.hits
    assert lookup(client) == (200, "Alpha")
    assert client.get("/id/person/ada-test", headers={"Accept": "text/html"}).get_data() == page.get_data()
    assert cache.hits == hits + 2  # both came from the cache

    write_label(store, "Beta")  # beside the running app, as `kg ingest` writes
    assert until(lambda: lookup(client) == (200, "Beta")), "the query answer stayed what the cache held"
    assert until(lambda: "Beta" in client.get("/id/person/ada-test", headers={"Accept": "text/html"})
                 .get_data(as_text=True)), "the page stayed what the cache held"
    fresh = client.get("/id/person/ada-test", headers={"Accept": "text/html"})
    assert "Alpha" not in fresh.get_data(as_text=True)
    # A conditional GET with the old page's tag gets the new page, not a 304.
    again = client.get("/id/person/ada-test", headers={"Accept": "text/html", "If-None-Match": page.headers["ETag"]})
    assert again.status_code == 200 and "Beta" in again.get_data(as_text=True)
    assert again.headers["ETag"] != page.headers["ETag"]


def test_the_version_changes_with_every_write_and_only_then(store: Path) -> None:
    before = store_version(str(store))
    reader = ox.Store.read_only(str(store))
    assert reader.contains_named_graph(ENTITIES)
    del reader
    assert store_version(str(store)) == before  # reading writes nothing that counts
    write_label(store, "Gamma")
    after = store_version(str(store))
    assert after != before
    write_label(store, "Gamma")  # the same data written again is still a write
    assert store_version(str(store)) != after


def test_etag_and_304_on_pages_and_queries(make_app: Any) -> None:
    client = make_app().test_client()
    for path, accept in (("/id/person/ada-test", "text/html"), ("/id/person/ada-test", "text/turtle"),
                         ("/sparql?" + urllib.parse.urlencode({"query": LOOKUP}), JSON)):
        first = client.get(path, headers={"Accept": accept})
        tag = first.headers["ETag"]
        assert first.status_code == 200 and tag.startswith('"') and tag.endswith('"')
        cached = client.get(path, headers={"Accept": accept, "If-None-Match": f'"other", W/{tag}'})
        assert cached.status_code == 304 and cached.data == b"" and cached.headers["ETag"] == tag
        assert client.get(path, headers={"Accept": accept, "If-None-Match": '"other"'}).data == first.data
        head = client.head(path, headers={"Accept": accept})
        assert head.status_code == 200 and head.data == b"" and head.headers["ETag"] == tag
    # The same query by POST is the same answer (its own entry, the same tag).
    post = client.post("/sparql", data=LOOKUP, headers={"Content-Type": "application/sparql-query", "Accept": JSON})
    assert post.status_code == 200 and post.headers["ETag"] == first.headers["ETag"]


def test_without_the_cache_answers_still_carry_etags(make_app: Any) -> None:
    app = make_app(cache_size=0)
    assert app.extensions["kg"].cache is None
    client = app.test_client()
    first = client.get("/id/person/ada-test", headers={"Accept": "text/html"})
    assert client.get("/id/person/ada-test", headers={"Accept": "text/html", "If-None-Match": first.headers["ETag"]}
                      ).status_code == 304


def test_a_cached_answer_still_takes_a_token_from_the_client(make_app: Any) -> None:
    app = make_app(rate_limit=0.01, rate_burst=2)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert lookup(client)[0] == 200
    assert lookup(client)[0] == 200  # from the cache
    r = client.get("/sparql?" + urllib.parse.urlencode({"query": LOOKUP}), headers={"Accept": JSON})
    assert r.status_code == 429 and r.headers["Retry-After"]
    assert client.get("/id/person/ada-test").status_code == 429


def test_only_whole_200_answers_are_kept(make_app: Any) -> None:
    app = make_app()
    cache = app.extensions["kg"].cache
    client = app.test_client()
    for _ in range(2):
        assert client.get("/sparql?query=SELEKT").status_code == 400
        assert client.get("/id/person/nobody-at-all").status_code == 404
        assert client.get("/sparql?" + urllib.parse.urlencode({"query": LOOKUP}), headers={"Accept": "image/png"}
                          ).status_code == 406
    assert cache.stats()[0] == 0 and cache.hits == 0
    assert client.get("/static/style.css").status_code in (200, 404)  # files are streamed, never kept
    assert cache.stats()[0] == 0


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    cache = ResponseCache(64 << 10)

    def entry(n: int, version: str = "v1") -> Cached:
        return Cached("200 OK", [], b"x" * n, '"t"', version, n)
    assert cache.put(("a",), entry(20_000)) and cache.put(("b",), entry(20_000))
    assert cache.get(("a",), "v1") is not None  # a is now the most recently used
    assert cache.put(("c",), entry(30_000))
    assert cache.get(("b",), "v1") is None and cache.get(("a",), "v1") is not None
    assert cache.stats()[1] <= 64 << 10
    assert not cache.put(("big",), entry(65 << 10))  # larger than one entry may be
    assert cache.get(("a",), "v2") is None  # another version: dropped
    assert cache.get(("a",), "v1") is None


def test_if_none_match() -> None:
    assert matches('"a"', '"a"') and matches('W/"a"', '"a"') and matches(' "b" , "a"', '"a"') and matches("*", '"a"')
    assert not matches('"b"', '"a"') and not matches('"a', '"a"')


def test_kept_answers_are_not_walked_by_the_garbage_collector(tmp_path: Path) -> None:
    """Entries are plain tuples of strings: after collections the collector no longer tracks them, so that a
    full cache (tens of thousands of answers) does not lengthen its pauses."""
    import gc

    cache = ResponseCache(1 << 20)
    key = ("GET", "", "/sparql", "/sparql?query=x", "query=x", JSON, "h", "http", "", b"")
    cache.put(key, Cached("200 OK", (("Content-Type", JSON), ("ETag", '"t"')), b"{}", '"t"', "v1", 100))
    for _ in range(3):  # a collection untracks a tuple once all it holds is untracked: one level at a time
        gc.collect()
    assert not gc.is_tracked(cache._entries[key]) and not gc.is_tracked(key)
    hit = cache.get(key, "v1")
    assert hit is not None and hit.headers[0] == ("Content-Type", JSON) and hit.body == b"{}"
