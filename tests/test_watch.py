"""`kg ingest --fetch` and `kg watch`: URLs through the ingest pipeline, passes that store only what is new
or changed, a stop on SIGINT that leaves whole articles, a watch beside a running `kg serve`.

Pages and feeds come from tests/httpsite.Site on 127.0.0.1, fetched with --allow-private-addresses.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import serve_store, stop_process
from httpsite import Site, html_page, rss_feed, send

from kg.cli import main

KG = "https://w3id.org/newskg/ontology#"
DCT = "http://purl.org/dc/terms/"
PAGES = {
    "/news/berlin.html": ("Rencontre à Berlin", "Le ministre français des Affaires étrangères, Jean Dupont, a "
                          "rencontré jeudi à Berlin son homologue allemande, Anna Schmidt."),
    "/news/vienne.html": ("Accord à Vienne", "Le président autrichien Karl Huber et le Premier ministre "
                          "hongrois Péter Nagy ont signé mardi à Vienne un accord sur l'énergie."),
}


@pytest.fixture(autouse=True)
def quick_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between requests to the test site; no config file or environment from outside."""
    monkeypatch.setenv("KG_FETCH_DELAY", "0")
    for name in ("KG_FETCH", "KG_FETCH_ALLOW_PRIVATE", "KG_CONFIG", "KG_STORE", "KG_WATCH_STATE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def site() -> Iterator[Site]:
    with Site() as s:
        for path, (title, text) in PAGES.items():
            s.page(path, html_page(title, text), etag=True)
        s.page("/feed.rss", rss_feed(s, [(title, path) for path, (title, _) in PAGES.items()]),
               "application/rss+xml; charset=utf-8", etag=True)
        yield s


@pytest.fixture()
def run(extractor: Any) -> Any:
    """`kg ARGS` in this process with the session's spaCy; returns click's Result (stdout, stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(main, list(args), obj={"extractor": extractor}, catch_exceptions=False)
    return invoke


def article_titles(store: Path) -> dict[str, str]:
    """Article id -> title, for every article graph of the store (opened read-only)."""
    db = ox.Store.read_only(str(store))
    rows = db.query(f"SELECT ?id ?t WHERE {{ GRAPH ?g {{ ?a a <{KG}Article> ; <{DCT}identifier> ?id ; "
                    f"<{DCT}title> ?t }} }}")
    return {row["id"].value: row["t"].value for row in rows}


def export(run: Any, store: Path) -> str:
    result = run("export", "--store", str(store), "--format", "nquads")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


# --- kg ingest URL ---------------------------------------------------------------------------------


def test_ingest_url_needs_fetch(run: Any, site: Site, tmp_path: Path) -> None:
    url = site.url("/news/berlin.html")
    result = run("ingest", url, "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"kg: {url}: fetching is off: pass --fetch to read URLs "
                                     "(or set fetch = true, KG_FETCH=1)")
    assert "nothing to ingest; store untouched" in result.stdout
    assert site.requests == [] and not (tmp_path / "store").exists()


def test_ingest_urls_with_fetch(run: Any, site: Site, tmp_path: Path) -> None:
    store = tmp_path / "store"
    page = site.url("/news/berlin.html")
    result = run("ingest", "--fetch", "--allow-private-addresses", page, site.url("/feed.rss"),
                 site.url("/missing.html"), "--store", str(store))
    assert result.exit_code == 2, result.output  # the missing page failed; the others are stored
    # Three writes: the Berlin page once given, once as the feed's entry (one id: the second replaces the first).
    assert "3 stored, 0 quarantined, 1 failed" in result.stdout
    assert f"kg: {site.url('/missing.html')}: HTTP 404 Not Found" in result.stderr
    titles = article_titles(store)
    assert sorted(titles.values()) == ["Accord à Vienne", "Rencontre à Berlin"]
    db = ox.Store.read_only(str(store))
    urls = {r["u"].value for r in db.query("SELECT ?u WHERE { GRAPH ?g { ?a <https://schema.org/url> ?u } }")}
    assert urls == {site.url(p) for p in PAGES}


def test_ingest_url_refuses_loopback_by_default(run: Any, tmp_path: Path) -> None:
    result = run("ingest", "--fetch", "http://127.0.0.1/a.html", "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert result.stderr.strip() == ("kg: http://127.0.0.1/a.html: refused: a loopback address 127.0.0.1 "
                                     "(private networks are not fetched)")


# --- kg watch --------------------------------------------------------------------------------------


def test_watch_once_stores_only_what_is_new_or_changed(run: Any, site: Site, tmp_path: Path) -> None:
    store, folder = tmp_path / "store", tmp_path / "saved"
    folder.mkdir()
    (folder / "note.txt").write_text("Visite à Rome\n\nLe ministre italien Marco Rossi a reçu à Rome son "
                                     "homologue espagnol Luis García.\n", encoding="utf-8")
    args = ("watch", "--once", "--fetch", "--allow-private-addresses", "--store", str(store),
            str(folder), site.url("/feed.rss"))
    first = run(*args)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == f"3 stored, 0 quarantined, 0 failed, 0 unchanged ({store})"
    assert first.stderr.count(" stored ") == 3 and "pass 1: 3 stored" in first.stderr
    assert (tmp_path / "store.watch.sqlite").is_file()
    before = export(run, store)

    second = run(*args)  # a new process as far as the state goes: it is read back from its file
    assert second.exit_code == 0, second.output
    assert second.stdout.strip() == f"0 stored, 0 quarantined, 0 failed, 3 unchanged ({store})"
    assert "pass 1: nothing new: 0 stored, 0 quarantined, 0 failed, 3 unchanged" in second.stderr
    assert second.stderr.count(" unchanged ") == 3
    assert export(run, store) == before  # not a quad written
    # The feed and its two pages were asked for again conditionally: the site sent no body.
    assert site.not_modified == 3 and "3 pages not modified (HTTP 304)" in second.stderr
    asked_again = [h.get("If-None-Match") for p, h in site.requests[-3:]]
    assert all(tag and tag.startswith('"') for tag in asked_again), site.requests[-3:]

    title, text = PAGES["/news/vienne.html"]
    site.page("/news/vienne.html", html_page("Accord signé à Vienne", text + " L'accord entre en vigueur en mai."),
              etag=True)
    third = run(*args)
    assert third.stdout.strip() == f"1 stored, 0 quarantined, 0 failed, 2 unchanged ({store})", third.output
    assert article_titles(store)[_id(site, "/news/vienne.html")] == "Accord signé à Vienne"

    # The page cannot be had this time: the feed gives its summary, which does not replace the page's text.
    site.page("/news/vienne.html", b"down for maintenance", "text/plain", status=503)
    down = run(*args)
    assert down.stdout.strip() == f"0 stored, 0 quarantined, 0 failed, 3 unchanged ({store})", down.output
    assert f"kept {_id(site, '/news/vienne.html')} as read from its page" in down.stderr
    assert article_titles(store)[_id(site, "/news/vienne.html")] == "Accord signé à Vienne"

    # A store replaced under the state is noticed: its articles are written again.
    import shutil

    shutil.rmtree(store)
    fourth = run(*args)
    assert fourth.stdout.strip() == f"3 stored, 0 quarantined, 0 failed, 0 unchanged ({store})", fourth.output


def _id(site: Site, path: str) -> str:
    from kg.ingest.readers import id_from_url

    return id_from_url(site.url(path))


def test_watch_failures_are_one_line_each_and_the_pass_goes_on(run: Any, site: Site, tmp_path: Path) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /news/vienne.html\n", "text/plain")
    site.page("/report.pdf", b"%PDF-1.7", "application/pdf")
    result = run("watch", "--once", "--fetch", "--allow-private-addresses", "--store", str(tmp_path / "store"),
                 site.url("/news/vienne.html"), site.url("/report.pdf"), site.url("/news/berlin.html"))
    assert result.exit_code == 2
    assert result.stdout.strip().startswith("1 stored, 0 quarantined, 2 failed, 0 unchanged")
    lines = [line for line in result.stderr.splitlines() if "127.0.0.1" in line and "pass " not in line]
    assert len(lines) == 3, result.stderr
    assert f"{site.url('/news/vienne.html')}: disallowed by" in lines[0]
    assert "not an HTML page or a feed (Content-Type: application/pdf)" in lines[1]
    assert " stored " in lines[2]


def test_watch_waits_for_a_locked_store(run: Any, site: Site, tmp_path: Path) -> None:
    store = tmp_path / "store"
    holder = ox.Store(str(store))  # a `kg ingest` holds the lock
    try:
        result = run("watch", "--once", "--fetch", "--allow-private-addresses", "--store", str(store),
                     site.url("/feed.rss"))
    finally:
        del holder
    assert result.exit_code == 2
    assert "pass 1: " in result.stderr and "locked by another writer" in result.stderr
    assert "trying again next pass" in result.stderr
    assert site.requests == []  # nothing fetched for a pass that cannot write


def test_fetch_setting_and_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """KG_FETCH=1 turns fetching on (here: refused at once, loopback); --no-fetch turns it off again."""
    monkeypatch.setenv("KG_FETCH", "1")
    url = "http://127.0.0.1/a.html"
    on = CliRunner().invoke(main, ["ingest", url, "--store", str(tmp_path / "s")])
    assert on.exit_code == 2 and "refused: a loopback address 127.0.0.1" in on.stderr
    off = CliRunner().invoke(main, ["ingest", url, "--no-fetch", "--store", str(tmp_path / "s")])
    assert off.exit_code == 2 and "fetching is off" in off.stderr


def test_watch_remote_store_needs_a_state_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", "--once", "--store", "http://127.0.0.1:9/sparql", str(tmp_path)])
    assert result.exit_code == 2 and "a remote store needs a state file" in result.stderr


def test_watch_urls_need_fetch_and_say_so_once(tmp_path: Path) -> None:
    url = "https://example.org/feed.rss"
    result = CliRunner().invoke(main, ["watch", "--store", str(tmp_path / "s"), str(tmp_path), url])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {url}: fetching is off: pass --fetch to read URLs (or set fetch = true, KG_FETCH=1)\n"


def test_watch_beside_a_running_server(run: Any, site: Site, tmp_path: Path) -> None:
    """`kg serve` keeps the store open read-only; each watch pass writes and the server sees it."""
    store = tmp_path / "store"
    args = ("watch", "--once", "--fetch", "--allow-private-addresses", "--store", str(store), site.url("/feed.rss"))
    assert run(*args).exit_code == 0
    berlin = _id(site, "/news/berlin.html")
    query = (f"SELECT ?t WHERE {{ GRAPH ?g {{ ?a <{DCT}identifier> \"{berlin}\" ; <{DCT}title> ?t }} }}")
    with serve_store(str(store)) as url:
        assert _titles(url, query) == ["Rencontre à Berlin"]
        title, text = PAGES["/news/berlin.html"]
        site.page("/news/berlin.html", html_page("Nouvelle rencontre à Berlin", text))
        result = run(*args)
        assert result.stdout.startswith("1 stored, 0 quarantined, 0 failed, 1 unchanged"), result.output
        deadline = time.monotonic() + 20
        while _titles(url, query) != ["Nouvelle rencontre à Berlin"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _titles(url, query) == ["Nouvelle rencontre à Berlin"]


def _titles(url: str, query: str) -> list[str]:
    import urllib.parse
    import urllib.request

    req = urllib.request.Request(f"{url}/sparql?{urllib.parse.urlencode({'query': query})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return [b["t"]["value"] for b in json.load(resp)["results"]["bindings"]]


def test_watch_stops_cleanly_on_sigint(run: Any, site: Site, tmp_path: Path) -> None:
    """SIGINT while a page is being fetched (second pass): exit 0, a summary, whole articles only."""
    store = tmp_path / "store"
    asked = threading.Event()
    release = threading.Event()
    title, text = PAGES["/news/vienne.html"]
    served = {"n": 0}

    def slow_second_time(handler: Any) -> None:
        served["n"] += 1
        if served["n"] >= 2:
            asked.set()
            release.wait(60)  # the watch is stopped meanwhile
        try:
            send(handler, 200, html_page(title, text).encode("utf-8"), "text/html; charset=utf-8")
        except OSError:
            return  # the watch hung up, as it should
    site.route("/news/vienne.html", slow_second_time)
    env = {**os.environ, "KG_FETCH_DELAY": "0", "KG_FETCH_TIMEOUT": "60", "KG_FETCH_TOTAL_TIMEOUT": "90"}
    cmd = [sys.executable, "-m", "kg.cli", "watch", "--fetch", "--allow-private-addresses", "--interval", "1",
           "--store", str(store), site.url("/feed.rss")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert asked.wait(240), "the second pass never asked for the page"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        release.set()
        if proc.poll() is None:
            stop_process(proc)
    assert proc.returncode == 0, err
    assert out.strip() == (f"kg watch: stopped by SIGINT after 2 passes: 2 stored, 0 quarantined, 0 failed, "
                           f"1 unchanged ({store}); every article is wholly stored or absent"), (out, err)
    assert "Traceback" not in err
    assert sorted(article_titles(store).values()) == ["Accord à Vienne", "Rencontre à Berlin"]
    # The state agrees with the store: a new pass finds both articles unchanged.
    again = run("watch", "--once", "--fetch", "--allow-private-addresses", "--store", str(store),
                site.url("/feed.rss"))
    assert again.stdout.strip() == f"0 stored, 0 quarantined, 0 failed, 2 unchanged ({store})", again.output


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stop_signal_interrupts_reading_but_not_writing(sig: signal.Signals) -> None:
    """Inside `interruptible()` (reading, fetching, extracting) a signal stops at once; outside it (a
    write, the state's record) it is only noted, and the next `interruptible()` stops."""
    from kg.watch import StopSignal

    stop = StopSignal()
    previous = signal.getsignal(sig)
    stop.install()
    try:
        with pytest.raises(KeyboardInterrupt):
            with stop.interruptible():
                os.kill(os.getpid(), sig)
                time.sleep(5)  # not reached: the handler raises as soon as it runs
        assert stop.requested == sig.name

        late = StopSignal()
        late.install()
        written = []
        os.kill(os.getpid(), sig)  # during a "write"
        time.sleep(0.01)  # let the handler run
        written.append("article")
        assert late.requested == sig.name and late.event.is_set() and written == ["article"]
        with pytest.raises(KeyboardInterrupt):
            list(late.iterate(iter([1, 2])))
        late.restore()
    finally:
        stop.restore()
    assert signal.getsignal(sig) == previous
