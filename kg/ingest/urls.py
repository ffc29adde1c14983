"""Inputs given as http(s) URLs: a page is one article, a feed one article per entry.

    for item in read_url("https://example.org/news.rss", fetcher, report):
        ...  # a Record per article, an InputError per problem (each names the URL)

`fetcher` is a kg.ingest.fetch.Fetcher (its limits, robots.txt and address checks apply to the
URL and to every page a feed links to), or None when fetching is off: then the URL is one
InputError saying how to turn it on. A feed entry without its full content is read from the page
it links to (kg.ingest.feeds); that page must be HTML. Nothing here raises for bad input.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.ingest.readers import Record

if TYPE_CHECKING:
    from kg.ingest.fetch import Fetcher, Page

__all__ = ["read_url", "FETCHING_OFF"]

FETCHING_OFF = "fetching is off: pass --fetch to read URLs (or set fetch = true, KG_FETCH=1)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Types a page or a feed is served as (feeds often as plain XML or text); anything else is refused
# from its headers, before its body is read.
_READABLE = re.compile(r"text/[a-z0-9.+-]+|application/(?:[a-z0-9.-]+\+)?xml|application/xhtml\+xml")
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)


def read_url(url: str, fetcher: Fetcher | None, report: Any) -> Iterator[Record | InputError]:
    """The articles at `url` (kg.ingest.IngestReport `report` gets the feed's notes)."""
    if fetcher is None:
        yield InputError(FETCHING_OFF, url)
        return
    from kg.ingest.feeds import looks_like_feed, parse_feed

    try:
        page = fetcher.fetch(url, accept=readable)
    except InputError as e:
        yield e
        return
    if looks_like_feed(page.body, page.content_type):
        yield from parse_feed(page.body, url, fetch_page=lambda link: fetch_page(fetcher, link),
                              notes=report.notes)
        return
    try:
        yield _page_record(page, url)
    except InputError as e:
        yield e


def fetch_page(fetcher: Fetcher, link: str) -> Record:
    """The article at a feed entry's link; InputError naming the link when it cannot be had."""
    return _page_record(fetcher.fetch(link, accept=readable), link)


def readable(content_type: str | None) -> bool:
    """Whether a Content-Type may be a page or a feed (a missing one may be: the body decides)."""
    return content_type is None or bool(_READABLE.fullmatch(content_type))


def _page_record(page: Page, source: str) -> Record:
    from kg.ingest.html import parse_html

    if not is_html(page):
        raise InputError(f"not an HTML page or a feed (Content-Type: {page.content_type or 'none'})", source)
    header = page.content_type
    if header and page.charset:
        header = f"{header}; charset={page.charset}"
    return parse_html(page.body, source, url=page.url, content_type=header)


def is_html(page: Page) -> bool:
    """HTML by its Content-Type, or by its first tag when the type is missing or generic."""
    if page.content_type in HTML_TYPES:
        return True
    return bool(_HTML_START.match(page.body[:4096]))
