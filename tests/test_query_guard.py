"""The lexer that screens queries before the engine parses them."""
from __future__ import annotations

import pytest

from kg.query.guard import RequestRefused, inspect_query


def shape(text: str, max_depth: int = 64):
    return inspect_query(text, max_chars=100_000, max_depth=max_depth)


@pytest.mark.parametrize("text, form", [
    ("SELECT * { ?s ?p ?o }", "SELECT"),
    ("PREFIX ex: <http://e/> BASE <http://b/> ask { ex:a ex:b ex:c }", "ASK"),
    ("# a comment with INSERT in it\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://example.org/>", "DESCRIBE"),
])
def test_query_forms(text: str, form: str) -> None:
    assert shape(text).form == form


@pytest.mark.parametrize("text", [
    "INSERT DATA { <a:b> <a:c> <a:d> }",
    "PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }",
    "LOAD <file:///etc/passwd>",
    "CLEAR ALL",
    "WITH <g:x> INSERT { <a:b> <a:c> 1 } WHERE {}",
])
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(RequestRefused, match="read-only"):
        shape(text)


def test_service_is_refused_but_not_inside_strings_iris_or_names() -> None:
    with pytest.raises(RequestRefused, match="SERVICE"):
        shape("SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }")
    with pytest.raises(RequestRefused, match="SERVICE"):
        shape("SELECT * { VALUES ?x { <http://h/> } service silent ?x { ?s ?p ?o } }")
    ok = shape('PREFIX SERVICE: <http://e/SERVICE> SELECT ?service { ?s SERVICE:p "SERVICE {" . '
               '?s <http://e/SERVICE> ?service }')
    assert "SERVICE" not in ok.keywords


def test_depth_counts_brackets_but_not_those_in_strings_or_iris() -> None:
    assert shape("SELECT * { { ?s ?p ?o } }").depth == 2
    assert shape('SELECT * { ?s ?p "(((((((((( {{{{{{{" }').depth == 1
    assert shape("SELECT * { ?s <http://e/a(b> ?o } # ((((((((").depth == 1
    assert shape("SELECT * { ?a ?b ?c FILTER(?c < 3 && ?c > 1) }").depth == 2  # '<' here is not an IRI


def test_deep_nesting_is_refused_before_parsing() -> None:
    deep = "SELECT * WHERE " + "{" * 20_000 + "?s ?p ?o" + "}" * 20_000
    with pytest.raises(RequestRefused, match="nested too deeply"):
        shape(deep)
    with pytest.raises(RequestRefused, match="nested too deeply"):
        shape("ASK { FILTER(" + "(" * 70 + "1" + ")" * 70 + ") }")
    with pytest.raises(RequestRefused, match="unary"):
        shape("ASK { FILTER(" + "!" * 20_000 + "true) }")
    assert shape("ASK { FILTER(" + "(" * 30 + "1" + ")" * 30 + ") }", max_depth=64).depth == 32


def test_size_limit_and_empty_query() -> None:
    with pytest.raises(RequestRefused, match="too long"):
        inspect_query("SELECT * {}" + " " * 200, max_chars=100, max_depth=10)
    with pytest.raises(RequestRefused, match="empty"):
        shape("   \n ")


def test_unterminated_strings_and_garbage() -> None:
    with pytest.raises(RequestRefused, match="unterminated"):
        shape('SELECT * { ?s ?p "abc }')
    with pytest.raises(RequestRefused, match="unterminated"):
        shape("SELECT * { ?s ?p '''abc }")
    with pytest.raises(RequestRefused, match="expected SELECT"):
        shape("SELEKT * { ?s ?p ?o }")


def test_from_is_noticed() -> None:
    assert shape("SELECT * FROM <http://g/> { ?s ?p ?o }").has_from
    assert shape("SELECT * FROM NAMED <http://g/> { GRAPH ?g { ?s ?p ?o } }").has_from
    assert not shape('SELECT * { ?s ?p "FROM" }').has_from
