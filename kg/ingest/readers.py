"""Readers: one file's bytes -> records (plain text, JSON Lines, JSON; HTML pages and feeds are
read by kg.ingest.html and kg.ingest.feeds).

File-level problems raise InputError; record-level problems in JSON Lines and JSON
files are yielded as InputError so the other records of the file go on.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from kg.errors import InputError
from kg.model import Precision

FORMATS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed",
           ".xml": "xml"}  # an .xml file is read when it is a feed
UNKNOWN_FORMAT = "unknown format (expected .txt, .jsonl, .json, .html, or an RSS or Atom feed)"
BINARY_PROBE = 8192  # NUL bytes in this many leading bytes mean a binary file
MAX_ID_CHARS = 200
# Longest article text (title included). Extraction time and memory grow with it: 400 000
# characters take ~25 s and ~0.6 GB; a 20 MB text would take hours. Longer is not news.
MAX_TEXT_CHARS = 500_000
MAX_URL_CHARS = 8192
MAX_TITLE_CHARS = 200  # a title taken from a text's first line is cut to this length

# A last line like "ttn-fr-34": no spaces, no final full stop, and a digit, or a "-"/"_"
# in an otherwise lower-case word (so "Reuters", "Fin." and "Jean-Pierre" stay text).
_ID_LINE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,80}")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"  # kept as they are; everything else is percent-encoded
_ID_FORBIDDEN = frozenset('/<>"{}|\\^`%#?')  # break IRIs, or change their meaning
_LANG_NAMES = {
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "english": "en", "anglais": "en", "eng": "en",
}
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2]))?")


class FieldError(ValueError):
    """A record field is missing or malformed (turned into an InputError by the caller)."""


@dataclass(frozen=True)
class Record:
    """One article as read, before the batch defaults (language, date) are applied."""

    id: str
    title: str
    text: str
    source: str
    lang: str | None = None
    published: dt.date | None = None
    has_published: bool = False  # the record gives a date, possibly only "2015-06"
    url: str | None = None
    published_precision: Precision = "day"  # "2015-06": month, "2015": year


def format_of(path: Path) -> str | None:
    """"txt", "jsonl", "json", "html", "feed", "xml" (a feed or an error), or None for an
    unsupported suffix."""
    return FORMATS.get(path.suffix.lower())


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes: InputError if it is not a regular file, is empty, or holds over max_bytes."""
    where = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file", where)
        if info.st_size > max_bytes:
            raise InputError(f"file too large ({info.st_size} bytes; limit {max_bytes})", where)
        with path.open("rb") as handle:
            # As much as the file holds (not a max_bytes buffer per file); more only if it grew.
            raw = handle.read(min(info.st_size, max_bytes) + 1)
            if len(raw) > info.st_size:
                raw += handle.read(max_bytes + 1 - len(raw))
    except FileNotFoundError as e:
        raise InputError("no such file or directory", where) from e
    except PermissionError as e:
        raise InputError("cannot read file: permission denied", where) from e
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}", where) from e
    if len(raw) > max_bytes:
        raise InputError(f"file too large (over {max_bytes} bytes)", where)
    if not raw:
        raise InputError("empty file", where)
    return raw


def check_not_binary(raw: bytes, where: str) -> None:
    """InputError for a file with a NUL byte near its start (an image, an archive), not text."""
    nul = raw.find(b"\x00", 0, BINARY_PROBE)
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at offset {nul}), not text", where)


def load_text(path: Path, max_bytes: int) -> str:
    """The file as text: UTF-8 (BOM stripped), newlines normalised to \\n."""
    where = str(path)
    raw = load_bytes(path, max_bytes)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("UTF-16 text is not supported; save the file as UTF-8", where)
    check_not_binary(raw, where)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        data = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = bom + e.start
        line = raw.count(b"\n", 0, offset) + 1
        raise InputError(f"not valid UTF-8 (byte offset {offset}: {e.reason})", where, line) from e
    data = normalise_newlines(data)
    if not data.strip():
        raise InputError("file contains only whitespace", where)
    return data


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_id(value: str) -> str:
    """The id, stripped; FieldError if it cannot become part of an IRI."""
    ident = value.strip()
    if not ident:
        raise FieldError("id is empty")
    if len(ident) > MAX_ID_CHARS:
        raise FieldError(f"id is longer than {MAX_ID_CHARS} characters ({len(ident)})")
    for ch in ident:
        if ch.isspace() or unicodedata.category(ch)[0] in "CZ":
            raise FieldError(f"id {ident[:60]!r} contains whitespace or a control character")
        if ch in _ID_FORBIDDEN:
            raise FieldError(f"id {ident[:60]!r} contains {ch!r}, which is not allowed in an IRI")
    if set(ident) == {"."}:
        raise FieldError(f"id {ident!r} is not allowed")
    return ident


def id_from_url(url: str) -> str:
    """The article id of a page or feed entry known by its URL: host and path, readable
    ("https://www.example.org/news/2024/rencontre.html?p=2" -> "example.org-news-2024-rencontre.html-p-2");
    a long one is cut and ends with a digest of the whole URL, so that ids stay distinct."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    raw = "-".join(p for p in (host, unquote(parts.path), unquote(parts.query)) if p)
    ident = "".join("-" if (ch.isspace() or ch in _ID_FORBIDDEN or ch in "&=:;,+"
                            or unicodedata.category(ch)[0] in "CZ") else ch for ch in raw)
    ident = re.sub(r"-{2,}", "-", ident).strip("-.")
    if len(ident) > MAX_ID_CHARS:
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
        ident = f"{ident[:MAX_ID_CHARS - 11].rstrip('-.')}-{digest}"
    return check_id(ident)


def check_text(text: str) -> str:
    """The article text; FieldError if it is longer than MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise FieldError(f"article text too long ({len(text)} characters; limit {MAX_TEXT_CHARS}): "
                         "split it into several articles")
    return text


def check_url(value: str) -> str:
    """An http(s) URL made safe as an IRI: characters IRIs forbid are percent-encoded."""
    if not value:
        return value
    if not re.match(r"(?i)https?://[^/\s]", value):
        raise FieldError(f"field 'url' must be an http(s) URL, got {value[:80]!r}")
    if len(value) > MAX_URL_CHARS:
        raise FieldError(f"field 'url' is longer than {MAX_URL_CHARS} characters ({len(value)})")
    return quote(value, safe=_URL_SAFE)


def normalise_lang(value: str) -> str:
    """"fr-FR", "FR", "French" -> "fr"; other languages keep their primary subtag."""
    text = value.strip()
    low = text.lower()
    if low in _LANG_NAMES:
        return _LANG_NAMES[low]
    if not _LANG_TAG.fullmatch(text):
        raise FieldError(f"lang {text[:40]!r} is not a language code")
    primary = re.split(r"[-_]", low, maxsplit=1)[0]
    return _LANG_NAMES.get(primary, primary)


def parse_published(value: str) -> tuple[dt.date, Precision]:
    """An ISO date or date-time -> (date, "day"); a partial one, "2015-06" or "2015", -> its first day
    and "month" or "year"."""
    text = value.strip()
    if _PARTIAL_DATE.fullmatch(text):
        year, _, month = text.partition("-")
        return dt.date(int(year), int(month or 1), 1), ("month" if month else "year")
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text), "day"
        return dt.datetime.fromisoformat(text).date(), "day"
    except ValueError as e:
        raise FieldError(f"published {text[:40]!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)") from e


def title_from_text(text: str) -> str:
    """The title of a record that has none: the first line of its text, cut at a word boundary
    when it is a whole paragraph."""
    line = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if len(line) <= MAX_TITLE_CHARS:
        return line
    cut = line.rfind(" ", 0, MAX_TITLE_CHARS)
    return line[:cut if cut > MAX_TITLE_CHARS // 2 else MAX_TITLE_CHARS].rstrip(" ,;:") + "…"


def is_id_line(line: str) -> bool:
    """Whether a last line is an article id rather than text."""
    if not _ID_LINE.fullmatch(line) or line.endswith("."):
        return False
    return any(c.isdigit() for c in line) or (("-" in line or "_" in line) and line.islower())


def parse_txt(data: str, path: Path) -> Record:
    """Title on the first non-empty line, body after it, an optional id line at the end."""
    lines = data.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        raise InputError("file contains only whitespace", str(path))
    first, last = filled[0], filled[-1]
    title = lines[first].strip()
    ident = path.stem
    end = last + 1
    if last != first and is_id_line(lines[last].strip()):
        ident, end = lines[last].strip(), last
    try:
        ident = check_id(ident)
    except FieldError as e:
        raise InputError(f"file name is not a usable article id ({e}); end the file with "
                         f"an id line such as 'my-article-1'", str(path)) from e
    body = lines[first + 1:end]
    while body and not body[0].strip():
        body.pop(0)
    text = "\n".join(body).rstrip()
    try:
        full = check_text(f"{title}\n\n{text}" if text else title)
    except FieldError as e:
        raise InputError(str(e), str(path)) from e
    return Record(ident, title, full, str(path))


def parse_jsonl(data: str, path: Path) -> Iterator[Record | InputError]:
    """One JSON object per line; blank lines are skipped, bad lines yield errors."""
    for number, line in enumerate(data.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = _loads(line)
        except InputError as e:
            yield _chained(InputError(f"malformed JSON line: {e}", str(path), number), e)
            continue
        yield _record_or_error(obj, f"{path}:{number}", str(path), number, "")


def parse_json(data: str, path: Path) -> Iterator[Record | InputError]:
    """One object, a list of objects, or {"articles": [...]}."""
    where = str(path)
    try:
        doc = _loads(data)
    except InputError as e:
        raise InputError(f"malformed JSON: {e}", where, e.line) from e
    if isinstance(doc, dict) and "articles" in doc:
        doc = doc["articles"]
        if not isinstance(doc, list):
            raise InputError(f"'articles' must be a list, got {_type_name(doc)}", where)
    if isinstance(doc, dict):
        yield _record_or_error(doc, where, where, None, "")
    elif isinstance(doc, list):
        if not doc:
            raise InputError("no articles in file (empty list)", where)
        for index, obj in enumerate(doc):
            yield _record_or_error(obj, f"{path}[{index}]", where, None, f"article [{index}]: ")
    else:
        raise InputError(f"expected an object or a list of objects, got {_type_name(doc)}", where)


def _loads(text: str) -> Any:
    """json.loads; any failure becomes an InputError (its line set when known)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{e.msg} (column {e.colno})", line=e.lineno) from e
    except RecursionError as e:
        raise InputError("nested too deeply") from e
    except ValueError as e:  # e.g. an integer with thousands of digits
        raise InputError(str(e)) from e


def _record_or_error(
    obj: Any, source: str, where: str, line: int | None, prefix: str
) -> Record | InputError:
    try:
        return record_from_object(obj, source)
    except FieldError as e:
        return _chained(InputError(f"{prefix}{e}", where, line), e)


def _chained(error: InputError, cause: Exception) -> InputError:
    """An error that is yielded rather than raised, still chained to its cause."""
    error.__cause__ = cause
    return error


def record_from_object(obj: Any, source: str) -> Record:
    """Validate one JSON object; FieldError names the field at fault."""
    if not isinstance(obj, dict):
        raise FieldError(f"expected a JSON object, got {_type_name(obj)}")
    ident = check_id(_field(obj, "id", required=True))
    title = (_field(obj, "title") or "").strip()
    text = normalise_newlines(_field(obj, "text", required=True)).strip()
    if not text:
        raise FieldError("field 'text' is empty")
    # News feeds and scrapes often carry no title: the text's first line stands for it.
    title = normalise_newlines(title) if title else title_from_text(text)
    lang = (_field(obj, "lang") or "").strip()
    published = (_field(obj, "published") or "").strip()
    _field(obj, "source")  # checked for its type only: Article.source is where we read it
    url = check_url((_field(obj, "url") or "").strip())
    date, precision = parse_published(published) if published else (None, "day")
    return Record(
        id=ident,
        title=title,
        text=check_text(text if text.startswith(title.rstrip("…")) else f"{title}\n\n{text}"),
        source=source,
        lang=normalise_lang(lang) if lang else None,
        published=date,
        has_published=bool(published),
        url=url or None,
        published_precision=precision,
    )


def _field(obj: dict[str, Any], name: str, required: bool = False) -> Any:
    """A string field (None when absent or null, unless required)."""
    value = obj.get(name)
    if value is None:
        if required:
            raise FieldError(f"missing field {name!r}")
        return None
    if not isinstance(value, str):
        raise FieldError(f"field {name!r} must be a string, got {_type_name(value)}")
    return value


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number"}
    return names.get(type(value), "null" if value is None else type(value).__name__)
