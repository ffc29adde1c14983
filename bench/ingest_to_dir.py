#!/usr/bin/env python3
"""`kg ingest --to DIR` throughput (1 and 2 processes) and `kg load DIR` speed at about 1M quads, in one run.

1. The gold articles, repeated with distinct ids (bench/ingest_parallel.py's batch), are prepared and
   written to a directory by the same code as `kg ingest --to DIR [--workers N]`, models loaded before
   the clock starts: articles/s for each N.
2. The files of the 1-process run are copied with new article ids until they hold --quads quads, then
   loaded into a fresh embedded store with `kg load DIR` (a subprocess, as a user runs it), and, for
   comparison, with the Oxigraph server's own bulk loader (`cat DIR/*.nq | oxigraph load`), which adds
   the quads without kg's per-article replacement, then `kg load DIR/ontology.nq` to count the read
   summaries: quads/s for each.

   With --virtuoso, Virtuoso's bulk loader too (ld_dir, rdf_loader_run), on a server of its own.

    .venv/bin/python bench/ingest_to_dir.py [--articles 200] [--workers 1,2] [--quads 1000000] [--virtuoso]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest_parallel import write_batch  # noqa: E402

from kg.bulk import ARTICLE_MARK, DirectoryWriter  # noqa: E402
from kg.config import Settings  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.ingest import read_articles  # noqa: E402
from kg.parallel import WorkerPool, load_preparer  # noqa: E402
from kg.pipeline import IngestSummary, Preparer  # noqa: E402

BIN = Path(sys.executable).parent


def to_dir(batch: Path, out: Path, workers: int) -> tuple[float, IngestSummary]:
    settings = Settings(store=str(out / "unused"))
    writer = DirectoryWriter(settings, out)
    items = read_articles([batch])
    if workers == 1:
        preparer = Preparer(settings, Extractor.load())
        for lang in ("fr", "en"):
            preparer.extractor.pipeline(lang)  # type: ignore[attr-defined]
        start = time.perf_counter()
        summary = writer.write(preparer.finished(items))
        return time.perf_counter() - start, summary
    with WorkerPool(settings, workers, load_preparer) as pool:
        pool.wait_ready()
        start = time.perf_counter()
        summary = writer.write(pool.finished(items))
        return time.perf_counter() - start, summary


def replicate(src: Path, dst: Path, quads: int) -> tuple[int, int]:
    """Copy the article files of `src` under new ids into `dst` until they hold `quads` quads."""
    dst.mkdir()
    shutil.copy(src / "ontology.nq", dst / "ontology.nq")
    files = sorted(p for p in src.iterdir() if p.name.endswith(".nq") and p.name != "ontology.nq")
    total = articles = copy = 0
    while total < quads:
        for path in files:
            text = path.read_text(encoding="utf-8")
            header = json.loads(text.split("\n", 1)[0][len(ARTICLE_MARK):])
            old = header["id"]
            new = f"{old}-c{copy}"
            # The id appears in the article's IRIs, its identifier and the header: all renamed alike.
            (dst / f"{path.stem}-c{copy}.nq").write_text(text.replace(old, new), encoding="utf-8")
            total += header["quads"]
            articles += 1
            if total >= quads:
                break
        copy += 1
    return articles, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--virtuoso", action="store_true", help="also time Virtuoso's bulk loader (needs virtuoso-t)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-todir-"))
    try:
        batch = tmp / "batch.jsonl"
        chars = write_batch(args.gold, args.articles, batch)
        print(f"batch: {args.articles} articles, {chars / args.articles:.0f} characters each; "
              f"load average {os.getloadavg()[0]:.2f}")
        first: Path | None = None
        for n in (int(w) for w in args.workers.split(",")):
            out = tmp / f"out-{n}"
            seconds, summary = to_dir(batch, out, n)
            print(f"--to DIR, {n} process{'es' if n > 1 else ''}: {summary.line()} in {seconds:.1f} s = "
                  f"{args.articles / seconds:.1f} articles/s (load average {os.getloadavg()[0]:.2f})")
            first = first or out
        assert first is not None
        big = tmp / "big"
        articles, quads = replicate(first, big, args.quads)
        print(f"load: {articles} article files, {quads} quads (+ the ontology)")
        store = tmp / "store"
        start = time.perf_counter()
        done = subprocess.run([str(BIN / "kg"), "load", str(big), "--store", str(store)], capture_output=True,
                              text=True, check=False)
        seconds = time.perf_counter() - start
        assert done.returncode == 0, done.stderr
        print(f"kg load DIR: {done.stdout.strip()} in {seconds:.1f} s = {quads / seconds:,.0f} quads/s "
              f"({articles / seconds:.0f} articles/s; load average {os.getloadavg()[0]:.2f})")
        oxigraph = shutil.which("oxigraph", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
        if oxigraph:
            # One stream: `oxigraph load --file` loads each file atomically on its own, which for
            # thousands of small files is far slower (a first try ran over 3 minutes at 1M quads).
            start = time.perf_counter()
            cat = subprocess.Popen(["sh", "-c", f"cat {big}/*.nq"], stdout=subprocess.PIPE)
            done = subprocess.run([oxigraph, "load", "--location", str(tmp / "bulk"), "--format", "nq"],
                                  stdin=cat.stdout, capture_output=True, text=True, check=False)
            cat.wait()
            seconds = time.perf_counter() - start
            assert done.returncode == 0 and cat.returncode == 0, done.stderr[-2000:]
            start = time.perf_counter()
            summary = subprocess.run([str(BIN / "kg"), "load", str(big / "ontology.nq"), "--store", str(tmp / "bulk")],
                                     capture_output=True, text=True, check=False)
            then = time.perf_counter() - start
            assert summary.returncode == 0, summary.stderr
            print(f"cat DIR/*.nq | oxigraph load --format nq: {seconds:.1f} s = {quads / seconds:,.0f} quads/s, "
                  f"then kg load DIR/ontology.nq (summary recount) {then:.1f} s "
                  f"(load average {os.getloadavg()[0]:.2f})")
        if args.virtuoso:
            virtuoso(big, tmp, quads)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def virtuoso(big: Path, tmp: Path, quads: int) -> None:
    """Virtuoso's bulk loader (ld_dir, rdf_loader_run) on the same files, then `kg load DIR/ontology.nq`
    over SPARQL: a Virtuoso server of its own, started as the tests start it (tests/remote_engines.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from remote_engines import virtuoso_server

    with virtuoso_server(tmp / "virtuoso") as engine:
        assert engine.directory is not None
        files = engine.directory / "bulk"
        shutil.copytree(big, files)  # inside its DirsAllowed
        start = time.perf_counter()
        engine.sql(f"ld_dir('{files}', '*.nq', 'urn:x-kg:unused'); rdf_loader_run(); checkpoint;")
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        done = subprocess.run([str(BIN / "kg"), "load", str(files / "ontology.nq"), *engine.store_args()],
                              env={**os.environ, **engine.env}, capture_output=True, text=True, check=False)
        then = time.perf_counter() - start
        assert done.returncode == 0, done.stderr
        print(f"Virtuoso ld_dir + rdf_loader_run + checkpoint: {seconds:.1f} s = {quads / seconds:,.0f} quads/s, "
              f"then kg load DIR/ontology.nq (summary recount over SPARQL) {then:.1f} s "
              f"(load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
