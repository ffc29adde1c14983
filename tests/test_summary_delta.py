"""The embedded store works the summary's changes out in Python (kg.store.summary_delta): the same
summary graph as the SPARQL updates every other store is sent, write for write."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from test_tenure import BASE, KG, ORG, SUMMARY, XSD, stated_lines

from kg.errors import QueryError
from kg.store import open_store
from kg.store.base import Store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

ACTORS = ["state/ruritania", "state/freedonia", "person/ivanov", "person/petrov", "org/league", "person/mbeki"]
FORMS = ["Ruritanie", "Ruritania", "M. Ivanov", "Ivanov", "la Ligue", "Petrov", "Mbeki"]
POSTS = ["state/ruritania/president", "state/ruritania/premier", "org/league/secretary-general"]
HOLDERS = ["person/ivanov", "person/petrov", "person/mbeki", "person/o-neill"]


def random_article(rng: random.Random, n: int, tag: str = "") -> tuple[str, str]:
    """(graph IRI, N-Triples) of an article shaped like kg ingest's: mentions, surface forms, typed
    facts, memberships with statuses, posts, stated starts and ends, predecessors (`tag` in the IRIs
    of its facts: triples added to an article give facts of their own)."""
    a = f"<{BASE}id/article/r{n}>"
    lines = [f"{a} <{RDF_TYPE}> <{KG}Article> .", f'{a} <http://purl.org/dc/terms/identifier> "r{n}" .']
    if rng.random() < 0.85:
        day = f"20{rng.randrange(10, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        lines.append(f'{a} <http://purl.org/dc/terms/issued> "{day}"^^<{XSD}date> .')
    for actor in rng.sample(ACTORS, rng.randrange(0, 4)):
        lines.append(f"<{BASE}id/{actor}> <{KG}mentionedIn> {a} .")
        for form in rng.sample(FORMS, rng.randrange(0, 3)):
            lines.append(f'<{BASE}id/{actor}> <http://www.w3.org/2004/02/skos/core#altLabel> "{form}"@fr .')
    for kind in ("Meeting", "Agreement"):
        for k in range(rng.randrange(0, 3)):
            lines.append(f"<{BASE}id/article/r{n}/{kind.lower()}/{tag}{k}> <{RDF_TYPE}> <{KG}{kind}> .")
    for k in range(rng.randrange(0, 4)):
        m = f"{BASE}id/article/r{n}/membership/{tag}{k}"
        post = rng.choice(POSTS)
        body = post.rsplit("/", 1)[0]
        lines += [f"<{m}> <{RDF_TYPE}> <{ORG}Membership> .", f"<{m}> <{ORG}organization> <{BASE}id/{body}> .",
                  f"<{m}> <{ORG}member> <{BASE}id/{rng.choice(HOLDERS)}> .",
                  f"<{m}> <http://www.w3.org/ns/prov#wasDerivedFrom> {a} .",
                  f'<{m}> <{KG}postStatus> "{rng.choice(["current", "current", "acting", "former", "elect"])}" .']
        if rng.random() < 0.9:
            lines.append(f"<{m}> <{KG}post> <{BASE}id/post/{post}> .")
        start, end = (f"{rng.randrange(1995, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                      [:rng.choice((4, 7, 10))] if rng.random() < 0.3 else None for _ in range(2))
        lines += stated_lines(m, start, end)
        if rng.random() < 0.15:
            lines.append(f"<{m}> <{KG}succeeds> <{BASE}id/{rng.choice(HOLDERS)}> .")
    return f"{BASE}graph/article/r{n}", "\n".join(lines) + "\n"


def summary_quads(store: Store) -> set[str]:
    res = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{SUMMARY.graph}> {{ ?s ?p ?o }} }}", union_default_graph=False)
    return {" ".join(str(t) for t in row) for row in res.rows}


class Recorder:
    """The updates an embedded store runs."""

    def __init__(self, store: Any) -> None:
        self.sent: list[str] = []
        self._update = store._update
        store._update = self

    def __call__(self, sparql: str) -> None:
        self.sent.append(sparql)
        self._update(sparql)


def random_writes(seed: int, count: int) -> list[dict[str, Any]]:
    """Requests of Store.replace_graphs: single and batched articles, rewrites, drops, additions."""
    rng = random.Random(seed)
    writes: list[dict[str, Any]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.15:
            writes.append({"replacements": [], "drops": [f"{BASE}graph/article/r{rng.randrange(10)}"]})
        elif roll < 0.3:  # a batch, the same article twice in it at times
            ns = [rng.randrange(10) for _ in range(rng.randrange(2, 5))]
            writes.append({"replacements": [random_article(rng, n) for n in ns]})
        elif roll < 0.4:  # triples added to an article graph (it is recounted whole)
            n = rng.randrange(10)
            _, more = random_article(rng, n, tag=f"added{len(writes)}-")
            writes.append({"replacements": [], "additions": [(f"{BASE}graph/article/r{n}", more)]})
        elif roll < 0.45:  # a drop and a write of the same graph in one request
            n = rng.randrange(10)
            writes.append({"replacements": [random_article(rng, n)], "drops": [f"{BASE}graph/article/r{n}"]})
        else:
            writes.append({"replacements": [random_article(rng, rng.randrange(10))]})
    return writes


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_python_changes_equal_the_sparql_updates_write_for_write(tmp_path: Path, seed: int) -> None:
    writes = random_writes(seed, 40)
    with open_store(str(tmp_path / "python")) as python, open_store(str(tmp_path / "sparql")) as sparql:
        sparql.summary_in_python = False  # type: ignore[attr-defined]
        sent = Recorder(python)
        for k, write in enumerate(writes):
            python.replace_graphs(**write, summary=SUMMARY)
            sparql.replace_graphs(**write, summary=SUMMARY)
            assert summary_quads(python) == summary_quads(sparql), (k, write)
        kept = summary_quads(python)
        assert python._known_summary[1]  # type: ignore[attr-defined]  # (values kept between the writes)
    # The summary was written as data, never by updates that search the store
    assert sent.sent and not [u for u in sent.sent if "SELECT" in u or "WHERE" in u]
    # and it holds every kind of value
    for predicate in ("articleCount", "instanceCount", "altLabel", "datedPost", "statementCount", "firstObserved",
                      "hasBeginning", "hasEnd", "latestIssued", "revision", "summaryFormat"):
        assert any(f"{predicate}>" in q for q in kept), predicate


def test_an_unchanged_article_written_again_changes_only_the_revision(tmp_path: Path) -> None:
    rng = random.Random(7)
    article = random_article(rng, 1)
    with open_store(str(tmp_path / "store")) as store:
        for n in range(2, 8):
            store.replace_graphs([random_article(rng, n)], summary=SUMMARY)
        store.replace_graphs([article], summary=SUMMARY)
        before = summary_quads(store)
        store.replace_graphs([article], summary=SUMMARY)
        after = summary_quads(store)
    changed = before ^ after
    assert len(changed) == 2 and all(f"{KG}revision>" in q for q in changed), changed


def test_a_blank_node_in_an_article_falls_back_to_the_sparql_updates(tmp_path: Path) -> None:
    graph, nt = random_article(random.Random(3), 1)
    nt += f'_:x <{KG}mentionedIn> <{BASE}id/article/r1> .\n<{BASE}id/person/ivanov> <{KG}mentionedIn> <{BASE}id/article/r1> .\n'
    with open_store(str(tmp_path / "python")) as python, open_store(str(tmp_path / "sparql")) as sparql:
        sparql.summary_in_python = False  # type: ignore[attr-defined]
        sent = Recorder(python)
        python.replace_graphs([(graph, nt)], summary=SUMMARY)
        sparql.replace_graphs([(graph, nt)], summary=SUMMARY)
        assert any("WHERE" in u for u in sent.sent)  # the updates that find the changes
        counts = [q for q in summary_quads(python) if "articleCount" in q]
        assert len(counts) == len([q for q in summary_quads(sparql) if "articleCount" in q]) >= 2
        assert any(f"<{BASE}id/person/ivanov> <{KG}articleCount>" in q for q in counts)


def test_a_holder_given_one_post_in_two_bodies_falls_back_to_the_sparql_updates(tmp_path: Path) -> None:
    """The updates keep a SAMPLE of the bodies, which Python cannot promise to pick alike."""
    graph, nt = random_article(random.Random(3), 1)
    m = f"<{BASE}id/article/r1/membership/odd>"
    nt += (f'{m} <{KG}post> <{BASE}id/post/state/ruritania/president> .\n{m} <{ORG}member> <{BASE}id/person/petrov> .\n'
           f'{m} <{KG}postStatus> "current" .\n{m} <http://www.w3.org/ns/prov#wasDerivedFrom> <{BASE}id/article/r1> .\n'
           f'{m} <{ORG}organization> <{BASE}id/state/ruritania> .\n{m} <{ORG}organization> <{BASE}id/org/league> .\n')
    with open_store(str(tmp_path / "python")) as python, open_store(str(tmp_path / "sparql")) as sparql:
        sparql.summary_in_python = False  # type: ignore[attr-defined]
        sent = Recorder(python)
        python.replace_graphs([(graph, nt)], summary=SUMMARY)
        sparql.replace_graphs([(graph, nt)], summary=SUMMARY)
        assert any("WHERE" in u for u in sent.sent)
        assert summary_quads(python) == summary_quads(sparql)


def test_n_triples_that_do_not_parse_fail_the_write_and_change_nothing(tmp_path: Path) -> None:
    rng = random.Random(5)
    with open_store(str(tmp_path / "store")) as store:
        store.replace_graphs([random_article(rng, 1)], summary=SUMMARY)
        before = summary_quads(store)
        graph, nt = random_article(rng, 2)
        with pytest.raises(QueryError, match="malformed SPARQL update"):
            store.replace_graphs([(graph, nt + "<http://x> <http://y> oops .\n")], summary=SUMMARY)
        assert summary_quads(store) == before
        assert f"{BASE}graph/article/r2" not in store.named_graphs()


def test_values_kept_between_writes_are_forgotten_when_anything_else_writes(tmp_path: Path) -> None:
    """The store keeps the summary values its writes read and left, and reads them again after an
    update that did not come through its writes (here a count set by hand)."""
    rng = random.Random(9)
    graph, nt = random_article(rng, 1)
    nt += f"<{BASE}id/state/ruritania> <{KG}mentionedIn> <{BASE}id/article/r1> .\n"
    with open_store(str(tmp_path / "store")) as store:
        store.replace_graphs([(graph, nt)], summary=SUMMARY)
        kept = store._known_summary[1]  # type: ignore[attr-defined]
        ruritania = [k for k in kept if str(k[0]) == f"<{BASE}id/state/ruritania>" and "articleCount" in str(k[1])]
        assert ruritania and [str(v) for v in kept[ruritania[0]]] == [f'"1"^^<{XSD}integer>']
        count = f"<{BASE}id/state/ruritania> <{KG}articleCount>"
        store.update(f"DELETE {{ GRAPH <{SUMMARY.graph}> {{ {count} ?n }} }} INSERT {{ GRAPH <{SUMMARY.graph}> "
                     f"{{ {count} 40 }} }} WHERE {{ GRAPH <{SUMMARY.graph}> {{ {count} ?n }} }}")
        graph2, nt2 = random_article(rng, 2)
        nt2 += f"<{BASE}id/state/ruritania> <{KG}mentionedIn> <{BASE}id/article/r2> .\n"
        store.replace_graphs([(graph2, nt2)], summary=SUMMARY)
        res = store.query(f"SELECT ?n WHERE {{ GRAPH <{SUMMARY.graph}> {{ {count} ?n }} }}", union_default_graph=False)
        assert [row[0].value for row in res.rows] == ["41"]
