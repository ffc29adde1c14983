"""The sample article, ingested as the plain-text file it is, read back through the public vocabulary."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

P = """PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Path:
    from click.testing import CliRunner

    from kg.cli import main

    d = tmp_path_factory.mktemp("sample") / "store"
    r = CliRunner().invoke(main, ["ingest", str(SAMPLES / "ttn-fr-34.txt"), "--store", str(d),
                                  "--published", "2022-09-20"], obj={"extractor": extractor})
    assert r.exit_code == 0, r.output
    return d


def ask(store_dir: Path, body: str) -> bool:
    with open_store(str(store_dir), read_only=True) as s:
        res = s.query(P + "ASK { " + body + " }")
    return bool(res.boolean)


def test_article_metadata(store_dir: Path) -> None:
    assert ask(store_dir, """?a a kg:Article ; dct:identifier "ttn-fr-34" ; dct:language "fr" ;
                             dct:issued "2022-09-20"^^xsd:date ; dct:title ?t .
                             FILTER(STRSTARTS(?t, "La Russie et la Chine intensifient"))""")
    # the trailing id line is the id, not text
    assert not ask(store_dir, """?a dct:identifier "ttn-fr-34" ; kg:text ?x . FILTER(CONTAINS(?x, "ttn-fr-34"))""")


def test_patrushev_secretary_of_the_security_council(store_dir: Path) -> None:
    assert ask(store_dir, """?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role/rdfs:label ?r ;
        prov:wasDerivedFrom/dct:identifier "ttn-fr-34" ; kg:evidence ?ev .
        ?p a/rdfs:subClassOf* foaf:Person ; rdfs:label ?pl . FILTER(CONTAINS(?pl, "Patrushev"))
        ?o a/rdfs:subClassOf* org:Organization ; rdfs:label ?ol . FILTER(CONTAINS(?ol, "Conseil de sécurité"))
        FILTER(CONTAINS(?r, "secrétaire")) FILTER(CONTAINS(?ev, "Nikolai Patrushev, secrétaire"))""")


def test_guo_shengkun_official_of_the_communist_party(store_dir: Path) -> None:
    assert ask(store_dir, """?m a org:Membership ; org:member/rdfs:label "Guo Shengkun"@fr ;
        org:organization/rdfs:label ?ol ; org:role/rdfs:label ?r .
        FILTER(CONTAINS(?ol, "Parti communiste chinois")) FILTER(CONTAINS(?r, "responsable"))""")


def test_xi_president_of_china(store_dir: Path) -> None:
    assert ask(store_dir, """?m a org:Membership ; org:member ?xi ; org:organization ?cn ; org:role/rdfs:label ?r .
        ?xi rdfs:label "Xi Jinping"@en . ?cn a kg:State ; a/rdfs:subClassOf* schema:Country ;
        rdfs:label "China"@en . FILTER(CONTAINS(?r, "président"))""")


def test_agreement_between_russia_and_china_with_its_sentence(store_dir: Path) -> None:
    assert ask(store_dir, """?g a kg:Agreement ; kg:party ?ru, ?cn ; kg:evidence ?ev ;
        prov:wasDerivedFrom/dct:identifier "ttn-fr-34" .
        ?ru rdfs:label "Russia"@en . ?cn rdfs:label "China"@en .
        FILTER(?ev = "La Russie et la Chine ont convenu d’intensifier leur coopération en matière de sécurité."@fr)""")


def test_putin_met_xi_in_uzbekistan_on_2022_09_15(store_dir: Path) -> None:
    assert ask(store_dir, """?m a kg:Meeting ; kg:participant ?p, ?x ; sem:hasPlace ?uz ;
        kg:date "2022-09-15"^^xsd:date ; kg:evidence ?ev .
        ?p rdfs:label "Vladimir Putin"@en . ?x rdfs:label "Xi Jinping"@en . ?uz rdfs:label "Uzbekistan"@en .""")


def test_moscou_and_pekin_are_aliases_of_russia_and_china(store_dir: Path) -> None:
    assert ask(store_dir, """?ru rdfs:label "Russia"@en ; skos:altLabel "Moscou"@fr ; kg:mentionedIn ?a .
                             ?cn rdfs:label "China"@en ; skos:altLabel "Pékin"@fr .""")


def test_no_negative_becomes_an_agreement(store_dir: Path) -> None:
    # "s'est dit prêt à discuter" (willingness) and "souligné la nécessité" (a need) are not agreements
    assert not ask(store_dir, """?g a kg:Agreement ; kg:evidence ?ev .
        FILTER(CONTAINS(?ev, "prêt à discuter") || CONTAINS(?ev, "souligné la nécessité"))""")


def test_alignment_axioms_are_queryable(store_dir: Path) -> None:
    assert ask(store_dir, """?x a/rdfs:subClassOf* foaf:Person ; rdfs:label "Xi Jinping"@en""")
    assert ask(store_dir, """?x a/rdfs:subClassOf* org:Organization ; rdfs:label "Russia"@en""")


def test_states_are_linked_to_wikidata_from_offline_data(store_dir: Path) -> None:
    wd = "http://www.wikidata.org/entity/"
    assert ask(store_dir, f"<https://w3id.org/newskg/id/state/russia> owl:sameAs <{wd}Q159> . "
                          f"<https://w3id.org/newskg/id/state/china> owl:sameAs <{wd}Q148>")
    # People get links only through `kg link`, never from a state's code.
    assert not ask(store_dir, "<https://w3id.org/newskg/id/person/xi-jinping> owl:sameAs ?w")


def test_state_bodies_belong_to_their_state_but_parties_do_not(store_dir: Path) -> None:
    assert ask(store_dir, "<https://w3id.org/newskg/id/org/conseil-de-securite-nationale-russe> "
                          "org:subOrganizationOf <https://w3id.org/newskg/id/state/russia>")
    assert not ask(store_dir, "<https://w3id.org/newskg/id/org/chinese-communist-party> org:subOrganizationOf ?s")
