"""Ingest: files and folders -> Article records (the first stage of the pipeline).

    report = IngestReport()
    for item in read_articles(["news/", "extra.jsonl"], report=report):
        if isinstance(item, InputError):
            print(item)          # one line naming the file (and line); the batch goes on
        else:
            handle(item)         # an Article
    print(report.skipped_count, "files skipped")

Formats: plain text (.txt, .text), JSON Lines (.jsonl, .ndjson) and JSON (.json), see
`kg.ingest.readers`; HTML pages (.html, .htm, .xhtml; main text found by trafilatura), see
`kg.ingest.html`; RSS and Atom feeds (.rss, .atom, and .xml files that are feeds), one article
per entry, see `kg.ingest.feeds`. A path given as an http(s) URL is read by `kg.ingest.urls`
with the `fetcher` passed to `read_articles`. Folders are walked recursively in name order; hidden files and
folders (".name") are not read, symlinked folders are not followed, and files with another
suffix are passed over: all three are listed in `IngestReport.skipped`, counted by reason
(`IngestReport.skipped_line()`). A plain-text file of one line is read as both title and text,
and `IngestReport.notes` says so.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, InputError
from kg.ingest.detect import detect_lang
from kg.ingest.readers import (
    FORMATS,
    UNKNOWN_FORMAT,
    FieldError,
    Record,
    check_not_binary,
    format_of,
    load_bytes,
    load_text,
    normalise_lang,
    parse_json,
    parse_jsonl,
    parse_txt,
)
from kg.model import Article

__all__ = ["IngestReport", "read_articles"]


@dataclass
class IngestReport:
    """Counts filled in while `read_articles` is consumed (pass one in to get them)."""

    files: int = 0  # files opened (or tried)
    articles: int = 0  # Articles yielded
    errors: int = 0  # InputErrors yielded
    skipped: list[Path] = field(default_factory=list)  # passed over inside folders
    reasons: Counter[str] = field(default_factory=Counter)  # why, for each of `skipped`
    notes: list[str] = field(default_factory=list)  # one line per file read in a way worth saying

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)

    def skip(self, path: Path, reason: str) -> None:
        self.skipped.append(path)
        self.reasons[reason] += 1

    def skipped_line(self) -> str:
        """"3 skipped: 2 .html, 1 .md (not .txt, .jsonl or .json), 1 hidden"; "" when none was."""
        if not self.skipped:
            return ""
        suffixes = sorted(((n, r) for r, n in self.reasons.items() if r.startswith(".") or r == "no suffix"),
                          key=lambda nr: (-nr[0], nr[1]))
        parts = []
        if suffixes:
            parts.append(", ".join(f"{n} {r}" for n, r in suffixes) + f" (not {_KNOWN})")
        for reason, label in _OTHER_REASONS.items():
            if self.reasons[reason]:
                parts.append(f"{self.reasons[reason]} {label}")
        return f"{self.skipped_count} skipped: {', '.join(parts)}"


_KNOWN = ", ".join(sorted(set(FORMATS))[:-1]) + " or " + sorted(set(FORMATS))[-1]
HIDDEN, SYMLINKED_FOLDER = "hidden", "symlinked folder"
_OTHER_REASONS = {HIDDEN: "hidden (name starts with '.')",
                  SYMLINKED_FOLDER: "symlinked folder (not followed)"}


def read_articles(
    paths: Sequence[str | Path] | str | Path,
    *,
    default_lang: str | None = None,
    default_published: dt.date | None = None,
    max_bytes: int = 20_000_000,
    report: IngestReport | None = None,
    fetcher: Any = None,
) -> Iterator[Article | InputError]:
    """Yield an Article per record, or an InputError per bad file or record.

    Never raises for bad input: errors are yielded so the batch goes on. Raises
    ConfigError at once for a bad `default_lang` or `max_bytes`.
    `default_lang` applies to records without "lang" (otherwise the language is
    detected, French when unsure); `default_published` to records without "published"
    (a partial date such as "2015-06" stays unknown). Pass `report` to get counts,
    including the files skipped inside folders. A path that is a string starting with
    http:// or https:// is a URL, read by `kg.ingest.urls.read_url` with `fetcher`.
    """
    try:
        lang = normalise_lang(default_lang) if default_lang else None
    except FieldError as e:
        raise ConfigError(f"default language: {e}") from e
    if max_bytes <= 0:
        raise ConfigError(f"max_bytes must be positive, got {max_bytes}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _read_all(list(paths), lang, default_published, max_bytes, report or IngestReport(), fetcher)


def _read_all(
    paths: list[str | Path], lang: str | None, published: dt.date | None, max_bytes: int,
    report: IngestReport, fetcher: Any = None,
) -> Iterator[Article | InputError]:
    for given in paths:
        if is_url(given):
            yield from _counted(_read_url(str(given), fetcher, report), lang, published, report)
            continue
        for item in _files(Path(given), report):
            if isinstance(item, InputError):
                report.errors += 1
                yield item
                continue
            yield from _counted(_read_file(item, max_bytes, report, fetcher), lang, published, report)


def is_url(given: str | Path) -> bool:
    """Whether a given path is an http(s) URL (a string, not a Path)."""
    return isinstance(given, str) and given[:8].lower().startswith(("http://", "https://"))


def _counted(
    results: Iterable[Record | InputError], lang: str | None, published: dt.date | None, report: IngestReport,
) -> Iterator[Article | InputError]:
    for result in results:
        if isinstance(result, InputError):
            report.errors += 1
            yield result
        else:
            report.articles += 1
            yield _article(result, lang, published)


def _read_url(given: str, fetcher: Any, report: IngestReport) -> Iterator[Record | InputError]:
    try:
        from kg.ingest.urls import read_url
    except ImportError as e:
        error = InputError("reading URLs is not available", given)
        error.__cause__ = e
        yield error
        return
    yield from read_url(given, fetcher, report)


def _files(path: Path, report: IngestReport) -> Iterator[Path | InputError]:
    """The files to read under one given path, or an error for it."""
    if path.is_dir():
        yield from _walk(path, report)
    elif not path.exists():
        yield InputError("no such file or directory", str(path))
    elif format_of(path) is None:
        yield InputError(UNKNOWN_FORMAT, str(path))
    else:
        yield path


def _walk(folder: Path, report: IngestReport) -> Iterator[Path | InputError]:
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        yield InputError(f"cannot list folder: {e.strerror or e}", str(folder))
        return
    for entry in entries:
        if entry.name.startswith("."):
            report.skip(entry, HIDDEN)
        elif entry.is_dir():
            if entry.is_symlink():
                report.skip(entry, SYMLINKED_FOLDER)
            else:
                yield from _walk(entry, report)
        elif format_of(entry) is None:
            report.skip(entry, entry.suffix.lower() or "no suffix")
        else:
            yield entry


def _read_file(path: Path, max_bytes: int, report: IngestReport, fetcher: Any = None) -> Iterator[Record | InputError]:
    report.files += 1
    fmt = format_of(path)
    try:
        if fmt in ("html", "feed", "xml"):
            yield from _read_markup(path, fmt, max_bytes, report, fetcher)
            return
        data = load_text(path, max_bytes)
        if fmt == "txt":
            record = parse_txt(data, path)
            if record.text == record.title:
                report.notes.append(f"{path}: one line only: stored with that line as both its title and its text")
            yield record
        elif fmt == "jsonl":
            yield from parse_jsonl(data, path)
        else:
            yield from parse_json(data, path)
    except InputError as e:
        yield e


def _read_markup(path: Path, fmt: str | None, max_bytes: int, report: IngestReport,
                 fetcher: Any = None) -> Iterator[Record | InputError]:
    """An HTML page (one record) or a feed (a record per entry); an .xml file must be a feed.

    With a `fetcher`, a feed entry without its full content is read from the page it links to.
    """
    from kg.ingest.feeds import looks_like_feed, parse_feed
    from kg.ingest.html import parse_html

    raw = load_bytes(path, max_bytes)
    if raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        check_not_binary(raw, str(path))
    if fmt == "html":
        yield parse_html(raw, str(path))
    elif fmt == "feed" or looks_like_feed(raw):
        fetch = None
        if fetcher is not None:
            from kg.ingest.urls import fetch_page

            fetch = functools.partial(fetch_page, fetcher)
        yield from parse_feed(raw, str(path), fetch_page=fetch, notes=report.notes)
    else:
        raise InputError("an .xml file that is not an RSS or Atom feed (only feeds are read from .xml)", str(path))


def _article(record: Record, lang: str | None, published: dt.date | None) -> Article:
    """Apply the batch defaults: language (given, default or detected) and date."""
    return Article(
        id=record.id,
        title=record.title,
        text=record.text,
        lang=record.lang or lang or detect_lang(record.text),
        published=record.published if record.has_published else published,
        published_precision=record.published_precision if record.has_published else "day",
        url=record.url,
        source=record.source,
    )
