"""Checks on RDF files before a parser sees them.

Oxigraph's RDF/XML parser expands internal entities without a limit (ten nested
entities of ten references each make a 30 GB literal: "billion laughs") and slows down
more than linearly with element depth (20 000 levels take 15 s). External entities it
refuses, and it fetches nothing. So an RDF/XML file is first read with expat, which stops
at the first entity declaration or at an element nested too deeply; nothing is expanded
or fetched while checking.
"""
from __future__ import annotations

from pathlib import Path
from xml.parsers import expat

from kg.errors import InputError

MAX_XML_DEPTH = 1000  # elements nested deeper than this are refused (real RDF/XML stays under ~50)


def check_rdfxml(path: Path, max_depth: int = MAX_XML_DEPTH) -> None:
    """InputError if `path` is not well-formed XML, declares entities, or nests deeper than `max_depth`."""
    where = str(path)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def entity_declared(name: str, is_parameter: int, value: str | None, base: str | None,
                        system_id: str | None, public_id: str | None, notation: str | None) -> None:
        kind = "external" if system_id or public_id else "internal"
        raise InputError(f"RDF/XML with entity declarations is refused ({kind} entity {name!r} declared in the "
                         "DOCTYPE): entity expansion and external entities are not supported; "
                         "expand the entities before loading", where, parser.CurrentLineNumber)

    def start(name: str, attrs: object) -> None:
        nonlocal depth
        depth += 1
        if depth > max_depth:
            raise InputError(f"XML elements nested deeper than {max_depth} levels are refused", where,
                             parser.CurrentLineNumber)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.EntityDeclHandler = entity_declared
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with path.open("rb") as f:
            parser.ParseFile(f)
    except expat.ExpatError as e:
        raise InputError(f"not well-formed XML: {expat.ErrorString(e.code)} (column {e.offset + 1})", where,
                         e.lineno) from e
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}", where) from e
