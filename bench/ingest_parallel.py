#!/usr/bin/env python3
"""Ingest throughput with N worker processes (`kg ingest --workers N`) beside a bare spaCy parse, in one run.

The gold articles (French and English) are repeated with distinct ids to make the batch. For each N the
batch is read from a JSON Lines file and ingested into a fresh store by the same code as `kg ingest`
(models loaded before the clock starts). The bare parse is one process parsing the same texts, paragraph
by paragraph, with the pipeline extraction uses for each language. A breakdown of one process's time per
stage (parse, rules, to_graph, SHACL, N-Triples, store write) tells what dominates.

    .venv/bin/python bench/ingest_parallel.py [--articles 200] [--workers 1,2] [--gold ../shared/gold]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.config import Settings
from kg.extract import Extractor
from kg.extract.nlp import paragraphs
from kg.ingest import read_articles
from kg.model import Article
from kg.parallel import WorkerPool, cpu_count, load_preparer
from kg.pipeline import (
    IngestSummary,
    Pipeline,
    Prepared,
    Preparer,
    install_ontology,
    nt,
)
from kg.rdf.to_graph import to_graph
from kg.store import open_store
from kg.validate import Validator


def write_batch(gold: Path, n: int, out: Path) -> int:
    """`n` records cycling through the gold articles, each with its own id; returns the characters written."""
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.json"))]
    chars = 0
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            d = docs[i % len(docs)]
            rec = {"id": f"{d['id']}-r{i // len(docs)}", "title": d["title"], "text": d["text"], "lang": d["lang"]}
            if d.get("published") and len(d["published"]) == 10:
                rec["published"] = d["published"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            chars += len(d["text"])
    return chars


class TimedPipeline(Pipeline):
    """The writer, timing its store writes."""

    writing = 0.0

    def commit(self, article: Article, prepared: Prepared) -> Any:
        t = time.perf_counter()
        try:
            return super().commit(article, prepared)
        finally:
            self.writing += time.perf_counter() - t


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by this process and the processes `pids` (Linux /proc)."""
    own = os.times()
    total = own.user + own.system
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def ingest(batch: Path, store: str, workers: int, extractor: Extractor) -> tuple[float, float, float, IngestSummary]:
    """Wall seconds of one ingest of `batch` into a fresh `store` (models already loaded), of its writes,
    and CPU seconds used by the writer and the workers meanwhile."""
    settings = Settings(store=store)
    items = read_articles([batch], max_bytes=settings.max_article_bytes)
    with open_store(store) as kgstore:
        install_ontology(kgstore)
        pipe = TimedPipeline(settings, kgstore, None)
        if workers == 1:
            cpu, t = cpu_seconds([]), time.perf_counter()
            summary = pipe.write(Preparer(settings, extractor).finished(items))
            return time.perf_counter() - t, pipe.writing, cpu_seconds([]) - cpu, summary
        with WorkerPool(settings, workers, load_preparer) as pool:
            pool.wait_ready()
            pids = pool.pids()
            cpu, t = cpu_seconds(pids), time.perf_counter()
            summary = pipe.write(pool.finished(items))
            return time.perf_counter() - t, pipe.writing, cpu_seconds(pids) - cpu, summary


def stages(arts: list[Article], ex: Extractor, prep: Preparer) -> dict[str, float]:
    """Seconds per stage, one process, over `arts`."""
    base = prep.settings.base_iri
    out = dict.fromkeys(("extraction (parse + rules)", "to_graph", "SHACL (quick check)", "N-Triples"), 0.0)
    assert prep.validator is not None
    for art in arts:
        t0 = time.perf_counter()
        extraction = ex.extract(art)
        t1 = time.perf_counter()
        graphs = to_graph(extraction, base)
        t2 = time.perf_counter()
        prep.validator.validate(graphs.facts, graphs.entities)
        t3 = time.perf_counter()
        nt(graphs.facts), nt(graphs.entities)
        t4 = time.perf_counter()
        for k, d in zip(out, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            out[k] += d
    return out


def pyshacl_only(arts: list[Article], ex: Extractor) -> float:
    """Seconds pySHACL alone takes to validate the same graphs (the quick check turned off)."""
    slow = Validator(quick=False)
    graphs = [to_graph(ex.extract(art), Settings().base_iri) for art in arts]
    t = time.perf_counter()
    for g in graphs:
        slow.validate(g.facts, g.entities)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts [default: 1,2]")
    a = ap.parse_args()
    counts = [int(x) for x in a.workers.split(",")]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        chars = write_batch(a.gold, a.articles, batch)
        arts = [x for x in read_articles([batch]) if isinstance(x, Article)]
        n = len(arts)
        langs = {lang: sum(x.lang == lang for x in arts) for lang in ("fr", "en")}
        ex = Extractor.load()
        pipes = {lang: ex.pipeline(lang).nlp for lang in langs}
        prep = Preparer(Settings(), ex)
        for art in arts[:25]:  # warm-up: first calls of spaCy, dateparser, pySHACL
            prep.prepare(art)

        def parse() -> None:
            for art in arts:
                for _ in pipes[art.lang or "fr"].pipe([c for _, c in paragraphs(art.text)], batch_size=64):
                    pass
        t = time.perf_counter()
        parse()
        parse_s = time.perf_counter() - t
        breakdown = stages(arts, ex, prep)
        pyshacl_s = pyshacl_only(arts, ex)
        rows = []
        for w in counts:
            rows.append((w, *ingest(batch, f"{tmp}/store-{w}", w, ex)))
    print(f"{n} articles ({langs['fr']} French, {langs['en']} English; {chars} characters), {cpu_count()} CPUs, "
          f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after (other processes share the CPUs)")
    print(f"bare spaCy parse, 1 process: {parse_s:.2f} s, {n / parse_s:.1f} articles/s, "
          f"{1000 * parse_s / n:.1f} ms/article")
    print(f"{'workers':>8}{'wall s':>9}{'articles/s':>12}{'× parse':>9}{'× parse/N':>11}{'writer s':>10}"
          f"{'CPU s':>8}{'CPU ms/art':>12}  summary")
    for w, secs, writing, cpu, summary in rows:
        print(f"{w:>8}{secs:>9.2f}{n / secs:>12.1f}{secs / parse_s:>9.2f}{secs / (parse_s / w):>11.2f}"
              f"{writing:>10.2f}{cpu:>8.1f}{1000 * cpu / n:>12.1f}  {summary.line()}")
    print("one process, per stage:")
    total = sum(breakdown.values())
    for name, secs in [("bare parse", parse_s), *breakdown.items()]:
        print(f"  {name:<28}{1000 * secs / n:>8.1f} ms/article{100 * secs / total:>7.0f} % of preparing")
    print(f"  {'(pySHACL alone would take':<28}{1000 * pyshacl_s / n:>8.1f} ms/article)")
    if rows[0][0] == 1:
        print(f"  {'store write (writer)':<28}{1000 * rows[0][2] / n:>8.1f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
