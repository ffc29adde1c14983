"""The quick SHACL check (kg.shacl_core) against pySHACL: it may say "conforms" only when pySHACL does."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from shacl_mutations import mutate

from kg.config import Settings
from kg.ingest import read_articles
from kg.model import Article
from kg.rdf.to_graph import to_graph
from kg.shacl_core import CoreShapes, Unsupported
from kg.validate import Validator

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""


@pytest.fixture(scope="module")
def quick() -> Validator:
    return Validator()


@pytest.fixture(scope="module")
def full() -> Validator:
    return Validator(quick=False)


@pytest.fixture(scope="module")
def article_graphs(extractor: Any) -> list[Graph]:
    """The graphs `kg ingest` validates for the bundled samples and the French and English test articles."""
    items = read_articles([ROOT / "samples", ROOT / "tests" / "data" / "ingest" / "article-fr.txt",
                           ROOT / "tests" / "data" / "ingest" / "article-en.txt"])
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) >= 7 and {a.lang for a in articles} == {"fr", "en"}
    graphs = [to_graph(extractor.extract(a), Settings().base_iri).union() for a in articles]
    graphs.append(Graph().parse(ROOT / "tests" / "data" / "shapes" / "valid_article.ttl"))
    return graphs


def test_the_shipped_shapes_are_read_by_the_quick_check(quick: Validator) -> None:
    assert quick.quick_off is None


def test_real_article_graphs_conform_without_pyshacl(quick: Validator, article_graphs: list[Graph],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("pySHACL ran on a graph the quick check should have accepted")
    monkeypatch.setattr("kg.validate.pyshacl.validate", refuse)
    for g in article_graphs:
        result = quick.validate(g)
        assert result.conforms and result.text == "Conforms: no violations."
        assert len(result.report) == 2


def test_altered_graphs_get_pyshacls_verdict(quick: Validator, full: Validator,
                                             article_graphs: list[Graph]) -> None:
    """On randomly altered article graphs, the quick path never accepts what pySHACL rejects,
    and recognises nearly every graph pySHACL accepts (else it would not save anything)."""
    rng = random.Random(20261126)
    seen = {"both accept": 0, "quick unsure, pySHACL accepts": 0, "both reject": 0}
    for base in article_graphs:
        for _ in range(40):
            g, what = mutate(base, rng)
            sure = quick._quick is not None and quick._quick.conforms([g]) is True
            verdict = full.validate(g)
            assert not (sure and not verdict.conforms), f"quick check accepted a bad graph: {what}\n{verdict.text}"
            assert quick.validate(g).conforms == verdict.conforms, what
            if verdict.conforms:
                seen["both accept" if sure else "quick unsure, pySHACL accepts"] += 1
            else:
                seen["both reject"] += 1
    assert seen["both reject"] > 100 and seen["both accept"] > 50, seen
    assert seen["quick unsure, pySHACL accepts"] <= 0.05 * seen["both accept"], seen


def test_two_graphs_are_validated_as_their_union(quick: Validator, article_graphs: list[Graph]) -> None:
    g = article_graphs[0]
    triples = sorted(g, key=str)
    half = len(triples) // 2
    first, second = Graph(), Graph()
    for t in triples[:half]:
        first.add(t)
    for t in triples[half:]:
        second.add(t)
    assert quick.validate(first, second).conforms
    assert not quick.validate(first).conforms  # each half alone misses what the other holds
    before = Graph()
    for t in first:
        before.add(t)
    quick.validate(first, second)
    assert isomorphic(first, before)


# Small shapes for the parts of the subset the shipped shapes do not use; each row is
# (shapes, data, pySHACL's verdict, the quick check's: True, False or None for "not sure").
CASES = [
    ("ex:S sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .", "ex:a ex:p ex:b .", True, True),
    ("ex:S sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .", 'ex:a ex:p "b" .', False, False),
    ("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "ex:b ex:p 1 .", False, False),
    ("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "ex:a ex:p 1 .", True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:minExclusive 0 ; sh:maxExclusive 1 ] .",
     'ex:a ex:p "0.5"^^xsd:decimal .', True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:minExclusive 0 ; sh:maxExclusive 1 ] .",
     "ex:a ex:p 1 .", False, False),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:minExclusive 0 ] .", 'ex:a ex:p "x" .', False, None),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:and ( [ sh:class ex:C ] [ sh:nodeKind sh:IRI ] ) .",
     "ex:a ex:p 1 ; a ex:D . ex:D rdfs:subClassOf ex:C .", True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:and ( [ sh:class ex:C ] [ sh:nodeKind sh:IRI ] ) .", "ex:a ex:p 1 .", False, False),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:not [ sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] ) ] .",
     "ex:a ex:p 1 ; a ex:E .", True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:not [ sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] ) ] .",
     "ex:a ex:p 1 ; a ex:D .", False, False),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:lessThan ex:q ] .",
     "ex:a ex:p 1 ; ex:q 2 .", True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:lessThan ex:q ] .",
     "ex:a ex:p 2 ; ex:q 2 .", False, False),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:lessThan ex:q ] .",
     'ex:a ex:p "a" ; ex:q "b" .', True, None),  # pySHACL compares strings; the quick check does not
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:in ( 1 2 ) ] .", "ex:a ex:p 2 .", True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:in ( 1 2 ) ] .", "ex:a ex:p 3 .", False, None),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:datatype xsd:date ] .",
     'ex:a ex:p "2022-02-30"^^xsd:date .', False, False),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:datatype xsd:string ] .",
     'ex:a ex:p "x"@fr .', False, False),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:datatype xsd:string ] .", 'ex:a ex:p "x" .', True, True),
    ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:severity sh:Violation ] .",
     "ex:a ex:p 1, 2 .", False, False),
    # a shape that is also a class targets the class's instances (an implicit class target)
    ("ex:S a sh:NodeShape, rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
     "ex:a a ex:T . ex:T rdfs:subClassOf ex:S .", False, False),
    ("ex:S a rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "ex:a a ex:S ; ex:p 1 .", True, True),
    ("ex:S a owl:Class, sh:NodeShape ; sh:in ( ex:b ) .", "ex:a a ex:S .", False, None),
    ("ex:S a rdfs:Class, sh:NodeShape ; sh:targetNode ex:b ; sh:nodeKind sh:BlankNode .", "ex:a a ex:S .",
     False, False),
]


@pytest.mark.parametrize(("shapes", "data", "conforms", "quick"), CASES)
def test_small_shapes_agree_with_pyshacl(shapes: str, data: str, conforms: bool, quick: bool | None) -> None:
    import pyshacl

    sg = Graph().parse(data=PREFIXES + shapes, format="turtle")
    dg = Graph().parse(data=PREFIXES + data, format="turtle")
    result, _, text = pyshacl.validate(dg, shacl_graph=sg, inference="none", advanced=False)
    assert result is conforms, text
    assert CoreShapes(sg).conforms([dg]) is quick


@pytest.mark.parametrize("shapes", [
    "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:pattern \"^a\" ] .",
    "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .",
    "ex:S sh:targetSubjectsOf ex:p ; sh:severity sh:Warning ; sh:nodeKind sh:IRI .",
    "ex:S sh:targetSubjectsOf ex:p ; sh:deactivated true ; sh:nodeKind sh:IRI .",
    "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:minCount \"one\" ] .",
    "ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:not ex:S ] .",
])
def test_shapes_beyond_the_subset_leave_pyshacl_in_charge(shapes: str, tmp_path: Path) -> None:
    sg = Graph().parse(data=PREFIXES + shapes, format="turtle")
    with pytest.raises(Unsupported):
        CoreShapes(sg)
    path = tmp_path / "shapes.ttl"
    path.write_text(PREFIXES + shapes, encoding="utf-8")
    validator = Validator(shapes_file=path)
    assert validator.quick_off is not None and "quick check" in validator.quick_off


def test_a_check_pyshacl_cannot_finish_is_a_non_conforming_graph(quick: Validator,
                                                                 article_graphs: list[Graph]) -> None:
    """pySHACL stops on a blank node that sh:lessThan must compare: the graph is rejected, not a crash."""
    from rdflib import BNode

    from kg.rdf.vocab import KG

    g = Graph()
    for t in article_graphs[0]:
        g.add(t)
    mention = next(g.subjects(KG.startOffset, None))
    g.set((mention, KG.startOffset, BNode()))
    result = quick.validate(g)
    assert not result.conforms
    assert result.text.startswith("Does not conform: the check stopped:") and "\n" not in result.text


@pytest.mark.parametrize(("datatype", "text"), [("decimal", "NaN"), ("decimal", "INF"), ("integer", "0_3"),
                                                ("date", "2022-09-20T10:00:00"), ("gYear", "22")])
def test_ill_formed_lexical_forms_fail_sh_datatype_in_the_quick_check(datatype: str, text: str) -> None:
    """XSD's lexical space decides, not what Python's parsers accept (pySHACL alone accepts all of these)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    sg = Graph().parse(data=PREFIXES + f"ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; "
                                       f"sh:datatype xsd:{datatype} ] .", format="turtle")
    dg = Graph()
    dg.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"),
            Literal(text, datatype=XSD[datatype], normalize=False)))
    assert CoreShapes(sg).conforms([dg]) is False
