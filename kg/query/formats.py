"""SPARQL results and RDF serialisations for the endpoint, with a row cap.

Results are written here rather than by the engine so that the rows can be cut at the cap
(and the cut reported) and so that XML output stays well-formed: XML 1.0 cannot carry most
control characters, which literals may hold, so they are replaced by U+FFFD there.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import re
from typing import Any, Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.query import jsonld
from kg.store.results import term_json

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"
JSONLD = "application/ld+json"
NQUADS = "application/n-quads"
TRIG = "application/trig"
N3 = "text/n3"  # answered with Turtle, which is N3

# Offers in order of preference (the first wins on ties such as */*).
SOLUTION_TYPES = (RESULTS_JSON, RESULTS_XML, CSV, TSV, "application/json", "application/xml", "text/xml")
BOOLEAN_TYPES = (RESULTS_JSON, RESULTS_XML, "application/json", "application/xml", "text/xml", "text/plain", CSV, TSV)
GRAPH_TYPES = (TURTLE, NTRIPLES, RDFXML, JSONLD, NQUADS, TRIG, N3, "application/turtle", "application/x-turtle",
               "application/xml", "text/plain", "application/json")

# Aliases clients send -> the canonical type answered.
_ALIASES = {"application/json": RESULTS_JSON, "application/xml": RESULTS_XML, "text/xml": RESULTS_XML}
_GRAPH_ALIASES = {"application/xml": RDFXML, "text/plain": NTRIPLES, "application/json": JSONLD,
                  "application/turtle": TURTLE, "application/x-turtle": TURTLE}

# `format=` / `output=` / `results=` names, by the kind of result. As Fuseki and Virtuoso read them:
# for a graph, "xml" is RDF/XML, "json" JSON-LD and "n3" Turtle.
RESULT_NAMES = {"json": RESULTS_JSON, "srj": RESULTS_JSON, "xml": RESULTS_XML, "srx": RESULTS_XML,
                "csv": CSV, "tsv": TSV}
GRAPH_NAMES = {"turtle": TURTLE, "ttl": TURTLE, "n3": TURTLE, "ntriples": NTRIPLES, "n-triples": NTRIPLES,
               "nt": NTRIPLES, "rdfxml": RDFXML, "rdf+xml": RDFXML, "rdf": RDFXML, "xml": RDFXML,
               "jsonld": JSONLD, "json-ld": JSONLD, "json": JSONLD, "nquads": NQUADS, "n-quads": NQUADS,
               "nq": NQUADS, "trig": TRIG}

# Media type -> RDF syntax (triple and dataset syntaxes).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    TURTLE: ox.RdfFormat.TURTLE,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    RDFXML: ox.RdfFormat.RDF_XML,
    JSONLD: ox.RdfFormat.JSON_LD,
    NQUADS: ox.RdfFormat.N_QUADS,
    TRIG: ox.RdfFormat.TRIG,
}

XSD = "http://www.w3.org/2001/XMLSchema#"
# What json.dumps(ensure_ascii=False) writes as it is, between quotes (it escapes quotes, backslashes, controls).
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')
# Characters of a term whose JSON is remembered: longer ones are written each time, so that the memo stays
# small (8,192 short terms) whatever the answers hold.
MAX_REMEMBERED = 256
# Characters XML 1.0 cannot carry (literals may hold them).
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def canonical(media_type: str, form: str) -> str:
    """The media type actually answered for an accepted `media_type` and query form."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return _GRAPH_ALIASES.get(media_type, media_type)
    if form == "ASK" and media_type == "text/plain":
        return "text/plain"
    return _ALIASES.get(media_type, media_type)


def named(name: str, form: str) -> str | None:
    """The media type a `format=` value asks for with a query of this form (a name or a media type);
    None when it names nothing this form can be answered in."""
    wanted = name.strip().lower()
    names = GRAPH_NAMES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_NAMES
    media_type = names.get(wanted, wanted)
    return media_type if media_type in offers(form) else None


def known_name(name: str) -> bool:
    """Whether a `format=` value names a result or RDF format at all (for one query form or another)."""
    wanted = name.strip().lower()
    return (wanted in RESULT_NAMES or wanted in GRAPH_NAMES
            or any(wanted in offers(f) for f in ("SELECT", "ASK", "CONSTRUCT")))


def offers(form: str) -> tuple[str, ...]:
    """Media types a query of this form can be answered in."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_TYPES
    if form == "ASK":
        return BOOLEAN_TYPES
    return SOLUTION_TYPES


# --- booleans -------------------------------------------------------------------------------
def boolean(value: bool, media_type: str) -> bytes:
    word = "true" if value else "false"
    if media_type == CSV:  # CSV and TSV define no boolean; this is Jena's form
        return f"_askResult\r\n{word}\r\n".encode()
    if media_type == TSV:
        return f"?_askResult\n{word}\n".encode()
    if media_type == RESULTS_XML:
        return ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if media_type == "text/plain":
        return b"true\n" if value else b"false\n"
    return json.dumps({"head": {}, "boolean": value}).encode()


# --- solutions ------------------------------------------------------------------------------
def solutions(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], media_type: str) -> bytes:
    if media_type == RESULTS_XML:
        return _xml(variables, rows)
    if media_type == CSV:
        return _csv(variables, rows)
    if media_type == TSV:
        return _tsv(variables, rows)
    return _json(variables, rows)


def _json(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> bytes:
    """`json.dumps({"head": {"vars": […]}, "results": {"bindings": […]}}, ensure_ascii=False)`, written
    piece by piece with each term's JSON remembered (lookups answer the same few terms over and over):
    json.dumps writes a dict as `{` + `, `.join(key `: ` value) + `}` and a list likewise, so the bytes
    are the same (tests/test_query_lookup.py holds them to json.dumps)."""
    names = [f'"{v}"' if _PLAIN.fullmatch(v) else json.dumps(v, ensure_ascii=False) for v in variables]
    if len(names) == 1:  # the usual lookup: one value a row
        key = names[0] + ": "
        bindings = ", ".join("{}" if row[0] is None else "{" + key + _code(row[0]) + "}" for row in rows)
    else:
        keys = [n + ": " for n in names]
        bindings = ", ".join("{" + ", ".join(k + _code(t) for k, t in zip(keys, row) if t is not None) + "}"
                             for row in rows)
    return f'{{"head": {{"vars": [{", ".join(names)}]}}, "results": {{"bindings": [{bindings}]}}}}'.encode("utf-8")


def _code(t: Term) -> str:
    """A term's SPARQL JSON results object, as json.dumps writes it; remembered if it is short."""
    if type(t) is not ox.Triple and len(t.value) <= MAX_REMEMBERED:
        return _term_code(t)
    return json.dumps(term_json(t), ensure_ascii=False)


@functools.lru_cache(maxsize=8192)
def _term_code(t: Term) -> str:
    return json.dumps(term_json(t), ensure_ascii=False)


def _x(text: str) -> str:
    return escape(XML_INVALID.sub("\ufffd", text))


def _term_xml(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_x(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_x(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang={quoteattr(t.language)}>{_x(t.value)}</literal>'
        if t.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{_x(t.value)}</literal>"
        return f"<literal>{_x(t.value)}</literal>"
    return (f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}</predicate>"
            f"<object>{_term_xml(t.object)}</object></triple>")


def _xml(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
                for v, t in zip(variables, row) if t is not None]
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(variables)
    for row in rows:
        w.writerow(["" if t is None else _plain(t) for t in row])
    return buf.getvalue().encode("utf-8")


def _plain(t: Term) -> str:
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value


def _tsv(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else _term_nt(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _term_nt(t: Term) -> str:
    # N-Triples syntax escapes tabs and newlines inside literals, as TSV requires.
    return str(t)


# --- graphs ---------------------------------------------------------------------------------
def graph(triples: Iterable[ox.Triple], media_type: str, prefixes: dict[str, str] | None = None) -> bytes:
    if media_type == JSONLD:  # compacted, with the public vocabulary's context (the engine writes it expanded)
        return jsonld.compact(triples)
    fmt = RDF_FORMATS.get(media_type, ox.RdfFormat.TURTLE)
    items: Iterable[ox.Triple | ox.Quad] = triples
    if fmt.supports_datasets:
        items = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    if fmt == ox.RdfFormat.RDF_XML:
        items = (_xml_safe(t) for t in triples)
    kwargs: dict[str, Any] = {}
    if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        kwargs["prefixes"] = prefixes
    data = ox.serialize(items, format=fmt, **kwargs)
    return data if data is not None else b""


def _xml_safe(t: ox.Triple) -> ox.Triple:
    o = t.object
    if isinstance(o, ox.Literal) and XML_INVALID.search(o.value):
        value = XML_INVALID.sub("\ufffd", o.value)
        o = ox.Literal(value, language=o.language) if o.language else ox.Literal(value, datatype=o.datatype)
    return ox.Triple(t.subject, t.predicate, o)
