"""The as-of readers (kg.web.asof) through the summary's kg:datedPost texts give what reading every
membership gives (a store whose summary predates the texts is read that way)."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import app_client
from test_tenure import BASE, KG, ORG, SUMMARY, XSD, stated_lines

from kg.store import open_store
from kg.store.base import Store
from kg.store.summary import has_format
from kg.web import asof
from kg.web.views import Linker

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BODY = f"{BASE}id/state/ruritania"
POSTS = ["president", "premier", "speaker"]
HOLDERS = ["ivanov", "petrov", "sidorov", "kuznetsov", "popov"]


@pytest.mark.parametrize("on, start, end, seen, status, held", [
    ("2020-06-01", None, None, "2020-05-20", "current", True),      # seen in the month around the day
    ("2020-06-01", None, None, "2020-05-20", "former", False),      # "former" is no sighting
    ("2020-06-01", None, None, "2020-08-20", "current", False),     # seen too long after
    ("2020-06-01", "2020-03", None, "2021-01-05", "current", True),  # started, still held later
    ("2020-06-01", "2020-03", None, "2020-04-01", "current", False),  # started, last seen before the day
    ("2020-06-01", "2020", "2021-02-01", "2022-01-01", "former", True),  # stated start and end around it
    ("2020-06-01", "2020-07", None, "2020-06-10", "current", False),  # starts after the day
    ("2020-06-01", None, "2020-05", "2020-05-20", "current", False),  # ended the month before
    ("2020-06-01", None, "2020-06", "2020-05-20", "current", True),   # ends in the day's month
    ("2020-06-01", None, None, None, "current", False),             # an article without a date
])
def test_held_on_reads_stated_dates_at_their_precision(on: str, start: str | None, end: str | None,
                                                       seen: str | None, status: str, held: bool) -> None:
    assert asof.held_on(on, start, end, seen, status) is held


def _article(n: int, day: str, posts: list[tuple[str, str, str, str | None, str | None, int | None]]) -> tuple[str, str]:
    """(graph, N-Triples): an article of `day` whose memberships in BODY give (post, holder, status,
    start, end, index of the membership of this article it succeeds)."""
    a = f"{BASE}id/article/t{n}"
    lines = [f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Article> .",
             f'<{a}> <http://purl.org/dc/terms/issued> "{day}"^^<{XSD}date> .']
    for k, (post, holder, status, start, end, succeeds) in enumerate(posts, 1):
        m = f"{a}/membership/{k}"
        role = f"{BASE}id/role/en/{post}"
        lines += [f"<{m}> <{ORG}organization> <{BODY}> .", f"<{m}> <{ORG}member> <{BASE}id/person/{holder}> .",
                  f"<{m}> <{ORG}role> <{role}> .", f'<{role}> <{LABEL}> "{post}"@en .',
                  f"<{m}> <{KG}post> <{BASE}id/post/state/ruritania/{post}> .", f'<{m}> <{KG}postStatus> "{status}" .',
                  f"<{m}> <http://www.w3.org/ns/prov#wasDerivedFrom> <{a}> ."]
        if succeeds:
            lines.append(f"<{m}> <{KG}succeeds> <{a}/membership/{succeeds}> .")
        lines += stated_lines(m, start, end)
    entities = [f"<{BASE}id/post/state/ruritania/{p}> <{ORG}postIn> <{BODY}> ." for p in POSTS]
    return f"{BASE}graph/article/t{n}", "\n".join(lines + entities) + "\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    rng = random.Random(5)

    def some_day() -> dt.date:
        return dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))

    with open_store(str(tmp_path_factory.mktemp("asof") / "store")) as s:
        for n in range(150):
            day = some_day()
            posts = []
            for k in range(rng.randrange(1, 4)):
                start = some_day().isoformat()[:rng.choice((4, 7, 10))] if rng.random() < 0.3 else None
                end = some_day().isoformat()[:rng.choice((4, 7, 10))] if rng.random() < 0.15 else None
                succeeds = k if k and rng.random() < 0.2 else None
                posts.append((rng.choice(POSTS), rng.choice(HOLDERS),
                              rng.choice(("current", "current", "acting", "former", "elect")), start, end, succeeds))
            s.replace_graphs([_article(n, day.isoformat(), posts)], summary=SUMMARY)
        yield s


def _without_texts(store: Store) -> None:
    store.update(f"DELETE WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?s <{KG}summaryFormat> ?f }} }}")


def _with_texts(store: Store) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{SUMMARY.graph}> {{ <{SUMMARY.graph}> <{KG}summaryFormat> 2 }} }}")


def test_holders_on_a_day_through_the_summary_are_those_of_every_membership(store: Store) -> None:
    days = [dt.date(2015, 1, 1) + dt.timedelta(days=90 * k) for k in range(35)]
    assert has_format(store, BASE)
    fast = {d: asof.holders_on(store, Linker(BASE, ""), BODY, d, limit=1000) for d in days}
    _without_texts(store)
    try:
        slow = {d: asof.holders_on(store, Linker(BASE, ""), BODY, d, limit=1000) for d in days}
    finally:
        _with_texts(store)
    assert fast == slow
    assert sum(1 for rows in fast.values() if rows) > 20
    # the stated dates matter: some holders are found by them alone, away from any sighting
    assert any(r["start"] and r["seen"] and abs((dt.date.fromisoformat(r["seen"]) - d).days) > 31
               for d, rows in fast.items() for r in rows)


def test_a_posts_stated_and_succeeding_holders_through_the_summary(store: Store) -> None:
    for post in POSTS:
        iri = f"{BASE}id/post/state/ruritania/{post}"
        fast = asof.post_holders(store, Linker(BASE, ""), iri, limit=1000)
        _without_texts(store)
        try:
            slow = asof.post_holders(store, Linker(BASE, ""), iri, limit=1000)
        finally:
            _with_texts(store)
        assert fast == slow
        # every membership of the post that states a start, an end or a predecessor is there
        res = store.query(f"""SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ GRAPH ?g {{ ?m <{KG}post> <{iri}> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?a .
            {{ ?m <{ORG}memberDuring> ?d }} UNION {{ ?m <{KG}succeeds> ?x }} }} }}""", union_default_graph=False)
        stated = int(res.rows[0][0].value)
        assert stated > 5 and sum(1 for r in fast if r["start"] or r["end"] or r["succeeds"]) == stated
        assert all(r["role"] == post for r in fast)


def test_a_bodys_page_leaves_its_dated_post_texts_out(store: Store) -> None:
    """The summary's kg:datedPost texts are the as-of readers' index: an actor page and its RDF
    description list the body's statements and surface forms, not thousands of those texts."""
    from kg.web.entity import entity_view

    texts = store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SUMMARY.graph}> {{ <{BODY}> <{KG}datedPost> ?t }} }}",
        union_default_graph=False)
    assert int(texts.rows[0][0].value) > 20
    entities = f"{BASE}graph/entities"
    store.update(f"""INSERT DATA {{ GRAPH <{entities}> {{ <{BODY}> a <{KG}State> ; <{LABEL}> "Ruritania"@en }}
        GRAPH <{SUMMARY.graph}> {{ <{BODY}> <http://www.w3.org/2004/02/skos/core#altLabel> "ruritanien" }} }}""")
    try:
        page = entity_view(store, Linker(BASE, ""), BODY)
        store.flush()
        with app_client(store.location) as client:
            served = client.get("/id/state/ruritania", headers={"Accept": "application/n-triples"})
    finally:
        store.update(f"DROP GRAPH <{entities}>")
        store.update(f"""DELETE DATA {{ GRAPH <{SUMMARY.graph}> {{
            <{BODY}> <http://www.w3.org/2004/02/skos/core#altLabel> "ruritanien" }} }}""")
    shown = {p["iri"] for p in page["properties"]}
    assert f"{KG}datedPost" not in shown and f"{LABEL}" in shown
    assert page["label"] == "Ruritania" and "ruritanien" in page["aliases"]
    assert served.status_code == 200
    described = {(t.predicate.value, t.object.value) for t in ox.parse(served.data, format=ox.RdfFormat.N_TRIPLES)
                 if t.subject == ox.NamedNode(BODY)}
    assert not any(p == f"{KG}datedPost" for p, _ in described)
    assert {(LABEL, "Ruritania"), ("http://www.w3.org/2004/02/skos/core#altLabel", "ruritanien")} <= described
