#!/usr/bin/env python3
"""Ingest cost beside spaCy's own parse of the same texts, in one run.

Prints, per language, for the same gold articles parsed the same way (paragraph by paragraph):
  spaCy parse alone · extraction (parse + rules) · extraction + to_graph + SHACL · + store write
  (the path of `kg ingest`, which parses up to PARSE_BATCH articles in one spaCy call) · the same
  without the read summaries (kg.store.summary: as before they were kept; the two run alternately) ·
  the same ingest with one spaCy call per article (`Pipeline.ingest`)
with per-article times and the ratio of each to the bare parse (French: fr_core_news_md, English:
en_core_web_sm, each with the engine's sentence splitter before its parser).

    .venv/bin/python bench/ingest_cost.py [--repeat 5] [--gold ../shared/gold] [--lang fr --lang en]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.config import Settings  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.extract.nlp import paragraphs  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.pipeline import PARSE_BATCH, Pipeline  # noqa: E402
from kg.rdf.to_graph import to_graph  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.validate import Validator  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _scale import timed_pair  # noqa: E402


def articles(gold: Path, lang: str) -> list[Article]:
    out = []
    for p in sorted(gold.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        if d["lang"] != lang:
            continue
        pub = dt.date.fromisoformat(d["published"]) if d.get("published") and len(d["published"]) == 10 else None
        out.append(Article(d["id"], d["title"], d["text"], lang, pub, d.get("url")))
    return out


def timed(fn, repeat: int) -> float:
    """Best-of-`repeat` wall time of fn() in seconds (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lang", action="append", choices=("fr", "en"), help="languages to time (default: both)")
    a = ap.parse_args()
    ex = Extractor.load()
    validator = Validator()
    for lang in a.lang or ["fr", "en"]:
        arts = articles(a.gold, lang)
        if not arts:
            print(f"no {lang} articles under {a.gold}", file=sys.stderr)
            return 2
        report(lang, arts, ex, validator, a.repeat)
    return 0


def report(lang: str, arts: list[Article], ex: Extractor, validator: Validator, repeat: int) -> None:
    nlp = ex.pipeline(lang).nlp
    chunks = [c for art in arts for _, c in paragraphs(art.text)]
    chars = sum(len(art.text) for art in arts)

    def parse() -> None:
        for _ in nlp.pipe(chunks, batch_size=64):
            pass

    def batches() -> list[list[Article]]:
        return [arts[i:i + PARSE_BATCH] for i in range(0, len(arts), PARSE_BATCH)]

    def extract() -> None:  # as `kg ingest` does: PARSE_BATCH articles parsed in one spaCy call
        for batch in batches():
            for art, parsed in zip(batch, ex.parse_many(batch)):
                ex.extract(art, parsed)

    def gate() -> None:
        for batch in batches():
            for art, parsed in zip(batch, ex.parse_many(batch)):
                graphs = to_graph(ex.extract(art, parsed), Settings().base_iri)
                validator.validate(graphs.facts, graphs.entities)

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(store=tmp + "/store")
        with open_store(settings.store) as store:
            pipe = Pipeline(settings, store, ex, validator)

            def full() -> None:  # the path of `kg ingest` (one process)
                summary = pipe.run(arts)
                assert summary.stored + summary.quarantined == len(arts), summary.line()

            def no_summary() -> None:  # the same, without the read summaries (as before they existed)
                pipe.summary = None
                try:
                    full()
                finally:
                    pipe.summary = kept

            kept = pipe.summary

            def one_by_one() -> None:  # each article parsed in its own spaCy call (`Pipeline.ingest`)
                for art in arts:
                    pipe.ingest(art)

            parse()  # warm-up
            extract()
            with_summary, without = timed_pair(full, no_summary, repeat)
            rows = [("spaCy parse only", timed(parse, repeat)), ("extraction", timed(extract, repeat)),
                    ("+ to_graph + SHACL", timed(gate, repeat)),
                    ("+ store write (full ingest)", with_summary),
                    ("  the same without summaries", without),
                    ("full ingest, one parse each", timed(one_by_one, repeat))]
    base = rows[0][1]
    print(f"\n{lang}: {len(arts)} articles, {chars} characters, best of {repeat} runs")
    print(f"{'stage':<30}{'total s':>10}{'ms/article':>12}{'articles/s':>12}{'× parse':>9}")
    for name, secs in rows:
        print(f"{name:<30}{secs:>10.3f}{1000 * secs / len(arts):>12.1f}{len(arts) / secs:>12.1f}{secs / base:>9.2f}")
    print(f"median article length: {statistics.median(len(x.text) for x in arts):.0f} characters")


if __name__ == "__main__":
    sys.exit(main())
