"""`kg ingest --workers N`: worker processes prepare, this process writes; the store is the same as with one."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.cli import main
from kg.config import Settings
from kg.errors import ConfigError, InputError
from kg.model import Article, Entity, Extraction, PostHolding
from kg.parallel import WorkerPool, cpu_count, worker_count
from kg.pipeline import Preparer

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = "https://w3id.org/newskg/ontology"
CREATED = "<http://purl.org/dc/terms/created>"
BROKEN = "wn-fr-2017-03-25-001"  # its graph is made to fail the shapes: quarantined


class Breaking:
    """The real extractor, except that article BROKEN gets a state holding a post (which the shapes refuse)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def extract(self, article: Article) -> Extraction:
        ex = self.inner.extract(article)
        if article.id != BROKEN:
            return ex
        state = Entity("state/france", "State", "France", "fr", {"France"})
        post = PostHolding("state/france", "ministre", "fr", "state/france", ex.sentences[0].text, 0)
        return replace(ex, entities={**ex.entities, "state/france": state}, posts=[*ex.posts, post])


def breaking_preparer(settings: Settings) -> Preparer:
    """Worker set-up for the comparison: the real models, with article BROKEN broken as above."""
    from kg.parallel import load_preparer

    real = load_preparer(settings)
    return Preparer(settings, Breaking(real.extractor), real.validator)


class Tiny:
    """A model-free extractor (workers start in a second): one person per article; some ids misbehave."""

    def extract(self, article: Article) -> Extraction:
        if article.id == "kill-me":
            os.kill(os.getpid(), signal.SIGKILL)  # the worker dies as if killed from outside
        if article.id == "buggy":
            raise RuntimeError("an extractor bug")
        who = Entity(f"person/{article.id}", "Person", f"Personne {article.id}", "fr", {f"Personne {article.id}"})
        return Extraction(article, "fr", entities={f"person/{article.id}": who})


def tiny_preparer(settings: Settings) -> Preparer:
    return Preparer(settings, Tiny())


def failing_preparer(settings: Settings) -> Preparer:
    raise ConfigError("the spaCy model fr_core_news_md is not installed (test)")


def run(*args: str, **obj: Any) -> Any:
    return CliRunner().invoke(main, list(args), obj=obj, catch_exceptions=False)


def quads_by_graph(store: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in ox.Store.read_only(str(store)):
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        out.setdefault(g, set()).add(f"{q.subject} {q.predicate} {q.object}")
    return out


def as_rdflib(triples: set[str]) -> rdflib.Graph:
    return rdflib.Graph().parse(data="".join(t + " .\n" for t in triples), format="nt")


def batch(tmp_path: Path) -> list[Path]:
    """French and English articles, a malformed JSON line, a quarantined article, an id given twice."""
    records = [json.loads(line) for line in (ROOT / "samples" / "wikinews-fr.jsonl").read_text().splitlines()]
    again = dict(records[0], text=records[0]["text"].replace("Chine", "Inde"))  # replaces the first version
    lines = [json.dumps(r, ensure_ascii=False) for r in records[:2]] + ["{not json"]
    lines += [json.dumps(r, ensure_ascii=False) for r in records[2:]] + [json.dumps(again, ensure_ascii=False)]
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = ROOT / "tests" / "data" / "ingest"
    return [data / "article-en.txt", jsonl, data / "article-fr.txt"]


def test_two_workers_store_the_same_quads_as_one(extractor: Any, tmp_path: Path) -> None:
    paths = [str(p) for p in batch(tmp_path)]
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = run("ingest", *paths, "--store", str(one), "--published", "2022-09-20", "--progress",
             extractor=Breaking(extractor))
    t = time.monotonic()
    r2 = run("ingest", *paths, "--store", str(two), "--published", "2022-09-20", "--progress", "--workers", "2",
             worker_factory=breaking_preparer)
    print(f"two workers: {time.monotonic() - t:.1f} s")
    for r in (r1, r2):
        assert r.exit_code == 2, r.output  # a bad record: 2 wins over 1 (quarantined)
        assert "6 stored, 1 quarantined, 1 failed" in r.stdout, r.output
        assert "mixed.jsonl:3" in r.stderr and f"article {BROKEN} does not conform" in r.stderr
        assert "ingesting 8/8" in r.stderr
    assert r1.stderr == r2.stderr  # the same lines, in input order
    a, b = quads_by_graph(one), quads_by_graph(two)
    assert set(a) == set(b) and len([g for g in a if "/graph/article/" in g]) == 5  # the id given twice is one
    for g in a:
        if g == ONTOLOGY:  # its blank nodes differ from store to store
            assert isomorphic(as_rdflib(a[g]), as_rdflib(b[g]))
            continue
        # the quarantine record's creation time is the only thing that may differ
        assert {t for t in a[g] if CREATED not in t} == {t for t in b[g] if CREATED not in t}, g
    assert any("Inde" in t for t in a["https://w3id.org/newskg/graph/article/wn-fr-2016-09-03-006"])
    assert any(g.endswith(f"quarantine/{BROKEN}") for g in a)


def test_a_killed_worker_fails_its_article_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "b.jsonl"
    ids = ["a-1", "kill-me", "a-2", "buggy", "a-3", "a-4", "a-5"]
    src.write_text("".join(json.dumps({"id": i, "title": f"Titre {i}", "text": f"Texte {i}.", "lang": "fr"}) + "\n"
                           for i in ids), encoding="utf-8")
    t = time.monotonic()
    r = run("ingest", str(src), "--store", str(tmp_path / "s"), "--workers", "2", worker_factory=tiny_preparer)
    assert time.monotonic() - t < 60
    assert r.exit_code == 2, r.output
    assert "5 stored, 0 quarantined, 2 failed" in r.stdout, r.output
    lines = r.stderr.splitlines()
    [died] = [line for line in lines if "kill-me" in line]
    assert "worker process preparing it died (killed by signal SIGKILL); not stored" in died
    [bug] = [line for line in lines if "buggy" in line]
    assert "RuntimeError: an extractor bug" in bug
    graphs = quads_by_graph(tmp_path / "s")
    stored = {g.rsplit("/", 1)[1] for g in graphs if "/graph/article/" in g}
    assert stored == {"a-1", "a-2", "a-3", "a-4", "a-5"}


def test_the_reader_stays_a_bounded_window_ahead_of_the_writer() -> None:
    pulled = 0

    def items() -> Any:
        nonlocal pulled
        for i in range(40):
            pulled += 1
            if i % 7 == 3:
                yield InputError("bad record", source=f"x.jsonl:{i + 1}")
            else:
                yield Article(f"w-{i}", "Titre", "Texte.", "fr", dt.date(2020, 1, 1))
    got = []
    with WorkerPool(Settings(), 2, tiny_preparer, window=5) as pool:
        for item, prepared in pool.finished(items()):
            got.append(item.id if isinstance(item, Article) else str(item))
            assert pulled - len(got) <= 5, (pulled, len(got))
            assert (prepared is None) == isinstance(item, InputError)
        assert len(pool.pids()) == 2
    assert len(got) == 40 and got[:4] == ["w-0", "w-1", "w-2", "x.jsonl:4: bad record"]


def test_a_worker_that_cannot_start_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"a-{i}", "title": "T", "text": "Texte.", "lang": "fr"}) + "\n"
                           for i in range(3)), encoding="utf-8")
    r = run("ingest", str(src), "--store", str(tmp_path / "s"), "--workers", "2", worker_factory=failing_preparer)
    assert r.exit_code == 2
    assert r.stderr.strip() == "kg: error: the spaCy model fr_core_news_md is not installed (test)"


def test_workers_option_and_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = run("ingest", "--help")
    assert "--workers N" in r.stdout and "KG_INGEST_WORKERS" in r.stdout
    src = tmp_path / "a.txt"
    src.write_text("Titre\n\nTexte.\n", encoding="utf-8")
    r = run("ingest", str(src), "--store", str(tmp_path / "s"), "--workers", "-1")
    assert r.exit_code == 2 and "Invalid value for '--workers'" in r.stderr
    monkeypatch.setenv("KG_INGEST_WORKERS", "-2")
    r = run("ingest", str(src), "--store", str(tmp_path / "s"))
    assert r.exit_code == 2 and r.stderr.strip() == "kg: error: ingest_workers must be 0 (one per CPU) or more, got -2"
    monkeypatch.setenv("KG_INGEST_WORKERS", "two")
    r = run("ingest", str(src), "--store", str(tmp_path / "s"))
    assert r.exit_code == 2 and r.stderr.strip() == "kg: error: ingest_workers: not an integer: 'two'"
    assert not (tmp_path / "s").exists()
    assert worker_count(0) == cpu_count() >= 1
    assert worker_count(0, articles=1) == 1 and worker_count(8, articles=3) == 3 and worker_count(3) == 3
    with pytest.raises(ConfigError):
        worker_count(-1)


def _as_foreground_job() -> None:
    """In the child before exec: Ctrl-C acts as in a terminal's foreground job, whatever this process ignores."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _group(pgid: int) -> list[int]:
    """Processes still alive in process group `pgid`."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_ctrl_c_stops_workers_and_writer_cleanly(tmp_path: Path) -> None:
    src = tmp_path / "b.jsonl"
    src.write_text("".join(json.dumps({"id": f"c-{i}", "title": f"Rencontre numéro {i}", "lang": "fr",
                                       "text": f"Ada Morvennec a rencontré Hugo Dubroc à Lyon le {1 + i % 27} mars."})
                           + "\n" for i in range(400)), encoding="utf-8")
    log = tmp_path / "err.log"
    # Run as pytest may be run in CI: a background job of a non-interactive shell, started with SIGINT ignored.
    # A child inherits that, and Python then never raises KeyboardInterrupt: the ingest ran to its end and
    # exited 0. A terminal's foreground job (what this test plays) has the default disposition.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with log.open("w") as err:
            proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "ingest", str(src), "--store",
                                     str(tmp_path / "s"), "--workers", "2", "--progress"],
                                    stdout=subprocess.PIPE, stderr=err, text=True,
                                    start_new_session=True,  # its own group, as a shell job gets
                                    preexec_fn=_as_foreground_job)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        deadline = time.monotonic() + 120
        while "ingesting 5/" not in log.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, log.read_text()[-2000:]
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group gets it
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
    text = log.read_text()
    assert proc.returncode == 130, text[-2000:]
    assert "kg: interrupted; so far" in text and "every article is wholly stored or absent" in text
    assert "Traceback" not in text and out == ""
    deadline = time.monotonic() + 10
    while _group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _group(proc.pid) == []  # no worker left behind
    stored = int(text.split("so far ")[1].split(" stored")[0])
    articles = [g for g in quads_by_graph(tmp_path / "s") if "/graph/article/" in g]
    assert 4 <= stored <= len(articles) <= stored + 1 < 400  # the interrupt may land between a write and its count
