"""RSS and Atom feeds (kg.ingest.feeds): RSS 2.0, Atom 1.0 and RSS 1.0 written here, summaries and linked
pages, bad entries, malformed and hostile feeds, and folders mixing formats through `kg ingest`."""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import feedparser
import pytest

from kg.errors import InputError
from kg.ingest import IngestReport, read_articles
from kg.ingest import feeds
from kg.ingest.feeds import looks_like_feed, parse_feed
from kg.ingest.readers import Record
from kg.model import Article

P1 = ("Le chancelier allemand a reçu jeudi le président français à Berlin pour parler de la défense "
      "européenne, selon un communiqué de la chancellerie.")
P2 = "Les deux dirigeants ont signé un accord sur la production de munitions."

RSS2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Le Journal</title><link>https://journal.example/</link><language>fr-FR</language>
<description>Actualités</description>
<item><title>Rencontre à Berlin</title><link>https://journal.example/2024/03/rencontre.html</link>
<guid isPermaLink="true">https://journal.example/2024/03/rencontre.html</guid>
<pubDate>Thu, 14 Mar 2024 10:00:00 +0100</pubDate><description>Le chancelier a reçu le président.</description>
<content:encoded><![CDATA[<p>{P1}</p><p>{P2}</p><script>alert(1)</script>]]></content:encoded></item>
<item><title>Démission au ministère</title><link>https://journal.example/2024/03/demission.html</link>
<pubDate>Fri, 15 Mar 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Le ministre de l'Intérieur a démissionné vendredi.&lt;/p&gt;</description></item>
<item><title>Sans lien</title><description>Texte sans lien ni identifiant.</description></item>
<item><link>https://journal.example/2024/03/sans-titre.html</link><description>Texte sans titre.</description></item>
<item><title>Rencontre à Berlin, encore</title><link>https://journal.example/2024/03/rencontre.html</link>
<description>Le même lien.</description></item>
<item><title>Permalien seul</title><guid>https://journal.example/2024/03/permalien.html</guid>
<description>Un article repéré par son guid.</description></item>
<item><title>Lien piégé</title><link>javascript:alert(1)</link><description>Texte.</description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>The Paper</title><id>tag:paper.example,2024:feed</id><updated>2024-03-15T12:00:00Z</updated>
<entry><title type="html">Talks in &lt;b&gt;Paris&lt;/b&gt;</title><id>tag:paper.example,2024:1</id>
<link rel="alternate" href="https://paper.example/2024/talks-paris"/>
<published>2024-03-12T09:30:00Z</published><updated>2024-03-13T09:30:00Z</updated>
<content type="html">&lt;p&gt;The Prime Minister met the President in Paris on Tuesday.&lt;/p&gt;&lt;p&gt;They signed a trade agreement.&lt;/p&gt;</content></entry>
<entry><title>Plain words</title><id>tag:paper.example,2024:2</id>
<link href="https://paper.example/2024/plain"/><updated>2024-03-14T08:00:00Z</updated>
<content type="text">The minister resigned on Thursday.
She had held the post since 2022.</content></entry>
<entry><title>XHTML body</title><id>tag:paper.example,2024:3</id><link href="https://paper.example/2024/xhtml"/>
<updated>2024-03-15T08:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The summit opened in Rome.</p></div></content></entry>
<entry><title>Only an id</title><id>tag:paper.example,2024:4</id><updated>2024-03-15T09:00:00Z</updated>
<summary>An entry without a link keeps its id.</summary></entry>
</feed>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link>
<description>RSS 1.0</description><dc:language>fr</dc:language>
<items><rdf:Seq><rdf:li rdf:resource="https://old.example/a"/></rdf:Seq></items></channel>
<item rdf:about="https://old.example/a"><title>Accord signé</title><link>https://old.example/a</link>
<description>Les ministres ont signé un accord à Bruxelles mardi.</description><dc:date>2003-06-10</dc:date></item>
</rdf:RDF>
"""


def records(data: str | bytes, source: str = "feed.rss", **kwargs: Any) -> list[Record | InputError]:
    return list(parse_feed(data.encode() if isinstance(data, str) else data, source, **kwargs))


def ok(items: list[Any]) -> list[Record]:
    return [i for i in items if isinstance(i, Record)]


def errors(items: list[Any]) -> list[str]:
    return [str(i) for i in items if isinstance(i, InputError)]


# --- recognising a feed --------------------------------------------------------------------------------


@pytest.mark.parametrize("data, expected", [
    (RSS2, True), (ATOM, True), (RSS1, True),
    ("\ufeff<?xml version='1.0'?>\n<!-- generated -->\n<!DOCTYPE rss>\n<rss version='0.91'><channel/></rss>", True),
    ("<html><body><p>Une page.</p></body></html>", False),
    ("<?xml version='1.0'?><sitemap xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'/>", False),
    ("<feed><title>Not Atom: no namespace</title></feed>", False),
    ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", False),  # RDF, not RSS 1.0
    ("", False),
])
def test_looks_like_feed_sniffs_the_root_element(data: str, expected: bool) -> None:
    assert looks_like_feed(data.encode("utf-8")) is expected


def test_looks_like_feed_trusts_a_feed_content_type() -> None:
    assert looks_like_feed(b"<whatever/>", "application/rss+xml; charset=utf-8")
    assert looks_like_feed(b"<whatever/>", "application/atom+xml")
    assert not looks_like_feed(b"<html></html>", "text/html")


# --- RSS 2.0, Atom 1.0, RSS 1.0 -------------------------------------------------------------------------


def test_rss2_entries_and_one_line_per_bad_entry() -> None:
    notes: list[str] = []
    items = records(RSS2, notes=notes)
    good = ok(items)
    assert [r.id for r in good] == ["journal.example-2024-03-rencontre.html", "journal.example-2024-03-demission.html",
                                    "journal.example-2024-03-permalien.html"]
    first = good[0]
    assert first.title == "Rencontre à Berlin" and first.text == f"Rencontre à Berlin\n\n{P1}\n\n{P2}"  # no script
    assert (first.url, first.lang, first.published, first.has_published, first.source) == (
        "https://journal.example/2024/03/rencontre.html", "fr", dt.date(2024, 3, 14), True, "feed.rss[0]")
    assert good[1].text == "Démission au ministère\n\nLe ministre de l'Intérieur a démissionné vendredi."
    assert good[2].url == "https://journal.example/2024/03/permalien.html"
    assert errors(items) == [
        "feed.rss[2]: entry has neither a link nor an id",
        "feed.rss[3]: entry has no title",
        "feed.rss[4]: duplicate entry (same link as entry [0])",
        "feed.rss[6]: field 'url' must be an http(s) URL, got 'javascript:alert(1)'",
    ]
    assert notes == ["feed.rss: 2 of 7 entries have only a summary: stored with the summary as text "
                     "(fetching the linked pages was off)"]


def test_atom_entries_content_types_dates_and_ids() -> None:
    notes: list[str] = []
    good = ok(records(ATOM, "paper.atom", notes=notes))
    assert [(r.id, r.title, r.published, r.lang) for r in good] == [
        ("paper.example-2024-talks-paris", "Talks in Paris", dt.date(2024, 3, 12), "en"),  # published, not updated
        ("paper.example-2024-plain", "Plain words", dt.date(2024, 3, 14), "en"),
        ("paper.example-2024-xhtml", "XHTML body", dt.date(2024, 3, 15), "en"),
        ("tag:paper.example,2024:4", "Only an id", dt.date(2024, 3, 15), "en"),
    ]
    assert good[0].text == ("Talks in Paris\n\nThe Prime Minister met the President in Paris on Tuesday.\n\n"
                            "They signed a trade agreement.")
    assert good[1].text == "Plain words\n\nThe minister resigned on Thursday.\n\nShe had held the post since 2022."
    assert good[2].text == "XHTML body\n\nThe summit opened in Rome."
    assert good[3].url is None and good[3].text == "Only an id\n\nAn entry without a link keeps its id."
    assert notes == ["paper.atom: 1 of 4 entries have only a summary: stored with the summary as text "
                     "(fetching the linked pages was off)"]


def test_rss1_rdf_entries() -> None:
    [r] = records(RSS1, "old.rdf.xml")
    assert isinstance(r, Record)
    assert (r.id, r.title, r.lang, r.published, r.url) == (
        "old.example-a", "Accord signé", "fr", dt.date(2003, 6, 10), "https://old.example/a")
    assert r.text == "Accord signé\n\nLes ministres ont signé un accord à Bruxelles mardi."


# --- the linked pages -------------------------------------------------------------------------------------


def test_fetch_page_gives_the_text_of_summary_only_entries() -> None:
    asked: list[str] = []

    def fetch_page(link: str) -> Record:
        asked.append(link)
        if link.endswith("permalien.html"):
            raise InputError("HTTP 404 Not Found", link)
        return Record(id="journal.example-2024-03-demission.html", title="Le ministre démissionne",
                      text="Le ministre démissionne\n\nLe ministre de l'Intérieur a démissionné vendredi soir.",
                      source=link, lang="fr", url=link)

    notes: list[str] = []
    good = ok(records(RSS2, fetch_page=fetch_page, notes=notes))
    # Entries with content are not fetched; the 404 falls back to the entry's own summary.
    assert asked == ["https://journal.example/2024/03/demission.html", "https://journal.example/2024/03/permalien.html"]
    assert good[1].title == "Le ministre démissionne" and good[1].text.endswith("vendredi soir.")
    assert good[1].source == "https://journal.example/2024/03/demission.html"
    assert good[1].published == dt.date(2024, 3, 15)  # the page gave none: the entry's date
    assert good[2].text == "Permalien seul\n\nUn article repéré par son guid."
    assert notes == ["feed.rss: 1 of 7 entries have only a summary: stored with the summary as text"]


def test_a_failed_fetch_without_a_summary_is_the_entry_error() -> None:
    feed = ("<rss version='2.0'><channel><title>t</title><item><title>Titre</title>"
            "<link>https://a.example/x</link></item></channel></rss>")

    def fetch_page(link: str) -> Record:
        raise InputError("HTTP 500 Internal Server Error", link)

    assert errors(records(feed, fetch_page=fetch_page)) == ["https://a.example/x: HTTP 500 Internal Server Error"]
    assert errors(records(feed)) == ["feed.rss[0]: entry has no text (no content and no summary)"]


# --- malformed and hostile feeds -------------------------------------------------------------------------


def test_a_cut_feed_gives_what_it_holds() -> None:
    notes: list[str] = []
    items = records("<rss><channel><item><title>x</title><link>https://a.example/</link", notes=notes)
    assert errors(items) == ["feed.rss[0]: entry has neither a link nor an id"]  # the link was cut off
    assert notes == ["feed.rss: malformed feed (<unknown>:2:60: unclosed token): its entries were read leniently"]


def test_a_malformed_feed_is_read_leniently_and_said_to_be() -> None:
    broken = RSS2.replace("</channel></rss>", "<item><title>Coupé</title><link>https://journal.example/c</link>"
                          "<description>Fin <b>non fermée</description>")
    notes: list[str] = []
    items = records(broken, notes=notes)
    assert len(ok(items)) >= 3
    assert notes[0].startswith("feed.rss: malformed feed (") and notes[0].endswith("its entries were read leniently")


@pytest.mark.parametrize("data, message", [
    ("<rss version='2.0'><channel><title>vide</title></channel></rss>", "feed has no entries"),
    ("<rss version='2.0'><channel><title>t</title><ite", "not a readable feed (<unknown>:2:44: unclosed token)"),
    ("<rss version='2.0'>\x00\x01</rss>", "not a readable feed"),
])
def test_a_feed_without_entries_is_one_error(data: str, message: str) -> None:
    [e] = records(data)
    assert isinstance(e, InputError) and str(e).startswith("feed.rss: ") and message in str(e)


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
           '<rss version="2.0"><channel><title>t</title><item><title>x</title><link>https://a.example/x</link>'
           '<description>avant &xxe; après</description></item></channel></rss>')
    [e] = records(xxe)
    assert isinstance(e, InputError) and "declares XML entities" in str(e)
    # And feedparser itself (were the guard gone) leaves the entity unexpanded.
    parsed = feedparser.parse(xxe.encode(), sanitize_html=False, resolve_relative_uris=False)
    assert "TOP-SECRET-VALUE" not in json.dumps(parsed, default=str)


def test_billion_laughs_is_refused_at_once() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [{entities}]>\n<rss version="2.0"><channel><title>t</title>'
            '<item><title>x</title><link>https://a.example/x</link><description>&lol9;</description></item>'
            '</channel></rss>')
    start = time.monotonic()
    [e] = records(bomb)
    assert isinstance(e, InputError) and "declares XML entities" in str(e)
    parsed = feedparser.parse(bomb.encode(), sanitize_html=False, resolve_relative_uris=False)
    assert len(json.dumps(parsed, default=str)) < 100_000  # not expanded by feedparser either
    assert time.monotonic() - start < 5


def test_a_huge_feed_is_read_up_to_max_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 50)
    entries = "".join(f"<item><title>Entrée {i}</title><link>https://a.example/{i}</link>"
                      f"<description>Texte de l'entrée {i}.</description></item>" for i in range(120))
    items = records(f"<rss version='2.0'><channel><title>t</title>{entries}</channel></rss>")
    assert errors(items) == ["feed.rss: feed has 120 entries; only the first 50 are read"]
    assert len(ok(items)) == 50


def test_deeply_nested_entry_content_does_not_crash() -> None:
    content = "&lt;div&gt;" * 50_000 + "profond" + "&lt;/div&gt;" * 50_000
    feed = (f"<rss version='2.0'><channel><title>t</title><item><title>Titre</title><link>https://a.example/x</link>"
            f"<description>Résumé de l'article.</description><content:encoded xmlns:content="
            f"'http://purl.org/rss/1.0/modules/content/'>&lt;p&gt;Début.&lt;/p&gt;{content}</content:encoded>"
            f"</item></channel></rss>")
    start = time.monotonic()
    items = records(feed)
    assert time.monotonic() - start < 20
    [r] = items
    assert isinstance(r, Record) and r.text.startswith("Titre\n\n")


def test_entry_content_with_too_many_elements_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.ingest.html

    monkeypatch.setattr(kg.ingest.html, "MAX_ELEMENTS", 20)
    spans = "&lt;span&gt;a&lt;/span&gt;" * 50
    feed = (f"<rss version='2.0'><channel><title>t</title><item><title>Titre</title><link>https://a.example/x</link>"
            f"<description>{spans}</description></item><item><title>Autre</title><link>https://a.example/y</link>"
            f"<description>Un texte court.</description></item></channel></rss>")
    items = records(feed)
    assert errors(items) == ["feed.rss[0]: HTML content with too many elements (over 20)"]
    assert [r.id for r in ok(items)] == ["a.example-y"]


# --- through read_articles and kg ingest ------------------------------------------------------------------


def test_xml_files_are_read_only_when_they_are_feeds(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(RSS1, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<?xml version='1.0'?><urlset/>", encoding="utf-8")
    (tmp_path / "news.atom").write_text(ATOM, encoding="utf-8")
    report = IngestReport()
    items = list(read_articles(tmp_path, report=report))
    assert [i.id for i in items if isinstance(i, Article)] == ["old.example-a", "paper.example-2024-talks-paris",
                                                              "paper.example-2024-plain", "paper.example-2024-xhtml",
                                                              "tag:paper.example,2024:4"]
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{tmp_path / 'sitemap.xml'}: an .xml file that is not an RSS or Atom feed (only feeds are read from .xml)"]
    assert (report.files, report.articles, report.errors) == (3, 5, 1)
    off = "stored with the summary as text (fetching the linked pages was off)"
    assert report.notes == [f"{tmp_path / 'feed.xml'}: 1 of 1 entries have only a summary: {off}",
                            f"{tmp_path / 'news.atom'}: 1 of 4 entries have only a summary: {off}"]


def test_kg_ingest_of_a_folder_mixing_formats(kg: Any, tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(f"Rencontre à Berlin\n\n{P1}\n", encoding="utf-8")
    (news / "b.jsonl").write_text(json.dumps({"id": "b-1", "title": "Accord", "text": P2}) + "\n", encoding="utf-8")
    (news / "c.html").write_text(f"<html lang='fr'><body><article><h1>Sommet</h1><p>{P1}</p><p>{P2}</p>"
                                 "</article></body></html>", encoding="utf-8")
    (news / "d.rss").write_text(RSS1.replace("rdf:RDF", "rdf:RDF"), encoding="utf-8")
    (news / "notes.md").write_text("# notes", encoding="utf-8")
    store = tmp_path / "store"
    r = kg("ingest", str(news), "--store", str(store))
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("4 stored, 0 quarantined, 0 failed, 1 skipped: 1 .md (not .atom, .htm, .html, "
                               ".json, .jsonl, .ndjson, .rss, .text, .txt, .xhtml or .xml)")
    (news / "e.xml").write_text("<?xml version='1.0'?><urlset/>", encoding="utf-8")
    r = kg("ingest", str(news), "--store", str(store))
    assert r.exit_code == 2  # as for any input that could not be read; the others are stored
    assert "4 stored, 0 quarantined, 1 failed" in r.stdout
    assert f"{news / 'e.xml'}: an .xml file that is not an RSS or Atom feed" in r.stderr
