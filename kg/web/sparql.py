"""The SPARQL 1.1 Protocol endpoint: read-only, with limits that tell the truth.

GET, POST form-encoded and POST application/sparql-query; results by content negotiation
(or `format=`); the default graph is the union of all graphs unless the request names a
dataset (`default-graph-uri`, `named-graph-uri`, or FROM in the query). Updates are refused
whatever the route. A timeout is an error status, a cut result is flagged in headers.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, request, url_for
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header, parse_options_header
from werkzeug.wsgi import get_current_url

from kg.query import formats
from kg.query.bounded import bounded
from kg.query.guard import RequestRefused, inspect_query
from kg.query.lookup import answer as lookup_answer
from kg.query.lookup import parse as lookup_of
from kg.query.worker import Answer, Job, TooLarge, evaluate
from kg.rdf.vocab import PREFIXES
from kg.web.app import kg_context
from kg.web.cache import CLIENT, VERSION
from kg.web.conneg import best
from kg.web.service_description import SD_PREFIXES, description_triples

if TYPE_CHECKING:
    from kg.web.app import WebContext

bp = Blueprint("sparql", __name__)
log = logging.getLogger("kg.web")

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
# Parameters that name the answer's format: `format` (Virtuoso), `output` (Fuseki), `results` (Rasqal);
# SPARQLWrapper sends all three, some of them twice (a name, then a media type).
FORMAT_PARAMS = ("format", "output", "results")
# Characters of terms a one-pattern query may read in the server process (which has no memory cap of
# its own); one whose rows hold more (10,000 article texts) is answered by a worker instead.
BOUNDED_MAX_BYTES = 8 << 20
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "X-KG-Rows, X-KG-Row-Limit, X-KG-Truncated, Retry-After",
    "X-Content-Type-Options": "nosniff",  # results echo query text: never let a browser take them for HTML
}


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, **headers: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
def endpoint() -> Response:
    """Answer one SPARQL Protocol request."""
    if request.method == "OPTIONS":
        return _respond(Response(status=204, headers={
            "Allow": ALLOWED_METHODS, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}))
    try:
        params = _params()
        if request.method == "GET" and not params:
            return _service_description()
        answer = _run(params)
        # Kept under the version of the store the worker evaluated on (kg.web.cache), not the reader's.
        request.environ[VERSION] = answer.version
    except RequestRefused as e:
        answer = Answer.error(e.status, str(e))
    except ProtocolError as e:
        answer = Answer.error(e.status, e.message, **e.headers)
    return _respond(_to_response(answer))


def _params() -> list[tuple[str, str]]:
    """Protocol parameters from the URL and, for POST, the body; refuses what is not a query request."""
    if request.method not in ("GET", "POST"):
        raise ProtocolError(405, f"method {request.method} not allowed on the SPARQL endpoint "
                                 "(read-only: use GET or POST with a query)", Allow=ALLOWED_METHODS)
    params = _decode_pairs(request.query_string, "URL query string")
    if request.method == "GET":
        return params
    mime = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if mime == "application/sparql-update" or mime == "application/x-www-form-urlencoded" and _has_update():
        raise ProtocolError(403, "SPARQL Update is not accepted: this endpoint is read-only")
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"charset {charset!r} not supported: send UTF-8")
    if mime == "application/x-www-form-urlencoded":
        return params + _decode_pairs(request.get_data(cache=False), "form body")
    if mime == "application/sparql-query":
        if any(k == "query" for k, _ in params):
            raise ProtocolError(400, "query given both in the URL and as the request body")
        try:
            body = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError as e:
            raise ProtocolError(400, f"request body is not valid UTF-8 (byte {e.start})") from e
        return params + [("query", body)]
    if not mime:
        raise ProtocolError(415, "POST needs a Content-Type: application/sparql-query or "
                                 "application/x-www-form-urlencoded")
    raise ProtocolError(415, f"unsupported Content-Type {mime!r}: use application/sparql-query or "
                             "application/x-www-form-urlencoded")


def _has_update() -> bool:
    try:
        pairs = _decode_pairs(request.get_data(cache=True), "form body")
    except ProtocolError:
        return False
    return any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in pairs)


def _decode_pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as e:
        raise ProtocolError(400, f"{where}: raw non-ASCII byte at {e.start}; percent-encode UTF-8") from e
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                         max_num_fields=1000)
    except UnicodeDecodeError as e:
        raise ProtocolError(400, f"{where}: not valid UTF-8 once percent-decoded") from e
    except ValueError as e:
        raise ProtocolError(400, f"{where}: {e}") from e


def _run(params: list[tuple[str, str]]) -> Answer:
    names = [k for k, _ in params]
    if "update" in names or "using-graph-uri" in names or "using-named-graph-uri" in names:
        raise ProtocolError(403, "SPARQL Update is not accepted: this endpoint is read-only")
    queries = [v for k, v in params if k == "query"]
    if not queries:
        raise ProtocolError(400, "missing 'query' parameter")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one 'query' parameter")
    settings = kg_context().settings
    shape = inspect_query(queries[0], max_chars=settings.max_query_chars, max_depth=settings.max_query_depth)
    media_type = _negotiate(shape.form, [v for k, v in params if k in FORMAT_PARAMS and v.strip()],
                            request.headers.get("Accept", ""))
    default = [_graph_iri(v) for k, v in params if k == "default-graph-uri"]
    named = [_graph_iri(v) for k, v in params if k == "named-graph-uri"]
    protocol_dataset = bool(default or named)
    job = Job(query=shape.text, form=shape.form, media_type=media_type, max_rows=settings.max_rows,
              union_default_graph=not shape.has_from,
              default_graphs=default if protocol_dataset else None,
              named_graphs=named if protocol_dataset else None, base_iri=request.base_url,
              at_least=kg_context().reader.current()[1])
    return kg_context().pool.run(job)


@functools.lru_cache(maxsize=256)
def _base_url(scheme: str, host: str, server: str, port: str, script: str, path: str) -> str:
    """`request.base_url` of a WSGI environ (what the endpoint resolves relative IRIs against), remembered."""
    return get_current_url({"wsgi.url_scheme": scheme, "HTTP_HOST": host, "SERVER_NAME": server, "SERVER_PORT": port,
                            "SCRIPT_NAME": script, "PATH_INFO": path}, strip_querystring=True)


def _graph_iri(value: str) -> str:
    if not value or any(c in value for c in ' <>"{}|^`\\') or not value.isprintable() or ":" not in value:
        raise ProtocolError(400, f"not an absolute IRI: {value[:200]!r}")
    return value


def _negotiate(form: str, format_params: list[str], accept_header: str) -> str:
    """The media type to answer in: the last format parameter that fits this query form, else by Accept.

    A format parameter that names a format of another query form (`format=turtle` with a SELECT, as
    SPARQLWrapper sends whatever the query) leaves the choice to Accept; one that names no format is a 406.
    """
    media_type, refusal = _negotiated(form, tuple(format_params), accept_header[:4096])
    if refusal is not None:
        raise ProtocolError(406, refusal)
    assert media_type is not None
    return media_type


@functools.lru_cache(maxsize=1024)
def _negotiated(form: str, format_params: tuple[str, ...], accept_header: str) -> tuple[str | None, str | None]:
    """(media type, None) or (None, why it is a 406); remembered, as clients send the same few headers."""
    offers = formats.offers(form)
    for value in reversed(format_params):
        media_type = formats.named(value, form)
        if media_type is not None:
            return media_type, None
    unknown = [v for v in format_params if not formats.known_name(v)]
    if unknown:
        return None, (f"format {unknown[-1].strip()[:100]!r} is not available for {form} "
                      f"(choices: {', '.join(offers)})")
    accept = parse_accept_header(accept_header, MIMEAccept)
    media_type = best(accept, offers, offers[0])
    if media_type is None:
        return None, (f"none of the accepted media types fits a {form} result "
                      f"(available: {', '.join(offers)})")
    return media_type, None


def _to_response(answer: Answer) -> Response:
    return Response(answer.body, status=answer.status, headers=answer_headers(answer, kg_context().settings.max_rows))


def answer_headers(answer: Answer, max_rows: int) -> list[tuple[str, str]]:
    mimetype = answer.media_type
    if mimetype.startswith("text/") or mimetype.endswith(("json", "xml")):
        mimetype += "; charset=utf-8"
    headers = [("Content-Type", mimetype), *answer.headers.items()]
    if answer.status == 200:
        headers += [("X-KG-Rows", str(answer.rows)), ("X-KG-Row-Limit", str(max_rows)),
                    ("X-KG-Truncated", "true" if answer.truncated else "false"), ("Vary", "Accept"),
                    ("Cache-Control", "no-cache")]
    return headers


def bounded_answer(environ: dict[str, Any], body: bytes, context: "WebContext") -> Answer | None:
    """A query of one triple pattern (kg.query.bounded) answered in this process, without Flask and
    without a worker; None when the request is anything else, which the endpoint then answers.

    Only the plainest requests: GET, or POST of a form or a query body in UTF-8, with `query` and
    format parameters only (no dataset). What the endpoint would refuse is left to it, so that its
    answer (and message) stays the one answer. Fair use as for every query: the request took a token
    at the front door, and the evaluation takes one of its client's query slots. The plainest lookups
    (kg.query.lookup) are read from the store's indexes; the other one-pattern queries go to the engine.
    """
    settings = context.settings
    engine, version = context.reader.engine()
    if engine is None:
        return None
    try:
        params = _quick_pairs(environ.get("QUERY_STRING", ""))
        if params is None:
            return None
        if environ.get("REQUEST_METHOD") == "POST":
            header = environ.get("CONTENT_TYPE", "")
            mime, charset = (_content_type if len(header) <= MAX_REMEMBERED else _content_type.__wrapped__)(header)
            if charset not in ("utf-8", "utf8"):
                return None
            if mime == "application/x-www-form-urlencoded":
                form = _quick_pairs(body.decode("ascii"))
                if form is None:
                    return None
                params += form
            elif mime == "application/sparql-query" and not any(k == "query" for k, _ in params):
                params.append(("query", body.decode("utf-8")))
            else:
                return None
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1 or any(k != "query" and k not in FORMAT_PARAMS for k, _ in params):
            return None
        query = queries[0]
        where = (environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", ""), environ.get("SERVER_NAME", ""),
                 environ.get("SERVER_PORT", ""), environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""))
        short = sum(map(len, where)) <= MAX_REMEMBERED  # a long Host header is read each time, not remembered
        base = (_base_url if short else _base_url.__wrapped__)(*where)
        # A lookup's grammar is narrower than the guard's refusals (one pair of braces, no SERVICE, no
        # update, LIMIT under 2^63): of those, only its length is left to check. The engine checks the base.
        valid = (_valid_base if short else _valid_base.__wrapped__)(base)
        lookup = lookup_of(query) if len(query) <= settings.max_query_chars and valid else None
        if lookup is not None:
            form = lookup.form
        elif bounded(query):
            shape = inspect_query(query, max_chars=settings.max_query_chars, max_depth=settings.max_query_depth)
            form, query = shape.form, shape.text
        else:
            return None
        media_type = _negotiate(form, [v for k, v in params if k in FORMAT_PARAMS and v.strip()],
                                environ.get("HTTP_ACCEPT", ""))
    except (ProtocolError, RequestRefused, UnicodeDecodeError):
        return None  # the endpoint says what is wrong
    client = environ.get(CLIENT)
    if client is not None and context.fair.begin_query(client) is not None:
        return None  # the endpoint answers the 429
    try:
        if lookup is not None:
            answer = lookup_answer(engine, lookup, media_type, settings.max_rows, BOUNDED_MAX_BYTES)
        else:
            job = Job(query=query, form=form, media_type=media_type, max_rows=settings.max_rows, base_iri=base)
            answer = evaluate(engine, job, PREFIXES, max_bytes=BOUNDED_MAX_BYTES)
    except TooLarge:
        return None  # long literals: a worker, under its memory cap, makes this answer
    except Exception:  # noqa: BLE001 -- logged; a worker then evaluates it and answers as it does (500)
        log.exception("a one-pattern query failed in the server process; handing it to a query worker")
        return None
    finally:
        if client is not None:
            context.fair.end_query(client)
    answer.version = version
    answer.headers.update(CORS)
    return answer


_HEX_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")  # a % that is not an escape
MAX_QUICK_PAIRS = 16
MAX_REMEMBERED = 256  # characters of the header values whose reading is remembered


def _quick_pairs(text: str) -> list[tuple[str, str]] | None:
    """`_decode_pairs(text)` (as parse_qsl reads it), faster; None when it would refuse the text or when
    it has many fields (the endpoint then reads it, and says what is wrong). UnicodeDecodeError as
    parse_qsl raises it (not UTF-8 once percent-decoded)."""
    if not text.isascii() or text.count("&") >= MAX_QUICK_PAIRS:
        return None
    pairs = []
    for field in text.split("&"):
        if field:
            name, _, value = field.partition("=")
            pairs.append((_unquote(name.replace("+", " ")), _unquote(value.replace("+", " "))))
    return pairs


def _unquote(text: str) -> str:
    """`urllib.parse.unquote(text, errors="strict")` of ASCII text, in C: every %XX becomes \\xXX for the
    unicode_escape codec (backslashes doubled first), which gives the bytes as Latin-1, then UTF-8."""
    if "%" not in text:
        return text
    if _HEX_ESCAPE.search(text):
        return unquote(text, errors="strict")
    return (text.replace("\\", "\\\\").replace("%", "\\x").encode("ascii").decode("unicode_escape")
            .encode("latin-1").decode("utf-8"))


@functools.lru_cache(maxsize=64)
def _content_type(header: str) -> tuple[str, str]:
    """(media type, charset in lower case) of a Content-Type header, as the endpoint reads it; remembered."""
    mime, options = parse_options_header(header)
    return mime, options.get("charset", "utf-8").lower()


@functools.lru_cache(maxsize=256)
def _valid_base(base: str) -> bool:
    """Whether the engine takes `base` as a base IRI (it refuses a query with one it cannot parse)."""
    try:
        ox.NamedNode(base)
    except ValueError:
        return False
    return True


def _respond(resp: Response) -> Response:
    resp.headers.update(CORS)
    return resp


def _service_description() -> Response:
    accept = parse_accept_header(request.headers.get("Accept", "")[:4096], MIMEAccept)
    choice = best(accept, ("text/html", formats.TURTLE, formats.NTRIPLES, formats.RDFXML, formats.JSONLD,
                           "application/xml", "text/plain", "application/json"), formats.TURTLE)
    if choice == "text/html":
        # A person who opens the endpoint in a browser wants the query editor.
        return _respond(redirect(url_for("editor.query_page"), 303))
    media_type = formats.canonical(choice or formats.TURTLE, "CONSTRUCT")
    body = formats.graph(description_triples(request.base_url, kg_context().settings), media_type, SD_PREFIXES)
    resp = Response(body, status=200, content_type=f"{media_type}; charset=utf-8")
    resp.headers["Vary"] = "Accept"
    return _respond(resp)
