"""`kg optimize`: compacts an embedded store's files without changing its quads; clear errors otherwise."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

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
