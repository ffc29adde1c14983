"""The SPARQL 1.1 Protocol over HTTP (stdlib urllib): requests with deadlines, results as pyoxigraph terms.

Queries and updates go as URL-encoded form POSTs (`query=`, `update=`), the one way of sending them that
every SPARQL 1.1 server accepts: Virtuoso 7.2 never answers a query sent as an
`application/sparql-query` body. Credentials go as HTTP basic auth, or as digest auth once the server
asks for it (Virtuoso's `/sparql-auth`).

Every failure is a one-line StoreError (or QueryError for a malformed query or update) naming the URL
and the HTTP status; credentials never appear in a message (they are refused in URLs, see kg.config).
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.store.base import QueryResult, Term

RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
# Whatever the query form, the service can pick: solutions and booleans as JSON, graphs as N-Triples.
ACCEPT_ANY = f"{RESULTS_JSON}, application/json;q=0.9, {NTRIPLES}, text/turtle;q=0.5, text/plain;q=0.4"
FORM = "application/x-www-form-urlencoded"
MESSAGE_CHARS = 300  # of a server's error body quoted in a message
CHUNK = 1 << 16
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class TimedOut(StoreError):
    """The service did not answer (completely) before the deadline."""


class HttpStatusError(StoreError):
    """The service answered with an error status."""

    def __init__(self, message: str, status: int, detail: str) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


class TooLarge(StoreError):
    """The answer was longer than the caller accepts."""


@dataclass(frozen=True)
class Reply:
    """A successful answer: status, media type (without parameters) and body."""

    status: int
    media_type: str
    body: bytes
    complete: bool = True  # False when reading stopped early (see Service.send's `stop_after_lines`)
    server: str = ""  # the Server header (how a remote engine is recognised, see kg.store.remote)


class Digest:
    """HTTP digest authentication (RFC 7616, qop "auth", MD5 or SHA-256) for one user, after a challenge.

    The last challenge is kept, so that later requests answer it at once (one round trip each) with a
    growing nonce count; a server that finds the nonce stale challenges again and is answered again.
    """

    def __init__(self, user: str, password: str) -> None:
        self.user = user
        self._password = password
        self._challenge: dict[str, str] | None = None
        self._count = 0
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._challenge is not None

    def challenged(self, header: str) -> bool:
        """Keep a `WWW-Authenticate: Digest …` challenge; False when `header` is none this class can answer."""
        kind, _, rest = header.strip().partition(" ")
        if kind.lower() != "digest":
            return False
        params = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        algorithm = params.get("algorithm", "MD5").upper()
        qops = [q.strip() for q in params.get("qop", "auth").split(",")]
        if "realm" not in params or "nonce" not in params or algorithm not in _DIGESTS or "auth" not in qops:
            return False
        with self._lock:
            self._challenge = params
            self._count = 0
        return True

    def header(self, method: str, url: str) -> str:
        """The Authorization header value for one request (after `challenged`)."""
        assert self._challenge is not None
        with self._lock:
            c = self._challenge
            self._count += 1
            nc = f"{self._count:08x}"
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        algorithm = c.get("algorithm", "MD5").upper()
        h = _DIGESTS[algorithm]
        cnonce = os.urandom(8).hex()
        ha1 = h(f"{self.user}:{c['realm']}:{self._password}")
        ha2 = h(f"{method}:{uri}")
        response = h(f"{ha1}:{c['nonce']}:{nc}:{cnonce}:auth:{ha2}")
        fields = [f'username="{self.user}"', f'realm="{c["realm"]}"', f'nonce="{c["nonce"]}"', f'uri="{uri}"',
                  f"algorithm={algorithm}", f'response="{response}"', "qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
        if "opaque" in c:
            fields.append(f'opaque="{c["opaque"]}"')
        return "Digest " + ", ".join(fields)


_DIGESTS = {"MD5": lambda text: hashlib.md5(text.encode("utf-8")).hexdigest(),
            "SHA-256": lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest()}


@dataclass(frozen=True)
class Service:
    """Where a remote store answers: query, update and (optional) Graph Store Protocol URLs, auth, timeout."""

    query_url: str
    update_url: str
    gsp_url: str | None = None
    timeout: float = 60.0
    auth: str | None = field(default=None, repr=False)  # an Authorization header value (basic auth)
    digest: Digest | None = field(default=None, repr=False, compare=False)  # answers a digest challenge

    @classmethod
    def of(cls, query_url: str, update_url: str | None = None, gsp_url: str | None = None,
           user: str | None = None, password: str | None = None, timeout: float = 60.0) -> Service:
        auth = digest = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            auth = f"Basic {token}"
            digest = Digest(user, password or "")
        return cls(query_url, update_url or query_url, gsp_url, timeout, auth, digest)

    def send(self, url: str, body: bytes | None, content_type: str | None, accept: str, *,
             method: str = "POST", timeout: float | None = None, max_bytes: int | None = None,
             stop_after_lines: int | None = None) -> Reply:
        """One HTTP request; the whole answer must arrive within `timeout` seconds (default: self.timeout).

        `max_bytes` bounds the body (TooLarge beyond it). `stop_after_lines` stops reading a
        line-based body (N-Triples) after that many lines (Reply.complete is then False).
        """
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        headers = {"Accept": accept, "User-Agent": "kg (newskg)"}
        if content_type:
            headers["Content-Type"] = content_type
        # Basic auth goes with the first request. A 401 with a digest challenge (a first one, or a stale
        # nonce) is answered once; a 401 to basic auth that names no scheme (Virtuoso's /sparql-auth
        # does that) is asked again without credentials, to learn which scheme the server wants.
        probed = answered = False
        while True:
            headers.pop("Authorization", None)
            if self.digest is not None and self.digest.ready:
                headers["Authorization"] = self.digest.header(method, url)
            elif self.auth and not probed:
                headers["Authorization"] = self.auth
            try:
                return self._exchange(urllib.request.Request(url, data=body, headers=headers, method=method),
                                      limit, deadline, max_bytes, stop_after_lines)
            except urllib.error.HTTPError as e:
                challenge = e.headers.get("WWW-Authenticate", "")
                if e.code == 401 and self.digest is not None:
                    if not answered and self.digest.challenged(challenge):
                        answered = True
                        e.close()
                        continue
                    if not challenge and not probed and not self.digest.ready:
                        probed = True
                        e.close()
                        continue
                raise self._failure(e, url, limit) from e
            except (urllib.error.URLError, TimeoutError, http.client.HTTPException, ValueError, OSError) as e:
                raise self._failure(e, url, limit) from e

    @staticmethod
    def _exchange(req: urllib.request.Request, limit: float, deadline: float, max_bytes: int | None,
                  stop_after_lines: int | None) -> Reply:
        url = req.full_url
        with urllib.request.urlopen(req, timeout=limit) as resp:
            media_type = resp.headers.get_content_type()
            if stop_after_lines is not None:
                data, complete = _read_lines(resp, deadline, stop_after_lines, max_bytes, url)
            else:
                data, complete = _read(resp, deadline, max_bytes, url), True
            return Reply(resp.status, media_type, data, complete, resp.headers.get("Server", ""))

    @staticmethod
    def _failure(e: Exception, url: str, limit: float) -> StoreError:
        """The one-line StoreError for a failed exchange."""
        if isinstance(e, urllib.error.HTTPError):
            detail = _error_text(e)
            reason = f"HTTP {e.code} {e.reason}".rstrip()
            hint = " (check KG_STORE_USER / KG_STORE_PASSWORD)" if e.code in (401, 403) else ""
            return HttpStatusError(f"{url}: {reason}{hint}{': ' + detail if detail else ''}", e.code, detail)
        if isinstance(e, urllib.error.URLError):
            if isinstance(e.reason, TimeoutError):
                return TimedOut(f"{url}: no answer within {limit:g} s")
            return StoreError(f"{url}: cannot reach the SPARQL service: {_reason(e.reason)}")
        if isinstance(e, TimeoutError):
            return TimedOut(f"{url}: no complete answer within {limit:g} s")
        if isinstance(e, http.client.HTTPException):
            return StoreError(f"{url}: the SPARQL service broke the HTTP exchange: "
                              f"{type(e).__name__} {_one_line(str(e))}".rstrip())
        if isinstance(e, ValueError):  # http.client.InvalidURL and friends
            return StoreError(f"{url}: not a usable URL: {_one_line(str(e))}")
        return StoreError(f"{url}: connection failed: {_reason(e)}")

    def query(self, sparql: str, *, accept: str = ACCEPT_ANY, bnodes: dict[str, ox.BlankNode] | None = None
              ) -> QueryResult:
        """Run a query (a form POST `query=`) and parse the answer (blank nodes by label from `bnodes`)."""
        return parse_result(self.query_reply(sparql, accept=accept), self.query_url, bnodes)

    def query_reply(self, sparql: str, *, accept: str = ACCEPT_ANY) -> Reply:
        """A query's raw answer (a form POST `query=`)."""
        return self._checked(self.query_url, "query", sparql, accept)

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request (a form POST `update=`)."""
        self._checked(self.update_url, "update", sparql, "*/*")

    def _checked(self, url: str, what: str, text: str, accept: str) -> Reply:
        try:
            return self.send(url, form_body([(what, text)]), FORM, accept)
        except HttpStatusError as e:
            if e.status == 400:
                raise QueryError(f"malformed SPARQL {what} ({url}: HTTP 400{': ' + e.detail if e.detail else ''})"
                                 ) from e
            raise


def _read(resp: Any, deadline: float, max_bytes: int | None, url: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = resp.read1(CHUNK) if hasattr(resp, "read1") else resp.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(f"{url}: the answer is larger than {max_bytes >> 20} MiB")
        parts.append(chunk)


def _read_lines(resp: Any, deadline: float, lines: int, max_bytes: int | None, url: str) -> tuple[bytes, bool]:
    out: list[bytes] = []
    size = counted = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        line = resp.readline()
        if not line:
            return b"".join(out), True
        size += len(line)
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(f"{url}: the answer is larger than {max_bytes >> 20} MiB")
        if line.strip() and not line.lstrip().startswith(b"#"):
            if counted == lines:
                return b"".join(out), False
            counted += 1
        out.append(line)


def _error_text(e: urllib.error.HTTPError) -> str:
    try:
        raw = e.read(4096)
    except (OSError, http.client.HTTPException):
        return ""
    return _cut(_one_line(raw.decode("utf-8", "replace")))


def _cut(text: str) -> str:
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower() if reason.strerror[:1].isupper() else reason.strerror
    return _one_line(str(reason))


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- answers --------------------------------------------------------------------------------
def parse_result(reply: Reply, url: str, bnodes: dict[str, ox.BlankNode] | None = None) -> QueryResult:
    """A query answer as a QueryResult: SPARQL JSON results, or RDF (N-Triples, Turtle) for graphs.

    `bnodes` maps the server's blank node labels to the blank nodes given for them: pass the same dict
    to read several answers of a server whose labels stay the same from one answer to the next.
    """
    if reply.media_type in (RESULTS_JSON, "application/json"):
        try:
            return parse_json(json.loads(reply.body), bnodes)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise StoreError(f"{url}: malformed SPARQL JSON results ({type(e).__name__}: "
                             f"{_one_line(str(e))[:MESSAGE_CHARS]})") from e
    rdf_format = ox.RdfFormat.N_TRIPLES if reply.media_type == "text/plain" else \
        ox.RdfFormat.from_media_type(reply.media_type)
    if rdf_format is None:
        raise StoreError(f"{url}: unexpected answer type {reply.media_type!r} "
                         f"(expected SPARQL JSON results or N-Triples)")
    try:
        quads = list(ox.parse(reply.body, format=rdf_format))
    except SyntaxError as e:
        raise StoreError(f"{url}: malformed {rdf_format.name} answer: {_one_line(str(e))[:MESSAGE_CHARS]}") from e
    return QueryResult("graph", triples=[ox.Triple(q.subject, q.predicate, q.object) for q in quads])


def parse_json(data: dict[str, Any], bnodes: dict[str, ox.BlankNode] | None = None) -> QueryResult:
    """SPARQL 1.1 Query Results JSON as a QueryResult (variables in the order of head.vars)."""
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise ValueError("'boolean' is not true or false")
        return QueryResult("boolean", boolean=data["boolean"])
    names = [str(v) for v in data["head"].get("vars", [])]
    bnodes = {} if bnodes is None else bnodes
    rows = [tuple(_term(b[n], bnodes) if n in b else None for n in names) for b in data["results"]["bindings"]]
    return QueryResult("bindings", variables=names, rows=rows)


def _term(b: dict[str, Any], bnodes: dict[str, ox.BlankNode]) -> Term:
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        # Labels are only consistent within one answer; some servers use labels pyoxigraph refuses.
        if value not in bnodes:
            try:
                bnodes[value] = ox.BlankNode(value)
            except ValueError:
                bnodes[value] = ox.BlankNode()
        return bnodes[value]
    if kind in ("literal", "typed-literal"):
        lang = b.get("xml:lang")
        if lang:
            return ox.Literal(value, language=lang)
        datatype = b.get("datatype")
        if datatype and datatype != RDF_LANG_STRING:
            return ox.Literal(value, datatype=ox.NamedNode(datatype))
        return ox.Literal(value)
    if kind == "triple":
        s, p, o = (_term(value[k], bnodes) for k in ("subject", "predicate", "object"))
        return ox.Triple(s, p, o)  # type: ignore[arg-type]
    raise ValueError(f"unknown term type {kind!r}")


def form_body(params: list[tuple[str, str]]) -> bytes:
    """application/x-www-form-urlencoded body (UTF-8 text, percent-encoded)."""
    return urllib.parse.urlencode(params, encoding="utf-8").encode("ascii")
