"""The SPARQL 1.1 Protocol over HTTP (stdlib urllib): requests with deadlines, results as pyoxigraph terms.

Every failure is a one-line StoreError (or QueryError for a malformed query or update) naming the URL
and the HTTP status; credentials never appear in a message (they are refused in URLs, see kg.config).
"""
from __future__ import annotations

import base64
import http.client
import json
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


@dataclass(frozen=True)
class Service:
    """Where a remote store answers: query, update and (optional) Graph Store Protocol URLs, auth, timeout."""

    query_url: str
    update_url: str
    gsp_url: str | None = None
    timeout: float = 60.0
    auth: str | None = field(default=None, repr=False)  # an Authorization header value

    @classmethod
    def of(cls, query_url: str, update_url: str | None = None, gsp_url: str | None = None,
           user: str | None = None, password: str | None = None, timeout: float = 60.0) -> Service:
        auth = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            auth = f"Basic {token}"
        return cls(query_url, update_url or query_url, gsp_url, timeout, auth)

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
        if self.auth:
            headers["Authorization"] = self.auth
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=limit) as resp:
                media_type = resp.headers.get_content_type()
                if stop_after_lines is not None:
                    data, complete = _read_lines(resp, deadline, stop_after_lines, max_bytes, url)
                else:
                    data, complete = _read(resp, deadline, max_bytes, url), True
                return Reply(resp.status, media_type, data, complete)
        except urllib.error.HTTPError as e:
            detail = _error_text(e)
            reason = f"HTTP {e.code} {e.reason}".rstrip()
            hint = " (check KG_STORE_USER / KG_STORE_PASSWORD)" if e.code in (401, 403) else ""
            raise HttpStatusError(f"{url}: {reason}{hint}{': ' + detail if detail else ''}", e.code,
                                  detail) from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise TimedOut(f"{url}: no answer within {limit:g} s") from e
            raise StoreError(f"{url}: cannot reach the SPARQL service: {_reason(e.reason)}") from e
        except TimeoutError as e:
            raise TimedOut(f"{url}: no complete answer within {limit:g} s") from e
        except http.client.HTTPException as e:
            raise StoreError(f"{url}: the SPARQL service broke the HTTP exchange: "
                             f"{type(e).__name__} {_one_line(str(e))}".rstrip()) from e
        except ValueError as e:  # http.client.InvalidURL and friends
            raise StoreError(f"{url}: not a usable URL: {_one_line(str(e))}") from e
        except OSError as e:
            raise StoreError(f"{url}: connection failed: {_reason(e)}") from e

    def query(self, sparql: str, *, accept: str = ACCEPT_ANY) -> QueryResult:
        """Run a query (POST application/sparql-query) and parse the answer."""
        reply = self._checked(self.query_url, sparql, "application/sparql-query", accept, "query")
        return parse_result(reply, self.query_url)

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request (POST application/sparql-update)."""
        self._checked(self.update_url, sparql, "application/sparql-update", "*/*", "update")

    def _checked(self, url: str, text: str, content_type: str, accept: str, what: str) -> Reply:
        try:
            return self.send(url, text.encode("utf-8"), f"{content_type}; charset=utf-8", accept)
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
def parse_result(reply: Reply, url: str) -> QueryResult:
    """A query answer as a QueryResult: SPARQL JSON results, or RDF (N-Triples, Turtle) for graphs."""
    if reply.media_type in (RESULTS_JSON, "application/json"):
        try:
            return parse_json(json.loads(reply.body))
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


def parse_json(data: dict[str, Any]) -> QueryResult:
    """SPARQL 1.1 Query Results JSON as a QueryResult (variables in the order of head.vars)."""
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise ValueError("'boolean' is not true or false")
        return QueryResult("boolean", boolean=data["boolean"])
    names = [str(v) for v in data["head"].get("vars", [])]
    bnodes: dict[str, ox.BlankNode] = {}
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
    """application/x-www-form-urlencoded body."""
    return urllib.parse.urlencode(params).encode("ascii")
