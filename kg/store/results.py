"""Render QueryResult as a text table, SPARQL JSON results, CSV, or RDF for graph results."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph as ox

from kg.store.base import QueryResult, Term

RESULT_FORMATS = ("table", "json", "csv", "tsv")


def term_text(t: Term | None) -> str:
    """A plain rendering: IRIs and literal values without syntax."""
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value


def term_json(t: Term) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_json(t.subject), "predicate": term_json(t.predicate),
                                        "object": term_json(t.object)}}


def render(result: QueryResult, fmt: str) -> str:
    """Text for the terminal or a file."""
    if result.kind == "boolean":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in result.triples)
        buf = io.BytesIO()
        rdf_fmt = ox.RdfFormat.N_TRIPLES if fmt in ("csv", "tsv") else ox.RdfFormat.TURTLE
        if fmt == "json":
            rdf_fmt = ox.RdfFormat.JSON_LD
        store.dump(buf, format=rdf_fmt, from_graph=ox.DefaultGraph())
        return buf.getvalue().decode("utf-8")
    if fmt == "json":
        return json.dumps({
            "head": {"vars": result.variables},
            "results": {"bindings": [
                {v: term_json(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows
            ]},
        }, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        text = io.StringIO()
        w = csv.writer(text, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow([term_text(t) for t in row])
        return text.getvalue()
    return table(result.variables, [[term_text(t) for t in row] for row in result.rows])


def table(header: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain aligned text table; long cells are cut with an ellipsis."""
    def cut(s: str) -> str:
        s = s.replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"
    cells = [[cut(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
