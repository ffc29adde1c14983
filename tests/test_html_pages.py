"""HTML pages (kg.ingest.html): real saved pages, metadata, ids, hostile pages, and `kg ingest` of a page
against its plain-text version (tests/data/pages/README.md says where each page comes from)."""
from __future__ import annotations

import datetime as dt
import sys
import time
import types
from pathlib import Path
from typing import Any

import lxml.html
import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.ingest import IngestReport, read_articles
from kg.ingest.html import MAX_ELEMENTS, MAX_PAGE_TEXT, html_to_text, parse_html
from kg.ingest.readers import Record, id_from_url
from kg.model import Article
from kg.rdf import iris

PAGES = Path(__file__).parent / "data" / "pages"
BASE = "https://w3id.org/newskg/"

# page -> (title, published, lang, canonical URL, text that must be there, boilerplate that must not)
REAL = {
    "fr-theconversation-numerique-en-cultures": (
        "Le numérique en culture(s)", dt.date(2017, 4, 25), "fr",
        "https://theconversation.com/le-numerique-en-culture-s-73780",
        ["La quatrième et dernière forme de culture numérique peut être qualifiée"],
        ["Nous utilisons des cookies", "Reproduisez nos articles gratuitement", "Écrivez un article et rejoignez",
         "Droits d'auteur", "Temps nécessaires à diverses technologies"]),  # a figure caption
    "fr-internetactu-design-vulnerabilites": (
        "Design de nos vulnérabilités : la Silicon Valley est-elle à la recherche d’une conscience ?",
        dt.date(2016, 11, 9), "fr",
        "https://www.internetactu.net/2016/11/09/design-de-nos-vulnerabilites-la-silicon-valley-est-elle-a-la-"
        "recherche-dune-conscience/",
        ["Chez Google, Harris était chargé d’améliorer la boîte de réception de Gmail."],
        ["À lire aussi sur internetactu.net", "Commentaires récents", "Pour un féminisme des données",
         "Billet précédent", "Sélectionner une catégorie"]),
    "en-wikimedia-interactive-maps": (
        "Interactive maps, now in your language", dt.date(2018, 6, 28), "en",
        "https://blog.wikimedia.org/2018/06/28/interactive-maps-now-in-your-language/",
        ["An extension called Kartographer enables Wikimedians to create interactive maps"],
        ["Comments are closed", "Stefan Keller", "heated discussion on OSM-Talk", "Get our email updates",
         "Meet our community", "This work is licensed", "Most viewed this month"]),
}


def page(name: str) -> Path:
    return PAGES / f"{name}.html"


def html(body: str, head: str = "", lang: str = "") -> bytes:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


ARTICLE_BODY = ("<article><h1>Rencontre à Berlin</h1>"
                "<p>Le chancelier allemand a reçu jeudi le président français à Berlin pour parler de l'Ukraine "
                "et de la défense européenne, selon un communiqué de la chancellerie.</p>"
                "<p>Les deux dirigeants ont signé un accord sur la production de munitions, a indiqué l'Élysée "
                "dans la soirée, avant une nouvelle rencontre prévue en avril à Paris.</p></article>")


# --- real pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_page_title_date_language_url_and_text(name: str) -> None:
    title, published, lang, url, kept, dropped = REAL[name]
    record = parse_html(page(name).read_bytes(), str(page(name)))
    assert (record.title, record.published, record.has_published, record.lang, record.url) == (
        title, published, True, lang, url)
    assert record.id == id_from_url(url) and record.source == str(page(name))
    plain = (PAGES / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")
    assert record.text == plain  # the hand-checked plain-text version, paragraph for paragraph
    assert record.text.startswith(title + "\n\n")
    for sentence in kept:
        assert sentence in record.text
    visible = " ".join(lxml.html.fromstring(page(name).read_bytes()).text_content().split())
    for boilerplate in dropped:
        assert boilerplate in visible  # on the page, but not article text
        assert boilerplate not in record.text, boilerplate


def test_the_conversation_declares_english_but_is_french() -> None:
    """Its French edition keeps the site-wide <html lang="en">: the text decides."""
    data = page("fr-theconversation-numerique-en-cultures").read_bytes()
    assert b'<html class="svg js" lang="en">' in data
    assert parse_html(data, "p.html").lang == "fr"


def article_facts(store: Path, article_id: str) -> Graph:
    """An article's graph with its own IRI replaced by one name and the metadata that honestly differs
    between a page and its .txt (identifier, URL, source file) left out: the facts as the public
    vocabulary gives them."""
    article = iris.article_iri(BASE, article_id)
    skip = {"http://purl.org/dc/terms/identifier", "http://purl.org/dc/terms/source", "https://schema.org/url"}

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value.replace(article, "urn:article"))
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        return Literal(t.value, lang=t.language, datatype=None if t.language else URIRef(t.datatype.value))

    db = ox.Store.read_only(str(store))
    g = Graph()
    for q in db.quads_for_pattern(None, None, None, ox.NamedNode(iris.article_graph(BASE, article_id))):
        if q.subject == ox.NamedNode(article) and q.predicate.value in skip:
            continue
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    return g


def test_kg_ingest_of_pages_and_of_their_plain_text_gives_the_same_facts(kg: Any, tmp_path: Path) -> None:
    html_dir, txt_dir = tmp_path / "html", tmp_path / "txt"
    html_dir.mkdir()
    txt_dir.mkdir()
    for name in REAL:
        (html_dir / f"{name}.html").write_bytes(page(name).read_bytes())
        (txt_dir / f"{name}.txt").write_bytes((PAGES / f"{name}.txt").read_bytes())
    r = kg("ingest", str(html_dir), "--store", str(tmp_path / "h"))
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"{len(REAL)} stored, 0 quarantined, 0 failed")
    for name, (_, published, *_rest) in REAL.items():
        # The .txt has no date of its own: give it the page's, so that relative dates resolve alike.
        store = tmp_path / f"t-{name}"
        r = kg("ingest", str(txt_dir / f"{name}.txt"), "--published", published.isoformat(), "--store", str(store))
        assert r.exit_code == 0, r.output
        from_page = article_facts(tmp_path / "h", id_from_url(REAL[name][3]))
        from_text = article_facts(store, name)
        assert len(from_page) > 5
        assert isomorphic(from_page, from_text), name


# --- metadata and ids -------------------------------------------------------------------------------


def test_canonical_url_gives_the_id_and_og_url_stands_in_for_it() -> None:
    canonical = '<link rel="canonical" href="https://www.journal.example/monde/2024/rencontre.html">'
    og = '<meta property="og:url" content="https://journal.example/m/rencontre?id=12">'
    r = parse_html(html(ARTICLE_BODY, canonical + og), "saved/page.html")
    assert (r.id, r.url) == ("journal.example-monde-2024-rencontre.html",
                             "https://www.journal.example/monde/2024/rencontre.html")
    r = parse_html(html(ARTICLE_BODY, og), "saved/page.html")
    assert (r.id, r.url) == ("journal.example-m-rencontre-id-12", "https://journal.example/m/rencontre?id=12")


def test_without_a_canonical_url_the_id_is_the_file_name_or_the_fetched_url() -> None:
    r = parse_html(html(ARTICLE_BODY), "saved/ma-page-1.html")
    assert (r.id, r.url, r.source) == ("ma-page-1", None, "saved/ma-page-1.html")
    r = parse_html(html(ARTICLE_BODY), "https://a.example/x/y", url="https://a.example/x/y")
    assert (r.id, r.url) == ("a.example-x-y", "https://a.example/x/y")
    with pytest.raises(InputError, match="not a usable|contains"):
        parse_html(html(ARTICLE_BODY), "saved/bad name.html")  # no canonical URL and a file name with a space


def test_a_relative_or_non_http_canonical_is_not_a_url() -> None:
    r = parse_html(html(ARTICLE_BODY, '<link rel="canonical" href="/monde/rencontre.html">'
                                      '<meta property="og:url" content="javascript:alert(1)">'), "p.html")
    assert (r.id, r.url) == ("p", None)


def test_title_language_and_date_from_metadata() -> None:
    head = ('<title>Rencontre à Berlin | Le Journal</title>'
            '<meta property="article:published_time" content="2024-03-14T10:00:00+01:00">'
            '<meta property="og:site_name" content="Le Journal">')
    r = parse_html(html(ARTICLE_BODY, head, lang="fr-FR"), "p.html")
    assert (r.title, r.lang, r.published, r.has_published, r.published_precision) == (
        "Rencontre à Berlin", "fr", dt.date(2024, 3, 14), True, "day")
    assert r.text.startswith("Rencontre à Berlin\n\nLe chancelier allemand")
    r = parse_html(html(ARTICLE_BODY.replace("<h1>Rencontre à Berlin</h1>", "")), "p.html")
    assert (r.lang, r.published, r.has_published) == (None, None, False)  # detection and batch defaults decide


def test_a_declared_language_other_than_french_or_english_is_kept() -> None:
    body = ("<article><p>El presidente del Gobierno se reunió el jueves en Madrid con el canciller alemán "
            "para hablar de la defensa europea y de la energía, según un comunicado oficial.</p>"
            "<p>Ambos dirigentes firmaron un acuerdo sobre municiones y volverán a verse en abril.</p></article>")
    assert parse_html(html(body, lang="es"), "p.html").lang == "es"


def test_http_charset_wins_then_meta_charset_then_utf8_then_windows_1252() -> None:
    page_utf8 = html(ARTICLE_BODY)
    assert "président français" in parse_html(page_utf8, "p.html").text
    # The HTTP header wins over the page's <meta>, as browsers do (here it is wrong, and says so).
    assert "prÃ©sident franÃ§ais" in parse_html(page_utf8, "p.html", content_type="text/html; charset=ISO-8859-1").text
    latin = page_utf8.decode().replace("charset='utf-8'", "charset='iso-8859-1'").encode("latin-1")
    assert "président français" in parse_html(latin, "p.html").text
    # Declared UTF-8 but not UTF-8: read as Windows-1252 (accents kept), not refused.
    broken = page_utf8.decode().encode("cp1252")
    assert "président français" in parse_html(broken, "p.html").text
    utf16 = page_utf8.decode().replace("charset='utf-8'", "charset='utf-16'").encode("utf-16")
    assert "président français" in parse_html(utf16, "p.html").text
    assert "président français" in parse_html(b"\xef\xbb\xbf" + page_utf8, "p.html").text  # BOM


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    assert html_to_text("<p>Un.</p><p>Deux <b>gras</b>.</p><script>alert(1)</script><style>p{}</style>") == \
        "Un.\n\nDeux gras."
    assert html_to_text("Texte  brut\n\n sans   balises") == "Texte brut\n\nsans balises"
    assert html_to_text("<script>x()</script>") == ""


# --- pages without text and hostile pages ------------------------------------------------------------


@pytest.mark.parametrize("data, reason", [
    (b"", "empty page"),
    (b"   \n ", "empty page"),
    (b"%PDF-1.4 junk without markup", "not an HTML page"),
    (html(""), "no article text found"),
    (html("<script>" + "var a = 1;" * 5000 + "</script><noscript></noscript>"), "no article text found"),
    (html("<nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a></nav>"), "no article text found"),
])
def test_a_page_without_article_text_is_one_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as e:
        parse_html(data, "saved/page.html")
    assert str(e.value).startswith("saved/page.html: ") and reason in str(e.value)
    assert "\n" not in str(e.value)


def test_100k_nested_divs_neither_crash_nor_take_long() -> None:
    deep = html("<div>" * 100_000 + ARTICLE_BODY + "</div>" * 100_000)
    start = time.monotonic()
    with pytest.raises(InputError, match="nested deeper than 255 levels"):
        parse_html(deep, "deep.html")
    # The article before deep markup is still found.
    r = parse_html(html(ARTICLE_BODY + "<div>" * 100_000 + "x" + "</div>" * 100_000), "deep.html")
    assert "président français" in r.text
    r = parse_html(html(ARTICLE_BODY.replace("</article>", "<b>" * 100_000 + "x</article>")), "deep.html")
    assert "président français" in r.text
    assert time.monotonic() - start < 10


def test_too_many_elements_or_too_much_text_is_refused_before_extraction() -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match=f"too many elements \\(over {MAX_ELEMENTS}\\)"):
        parse_html(html(ARTICLE_BODY + "<span>a</span>" * (MAX_ELEMENTS + 10)), "big.html")
    paragraph = "<p>" + "Le ministre a reçu son homologue à Berlin pour parler de défense. " * 20 + "</p>"
    with pytest.raises(InputError, match="page text too long"):
        parse_html(html(paragraph * (MAX_PAGE_TEXT // 1300 + 10)), "big.html")
    assert time.monotonic() - start < 10


def test_xml_entities_in_a_page_are_not_expanded() -> None:
    doctype = '<!DOCTYPE html [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = (doctype + html(ARTICLE_BODY.replace("</article>", "<p>&b;&b;&b;</p></article>")).decode()
            .replace("<!DOCTYPE html>", "")).encode()
    assert "AAAAAAAAAA" not in parse_html(data, "p.html").text


def test_nul_bytes_are_dropped() -> None:
    r = parse_html(html(ARTICLE_BODY.replace("Berlin", "Ber\x00lin")), "p.html")
    assert "\x00" not in r.text and "Berlin" in r.text


# --- through read_articles ------------------------------------------------------------------------------


def test_read_articles_reads_pages_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(html(ARTICLE_BODY))
    (tmp_path / "b.HTM").write_bytes(html(ARTICLE_BODY.replace("Berlin", "Paris")))
    (tmp_path / "c.xhtml").write_bytes(html(ARTICLE_BODY.replace("Berlin", "Rome")))
    (tmp_path / "empty.html").write_bytes(html("<nav>Menu</nav>"))
    report = IngestReport()
    items = list(read_articles(tmp_path, report=report))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert sorted(a.id for a in articles) == ["a", "b", "c"]
    assert all(a.lang == "fr" for a in articles)  # no declared language: detected
    assert [str(e) for e in errors] == [f"{tmp_path / 'empty.html'}: no article text found in the page (only 4 "
                                        "characters of text: a menu or a list, not an article)"]
    assert (report.files, report.articles, report.errors) == (4, 3, 1)


def test_max_bytes_applies_to_pages(tmp_path: Path) -> None:
    p = tmp_path / "big.html"
    p.write_bytes(html(ARTICLE_BODY * 10))
    [e] = read_articles(p, max_bytes=1000)
    assert isinstance(e, InputError) and "file too large" in str(e)
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    [e] = read_articles(p)
    assert isinstance(e, InputError) and "binary file" in str(e)


def test_urls_go_to_kg_ingest_urls_with_the_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, Any]] = []
    fetcher = object()

    def read_url(given: str, got: Any, report: IngestReport) -> Any:
        calls.append((given, got))
        yield Record("u-1", "Titre", "Titre\n\nTexte de la page.", given, lang="fr")
        yield InputError("HTTP 404 Not Found", given)

    module = types.ModuleType("kg.ingest.urls")
    module.read_url = read_url  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.ingest.urls", module)
    report = IngestReport()
    items = list(read_articles(["HTTPS://a.example/p", Path("http:/not-a-url")], fetcher=fetcher, report=report))
    assert calls == [("HTTPS://a.example/p", fetcher)]
    assert isinstance(items[0], Article) and items[0].id == "u-1" and items[0].source == "HTTPS://a.example/p"
    assert str(items[1]) == "HTTPS://a.example/p: HTTP 404 Not Found"
    assert "no such file" in str(items[2])  # a Path is a path, whatever it starts with
    assert (report.articles, report.errors) == (1, 2)


def test_without_kg_ingest_urls_a_url_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kg.ingest.urls", None)  # import fails with ImportError
    [e] = read_articles("https://a.example/p")
    assert isinstance(e, InputError) and str(e) == "https://a.example/p: reading URLs is not available"
    assert isinstance(e.__cause__, ImportError)
