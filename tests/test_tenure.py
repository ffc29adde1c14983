"""Tenures (kg.store.tenure): one holder in one post across articles, kept with each article write."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from kg.store import open_store
from kg.store.base import Store
from kg.store.summary import Summary

BASE = "https://w3id.org/newskg/"
SUMMARY = Summary(BASE)
KG = "https://w3id.org/newskg/ontology#"
ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_INSTANT = {10: ("inXSDDate", "date"), 7: ("inXSDgYearMonth", "gYearMonth"), 4: ("inXSDgYear", "gYear")}

Post = tuple[str, str, str, "str | None", "str | None"]  # (post, holder, status, stated start, stated end)


def article(n: int, day: str | None, posts: list[Post]) -> tuple[str, str]:
    """(graph IRI, N-Triples) of an article of `day` whose memberships give `posts`."""
    a = f"<{BASE}id/article/t{n}>"
    lines = [f"{a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Article> ."]
    if day:
        lines.append(f'{a} <http://purl.org/dc/terms/issued> "{day}"^^<{XSD}date> .')
    for k, (post, holder, status, start, end) in enumerate(posts, 1):
        m = f"{BASE}id/article/t{n}/membership/{k}"
        lines += [f"<{m}> <{KG}post> <{BASE}id/post/state/ruritania/{post}> .",
                  f"<{m}> <{ORG}member> <{BASE}id/person/{holder}> .", f'<{m}> <{KG}postStatus> "{status}" .',
                  f"<{m}> <http://www.w3.org/ns/prov#wasDerivedFrom> {a} .", *stated_lines(m, start, end)]
    return f"{BASE}graph/article/t{n}", "\n".join(lines) + "\n"


def stated_lines(m: str, start: str | None, end: str | None) -> list[str]:
    """N-Triples of membership `m`'s stated start and end, as kg.rdf.to_graph writes them."""
    lines = []
    for edge, value, node in (("hasBeginning", start, "start"), ("hasEnd", end, "end")):
        if value:
            prop, dtype = _INSTANT[len(value)]
            lines += [f"<{m}> <{ORG}memberDuring> <{m}/during> .", f"<{m}/during> <{TIME}{edge}> <{m}/{node}> .",
                      f'<{m}/{node}> <{TIME}{prop}> "{value}"^^<{XSD}{dtype}> .']
    return lines


def tenures(store: Store) -> dict[str, dict[str, str]]:
    """Each tenure as {"count", "first", "last", "start", "end"} (the values present), by "post/holder"."""
    res = store.query(f"""SELECT ?p ?x ?k ?f ?l ?b ?e WHERE {{ GRAPH <{SUMMARY.graph}> {{
        ?t a <{KG}Tenure> ; <{KG}post> ?p ; <{ORG}member> ?x ; <{KG}statementCount> ?k .
        OPTIONAL {{ ?t <{ORG}memberDuring> ?i . OPTIONAL {{ ?i <{KG}firstObserved> ?f }} OPTIONAL {{ ?i <{KG}lastObserved> ?l }}
          OPTIONAL {{ ?i <{TIME}hasBeginning>/(<{TIME}inXSDDate>|<{TIME}inXSDgYearMonth>|<{TIME}inXSDgYear>) ?b }}
          OPTIONAL {{ ?i <{TIME}hasEnd>/(<{TIME}inXSDDate>|<{TIME}inXSDgYearMonth>|<{TIME}inXSDgYear>) ?e }} }} }} }}""",
                      union_default_graph=False)
    out: dict[str, dict[str, str]] = {}
    for p, x, *values in res.rows:
        key = f"{p.value.rsplit('/', 1)[1]}/{x.value.rsplit('/', 1)[1]}"
        assert key not in out, f"two rows for {key}: {out[key]} and {values}"
        out[key] = {name: v.value for name, v in zip(("count", "first", "last", "start", "end"), values) if v is not None}
    return out


def tenure_quads(store: Store) -> set[str]:
    res = store.query(f"""SELECT ?s ?p ?o WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?s ?p ?o }}
        FILTER(STRSTARTS(STR(?s), "{BASE}id/tenure/")) }}""", union_default_graph=False)
    return {" ".join(str(t) for t in row) for row in res.rows}


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    with open_store(str(tmp_path / "store")) as s:
        yield s


def test_a_tenure_gathers_what_the_articles_say_of_one_holder_in_one_post(store: Store) -> None:
    write = store.replace_graphs
    write([article(1, "2020-01-05", [("president", "ivanov", "current", "2012-05", None)])], summary=SUMMARY)
    write([article(2, "2021-03-05", [("president", "ivanov", "current", None, None),
                                     ("premier", "petrov", "former", "2008", "2012-05-07")])], summary=SUMMARY)
    write([article(3, "2019-03-05", [("president", "ivanov", "acting", "2000", None)])], summary=SUMMARY)
    write([article(4, "2022-06-01", [("president", "ivanov", "former", None, "2022-05")])], summary=SUMMARY)
    assert tenures(store) == {
        # observations from current and acting only (the "former" article of 2022 is no sighting);
        # the earliest stated start and the latest stated end, each at its own precision
        "president/ivanov": {"count": "4", "first": "2019-03-05", "last": "2021-03-05", "start": "2000",
                             "end": "2022-05"},
        # former only: no observation, but the stated dates
        "premier/petrov": {"count": "1", "start": "2008", "end": "2012-05-07"},
    }
    # Re-ingesting an unchanged article changes nothing.
    before = tenure_quads(store)
    write([article(2, "2021-03-05", [("president", "ivanov", "current", None, None),
                                     ("premier", "petrov", "former", "2008", "2012-05-07")])], summary=SUMMARY)
    assert tenure_quads(store) == before
    # A new version of article 3 without Ivanov: one article less for him; his dates are not
    # narrowed by a replacement (widened only), until a recount.
    write([article(3, "2019-03-05", [("premier", "petrov", "current", None, None)])], summary=SUMMARY)
    assert tenures(store)["president/ivanov"] == {"count": "3", "first": "2019-03-05", "last": "2021-03-05",
                                                  "start": "2000", "end": "2022-05"}
    assert tenures(store)["premier/petrov"] == {"count": "2", "first": "2019-03-05", "last": "2019-03-05",
                                                "start": "2008", "end": "2012-05-07"}
    store.update(" ;\n".join(SUMMARY.rebuild_ops()))
    assert tenures(store)["president/ivanov"] == {"count": "3", "first": "2020-01-05", "last": "2021-03-05",
                                                  "start": "2012-05", "end": "2022-05"}
    # Dropping the only article that gives a pair takes its tenure off, interval and instants included.
    write([], drops=[f"{BASE}graph/article/t3"], summary=SUMMARY)
    write([], drops=[f"{BASE}graph/article/t2"], summary=SUMMARY)
    assert set(tenures(store)) == {"president/ivanov"}
    assert not [q for q in tenure_quads(store) if "petrov" in q]


def test_an_article_without_a_date_counts_but_observes_nothing(store: Store) -> None:
    store.replace_graphs([article(1, None, [("president", "ivanov", "current", None, None)])], summary=SUMMARY)
    assert tenures(store) == {"president/ivanov": {"count": "1"}}


def test_kept_per_article_it_equals_a_recount_after_new_articles_and_agrees_after_rewrites(store: Store) -> None:
    """Random articles: the tenures kept per article are those a recount gives. Then random rewrites
    and drops: the same tenures exist with the same counts, and each kept date is at least as wide
    as the recount's (widened, never narrowed)."""
    rng = random.Random(11)
    posts, holders = ["president", "premier", "speaker"], ["ivanov", "petrov", "sidorov", "kuznetsov"]
    statuses = ["current", "current", "acting", "former", "elect"]

    def some_date(precision: int) -> str:
        return f"{rng.randrange(2000, 2024)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"[:precision]

    def some_article(n: int) -> tuple[str, str]:
        given = [(rng.choice(posts), rng.choice(holders), rng.choice(statuses),
                  some_date(rng.choice((4, 7, 10))) if rng.random() < 0.3 else None,
                  some_date(rng.choice((4, 7, 10))) if rng.random() < 0.2 else None)
                 for _ in range(rng.randrange(0, 4))]
        return article(n, some_date(10) if rng.random() < 0.9 else None, given)

    for n in range(12):
        store.replace_graphs([some_article(n)], summary=SUMMARY)
    kept = tenure_quads(store)
    assert len(tenures(store)) >= 6
    store.update(" ;\n".join(SUMMARY.rebuild_ops()))
    assert tenure_quads(store) == kept
    for _ in range(30):
        n = rng.randrange(14)
        if rng.random() < 0.2:
            store.replace_graphs([], drops=[f"{BASE}graph/article/t{n}"], summary=SUMMARY)
        else:
            store.replace_graphs([some_article(n)], summary=SUMMARY)
    kept_now = tenures(store)
    store.update(" ;\n".join(SUMMARY.rebuild_ops()))
    recounted = tenures(store)
    assert set(kept_now) == set(recounted)
    for key, exact in recounted.items():
        widened = kept_now[key]
        assert widened["count"] == exact["count"], key
        for name, wider in (("first", min), ("start", min), ("last", max), ("end", max)):
            if name in exact:
                # compared at the shorter precision ("2012" against "2012-05-03")
                w, e = widened[name], exact[name]
                n_ = min(len(w), len(e))
                assert wider(w[:n_], e[:n_]) == w[:n_], (key, name, w, e)


def test_kg_recount_narrows_what_rewrites_left_wide(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    location = str(tmp_path / "store")
    with open_store(location) as store:
        store.replace_graphs([article(1, "2020-01-05", [("president", "ivanov", "current", "2012-05", None)])],
                             summary=SUMMARY)
        store.replace_graphs([article(2, "2021-01-05", [("president", "ivanov", "current", "2000", None)])],
                             summary=SUMMARY)
        store.replace_graphs([article(2, "2021-01-05", [("president", "ivanov", "current", None, None)])],
                             summary=SUMMARY)  # corrected: no start any more
        assert tenures(store)["president/ivanov"]["start"] == "2000"
    result = CliRunner().invoke(main, ["recount", "--store", location])
    assert result.exit_code == 0 and "read summaries recounted in" in result.output, result.output
    with open_store(location, read_only=True) as store:
        assert tenures(store)["president/ivanov"] == {"count": "2", "first": "2020-01-05", "last": "2021-01-05",
                                                      "start": "2012-05"}
    assert CliRunner().invoke(main, ["recount", "--store", str(tmp_path / "none")]).exit_code == 2


def test_the_cookbooks_post_history_reads_the_tenures(store: Store) -> None:
    """post-history.rq gives one row per holder from the tenures; one without any date (a "former"
    only) gets no date of another's."""
    labels = "\n".join([f'<{BASE}id/post/state/ruritania/president> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ORG}Post> .',
                        f'<{BASE}id/post/state/ruritania/president> <http://www.w3.org/2000/01/rdf-schema#label> "President of Ruritania"@en .',
                        f'<{BASE}id/person/ivanov> <http://www.w3.org/2000/01/rdf-schema#label> "Ivan Ivanov"@en .',
                        f'<{BASE}id/person/petrov> <http://www.w3.org/2000/01/rdf-schema#label> "Piotr Petrov"@en .'])
    store.replace_graphs([(f"{BASE}graph/entities", labels + "\n")])
    store.replace_graphs([article(1, "2020-01-05", [("president", "ivanov", "current", "2012-05", None),
                                                    ("president", "petrov", "former", None, None)])], summary=SUMMARY)
    store.replace_graphs([article(2, "2021-03-05", [("president", "ivanov", "current", None, "2021-02")])],
                         summary=SUMMARY)
    query = (Path(__file__).resolve().parents[1] / "web" / "cookbook" / "post-history.rq").read_text(encoding="utf-8")
    res = store.query(query)
    rows = [[v.value if v is not None else None for v in row] for row in res.rows]
    assert [str(v).lstrip("?") for v in res.variables] == ["post", "holder", "firstSeen", "lastSeen", "statedStart",
                                                           "statedEnd", "articles"]
    assert sorted(rows, key=str) == sorted([
        ["President of Ruritania", "Ivan Ivanov", "2020-01-05", "2021-03-05", "2012-05", "2021-02", "2"],
        ["President of Ruritania", "Piotr Petrov", None, None, None, None, "1"],
    ], key=str)


def test_kg_ingest_keeps_the_tenures_a_recount_gives(sample_store: str, tmp_path: Path) -> None:
    """Through `kg ingest` (the embedded store works the tenures' changes out in Python): the sample
    articles' tenures are those a recount of their memberships gives."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(sample_store, copy)
    with open_store(str(copy)) as store:
        kept = tenure_quads(store)
        assert len(tenures(store)) >= 5
        store.update(" ;\n".join(SUMMARY.rebuild_ops()))
        assert tenure_quads(store) == kept


def test_pairs_are_read_from_an_articles_n_triples() -> None:
    from kg.store import tenure

    _, nt = article(1, "2020-01-05", [("president", "ivanov", "current", None, None),
                                      ("premier", "petrov", "former", "2008", None),
                                      ("president", "ivanov", "acting", None, None)])
    assert tenure.pairs_in(nt) == [(f"<{BASE}id/post/state/ruritania/premier>", f"<{BASE}id/person/petrov>"),
                                   (f"<{BASE}id/post/state/ruritania/president>", f"<{BASE}id/person/ivanov>")]


def test_a_tenure_without_a_label_is_named_by_its_holder_and_post() -> None:
    from kg.web.views import _fallback_label

    t = f"{BASE}id/tenure/state/china/president/person/xi-jinping"
    assert _fallback_label(t) == "tenure: xi-jinping, president (china)"
    assert _fallback_label(f"{t}/during") == "tenure during: xi-jinping, president (china)"
    assert _fallback_label(f"{BASE}id/article/a1/membership/3") == "membership 3 (a1)"
