"""HTML pages -> one Record: the article's main text and its metadata.

    record = parse_html(data, "saved/page.html")            # a saved page
    record = parse_html(body, url, url=url, content_type=ct)  # a fetched page (kg.ingest.urls)

The main text is found by trafilatura (boilerplate, comments, menus and related-article lists
left out), the publication date by htmldate (through trafilatura), the title, language and
canonical URL from the page's metadata. A page whose text cannot be found raises InputError.
The site name is not kept: an Article has no field for it, nor the public vocabulary a term.

Hostile pages are bounded before trafilatura sees them: the bytes by the caller's max_bytes,
the characters by MAX_HTML_CHARS, the elements by MAX_ELEMENTS; lxml's HTML parser keeps
only the first 255 levels of nesting (100,000 nested <div> parse in milliseconds and
never reach Python's recursion limit).
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from kg.errors import InputError
from kg.ingest.detect import detect_lang
from kg.ingest.readers import (
    FieldError,
    Record,
    MAX_TEXT_CHARS,
    check_id,
    check_text,
    check_url,
    id_from_url,
    normalise_lang,
    normalise_newlines,
)

__all__ = ["parse_html", "html_to_text", "MAX_ELEMENTS", "MAX_HTML_CHARS", "MAX_PAGE_TEXT"]

# A news page has a few thousand elements and rarely more than 2 MB of markup (mostly scripts);
# trafilatura's time grows with the elements and the text (~1.3 s per million characters of text
# here). Larger pages are refused, not cut: a cut page loses its end and would still look whole.
MAX_HTML_CHARS = 8_000_000
MAX_ELEMENTS = 100_000
MAX_PAGE_TEXT = 2 * MAX_TEXT_CHARS  # visible text, boilerplate included, before extraction
MIN_ARTICLE_CHARS = 50  # less is a menu, a list of links or a cookie notice: trafilatura's last resort
MAX_DEPTH = 255  # libxml2's HTML parser keeps this many levels of nesting and drops what is deeper
_SPACES = re.compile(r"[ \t\f\v\u200b]+")
_MARKUP = re.compile(rb"<\s*[A-Za-z!?]")
DETECTED = ("fr", "en")  # the languages kg.ingest.detect tells apart
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)


def _parser() -> lxml.html.HTMLParser:
    """trafilatura's own parser settings (comments and processing instructions dropped), no
    network; a new one per page, since lxml parsers must not be shared between threads."""
    return lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                remove_comments=True, remove_pis=True, no_network=True)


def parse_html(data: bytes, source: str, url: str | None = None, content_type: str | None = None) -> Record:
    """The article of one HTML page; InputError(reason, source) when no article text is found.

    `source` names the page in errors and becomes Record.source; `url` is where it was fetched
    from (the page's canonical URL, when it gives one, wins); `content_type` is the HTTP header,
    whose charset wins over the page's own declaration.
    """
    tree, cut = _tree(data, source, content_type)
    doc = _extract(tree, source, url)
    if doc is None or not (doc.text or "").strip():
        why = f" (markup nested deeper than {MAX_DEPTH} levels was dropped)" if cut else ""
        raise InputError(f"no article text found in the page{why}", source)
    body = _clean(doc.text)
    if len(body) < MIN_ARTICLE_CHARS:
        raise InputError(f"no article text found in the page (only {len(body)} characters of text: "
                         "a menu or a list, not an article)", source)
    title = " ".join((doc.title or "").split())
    if not title:
        title = body.split("\n", 1)[0].strip()
    canonical = _canonical(tree, doc.url, url)
    try:
        text = check_text(body if body.startswith(title) else f"{title}\n\n{body}")
        ident = id_from_url(canonical) if canonical else check_id(Path(source).stem)
        lang = _lang(tree, doc.language, text)
    except FieldError as e:
        raise InputError(str(e), source) from e
    date, has_date = _date(doc.date)
    return Record(id=ident, title=title, text=text, source=source, lang=lang, published=date,
                  has_published=has_date, url=canonical)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content): paragraphs on their own lines,
    markup, scripts and styles dropped; "" when it holds no text. FieldError when it cannot be read."""
    if "<" not in fragment:
        return _clean(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment.replace("\x00", ""), create_parent="div", parser=_parser())
    except (etree.ParserError, ValueError) as e:
        raise FieldError(f"HTML content that cannot be parsed ({e})") from e
    if _count_elements(root) > MAX_ELEMENTS:
        raise FieldError(f"HTML content with too many elements (over {MAX_ELEMENTS})")
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for block in root.xpath(".//p|.//div|.//br|.//li|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//blockquote|.//tr"):
        block.tail = "\n" + (block.tail or "")
    return _clean(root.text_content())


def _tree(data: bytes, source: str, content_type: str | None) -> tuple[lxml.html.HtmlElement, bool]:
    """The page parsed, after the size, encoding, element and text checks; and whether the parser
    dropped markup nested too deeply."""
    if not data.strip():
        raise InputError("empty page", source)
    text = normalise_newlines(_decode(data, content_type))
    if len(text) > MAX_HTML_CHARS:
        raise InputError(f"page too large ({len(text)} characters; limit {MAX_HTML_CHARS})", source)
    if not _MARKUP.search(text[:65536].encode("utf-8", "replace")):
        raise InputError("not an HTML page (no markup in its first 64 KB)", source)
    parser = _parser()
    try:
        tree = lxml.html.document_fromstring(text.replace("\x00", "").encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"not an HTML page ({e})", source) from e
    cut = any("depth" in entry.message for entry in parser.error_log)
    count = _count_elements(tree)
    if count > MAX_ELEMENTS:
        raise InputError(f"page has too many elements (over {MAX_ELEMENTS})", source)
    visible = sum(len(t) for t in tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    if visible > MAX_PAGE_TEXT:
        raise InputError(f"page text too long ({visible} characters; limit {MAX_PAGE_TEXT}): "
                         "split it into several pages", source)
    return tree, cut


def _count_elements(root: etree._Element) -> int:
    n = 0
    for _ in root.iter():
        n += 1
        if n > MAX_ELEMENTS:
            break
    return n


def _decode(data: bytes, content_type: str | None) -> str:
    """The page as text: the HTTP charset, else a BOM, else the page's <meta> charset, else UTF-8,
    else Windows-1252 (which decodes any byte: a page in a wrong encoding loses accents, not text)."""
    candidates: list[str] = []
    if content_type and (m := _CT_CHARSET.search(content_type)):
        candidates.append(m.group(1))
    if data.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        candidates.append("utf-16")
    if m := _META_CHARSET.search(data[:4096]):
        candidates.append(m.group(1).decode("ascii"))
    candidates += ["utf-8", "cp1252"]
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _extract(tree: lxml.html.HtmlElement, source: str, url: str | None) -> trafilatura.settings.Document | None:
    """trafilatura's main text and metadata (precision over recall: reader comments and teasers
    that look like text are left out; tables kept; no links or images)."""
    try:
        return trafilatura.bare_extraction(
            tree, url=url, favor_precision=True, include_comments=False, include_tables=True, include_images=False,
            include_links=False, with_metadata=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except RecursionError as e:
        raise InputError("page nested too deeply", source) from e


def _clean(text: str) -> str:
    """Runs of spaces and tabs made one space (no-break spaces kept: French typography), lines stripped,
    paragraphs separated by one blank line."""
    lines = [_SPACES.sub(" ", line).strip() for line in normalise_newlines(text).split("\n")]
    return "\n\n".join(line for line in lines if line)


def _canonical(tree: lxml.html.HtmlElement, found: str | None, fetched: str | None) -> str | None:
    """The page's canonical URL (<link rel=canonical>, else og:url, else what trafilatura found),
    else the URL it was fetched from; None when none is an absolute http(s) URL."""
    for value in (*tree.xpath('//link[@rel="canonical"]/@href'), *tree.xpath('//meta[@property="og:url"]/@content'),
                  found, fetched):
        if value and re.match(r"(?i)https?://[^/\s]", value.strip()):
            try:
                return check_url(value.strip())
            except FieldError:
                continue
    return None


def _lang(tree: lxml.html.HtmlElement, found: str | None, text: str) -> str | None:
    """The page's declared language (<html lang>, xml:lang, Content-Language, og:locale, or
    trafilatura's), None to let detection decide when it declares none.

    Sites often declare one language for every page (a French edition under lang="en"): a declared
    French or English is checked against the text, and the detected language wins when they differ.
    """
    declared = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                *tree.xpath('//meta[@http-equiv="content-language" or @http-equiv="Content-Language"]/@content'),
                *tree.xpath('//meta[@property="og:locale"]/@content'), found]
    for value in declared:
        if value and value.strip():
            try:
                lang = normalise_lang(value.split(",")[0])
            except FieldError:
                continue
            return detect_lang(text, fallback=lang) if lang in DETECTED else lang
    return None


def _date(value: str | None) -> tuple[dt.date | None, bool]:
    """htmldate's date ("YYYY-MM-DD", a day: htmldate gives no partial dates) or none."""
    if not value:
        return None, False
    try:
        return dt.date.fromisoformat(value[:10]), True
    except ValueError:
        return None, False
