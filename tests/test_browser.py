"""The web pages in a real headless Chromium, against a real `kg serve` on the sample store.

Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) driven by Playwright for Python;
Playwright's own browser download is never used. Without Chromium (or Playwright) these
tests are skipped with the reason, except when $CI is set: then they fail, so that CI
cannot pass by skipping them (`.ci/run` installs Chromium first).

One browser and one server per session, a fresh browser context (no cookies, no
localStorage) and page per test. Every wait is bounded: Playwright's timeouts below, the
server's start and stop in conftest's `serve_store`.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest
from conftest import serve_store  # tests/ is on sys.path (rootdir conftest, no package)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As root, on a machine with a closed network: no sandbox, no GPU, no calls home.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
LOCAL_HOST = "127.0.0.1"
TIMEOUT_MS = 10_000          # any single browser action or assertion
QUERY_TIMEOUT_MS = 30_000    # a SPARQL query run from the editor (first one starts the workers)

PATRUSHEV = "/id/person/nikolai-patrushev"
SAMPLE_ARTICLE = "/id/article/ttn-fr-34"


# --- the servers ------------------------------------------------------------------------

@pytest.fixture(scope="session")
def base_url(sample_store: str) -> Iterator[str]:
    """http://127.0.0.1:PORT of the real `kg serve` over the sample store (read-only, shared)."""
    with serve_store(sample_store) as url:
        yield url


# A hostile article: markup in the title and body ends up in titles, article text and
# evidence sentences. Pages must show it as text and never run it.
HOSTILE = {
    "id": "evil-1",
    "title": "Rencontre <script>window.__pwned=1</script> à Moscou",
    "text": ("Rencontre <script>window.__pwned=1</script> à Moscou\n\n"
             "Nikolai Patrushev, secrétaire du Conseil de sécurité nationale russe, a rencontré "
             "<img src=x onerror=\"window.__pwned=2\"> Guo Shengkun à Moscou jeudi.\n\n"
             "Le bureau de Patrushev a publié un communiqué <b>important</b>."),
    "lang": "fr",
    "published": "2022-09-20",
}


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[str]:
    """A second server, over a store holding only the HOSTILE article."""
    from click.testing import CliRunner

    from kg.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "evil.jsonl"
    source.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    store = folder / "store"
    result = CliRunner().invoke(main, ["ingest", str(source), "--store", str(store)],
                                obj={"extractor": extractor}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with serve_store(str(store)) as url:
        yield url


# --- the browser ------------------------------------------------------------------------

def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} not found: install Debian's chromium and fonts-noto-cjk "
                     "(apt-get install chromium fonts-noto-cjk; `bash .ci/run` does it), "
                     "or set CHROMIUM_PATH")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install '.[test]')")
    expect.set_options(timeout=TIMEOUT_MS)
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                               timeout=30_000)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@dataclass
class Tab:
    """A page on a fresh context, with every request and every console error it caused."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        return response

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not _is_local(u)]

    def assert_clean(self) -> None:
        """Nothing fetched from another host (no CDN, no fonts, no analytics); no JS errors."""
        assert not self.foreign_requests(), f"requests to other hosts: {self.foreign_requests()}"
        assert not self.errors, f"console errors: {self.errors}"


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == LOCAL_HOST


def _open_tab(browser: Any, base: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR",
                                  service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    tab = Tab(page=page, base=base)
    # Record every request; abort the ones to other hosts at once (the network is closed
    # anyway, and a request left to time out would only slow the test down).
    context.on("request", lambda r: tab.requests.append(r.url))
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.errors.append(f"uncaught: {e}"))
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture()
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    yield from _open_tab(browser, base_url)


@pytest.fixture()
def hostile_tab(browser: Any, hostile_url: str) -> Iterator[Tab]:
    yield from _open_tab(browser, hostile_url)


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def _path(url: str) -> str:
    return urlsplit(url).path


# --- the tests --------------------------------------------------------------------------

def test_home_shows_counts_latest_articles_top_actors_and_search(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go("/")
    for sel in ("#counts", "#latest-articles", "#top-actors"):
        expect(page.locator(sel), f"{sel} on the home page").to_be_visible()
    expect(page.locator("#counts")).to_contain_text(re.compile(r"\d"))
    expect(page.locator("#latest-articles a[href]").first).to_be_visible()
    expect(page.locator("#top-actors a[href]").first).to_be_visible()
    expect(page.locator("form.search input[name=q]").first).to_be_visible()
    # Links to our own pages stay on this server, whatever the base IRI of the data.
    hrefs = page.eval_on_selector_all("#latest-articles a[href], #top-actors a[href]",
                                      "els => els.map(a => a.href)")
    assert hrefs and all(_is_local(h) for h in hrefs), hrefs
    tab.assert_clean()


def test_search_form_finds_patrushev_by_french_spelling(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go("/")
    box = page.locator("form.search input[name=q]").first
    box.fill("patrouchev")
    with page.expect_navigation(url=re.compile(r"/search\?"), timeout=TIMEOUT_MS):
        box.press("Enter")
    link = page.locator(f"main a[href$='{PATRUSHEV}']").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(re.escape(PATRUSHEV) + r"$"), timeout=TIMEOUT_MS)
    expect(page.locator("h1")).to_contain_text("Patrushev")
    tab.assert_clean()


def test_a_person_sees_patrushevs_post_with_its_source(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go(PATRUSHEV)
    expect(page.locator("h1")).to_contain_text("Patrushev")
    post = page.locator("section#posts .post").filter(has_text="secrétaire").first
    expect(post).to_be_visible()
    expect(post).to_contain_text(re.compile(r"secrétaire", re.IGNORECASE))
    expect(post.locator("a[href*='/id/org/']").first).to_be_visible()          # the organisation
    expect(post.locator(".evidence")).to_contain_text("Patrushev, secrétaire du Conseil")
    source = post.locator("a.source").first
    expect(source).to_be_visible()
    assert _is_local(source.evaluate("a => a.href")), "a.source leaves this server"
    source.click()
    page.wait_for_url(re.compile(re.escape(SAMPLE_ARTICLE) + r"(#.*)?$"), timeout=TIMEOUT_MS)
    expect(page.locator("article#article-text")).to_contain_text("Patrushev")
    tab.assert_clean()


def test_article_page_links_mentions_and_shows_validation(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go(SAMPLE_ARTICLE)
    text = page.locator("article#article-text")
    expect(text).to_be_visible()
    expect(text).to_contain_text("Nikolai Patrushev, secrétaire du Conseil de sécurité nationale russe")
    mentions = text.locator("a.mention")
    expect(mentions.first).to_be_visible()
    hrefs = mentions.evaluate_all("els => els.map(a => a.href)")
    assert all(_is_local(h) and "/id/" in _path(h) for h in hrefs), hrefs
    expect(page.locator("#validation")).to_be_visible()
    expect(page.locator("#validation")).to_contain_text(re.compile(r"\w"))
    mention = text.locator(f"a.mention[href$='{PATRUSHEV}']").first
    expect(mention).to_be_visible()
    mention.click()
    page.wait_for_url(re.compile(re.escape(PATRUSHEV) + r"$"), timeout=TIMEOUT_MS)
    expect(page.locator("h1")).to_contain_text("Patrushev")
    tab.assert_clean()


YASR_ROWS = ".yasr table.dataTable tbody tr:not(:has(td.dataTables_empty))"


def _editor_value(page: Any) -> str:
    value: str = page.evaluate(
        "() => { const cm = document.querySelector('#yasgui .yasqe .CodeMirror');"
        " return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : ''; }")
    return value


def test_query_page_runs_a_cookbook_query_without_other_hosts(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go("/query")
    expect(page.locator("#yasgui .yasqe")).to_be_visible()
    items = page.locator("#cookbook .cookbook-query[data-query-id]")
    expect(items.first).to_be_visible()
    first = items.first
    first.click()
    expect(page.locator(YASR_ROWS).first).to_be_visible(timeout=QUERY_TIMEOUT_MS)
    assert re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", _editor_value(page), re.IGNORECASE), \
        "the cookbook query is not in the editor"
    assert page.locator(YASR_ROWS).count() > 0
    assert any(_path(u) == "/sparql" for u in tab.requests), "no request reached /sparql"
    tab.assert_clean()


def test_search_echoes_markup_without_running_it(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    for q in ("<script>window.__pwned=1</script>", "\"><img src=x onerror=\"window.__pwned=2\">"):
        page.goto(f"{tab.base}/search?q={q}")  # any status: only what the page does counts
        expect(page.locator("body")).to_be_visible()
        assert page.evaluate("typeof window.__pwned") == "undefined", f"script ran for q={q!r}"
    assert page.locator("form.search input[name=q]").first.input_value() == \
        "\"><img src=x onerror=\"window.__pwned=2\">"
    assert not tab.foreign_requests()


def test_query_results_show_markup_as_text(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go("/query")
    expect(page.locator("#yasgui .yasqe")).to_be_visible()
    query = 'SELECT ?x WHERE { BIND("<img src=x onerror=\\"window.__pwned=3\\">" AS ?x) }'
    page.evaluate("q => document.querySelector('#yasgui .yasqe .CodeMirror').CodeMirror.setValue(q)", query)
    page.locator("#yasgui .yasqe_queryButton").first.click()
    expect(page.locator(YASR_ROWS).first).to_contain_text("<img src=x", timeout=QUERY_TIMEOUT_MS)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".yasr img[src=x]").count() == 0
    assert not tab.foreign_requests()


def test_markup_in_articles_is_shown_not_run(hostile_tab: Tab) -> None:
    """Titles, article text and evidence sentences come from the news: shown as text only."""
    expect = _expect()
    page = hostile_tab.page
    hostile_tab.go("/")
    expect(page.locator("#latest-articles")).to_contain_text("<script>")
    hostile_tab.go("/id/article/evil-1")
    expect(page.locator("article#article-text")).to_contain_text('<img src=x onerror="window.__pwned=2">')
    assert page.locator("article#article-text img, article#article-text b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    hostile_tab.go(PATRUSHEV)
    expect(page.locator("section#posts .evidence").first).to_contain_text("<img src=x")
    assert page.locator("section#posts img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not hostile_tab.foreign_requests()


def test_entity_pictures_draw_without_scripts_and_link_to_their_facts(tab: Tab) -> None:
    """China's page: a timeline (its officials' posts, its agreements) and a network of the states and
    bodies it met or agreed with, inline SVG whose marks link to fact and actor pages on this server."""
    expect = _expect()
    page = tab.page
    tab.go("/id/state/china")
    pictures = page.locator("section#pictures")
    expect(pictures.locator("svg.timeline")).to_be_visible()
    expect(pictures.locator("svg.network")).to_be_visible()
    box = pictures.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 40, box
    expect(pictures.locator("svg.timeline text.row").first).to_contain_text("Xi Jinping")
    names = pictures.locator("svg.network text.name").all_text_contents()
    assert {"Russia", "United States"} <= set(names), names
    marks = pictures.locator("svg.timeline a")
    assert marks.count() >= 2
    for i in range(marks.count()):
        href = marks.nth(i).get_attribute("href")
        assert href and href.startswith("/id/article/"), href  # every mark is a fact of an article
    pictures.locator("svg.network a").filter(has_text="Russia").first.click()
    page.wait_for_url(re.compile(r"/id/state/russia$"), timeout=TIMEOUT_MS)
    expect(page.locator("h1")).to_contain_text("Russ")
    tab.assert_clean()


def test_entity_pictures_are_in_the_html_for_readers_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "/id/state/china", wait_until="load")
        assert page.locator("section#pictures svg.timeline circle").count() >= 2
        assert page.locator("section#agreements li").count() >= 1  # the lists stay
    finally:
        context.close()


def test_the_map_of_meetings_is_reached_from_home_and_links_countries(tab: Tab) -> None:
    expect = _expect()
    page = tab.page
    tab.go("/")
    page.locator("a#map-link").click()
    page.wait_for_url(re.compile(r"/map$"), timeout=TIMEOUT_MS)
    world = page.locator("svg.world")
    expect(world).to_be_visible()
    box = world.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 250, box
    shaded = page.locator("svg.world a path.country")
    assert shaded.count() >= 1
    shaded.first.click(force=True)  # a small country may sit under a neighbour's outline
    page.wait_for_url(re.compile(r"/id/state/[a-z-]+$"), timeout=TIMEOUT_MS)
    tab.assert_clean()
