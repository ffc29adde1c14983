"""SHACL validation of per-article graphs (fixtures in tests/data/shapes/)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from kg.errors import ConfigError
from kg.rdf.vocab import DCT, KG, ORG, PROV, RDF, RDFS
from kg.validate import ValidationResult, Validator

DATA = Path(__file__).parent / "data" / "shapes"
ID = "https://w3id.org/newskg/id/"


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def load(name: str) -> Graph:
    return Graph().parse(DATA / name, format="turtle")


def focus_nodes(result: ValidationResult) -> set[URIRef]:
    return set(result.report.objects(None, SH.focusNode))  # type: ignore[arg-type]


def result_paths(result: ValidationResult) -> set[URIRef]:
    return set(result.report.objects(None, SH.resultPath))  # type: ignore[arg-type]


def test_valid_article_conforms(validator: Validator) -> None:
    result = validator.validate(load("valid_article.ttl"))
    assert result.conforms, result.text
    assert result.text.startswith("Conforms")
    assert isinstance(result.report, Graph)


def test_validation_leaves_the_data_graph_alone(validator: Validator) -> None:
    data = load("valid_article.ttl")
    before = load("valid_article.ttl")
    validator.validate(data)
    assert isomorphic(data, before)


@pytest.mark.parametrize(
    ("fixture", "focus", "path"),
    [
        ("agreement_one_state_party.ttl", ID + "article/t1/agreement/1", None),
        ("membership_member_is_organization.ttl", ID + "article/t1/membership/1", ORG.member),
        ("label_not_language_tagged.ttl", ID + "state/russia", RDFS.label),
        ("date_typed_as_string.ttl", ID + "article/t1/meeting/1", KG.date),
        ("article_without_identifier.ttl", ID + "article/t1", DCT.identifier),
    ],
)
def test_invalid_fixture_fails_on_its_focus_node(
    validator: Validator, fixture: str, focus: str, path: URIRef | None
) -> None:
    result = validator.validate(load(fixture))
    assert result.conforms is False
    assert f"<{focus}>" in result.text
    assert focus_nodes(result) == {URIRef(focus)}, result.text
    if path is not None:
        assert path in result_paths(result), result.text


def test_report_text_has_one_line_per_result(validator: Validator) -> None:
    data = load("valid_article.ttl")
    article = URIRef(ID + "article/ttn-fr-34")
    data.remove((article, DCT.identifier, None))
    data.add((URIRef(ID + "state/china"), RDFS.label, Literal("China")))
    result = validator.validate(data)
    lines = result.text.splitlines()
    assert lines[0] == "Does not conform: 2 results."
    assert len(lines[1:]) == len(list(result.report.objects(None, SH.result)))
    assert any("dct:identifier" in line and f"<{article}>" in line for line in lines)
    assert any('rdfs:label' in line and '[value: "China"]' in line for line in lines)


def test_one_party_agreement_of_a_collective_body_conforms(validator: Validator) -> None:
    data = load("agreement_one_state_party.ttl")
    agreement = URIRef(ID + "article/t1/agreement/1")
    body = URIRef(ID + "org/conseil-de-securite")
    data.set((agreement, KG.party, body))
    data.add((body, RDF.type, KG.Organization))
    data.add((body, RDFS.label, Literal("Conseil de sécurité", lang="fr")))
    result = validator.validate(data)
    assert result.conforms, result.text


def test_a_state_is_an_organization_for_memberships(validator: Validator) -> None:
    """sh:class kg:Organization accepts a kg:State through the ontology's rdfs:subClassOf."""
    data = load("membership_member_is_organization.ttl")
    membership = URIRef(ID + "article/t1/membership/1")
    person = URIRef(ID + "person/emmanuel-macron")
    data.set((membership, ORG.member, person))
    data.add((person, RDF.type, KG.Person))
    data.add((person, RDFS.label, Literal("Emmanuel Macron", lang="fr")))
    result = validator.validate(data)
    assert result.conforms, result.text


def test_untyped_party_is_not_inferred_to_be_an_actor(validator: Validator) -> None:
    """No RDFS inference: kg:party's range must not turn an untyped party into a kg:Actor."""
    data = load("agreement_one_state_party.ttl")
    agreement = URIRef(ID + "article/t1/agreement/1")
    untyped = URIRef(ID + "state/china")
    data.add((agreement, KG.party, untyped))
    result = validator.validate(data)
    assert result.conforms is False
    assert str(untyped) in result.text


def test_article_link_must_point_to_an_article(validator: Validator) -> None:
    data = load("date_typed_as_string.ttl")
    meeting = URIRef(ID + "article/t1/meeting/1")
    data.remove((meeting, KG.date, None))
    data.set((meeting, PROV.wasDerivedFrom, URIRef("http://example.org/not-an-article")))
    result = validator.validate(data)
    assert result.conforms is False
    assert PROV.wasDerivedFrom in result_paths(result)


def test_confidence_outside_zero_one_fails(validator: Validator) -> None:
    data = load("valid_article.ttl")
    membership = URIRef(ID + "article/ttn-fr-34/membership/1")
    data.set((membership, KG.confidence, Literal(Decimal("1.5"))))
    result = validator.validate(data)
    assert result.conforms is False
    assert focus_nodes(result) == {membership}


def test_missing_shapes_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="shapes"):
        Validator(shapes_file=tmp_path / "missing.ttl")


def test_malformed_ontology_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .", encoding="utf-8")
    with pytest.raises(ConfigError, match="ontology"):
        Validator(ontology_file=bad)
