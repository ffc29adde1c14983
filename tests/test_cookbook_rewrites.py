"""Cookbook queries rewritten to stay quick on large stores give the rows their earlier versions gave.

tests/data/cookbook-before/ holds each rewritten query as it was; both run on the sample store.
Lists a GROUP_CONCAT builds ("A · B") are compared as sets: SPARQL leaves their order open (the
rewrites name them in alphabetical order), and so is the order of rows that tie on every ORDER BY key.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
BEFORE = sorted((Path(__file__).parent / "data" / "cookbook-before").glob("*.rq"))
LISTS = ("parties", "participants")


def rows(store: object, query: str) -> Counter[tuple[object, ...]]:
    res = store.query(query)  # type: ignore[attr-defined]
    out: Counter[tuple[object, ...]] = Counter()
    for row in res.rows:
        values = []
        for name, term in zip(res.variables, row):
            value = None if term is None else str(term)
            if name in LISTS and term is not None:
                value = tuple(sorted(term.value.split(" · ")))
            values.append(value)
        out[tuple(values)] += 1
    return out


@pytest.mark.parametrize("before", BEFORE, ids=[p.stem for p in BEFORE])
def test_rewritten_query_gives_the_rows_it_gave(before: Path, sample_store: str) -> None:
    now = ROOT / "web" / "cookbook" / before.name
    with open_store(sample_store, read_only=True) as store:
        old, new = rows(store, before.read_text(encoding="utf-8")), rows(store, now.read_text(encoding="utf-8"))
    assert old, f"{before.name}: no rows on the samples"
    assert new == old


def test_there_are_rewrites_to_check() -> None:
    assert len(BEFORE) >= 5


def test_narrowed_forms_give_the_rows_of_the_full_queries_they_narrow(sample_store: str) -> None:
    """Facts of one article are the full provenance query's rows for that article; the actors named
    with Xi Jinping are those the full co-mention query pairs with him, with the same counts."""
    def run(name: str) -> tuple[list[str], list[tuple[object, ...]]]:
        query = (ROOT / "web" / "cookbook" / f"{name}.rq").read_text(encoding="utf-8")
        with open_store(sample_store, read_only=True) as store:
            res = store.query(query)
        return res.variables, [tuple(None if t is None else t.value for t in row) for row in res.rows]

    names, facts = run("fact-provenance-of-article")
    full_names, full = run("fact-provenance")
    assert facts and names == full_names
    art = names.index("article")
    assert Counter(facts) == Counter(r for r in full if r[art] == "ttn-fr-34")
    names, partners = run("co-mentioned-with-actor")
    _, pairs = run("co-mentioned-actors")
    with_xi = {(b if a == "Xi Jinping" else a): int(n) for a, b, n, _ in pairs if "Xi Jinping" in (a, b)}
    got = {row[names.index("name")]: int(row[names.index("articlesTogether")]) for row in partners}
    assert with_xi and all(got.get(name) == n for name, n in with_xi.items())
