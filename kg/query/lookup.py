"""One-pattern lookups read straight from the store's indexes, without the SPARQL engine.

`kg.query.bounded` says which queries are one triple pattern and nothing else; the server
process answers those itself. Most of their cost is the engine's parser and planner, and its
handing the thread back and forth (it lets go of the GIL while it evaluates, and getting it
back costs a wait when the server's other threads are busy). For the plainest of them this
module reads the pattern itself and asks the store for the matching quads with
`Store.quads_for_pattern`: the same index range the engine reads for that pattern with the
union default graph (every graph, the default one included, as a multiset), in the same order.

It accepts only what it reads exactly as the engine does, and hands anything else back (None)
to the engine: SELECT (variables or `*`) or ASK with an optional LIMIT, PREFIX declarations but
no BASE; IRIs with a scheme and no `.` or `..` segment (no resolution against a base changes
them), prefixed names of declared prefixes, `a`; string literals (the grammar's escapes) with a
language tag or a datatype other than rdf:langString, integers, decimals, doubles, `true` and
`false`; variables at most once in the pattern and at most once in the projection.
`tests/test_query_lookup.py` holds it to the engine's answers, byte for byte.
"""
from __future__ import annotations

import functools
import itertools
import re
from operator import attrgetter
from typing import Any, Callable, NamedTuple

import pyoxigraph as ox

from kg.query import formats
from kg.query.formats import MAX_REMEMBERED
from kg.query.bounded import _IRI, _LITERAL, _NUMBER, _PN, _PNAME, _PROLOGUE, _VAR, _WS
from kg.query.worker import Answer, TooLarge

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_TERM = rf"(?:{_IRI}|{_PNAME}|{_VAR})"
_OBJECT = rf"(?:{_TERM}|{_LITERAL}|{_NUMBER}|true\b|false\b)"
_BODY = (rf"(?:(?i:WHERE))?{_WS}\{{{_WS}(?P<s>{_TERM})\s+(?P<p>{_TERM}|a\b)\s+(?P<o>{_OBJECT}){_WS}\.?{_WS}\}}")
_SELECT = re.compile(rf"(?P<prologue>{_PROLOGUE}){_WS}(?i:SELECT)(?:{_WS}(?P<star>\*)|(?P<vars>(?:\s+{_VAR})+)){_WS}{_BODY}"
                     rf"(?:{_WS}(?i:LIMIT)\s+(?P<limit>[0-9]{{1,18}}))?{_WS}", re.DOTALL)
_ASK = re.compile(rf"(?P<prologue>{_PROLOGUE}){_WS}(?i:ASK){_WS}{_BODY}{_WS}", re.DOTALL)
_PREFIX = re.compile(rf"{_WS}(?i:PREFIX)\s+(?P<name>{_PN}):{_WS}<(?P<iri>[^>]*)>")
_STRING = re.compile(r'"(?P<d>(?:[^"\\]|\\.)*)"|\'(?P<s>(?:[^\'\\]|\\.)*)\'', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)")
_UNESCAPE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NUMBERS = ((re.compile(r"[0-9]+"), XSD + "integer"), (re.compile(r"[0-9]*\.[0-9]+"), XSD + "decimal"),
            (re.compile(r"(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"), XSD + "double"))  # unsigned (bounded)
_POSITION = (attrgetter("subject"), attrgetter("predicate"), attrgetter("object"))
# Terms whose characters are their value's (a triple term's are its N-Triples'), as kg.query.worker counts them.
_VALUED = frozenset({ox.NamedNode, ox.Literal, ox.BlankNode})
Term = ox.NamedNode | ox.Literal


class Lookup(NamedTuple):
    """A query of one triple pattern, read: its form, its constant terms (None: a variable), what it projects."""

    form: str  # "SELECT" or "ASK"
    pattern: tuple[Term | None, Term | None, Term | None]
    names: tuple[str, ...]  # the variables projected (SELECT), in the engine's order
    columns: tuple[int | None, ...]  # for each, its place in the pattern (0, 1, 2), or None: never bound
    limit: int | None


def parse(query: str) -> Lookup | None:
    """The lookup `query` asks for; None when it is anything this module does not read exactly as the engine.

    Its grammar is kg.query.bounded's with fewer kinds of term: what it reads is one pattern (tested)."""
    if "service" in query.lower():  # as kg.query.bounded refuses it
        return None
    m = _SELECT.fullmatch(query)
    form = "SELECT"
    if m is None:
        m = _ASK.fullmatch(query)
        form = "ASK"
        if m is None:
            return None
    s, p, o, prologue = m.group("s", "p", "o", "prologue")
    prefixes: dict[str, str] | None = _prologue(prologue) if prologue else {}
    if prefixes is None:
        return None
    variables = (s[1:] if s[0] in "?$" else None, p[1:] if p[0] in "?$" else None, o[1:] if o[0] in "?$" else None)
    subject = None if variables[0] is not None else _term(s, prefixes)
    predicate = None if variables[1] is not None else _term(p, prefixes)
    object_ = None if variables[2] is not None else _term(o, prefixes)
    if (variables[0] is None and type(subject) is not ox.NamedNode) or \
            (variables[1] is None and type(predicate) is not ox.NamedNode) or (variables[2] is None and object_ is None):
        return None
    named = [v for v in variables if v is not None]
    if len(set(named)) != len(named):
        return None  # ?x ?p ?x: a join within the pattern
    if form == "ASK":
        return Lookup(form, (subject, predicate, object_), (), (), None)
    if m.group("star"):
        names = sorted(named)  # the engine's order for SELECT *
    else:
        names = [v[1:] for v in m.group("vars").split()]
        if len(set(names)) != len(names):
            return None  # the engine refuses it (a duplicated variable)
    columns = tuple(variables.index(n) if n in variables else None for n in names)
    limit = m.group("limit")
    return Lookup(form, (subject, predicate, object_), tuple(names), columns, None if limit is None else int(limit))


def answer(store: ox.Store, lookup: Lookup, media_type: str, max_rows: int, max_bytes: int) -> Answer:
    """What the engine answers to `lookup` over the union of the store's graphs, at most `max_rows` rows
    (cut and flagged as the endpoint does). TooLarge when the rows read hold more than `max_bytes`
    characters of terms, as `kg.query.worker.evaluate` says."""
    s, p, o = lookup.pattern
    quads = store.quads_for_pattern(s, p, o, None)
    if lookup.form == "ASK":
        media_type = formats.canonical(media_type, "ASK")
        return Answer(200, media_type, formats.boolean(next(quads, None) is not None, media_type), rows=1)
    limit = max_rows + 1 if lookup.limit is None else min(lookup.limit, max_rows + 1)
    rows: list[tuple[Any, ...]] = []
    size = 0
    if len(lookup.columns) == 1 and lookup.columns[0] is not None:  # the usual lookup: one value a row
        get = _POSITION[lookup.columns[0]]
        for quad in itertools.islice(quads, limit):
            term = get(quad)
            size += len(term.value) if type(term) in _VALUED else len(str(term))
            if size > max_bytes:
                raise TooLarge(f"more than {max_bytes} characters of terms")
            rows.append((term,))
    else:
        getters: list[Callable[[Any], Any]] = [_unbound if c is None else _POSITION[c] for c in lookup.columns]
        for quad in itertools.islice(quads, limit):
            row = tuple(get(quad) for get in getters)
            size += sum(len(t.value) if type(t) in _VALUED else len(str(t)) for t in row if t is not None)
            if size > max_bytes:
                raise TooLarge(f"more than {max_bytes} characters of terms")
            rows.append(row)
    cut = len(rows) > max_rows
    rows = rows[:max_rows]
    media_type = formats.canonical(media_type, "SELECT")
    return Answer(200, media_type, formats.solutions(lookup.names, rows, media_type), len(rows), cut)


def _unbound(quad: Any) -> None:
    return None


def _prologue(text: str) -> dict[str, str] | None:
    """The prefixes a prologue declares (the last declaration of a name wins); None if it has a BASE."""
    prefixes: dict[str, str] = {}
    end = 0
    for m in _PREFIX.finditer(text):
        if m.start() != end or _iri(m.group("iri")) is None:
            return None
        prefixes[m.group("name")] = m.group("iri")
        end = m.end()
    return prefixes if text[end:].strip() == "" else None


def _term(token: str, prefixes: dict[str, str]) -> Term | None:
    if token[0] == "<":
        return _iri(token[1:-1])
    if token == "a":
        return _iri(RDF_TYPE)
    if token[0] in "\"'":
        return _literal(token, prefixes)
    if token in ("true", "false"):
        return ox.Literal(token, datatype=ox.NamedNode(XSD + "boolean"))
    for number, datatype in _NUMBERS:
        if number.fullmatch(token):
            return ox.Literal(token, datatype=ox.NamedNode(datatype))
    if ":" in token and token[0] not in ".0123456789":
        return _pname(token, prefixes)
    return None  # 1. and the like: left to the engine


def _pname(token: str, prefixes: dict[str, str]) -> ox.NamedNode | None:
    prefix, _, local = token.partition(":")
    namespace = prefixes.get(prefix)
    return None if namespace is None else _iri(namespace + local)


def _iri(text: str) -> ox.NamedNode | None:
    """The IRI as the engine reads it from a query with a base: only those it leaves as they are."""
    return _known_iri(text) if len(text) <= MAX_REMEMBERED else _read_iri(text)


@functools.lru_cache(maxsize=4096)  # the same few IRIs, over and over
def _known_iri(text: str) -> ox.NamedNode | None:
    return _read_iri(text)


def _read_iri(text: str) -> ox.NamedNode | None:
    if not _ABSOLUTE.match(text) or "/." in text or ":." in text or "\\" in text:
        return None
    try:
        return ox.NamedNode(text)
    except ValueError:
        return None  # not an IRI: the engine says why


def _literal_text(quoted: str) -> str:
    return _unescaped(quoted) if len(quoted) <= MAX_REMEMBERED else _unescaped.__wrapped__(quoted)


@functools.lru_cache(maxsize=4096)
def _unescaped(quoted: str) -> str:
    return _ESCAPE.sub(lambda e: _UNESCAPE[e.group(1)], quoted)


def _literal(token: str, prefixes: dict[str, str]) -> ox.Literal | None:
    m = _STRING.match(token)
    if m is None:
        return None
    quoted = m.group("d") if m.group("d") is not None else m.group("s")
    if any(e.group(1) not in _UNESCAPE for e in _ESCAPE.finditer(quoted)):
        return None
    value = _literal_text(quoted)
    suffix = token[m.end():]
    try:
        if not suffix:
            return ox.Literal(value)
        if suffix[0] == "@":
            return ox.Literal(value, language=suffix[1:])
        datatype = _term(suffix[2:], prefixes)
        if not isinstance(datatype, ox.NamedNode) or datatype.value == _LANG_STRING:
            return None
        return ox.Literal(value, datatype=datatype)
    except ValueError:
        return None  # a malformed language tag: the engine says why
