"""`kg reason`: inferences in their own graph, contradictions named and quarantined, the ingest gate."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.config import Settings
from kg.inspect import quarantine
from kg.model import Agreement, Article, Entity, Extraction, Meeting, PostHolding
from kg.pipeline import Pipeline, install_ontology
from kg.rdf import iris
from kg.rdf.vocab import KG, ORG, PROV, RDF
from kg.reason import Gate, Rules, load_ontology, reason
from kg.store import open_store

BASE = "https://w3id.org/newskg/"
ADA = URIRef(iris.entity_iri(BASE, "person/ada"))
BOB = URIRef(iris.entity_iri(BASE, "person/bob"))
FRANCE = URIRef(iris.entity_iri(BASE, "state/france"))
GERMANY = URIRef(iris.entity_iri(BASE, "state/germany"))
INFERRED = iris.inferred_graph(BASE)
requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs `java` on PATH")


class FakeExtractor:
    """Ada (a French minister) and Bob meet; France and Germany agree. `ada_kind` can contradict earlier articles."""

    def __init__(self, ada_kind: str = "Person") -> None:
        self.ada_kind = ada_kind

    def extract(self, article: Article) -> Extraction:
        ents = {
            "person/ada": Entity("person/ada", self.ada_kind, "Ada", "fr", {"Ada"}),  # type: ignore[arg-type]
            "person/bob": Entity("person/bob", "Person", "Bob", "fr", {"Bob"}),
            "state/france": Entity("state/france", "State", "France", "fr", {"France"}),
            "state/germany": Entity("state/germany", "State", "Allemagne", "fr", {"Allemagne"}),
        }
        ex = Extraction(article, "fr", entities=ents)
        if self.ada_kind == "Person":
            ex.posts = [PostHolding("person/ada", "ministre", "fr", "state/france", "Ada, ministre.", 0)]
        ex.agreements = [Agreement(["state/france", "state/germany"], "ont convenu", "Ils ont convenu.", 0)]
        ex.meetings = [Meeting(["person/ada", "person/bob"], "ont rencontré", ["Ada a rencontré Bob."], 0)]
        return ex


def article(aid: str) -> Article:
    return Article(aid, f"Titre {aid}", "Ada, ministre. Ada a rencontré Bob.", "fr", dt.date(2020, 1, 1), None,
                   f"{aid}.txt")


def build(path: Path, *ids: str) -> str:
    store = str(path / "store")
    with open_store(store) as s:
        install_ontology(s)
        pipe = Pipeline(Settings(store=store), s, FakeExtractor())
        for aid in ids:
            assert pipe.ingest(article(aid)) == "stored"
    return store


def run(*args: str, extractor: Any = None) -> Any:
    return CliRunner().invoke(main, list(args), obj={"extractor": extractor}, catch_exceptions=False)


def test_rules_compile_the_ontology() -> None:
    rules = Rules(load_ontology())
    assert any(str(KG.counterpartOf) in u and str(KG.partyTo) in u for u in rules.updates)
    assert any(str(KG.StateOfficial) in u for u in rules.updates)
    assert frozenset((str(KG.Person), str(KG.Organization))) in rules.disjoint
    assert str(ORG.member) in rules.functional


@requires_java
def test_inferred_triples_in_their_own_graph_recomputable_and_clearable(tmp_path: Path) -> None:
    store = build(tmp_path, "a-1", "a-2")
    r = run("reason", "--store", store)
    assert r.exit_code == 0, r.output
    assert "triples inferred" in r.output
    with open_store(store) as s:
        inferred = s.graph(INFERRED)
        agreement = URIRef(iris.fact_iri(BASE, "a-1", "agreement", 1))
        assert (ADA, RDF.type, KG.StateOfficial) in inferred
        assert (BOB, RDF.type, KG.StateOfficial) not in inferred
        assert (agreement, RDF.type, KG.InterstateAgreement) in inferred
        assert (FRANCE, KG.partyTo, agreement) in inferred
        assert (FRANCE, KG.counterpartOf, GERMANY) in inferred and (GERMANY, KG.counterpartOf, FRANCE) in inferred
        assert (ADA, KG.counterpartOf, BOB) in inferred
        assert (ADA, KG.counterpartOf, ADA) not in inferred  # entailed, but not written
        assert (ADA, ORG.memberOf, FRANCE) in inferred
        assert (ADA, RDF.type, KG.Actor) in inferred
        assert (URIRef(INFERRED), PROV.wasGeneratedBy, URIRef(iris.reasoning_activity(BASE))) in inferred
        # nothing asserted is repeated, and nothing inferred leaks into the extracted facts
        assert (ADA, RDF.type, KG.Person) not in inferred
        for aid in ("a-1", "a-2"):
            facts = s.graph(iris.article_graph(BASE, aid))
            assert not any(p in (KG.partyTo, KG.counterpartOf, ORG.memberOf) for _, p, _ in facts)
            assert (ADA, RDF.type, KG.StateOfficial) not in facts
        res = s.query(f"""SELECT ?g WHERE {{ GRAPH ?g {{ <{ADA}> a <{KG.StateOfficial}> }} }}""",
                      union_default_graph=False)
        assert [g.value for (g,) in res.rows] == [INFERRED]
    assert run("reason", "--store", store).exit_code == 0  # recomputed: same graph, not doubled
    with open_store(store) as s:
        again = s.graph(INFERRED)
    def strip(g: Graph) -> Graph:
        out = Graph()
        for t in g:
            if t[1] != PROV.endedAtTime:
                out.add(t)
        return out
    assert isomorphic(strip(inferred), strip(again))
    r = run("reason", "--store", store, "--clear")
    assert r.exit_code == 0
    with open_store(store, read_only=True) as s:
        assert INFERRED not in s.named_graphs()
        assert iris.article_graph(BASE, "a-1") in s.named_graphs()


BAD_ARTICLE = f"""@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
<{iris.article_iri(BASE, "bad-1")}> a kg:Article ; dct:identifier "bad-1" ; dct:title "Bad"@fr .
<{ADA}> a kg:Organization ; kg:mentionedIn <{iris.article_iri(BASE, "bad-1")}> .
"""


@requires_java
@pytest.mark.parametrize("graph", [iris.article_graph(BASE, "bad-1"), None])
def test_contradiction_is_named_and_only_its_graph_quarantined(tmp_path: Path, graph: str | None) -> None:
    store = build(tmp_path, "a-1", "a-2")
    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD_ARTICLE, encoding="utf-8")
    assert run("load", str(bad), "--store", store, *(["--graph", graph] if graph else [])).exit_code == 0
    r = CliRunner().invoke(main, ["reason", "--store", store], obj={}, catch_exceptions=False)
    assert r.exit_code == 1
    err = r.stderr if hasattr(r, "stderr") else r.output
    assert str(ADA) in err and "kg:Person" in err and "kg:Organization" in err
    assert "owl:AllDisjointClasses" in err
    expected_q = iris.quarantine_graph(BASE, "bad-1" if graph else "default-graph")
    assert f"quarantined {graph or 'the default graph'} -> {expected_q}" in err
    with open_store(store, read_only=True) as s:
        names = s.named_graphs()
        assert expected_q in names
        if graph:
            assert graph not in names
        else:
            assert s.query("ASK { ?s ?p ?o }", union_default_graph=False).boolean is False
        for aid in ("a-1", "a-2"):  # everything else stays
            assert iris.article_graph(BASE, aid) in names
        assert (ADA, RDF.type, KG.Person) in s.graph(iris.entities_graph(BASE))
        assert (ADA, RDF.type, KG.StateOfficial) in s.graph(INFERRED)  # inferred from what remains
        q = quarantine(s)
        assert len(q) == 1 and "kg:Organization" in q[0].report
    v = run("validate", "--store", store)
    assert v.exit_code == 1 and "quarantined:" in v.output
    assert run("reason", "--store", store).exit_code == 0  # the rest is consistent now


@requires_java
def test_ingest_reason_quarantines_a_contradictory_article(tmp_path: Path) -> None:
    store = build(tmp_path, "a-1")
    src = tmp_path / "c-1.txt"
    src.write_text("Ada l'organisation\nAda a rencontré Bob.\nc-1\n", encoding="utf-8")
    r = run("ingest", str(src), "--store", store, "--reason", "--published", "2020-01-01",
            extractor=FakeExtractor("Organization"))
    assert r.exit_code == 1, r.output
    assert "0 stored, 1 quarantined" in r.output
    with open_store(store, read_only=True) as s:
        names = s.named_graphs()
        assert iris.article_graph(BASE, "c-1") not in names
        assert iris.quarantine_graph(BASE, "c-1") in names
        assert (ADA, RDF.type, KG.Organization) not in s.graph(iris.entities_graph(BASE))
        [entry] = quarantine(s)
        assert "inconsistent with the ontology" in entry.report and str(ADA) in entry.report
    # a consistent article passes the same gate
    r = run("ingest", str(src), "--store", store, "--reason", "--published", "2020-01-01",
            extractor=FakeExtractor())
    assert r.exit_code == 0, r.output


def test_gate_without_hermit_names_the_clash(tmp_path: Path) -> None:
    from kg.rdf.to_graph import to_graph

    store = build(tmp_path, "a-1")
    graphs = to_graph(FakeExtractor("Organization").extract(article("c-2")), BASE)
    with open_store(store) as s:
        problem = Gate(hermit=False).check(s, BASE, graphs.facts, graphs.entities)
        good = to_graph(FakeExtractor().extract(article("c-3")), BASE)
        ok = Gate(hermit=False).check(s, BASE, good.facts, good.entities)
    assert problem is not None and str(ADA) in problem and "disjoint" in problem.lower()
    assert ok is None


@requires_java
def test_entity_page_marks_inferred_facts(tmp_path: Path) -> None:
    from kg.web import create_app

    store = build(tmp_path, "a-1")
    with open_store(store) as s:
        reason(s, BASE, hermit=False)
    app = create_app(Settings(store=store))
    try:
        html = app.test_client().get("/id/person/ada", headers={"Accept": "text/html"}).get_data(as_text=True)
    finally:
        app.extensions["kg"].close()
    types = html.split('class="types"', 1)[1].split("</p>", 1)[0]
    assert re.search(r'#StateOfficial"[^>]*>[^<]*</a> <span class="badge inferred"', types), types
    assert re.search(r'#Person"[^>]*>[^<]*</a>(?! <span class="badge)', types), types  # asserted: no badge
    statements = html.split('id="statements"', 1)[1]
    assert "counterpart" in statements and 'badge inferred' in statements


def test_counts_leave_inferences_out(sample_store: str, tmp_path: Path) -> None:
    """`kg stats` and the home page count what was stated, so `kg reason` does not change them."""
    import shutil

    from kg.config import Settings
    from kg.inspect import stats
    from kg.store import open_store
    from kg.web import create_app

    store = str(tmp_path / "store")
    shutil.copytree(sample_store, store)

    def counts() -> dict[str, int]:
        with open_store(store, read_only=True) as s:
            found = {k: v for k, v in stats(s).items() if k not in ("graphs", "quads")}
        app = create_app(Settings(store=store))
        try:
            home = app.test_client().get("/", headers={"Accept": "application/json"}).get_json()
        finally:
            app.extensions["kg"].close()
        return {**found, "home": home["counts"]}

    before = counts()
    reasoned = run("reason", "--store", store, "--no-hermit")
    assert reasoned.exit_code == 0, reasoned.output
    with open_store(store, read_only=True) as s:  # states are now also organisations, by inference
        assert s.query("ASK { ?x a <https://w3id.org/newskg/ontology#State> , "
                       "<https://w3id.org/newskg/ontology#Organization> }").boolean
    assert counts() == before
