"""Checks a SPARQL request before any parser sees it: size, nesting depth, form, SERVICE and FROM.

The query engine is a recursive-descent parser in native code: a few thousand nested
brackets overflow its stack and kill the process. So the text is scanned here with a small
lexer (strings, IRIs and comments skipped) and refused early when it is too long or too
deeply nested, when it is an update, or when it would make the engine reach out to the
network (SERVICE).

The lexer must split the text exactly where the engine's parser does, or a keyword could hide
from it (inside what it takes for an IRI, a comment or a string). So it follows the engine on
the points where a naive lexer goes wrong: `\\uXXXX` escapes inside IRIs, comments that end at
a carriage return, `\\#` and `\\'` escapes inside prefixed names, keywords the engine reads off
the front of a longer word (`SERVICEx:y` is SERVICE then `x:y`), and `<` which inside an
expression may be the less-than operator rather than the start of an IRI: such a `<…>` span is
refused when reading it one way or the other would change what the rest of the query means.
Query workers are kept off the network by the kernel as well (`kg.query.worker`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import QueryError

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
PROLOGUE_WORDS = frozenset({"BASE", "PREFIX"})
# LIMIT and OFFSET above this are answered as if they were this (no store holds 2^63 rows);
# the engine refuses numbers that do not fit 64 bits.
MAX_COUNT = 2**63 - 1

# IRIREF from the SPARQL grammar (no spaces, controls or <>"{}|^`\ inside), plus the \u escapes
# the engine accepts in IRIs.
_IRIREF = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
# An IRI that cannot be read as `<` followed by an expression (`x://` is never one).
_SCHEME_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*://")
# What would change the meaning of the rest of the query if a `<…>` span were read as an operator.
_AMBIGUOUS = re.compile(r"[()\[\]'#]")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*(?::(?:[A-Za-z0-9_\-.:%]|\\.)*)?")
_VAR = re.compile(r"[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]*")
_COUNT = re.compile(r"(?:[ \t\r\n]|#[^\r\n]*)*([+-]?)([0-9]*)")
_COUNT_WORD = re.compile(r"(LIMIT|OFFSET)([0-9]*)", re.IGNORECASE)
_NEXT = re.compile(r"(?:\s|#[^\r\n]*)*")
_OPEN = "({["
_CLOSE = ")}]"


@dataclass
class QueryShape:
    """What the lexer learnt about a query."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    depth: int  # deepest bracket nesting
    has_from: bool  # FROM or FROM NAMED clauses
    keywords: set[str] = field(default_factory=set)
    text: str = ""  # the query to evaluate (LIMIT / OFFSET beyond 64 bits brought down to MAX_COUNT)


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


def _longest_unary_run(text: str) -> int:
    run = longest = 0
    for c in text:
        run = run + 1 if c in "!+-" else 0
        longest = max(longest, run)
    return longest


def _check_iri_in_expression(iri: str, max_depth: int) -> None:
    """Refuse a `<…>` span inside parentheses that the engine might read as `<` and an expression."""
    if _SCHEME_IRI.match(iri):
        return
    if _AMBIGUOUS.search(iri):
        raise RequestRefused(f"ambiguous '<' in {iri[:60]!r}: write the IRI in full (scheme://…) or put "
                             "spaces around the less-than operator")
    if _longest_unary_run(iri) > max_depth:
        raise RequestRefused(f"query nested too deeply: more than {max_depth} unary operators in a row")


def _count_after(text: str, start: int, keyword: str) -> tuple[int, int] | None:
    """The span of the number after LIMIT / OFFSET if it is beyond MAX_COUNT; refuses a negative one."""
    m = _COUNT.match(text, start)
    if m is None:
        return None
    if m.group(1) == "-":
        raise RequestRefused(f"malformed query: {keyword} takes a non-negative integer")
    digits = m.group(2)
    if digits and int(digits) > MAX_COUNT:
        return m.start(2), m.end(2)
    return None


def inspect_query(text: str, *, max_chars: int, max_depth: int) -> QueryShape:
    """Lex `text` once; raise RequestRefused for anything that must not reach the engine."""
    if len(text) > max_chars:
        raise RequestRefused(f"query too long: {len(text)} characters (limit {max_chars})", 400)
    if not text.strip():
        raise RequestRefused("empty query")
    stack: list[str] = []  # open brackets, innermost last ("<<" for quoted triples)
    max_depth_seen = 0
    unary_run = 0
    words: list[str] = []
    service = False
    cuts: list[tuple[int, int]] = []  # LIMIT / OFFSET numbers to bring down to MAX_COUNT
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "#":  # a comment ends at a line feed or a carriage return, as in the engine
            m = _NEXT.match(text, i)
            i = m.end() if m and m.end() > i else n
            continue
        if c in "\"'":
            i = _skip_string(text, i)
            unary_run = 0
            continue
        if c == "<":
            m = _IRIREF.match(text, i)
            if m:
                if stack and stack[-1] == "(":
                    _check_iri_in_expression(m.group(), max_depth)
                i = m.end()
                unary_run = 0
                continue
            if text.startswith("<<", i) and not _IRIREF.match(text, i + 1):
                c, i = "<<", i + 1  # a quoted triple nests like a bracket
            else:
                i += 1
                continue
        if c in _OPEN or c == "<<":
            stack.append(c)
            if len(stack) > max_depth:
                raise RequestRefused(f"query nested too deeply: more than {max_depth} levels of brackets")
            max_depth_seen = max(max_depth_seen, len(stack))
            i += 1
            continue
        if c in _CLOSE or text.startswith(">>", i):
            if stack:
                stack.pop()
            i += 2 if c == ">" else 1
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
            word = m.group().upper()
            if ":" not in word:
                words.append(word)
            if word.startswith("SERVICE"):
                # The engine reads SERVICE off the front of a word: `SERVICEx:y {` is SERVICE x:y {.
                after = _NEXT.match(text, m.end())
                service = service or ":" not in word or (after is not None and text.startswith("{", after.end()))
            count = _COUNT_WORD.fullmatch(word)
            if count:
                cut = _count_after(text, m.start() + len(count.group(1)), count.group(1))
                if cut:
                    cuts.append(cut)
            i = m.end()
            unary_run = 0
            continue
        i += 1
        unary_run = 0
    shape = _shape(words, max_depth_seen, service)
    for start, end in reversed(cuts):
        text = text[:start] + str(MAX_COUNT) + text[end:]
    shape.text = text
    return shape


def _shape(words: list[str], depth: int, service: bool) -> QueryShape:
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
    if service:
        raise RequestRefused("SERVICE (federated query) is not allowed: this endpoint makes no outbound requests")
    return QueryShape(form=form, depth=depth, has_from="FROM" in keywords, keywords=keywords)
