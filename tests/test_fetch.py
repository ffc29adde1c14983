"""Fetching URLs (kg.ingest.fetch, kg.ingest.addresses, kg.ingest.urls): limits, robots.txt, and no
request ever reaching loopback, private or link-local addresses unless explicitly allowed.

Every server here is tests/httpsite.Site on 127.0.0.1. Host names are resolved by a resolver the
tests pass in; "public" addresses (documentation-free, globally routable) are never connected to:
`fake_public` routes a connection to them to the local site instead, and any other connection
fails the test.
"""
from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from httpsite import Site, html_page, rss_feed, send

from kg.errors import InputError
from kg.ingest import IngestReport
from kg.ingest.addresses import address_problem, check_url
from kg.ingest.fetch import Fetcher, FetchLimits
from kg.ingest.readers import Record, id_from_url
from kg.ingest.urls import FETCHING_OFF, read_url

PUBLIC = "93.184.216.34"  # globally routable; never really contacted (see fake_public)
ARTICLE = ("Le ministre des Affaires étrangères Jean Dupont a rencontré son homologue allemand à Berlin. "
           "Les deux hommes ont signé un accord sur la coopération culturelle entre les deux pays.")

NAMES = {
    "news.test": ["127.0.0.1"],
    "public.test": [PUBLIC],
    "intranet.test": ["10.0.0.1"],
    "private5.test": ["10.0.0.5"],
    "metadata.test": ["169.254.169.254"],
    "v6loop.test": ["::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "mixed.test": [PUBLIC, "192.168.1.20"],
    "cgnat.test": ["100.64.3.4"],
    "multicast.test": ["224.0.0.251"],
}


def resolver(host: str, port: int) -> list[str]:
    try:
        return NAMES[host]
    except KeyError:
        raise OSError(f"test resolver: unknown host {host}") from None


def limits(**changes: Any) -> FetchLimits:
    base = dict(connect_timeout=2.0, read_timeout=2.0, total_timeout=5.0, max_bytes=200_000, max_redirects=5,
                host_delay=0.0, allow_private=True)
    return FetchLimits(**{**base, **changes})


@pytest.fixture()
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture()
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Any connection attempt fails the test (and is recorded)."""
    attempts: list[tuple[str, int]] = []

    def refuse(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(address)
        raise AssertionError(f"connection attempted to {address}")
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.fixture()
def fake_public(monkeypatch: pytest.MonkeyPatch, site: Site) -> list[tuple[str, int]]:
    """Connections to PUBLIC:80 go to the local site instead; any other connection fails the test."""
    real = socket.create_connection
    attempts: list[tuple[str, int]] = []

    def route(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(address)
        if address == (PUBLIC, 80):
            return real(("127.0.0.1", site.port), *args, **kwargs)
        raise AssertionError(f"connection attempted to {address}")
    monkeypatch.setattr(socket, "create_connection", route)
    return attempts


def refused(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(InputError) as info:
        fetcher.fetch(url)
    message = str(info.value)
    assert message.startswith(url) or "…@" in message, message
    assert "\n" not in message
    return message


# --- Addresses -----------------------------------------------------------------------------------


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
    ("10.0.0.5", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fd00::1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("100.64.0.1", "shared"), ("192.0.2.1", "documentation"), ("240.0.0.1", "reserved"),
    ("::ffff:127.0.0.1", "loopback IPv4"), ("::ffff:10.0.0.1", "private IPv4"),
    ("64:ff9b::a9fe:a9fe", "link-local IPv4"), ("2002:a9fe:a9fe::1", "link-local IPv4"),
    ("fec0::1", "private"),
])
def test_refused_addresses(address: str, kind: str) -> None:
    problem = address_problem(address)
    assert problem is not None and kind in problem, problem


@pytest.mark.parametrize("address", [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


def test_allow_private_still_refuses_unspecified_and_multicast() -> None:
    assert address_problem("127.0.0.1", allow_private=True) is None
    assert address_problem("10.0.0.1", allow_private=True) is None
    assert "unspecified" in (address_problem("0.0.0.0", allow_private=True) or "")
    assert "multicast" in (address_problem("224.0.0.1", allow_private=True) or "")


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.org/a", "only http:// and https://"),
    ("file:///etc/passwd", "only http:// and https://"),
    ("http://user:secret@example.org/", "credentials"),
    ("http://example.org/a b", "spaces"),
    ("http:///path", "without a host"),
    ("http://example.org:99999/", "not a valid URL"),
    ("http://[fe80::1%25eth0]/", "zone"),
])
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        check_url(url)
    assert reason in str(info.value)
    assert "secret" not in str(info.value)


def test_check_url_normalises() -> None:
    t = check_url("HTTP://Exemple.Fr/actualités/été?q=un été#haut".replace(" ", "%20"))
    assert t.url == "http://exemple.fr/actualit%C3%A9s/%C3%A9t%C3%A9?q=un%20%C3%A9t%C3%A9"
    assert (t.host, t.port, t.scheme) == ("exemple.fr", 80, "http")
    assert check_url("https://bücher.example/").host == "xn--bcher-kva.example"


# --- Server-side request forgery: nothing private is ever contacted by default ---------------------


@pytest.mark.parametrize("url, says", [
    ("http://127.0.0.1/", "loopback address 127.0.0.1"),
    ("http://localhost.test/", "cannot resolve"),  # unknown to the test resolver: no lookup leaves
    ("http://10.0.0.5/", "private address 10.0.0.5"),
    ("HTTP://10.0.0.5", "refused: a private address 10.0.0.5"),  # said of the URL itself, not of a redirect
    ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
    ("http://[::1]/", "loopback address ::1"),
    ("http://[::ffff:127.0.0.1]/", "loopback IPv4 address 127.0.0.1"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://2130706433/", "loopback address 127.0.0.1"),  # 127.0.0.1 as one number
    ("http://0x7f.1/", "loopback address 127.0.0.1"),
    ("http://127.1/", "loopback address 127.0.0.1"),
    ("http://intranet.test/", "intranet.test resolves to a private address 10.0.0.1"),
    ("http://private5.test/", "resolves to a private address 10.0.0.5"),
    ("http://metadata.test/latest/", "resolves to a link-local address 169.254.169.254"),
    ("http://v6loop.test/", "resolves to a loopback address ::1"),
    ("http://mapped.test/", "loopback IPv4 address 127.0.0.1"),
    ("http://mixed.test/", "resolves to a private address 192.168.1.20"),
    ("http://cgnat.test/", "shared (carrier-grade NAT) address"),
    ("http://multicast.test/", "multicast address"),
    ("http://public.test:22/", "port 22 is not fetched"),
    ("http://public.test:6379/", "port 6379 is not fetched"),
])
def test_default_refuses_private_targets(no_connections: list[Any], url: str, says: str) -> None:
    fetcher = Fetcher(limits(allow_private=False), resolver=resolver)
    message = refused(fetcher, url)
    assert says in message and "redirected" not in message
    assert no_connections == []


def test_redirect_to_a_private_host_is_refused(site: Site, fake_public: list[tuple[str, int]]) -> None:
    site.redirect("/go", "http://metadata.test/latest/meta-data/")
    site.redirect("/go-literal", "http://10.0.0.1:80/admin")
    site.redirect("/go-local", "http://localhost:8080/")
    fetcher = Fetcher(limits(allow_private=False), resolver=resolver)
    message = refused(fetcher, "http://public.test/go")
    assert "redirected to http://metadata.test/latest/meta-data/" in message
    assert "link-local address 169.254.169.254" in message
    assert "private address 10.0.0.1" in refused(fetcher, "http://public.test/go-literal")
    assert "cannot resolve host localhost" in refused(fetcher, "http://public.test/go-local")
    assert set(fake_public) == {(PUBLIC, 80)}  # only the public host was contacted


def test_connects_to_the_checked_address_only(site: Site, fake_public: list[tuple[str, int]]) -> None:
    """DNS rebinding: the name resolves to a public address when checked, to loopback afterwards.

    The page's lookup and robots.txt's each happen once and their connections go to the address
    checked; a client that looked the name up again to connect would reach 127.0.0.1 (and fail here).
    """
    site.page("/a.html", html_page("Titre", ARTICLE))
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return [PUBLIC] if len(calls) <= 2 else ["127.0.0.1"]
    fetcher = Fetcher(limits(allow_private=False), resolver=rebinding)
    assert b"homologue" in fetcher.fetch("http://public.test/a.html").body
    assert calls == ["public.test", "public.test"]  # the page, then robots.txt
    assert fake_public == [(PUBLIC, 80), (PUBLIC, 80)]
    assert {headers["Host"] for _, headers in site.requests} == {"public.test"}
    assert "loopback address 127.0.0.1" in refused(fetcher, "http://public.test/a.html")  # now it says so


def test_host_header_and_user_agent(site: Site) -> None:
    site.page("/a.html", html_page("Titre", ARTICLE), content_type="text/html; charset=ISO-8859-1")
    fetcher = Fetcher(limits(user_agent="newskg/9.9 (+mailto:ops@example.org)"), resolver=resolver)
    page = fetcher.fetch(site.url("/a.html", host="news.test"))
    assert page.content_type == "text/html" and page.charset == "iso-8859-1"
    path, headers = site.requests[-1]
    assert path == "/a.html" and headers["Host"] == f"news.test:{site.port}"
    assert headers["User-Agent"] == "newskg/9.9 (+mailto:ops@example.org)"
    assert "gzip" in headers["Accept-Encoding"]


def test_default_user_agent_names_tool_version_and_contact() -> None:
    from kg import __version__
    from kg.config import Settings

    agent = FetchLimits.of(Settings(fetch_contact="mailto:veille@example.org")).user_agent
    assert agent == f"newskg/{__version__} (+mailto:veille@example.org)"


# --- Limits -----------------------------------------------------------------------------------------


def test_redirects_followed_loops_and_too_many(site: Site) -> None:
    site.page("/end.html", html_page("Titre", ARTICLE))
    site.redirect("/r1", "/r2", 301)
    site.redirect("/r2", site.url("/end.html"), 308)
    page = Fetcher(limits(), resolver=resolver).fetch(site.url("/r1"))
    assert page.url == site.url("/end.html") and page.requested == site.url("/r1")
    site.redirect("/loop-a", "/loop-b")
    site.redirect("/loop-b", "/loop-a")
    assert "redirect loop" in refused(Fetcher(limits(), resolver=resolver), site.url("/loop-a"))
    for i in range(6):
        site.redirect(f"/chain{i}", f"/chain{i + 1}")
    assert "too many redirects (more than 3)" in refused(Fetcher(limits(max_redirects=3)), site.url("/chain0"))


def test_slow_server_times_out(site: Site) -> None:
    def slow(h: Any) -> None:
        time.sleep(1.5)
        send(h, 200, b"<html>late</html>", "text/html")
    site.route("/slow", slow)
    started = time.monotonic()
    message = refused(Fetcher(limits(read_timeout=0.3)), site.url("/slow"))
    assert "timed out: no data for 0.3 s" in message
    assert time.monotonic() - started < 1.4


def test_dripping_server_stops_at_total_time(site: Site) -> None:
    def drip(h: Any) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100")
        h.end_headers()
        try:
            for _ in range(100):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return  # the fetcher hung up, as it should
    site.route("/drip", drip)
    started = time.monotonic()
    message = refused(Fetcher(limits(read_timeout=1.0, total_timeout=0.6)), site.url("/drip"))
    assert "took longer than 0.6 s (total time limit)" in message
    assert time.monotonic() - started < 2.0


def test_huge_body_refused_by_length_and_while_streaming(site: Site) -> None:
    site.page("/big", b"<html>" + b"a" * 300_000)
    assert "too large (300006 bytes; limit 200000)" in refused(Fetcher(limits()), site.url("/big"))

    def chunked(h: Any) -> None:  # no Content-Length: the size shows only while reading
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        try:
            for _ in range(40):
                piece = b"b" * 10_000
                h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            h.wfile.write(b"0\r\n\r\n")
        except OSError:
            return  # the fetcher stopped reading, as it should
    site.route("/stream", chunked)
    assert "too large (over 200000 bytes)" in refused(Fetcher(limits()), site.url("/stream"))


def test_gzip_bomb_stops_at_the_limit(site: Site) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB that would be 50 MB
    assert len(bomb) < 200_000
    site.page("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    message = refused(Fetcher(limits()), site.url("/bomb"))
    assert "too large (over 200000 bytes after decompression)" in message


def test_gzip_and_deflate_bodies_are_decoded(site: Site) -> None:
    text = html_page("Titre", ARTICLE).encode("utf-8")
    site.page("/gz", gzip.compress(text), headers={"Content-Encoding": "gzip"})
    site.page("/zlib", zlib.compress(text), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(wbits=-15)
    site.page("/raw", raw.compress(text) + raw.flush(), headers={"Content-Encoding": "deflate"})
    fetcher = Fetcher(limits())
    for path in ("/gz", "/zlib", "/raw"):
        assert fetcher.fetch(site.url(path)).body == text, path
    site.page("/br", b"xx", headers={"Content-Encoding": "br"})
    assert "unsupported Content-Encoding 'br'" in refused(fetcher, site.url("/br"))
    site.page("/corrupt", b"this is not gzip", headers={"Content-Encoding": "gzip"})
    assert "corrupt gzip body" in refused(fetcher, site.url("/corrupt"))


def test_http_errors_and_refused_connections(site: Site) -> None:
    site.page("/gone", b"gone", "text/plain", status=410)
    site.page("/boom", b"oops", "text/plain", status=503)
    fetcher = Fetcher(limits())
    assert refused(fetcher, site.url("/missing")).endswith("HTTP 404 Not Found")
    assert refused(fetcher, site.url("/gone")).endswith("HTTP 410 Gone")
    assert refused(fetcher, site.url("/boom")).endswith("HTTP 503 Service Unavailable")
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert "cannot connect (Connection refused)" in refused(fetcher, f"http://127.0.0.1:{port}/")


# --- robots.txt ----------------------------------------------------------------------------------


def test_robots_txt_disallow_and_cache(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: newskg\nDisallow: /nokg/\n",
              "text/plain")
    site.page("/ok.html", html_page("Titre", ARTICLE))
    site.page("/private/a.html", html_page("Titre", ARTICLE))
    site.page("/nokg/a.html", html_page("Titre", ARTICLE))
    fetcher = Fetcher(limits())
    fetcher.fetch(site.url("/ok.html"))
    fetcher.fetch(site.url("/ok.html"))
    assert f"disallowed by http://127.0.0.1:{site.port}/robots.txt" in refused(fetcher, site.url("/nokg/a.html"))
    # Our group ("newskg") replaces the "*" group, as RFC 9309 says: /private/ is allowed to us.
    fetcher.fetch(site.url("/private/a.html"))
    assert site.paths().count("/robots.txt") == 1
    assert "/nokg/a.html" not in site.paths()


def test_robots_txt_checked_on_each_redirect_hop(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /closed/\n", "text/plain")
    site.redirect("/open", "/closed/page.html")
    message = refused(Fetcher(limits()), site.url("/open"))
    assert "redirected to" in message and "disallowed by" in message
    assert "/closed/page.html" not in site.paths()


def test_robots_txt_unavailable_allows_unreachable_disallows(site: Site) -> None:
    site.page("/a.html", html_page("Titre", ARTICLE))
    site.page("/robots.txt", b"no", "text/plain", status=403)
    assert Fetcher(limits()).fetch(site.url("/a.html")).body  # 4xx: no rules
    site.page("/robots.txt", b"down", "text/plain", status=503)
    message = refused(Fetcher(limits()), site.url("/a.html"))
    assert "robots.txt of 127.0.0.1" in message and "HTTP 503" in message and "disallowing everything" in message
    assert site.paths()[-1] == "/robots.txt"  # the page itself was not asked for


# --- Pages and feeds (kg.ingest.urls) ------------------------------------------------------------


def test_read_url_without_fetcher_is_one_error() -> None:
    items = list(read_url("https://example.org/a.html", None, IngestReport()))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert str(items[0]) == f"https://example.org/a.html: {FETCHING_OFF}"


def test_read_url_page(site: Site) -> None:
    site.page("/news/rencontre.html", html_page("Rencontre à Berlin", ARTICLE))
    items = list(read_url(site.url("/news/rencontre.html"), Fetcher(limits()), IngestReport()))
    assert len(items) == 1 and isinstance(items[0], Record), items
    record = items[0]
    assert record.title == "Rencontre à Berlin" and "homologue allemand" in record.text
    assert record.url == site.url("/news/rencontre.html")


def test_read_url_refuses_other_types_before_reading_them(site: Site) -> None:
    site.page("/report.pdf", b"%PDF-1.7" + b"\0" * 1000, "application/pdf")
    site.page("/data.json", b'{"a": 1}', "application/json")
    site.page("/plain.txt", b"just words, no markup", "text/plain")
    fetcher = Fetcher(limits())
    for path, ctype in (("/report.pdf", "application/pdf"), ("/data.json", "application/json"),
                        ("/plain.txt", "text/plain")):
        items = list(read_url(site.url(path), fetcher, IngestReport()))
        assert len(items) == 1 and isinstance(items[0], InputError), items
        assert str(items[0]) == f"{site.url(path)}: not an HTML page or a feed (Content-Type: {ctype})"


def test_read_url_feed_fetches_linked_pages(site: Site) -> None:
    site.page("/news/1.html", html_page("Première rencontre", ARTICLE))
    site.page("/news/2.html", html_page("Deuxième rencontre", ARTICLE.replace("Berlin", "Vienne")))
    site.page("/feed.rss", rss_feed(site, [("Première", "/news/1.html"), ("Deuxième", "/news/2.html"),
                                           ("Disparue", "/news/404.html")]),
              "application/rss+xml; charset=utf-8")
    report = IngestReport()
    items = list(read_url(site.url("/feed.rss"), Fetcher(limits()), report))
    records = [i for i in items if isinstance(i, Record)]
    assert [r.title for r in records[:2]] == ["Première rencontre", "Deuxième rencontre"]
    assert "Vienne" in records[1].text and records[1].url == site.url("/news/2.html")
    # The missing page: its summary stands in (a note says so), the 404 is not lost in silence.
    assert len(items) == 3 and records[2].text.endswith("Résumé.")
    assert "/news/404.html" in site.paths()
    assert any("only a summary" in note for note in report.notes)


def test_feed_links_to_private_hosts_are_refused(site: Site, fake_public: list[tuple[str, int]]) -> None:
    """A public feed linking to the intranet: its entries are not fetched from there."""
    feed = rss_feed(site, [("Interne", "/x")], host="intranet.test").replace(f"intranet.test:{site.port}",
                                                                           "intranet.test")
    site.page("/feed.rss", feed, "application/rss+xml")
    fetcher = Fetcher(limits(allow_private=False), resolver=resolver)
    items = list(read_url("http://public.test/feed.rss", fetcher, IngestReport()))
    assert set(fake_public) == {(PUBLIC, 80)}
    assert len(items) == 1  # the summary, since the page could not be had


def test_a_page_cannot_claim_another_sites_url(site: Site) -> None:
    """The canonical URL gives the id: a page claiming another host's would replace that article."""
    foreign = html_page("Titre", ARTICLE).replace(
        "<title>", '<link rel="canonical" href="https://www.lemonde.fr/international/article/1.html"><title>')
    own = html_page("Titre", ARTICLE).replace(
        "<title>", f'<link rel="canonical" href="{site.url("/canonical.html")}"><title>')
    site.page("/copy.html", foreign)
    site.page("/own.html", own)
    fetcher = Fetcher(limits())
    copy, = read_url(site.url("/copy.html"), fetcher, IngestReport())
    assert isinstance(copy, Record)
    assert (copy.id, copy.url) == (id_from_url(site.url("/copy.html")), site.url("/copy.html"))
    kept, = read_url(site.url("/own.html"), fetcher, IngestReport())
    assert isinstance(kept, Record) and kept.url == site.url("/canonical.html")


def test_pause_between_requests_to_one_host(site: Site) -> None:
    site.page("/a.html", html_page("Titre", ARTICLE))
    fetcher = Fetcher(limits(host_delay=0.4))
    started = time.monotonic()
    fetcher.fetch(site.url("/a.html"))  # robots.txt, then the page at once
    first = time.monotonic() - started
    fetcher.fetch(site.url("/a.html"))
    assert first < 0.35 and time.monotonic() - started >= 0.4


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for news.test (made by the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=news.test",
                    "-addext", "subjectAltName=DNS:news.test"], check=True, capture_output=True)
    return key, cert


def test_https_speaks_to_the_name_while_connecting_to_the_checked_address(certificate: tuple[Path, Path]) -> None:
    """TLS to 127.0.0.1 (what news.test resolved to): SNI and certificate check use the name."""
    key, cert = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))
    names: list[str | None] = []
    server_tls.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment]
    with Site(tls=server_tls) as tls_site:
        tls_site.page("/a.html", html_page("Titre", ARTICLE))
        fetcher = Fetcher(limits(), resolver=lambda host, port: ["127.0.0.1"], tls=client_tls)
        page = fetcher.fetch(tls_site.url("/a.html", host="news.test"))
        assert page.url == tls_site.url("/a.html", host="news.test") and b"homologue" in page.body
        assert set(names) == {"news.test"}
        message = refused(fetcher, tls_site.url("/a.html", host="other.test"))
        assert "TLS certificate not accepted" in message and "other.test" in message


def test_local_feed_file_reads_linked_pages_only_with_a_fetcher(site: Site, tmp_path: Path) -> None:
    from kg.ingest import read_articles
    from kg.model import Article

    site.page("/news/1.html", html_page("Première rencontre", ARTICLE))
    feed = tmp_path / "journal.rss"
    feed.write_text(rss_feed(site, [("Première", "/news/1.html")]), encoding="utf-8")
    with_fetch, = read_articles([feed], fetcher=Fetcher(limits()))
    assert isinstance(with_fetch, Article) and "homologue allemand" in with_fetch.text
    report = IngestReport()
    without, = read_articles([feed], report=report)
    assert isinstance(without, Article) and without.text.endswith("Résumé.")
    assert any("fetching the linked pages was off" in note for note in report.notes)
    assert site.paths().count("/news/1.html") == 1


ROBOTS = """# RFC 9309's rules, as sites write them
User-agent: *
Disallow: /

User-agent: NewsKG/2.0   # our token, in another case, with a version
Disallow: /news/
Allow: /news/public/
Disallow: /*.pdf$
Disallow: /été/
Allow: /page
Disallow: /page
Crawl-delay: nan

user-agent: other-bot
user-agent: newskg
disallow: /shared-group/
"""


@pytest.mark.parametrize("path, allowed", [
    ("/", True), ("/index.html", True),                          # the * group does not apply to us
    ("/news/2024/a.html", False), ("/news/public/a.html", True),  # the longest match wins
    ("/docs/report.pdf", False), ("/docs/report.pdf?page=2", True), ("/docs/report.pdfx", True),
    ("/%C3%A9t%C3%A9/plage.html", False), ("/%c3%a9t%c3%a9/plage.html", False),
    ("/page", True),                                             # a tie goes to Allow
    ("/shared-group/x", False),                                  # groups naming us are merged
    ("/robots.txt", True),
])
def test_robots_rules_rfc9309(path: str, allowed: bool) -> None:
    from kg.ingest.robots import parse_robots

    rules = parse_robots(ROBOTS, "newskg")
    assert rules.allows(path) is allowed
    assert rules.crawl_delay is None  # "nan" is not a delay


def test_robots_star_group_and_empty_disallow() -> None:
    from kg.ingest.robots import parse_robots

    assert not parse_robots("User-agent: *\nDisallow: /\n", "newskg").allows("/a")
    assert parse_robots("User-agent: *\nDisallow:\n", "newskg").allows("/a")
    assert parse_robots("Disallow: /\n", "newskg").allows("/a")  # a rule outside any group is ignored
    assert parse_robots("User-agent: *\nCrawl-delay: 2\n", "newskg").crawl_delay == 2.0
