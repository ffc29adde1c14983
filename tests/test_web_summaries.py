"""Pages read the summary graph and walk dates instead of aggregating: they must show what a full scan shows."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from kg.rdf.vocab import KG
from kg.store import open_store
from kg.store.summary import Summary
from kg.web.entity import latest_mentions
from kg.store.summary import latest_issued, read_counts
from kg.web.views import SPARQL_PREFIXES, LabelIndex, Linker, home_view, latest_articles, lookup_names

BASE = "https://w3id.org/newskg/"


def live_latest(store: Any, limit: int, entity: str | None = None) -> list[str]:
    about = f"GRAPH ?gm {{ <{entity}> kg:mentionedIn ?a }}" if entity else "GRAPH ?gt { ?a a kg:Article }"
    res = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?a ?d WHERE {{ {about} GRAPH ?g {{ ?a dct:issued ?d }} }}
        ORDER BY DESC(?d) ?a""", union_default_graph=False)
    return [a.value for a, _ in res.rows][:limit]


def test_latest_articles_walk_gives_the_sorted_order(sample_store: str) -> None:
    with open_store(sample_store, read_only=True) as store:
        start = latest_issued(store, BASE)
        assert start == "2022-09-20"
        for k in (1, 3, 5):
            walked = latest_articles(store, k, start, floor=366 * 10)
            assert walked is not None
            live = live_latest(store, 10)
            assert walked == live[:k]
        assert latest_articles(store, 1, None) is None  # no date to start from: the page sorts
        assert latest_articles(store, 2, start) is None  # one article within a year: the page sorts


def test_entity_articles_by_walk_and_by_sort_agree(sample_store: str) -> None:
    """With limit 1 every entity named in 3 of the 5 articles takes the walk (3² > 1 × 5)."""
    with open_store(sample_store, read_only=True) as store:
        res = store.query(f"SELECT ?e ?n WHERE {{ GRAPH <{Summary(BASE).graph}> {{ ?e <{KG.articleCount}> ?n }} }}",
                          union_default_graph=False)
        counts = {e.value: int(n.value) for e, n in res.rows}
        walked = 0
        for e, n in counts.items():
            for limit in (1, 2, 50):
                fast, total = latest_mentions(store, e, limit, base=BASE)
                slow, live_total = latest_mentions(store, e, limit)  # no summary: counts and sorts
                assert total == live_total == n
                assert fast == slow == live_latest(store, limit, e)  # the sample's articles have distinct dates
                walked += n * n > limit * 5
        assert walked  # some took the walk


def test_home_counts_and_top_actors_match_a_full_count(sample_store: str) -> None:
    with open_store(sample_store, read_only=True) as store:
        linker = Linker(BASE, "")
        view = home_view(store, None, linker)
        index = LabelIndex.build(store)
        assert [a["iri"] for a in view["top_actors"]] == [e.iri for e in index.top(10)]
        assert [a["mentions"] for a in view["top_actors"]] == [e.mentions for e in index.top(10)]
        for name, cls in (("articles", KG.Article), ("agreements", KG.Agreement), ("meetings", KG.Meeting)):
            res = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> }} }}",
                              union_default_graph=False)
            assert view["counts"][name] == int(res.rows[0][0].value)
        assert [a["iri"] for a in view["latest_articles"]] == live_latest(store, 10)


def test_names_of_roles_and_entities_without_scanning(sample_store: str) -> None:
    """lookup_names reads roles, actors and articles by predicate: same names as reading everything."""
    with open_store(sample_store, read_only=True) as store:
        res = store.query("SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a ?t } }", union_default_graph=False)
        iris = [x.value for (x,) in res.rows if isinstance(x, ox.NamedNode)]
        names = lookup_names(store, iris)
        for x in iris:
            res = store.query(f"SELECT DISTINCT ?l WHERE {{ GRAPH ?g {{ <{x}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}",
                              union_default_graph=False)
            assert sorted(t for t, _ in names[x].labels) == sorted(l.value for (l,) in res.rows)
            assert names[x].types


def test_actor_pages_show_every_surface_form_and_statement(client: Any, sample_store: str) -> None:
    """An actor page reads its own statements in the entities, links, summary and ontology graphs:
    it shows the same aliases and statements as reading every graph (the RDF description does)."""
    from kg.web.entity import describe, own_graphs

    with open_store(sample_store, read_only=True) as store:
        res = store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{BASE}graph/entities> {{ ?e a ?t }} }}",
                          union_default_graph=False)
        graphs = own_graphs(store, BASE)
        assert graphs is not None
        for (e,) in res.rows:
            fast = describe(store, e.value, links=(), mentioned_in=False, graphs=graphs)
            full = describe(store, e.value, links=(), mentioned_in=False)
            # the page leaves out the summary's own bookkeeping: counts and kg:datedPost texts
            summary = {t for t in [*fast.triples, *full.triples]
                       if t.predicate.value in (str(KG.articleCount), str(KG.datedPost))}
            assert set(fast.triples) - summary == set(full.triples) - summary, e.value
    page = client.get("/id/state/russia?format=json").json
    assert "Moscou" in page["aliases"] or "russe" in page["aliases"]


def test_pages_without_a_summary_count_the_store_themselves(tmp_path: Any) -> None:
    """A store written without summaries (by an older kg ingest, or kg load) still gets right pages."""
    from kg.web.entity import entity_view

    with open_store(str(tmp_path / "store")) as store:
        for n in range(3):
            a = f"<{BASE}id/article/old-{n}>"
            nt = (f"{a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG.Article}> .\n"
                  f'{a} <http://purl.org/dc/terms/issued> "2020-01-0{n + 1}"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
                  f'{a} <http://purl.org/dc/terms/title> "T{n}" .\n'
                  f"<{BASE}id/state/russia> <{KG.mentionedIn}> {a} .\n")
            store.replace_graphs([(f"{BASE}graph/article/old-{n}", nt)])
        store.replace_graphs([(f"{BASE}graph/entities",
                               f'<{BASE}id/state/russia> a <{KG.State}> ; <http://www.w3.org/2000/01/rdf-schema#label> "Russia"@en .\n'
                               .replace(" ; ", f" .\n<{BASE}id/state/russia> "))])
        assert read_counts(store, BASE) is None
        view = home_view(store, None, Linker(BASE, ""))
        assert view["counts"]["articles"] == 3
        assert [a["iri"] for a in view["latest_articles"]] == [f"{BASE}id/article/old-{n}" for n in (2, 1, 0)]
        assert view["top_actors"][0]["iri"] == f"{BASE}id/state/russia" and view["top_actors"][0]["mentions"] == 3
        page = entity_view(store, Linker(BASE, ""), f"{BASE}id/state/russia")
        assert page["mentioned_in_total"] == 3 and len(page["mentioned_in"]) == 3
        assert page["label"] == "Russia"


def test_latest_quarantine_records_by_their_creation_times(tmp_path: Any) -> None:
    """The home page's list: the latest records first, as sorting every record gives, with other
    things that have a dct:created (newer ones too) and records sharing a time."""
    from kg.web.views import latest_quarantined

    dct, xsd = "http://purl.org/dc/terms/", "http://www.w3.org/2001/XMLSchema#"
    graphs = []
    for n in range(30):
        q = f"<{BASE}id/quarantine/r{n}>"
        when = f"2024-03-{1 + n // 2:02d}T10:00:00Z"  # two records a day: ties
        graphs.append((f"{BASE}graph/quarantine/r{n}",
                       f"{q} a <{KG.QuarantineRecord}> .\n{q} <{dct}identifier> \"r{n}\" .\n"
                       f"{q} <{dct}created> \"{when}\"^^<{xsd}dateTime> .\n"))
    # newer things that are not records (data loaded beside), more than the first read takes
    others = "".join(f"<{BASE}id/other/{k}> <{dct}created> \"2025-01-{1 + k % 28:02d}T00:00:{k % 60:02d}Z\"^^<{xsd}dateTime> .\n"
                     for k in range(120))
    graphs.append((f"{BASE}graph/elsewhere", others))
    with open_store(str(tmp_path / "store")) as store:
        store.replace_graphs(graphs)
        full = store.query(SPARQL_PREFIXES + """SELECT ?id ?c WHERE { GRAPH ?g { ?q a kg:QuarantineRecord ;
            dct:identifier ?id ; dct:created ?c } } ORDER BY DESC(?c) ?id""", union_default_graph=False)
        for limit in (1, 3, 10, 40):
            got = [(i.value, c.value) for i, c in latest_quarantined(store, limit)]
            assert got == [(i.value, c.value) for i, c in full.rows][:limit], limit
        assert [i.value for i, _ in latest_quarantined(store, 3)] == ["r28", "r29", "r26"]


@pytest.mark.parametrize("own", [False, True], ids=["every-graph", "own-graphs"])
def test_rdf_description_lists_the_latest_mentions_and_the_total(sample_store: str, own: bool) -> None:
    """An RDF description gives an actor's latest `limit` kg:mentionedIn triples, not every one (a
    state at 100M quads has 300,000), and the summary's kg:articleCount for the total, whether it
    reads every graph or only the actor's own (as the entity pages do); without a base (no summary
    read) it gives them all."""
    from kg.web.entity import describe, own_graphs

    with open_store(sample_store, read_only=True) as store:
        res = store.query(f"SELECT ?e ?n WHERE {{ GRAPH <{Summary(BASE).graph}> {{ ?e <{KG.articleCount}> ?n }} }}",
                          union_default_graph=False)
        e, n = max(((e.value, int(n.value)) for e, n in res.rows), key=lambda en: en[1])
        assert n >= 3
        graphs = own_graphs(store, BASE) if own else None
        for limit in (1, 2, n):
            desc = describe(store, e, links=(), limit=limit, base=BASE, graphs=graphs)
            listed = [t.object.value for t in desc.triples if t.predicate.value == str(KG.mentionedIn)]
            assert listed == live_latest(store, limit, e)
            assert [int(t.object.value) for t in desc.triples if t.predicate.value == str(KG.articleCount)] == [n]
        every = describe(store, e, links=(), limit=1)
        assert len([t for t in every.triples if t.predicate.value == str(KG.mentionedIn)]) == n


def test_an_actors_rdf_description_is_read_in_its_own_graphs(client: Any, sample_store: str) -> None:
    """An actor's Turtle or N-Triples reads its statements where its page does (entities, links,
    summary, ontology graphs), and gives the same triples as reading every graph (the summary's
    kg:datedPost texts aside: tests/test_asof_index.py)."""
    from kg.web.entity import describe

    with open_store(sample_store, read_only=True) as store:
        res = store.query(f"SELECT ?e WHERE {{ GRAPH <{Summary(BASE).graph}> {{ ?e <{KG.articleCount}> ?n }} }}",
                          union_default_graph=False)
        actors = sorted(e.value for (e,) in res.rows)
        assert len(actors) > 10
        for actor in actors:
            full = describe(store, actor, links=(), base=BASE)
            served = client.get(f"/id/{actor[len(BASE) + 3:]}", headers={"Accept": "application/n-triples"})
            assert served.status_code == 200, actor
            got = {(t.predicate, t.object) for t in ox.parse(served.data, format=ox.RdfFormat.N_TRIPLES)
                   if t.subject == ox.NamedNode(actor)}
            assert got == {(t.predicate, t.object) for t in full.triples}, actor


def test_a_descriptions_facts_are_every_triple_of_the_facts_linked_to_it(sample_store: str) -> None:
    """describe() reads which facts point at a resource, then their triples: for every actor of the
    samples, the fact nodes per link predicate and all their triples in every graph, as one plain
    query gives them (and with a limit of 1, one fact per link, with all its triples)."""
    from kg.web.entity import FACT_LINKS, describe

    links = ", ".join(f"<{p}>" for p in FACT_LINKS)
    with open_store(sample_store, read_only=True) as store:
        res = store.query(f"SELECT ?e WHERE {{ GRAPH <{Summary(BASE).graph}> {{ ?e <{KG.articleCount}> ?n }} }}",
                          union_default_graph=False)
        checked = 0
        for (e,) in res.rows:
            rows = store.query(f"""SELECT ?f ?link ?p ?o WHERE {{ GRAPH ?g {{ ?f ?link <{e.value}> }}
                FILTER(?link IN ({links})) GRAPH ?g2 {{ ?f ?p ?o }} }}""", union_default_graph=False).rows
            expected = {ox.Triple(f, p, o) for f, _, p, o in rows}
            by_link: dict[str, set[str]] = {}
            for f, link, _, _ in rows:
                by_link.setdefault(f.value, set()).add(link.value)
            desc = describe(store, e.value, base=BASE)
            assert set(desc.fact_triples) == expected, e.value
            assert len(desc.fact_triples) == len(expected), e.value  # each once
            assert desc.links == by_link, e.value
            assert {f: {p: sorted(map(str, os)) for p, os in props.items()} for f, props in desc.facts.items()} == {
                f: {p: sorted(str(t.object) for t in expected if t.subject.value == f and t.predicate.value == p)
                    for p in {t.predicate.value for t in expected if t.subject.value == f}}
                for f in {t.subject.value for t in expected}}, e.value
            one = describe(store, e.value, base=BASE, limit=1)
            assert all(len([f for f, ls in one.links.items() if link in ls]) <= 1 for link in map(str, FACT_LINKS))
            assert {t.subject.value for t in one.fact_triples} == set(one.links), e.value
            assert set(one.fact_triples) == {t for t in expected if t.subject.value in one.links}, e.value
            checked += bool(expected)
        assert checked >= 5
