"""`kg optimize`: compacts an embedded store's files without changing its quads; clear errors otherwise."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from conftest import serve_store

from kg.cli import main

EX = "http://example.org/"


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def bulk_loaded(store: Path, batches: int = 6) -> set[ox.Quad]:
    """A store filled by several bulk loads over the same subjects: overlapping table files, as a
    bulk loader leaves them."""
    quads: set[ox.Quad] = set()
    s = ox.Store(str(store))
    for b in range(batches):
        batch = [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p{b}"), ox.Literal(f"v{i}-{b}"),
                         ox.NamedNode(f"{EX}g{i % 7}")) for i in range(400)]
        s.bulk_extend(batch)
        quads.update(batch)
    del s
    return quads


def tables(store: Path) -> int:
    return sum(1 for p in store.iterdir() if p.suffix == ".sst")


def test_optimize_compacts_and_keeps_every_quad(tmp_path: Path) -> None:
    store = tmp_path / "s"
    quads = bulk_loaded(store)
    before = tables(store)
    r = run("optimize", "--store", str(store))
    assert r.exit_code == 0, r.output
    assert "store optimized in" in r.output and f"{len(quads)} quads" in r.output
    assert tables(store) < before  # the overlapping files were merged
    s = ox.Store.read_only(str(store))
    assert set(s) == quads


def test_optimize_bad_targets_are_one_line_errors(tmp_path: Path) -> None:
    missing = run("optimize", "--store", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "no store here" in missing.output
    assert not (tmp_path / "nope").exists()  # no empty store made
    remote = run("optimize", "--store", "http://127.0.0.1:9/sparql")
    assert remote.exit_code == 2 and "embedded store" in remote.output
    store = tmp_path / "s"
    bulk_loaded(store, batches=1)
    holder = ox.Store(str(store))  # another writer holds the lock
    try:
        locked = run("optimize", "--store", str(store))
        assert locked.exit_code == 2 and "locked by another writer" in locked.output
        for r in (missing, remote, locked):
            assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    finally:
        del holder


def test_a_running_server_answers_while_the_store_is_compacted(tmp_path: Path) -> None:
    """`kg serve` reopens the store when its files change: every answer, during and after the
    compaction, counts every quad (the README says readers go on)."""
    store = tmp_path / "s"
    quads = bulk_loaded(store, batches=30)
    answers: list[tuple[int, int | None]] = []
    done = threading.Event()

    def ask(url: str) -> None:
        n = 0
        while not done.is_set():
            n += 1  # a new variable name each time: evaluated, not the response cache's answer
            q = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n{n}) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"})
            req = urllib.request.Request(f"{url}/sparql?{q}", headers={"Accept": "application/sparql-results+json"})
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    rows = json.load(resp)["results"]["bindings"]
                    answers.append((resp.status, int(rows[0][f"n{n}"]["value"])))
            except urllib.error.HTTPError as e:
                answers.append((e.code, None))

    with serve_store(str(store), "--rate-limit", "0") as url:
        reader = threading.Thread(target=ask, args=(url,))
        reader.start()
        try:
            time.sleep(0.5)
            r = run("optimize", "--store", str(store))
            assert r.exit_code == 0, r.output
            time.sleep(2.5)  # the server looks at the store's files every second
        finally:
            done.set()
            reader.join()
    assert len(answers) > 10
    assert all(a == (200, len(quads)) for a in answers), sorted(set(answers))
