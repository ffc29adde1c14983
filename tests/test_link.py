"""`kg link` against a local SPARQL endpoint shaped like Wikidata (our own `kg serve` on a small fake)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import serve_store

from kg.link import (
    WIKIDATA_ENTITY,
    LinkError,
    candidates,
    link,
    links_graph,
    lookup_query,
    write_links,
)
from kg.store import open_store

BASE = "https://w3id.org/newskg/"
WD = WIKIDATA_ENTITY
P31 = "<http://www.wikidata.org/prop/direct/P31>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"

# A tiny Wikidata look-alike: a party known by its French name, a namesake that is not a human, and an
# ambiguous pair of humans sharing a name.
FAKE_WIKIDATA = f"""
<{WD}Q17427> {LABEL} "Communist Party of China"@en , "Parti communiste chinois"@fr ; {P31} <{WD}Q7278> .
<{WD}Q99001> {LABEL} "Nikolai Patrushev"@en ; {P31} <{WD}Q5> .
<{WD}Q99002> {LABEL} "Nikolai Patrushev"@en ; {P31} <{WD}Q4167410> .
<{WD}Q99003> {LABEL} "Xi Jinping"@en ; {P31} <{WD}Q5> .
<{WD}Q99004> {LABEL} "Xi Jinping"@en ; {P31} <{WD}Q5> .
"""


@pytest.fixture(scope="module")
def fake_wikidata(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("wikidata")
    (d / "wd.ttl").write_text(FAKE_WIKIDATA, encoding="utf-8")
    store = d / "store"
    with open_store(str(store)) as s:
        import pyoxigraph as ox
        s.load(d / "wd.ttl", ox.RdfFormat.TURTLE)
    return str(store)


@pytest.fixture()
def our_store(sample_store: str, tmp_path: Path) -> str:
    store = tmp_path / "ours"
    shutil.copytree(sample_store, store)
    return str(store)


def test_unambiguous_matches_become_links_in_their_own_graph(fake_wikidata: str, our_store: str) -> None:
    with open_store(our_store, read_only=True) as s:
        cands = candidates(s, BASE)
    by_iri = {c.iri: c for c in cands}
    # States carry their Wikidata item from offline data already: not asked again.
    assert BASE + "id/state/russia" not in by_iri
    assert BASE + "id/person/nikolai-patrushev" in by_iri
    with serve_store(fake_wikidata, "--query-workers", "1") as url:
        report = link(cands, f"{url}/sparql", batch_size=7)
    # An organisation found by its name (the gazetteer gives it its English key; its French name is a label).
    assert report.linked[BASE + "id/org/chinese-communist-party"] == WD + "Q17427"
    # The namesake that is not a human does not make Patrushev ambiguous.
    assert report.linked[BASE + "id/person/nikolai-patrushev"] == WD + "Q99001"
    # Two humans named Xi Jinping: no guess.
    assert BASE + "id/person/xi-jinping" not in report.linked
    assert sorted(report.ambiguous[BASE + "id/person/xi-jinping"]) == [WD + "Q99003", WD + "Q99004"]
    assert BASE + "id/person/vladimir-putin" in report.unmatched
    with open_store(our_store) as s:
        write_links(s, BASE, report)
        write_links(s, BASE, report)  # recomputing replaces, never duplicates
        same_as = "<http://www.w3.org/2002/07/owl#sameAs>"
        res = s.query(f"SELECT ?e ?w {{ GRAPH <{links_graph(BASE)}> {{ ?e {same_as} ?w }} }}",
                      union_default_graph=False)
        assert len(res.rows) == len(report.linked)
        # Linked entities are no longer candidates only if linked outside the links graph: a rerun recomputes them.
        assert {c.iri for c in candidates(s, BASE)} == set(by_iri)


def test_names_are_escaped_in_the_lookup_query() -> None:
    from kg.link import Candidate

    q = lookup_query([Candidate(BASE + "id/person/x", "https://w3id.org/newskg/ontology#Person",
                                [('Evil" } DROP ALL ; SELECT * { "', "en")])])
    assert '\\" } DROP ALL' in q


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    from kg.link import Candidate

    cand = Candidate(BASE + "id/state/x", "https://w3id.org/newskg/ontology#State", [("X", "en")])
    with pytest.raises(LinkError, match="cannot reach"):
        link([cand], "http://127.0.0.1:9/sparql", timeout=5)


def test_kg_link_command(fake_wikidata: str, our_store: str) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    with serve_store(fake_wikidata, "--query-workers", "1") as url:
        dry = CliRunner().invoke(main, ["link", "--store", our_store, "--endpoint", f"{url}/sparql", "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert f"{BASE}id/person/nikolai-patrushev\towl:sameAs\t{WD}Q99001" in dry.stdout
        assert "ambiguous, left unlinked" in dry.stderr and "dry run" in dry.stderr
        with open_store(our_store, read_only=True) as s:
            assert not s.query(f"ASK {{ GRAPH <{links_graph(BASE)}> {{ ?s ?p ?o }} }}").boolean
        real = CliRunner().invoke(main, ["link", "--store", our_store, "--endpoint", f"{url}/sparql"])
        assert real.exit_code == 0, real.output
    with open_store(our_store, read_only=True) as s:
        assert s.query(f"ASK {{ GRAPH <{links_graph(BASE)}> {{ <{BASE}id/person/nikolai-patrushev> ?p <{WD}Q99001> }} }}",
                       union_default_graph=False).boolean
    down = CliRunner().invoke(main, ["link", "--store", our_store, "--endpoint", "http://127.0.0.1:9/sparql",
                                     "--timeout", "5"])
    assert down.exit_code == 2 and "cannot reach" in down.output
