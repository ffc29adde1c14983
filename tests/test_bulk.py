"""`kg ingest --to DIR` then `kg load DIR`: the quads of a normal ingest, whatever the order, however often."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from click.testing import CliRunner
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.bulk import QUARANTINE_SUFFIX, DirectoryWriter, file_stem, read_kg_file
from kg.cli import main
from kg.config import Settings
from kg.model import Article
from kg.pipeline import Pipeline, Prepared, install_ontology
from kg.rdf import iris
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BASE = "https://w3id.org/newskg/"
# What may differ between two stores holding the same articles: when a quarantine record was made,
# and the summary's count of writes.
TIME_DEPENDENT = ("<http://purl.org/dc/terms/created>", "<https://w3id.org/newskg/ontology#revision>")


def run(*args: str, extractor: Any = None) -> Any:
    return CliRunner().invoke(main, list(args), obj={"extractor": extractor}, catch_exceptions=False)


def quads(store: str, tmp_path: Path, name: str) -> tuple[set[str], Dataset]:
    """(ground quads but the time-dependent ones, the whole dataset) of a store's export."""
    out = tmp_path / f"{name}.nq"
    assert run("export", "--store", store, "-o", str(out)).exit_code == 0
    ground = {str(q) for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)
              if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
              and str(q.predicate) not in TIME_DEPENDENT}
    ds = Dataset()
    ds.parse(out, format="nquads")
    return ground, ds


def assert_same(a: str, b: str, tmp_path: Path) -> None:
    (qa, da), (qb, db) = quads(a, tmp_path, "a"), quads(b, tmp_path, "b")
    assert qa == qb and len(qa) > 100
    names = {g.identifier for g in da.graphs()}
    assert names == {g.identifier for g in db.graphs()}
    for name in names:  # the ontology's blank-node axioms: isomorphic
        assert isomorphic(da.graph(name), db.graph(name)) or any(
            str(t[1]) in {p.strip("<>") for p in TIME_DEPENDENT} for t in da.graph(name)), name


def test_ingest_to_a_directory_then_load_equals_a_normal_ingest(sample_store: str, extractor: Any,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run("ingest", str(SAMPLES), "--published", "2022-09-20", "--to", str(out), extractor=extractor)
    assert r.exit_code == 0, r.output
    assert f"5 stored, 0 quarantined, 0 failed" in r.stdout and str(out) in r.stdout
    files = sorted(p.name for p in out.iterdir())
    assert "ontology.nq" in files and len(files) == 6
    assert not (tmp_path / "kg-store").exists()
    loaded = str(tmp_path / "loaded")
    r = run("load", str(out), "--store", loaded)
    assert r.exit_code == 0, r.output
    assert "5 articles stored, 0 quarantine records" in r.stdout
    assert_same(sample_store, loaded, tmp_path)
    # Loading again, and loading the files in the reverse order into another store: the same quads.
    assert run("load", str(out), "--store", loaded).exit_code == 0
    assert_same(sample_store, loaded, tmp_path)
    reverse = str(tmp_path / "reverse")
    assert run("load", *sorted((str(p) for p in out.iterdir()), reverse=True), "--store", reverse).exit_code == 0
    assert_same(sample_store, reverse, tmp_path)
    stats = json.loads(run("stats", "--json", "--store", loaded).stdout)
    assert stats == json.loads(run("stats", "--json", "--store", sample_store).stdout)


def test_a_corrupt_file_is_one_line_and_the_rest_loads(extractor: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("ingest", str(SAMPLES), "--published", "2022-09-20", "--to", str(out),
               extractor=extractor).exit_code == 0
    victims = sorted(p for p in out.iterdir() if p.name != "ontology.nq")[:2]
    lines = victims[0].read_text(encoding="utf-8").splitlines(keepends=True)
    victims[0].write_text("".join(lines[:-1]), encoding="utf-8")  # cut short by one quad
    victims[1].write_text(victims[1].read_text(encoding="utf-8") + "<a> <b> .\n", encoding="utf-8")
    store = str(tmp_path / "store")
    r = run("load", str(out), "--store", store)
    assert r.exit_code == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 2 and r.stderr.count("\n") == 2, r.stderr
    assert f"{victims[0]}: corrupt kg file: {len(lines) - 1} quads announced, {len(lines) - 2} found" in r.stderr
    assert str(victims[1]) in r.stderr and "not valid N-Quads" in r.stderr
    assert "3 articles stored" in r.stdout
    assert json.loads(run("stats", "--json", "--store", store).stdout)["articles"] == 3


def test_quarantine_records_and_their_order(tmp_path: Path) -> None:
    """Stored, then quarantined on a later run: the store keeps the article and the record, as an ingest
    does; a record comes after the article's file whatever the order given; a later conforming version
    drops the record."""
    settings = Settings(store=str(tmp_path / "direct"))
    article = Article(id="q-1", title="Un titre", text="Un texte.", lang="fr", source="in/q.jsonl:1")
    graph = iris.article_graph(BASE, "q-1")
    a = f"<{iris.article_iri(BASE, 'q-1')}>"
    good = Prepared(graph, f'{a} <http://purl.org/dc/terms/identifier> "q-1" .\n'
                           f'{a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Article> .\n',
                    f'<{BASE}id/state/russia> <http://www.w3.org/2000/01/rdf-schema#label> "Russie"@fr .\n')
    bad = Prepared(graph, good.facts.replace('"q-1"', '"q-1 bis"'), "", rejected="Title: missing (report)")
    out = tmp_path / "out"
    writer = DirectoryWriter(settings, out)
    with open_store(settings) as store:
        install_ontology(store)
        direct = Pipeline(settings, store, None)
        for prepared in (good, bad):
            assert direct.commit(article, prepared) == writer.commit(article, prepared)
    stem = out / file_stem("q-1")
    assert read_kg_file(stem.with_name(stem.name + QUARANTINE_SUFFIX)).kind == "quarantined"
    files = sorted(str(p) for p in out.iterdir())
    for name, order in (("forward", files), ("backward", files[::-1])):
        loaded = str(tmp_path / name)
        assert run("load", *order, "--store", loaded).exit_code == 0
        assert_same(settings.store, loaded, tmp_path)
        r = run("validate", "--store", loaded)
        assert r.exit_code == 1 and "quarantined: q-1 (q.jsonl:1" in r.stdout
    # Conforming again: the writer removes the record's file, and loading drops the record.
    writer.commit(article, good)
    assert not stem.with_name(stem.name + QUARANTINE_SUFFIX).exists()
    assert run("load", str(out), "--store", str(tmp_path / "backward")).exit_code == 0
    assert "0 quarantined" in run("validate", "--store", str(tmp_path / "backward")).stdout


def test_to_refuses_a_store_and_reason() -> None:
    for extra in (["--store", "x"], ["--reason"]):
        r = run("ingest", str(SAMPLES), "--to", "somewhere", *extra)
        assert r.exit_code == 2 and "--to" in r.output and len(r.output.strip().splitlines()) == 1


def test_engine_bulk_loaders_then_kg_load_of_the_ontology(sample_store: str, extractor: Any, virtuoso: Any,
                                                          tmp_path: Path) -> None:
    """The README's routes for large batches: `oxigraph load` or Virtuoso's ld_dir/rdf_loader_run read
    the files into an empty store, then `kg load DIR/ontology.nq` counts the read summaries (and
    `kg optimize` compacts Oxigraph's files)."""
    import subprocess

    from remote_engines import oxigraph_binary

    out = (virtuoso.directory / "bulk") if virtuoso.directory else tmp_path / "out"
    assert run("ingest", str(SAMPLES), "--published", "2022-09-20", "--to", str(out),
               extractor=extractor).exit_code == 0
    bulk = tmp_path / "bulk"
    stream = b"".join(p.read_bytes() for p in sorted(out.iterdir()))  # `cat DIR/*.nq | oxigraph load …`
    done = subprocess.run([oxigraph_binary(), "load", "--location", str(bulk), "--format", "nq"], input=stream,
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert run("load", str(out / "ontology.nq"), "--store", str(bulk)).exit_code == 0
    optimized = run("optimize", "--store", str(bulk))  # the README's last step for Oxigraph
    assert optimized.exit_code == 0 and "store optimized" in optimized.output
    assert_same(sample_store, str(bulk), tmp_path)

    virtuoso.wipe()
    virtuoso.sql(f"ld_dir('{out}', '*.nq', 'urn:x-kg:unused'); rdf_loader_run(); checkpoint;")
    r = CliRunner().invoke(main, ["load", str(out / "ontology.nq"), *virtuoso.store_args()], env=virtuoso.env,
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert_same(sample_store, virtuoso.query_url, tmp_path)
    virtuoso.wipe()


def test_several_writers_on_split_input_then_one_load(tmp_path: Path) -> None:
    """Two `kg ingest --to` runs (one with two worker processes) on two halves of a batch, into two
    directories, then one `kg load` of both: the quads of one ingest of the whole batch."""
    from test_parallel_ingest import Tiny, tiny_preparer

    halves = []
    for h in range(2):
        src = tmp_path / f"half{h}.jsonl"
        src.write_text("".join(json.dumps({"id": f"a{h}-{i}", "title": f"Titre {i}", "text": f"Texte {h} {i}.",
                                           "lang": "fr", "published": "2020-01-02"}) + "\n" for i in range(6)),
                       encoding="utf-8")
        halves.append(src)
    whole = str(tmp_path / "whole")
    r = CliRunner().invoke(main, ["ingest", *map(str, halves), "--store", whole], obj={"extractor": Tiny()},
                           catch_exceptions=False)
    assert r.exit_code == 0 and "12 stored" in r.stdout, r.output
    r = CliRunner().invoke(main, ["ingest", str(halves[0]), "--to", str(tmp_path / "d0"), "--workers", "2"],
                           obj={"worker_factory": tiny_preparer}, catch_exceptions=False)
    assert r.exit_code == 0 and "6 stored" in r.stdout, r.output
    r = CliRunner().invoke(main, ["ingest", str(halves[1]), "--to", str(tmp_path / "d1")],
                           obj={"extractor": Tiny()}, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    loaded = str(tmp_path / "loaded")
    r = run("load", str(tmp_path / "d1"), str(tmp_path / "d0"), "--store", loaded)
    assert r.exit_code == 0 and "12 articles stored" in r.stdout, r.output
    assert_same(whole, loaded, tmp_path)
