"""Inputs given as http(s) URLs: a page is one article, a feed one article per entry.

    for item in read_url("https://example.org/news.rss", fetcher, report):
        ...  # a Record per article, an InputError per problem (each names the URL)

`fetcher` is a kg.ingest.fetch.Fetcher (its limits, robots.txt and address checks apply to the
URL and to every page a feed links to), or None when fetching is off: then the URL is one
InputError saying how to turn it on. A feed entry without its full content is read from the page
it links to (kg.ingest.feeds); that page must be HTML. Nothing here raises for bad input.

A fetched page names its own canonical URL, which gives the article its id; a page may only
claim a URL on its own host (its "www." aside). Otherwise any page could take another site's
article id and replace that article's graph: the URL it was fetched from is used instead.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.ingest.readers import FieldError, Record, check_url, id_from_url

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
    record = parse_html(page.body, source, url=page.url, content_type=header)
    if record.url is None or _site(record.url) == _site(page.url):
        return record
    try:  # a canonical URL on another host: the page is known by where it was fetched from
        url = check_url(page.url)
        return dataclasses.replace(record, id=id_from_url(url), url=url)
    except FieldError as e:
        raise InputError(str(e), source) from e


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def is_html(page: Page) -> bool:
    """HTML by its Content-Type, or by its first tag when the type is missing or generic."""
    if page.content_type in HTML_TYPES:
        return True
    return bool(_HTML_START.match(page.body[:4096]))
