"""The OWL ontology: parses, matches the KG namespace, is labelled en+fr, is aligned and consistent."""
from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import owlready2
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.errors import ConfigError
from kg.rdf import vocab
from kg.rdf.vocab import DCT, FOAF, KG, ONTOLOGY_IRI, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS
from kg.resources import ontology_path, resource_path, shapes_path

DATA = Path(__file__).parent / "data" / "shapes"
KG_NS = str(KG._NS)
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# rdflib's XSD namespace warns when pytest probes module globals, so it is reached through vocab.
XSD_NS = str(vocab.XSD)
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), XSD_NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def kg_subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)}


def kg_terms_of_kind(g: Graph, *kinds: URIRef) -> set[URIRef]:
    return {s for kind in kinds for s in g.subjects(RDF.type, kind) if str(s).startswith(KG_NS)}


def test_resources_are_found() -> None:
    assert ontology_path().is_file()
    assert shapes_path().is_file()
    assert resource_path("ontology/kg.ttl") == ontology_path()


@pytest.mark.parametrize("bad", ["ontology/missing.ttl", "../etc/passwd", "/etc/passwd"])
def test_missing_or_escaping_resource_is_a_config_error(bad: str) -> None:
    with pytest.raises(ConfigError, match="resource"):
        resource_path(bad)


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert {lbl.language for lbl in onto.objects(ONTOLOGY_IRI, RDFS.label)} >= {"en", "fr"}


def test_vocab_and_ontology_declare_the_same_kg_terms(onto: Graph) -> None:
    in_vocab = set(dir(KG))
    in_ontology = kg_subjects(onto)
    assert in_vocab - in_ontology == set(), "in vocab.py but not declared in ontology/kg.ttl"
    assert in_ontology - in_vocab == set(), "declared in ontology/kg.ttl but missing from vocab.KG"


def test_misspelt_term_fails() -> None:
    with pytest.raises(AttributeError):
        KG.Agrement  # noqa: B018


def test_every_kg_class_and_property_is_labelled_and_described_in_en_and_fr(onto: Graph) -> None:
    terms = kg_terms_of_kind(onto, OWL.Class, *PROPERTY_KINDS)
    assert len(terms) >= 25
    missing = []
    for term in sorted(terms):
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
            if not {"en", "fr"} <= langs:
                missing.append(f"{term} {prop}: {sorted(filter(None, langs))}")
    assert missing == []


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.Article, SCHEMA.NewsArticle),
        (KG.Actor, FOAF.Agent),
        (KG.Person, FOAF.Person),
        (KG.Person, KG.Actor),
        (KG.Organization, ORG.Organization),
        (KG.Organization, KG.Actor),
        (KG.State, KG.Organization),
        (KG.State, SCHEMA.Country),
        (KG.Place, SCHEMA.Place),
        (KG.Event, SEM.Event),
        (KG.Agreement, KG.Event),
        (KG.Meeting, KG.Event),
    ],
)
def test_alignment_axioms(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


def test_state_is_not_declared_a_place(onto: Graph) -> None:
    assert (KG.State, RDFS.subClassOf, KG.Place) not in onto


def test_person_organization_place_pairwise_disjoint(onto: Graph) -> None:
    disjoint: set[frozenset[URIRef]] = set()
    for a, b in onto.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(axiom, OWL.members)))
        disjoint.update(frozenset(pair) for pair in combinations(members, 2))
    for pair in combinations((KG.Person, KG.Organization, KG.Place), 2):
        assert frozenset(pair) in disjoint, f"{pair} not declared disjoint"


@pytest.mark.parametrize(
    ("prop", "kind", "domain", "range_", "parent"),
    [
        (KG.party, OWL.ObjectProperty, KG.Agreement, KG.Actor, SEM.hasActor),
        (KG.participant, OWL.ObjectProperty, KG.Meeting, KG.Actor, SEM.hasActor),
        (KG.mentionedIn, OWL.ObjectProperty, None, KG.Article, None),
        (KG.refersTo, OWL.ObjectProperty, KG.Mention, None, None),
        (KG.evidence, OWL.DatatypeProperty, None, None, None),
        (KG.date, OWL.DatatypeProperty, KG.Event, vocab.XSD.date, None),
        (KG.confidence, OWL.DatatypeProperty, None, vocab.XSD.decimal, None),
        (KG.startOffset, OWL.DatatypeProperty, KG.Mention, vocab.XSD.integer, None),
        (KG.endOffset, OWL.DatatypeProperty, KG.Mention, vocab.XSD.integer, None),
        (KG.anchorText, OWL.DatatypeProperty, KG.Mention, vocab.XSD.string, None),
        (KG.postStatus, OWL.DatatypeProperty, ORG.Membership, vocab.XSD.string, None),
        (KG.text, OWL.DatatypeProperty, KG.Article, None, None),
    ],
)
def test_property_definitions(
    onto: Graph, prop: URIRef, kind: URIRef, domain: URIRef | None, range_: URIRef | None, parent: URIRef | None
) -> None:
    assert (prop, RDF.type, kind) in onto
    if domain is not None:
        assert (prop, RDFS.domain, domain) in onto
    if range_ is not None:
        assert (prop, RDFS.range, range_) in onto
    if parent is not None:
        assert (prop, RDFS.subPropertyOf, parent) in onto


def test_cameo_event_types(onto: Graph) -> None:
    concepts = set(onto.subjects(SKOS.inScheme, KG.EventTypes))
    assert KG.CAMEO_057 in concepts
    assert onto.value(KG.CAMEO_057, SKOS.notation) == Literal("057")
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in onto
        assert (concept, SKOS.topConceptOf, KG.EventTypes) in onto
        assert str(concept).endswith("CAMEO_" + str(onto.value(concept, SKOS.notation)))
        assert {lbl.language for lbl in onto.objects(concept, SKOS.prefLabel)} >= {"en", "fr"}


def _declared(g: Graph, term: URIRef, kinds: tuple[URIRef, ...]) -> bool:
    return any((term, RDF.type, kind) in g for kind in kinds)


def test_every_term_used_by_the_ontology_is_declared(onto: Graph) -> None:
    """OWL 2 DL wants every class and property declared with its kind."""
    undeclared = set()
    for s, p, o in onto:
        if not str(p).startswith(BUILTIN_NAMESPACES) and not _declared(onto, p, PROPERTY_KINDS):
            undeclared.add(p)
        if p in (RDFS.subClassOf, RDFS.domain) and isinstance(o, URIRef):
            if not _declared(onto, o, (OWL.Class,)):
                undeclared.add(o)
        if p == RDFS.range and isinstance(o, URIRef) and not str(o).startswith(XSD_NS):
            if not _declared(onto, o, (OWL.Class,)):
                undeclared.add(o)
    assert undeclared == set()


def test_every_term_used_by_instance_data_is_declared(onto: Graph) -> None:
    """The graph to_graph emits (as in the valid fixture) uses only declared terms."""
    data = Graph().parse(DATA / "valid_article.ttl", format="turtle")
    undeclared = set()
    for _, p, o in data:
        if p == RDF.type:
            if not _declared(onto, o, (OWL.Class,)):
                undeclared.add(o)
        elif p != OWL.sameAs and not _declared(onto, p, PROPERTY_KINDS):
            undeclared.add(p)
    assert undeclared == set()
    for prop in (DCT.identifier, DCT.title, DCT.language, DCT.issued):
        assert (prop, RDF.type, OWL.DatatypeProperty) in onto
    assert (PROV.wasDerivedFrom, RDF.type, OWL.ObjectProperty) in onto
    assert (SKOS.altLabel, RDF.type, OWL.AnnotationProperty) in onto


# HermiT knows only the OWL 2 datatype map, which leaves out xsd:date (used by kg:date and
# dct:issued); it must be told to ignore unsupported datatypes rather than fail on them.
requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime: `java` is not on PATH")


def _hermit(graph: Graph, tmp_path: Path) -> None:
    """Run HermiT on `graph` through owlready2 (which cannot read Turtle, so N-Triples is written)."""
    nt = tmp_path / "kg.nt"
    nt.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    world = owlready2.World()
    try:
        world.get_ontology(nt.as_uri()).load()
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        assert list(world.inconsistent_classes()) == []
    finally:
        world.close()


@requires_java
def test_ontology_is_consistent_for_hermit(onto: Graph, tmp_path: Path) -> None:
    _hermit(onto, tmp_path)


@requires_java
def test_ontology_with_instance_data_is_consistent_for_hermit(onto: Graph, tmp_path: Path) -> None:
    data = Graph().parse(DATA / "valid_article.ttl", format="turtle")
    _hermit(onto + data, tmp_path)


@requires_java
def test_hermit_rejects_a_state_that_is_also_a_place(onto: Graph, tmp_path: Path) -> None:
    bad = Graph()
    thing = URIRef("https://w3id.org/newskg/id/state/x")
    bad.add((thing, RDF.type, KG.State))
    bad.add((thing, RDF.type, KG.Place))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(onto + bad, tmp_path)


def test_union_range_of_refers_to(onto: Graph) -> None:
    rng = onto.value(KG.refersTo, RDFS.range)
    assert isinstance(rng, BNode)
    assert set(Collection(onto, onto.value(rng, OWL.unionOf))) == {KG.Actor, KG.Place}


@pytest.mark.parametrize(
    ("prop", "inverse"),
    [(KG.partyTo, KG.party), (KG.participantIn, KG.participant), (ORG.member, ORG.hasMembership)],
)
def test_inverse_properties(onto: Graph, prop: URIRef, inverse: URIRef) -> None:
    assert (prop, OWL.inverseOf, inverse) in onto


def test_chains_functional_and_defined_classes(onto: Graph) -> None:
    chains = {tuple(Collection(onto, c)) for c in onto.objects(KG.counterpartOf, OWL.propertyChainAxiom)}
    assert chains == {(KG.partyTo, KG.party), (KG.participantIn, KG.participant)}
    assert (KG.counterpartOf, RDF.type, OWL.SymmetricProperty) in onto
    assert (KG.counterpartOf, RDF.type, OWL.IrreflexiveProperty) not in onto  # every actor is its own counterpart
    assert [tuple(Collection(onto, c)) for c in onto.objects(ORG.memberOf, OWL.propertyChainAxiom)] == [
        (ORG.hasMembership, ORG.organization)]
    for p in (ORG.member, ORG.organization, KG.refersTo):
        assert (p, RDF.type, OWL.FunctionalProperty) in onto
    for cls in (KG.StateOfficial, KG.InterstateAgreement):
        assert isinstance(onto.value(cls, OWL.equivalentClass), BNode)


@requires_java
def test_hermit_classifies_a_state_official_and_keeps_agreements_open(onto: Graph, tmp_path: Path) -> None:
    """A person with a membership in a state is a kg:StateOfficial; the data stays consistent."""
    data = Graph().parse(DATA / "valid_article.ttl", format="turtle")
    nt = tmp_path / "kg.nt"
    nt.write_bytes((onto + data).serialize(format="nt", encoding="utf-8"))
    world = owlready2.World()
    try:
        world.get_ontology(nt.as_uri()).load()
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        found = {i.iri.rsplit("/", 1)[-1] for i in world[str(KG.StateOfficial)].instances()}
        assert found == {"vladimir-putin"}  # Patrushev's post is in a council, not a state
    finally:
        world.close()
