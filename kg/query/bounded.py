"""Queries whose work is bounded by the row cap, so that they may be evaluated in the server process.

A query runs in a killable worker process because nothing else can stop it (`kg.query.worker`).
That costs a hop to another process and back, which for a lookup of a few rows is most of its
time. One kind of query needs no stopping: a SELECT or ASK of exactly one triple pattern, with no
DISTINCT, ORDER BY, GROUP BY, OFFSET, FILTER, path, sub-query, dataset clause or anything else.
The engine answers it from one index range, lazily, one match per row: reading at most the row
cap plus one rows (which is all the endpoint ever reads) costs at most that many index steps,
whatever the store holds. So its time and memory are bounded by the row cap like the answer
itself, and no timeout is needed to keep it short.

The matcher is deliberately narrow: it accepts a text only when every token is one of a few
simple kinds (IRIs without escapes, prefixed names, variables, short string literals without
line breaks, numbers, booleans, `a`) in one fixed order, so that the engine cannot read more
structure into it than this module does. No comments, no blank nodes, no escapes in IRIs; every
other query goes to a worker as before.
"""
from __future__ import annotations

import re

_WS = r"\s*"
_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
_PN = r"(?:[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)?"  # prefix name (may be empty)
_LOCAL = r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?"  # local part: no escapes, no trailing dot
_PNAME = rf"{_PN}:{_LOCAL}"
_VAR = r"[?$][A-Za-z_][A-Za-z0-9_]*"
_STRING = r'"(?:[^"\\\r\n]|\\[tbnrf"\'\\])*"' + r"|'(?:[^'\\\r\n]|\\[tbnrf\"'\\])*'"
_LITERAL = rf"(?:{_STRING})(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:{_IRI}|{_PNAME}))?"
# Unsigned: after a predicate, `+` is the one-or-more path operator (`?s <p> +1` is `?s <p>+ 1`, a transitive
# closure, not one pattern), and a number gains nothing from a sign here.
_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NODE = rf"(?:{_IRI}|{_PNAME}|{_VAR})"
_OBJECT = rf"(?:{_NODE}|{_LITERAL}|{_NUMBER}|true\b|false\b)"
_PREDICATE = rf"(?:{_NODE}|a\b)"

_PROLOGUE = rf"(?:{_WS}(?i:PREFIX)\s+{_PN}:{_WS}{_IRI}|{_WS}(?i:BASE){_WS}{_IRI})*"
_PATTERN = rf"{_WS}\{{{_WS}{_NODE}\s+{_PREDICATE}\s+{_OBJECT}{_WS}\.?{_WS}\}}"
_SELECT = rf"{_WS}(?i:SELECT)(?:{_WS}\*|(?:\s+{_VAR})+){_WS}(?:(?i:WHERE))?{_PATTERN}(?:{_WS}(?i:LIMIT)\s+[0-9]{{1,18}})?"
_ASK = rf"{_WS}(?i:ASK){_WS}(?:(?i:WHERE))?{_PATTERN}"
_ONE_PATTERN = re.compile(rf"{_PROLOGUE}(?:{_SELECT}|{_ASK}){_WS}", re.DOTALL)


def bounded(query: str) -> bool:
    """Whether `query` is a SELECT or ASK of one triple pattern and nothing else (see the module)."""
    if "service" in query.lower():  # not even in a name or a string: the server process has no network filter
        return False
    return _ONE_PATTERN.fullmatch(query) is not None
