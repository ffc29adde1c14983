"""RSS and Atom feeds -> one Record per entry (feedparser).

    if looks_like_feed(data):
        for item in parse_feed(data, "news.rss", fetch_page=None, notes=report.notes):
            ...  # a Record per entry, an InputError per bad entry; the other entries go on

An entry's text is its content (HTML turned to text by kg.ingest.html), else the page it links
to when `fetch_page` is given (kg.ingest.urls passes one when fetching is allowed), else its
summary (a note says so, once per feed). Its id comes from its link (or a permalink guid) by
the same rule as pages' (readers.id_from_url), so a feed entry and its saved page are one article.

Hostile feeds: XML entity declarations are refused before any parser sees them (no billion
laughs, no external entities: feedparser's lenient parser would otherwise expand internal ones),
feeds over MAX_ENTRIES entries are read up to that many, and every bad entry is one error.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from kg.errors import InputError
from kg.ingest.html import html_to_text
from kg.ingest.readers import (
    FieldError,
    Record,
    check_id,
    check_text,
    check_url,
    id_from_url,
    normalise_lang,
)

__all__ = ["looks_like_feed", "parse_feed", "MAX_ENTRIES"]

MAX_ENTRIES = 5000  # a feed holds tens of entries; an archive export a few thousand
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")
_SNIFF = 2048
_PROLOG = re.compile(rb"\A(?:\s+|<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!DOCTYPE[^>\[]{0,500}(?:\[.{0,20000}?\])?\s*>)",
                     re.S | re.I)
_ROOT = re.compile(rb"\A<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b([^>]{0,2000})", re.S)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_HTTP = re.compile(r"(?i)https?://")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """Whether the bytes are an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom feed: the Content-Type when it
    names a feed type, else the root element (<rss>, Atom's <feed>, <rdf:RDF> holding RSS 1.0)."""
    if content_type and content_type.split(";")[0].strip().lower() in FEED_TYPES:
        return True
    head = data[:_SNIFF * 16].lstrip(b"\xef\xbb\xbf")
    for _ in range(50):  # declaration, comments, doctype before the root element
        m = _PROLOG.match(head)
        if not m or not m.group(0):
            break
        head = head[m.end():]
    root = _ROOT.match(head)
    if not root:
        return False
    name, attrs = root.group(1), root.group(2)
    if name == b"rss":
        return True
    if name == b"feed":
        return b"http://www.w3.org/2005/Atom" in attrs or b"purl.org/atom" in attrs
    return b"http://purl.org/rss/1.0/" in attrs or b"http://my.netscape.com/rdf/simple/0.9/" in attrs


def parse_feed(
    data: bytes, source: str, fetch_page: Callable[[str], Record] | None = None,
    notes: list[str] | None = None,
) -> Iterator[Record | InputError]:
    """A Record per entry, an InputError per bad entry (or one for a feed that cannot be read).

    `source` names the feed (entries are `source[n]`, n from 0); `fetch_page(link)` gives the
    linked page's Record or raises InputError; `notes` collects lines worth saying once per feed.
    """
    if _ENTITY_DECL.search(data):
        yield InputError("feed declares XML entities (<!ENTITY>): refused, they can expand without bound "
                         "or read local files", source)
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except RecursionError as e:
        error = InputError("feed nested too deeply", source)
        error.__cause__ = e
        yield error
        return
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        yield InputError(f"not a readable feed ({_reason(parsed)})", source)
        return
    if not entries:
        yield InputError("feed has no entries", source)
        return
    said: list[str] = notes if notes is not None else []
    if parsed.get("bozo"):
        said.append(f"{source}: malformed feed ({_reason(parsed)}): its entries were read leniently")
    if len(entries) > MAX_ENTRIES:
        yield InputError(f"feed has {len(entries)} entries; only the first {MAX_ENTRIES} are read", source)
        entries = entries[:MAX_ENTRIES]
    feed_lang = (parsed.get("feed") or {}).get("language")
    seen: dict[str, int] = {}
    summaries = 0
    for n, entry in enumerate(entries):
        where = f"{source}[{n}]"
        try:
            link, ident = _link_and_id(entry)
            if ident in seen:
                raise FieldError(f"duplicate entry (same {'link' if link else 'id'} as entry [{seen[ident]}])")
            seen[ident] = n
            title = " ".join(html_to_text(entry.get("title") or "").split())
            if not title:
                raise FieldError("entry has no title")
            record, from_summary = _record(entry, ident, title, link, where, feed_lang, fetch_page)
        except FieldError as e:
            yield InputError(str(e), where)
            continue
        except InputError as e:
            yield e
            continue
        summaries += from_summary
        yield record
    if summaries:
        said.append(f"{source}: {summaries} of {len(entries)} entries have only a summary: "
                    "stored with the summary as text" + ("" if fetch_page else " (fetching the linked pages was off)"))


def _link_and_id(entry: Any) -> tuple[str | None, str]:
    """The entry's http(s) link (a permalink guid stands for a missing link) and its article id."""
    link = (entry.get("link") or "").strip()
    guid = (entry.get("id") or "").strip()
    if link == guid and not _HTTP.match(link):
        link = ""  # feedparser's stand-in for a missing link: the entry's id ("tag:…", "urn:…")
    if not link and _HTTP.match(guid) and entry.get("guidislink", True):
        link = guid
    if link:
        link = check_url(link)
        return link, id_from_url(link)
    if guid:
        return None, check_id(guid)
    raise FieldError("entry has neither a link nor an id")


def _record(
    entry: Any, ident: str, title: str, link: str | None, where: str, feed_lang: str | None,
    fetch_page: Callable[[str], Record] | None,
) -> tuple[Record, bool]:
    """The entry as a Record, and whether its text is only its summary."""
    content, content_lang = _content(entry)
    published = _date(entry)
    lang = _lang(content_lang or feed_lang)
    if not content and fetch_page is not None and link:
        try:
            page = fetch_page(link)
        except InputError:
            if not _summary(entry):
                raise
        else:
            return Record(id=page.id, title=page.title or title, text=page.text, source=page.source,
                          lang=page.lang or lang, published=page.published or published,
                          has_published=page.has_published or published is not None,
                          url=page.url or link), False
    text = content or _summary(entry)
    if not text:
        raise FieldError("entry has no text (no content and no summary)")
    body = check_text(text if text.startswith(title) else f"{title}\n\n{text}")
    return Record(id=ident, title=title, text=body, source=where, lang=lang, published=published,
                  has_published=published is not None, url=link), not content


def _content(entry: Any) -> tuple[str, str | None]:
    """The entry's full content as text (the longest of its content elements), and its language."""
    best, lang = "", None
    for item in entry.get("content") or []:
        text = _as_text(item)
        if len(text) > len(best):
            best, lang = text, item.get("language")
    return best, lang


def _summary(entry: Any) -> str:
    detail = entry.get("summary_detail")
    return _as_text(detail) if detail else html_to_text(entry.get("summary") or "")


def _as_text(item: Any) -> str:
    value = item.get("value") or ""
    kind = (item.get("type") or "").lower()
    if kind in ("text/plain", "text"):
        return "\n\n".join(" ".join(p.split()) for p in value.split("\n") if p.strip())
    return html_to_text(value)


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_lang(value)
    except FieldError:
        return None


def _reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = " ".join(str(exc).split()) if exc else "unknown problem"
    return text[:200]
