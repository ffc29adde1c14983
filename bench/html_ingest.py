#!/usr/bin/env python3
"""HTML ingest beside the plain-text path on the same articles, in one run.

Each article is written twice: as a .txt (title, blank line, text) and as an HTML page around the same
text, the way news sites wrap an article (navigation, share buttons, a related-articles list, reader
comments, a footer, scripts). The pages state no date, as the .txt cannot; with --dated they do (their
meta and byline), and the saved pages of tests/data/pages, which have dates, are added with their .txt.
Then, alternately so that both see the same load, best of `--repeat`:

  read      read_articles() of the folder: the reader alone (trafilatura's main-text extraction and
            htmldate for the pages; splitting lines for the .txt)
  ingest    `kg ingest FOLDER --store NEW` in-process with one loaded extractor: read, spaCy parse,
            rules, to_graph, SHACL, store write

and prints per-article milliseconds, the HTML/text ratio of each, and the load average.

    .venv/bin/python bench/html_ingest.py [--gold ../shared/gold] [--limit 30] [--repeat 3]

The gold articles are read at run time only; nothing of them is written outside a temporary folder.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from kg.cli import main as kg_main  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.ingest import IngestReport, read_articles  # noqa: E402
from kg.model import Article  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _scale import timed_pair  # noqa: E402

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Le Quotidien</title>
<link rel="canonical" href="https://quotidien.example/{ident}.html">
<meta property="og:site_name" content="Le Quotidien">{date_meta}
<script>window.dataLayer = window.dataLayer || []; function gtag() {{ dataLayer.push(arguments); }}</script>
<style>body {{ font-family: serif; }} .nav a {{ margin: 0 1em; }}</style></head>
<body><header><nav class="nav"><a href="/">Accueil</a><a href="/monde">Monde</a><a href="/europe">Europe</a>
<a href="/economie">Économie</a><a href="/abonnement">S'abonner</a></nav></header>
<div class="share"><a href="#">Partager</a> <a href="#">Tweeter</a> <a href="#">Envoyer</a></div>
<main><article><h1>{title}</h1><p class="byline">Par la rédaction{date_line}</p>
{paragraphs}
</article>
<aside class="related"><h2>À lire aussi</h2><ul>
<li><a href="/a">Les marchés reculent après l'annonce de la banque centrale</a></li>
<li><a href="/b">Le championnat reprend ce week-end après la trêve</a></li>
<li><a href="/c">Dix idées de sorties pour les vacances de printemps</a></li></ul></aside>
<section id="comments"><h2>Commentaires</h2>
<div class="comment"><p>Encore un article qui ne dit pas tout, comme d'habitude.</p></div>
<div class="comment"><p>Merci pour ce résumé clair, j'attends la suite avec impatience.</p></div></section></main>
<footer><p>© Le Quotidien. Tous droits réservés.</p><a href="/mentions">Mentions légales</a>
<a href="/cookies">Cookies</a></footer>
<script src="/static/app.js"></script></body></html>
"""


def write_pair(folder: Path, ident: str, title: str, text: str, lang: str, published: str | None) -> None:
    """The article as a page and as a .txt: the same title and paragraphs."""
    lines = [p for p in text.split("\n") if p.strip()]
    if lines and lines[0].strip() == title.strip():
        lines = lines[1:]  # a text that starts with its title
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines)
    date_meta = f'\n<meta property="article:published_time" content="{published}T08:00:00+01:00">' if published else ""
    page = PAGE.format(lang=lang, title=html.escape(title), ident=ident, paragraphs=paragraphs, date_meta=date_meta,
                       date_line=f", publié le {published}" if published else "")
    (folder / "html" / f"{ident}.html").write_text(page, encoding="utf-8")
    (folder / "txt" / f"{ident}.txt").write_text(title + "\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--limit", type=int, default=30, help="gold articles used (0: none, only the saved pages)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dated", action="store_true",
                        help="pages state their date (a .txt cannot: the two ingests then differ by more than the "
                             "reader, since a known date changes how the text's dates are resolved)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "html").mkdir()
        (folder / "txt").mkdir()
        golds = sorted(args.gold.glob("*.json"))[:args.limit] if args.limit else []
        for p in golds:
            d = json.loads(p.read_text(encoding="utf-8"))
            published = (d.get("published") if len(d.get("published") or "") == 10 else "2020-01-01") if args.dated else None
            write_pair(folder, d["id"], d["title"], d["text"], d["lang"], published)
        for page in sorted((ROOT / "tests" / "data" / "pages").glob("*.html")) if args.dated else []:
            (folder / "html" / page.name).write_bytes(page.read_bytes())
            (folder / "txt" / page.with_suffix(".txt").name).write_bytes(page.with_suffix(".txt").read_bytes())
        n = len(list((folder / "html").iterdir()))

        def read(kind: str) -> Callable[[], None]:
            def run() -> None:
                report = IngestReport()
                items = list(read_articles(folder / kind, report=report))
                assert report.errors == 0 and sum(isinstance(i, Article) for i in items) == n, report
            return run

        chars = {kind: sum(len(a.text) for a in read_articles(folder / kind) if isinstance(a, Article))
                 for kind in ("html", "txt")}
        print(f"{n} articles ({len(golds)} gold articles in a news-site page, "
              f"{n - len(golds)} saved pages, {'dates stated in the pages' if args.dated else 'no dates stated'}); article text {chars['html']:,} characters from the pages, "
              f"{chars['txt']:,} from the .txt; {sum(p.stat().st_size for p in (folder / 'html').iterdir()):,} "
              f"bytes of HTML")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        read_html, read_txt = timed_pair(read("html"), read("txt"), args.repeat)

        extractor = Extractor.load()
        runner = CliRunner()
        runs = iter(range(10_000))

        def ingest(kind: str) -> Callable[[], None]:
            def run() -> None:
                store = folder / f"store-{kind}-{next(runs)}"
                r = runner.invoke(kg_main, ["ingest", str(folder / kind), "--store", str(store), "--workers", "1",
                                            "--no-progress"], obj={"extractor": extractor}, catch_exceptions=False)
                assert r.exit_code == 0 and r.stdout.startswith(f"{n} stored"), r.output
            return run

        ingest("txt")()  # warm up: spaCy's first calls and the SHACL shapes
        ingest_html, ingest_txt = timed_pair(ingest("html"), ingest("txt"), args.repeat)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("| step | HTML pages, ms per article | plain text, ms per article | HTML / text |")
        print("|---|---|---|---|")
        print(f"| read | {read_html / n * 1000:.1f} | {read_txt / n * 1000:.2f} | {read_html / read_txt:.0f}× |")
        print(f"| kg ingest (read, parse, rules, SHACL, store) | {ingest_html / n * 1000:.0f} | "
              f"{ingest_txt / n * 1000:.0f} | {ingest_html / ingest_txt:.2f}× |")
        print(f"reading a page takes {(read_html - read_txt) / n * 1000:.1f} ms more than reading its .txt; "
              f"the whole ingest differs by {(ingest_html - ingest_txt) / n * 1000:+.0f} ms per article "
              f"({(ingest_html - ingest_txt) / ingest_txt:+.0%})")

if __name__ == "__main__":
    main()
