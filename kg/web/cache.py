"""The front door of the web app: fair use first, then answers kept under the store's version.

Every request goes through `FrontDoor`, a WSGI layer in front of Flask. It tells the client
apart (`kg.web.ratelimit.client_key`) and takes a token from its bucket; a refused request goes
on to Flask, which answers 429 (so a cached answer is never a way around the rate limit).

Then, for a GET or HEAD (any path) or a POST to /sparql with a body of at most
`MAX_BODY_KEY` bytes, it looks in a `ResponseCache`: the key is everything of the request that
an answer depends on (method class, path, raw URI, query string, Accept, Host, scheme,
Content-Type, body), the entry carries the store version (`kg.store.version`) it was computed
at, and it is served only while that is still the store's version, which every write changes.
So a page or query answer is never staler than without the cache: the reader checks the
version as often as it used to reopen the store (every second). What is cached: 200 answers
of the pages and of /sparql (the views mark them, `mark_cacheable`); never an error, a 503 for
a query that timed out, a 429, nor a streamed file. The cache holds at most `max_bytes`
(least recently used entries go first); a remote store has no version and nothing is cached.

Every cacheable answer carries a strong `ETag` (a digest of its type and body), and a GET
whose `If-None-Match` names it is answered 304 without a body, cached or not.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, NamedTuple

from kg.web.ratelimit import client_key

if TYPE_CHECKING:
    from kg.web.app import WebContext

log = logging.getLogger("kg.web")

MAX_BODY_KEY = 64 << 10  # a POST body longer than this is not read up front nor cached
ENTRY_OVERHEAD = 512  # bytes counted per entry on top of its key, headers and body
# Environ keys the front door and the app pass each other.
CLIENT = "kg.client"  # the client's identity (None: loopback, not limited)
REFUSAL = "kg.refusal"  # a kg.web.ratelimit.Refusal: Flask answers 429
CACHEABLE = "kg.cacheable"  # set by the app on a 200 answer that depends only on the key
VERSION = "kg.version"  # the store version the answer was computed at (the app may set the worker's)
_DROPPED_ON_304 = frozenset({"content-length", "content-type"})
_STATUS_LINES = {200: "200 OK"}

StartResponse = Callable[..., Any]
Key = tuple[str, ...] | tuple[Any, ...]


class Cached(NamedTuple):
    """One kept answer: its status line, headers, body and ETag, and the store version it holds.

    The cache holds it as a plain tuple of strings all through (the key as well): the garbage collector
    stops tracking such tuples (not those of a subclass), so that tens of thousands of kept answers are
    not walked at each of its full collections."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    version: str
    size: int


_VERSION, _SIZE = Cached._fields.index("version"), Cached._fields.index("size")


class ResponseCache:
    """Answers by request key, each valid for one store version; bounded in bytes, least recently used out."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max(64 << 10, max_bytes // 16)  # one answer may take at most this much
        self._entries: OrderedDict[Key, tuple[Any, ...]] = OrderedDict()  # Cached, as plain tuples
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Key, version: str) -> Cached | None:
        """The answer kept for `key` if it was computed at `version` (an older one is dropped)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[_VERSION] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                return Cached._make(entry)
            if entry is not None:
                self._drop(key)
            self.misses += 1
            return None

    def put(self, key: Key, entry: Cached) -> bool:
        """Keep `entry` (False if it is larger than one entry may be)."""
        if entry.size > self.max_entry:
            return False
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = tuple(entry)  # a plain tuple of strings: untracked by the garbage collector
            self._bytes += entry.size
            while self._bytes > self.max_bytes and self._entries:
                self._drop(next(iter(self._entries)))
        return True

    def stats(self) -> tuple[int, int]:
        """(entries, bytes) held now."""
        with self._lock:
            return len(self._entries), self._bytes

    def _drop(self, key: Key) -> None:
        self._bytes -= self._entries.pop(key)[_SIZE]


def etag_of(content_type: str, body: bytes) -> str:
    """A strong validator: the same type and bytes give the same tag, whatever the store version."""
    digest = hashlib.blake2b(body, digest_size=12, key=content_type.encode()[:64]).hexdigest()
    return f'"{digest}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 says for it) or is `*`."""
    value = if_none_match.strip()
    if value == "*":
        return True
    for tag in value.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == etag:
            return True
    return False


class FrontDoor:
    """WSGI layer in front of the Flask app: fair use for every request, then the response cache."""

    def __init__(self, app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]], context: "WebContext",
                 cache: ResponseCache | None) -> None:
        from kg.web.sparql import answer_headers, bounded_answer

        self.app = app
        self.context = context
        self.cache = cache
        self.bounded = bounded_answer
        self.answer_headers = answer_headers

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        settings = self.context.settings
        client = client_key(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"),
                            settings.trust_forwarded)
        environ[CLIENT] = client
        if client is not None:
            refusal = self.context.fair.admit(client)
            if refusal is not None:
                environ[REFUSAL] = refusal
                return self.app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        sparql = environ.get("PATH_INFO") == "/sparql"
        if method not in ("GET", "HEAD", "POST") or (method == "POST" and not sparql):
            return self.app(environ, start_response)
        read = self._key(environ, method)
        if read is None:
            return self.app(environ, start_response)
        key, body = read
        version: str | None = None
        if self.cache is not None:
            version = self.context.reader.current()[1]
            if version is not None:
                hit = self.cache.get(key, version)
                if hit is not None:
                    return self._send(environ, start_response, hit.status, hit.headers, hit.body, hit.etag)
        # A HEAD is answered from a GET's entry; one that misses goes to the app as it is (its empty
        # body is no answer to keep, nor to make an ETag of).
        if method == "HEAD":
            return self.app(environ, start_response)
        if sparql:
            answer = self.bounded(environ, body, self.context)
            if answer is not None:  # a one-pattern query, answered in this process (kg.query.bounded)
                status = _STATUS_LINES.get(answer.status) or f"{answer.status} {HTTPStatus(answer.status).phrase}"
                headers = self.answer_headers(answer, settings.max_rows)
                if answer.status != 200:
                    start_response(status, [*headers, ("Content-Length", str(len(answer.body)))])
                    return [answer.body]
                # answer_headers: the Content-Type first, no ETag nor Content-Length (_keep adds them).
                return self._keep(environ, start_response, key, answer.version, status, headers, answer.body,
                                  headers[0][1])
        environ[VERSION] = version
        return self._through(environ, start_response, key)

    def _key(self, environ: dict[str, Any], method: str) -> tuple[Key, bytes] | None:
        """What an answer depends on, and the body; None when the request is not worth keeping (a long or
        unsized body)."""
        body = b""
        if method == "POST":
            length = environ.get("CONTENT_LENGTH") or ""
            if not length.isdigit() or int(length) > MAX_BODY_KEY or environ.get("HTTP_TRANSFER_ENCODING"):
                return None
            body = environ["wsgi.input"].read(int(length))
            environ["wsgi.input"] = io.BytesIO(body)  # the app reads it again
            environ["CONTENT_LENGTH"] = str(len(body))
        return ("POST" if method == "POST" else "GET", environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""),
                environ.get("REQUEST_URI") or environ.get("RAW_URI") or "", environ.get("QUERY_STRING", ""),
                environ.get("HTTP_ACCEPT", ""), environ.get("HTTP_HOST", ""), environ.get("wsgi.url_scheme", ""),
                environ.get("CONTENT_TYPE", ""), body), body

    def _through(self, environ: dict[str, Any], start_response: StartResponse, key: Key) -> Iterable[bytes]:
        """Let the app answer; keep the answer if it says it may be kept."""
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], Any]:
            seen["status"], seen["headers"], seen["exc_info"] = status, headers, exc_info
            return _no_write

        result = self.app(environ, capture)
        if "status" not in seen or not environ.get(CACHEABLE) or not seen["status"].startswith("200"):
            start_response(seen["status"], seen["headers"], seen.get("exc_info"))
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return self._keep(environ, start_response, key, environ.get(VERSION), seen["status"], seen["headers"], body)

    def _keep(self, environ: dict[str, Any], start_response: StartResponse, key: Key, version: str | None,
              status: str, headers: list[tuple[str, str]], body: bytes,
              content_type: str | None = None) -> Iterable[bytes]:
        """Send a 200 answer with its ETag (or a 304), keeping it under `version` if there is one.
        `content_type`: the caller's headers are known to hold it and neither an ETag nor a length."""
        if content_type is None:
            content_type = ""
            kept = []
            for k, v in headers:
                name = k.lower()
                if name == "content-type":
                    content_type = v
                if name != "etag" and name != "content-length":
                    kept.append((k, v))
        else:
            kept = list(headers)
        etag = etag_of(content_type, body)
        kept += [("ETag", etag), ("Content-Length", str(len(body)))]
        if self.cache is not None and version is not None:
            size = len(body) + sum(map(len, itertools.chain.from_iterable(kept))) + _key_size(key) + ENTRY_OVERHEAD
            self.cache.put(key, Cached(status, tuple(kept), body, etag, version, size))
        return self._send(environ, start_response, status, kept, body, etag)

    @staticmethod
    def _send(environ: dict[str, Any], start_response: StartResponse, status: str,
              headers: list[tuple[str, str]] | tuple[tuple[str, str], ...], body: bytes, etag: str) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        condition = environ.get("HTTP_IF_NONE_MATCH")
        if condition and method in ("GET", "HEAD") and matches(condition, etag):
            start_response("304 Not Modified", [(k, v) for k, v in headers if k.lower() not in _DROPPED_ON_304])
            return []
        start_response(status, list(headers))
        return [] if method == "HEAD" else [body]


def _no_write(data: bytes) -> None:
    raise RuntimeError("the app used the WSGI write() callable, which the front door does not pass on")


def _key_size(key: Key) -> int:
    return sum(map(len, key))
