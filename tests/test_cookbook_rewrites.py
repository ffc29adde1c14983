"""Cookbook queries rewritten to stay quick on large stores give the rows their earlier versions gave.

tests/data/cookbook-before/ holds each rewritten query as it was; both run on the sample store (or, for
a query the samples give no rows, on a small store of its own). Lists a GROUP_CONCAT builds ("A · B") are compared as sets: SPARQL leaves their order open (the
rewrites name them in alphabetical order), and so is the order of rows that tie on every ORDER BY key.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import ingest_records

from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
BEFORE_DIR = Path(__file__).parent / "data" / "cookbook-before"
# Queries the samples give no rows, each checked on a store of its own below.
OWN_STORE = {"post-disagreements"}
BEFORE = sorted(p for p in BEFORE_DIR.glob("*.rq") if p.stem not in OWN_STORE)
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
    assert all((BEFORE_DIR / f"{name}.rq").is_file() for name in OWN_STORE)


def test_post_disagreements_rewritten_gives_the_rows_it_gave(kg: Any, tmp_path: Path) -> None:
    """Two days of March 2020: on the 5th three articles give the Polish prime minister to two people
    (two pairs disagree, one agrees), on the 6th one article alone; the window is the month."""
    records = [("d1", "2020-03-05", "Le Premier ministre polonais Piotr Zieliński a visité Berlin."),
               ("d2", "2020-03-05", "Le Premier ministre polonais Anna Wiśniewska a parlé à Varsovie."),
               ("d4", "2020-03-05", "Le Premier ministre polonais Anna Wiśniewska a reçu des élus."),
               ("d3", "2020-03-06", "Le Premier ministre polonais Piotr Zieliński a parlé à Cracovie.")]
    store = ingest_records(kg, tmp_path, [(i, d, "fr", t) for i, d, t in records])

    def in_march(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        assert '"2022-09-01"' in text and '"2022-09-30"' in text
        return text.replace('"2022-09-01"', '"2020-03-01"').replace('"2022-09-30"', '"2020-03-31"')
    name = "post-disagreements.rq"
    with open_store(str(store), read_only=True) as st:
        old, new = rows(st, in_march(BEFORE_DIR / name)), rows(st, in_march(ROOT / "web" / "cookbook" / name))
    assert sum(old.values()) == 2, old
    assert new == old


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


def test_actors_mentioned_together_in_a_period_are_the_full_querys_pairs_for_its_articles(sample_store: str) -> None:
    """With a window holding every sample article, the period's pairs are the full query's pairs (above
    the count where the 50 kept may be cut among ties; article lists compared as sets); the window as shipped finds pairs too."""
    def run(text: str) -> list[tuple[str, str, int, frozenset[str]]]:
        with open_store(sample_store, read_only=True) as store:
            res = store.query(text)
        return [(a.value, b.value, int(n.value), frozenset(ids.value.split(", "))) for a, b, n, ids in res.rows]

    period = (ROOT / "web" / "cookbook" / "co-mentioned-actors-in-period.rq").read_text(encoding="utf-8")
    assert '"2022-09-01"' in period and '"2022-09-30"' in period
    everything = period.replace('"2022-09-01"', '"1900-01-01"').replace('"2022-09-30"', '"2100-12-31"')
    full = run((ROOT / "web" / "cookbook" / "co-mentioned-actors.rq").read_text(encoding="utf-8"))
    got = run(everything)
    assert full and len(got) == len(full)
    cut = min(n for _, _, n, _ in full)
    assert {r for r in got if r[2] > cut} == {r for r in full if r[2] > cut}
    assert {r[2] for r in got} == {r[2] for r in full}
    assert run(period)


def test_post_holders_on_date_rewritten_gives_the_rows_it_gave_with_stated_dates(kg: Any, tmp_path: Path) -> None:
    """The samples are all of the day asked about, so every row there comes through the window; here the
    Polish prime ministers have stated starts and ends in articles of other months, which the rewrite
    finds through the summary's kg:datedPost texts: the rows are the earlier version's on each date."""
    records = [("p1", "2021-05-10", "fr", "Piotr Zieliński, Premier ministre de la Pologne, a été remplacé par Anna "
                                          "Wiśniewska le 3 mars 2020."),
               ("p2", "2020-01-15", "fr", "Le Premier ministre polonais Piotr Zieliński a visité Berlin."),
               ("p3", "2022-02-01", "en", "Anna Wiśniewska replaced Piotr Zieliński as prime minister of Poland in "
                                          "January 2020."),
               ("p4", "2020-11-05", "fr", "Anna Wiśniewska, Première ministre de la Pologne depuis mars 2020, a "
                                          "visité Paris.")]
    store = ingest_records(kg, tmp_path, records)

    def on(path: Path, day: str, window: tuple[str, str]) -> str:
        text = path.read_text(encoding="utf-8")
        for old, new in (('{ "China"@en "Chine"@fr }', '{ "Poland"@en "Pologne"@fr }'), ('"2022-09-20"', f'"{day}"'),
                         ('"2022-08-20"', f'"{window[0]}"'), ('"2022-10-20"', f'"{window[1]}"')):
            assert old in text
            text = text.replace(old, new)
        return text
    name = "post-holders-on-date.rq"
    found = Counter()
    with open_store(str(store), read_only=True) as st:
        for day, window in (("2020-06-01", ("2020-05-01", "2020-07-01")), ("2020-01-20", ("2019-12-20", "2020-02-20")),
                            ("2019-06-01", ("2019-05-01", "2019-07-01")), ("2021-05-10", ("2021-04-10", "2021-06-10")),
                            ("2022-01-01", ("2021-12-01", "2022-01-20"))):
            old = rows(st, on(BEFORE_DIR / name, day, window))
            new = rows(st, on(ROOT / "web" / "cookbook" / name, day, window))
            assert new == old, day
            found[day] = sum(new.values())
    # rows from stated dates alone (no article in the window) on the first and last dates
    assert found["2020-06-01"] and found["2022-01-01"], found
