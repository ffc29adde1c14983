"""Checks a SPARQL request before any parser sees it: size, nesting depth, form, SERVICE and FROM.

The query engine is a recursive-descent parser in native code: a few thousand nested
brackets overflow its stack and kill the process. So the text is scanned here with a small
lexer (strings, IRIs and comments skipped) and refused early when it is too long or too
deeply nested, when it is an update, or when it would make the engine reach out to the
network (SERVICE).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import QueryError

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
PROLOGUE_WORDS = frozenset({"BASE", "PREFIX"})

# IRIREF from the SPARQL grammar: no spaces, controls or <>"{}|^`\ inside.
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*(?::[A-Za-z0-9_\-.:%\\]*)?")
_VAR = re.compile(r"[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]*")
_OPEN = "({["
_CLOSE = ")}]"


@dataclass
class QueryShape:
    """What the lexer learnt about a query."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    depth: int  # deepest bracket nesting
    has_from: bool  # FROM or FROM NAMED clauses
    keywords: set[str] = field(default_factory=set)


class RequestRefused(QueryError):
    """A request refused before evaluation; carries the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _skip_string(text: str, i: int) -> int:
    """Index just past the string literal starting at text[i]."""
    quote = text[i]
    n = len(text)
    if text.startswith(quote * 3, i):
        end = i + 3
        while end < n:
            if text[end] == "\\":
                end += 2
                continue
            if text.startswith(quote * 3, end):
                return end + 3
            end += 1
        raise RequestRefused("malformed query: unterminated long string literal")
    end = i + 1
    while end < n:
        c = text[end]
        if c == "\\":
            end += 2
            continue
        if c == quote:
            return end + 1
        if c in "\r\n":
            break
        end += 1
    raise RequestRefused("malformed query: unterminated string literal")


def inspect_query(text: str, *, max_chars: int, max_depth: int) -> QueryShape:
    """Lex `text` once; raise RequestRefused for anything that must not reach the engine."""
    if len(text) > max_chars:
        raise RequestRefused(f"query too long: {len(text)} characters (limit {max_chars})", 400)
    if not text.strip():
        raise RequestRefused("empty query")
    depth = max_depth_seen = 0
    unary_run = 0
    words: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl + 1
            continue
        if c in "\"'":
            i = _skip_string(text, i)
            unary_run = 0
            continue
        if c == "<":
            m = _IRIREF.match(text, i)
            if m:
                i = m.end()
                unary_run = 0
                continue
            i += 1
            continue
        if c in _OPEN:
            depth += 1
            if depth > max_depth:
                raise RequestRefused(f"query nested too deeply: more than {max_depth} levels of brackets")
            max_depth_seen = max(max_depth_seen, depth)
            i += 1
            continue
        if c in _CLOSE:
            depth -= 1
            i += 1
            continue
        if c in "!-+":
            # Chains of unary operators recurse in the parser just like brackets do.
            unary_run += 1
            if unary_run > max_depth:
                raise RequestRefused(f"query nested too deeply: more than {max_depth} unary operators in a row")
            i += 1
            continue
        if c in "?$":
            m = _VAR.match(text, i)
            i = m.end() if m and m.end() > i + 1 else i + 1
            unary_run = 0
            continue
        m = _WORD.match(text, i)
        if m:
            word = m.group()
            if ":" not in word:
                words.append(word.upper())
            i = m.end()
            unary_run = 0
            continue
        i += 1
        unary_run = 0
    return _shape(words, max_depth_seen)


def _shape(words: list[str], depth: int) -> QueryShape:
    keywords = set(words)
    form = ""
    for word in words:
        if word in PROLOGUE_WORDS:
            continue
        form = word
        break
    if form in UPDATE_WORDS:
        raise RequestRefused("SPARQL Update is not accepted: this endpoint is read-only", 400)
    if form not in QUERY_FORMS:
        raise RequestRefused("malformed query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue")
    if "SERVICE" in keywords:
        raise RequestRefused("SERVICE (federated query) is not allowed: this endpoint makes no outbound requests")
    return QueryShape(form=form, depth=depth, has_from="FROM" in keywords, keywords=keywords)
