"""Main-text extractors side by side on saved pages: text kept, boilerplate leaked, title and date found, time.

    python bench/html_extractors.py                      # tests/data/pages (each .html with its .txt)
    python bench/html_extractors.py --pages more/*.html --expect expected.json

Not a project dependency: run it in a virtualenv of its own holding the extractors compared, e.g.
`pip install trafilatura==2.3.1 lxml-html-clean==0.4.6 readability-lxml==0.9 justext==3.0.2 goose3==3.1.22
newspaper4k==0.9.6`; an extractor that is not installed is left out of the table.

For each page with a reference text (a `.txt` beside it, title on the first line, or a file given as
PAGE.html:REFERENCE.txt), words kept = share of the reference's words found in the output (recall),
words leaked = share of the output's words not in the reference (1 - precision); both counted as
multisets of lower-cased words. `--expect` is a JSON object {"page file name": {"title": ..., "date":
"YYYY-MM-DD"}} for pages whose title and date are known; the references' first lines count as titles.
Time is the median of `--repeat` runs per page (parse included), with the load average printed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

Result = tuple[str, str | None, str | None]  # text, title, ISO date
ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").replace("’", "'").split()).casefold()


def _date(value: Any) -> str | None:
    if not value:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def trafilatura_extractor() -> Callable[[bytes, str], Result]:
    import trafilatura

    def run(data: bytes, lang: str) -> Result:
        doc = trafilatura.bare_extraction(data, favor_precision=True, include_comments=False, with_metadata=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
        return (doc.text or "", doc.title, doc.date) if doc else ("", None, None)
    return run


def readability_extractor() -> Callable[[bytes, str], Result]:
    import lxml.html
    from readability import Document

    def run(data: bytes, lang: str) -> Result:
        doc = Document(data)
        body = lxml.html.fromstring(doc.summary(html_partial=True))
        for block in body.iter("p", "div", "li", "h1", "h2", "h3", "h4", "br"):
            block.tail = "\n" + (block.tail or "")
        return body.text_content(), doc.short_title(), None
    return run


def justext_extractor() -> Callable[[bytes, str], Result]:
    import justext

    def run(data: bytes, lang: str) -> Result:
        stoplist = justext.get_stoplist("French" if lang == "fr" else "English")
        paragraphs = justext.justext(data, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), None, None
    return run


def goose_extractor() -> Callable[[bytes, str], Result]:
    from goose3 import Goose

    goose = Goose()

    def run(data: bytes, lang: str) -> Result:
        article = goose.extract(raw_html=data.decode("utf-8", "replace"))
        return article.cleaned_text or "", article.title, _date(article.publish_date)
    return run


def newspaper_extractor() -> Callable[[bytes, str], Result]:
    from newspaper import Article

    def run(data: bytes, lang: str) -> Result:
        article = Article("https://example.org/", language=lang)
        article.download(input_html=data.decode("utf-8", "replace"))
        article.parse()
        return article.text or "", article.title, _date(article.publish_date)
    return run


EXTRACTORS = {"trafilatura 2.3.1": trafilatura_extractor, "readability-lxml 0.9": readability_extractor,
              "jusText 3.0.2": justext_extractor, "goose3 3.1.22": goose_extractor,
              "newspaper4k 0.9.6": newspaper_extractor}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", nargs="*", default=None,
                        help="PAGE.html, PAGE.html:REFERENCE.txt (title on its first line) or "
                             "PAGE.html:REFERENCE.txt:body (the reference is the body only)")
    parser.add_argument("--expect", type=Path, default=None, help="JSON: page name -> {title, date}")
    parser.add_argument("--lang", default=None, help="JSON: page name -> fr|en (default: fr when the name says so)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages: list[tuple[Path, Path | None, bool]] = []  # page, reference, whether the reference has a title line
    for spec in args.pages or [str(p) for p in sorted((ROOT / "tests/data/pages").glob("*.html"))]:
        html, _, rest = spec.partition(":")
        ref, _, kind = rest.partition(":")
        path = Path(html)
        reference = Path(ref) if ref else path.with_suffix(".txt")
        pages.append((path, reference if reference.exists() else None, kind != "body"))
    expect: dict[str, dict[str, str]] = json.loads(args.expect.read_text()) if args.expect else {}
    langs: dict[str, str] = json.loads(args.lang) if args.lang else {}

    extractors: dict[str, Callable[[bytes, str], Result]] = {}
    for name, make in EXTRACTORS.items():
        try:
            extractors[name] = make()
        except ImportError as e:
            print(f"{name}: not installed ({e}), left out")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {len(pages)} pages")
    rows = []
    for name, run in extractors.items():
        kept, leaked, titles, dates, times, failed = [], [], [0, 0], [0, 0], [], 0
        for path, reference, titled in pages:
            data = path.read_bytes()
            lang = langs.get(path.name) or ("fr" if path.name.startswith("fr") else "en")
            spent = []
            try:
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    text, title, date = run(data, lang)
                    spent.append(time.perf_counter() - start)
            except Exception as e:  # a failing extractor is a figure of the comparison, not a crash of it
                print(f"  {name} failed on {path.name}: {type(e).__name__}: {str(e)[:80]}")
                failed += 1
                continue
            times.append(statistics.median(spent))
            known = expect.get(path.name, {})
            ref_title = known.get("title")
            if reference is not None:
                ref_text = reference.read_text(encoding="utf-8")
                ref_body = ref_text
                if titled:
                    ref_title = ref_title or ref_text.split("\n", 1)[0]
                    ref_body = ref_text.split("\n", 1)[1] if "\n" in ref_text else ""
                want, got = _words(ref_body), _words(text.replace(title or "\0", "", 1) if title else text)
                common = sum((want & got).values())
                kept.append(common / max(1, sum(want.values())))
                leaked.append(1 - common / max(1, sum(got.values())))
            if ref_title:
                titles[1] += 1
                titles[0] += _norm(title) == _norm(ref_title)
            if known.get("date"):
                dates[1] += 1
                dates[0] += _date(date) == known["date"]
        rows.append((name, kept, leaked, titles, dates, times, failed))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| extractor | words kept (mean, min) | words leaked (mean, max) | title found | date found "
          "| ms per page (median, max) | failed |")
    print("|---|---|---|---|---|---|---|")
    for name, kept, leaked, titles, dates, times, failed in rows:
        k = f"{statistics.mean(kept):.1%}, {min(kept):.1%}" if kept else "–"
        lk = f"{statistics.mean(leaked):.1%}, {max(leaked):.1%}" if leaked else "–"
        t = f"{titles[0]}/{titles[1]}" if titles[1] else "–"
        d = f"{dates[0]}/{dates[1]}" if dates[1] else "–"
        ms = f"{statistics.median(times) * 1000:.0f}, {max(times) * 1000:.0f}" if times else "–"
        print(f"| {name} | {k} | {lk} | {t} | {d} | {ms} | {failed} |")


if __name__ == "__main__":
    main()
