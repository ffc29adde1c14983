"""SHACL validation of per-article graphs (fixtures in tests/data/shapes/)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from kg.errors import ConfigError
from kg.rdf.vocab import DCT, KG, ORG, PROV, RDF, RDFS, XSD
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


# --- XSD lexical forms (rdflib reads "0_3"^^xsd:integer as 3 and rewrites it unless told not to) ------------------
def _lit(text: str, datatype: URIRef) -> Literal:
    return Literal(text, datatype=datatype, normalize=False)


@pytest.mark.parametrize(("fixture", "node", "predicate", "literal"), [
    ("valid_article.ttl", ID + "article/ttn-fr-34/membership/1", KG.confidence, _lit("NaN", XSD.decimal)),
    ("valid_article.ttl", ID + "article/ttn-fr-34/membership/1", KG.confidence, _lit("INF", XSD.decimal)),
    ("valid_article.ttl", ID + "article/ttn-fr-34/membership/1", KG.confidence, _lit("0_3", XSD.decimal)),
    ("valid_article.ttl", ID + "article/ttn-fr-34", DCT.issued, _lit("2022-09-20T10:00:00", XSD.date)),
    ("valid_article.ttl", ID + "article/ttn-fr-34", DCT.issued, _lit("2022-02-30", XSD.date)),
    ("valid_article.ttl", ID + "article/ttn-fr-34", DCT.issued, _lit("2022-13", XSD.gYearMonth)),
])
def test_ill_formed_lexical_forms_and_nan_are_violations_not_crashes(
        validator: Validator, fixture: str, node: str, predicate: URIRef, literal: Literal) -> None:
    data = load(fixture)
    data.set((URIRef(node), predicate, literal))
    result = validator.validate(data)
    assert result.conforms is False, result.text
    assert f"<{node}>" in result.text or "check stopped" in result.text


def test_an_ill_formed_integer_offset_is_a_violation(validator: Validator) -> None:
    data = load("valid_article.ttl")
    mention = next(data.subjects(KG.startOffset, None))
    data.set((mention, KG.startOffset, _lit("0_3", XSD.integer)))
    result = validator.validate(data)
    assert result.conforms is False and KG.startOffset in result_paths(result), result.text
    data.set((mention, KG.startOffset, _lit("3", XSD.integer)))
    assert validator.validate(data).conforms


@pytest.mark.parametrize(("text", "datatype", "ok"), [
    ("0", "integer", True), ("-12", "integer", True), ("+7", "integer", True), ("0_3", "integer", False),
    (" 5", "integer", False), ("1.5", "integer", False), ("٣", "integer", False),
    ("0.5", "decimal", True), (".5", "decimal", True), ("5.", "decimal", True), ("NaN", "decimal", False),
    ("INF", "decimal", False), ("1e3", "decimal", False), ("NaN", "double", True), ("-INF", "float", True),
    ("1e3", "double", True), ("2022-09-20", "date", True), ("2022-09-20Z", "date", True),
    ("2022-09-20T10:00:00", "date", False), ("2022-02-29", "date", False), ("2024-02-29", "date", True),
    ("2022-9-20", "date", False), ("2022-09-20T10:00:00", "dateTime", True), ("2022-09-20T24:00:00", "dateTime", True),
    ("2022-09-20T25:00:00", "dateTime", False), ("2022-09-20", "dateTime", False), ("2015-06", "gYearMonth", True),
    ("2015-6", "gYearMonth", False), ("2015", "gYear", True), ("15", "gYear", False), ("true", "boolean", True),
    ("1", "boolean", True), ("yes", "boolean", False), ("-1", "nonNegativeInteger", False), ("256", "unsignedByte", False),
    ("P1Y2M", "duration", True), ("P", "duration", False), ("PT", "duration", False),
])
def test_xsd_lexical_forms(text: str, datatype: str, ok: bool) -> None:
    from kg.xsd import well_formed

    assert well_formed(_lit(text, XSD[datatype])) is ok


def test_xsd_says_unknown_for_what_it_does_not_check() -> None:
    from kg.xsd import well_formed

    assert well_formed(Literal("x")) is None
    assert well_formed(Literal("x", lang="fr")) is None
    assert well_formed(_lit("x", URIRef("https://example.org/dt"))) is None
    assert well_formed(_lit("anything", XSD.string)) is None


def test_kg_validate_reads_stored_literals_as_they_are(tmp_path: Path) -> None:
    """`kg validate` sees the lexical form the store holds, not the one rdflib would rewrite it to."""
    from kg.config import Settings
    from kg.store import open_store

    store_dir = tmp_path / "s"
    data = load("valid_article.ttl")
    mention = next(data.subjects(KG.startOffset, None))
    with open_store(Settings(store=str(store_dir))) as store:
        nt = data.serialize(format="nt")
        nt = nt.replace(f'<{mention}> <{KG.startOffset}> "', f'<{mention}> <{KG.startOffset}> "0_', 1)
        store.replace_graphs([(ID.replace("/id/", "/graph/") + "article/ttn-fr-34", nt)])
        g = store.graph(ID.replace("/id/", "/graph/") + "article/ttn-fr-34")
    offsets = [str(o) for o in g.objects(mention, KG.startOffset)]
    assert len(offsets) == 1 and offsets[0].startswith("0_")
    assert Validator().validate(g).conforms is False
