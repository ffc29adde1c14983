"""The summary graph (kg.store.summary): kept per article in the article's own update, equal to a recount."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from test_tenure import tenure_quads

from kg.rdf.vocab import DCT, KG, ORG, SKOS
from kg.store import open_store
from kg.store import tenure
from kg.store.base import Store
from kg.store.summary import Summary, article_count, ensure, has_format, latest_issued, most_mentioned, read_counts

BASE = "https://w3id.org/newskg/"
SUMMARY = Summary(BASE)
ROOT = Path(__file__).resolve().parent.parent


def recount(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """Articles per entity and instances per counted class, counted from the article graphs themselves."""
    prefix = f"{BASE}graph/article/"
    res = store.query(f"""SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?e <{KG.mentionedIn}> ?a }}
        FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?e""", union_default_graph=False)
    entities = {e.value: int(n.value) for e, n in res.rows}
    classes = {}
    for cls in (KG.Article, ORG.Membership, KG.Agreement, KG.Meeting):
        res = store.query(f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> }}
            FILTER(STRSTARTS(STR(?g), "{prefix}")) }}""", union_default_graph=False)
        classes[str(cls)] = int(res.rows[0][0].value)
    res = store.query(f"""SELECT DISTINCT ?e ?l WHERE {{ GRAPH ?g {{ ?e <{SKOS.altLabel}> ?l }}
        FILTER(STRSTARTS(STR(?g), "{prefix}")) }}""", union_default_graph=False)
    classes["aliases"] = sorted((e.value, str(lit)) for e, lit in res.rows)  # type: ignore[assignment]
    res = store.query(f"""SELECT DISTINCT ?o ?m WHERE {{ GRAPH ?g {{ ?m <{ORG.organization}> ?o .
        {{ ?m <{ORG.memberDuring}> ?d }} UNION {{ ?m <{KG.succeeds}> ?prior }} }}
        FILTER(STRSTARTS(STR(?g), "{prefix}")) }}""", union_default_graph=False)
    classes["dated"] = sorted((o.value, m.value) for o, m in res.rows)  # type: ignore[assignment]
    return entities, classes


def latest_recounted(store: Store) -> str | None:
    res = store.query(f"""SELECT (MAX(?d) AS ?m) WHERE {{ GRAPH ?g {{ ?a a <{KG.Article}> ; <{DCT.issued}> ?d }}
        FILTER(STRSTARTS(STR(?g), "{BASE}graph/article/")) }}""", union_default_graph=False)
    return res.rows[0][0].value if res.rows and res.rows[0][0] is not None else None


def summarised(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    res = store.query(f"SELECT ?e ?n WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?e <{KG.articleCount}> ?n }} }}",
                      union_default_graph=False)
    entities = {e.value: int(n.value) for e, n in res.rows}
    counts = read_counts(store, BASE)
    assert counts is not None, "no summary"
    classes = {str(c): counts[1].get(str(c), 0) for c in (KG.Article, ORG.Membership, KG.Agreement, KG.Meeting)}
    res = store.query(f"SELECT ?e ?l WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?e <{SKOS.altLabel}> ?l }} }}",
                      union_default_graph=False)
    classes["aliases"] = sorted((e.value, str(lit)) for e, lit in res.rows)  # type: ignore[assignment]
    res = store.query(f"SELECT ?o ?key WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?o <{KG.datedPost}> ?key }} }}",
                      union_default_graph=False)
    # each text ends with its membership's IRI
    classes["dated"] = sorted((o.value, key.value.rsplit(" ", 1)[1]) for o, key in res.rows)  # type: ignore[assignment]
    return entities, classes


def article(n: int, entities: list[str], meetings: int = 0, dated: str | None = None) -> tuple[str, str]:
    """(graph IRI, N-Triples) of a small article graph naming `entities`, with `meetings` meetings, and
    with a membership in the body `dated` that states a start when one is given."""
    a = f"<{BASE}id/article/t{n}>"
    lines = [f"{a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG.Article}> .",
             f'{a} <http://purl.org/dc/terms/identifier> "t{n}" .',
             f'{a} <http://purl.org/dc/terms/issued> "2020-01-{n + 1:02d}"^^<http://www.w3.org/2001/XMLSchema#date> .']
    for e in entities:
        lines.append(f"<{BASE}id/{e}> <{KG.mentionedIn}> {a} .")
        lines.append(f'<{BASE}id/{e}> <http://www.w3.org/2004/02/skos/core#altLabel> "{e}"@fr .')
    for k in range(1, meetings + 1):
        m = f"<{BASE}id/article/t{n}/meeting/{k}>"
        lines.append(f"{m} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG.Meeting}> .")
    if dated:
        m = f"<{BASE}id/article/t{n}/membership/1>"
        lines += [f"{m} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ORG.Membership}> .",
                  f"{m} <{ORG.organization}> <{BASE}id/{dated}> .", f"{m} <{ORG.memberDuring}> <{m[1:-1]}/during> .",
                  f'{m} <{KG.postStatus}> "current" .', f"{m} <http://www.w3.org/ns/prov#wasDerivedFrom> {a} .",
                  f"<{m[1:-1]}/during> <http://www.w3.org/2006/time#hasBeginning> <{m[1:-1]}/start> .",
                  f'<{m[1:-1]}/start> <http://www.w3.org/2006/time#inXSDgYear> "2019"^^<http://www.w3.org/2001/XMLSchema#gYear> .']
    return f"{BASE}graph/article/t{n}", "\n".join(lines) + "\n"


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    with open_store(str(tmp_path / "store")) as s:
        yield s


def test_sample_ingest_keeps_a_summary_equal_to_a_recount(sample_store: str) -> None:
    with open_store(sample_store, read_only=True) as store:
        entities, classes = summarised(store)
        assert (entities, classes) == recount(store)
        assert classes[str(KG.Article)] == 5 and entities
        assert latest_issued(store, BASE) == latest_recounted(store) == "2022-09-20"
        top = most_mentioned(store, BASE, 3)
        assert top[0][1] == max(entities.values())
        assert article_count(store, BASE, top[0][0]) == top[0][1]


def test_insert_replace_and_drop_keep_the_counts(store: Store) -> None:
    store.replace_graphs([article(1, ["state/russia", "state/china"], meetings=2)], summary=SUMMARY)
    store.replace_graphs([article(2, ["state/russia", "person/putin"], meetings=1)], summary=SUMMARY)
    assert summarised(store) == recount(store)
    assert summarised(store)[0] == {f"{BASE}id/state/russia": 2, f"{BASE}id/state/china": 1,
                                    f"{BASE}id/person/putin": 1}
    assert latest_issued(store, BASE) == latest_recounted(store) == "2020-01-03"
    revision = read_counts(store, BASE)[0]  # type: ignore[index]
    # Replacing an article with itself changes no count, but raises the revision.
    store.replace_graphs([article(2, ["state/russia", "person/putin"], meetings=1)], summary=SUMMARY)
    assert summarised(store) == recount(store)
    assert read_counts(store, BASE)[0] == revision + 1  # type: ignore[index]
    # A new version naming others: the old names are taken off, the new ones added.
    store.replace_graphs([article(1, ["state/china", "org/nato"])], summary=SUMMARY)
    entities, classes = summarised(store)
    assert (entities, classes) == recount(store)
    assert entities == {f"{BASE}id/state/russia": 1, f"{BASE}id/state/china": 1,
                        f"{BASE}id/person/putin": 1, f"{BASE}id/org/nato": 1}
    assert classes[str(KG.Meeting)] == 1 and classes[str(KG.Article)] == 2
    assert (f"{BASE}id/org/nato", '"org/nato"@fr') in classes["aliases"]  # type: ignore[operator]
    # Dropping an article: an entity no article names any more leaves the summary.
    store.replace_graphs([], drops=[f"{BASE}graph/article/t2"], summary=SUMMARY)
    entities, classes = summarised(store)
    assert (entities, classes) == recount(store)
    assert f"{BASE}id/person/putin" not in entities and classes[str(KG.Article)] == 1
    assert latest_issued(store, BASE) == "2020-01-03" != latest_recounted(store)  # never lowered
    # The surface forms no article gives any more went with it (Putin's, Russia's); the others stay.
    assert [e for e, _ in classes["aliases"]] == [f"{BASE}id/org/nato", f"{BASE}id/state/china"]  # type: ignore[union-attr]


def test_dated_posts_follow_their_articles_and_an_older_summary_is_recounted(store: Store) -> None:
    russia, china = f"{BASE}id/state/russia", f"{BASE}id/state/china"
    store.replace_graphs([article(1, ["state/russia"], dated="state/russia")], summary=SUMMARY)
    store.replace_graphs([article(2, ["state/china"], dated="state/china")], summary=SUMMARY)
    store.replace_graphs([article(3, ["state/china"])], summary=SUMMARY)
    assert has_format(store, BASE)  # begun with this version: it holds everything
    assert summarised(store)[1]["dated"] == [(china, f"{BASE}id/article/t2/membership/1"),
                                             (russia, f"{BASE}id/article/t1/membership/1")]
    res = store.query(f"SELECT ?key WHERE {{ GRAPH <{SUMMARY.graph}> {{ <{russia}> <{KG.datedPost}> ?key }} }}",
                      union_default_graph=False)
    # stated start, stated end, the article's date, status, post, membership
    assert [r[0].value for r in res.rows] == [f"2019 - 2020-01-02 current - {BASE}id/article/t1/membership/1"]
    # A new version of an article without the dated post takes it off; a dropped article too.
    store.replace_graphs([article(1, ["state/russia"])], summary=SUMMARY)
    store.replace_graphs([], drops=[f"{BASE}graph/article/t2"], summary=SUMMARY)
    assert summarised(store) == recount(store) and summarised(store)[1]["dated"] == []
    # A summary written before kg:datedPost (no format) is recounted by the next ingest's check.
    store.replace_graphs([article(4, ["state/russia"], dated="state/russia")])  # written without summary
    store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?s <{KG.summaryFormat}> ?f }} }}")
    assert not has_format(store, BASE) and summarised(store) != recount(store)
    assert ensure(store, BASE) is True
    assert has_format(store, BASE) and summarised(store) == recount(store)
    assert ensure(store, BASE) is False


def test_rebuild_recounts_a_store_written_without_summary(store: Store) -> None:
    for n in range(4):
        store.replace_graphs([article(n, ["state/russia"] + [f"person/p{n}"], meetings=n)])
    assert read_counts(store, BASE) is None
    store.update(" ;\n".join(SUMMARY.rebuild_ops()))
    assert summarised(store) == recount(store)
    assert latest_issued(store, BASE) == latest_recounted(store) == "2020-01-04"
    store.replace_graphs([article(9, ["state/russia"])], summary=SUMMARY)
    assert summarised(store) == recount(store)
    assert summarised(store)[0][f"{BASE}id/state/russia"] == 5


def test_reingest_and_reason_quarantine_keep_the_summary(kg: Any, tmp_path: Path) -> None:
    """Through the real pipeline: ingest twice (replace), then `kg reason` moves an article graph
    to the quarantine (a drop): the summary stays equal to a recount each time."""
    store = str(tmp_path / "store")
    src = ROOT / "samples" / "ttn-fr-34.txt"
    for _ in range(2):
        assert kg("ingest", str(src), "--published", "2022-09-20", "--store", store).exit_code == 0
        with open_store(store, read_only=True) as s:
            assert summarised(s) == recount(s)
            assert summarised(s)[1][str(KG.Article)] == 1
    from kg.reason import quarantine_graph

    with open_store(store) as s:
        quarantine_graph(s, BASE, f"{BASE}graph/article/ttn-fr-34", "test")
        assert summarised(s) == recount(s)
        entities, classes = summarised(s)
        assert entities == {} and classes["aliases"] == [] and classes[str(KG.Article)] == 0
        assert latest_issued(s, BASE) == "2022-09-20"  # not lowered when the article goes


def test_generated_stores_carry_the_summary_ingest_would_write(tmp_path: Path) -> None:
    store = tmp_path / "gen"
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_store.py"), "--quads", "30k", "--store", str(store)],
                   check=True, capture_output=True)
    with open_store(str(store), read_only=True) as s:
        assert summarised(s) == recount(s)
        assert latest_issued(s, BASE) == latest_recounted(s)
        assert ox.NamedNode(SUMMARY.graph) in set(ox.Store.read_only(str(store)).named_graphs())
        assert has_format(s, BASE)
    with open_store(str(store)) as s:  # the tenures are those a recount gives
        generated = tenure_quads(s)
        s.update(" ;\n".join(tenure.rebuild(SUMMARY.graph, BASE)))
        assert tenure_quads(s) == generated and len(generated) > 100


def test_ingest_into_a_store_without_summary_recounts_it_first(kg: Any, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    with open_store(store) as s:
        for n in range(3):
            s.replace_graphs([article(n, ["state/russia"])])  # written without summary
    assert kg("ingest", str(ROOT / "samples" / "ttn-fr-34.txt"), "--published", "2022-09-20",
              "--store", store).exit_code == 0
    with open_store(store, read_only=True) as s:
        entities, classes = summarised(s)
        assert (entities, classes) == recount(s)
        assert classes[str(KG.Article)] == 4 and entities[f"{BASE}id/state/russia"] == 4
