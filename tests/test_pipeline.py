"""The SHACL gate: a non-conforming article is quarantined with its report, never stored, never lost."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import InputError, QueryError
from kg.model import Article, Entity, Extraction, PostHolding
from kg.pipeline import Pipeline, install_ontology
from kg.rdf import iris
from kg.store import open_store
from kg.inspect import quarantine, revalidate, stats
from kg.validate import Validator

BASE = "https://w3id.org/newskg/"


class FakeExtractor:
    """Extraction stand-in: a person holds a post, or (broken=True) a state is given as the member."""

    def __init__(self, broken: bool) -> None:
        self.broken = broken

    def extract(self, article: Article) -> Extraction:
        ents = {
            "person/ada": Entity("person/ada", "Person", "Ada", "fr", {"Ada"}),
            "state/france": Entity("state/france", "State", "France", "en", {"France"}),
        }
        member = "state/france" if self.broken else "person/ada"
        post = PostHolding(member, "ministre", "fr", "state/france", "Ada, ministre française.", 0)
        return Extraction(article, "fr", entities=ents, posts=[post])


def article(text: str = "Ada, ministre française.") -> Article:
    return Article("q-1", "Titre", text, "fr", dt.date(2020, 1, 1), None, "test.jsonl:1")


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def test_conforming_article_is_stored(tmp_path: Path, validator: Validator) -> None:
    with open_store(str(tmp_path / "s")) as store:
        out = Pipeline(Settings(store=str(tmp_path / "s")), store, FakeExtractor(False), validator).ingest(article())
        assert out == "stored"
        assert iris.article_graph(BASE, "q-1") in store.named_graphs()


def test_non_conforming_article_is_quarantined_with_report_and_old_version_kept(
        tmp_path: Path, validator: Validator) -> None:
    settings = Settings(store=str(tmp_path / "s"))
    with open_store(settings.store) as store:
        install_ontology(store)
        assert Pipeline(settings, store, FakeExtractor(False), validator).ingest(article()) == "stored"
        before = store.graph(iris.article_graph(BASE, "q-1"))
        summary = Pipeline(settings, store, FakeExtractor(True), validator).run([article("changed")])
        assert summary.quarantined == 1 and summary.stored == 0 and summary.exit_code == 1
        # the earlier stored version is still there, unchanged
        after = store.graph(iris.article_graph(BASE, "q-1"))
        assert len(before) > 0 and set(before) == set(after)
        q = quarantine(store)
        assert [e.article_id for e in q] == ["q-1"] and q[0].source == "test.jsonl:1"
        assert "member" in q[0].report.lower() and "france" in q[0].report.lower()
        outcome = revalidate(store, BASE, validator)
        assert not outcome.ok and outcome.checked == 1 and not outcome.failures
        assert stats(store)["quarantined"] == 1
        # once the article conforms again, its quarantine record is cleared
        assert Pipeline(settings, store, FakeExtractor(False), validator).ingest(article()) == "stored"
        assert quarantine(store) == []


def test_quarantine_keeps_the_rejected_graph_verbatim(tmp_path: Path, validator: Validator) -> None:
    settings = Settings(store=str(tmp_path / "s"))
    with open_store(settings.store) as store:
        Pipeline(settings, store, FakeExtractor(True), validator).ingest(article())
        res = store.query("PREFIX kg: <https://w3id.org/newskg/ontology#> "
                          "SELECT ?p WHERE { ?q a kg:QuarantineRecord ; kg:payload ?p }")
        payload = res.rows[0][0].value
        assert "http://www.w3.org/ns/org#member" in payload and "ministre" in payload
        # nothing of it reaches the article graphs
        assert iris.article_graph(BASE, "q-1") not in store.named_graphs()


def test_batch_reports_input_errors_and_goes_on(tmp_path: Path, validator: Validator) -> None:
    settings = Settings(store=str(tmp_path / "s"))
    lines: list[str] = []
    with open_store(settings.store) as store:
        summary = Pipeline(settings, store, FakeExtractor(False), validator).run(
            [InputError("not valid UTF-8 at byte 3", source="x.txt"), article()], report=lines.append)
    assert summary.stored == 1 and summary.failed == 1 and summary.exit_code == 2
    assert lines == ["x.txt: not valid UTF-8 at byte 3"]


def test_a_failed_update_changes_nothing(tmp_path: Path) -> None:
    """Graph replacement is one update: if any part fails, the old graph stays whole."""
    with open_store(str(tmp_path / "s")) as store:
        store.replace_graphs([("http://ex.org/g", '<http://ex.org/a> <http://ex.org/p> "old" .')])
        with pytest.raises(QueryError):
            store.replace_graphs([("http://ex.org/g", '<http://ex.org/a> <http://ex.org/p> "new" .'),
                                  ("http://ex.org/h", "<http://ex.org/a> <http://ex.org/p> broken")])
        rows = store.query("SELECT ?o WHERE { GRAPH <http://ex.org/g> { ?s ?p ?o } }").rows
        assert [r[0].value for r in rows] == ["old"]


def test_ontology_is_installed_once(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s")) as store:
        assert install_ontology(store) is True
        n = len(store)
        assert install_ontology(store) is False and len(store) == n


@pytest.mark.parametrize("precision, value, datatype", [
    ("day", "2015-06-01", "date"), ("month", "2015-06", "gYearMonth"), ("year", "2015", "gYear")])
def test_partial_publication_date_is_stored_as_such(tmp_path: Path, validator: Validator, precision: str,
                                                    value: str, datatype: str) -> None:
    """"published": "2015-06" is kept (xsd:gYearMonth), not dropped nor turned into a day."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, XSD

    art = Article("q-1", "Titre", "Ada, ministre française.", "fr", dt.date(2015, 6, 1), None, "t.jsonl:1",
                  published_precision=precision)  # type: ignore[arg-type]
    with open_store(str(tmp_path / "s")) as store:
        assert Pipeline(Settings(store=str(tmp_path / "s")), store, FakeExtractor(False), validator).ingest(art) == "stored"
        g = store.graph(iris.article_graph(BASE, "q-1"))
        assert set(g.objects(URIRef(iris.article_iri(BASE, "q-1")), DCTERMS.issued)) == {
            Literal(value, datatype=XSD[datatype])}
