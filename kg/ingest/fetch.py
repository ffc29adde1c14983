"""Fetching pages and feeds over HTTP(S) for `kg ingest --fetch` and `kg watch`, within limits.

    fetcher = Fetcher(FetchLimits.of(settings))
    page = fetcher.fetch("https://example.org/news/1.html")   # a Page, or InputError naming the URL

Each request is one connection (no pooling, no proxy from the environment: a proxy would make its
own DNS lookup and reach what the checks below refuse), made to an address that was resolved once
and checked by `kg.ingest.addresses` (the Host header and TLS SNI carry the name; certificates are
verified against it). Every redirect hop is checked again: scheme, credentials, port, addresses,
robots.txt. Limits: a connect and a read timeout, a total time per request (a server dripping a
byte a second is cut off), a body size counted after decompression (gzip and deflate only, so a
compression bomb stops at the limit; kg.ingest.bounded reads it and watches the time), a number of
redirects, a loop of redirects, a pause between two requests to one host (raised by robots.txt's
Crawl-delay, up to MAX_CRAWL_DELAY). A caller holding a copy passes its ETag and Last-Modified
back (`validators`): a 304 answer then says the copy is current (`kg watch` keeps such copies).

robots.txt (RFC 9309, read by kg.ingest.robots) is read once per scheme, host and port and kept
ROBOTS_TTL seconds, for the user-agent token "newskg". One that is missing or forbidden (any 4xx) allows everything; one that
cannot be had (5xx, timeout, refused address, network error, too many redirects) disallows
everything, and is asked again after ROBOTS_RETRY seconds. Its first ROBOTS_MAX_BYTES are read.
"""
from __future__ import annotations

import dataclasses
import functools
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from kg import __version__
from kg.errors import InputError
from kg.ingest.addresses import ALLOWED_PORTS, Target, address_problem, check_url, numeric_host
from kg.ingest.bounded import Watchdog, read_body
from kg.ingest.robots import Robots, parse_robots

AGENT_TOKEN = "newskg"  # what robots.txt groups name to address this tool
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_TTL = 3600.0
ROBOTS_RETRY = 60.0
ROBOTS_MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 30.0
REDIRECTS = {301, 302, 303, 307, 308}

Resolver = Callable[[str, int], list[str]]  # host name, port -> IP addresses (strings)


@dataclass(frozen=True)
class FetchLimits:
    """What one Fetcher may do. Times in seconds, sizes in bytes."""

    user_agent: str = f"newskg/{__version__} (+https://w3id.org/newskg/)"
    connect_timeout: float = 10.0
    read_timeout: float = 10.0  # longest wait for any data once connected
    total_timeout: float = 30.0  # a whole request: resolve, connect, headers, body
    max_bytes: int = 5_000_000  # body after decompression
    max_redirects: int = 5
    host_delay: float = 1.0  # pause between two requests to one host
    allow_private: bool = False  # loopback, private and link-local addresses, any port: tests and intranets only

    @classmethod
    def of(cls, settings: Any) -> "FetchLimits":
        """The limits a kg.config.Settings gives."""
        return cls(user_agent=f"newskg/{__version__} (+{settings.fetch_contact})",
                   connect_timeout=settings.fetch_timeout, read_timeout=settings.fetch_timeout,
                   total_timeout=settings.fetch_total_timeout, max_bytes=settings.fetch_max_bytes,
                   max_redirects=settings.fetch_max_redirects, host_delay=settings.fetch_delay,
                   allow_private=settings.fetch_allow_private)


@dataclass(frozen=True)
class Page:
    """A fetched body with what the server said about it."""

    url: str  # where it was fetched from, after redirects
    requested: str  # the URL asked for
    content_type: str | None  # media type, lower case, without parameters; None when not given
    charset: str | None  # the Content-Type's charset parameter, if any
    body: bytes  # decoded from gzip or deflate
    etag: str | None = None  # the validators a conditional request sends back (If-None-Match, -Modified-Since)
    last_modified: str | None = None
    not_modified: bool = False  # 304 to a conditional request: no body, the caller's copy is current


class Fetcher:
    """Fetches URLs one at a time under `limits`. Not thread-safe: one per thread."""

    def __init__(self, limits: FetchLimits | None = None, resolver: Resolver | None = None,
                 tls: ssl.SSLContext | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.resolver = resolver or functools.partial(system_resolver, timeout=self.limits.connect_timeout)
        self.tls = tls or _tls_context()
        self._robots: dict[tuple[str, str, int], tuple[float, Robots | None, str | None]] = {}
        self._last_request: dict[tuple[str, str, int], float] = {}

    def fetch(self, url: str, accept: Callable[[str | None], bool] | None = None,
              validators: tuple[str | None, str | None] | None = None) -> Page:
        """The page at `url`, after redirects; InputError naming `url` for any problem.

        `accept(content_type)` is asked once the headers are in; False stops before the body is read.
        `validators` (ETag, Last-Modified) of a copy the caller holds make the request conditional:
        a Page with `not_modified` and no body says that copy is current.
        """
        target = self._check(url, url)
        seen = {target.url}
        for hop in range(self.limits.max_redirects + 1):
            # Addresses before robots.txt: a refused host is never asked anything.
            addresses = self._addresses(target, url, redirected=hop > 0)
            self._check_robots(target, url, redirected=hop > 0)
            status, reason, location, page = self._request(target, url, self.limits.max_bytes, accept,
                                                           addresses=addresses, validators=validators)
            if page is not None:
                return dataclasses.replace(page, requested=url)
            if status not in REDIRECTS:
                raise InputError(f"HTTP {status} {reason}".rstrip(), url)
            if not location:
                raise InputError(f"HTTP {status} redirect without a Location", url)
            nxt = self._check(urljoin(target.url, location), url)
            if nxt.url in seen:
                raise InputError(f"redirect loop ({target.url} -> {nxt.url})", url)
            seen.add(nxt.url)
            target = nxt
        raise InputError(f"too many redirects (more than {self.limits.max_redirects})", url)

    def _check(self, url: str, asked: str) -> Target:
        try:
            target = check_url(url)
        except InputError as e:
            if url == asked:
                raise
            raise InputError(f"redirected to a refused URL: {e}", asked) from e
        if not self.limits.allow_private and target.port not in ALLOWED_PORTS:
            ports = ", ".join(map(str, sorted(ALLOWED_PORTS)))
            hop = "" if url == asked else f"redirected to {target.url}: "
            raise InputError(f"{hop}port {target.port} is not fetched (only {ports})", asked)
        return target

    def _addresses(self, target: Target, asked: str, redirected: bool = False) -> list[str]:
        """The checked addresses of the target's host: all of them must pass."""
        hop = f"redirected to {target.url}: " if redirected else ""
        addresses = numeric_host(target.host)
        if addresses is None:
            try:
                addresses = self.resolver(target.host, target.port)
            except OSError as e:
                raise InputError(f"{hop}cannot resolve host {target.host} ({_reason(e)})", asked) from e
            if not addresses:
                raise InputError(f"{hop}host {target.host} has no address", asked)
            for address in addresses:
                problem = address_problem(address, self.limits.allow_private)
                if problem:
                    raise InputError(f"{hop}refused: {target.host} resolves to {problem} "
                                     "(private networks are not fetched)", asked)
            return addresses
        for address in addresses:
            problem = address_problem(address, self.limits.allow_private)
            if problem:
                raise InputError(f"{hop}refused: {problem} (private networks are not fetched)", asked)
        return addresses

    def _request(self, target: Target, asked: str, max_bytes: int, accept: Callable[[str | None], bool] | None,
                 robots: bool = False, addresses: list[str] | None = None,
                 validators: tuple[str | None, str | None] | None = None
                 ) -> tuple[int, str, str | None, Page | None]:
        """One request: (status, reason, Location, Page for a 200 answer or a 304 to `validators`, else None).

        `addresses` are the target's checked addresses, looked up here when not given. A robots.txt
        request (`robots`) keeps the first `max_bytes` of a larger body, and neither waits for the
        host's pause nor starts one: the page it is read for follows at once.
        """
        truncate = robots
        if addresses is None:
            addresses = self._addresses(target, asked)
        if not robots:
            self._pause(target)
        watchdog = Watchdog(self.limits.total_timeout)
        conn: http.client.HTTPConnection | None = None
        try:
            conn = self._connect(target, addresses, watchdog, asked)
            conn.putrequest("GET", target.path, skip_accept_encoding=True)
            headers = [("User-Agent", self.limits.user_agent), ("Accept", ACCEPT),
                       ("Accept-Encoding", "gzip, deflate"), ("Accept-Language", "fr, en;q=0.8"),
                       ("Connection", "close")]
            etag, modified = validators or (None, None)
            if etag:
                headers.append(("If-None-Match", etag))
            if modified:
                headers.append(("If-Modified-Since", modified))
            for name, value in headers:
                conn.putheader(name, value)
            conn.endheaders()
            resp = conn.getresponse()
            if resp.status == 304 and (etag or modified):
                return 304, resp.reason, None, Page(target.url, asked, None, None, b"", etag, modified, True)
            if resp.status not in (200, 203):
                return resp.status, resp.reason, resp.getheader("Location"), None
            ctype = resp.getheader("Content-Type")
            media = resp.headers.get_content_type() if ctype else None
            if accept is not None and not accept(media):
                raise InputError(f"not an HTML page or a feed (Content-Type: {ctype})", asked)
            length = resp.getheader("Content-Length")
            if not truncate and length and length.strip().isdigit() and int(length) > max_bytes:
                raise InputError(f"too large ({int(length)} bytes; limit {max_bytes})", asked)
            body = read_body(resp, max_bytes, truncate, asked)
            if watchdog.fired:  # the cut-off socket looked like the end of the body
                raise TimeoutError("total time limit")
            if resp.length and not (truncate and len(body) >= max_bytes):  # the server closed early
                raise http.client.IncompleteRead(body, resp.length)
            charset = resp.headers.get_content_charset() if ctype else None
            page = Page(target.url, asked, media, charset, body, _validator(resp.getheader("ETag")),
                        _validator(resp.getheader("Last-Modified")))
            return resp.status, resp.reason, None, page
        except InputError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as e:
            if watchdog.fired:
                raise InputError(f"took longer than {self.limits.total_timeout:g} s (total time limit)",
                                 asked) from e
            if isinstance(e, TimeoutError):
                raise InputError(f"timed out: no data for {self.limits.read_timeout:g} s", asked) from e
            if isinstance(e, ssl.SSLCertVerificationError):
                raise InputError(f"TLS certificate not accepted: {e.verify_message}", asked) from e
            if isinstance(e, ssl.SSLError):
                raise InputError(f"TLS error: {e.reason or e}", asked) from e
            if isinstance(e, http.client.HTTPException):
                raise InputError(f"malformed HTTP response ({type(e).__name__}: {e})", asked) from e
            raise InputError(f"network error: {_reason(e)}", asked) from e
        finally:
            watchdog.cancel()
            if conn is not None:
                conn.close()

    def _connect(self, target: Target, addresses: list[str], watchdog: "Watchdog",
                 asked: str) -> http.client.HTTPConnection:
        """A connection to the first of `addresses` that answers, speaking to `target.host`."""
        last: OSError | None = None
        for address in addresses:
            remaining = watchdog.remaining()
            if remaining <= 0:
                break
            timeout = min(self.limits.connect_timeout, remaining)
            try:
                sock = socket.create_connection((address, target.port), timeout=timeout)
            except OSError as e:  # TimeoutError among them
                last = e
                continue
            watchdog.attach(sock)
            sock.settimeout(self.limits.read_timeout)
            conn: http.client.HTTPConnection
            if target.scheme == "https":
                try:
                    sock = self.tls.wrap_socket(sock, server_hostname=target.host)
                except BaseException:
                    sock.close()
                    raise
                watchdog.attach(sock)
                conn = http.client.HTTPSConnection(target.host, target.port, context=self.tls)
            else:
                conn = http.client.HTTPConnection(target.host, target.port)
            conn.sock = sock  # connected to the checked address: http.client never resolves the name
            return conn
        if isinstance(last, TimeoutError):
            raise InputError(f"timed out: could not connect within {self.limits.connect_timeout:g} s", asked)
        raise InputError(f"cannot connect ({_reason(last) if last else 'no address'})", asked)

    def _pause(self, target: Target) -> None:
        """Wait so that two requests to one host are `host_delay` apart (or robots.txt's Crawl-delay)."""
        delay = self.limits.host_delay
        cached = self._robots.get(target.origin)
        if cached is not None and cached[1] is not None:
            crawl = cached[1].crawl_delay
            if crawl is not None:
                delay = max(delay, min(float(crawl), MAX_CRAWL_DELAY))
        last = self._last_request.get(target.origin)
        if last is not None and delay > 0:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_request[target.origin] = time.monotonic()

    def _check_robots(self, target: Target, asked: str, redirected: bool) -> None:
        now = time.monotonic()
        cached = self._robots.get(target.origin)
        if cached is None or cached[0] <= now:
            rules, failure = self._read_robots(target)
            ttl = ROBOTS_TTL if failure is None else ROBOTS_RETRY
            cached = (time.monotonic() + ttl, rules, failure)
            self._robots[target.origin] = cached
        _, rules, failure = cached
        hop = f"redirected to {target.url}: " if redirected else ""
        if failure is not None:
            raise InputError(f"{hop}robots.txt of {target.netloc} could not be read ({failure}): "
                             "taken as disallowing everything", asked)
        if rules is not None and not rules.allows(target.path):
            raise InputError(f"{hop}disallowed by {target.scheme}://{target.netloc}/robots.txt", asked)

    def _read_robots(self, site: Target) -> tuple[Robots | None, str | None]:
        """(rules, None); (None, None) when everything is allowed; (None, why) when it could not be read."""
        url = f"{site.scheme}://{site.netloc}/robots.txt"
        target = check_url(url)
        seen = {target.url}
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            try:
                status, reason, location, page = self._request(target, url, ROBOTS_MAX_BYTES, None, robots=True)
            except InputError as e:
                return None, str(e).removeprefix(f"{url}: ")
            if page is not None:
                return parse_robots(page.body.decode("utf-8", "replace"), AGENT_TOKEN), None
            if status in REDIRECTS and location:
                try:
                    target = self._check(urljoin(target.url, location), url)
                except InputError as e:
                    return None, str(e).removeprefix(f"{url}: ")
                if target.url in seen:
                    return None, "redirect loop"
                seen.add(target.url)
                continue
            if 400 <= status < 500:
                return None, None  # RFC 9309 2.3.1.3: unavailable, so no rules
            return None, f"HTTP {status} {reason}".rstrip()
        return None, "too many redirects"


def system_resolver(host: str, port: int, timeout: float = 10.0) -> list[str]:
    """The host's addresses from the system resolver, in its order; OSError if none within `timeout`."""
    result: list[Any] = []

    def lookup() -> None:
        try:
            result.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as e:
            result.append(e)
    worker = threading.Thread(target=lookup, daemon=True)  # getaddrinfo has no timeout of its own
    worker.start()
    worker.join(timeout)
    if not result:
        raise TimeoutError(f"no answer within {timeout:g} s")
    if isinstance(result[0], BaseException):
        raise OSError(_reason(result[0])) from result[0]
    seen: list[str] = []
    for info in result[0]:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth sending back: short and printable, else None."""
    return value if value and len(value) <= 512 and value.isprintable() else None


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def _tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx
