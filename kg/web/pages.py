"""Home, search, entity, article and graph pages: each view builds one dict, the requested format renders it.

`/id/<path>` serves every IRI under the configured base IRI, whatever host the app runs on:
HTML for browsers, Turtle, N-Triples, JSON-LD (compacted, kg.query.jsonld), RDF/XML, TriG or N-Quads
by `Accept` or by suffix, JSON (the page's data) by `Accept: application/json` or `?format=json`.
`/graph/<path>` dumps named graphs; `/ns/context.jsonld` is the JSON-LD context.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask.typing import ResponseReturnValue

from kg.query import formats, jsonld
from kg.rdf.vocab import PREFIXES
from kg.store import Store
from kg.web.app import kg_context
from kg.web.article import (
    article_rest,
    article_view,
    describe_article,
    quarantine_record,
    quarantine_triples,
)
from kg.web.conneg import (
    HTML,
    JSON,
    JSONLD,
    NQUADS,
    NTRIPLES,
    RDFXML,
    TRIG,
    TURTLE,
    best,
    split_suffix,
)
from kg.web import asof
from kg.web import map as meetings_map
from kg.web import pictures
from kg.web.entity import actor_graphs, describe, entity_view
from kg.web.views import (
    IndexCache,
    LabelIndex,
    Linker,
    count,
    exists,
    home_view,
    iri_for_path,
    kind_of,
    search_view,
    sparql_iri,
    types_of,
    xml_safe,
)

bp = Blueprint("pages", __name__)
bp.add_app_template_global(pictures.of_entity, "pictures_of")  # timeline and network, drawn as SVG

# Descriptions go out as triples; named graphs also as quads (TriG, N-Quads).
RDF_FORMATS = {m: formats.RDF_FORMATS[m] for m in (TURTLE, NTRIPLES, JSONLD, RDFXML)}
QUAD_FORMATS = {m: formats.RDF_FORMATS[m] for m in (TRIG, NQUADS)}
PAGE_OFFERS = (HTML, TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS, JSON)
GRAPH_OFFERS = (HTML, TURTLE, TRIG, JSONLD, NTRIPLES, NQUADS, RDFXML, JSON)
FORMAT_NAMES = {"html": HTML, "json": JSON, "ttl": TURTLE, "turtle": TURTLE, "nt": NTRIPLES,
                "ntriples": NTRIPLES, "jsonld": JSONLD, "rdf": RDFXML, "rdfxml": RDFXML, "xml": RDFXML,
                "trig": TRIG, "nq": NQUADS, "nquads": NQUADS}
SUFFIX_OF = {TURTLE: ".ttl", NTRIPLES: ".nt", JSONLD: ".jsonld", RDFXML: ".rdf", HTML: ".html",
             TRIG: ".trig", NQUADS: ".nq"}
FORMAT_LABELS = {TURTLE: "Turtle", JSONLD: "JSON-LD", NTRIPLES: "N-Triples", RDFXML: "RDF/XML", TRIG: "TriG",
                 NQUADS: "N-Quads"}
# The pages run no script: should escaping ever miss, a browser still runs nothing injected.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'self'; style-src 'self' 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


@bp.after_request
def security_headers(resp: Response) -> Response:
    """Every page, error or data response of this blueprint: no script, no content sniffing."""
    for name, value in SECURITY_HEADERS.items():
        resp.headers.setdefault(name, value)
    return resp


@bp.get("/")
def home() -> ResponseReturnValue:
    store, linker = _site()
    view = home_view(store, lambda: _index(store), linker)
    if _choose((HTML, JSON), None) == JSON:
        return jsonify(view)
    return render_template("home.html", v=view)


@bp.get("/map")
def world_map() -> ResponseReturnValue:
    """Meetings by country, as an SVG map and a list (kg/web/map.py)."""
    store, linker = _site()
    view = meetings_map.map_view(store, linker)
    if _choose((HTML, JSON), None) == JSON:
        return jsonify({k: v for k, v in view.items() if k != "svg"})
    return render_template("map.html", v=view, legend=meetings_map.legend())


@bp.get("/search")
def search() -> ResponseReturnValue:
    store, linker = _site()
    view = search_view(_index(store), linker, request.args.get("q", ""))
    if _choose((HTML, JSON), None) == JSON:
        return jsonify(view)
    return render_template("search.html", v=view, search_q=view["q"])


@bp.get(jsonld.CONTEXT_PATH)
def jsonld_context() -> ResponseReturnValue:
    """The JSON-LD context every JSON-LD answer carries inline: the public vocabulary's prefixes."""
    resp = Response(json.dumps({"@context": jsonld.context()}, indent=1), content_type=JSONLD)
    resp.headers["Access-Control-Allow-Origin"] = "*"
    resp.headers["Cache-Control"] = "public, max-age=86400"
    return resp


@bp.get("/id/<path:path>")
def resource(path: str) -> ResponseReturnValue:
    """Any resource under `{base}id/`: actors, places, roles, articles, facts, quarantine records."""
    store, linker = _site()
    iri, kind, suffix = _resolve(store, linker, "id", path, _resource_kind)
    media = _choose(PAGE_OFFERS, suffix)
    if kind == "quarantine":
        article = f"{linker.base}id/article/{iri[len(f'{linker.base}id/quarantine/'):]}"
        if media == HTML:
            return redirect(linker.href(article) or "/", code=303)
        if media in RDF_FORMATS or media in QUAD_FORMATS:
            return _rdf(quarantine_triples(store, iri), media, linker.href(iri))
        iri, kind = article, "article"
    if kind == "article":
        desc = describe_article(store, iri)
        if media in RDF_FORMATS or media in QUAD_FORMATS:
            triples = desc.all_triples()
            if not triples:
                record = quarantine_record(store, linker.base, article_rest(linker.base, iri) or "")
                triples = quarantine_triples(store, record[0]) if record else []
            return _rdf(triples, media, linker.href(iri))
        view = article_view(store, linker, iri, desc)
        if view is None:
            abort(404, "no article with this id")
        return _page(media, "article.html", view, linker.href(iri))
    # `kind` is what its types make it (_resource_kind), or "resource" when it has none
    if media in RDF_FORMATS or media in QUAD_FORMATS:
        desc = describe(store, iri, base=linker.base, graphs=actor_graphs(store, linker.base, kind), totals=False)
        return _rdf(desc.all_triples(), media, linker.href(iri))
    view = entity_view(store, linker, iri, kind)
    if iri.startswith(f"{linker.base}id/post/"):  # a post across articles: its holders, oldest first
        view["tenures"] = asof.tenures(store, linker, post=iri)
        view["post_holders"] = asof.post_holders(store, linker, iri)
    elif view.get("is_actor") and not view.get("is_org"):  # a person: the posts held across articles
        view["tenures"] = asof.tenures(store, linker, holder=iri)
    if view.get("is_org"):  # "holders of posts on date D": a plain GET form, no script
        view["on_asked"] = request.args.get("on", "")
        day = asof.parse_day(view["on_asked"])
        view["on"] = day.isoformat() if day else None
        view["holders_on"] = asof.holders_on(store, linker, iri, day) if day else []
    return _page(media, "entity.html", view, linker.href(iri))


@bp.get("/graph/<path:path>")
def graph(path: str) -> ResponseReturnValue:
    """A named graph under `{base}graph/`: dumped as RDF; HTML goes to the article it holds."""
    store, linker = _site()
    iri, _, suffix = _resolve(store, linker, "graph", path, _graph_kind)
    media = _choose(GRAPH_OFFERS, suffix)
    href = linker.href(iri)
    for kind in ("article", "quarantine"):
        prefix = f"{linker.base}graph/{kind}/"
        if iri.startswith(prefix) and media == HTML:
            return redirect(f"{linker.root}/id/article/{iri[len(prefix):]}", code=303)
    if media in RDF_FORMATS or media in QUAD_FORMATS:
        res = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {sparql_iri(iri)} {{ ?s ?p ?o }} }}",
                          union_default_graph=False)
        if media in QUAD_FORMATS:
            g = ox.NamedNode(iri)
            quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in res.triples]
            return _serialised(quads, media, QUAD_FORMATS[media], href, GRAPH_OFFERS)
        return _rdf(list(res.triples), media, href, GRAPH_OFFERS)
    n = count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_iri(iri)} {{ ?s ?p ?o }} }}")
    view = {"iri": iri, "href": href, "triples": n}
    return _page(media, "graph.html", view, href, GRAPH_OFFERS)


# --- helpers ------------------------------------------------------------------------------------

def _site() -> tuple[Store, Linker]:
    ctx = kg_context()
    return ctx.reader.get(), Linker(ctx.settings.base_iri, request.script_root)


def _index(store: Store) -> LabelIndex:
    cache: IndexCache = current_app.extensions.setdefault(
        "kg_label_index", IndexCache(kg_context().settings.base_iri))
    return cache.get(store)


def _segments(prefix: str, decoded: str) -> list[str]:
    """The path's segments after `/{prefix}/`, decoded one by one so that `a%2Fb` stays one segment."""
    raw = str(request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI") or "")
    path = urlsplit(raw).path if raw.startswith("/") and not raw.startswith("//") else ""
    marker = f"/{prefix}/"
    i = path.find(marker)
    while i != -1 and unquote(path[:i]) != request.script_root:
        i = path.find(marker, i + 1)
    if i != -1:
        rest = path[i + len(marker):]
        if unquote(rest) == decoded:
            return [unquote(s) for s in rest.split("/")]
    return decoded.split("/")


def _resource_kind(store: Store, linker: Linker, iri: str) -> str | None:
    kind = kind_of(types_of(store, iri))
    if kind:
        return kind
    if exists(store, iri):
        return "resource"
    rest = article_rest(linker.base, iri)
    if rest and quarantine_record(store, linker.base, rest):
        return "article"
    return None


def _graph_kind(store: Store, linker: Linker, iri: str) -> str | None:
    res = store.query(f"ASK {{ GRAPH {sparql_iri(iri)} {{ ?s ?p ?o }} }}", union_default_graph=False)
    return "graph" if res.boolean else None


def _resolve(store: Store, linker: Linker, prefix: str, path: str,
             kind_of_iri: Callable[[Store, Linker, str], str | None]) -> tuple[str, str, str | None]:
    """(IRI, kind, media type asked by suffix) of a request path; 404 if the store knows no such IRI.

    The full path wins if it is itself a known IRI; otherwise a known suffix (.ttl …) is split off.
    """
    segments = _segments(prefix, path)
    candidates = [segments]
    if len(segments) > 2 and not (request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")):
        # The server passed the path decoded, with no raw form (granian): an id's '%2F' came as '/'.
        candidates.append([segments[0], "/".join(segments[1:])])
    for segments in candidates:
        iri = iri_for_path(linker.base, prefix, segments)
        kind = kind_of_iri(store, linker, iri) if iri else None
        if iri and kind:
            return iri, kind, None
        stem, media = split_suffix(segments[-1])
        if media is None and prefix == "graph":
            for media_type in QUAD_FORMATS:
                suffix = SUFFIX_OF[media_type]
                if segments[-1].endswith(suffix) and len(segments[-1]) > len(suffix):
                    stem, media = segments[-1][: -len(suffix)], media_type
        if media is not None:
            iri = iri_for_path(linker.base, prefix, [*segments[:-1], stem])
            kind = kind_of_iri(store, linker, iri) if iri else None
            if iri and kind:
                return iri, kind, media
    abort(404, "nothing is known about this IRI here")


def _choose(offers: tuple[str, ...], suffix: str | None) -> str:
    """The media type to answer with: ?format=, then the path's suffix, then the Accept header."""
    name = request.args.get("format")
    if name:
        media = FORMAT_NAMES.get(name.strip().lower())
        if media is None or media not in offers:
            abort(400, "unknown format; use one of: " + ", ".join(
                sorted(n for n, m in FORMAT_NAMES.items() if m in offers)))
        return media
    if suffix:
        if suffix not in offers:
            abort(404, "nothing is known about this IRI here")
        return suffix
    media = best(request.accept_mimetypes, offers, HTML)
    if media is None:
        abort(406, "no acceptable representation; offered: " + ", ".join(offers))
    return media


def _alternates(href: str | None, offers: tuple[str, ...]) -> list[dict[str, str]]:
    if not href:
        return []
    return [{"type": m, "label": FORMAT_LABELS[m], "href": href + SUFFIX_OF[m]} for m in offers
            if m in FORMAT_LABELS]


def _headers(resp: Response, href: str | None, offers: tuple[str, ...]) -> Response:
    resp.headers["Vary"] = "Accept"
    links = [f'<{request.host_url.rstrip("/")}{a["href"]}>; rel="alternate"; type="{a["type"]}"'
             for a in _alternates(href, offers)]
    if links:
        resp.headers["Link"] = ", ".join(links)
    return resp


def _page(media: str, template: str, view: dict[str, Any], href: str | None,
          offers: tuple[str, ...] = PAGE_OFFERS) -> Response:
    if media == JSON:
        resp = jsonify(view)
    else:
        resp = Response(render_template(template, v=view, alternates=_alternates(href, offers)),
                        mimetype="text/html")
    return _headers(resp, href, offers)


def _rdf(triples: list[ox.Triple], media: str, href: str | None,
         offers: tuple[str, ...] = PAGE_OFFERS) -> Response:
    """A description as RDF; in TriG or N-Quads its triples are in the default graph, as /sparql gives them."""
    if media in QUAD_FORMATS:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return _serialised(quads, media, QUAD_FORMATS[media], href, offers)
    return _serialised(triples, media, RDF_FORMATS[media], href, offers)


def _serialised(items: list[Any], media: str, fmt: ox.RdfFormat, href: str | None,
                offers: tuple[str, ...]) -> Response:
    if fmt == ox.RdfFormat.RDF_XML and not all(
            xml_safe(t.object.value) for t in items if isinstance(t.object, ox.Literal)):
        abort(406, "this description holds control characters that RDF/XML cannot carry; ask for Turtle")
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if fmt == ox.RdfFormat.JSON_LD:
        body = jsonld.compact(items)
    else:
        body = ox.serialize(items, format=fmt, prefixes=prefixes) or b""
    charset = "" if media == JSONLD else "; charset=utf-8"
    return _headers(Response(body, content_type=media + charset), href, offers)
