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


# --- the lexer splits the text where the engine does: nothing hides from it -----------------
@pytest.mark.parametrize("text", [
    "SELECT * { BIND(0 AS ?a) FILTER(?a<1)SERVICE#>\n<http://h/> { ?s ?p ?o } }",  # '<' read as less-than
    "SELECT * { # comment\rSERVICE <http://h/> { ?s ?p ?o } }",  # a comment ends at a carriage return
    "PREFIX e: <http://e/> SELECT * { BIND(e:a\\#b AS ?x) SERVICE <http://h/> { ?s ?p ?o } }",  # escaped '#'
    "PREFIX e: <http://e/> SELECT * { BIND(e:a\\'b AS ?x) SERVICE <http://h/> { ?s ?p ?o } }",  # escaped quote
    "SELECT * { BIND(<http://e/\\u0041#x> AS ?x) SERVICE <http://h/> { ?s ?p ?o } }",  # \\u escape in an IRI
    "PREFIX x: <http://h/> SELECT * { SERVICEx:y { ?s ?p ?o } }",  # SERVICE read off the front of a name
    "PREFIX : <http://h/> SELECT * { SERVICE:y # c\n { ?s ?p ?o } }",
    "SELECT * { VALUES ?v { <http://h/> } SERVICESILENT ?v { ?s ?p ?o } }",
])
def test_service_cannot_hide_from_the_lexer(text: str) -> None:
    with pytest.raises(RequestRefused, match="SERVICE|ambiguous"):
        shape(text)


def test_less_than_and_iris_in_expressions() -> None:
    assert shape("SELECT * { ?s ?p ?o FILTER(?o<3&&?o>1) }").depth == 2
    assert shape("SELECT * { ?s ?p ?o FILTER(?p = <http://www.w3.org/2000/01/rdf-schema#label>) }").depth == 2
    assert shape("SELECT * { ?s <#p> ?o }").depth == 1  # outside parentheses '<' always starts an IRI
    with pytest.raises(RequestRefused, match="ambiguous"):
        shape("SELECT * { ?s ?p ?o FILTER(?o<(1)&&?p>2) }")
    with pytest.raises(RequestRefused, match="unary"):
        shape("ASK { FILTER(?a<" + "!" * 100 + "1>2) }")


def test_closing_brackets_give_no_credit_for_deeper_nesting() -> None:
    with pytest.raises(RequestRefused, match="nested too deeply"):
        shape("SELECT * { " + "}" * 100 + "{" * 100 + " }")


def test_quoted_triples_nest_like_brackets() -> None:
    assert shape("ASK { << <http://a> <http://b> <<<http://a> <http://b> <http://c>>> >> ?p ?o }").depth == 3
    assert shape("ASK { ?s ?p ?o FILTER(?o<<http://x>) }").depth == 2  # '<' then an IRI
    with pytest.raises(RequestRefused, match="nested too deeply"):
        shape("ASK { " + "<< ?s ?p " * 100 + "?o" + " >>" * 100 + " ?q ?r }")


def test_limit_and_offset_beyond_64_bits_are_brought_down_and_negative_ones_refused() -> None:
    big = "1" + "0" * 30
    text = f"SELECT * {{ {{ SELECT * {{}} LIMIT {big} }} }} OFFSET {big} LIMIT 5"
    assert shape(text).text == "SELECT * { { SELECT * {} LIMIT 9223372036854775807 } } OFFSET 9223372036854775807 LIMIT 5"
    assert shape(f"SELECT * {{}} LIMIT{big}").text == "SELECT * {} LIMIT9223372036854775807"
    assert shape('SELECT * { ?s ?p "LIMIT 99999999999999999999" } LIMIT 10').text.endswith("LIMIT 10")
    for clause in ("LIMIT -1", "OFFSET\n-1", "LIMIT # c\n -5"):
        with pytest.raises(RequestRefused, match="non-negative"):
            shape(f"SELECT * {{}} {clause}")
