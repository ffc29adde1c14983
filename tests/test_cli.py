"""The `kg` verbs end to end (in-process, one spaCy model for the session)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


ARTICLE = {"id": "t-1", "title": "La Russie et la Chine signent un accord",
           "text": "La Russie et la Chine ont signé un accord à Pékin.", "lang": "fr", "published": "2020-01-10"}


def write_jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def quads(store: Path) -> set[str]:
    s = ox.Store.read_only(str(store))
    return {str(q) for q in s}


def test_ingest_twice_gives_the_same_quads(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLE)
    assert kg("ingest", str(src), "--store", str(store)).exit_code == 0
    first = quads(store)
    r = kg("ingest", str(src), "--store", str(store))
    assert r.exit_code == 0 and "1 stored, 0 quarantined, 0 failed" in r.stdout
    # The same quads, but the read summary's kg:revision: it counts writes (kg.store.summary).
    revision = "<https://w3id.org/newskg/ontology#revision>"
    assert {q for q in quads(store) if revision not in q} == {q for q in first if revision not in q}


def test_reingest_replaces_the_article_graph(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    changed = dict(ARTICLE, text="Le Japon et l'Inde ont signé un accord.")
    kg("ingest", str(write_jsonl(tmp_path / "b.jsonl", changed)), "--store", str(store))
    text = "\n".join(quads(store))
    graph = "<https://w3id.org/newskg/graph/article/t-1>"
    in_graph = [q for q in quads(store) if q.endswith(graph)]
    assert any("Japon" in q for q in in_graph) and not any("Pékin" in q for q in in_graph)
    assert "Japon" in text


def test_export_loads_into_a_fresh_store_isomorphic(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    kg("ingest", str(SAMPLES), "--store", str(store), "--published", "2022-09-20")
    for fmt, suffix, rdflib_fmt in (("nquads", "nq", "nquads"), ("trig", "trig", "trig")):
        out = tmp_path / f"export.{suffix}"
        assert kg("export", "--store", str(store), "--format", fmt, "--output", str(out)).exit_code == 0
        fresh = tmp_path / f"fresh-{fmt}"
        r = kg("load", str(out), "--store", str(fresh))
        assert r.exit_code == 0, r.output
        again = tmp_path / f"again.{suffix}"
        kg("export", "--store", str(fresh), "--format", fmt, "--output", str(again))
        a, b = Dataset(), Dataset()
        a.parse(out, format=rdflib_fmt)
        b.parse(again, format=rdflib_fmt)
        names = {g.identifier for g in a.graphs()}
        assert len(names) > 3 and names == {g.identifier for g in b.graphs()}
        for name in names:  # the ontology's blank nodes are relabelled, hence isomorphism
            assert isomorphic(a.graph(name), b.graph(name)), name
        assert sum(len(a.graph(n)) for n in names) > 1000


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "ntriples"])
def test_export_other_formats_parse(kg: Any, tmp_path: Path, fmt: str) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    out = tmp_path / "out"
    assert kg("export", "--store", str(store), "--format", fmt, "--output", str(out)).exit_code == 0
    g = Dataset()
    g.parse(out, format={"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt"}[fmt])
    assert len(g) > 100  # the ontology alone has more than this


def test_load_keeps_graph_names_and_puts_triples_in_graph(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    nq = tmp_path / "x.nq"
    nq.write_text('<http://ex.org/a> <http://ex.org/p> "1" <http://ex.org/g1> .\n')
    ttl = tmp_path / "y.ttl"
    ttl.write_text('<http://ex.org/b> <http://ex.org/p> "2" .\n')
    assert kg("load", str(nq), "--store", str(store)).exit_code == 0
    assert kg("load", str(ttl), "--store", str(store), "--graph", "http://ex.org/g2").exit_code == 0
    r = kg("query", "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", "--store", str(store),
           "--format", "csv")
    assert r.stdout.splitlines()[1:] == ["http://ex.org/g1,http://ex.org/a", "http://ex.org/g2,http://ex.org/b"]


def test_load_bad_file_is_one_line_and_others_go_on(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://ex.org/a> <http://ex.org/p> .\n")
    good = tmp_path / "good.nt"
    good.write_text('<http://ex.org/a> <http://ex.org/p> "ok" .\n')
    unknown = tmp_path / "x.csv"
    unknown.write_text("a,b\n")
    r = kg("load", str(bad), str(unknown), str(good), "--store", str(store))
    assert r.exit_code == 2
    assert "bad.ttl" in r.stderr and "x.csv" in r.stderr and "unknown RDF format" in r.stderr
    assert "good.nt: 1 quads added" in r.stdout


@pytest.mark.parametrize("fmt,expect", [("json", '"vars": ["n"]'), ("csv", "n\n"), ("tsv", "n\n"), ("table", "(1 row)")])
def test_query_formats(kg: Any, tmp_path: Path, fmt: str, expect: str) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    q = tmp_path / "q.rq"
    q.write_text("PREFIX kg: <https://w3id.org/newskg/ontology#> SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }")
    r = kg("query", f"@{q}", "--store", str(store), "--format", fmt)
    assert r.exit_code == 0 and expect in r.stdout
    if fmt == "json":
        assert json.loads(r.stdout)["results"]["bindings"][0]["n"]["value"] == "1"


def test_query_errors(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    r = kg("query", "SELECT WHERE {", "--store", str(store))
    assert r.exit_code == 2 and "malformed SPARQL" in r.stderr and "Traceback" not in r.output
    r = kg("query", "@/nonexistent.rq", "--store", str(store))
    assert r.exit_code == 2 and "nonexistent.rq" in r.stderr
    r = kg("query", "ASK {}", "--store", str(tmp_path / "nostore"))
    assert r.exit_code == 2 and "no store here" in r.stderr


def test_bad_inputs_are_reported_and_the_batch_goes_on(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Titre\n\nUn texte en été".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    lines = json.dumps(ARTICLE) + "\n{not json\n" + json.dumps(dict(ARTICLE, id="t-2")) + "\n"
    (tmp_path / "batch.jsonl").write_text(lines)
    args = [str(tmp_path / n) for n in ("empty.txt", "binary.txt", "latin1.txt", "notes.pdf", "batch.jsonl")]
    r = kg("ingest", *args, "--store", str(store))
    assert r.exit_code == 2
    assert "2 stored, 0 quarantined, 5 failed" in r.stdout
    err = r.stderr.splitlines()
    for name in ("empty.txt", "binary.txt", "latin1.txt", "notes.pdf", "batch.jsonl:2"):
        assert sum(name in line for line in err) == 1, (name, err)
    assert "t-2" in "".join(quads(store))


def test_bad_input_never_loses_what_is_stored(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    before = quads(store)
    (tmp_path / "b.jsonl").write_text('{"id": "t-1", "title": 3}\n')
    r = kg("ingest", str(tmp_path / "b.jsonl"), "--store", str(store))
    assert r.exit_code == 2 and "b.jsonl:1" in r.stderr
    assert quads(store) == before


def test_locked_store_is_a_clear_error(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLE)
    holder = ox.Store(str(store))  # another writer holds the lock
    try:
        r = kg("ingest", str(src), "--store", str(store))
        assert r.exit_code == 2 and "locked by another writer" in r.stderr
        assert "Traceback" not in r.output
    finally:
        del holder


def test_unknown_language_record_fails_alone(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    src = write_jsonl(tmp_path / "a.jsonl", dict(ARTICLE, id="de-1", lang="de"), ARTICLE)
    r = kg("ingest", str(src), "--store", str(store))
    assert r.exit_code == 2 and "1 stored" in r.stdout and "'de' is not supported" in r.stderr


def test_validate_and_stats(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    r = kg("validate", "--store", str(store))
    assert r.exit_code == 0 and "1 article graphs checked, 0 do not conform, 0 quarantined" in r.stdout
    r = kg("stats", "--store", str(store), "--json")
    counts = json.loads(r.stdout)
    assert counts["articles"] == 1 and counts["states"] == 2 and counts["agreements"] == 1


def test_usage_errors(kg: Any, tmp_path: Path) -> None:
    r = kg("ingest", str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s"), "--published", "yesterday")
    assert r.exit_code == 2 and "--published" in r.stderr
    r = kg("export", "--store", str(tmp_path / "s"), "--format", "xml")
    assert r.exit_code == 2
    r = kg("ingest", str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s"))
    assert r.exit_code == 2 and "missing.txt" in r.stderr


def test_progress_bar_and_summary(kg: Any, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", ARTICLE, dict(ARTICLE, id="t-2"))
    r = kg("ingest", str(src), "--store", str(tmp_path / "s"), "--progress")
    assert r.exit_code == 0 and "ingesting" in r.stderr and "2/2" in r.stderr
    assert r.stdout.strip().startswith("2 stored, 0 quarantined, 0 failed")


def test_store_from_environment(kg: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "envstore"))
    r = kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)))
    assert r.exit_code == 0 and (tmp_path / "envstore").is_dir()


def test_config_error_is_one_line(kg: Any, tmp_path: Path) -> None:
    r = kg("--base-iri", "not-an-iri", "stats", "--store", str(tmp_path / "s"))
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "base_iri" in r.stderr


def test_readers_work_beside_a_writer(kg: Any, tmp_path: Path) -> None:
    store = tmp_path / "s"
    kg("ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLE)), "--store", str(store))
    holder = ox.Store(str(store))  # an ingest in progress holds the write lock
    try:
        r = kg("query", "PREFIX kg: <https://w3id.org/newskg/ontology#> ASK { ?a a kg:Article }",
               "--store", str(store))
        assert r.exit_code == 0 and r.stdout.strip() == "true"
        assert kg("stats", "--store", str(store)).exit_code == 0
        assert kg("export", "--store", str(store), "--output", str(tmp_path / "x.nq")).exit_code == 0
    finally:
        del holder


def test_load_rdfxml_with_explicit_format(kg: Any, tmp_path: Path) -> None:
    src = tmp_path / "data.txt"
    src.write_text('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                   'xmlns:ex="http://ex.org/"><rdf:Description rdf:about="http://ex.org/a"><ex:p>x</ex:p>'
                   '</rdf:Description></rdf:RDF>')
    r = kg("load", str(src), "--format", "rdfxml", "--store", str(tmp_path / "s"), "--graph", "http://ex.org/g")
    assert r.exit_code == 0 and "1 quads added" in r.stdout


def test_nothing_readable_leaves_no_store_behind(kg: Any, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    r = kg("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "typo.jsonl"), "--store", str(tmp_path / "s"))
    assert r.exit_code == 2 and "2 failed" in r.stdout and not (tmp_path / "s").exists()
    assert "empty.txt" in r.stderr and "typo.jsonl" in r.stderr


def test_min_confidence_drops_less_confident_facts(kg: Any, tmp_path: Path) -> None:
    from kg.store import open_store

    sample = Path(__file__).resolve().parent.parent / "samples" / "ttn-fr-34.txt"
    counts = {}
    for threshold in ("0", "0.9", "1"):
        store = tmp_path / f"s{threshold}"
        r = kg("ingest", str(sample), "--store", str(store), "--published", "2022-09-20",
               "--min-confidence", threshold)
        assert r.exit_code == 0, r.output
        with open_store(str(store), read_only=True) as s:
            res = s.query("PREFIX kg: <https://w3id.org/newskg/ontology#> "
                          "SELECT ?c (COUNT(?f) AS ?n) { ?f kg:confidence ?c } GROUP BY ?c")
            counts[threshold] = {float(c.value): int(n.value) for c, n in res.rows}
    assert min(counts["0"]) < 0.9 <= max(counts["0"])  # the sample has facts on both sides
    assert counts["0.9"] == {c: n for c, n in counts["0"].items() if c >= 0.9}
    assert counts["1"] == {c: n for c, n in counts["0"].items() if c >= 1}
    bad = kg("ingest", str(sample), "--store", str(tmp_path / "bad"), "--min-confidence", "1.5")
    assert bad.exit_code == 2


def test_each_role_node_has_one_label_across_articles_and_languages(kg: Any, tmp_path: Path) -> None:
    """A role node is one language and one spelling: `org:role/rdfs:label` gives one title per post,
    even when a French and an English article name the same kind of post."""
    from kg.store import open_store

    src = write_jsonl(
        tmp_path / "a.jsonl",
        {"id": "r-fr", "title": "Visite", "lang": "fr", "published": "2020-01-10",
         "text": "Le président chinois Xi Jinping a reçu le président russe Vladimir Poutine à Pékin."},
        {"id": "r-en", "title": "Visit", "lang": "en", "published": "2020-01-10",
         "text": "Chinese President Xi Jinping met Russian President Vladimir Putin in Beijing."})
    r = kg("ingest", str(src), "--store", str(tmp_path / "s"))
    assert r.exit_code == 0, r.output
    with open_store(str(tmp_path / "s"), read_only=True) as s:
        res = s.query("PREFIX org: <http://www.w3.org/ns/org#> "
                      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                      "SELECT ?r (COUNT(DISTINCT ?l) AS ?n) (SAMPLE(?l) AS ?x) "
                      "{ ?m org:role ?r . ?r rdfs:label ?l } GROUP BY ?r")
        labels = {r.value: (int(n.value), x) for r, n, x in res.rows}
    assert len(labels) >= 2, labels  # both articles gave posts
    assert all(n == 1 for n, _ in labels.values()), labels
    langs = {x.language for _, x in labels.values()}
    assert langs == {"fr", "en"}
    assert all(f"/id/role/{x.language}/" in r for r, (_, x) in labels.items())


def test_no_local_path_is_published(kg: Any, tmp_path: Path) -> None:
    """dct:source names the file (and line) an article came from, never the folder it sat in on this machine."""
    from kg.model import Article
    from kg.pipeline import quarantine_record
    from kg.rdf.vocab import DCT

    folder = tmp_path / "private-folder"
    folder.mkdir()
    write_jsonl(folder / "batch.jsonl", ARTICLE)
    (folder / "note.txt").write_text("Emmanuel Macron à Berlin\n\nEmmanuel Macron a rencontré Olaf Scholz à Berlin.\n",
                                     encoding="utf-8")
    store = tmp_path / "s"
    assert kg("ingest", str(folder), "--store", str(store)).exit_code == 0
    found = quads(store)
    assert not [q for q in found if str(tmp_path) in q]
    sources = {q.split(" ")[2] for q in found if q.split(" ")[1] == f"<{DCT.source}>"}
    assert sources == {'"batch.jsonl:1"', '"note.txt"'}
    record = quarantine_record("https://w3id.org/newskg/", Article("q-1", "T", "T", "fr", source=f"{folder}/q.jsonl:3"),
                               "report", "")
    assert {str(o) for o in record.objects(None, DCT.source)} == {"q.jsonl:3"}


def test_a_folder_ingest_says_how_many_files_it_skipped_and_why(kg: Any, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    write_jsonl(folder / "a.jsonl", ARTICLE)
    for name in ("page.pdf", "sub/other.pdf", "readme.md", "photo.PNG", "LICENSE", ".draft.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "linked").symlink_to(folder / "sub")
    r = kg("ingest", str(folder), "--store", str(tmp_path / "s"))
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == (
        f"1 stored, 0 quarantined, 0 failed, 7 skipped: 2 .pdf, 1 .md, 1 .png, 1 no suffix "
        f"(not .atom, .htm, .html, .json, .jsonl, .ndjson, .rss, .text, .txt, .xhtml or .xml), 1 hidden (name starts with '.'), "
        f"1 symlinked folder (not followed) ({tmp_path / 's'})")
    only_skipped = tmp_path / "empty"
    only_skipped.mkdir()
    (only_skipped / "page.pdf").write_text("x", encoding="utf-8")
    r = kg("ingest", str(only_skipped), "--store", str(tmp_path / "s2"))
    assert r.exit_code == 2
    assert "0 failed, 1 skipped: 1 .pdf (not" in r.stdout and "nothing to ingest" in r.stdout


def test_a_one_line_text_file_is_stored_and_said_to_be(kg: Any, tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Emmanuel Macron a rencontré Olaf Scholz à Berlin jeudi.\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Un titre\n\nEmmanuel Macron a rencontré Olaf Scholz à Berlin jeudi.\n", encoding="utf-8")
    r = kg("ingest", str(one), str(two), "--store", str(tmp_path / "s"))
    assert r.exit_code == 0, r.output
    assert r.stderr.count("kg: note:") == 1
    assert f"kg: note: {one}: one line only: stored with that line as both its title and its text" in r.stderr
