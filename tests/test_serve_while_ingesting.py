"""One writer, many readers: `kg ingest` writes into the store a running `kg serve` serves."""
from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import serve_store

from kg.errors import StoreError
from kg.store import embedded, open_store

KG = "https://w3id.org/newskg/ontology#"
DCT = "http://purl.org/dc/terms/"
ARTICLE = "https://w3id.org/newskg/id/article/"
N_LATER = 100  # ~3 s of ingest: the server reopens the store (every second) while it runs

FIRST = {"id": "swi-first", "title": "Rencontre à Lyon", "lang": "fr", "published": "2021-04-01",
         "text": "Amélie Carvalec, présidente de la Fédération des Meuniers, a rencontré Hugo Dubroc à Lyon."}


def later(i: int) -> dict[str, str]:
    """The articles ingested while the server runs."""
    return {"id": f"swi-later-{i}", "title": f"Rencontre à Nantes numéro {i}", "lang": "fr",
            "published": "2021-04-02",
            "text": f"Céline Morvennec, présidente de l'Union des Tisserands, a rencontré Julien Perrichon "
                    f"à Nantes le {i % 27 + 1} mars. Les deux dirigeants ont signé un accord."}


def write_jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def sparql(url: str, query: str) -> tuple[int, Any]:
    """(HTTP status, parsed SPARQL JSON results or the error text)."""
    qs = urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(f"{url}/sparql?{qs}", headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def page(url: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{url}{path}", timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def ask_article(url: str, ident: str) -> bool:
    status, body = sparql(url, f"ASK {{ <{ARTICLE}{ident}> <{DCT}identifier> ?id }}")
    assert status == 200, body
    return bool(body["boolean"])


# Per reader answer: how many articles there are, and how many article graphs lack their
# identifier or text or hold a fact not derived from the article (a half-written article).
CONSISTENCY = f"""
SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?broken) AS ?half) WHERE {{
  {{ GRAPH ?g {{ ?a a <{KG}Article> }} }}
  UNION
  {{ GRAPH ?broken {{ ?x <http://www.w3.org/ns/prov#wasDerivedFrom> ?art }}
     FILTER NOT EXISTS {{ GRAPH ?broken {{ ?art <{DCT}identifier> ?i ; <{KG}text> ?t }} }} }}
}}"""


def test_server_sees_articles_ingested_while_it_runs(kg: Any, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    r = kg("ingest", str(write_jsonl(tmp_path / "first.jsonl", FIRST)), "--store", store)
    assert r.exit_code == 0, r.output
    batch = write_jsonl(tmp_path / "later.jsonl", *(later(i) for i in range(N_LATER)))

    with serve_store(store, "--query-workers", "1") as url:
        assert ask_article(url, "swi-first")
        assert not ask_article(url, f"swi-later-{N_LATER - 1}")
        assert page(url, f"/id/article/swi-later-{N_LATER - 1}")[0] == 404

        # A reader polls throughout the ingest: every answer is a 200, the article count
        # never goes down and no answer ever shows a half-written article graph.
        seen: list[tuple[int, Any]] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                seen.append(sparql(url, CONSISTENCY))
                time.sleep(0.05)
        reader = threading.Thread(target=poll, daemon=True)
        reader.start()
        try:
            r = kg("ingest", str(batch), "--store", store)  # the writer, beside the running server
        finally:
            stop.set()
            reader.join(60)
        assert r.exit_code == 0 and f"{N_LATER} stored" in r.stdout, r.output

        deadline = time.monotonic() + 10  # the server reopens the store every second
        while not ask_article(url, f"swi-later-{N_LATER - 1}") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ask_article(url, f"swi-later-{N_LATER - 1}"), "the server never saw the article ingested beside it"
        status, html = page(url, f"/id/article/swi-later-{N_LATER - 1}")
        assert status == 200 and f"Rencontre à Nantes numéro {N_LATER - 1}" in html
        status, body = sparql(url, CONSISTENCY)
        assert status == 200 and body["results"]["bindings"][0]["articles"]["value"] == str(N_LATER + 1)

    assert len(seen) >= 3, "the reader hardly ran during the ingest"
    bad = [(status, body) for status, body in seen if status != 200]
    assert not bad, bad[:3]
    counts = [int(body["results"]["bindings"][0]["articles"]["value"]) for _, body in seen]
    halves = [int(body["results"]["bindings"][0]["half"]["value"]) for _, body in seen]
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] <= N_LATER + 1, counts
    assert not any(halves), halves
    assert any(1 < c < N_LATER + 1 for c in counts), f"no answer saw the ingest in progress: {counts}"


RACE = ("Corruption: Corruption: IO error: No such file or directory: While open a file for random read: "
        "{}/000013.sst: No such file or directory")


def test_a_read_only_open_that_races_the_writers_compaction_is_retried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen for real beside a long ingest: RocksDB lists a file that compaction has just deleted."""
    location = tmp_path / "store"
    writer = ox.Store(str(location))
    writer.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"), ox.Literal("x")))
    del writer
    attempts: list[str] = []

    def racing(path: str) -> ox.Store:
        attempts.append(path)
        if len(attempts) < 3:
            raise RuntimeError(RACE.format(path))
        return ox.Store.read_only(path)
    monkeypatch.setattr(embedded, "ox", SimpleNamespace(Store=SimpleNamespace(read_only=racing)))
    store = open_store(str(location), read_only=True)
    assert len(attempts) == 3 and len(store) == 1

    def broken(path: str) -> ox.Store:
        attempts.append(path)
        raise RuntimeError(RACE.format(path) + "\nsecond line")
    monkeypatch.setattr(embedded, "ox", SimpleNamespace(Store=SimpleNamespace(read_only=broken)))
    attempts.clear()
    start = time.monotonic()
    with pytest.raises(StoreError) as e:
        open_store(str(location), read_only=True)
    assert len(attempts) == embedded.READ_ONLY_ATTEMPTS and time.monotonic() - start < 2
    assert "cannot open the store read-only" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("flush_seconds, in_table_files", [(0.0, 1), (1e9, 0)])
def test_a_writer_moves_its_log_into_table_files_as_it_goes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flush_seconds: float, in_table_files: int) -> None:
    """Every read-only open replays the writer's whole log: a long ingest must not leave it all there.

    A copy of the store without its log files holds what was flushed to table files. With the
    flush interval passed the write is there; with an interval never reached (the old
    behaviour) it is only in the log, which is what made opens slower and slower.
    """
    monkeypatch.setattr(embedded, "FLUSH_SECONDS", flush_seconds)
    location = tmp_path / "store"
    with open_store(str(location)) as writer:
        writer.update('INSERT DATA { GRAPH <http://ex.org/g> { <http://ex.org/a> <http://ex.org/p> "x" } }')
        shutil.copytree(location, tmp_path / "tables", ignore=shutil.ignore_patterns("*.log", "LOCK"))
    assert len(ox.Store.read_only(str(tmp_path / "tables"))) == in_table_files
