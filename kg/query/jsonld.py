"""Compacted JSON-LD: triples as one node object per subject, keys and types as prefixed names.

The context (the public vocabulary's prefixes, `context()`) is written into each document, so that a
consumer needs no network access to read it (JSON-LD processors fetch remote contexts); the same
context is served at `/ns/context.jsonld` for consumers who compact or frame data of their own.
Literal values keep their lexical form (`{"@value": "0.8", "@type": "xsd:decimal"}`): no number is
rounded by a JSON parser. Expanding a document gives back exactly the triples it was made from.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.rdf.vocab import PREFIXES

__all__ = ["CONTEXT_PATH", "compact", "context"]

CONTEXT_PATH = "/ns/context.jsonld"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_EXTRA = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def context() -> dict[str, str]:
    """The JSON-LD context of the public vocabulary: one prefix per namespace."""
    return {**{k: v for k, v in PREFIXES.items() if v.endswith(("#", "/"))}, **_EXTRA}


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    """`rdfs:label` for an IRI in a known namespace; the IRI itself when no prefix writes it safely."""
    for prefix, ns in prefixes.items():
        if iri.startswith(ns):
            local = iri[len(ns):]
            # A suffix starting "//" would read as an absolute IRI; an empty one as the prefix term itself.
            if local and not local.startswith("//"):
                return f"{prefix}:{local}"
    return iri


def _node_id(t: ox.NamedNode | ox.BlankNode, prefixes: dict[str, str]) -> str:
    return f"_:{t.value}" if isinstance(t, ox.BlankNode) else _compact_iri(t.value, prefixes)


def _value(t: ox.NamedNode | ox.BlankNode | ox.Literal, prefixes: dict[str, str]) -> Any:
    if isinstance(t, (ox.NamedNode, ox.BlankNode)):
        return {"@id": _node_id(t, prefixes)}
    if t.language:
        return {"@value": t.value, "@language": t.language}
    if t.datatype.value == XSD_STRING:
        return t.value
    return {"@value": t.value, "@type": _compact_iri(t.datatype.value, prefixes)}


def compact(triples: Iterable[ox.Triple]) -> bytes:
    """A compacted JSON-LD document of `triples` (in the default graph), with the context inline."""
    prefixes = context()
    nodes: dict[str, dict[str, Any]] = {}
    for t in triples:
        if isinstance(t.subject, ox.Triple) or isinstance(t.object, ox.Triple):
            raise ValueError("quoted triples cannot be written as JSON-LD 1.1")
        subject = _node_id(t.subject, prefixes)
        node = nodes.setdefault(subject, {"@id": subject})
        if t.predicate.value == RDF_TYPE and not isinstance(t.object, ox.Literal):
            key, value = "@type", _node_id(t.object, prefixes)
        else:
            key, value = _compact_iri(t.predicate.value, prefixes), _value(t.object, prefixes)
        values = node.setdefault(key, [])
        if value not in values:
            values.append(value)
    graph = []
    for subject in sorted(nodes):
        node = nodes[subject]
        out: dict[str, Any] = {"@id": subject}
        for key in sorted(k for k in node if k != "@id"):
            values = node[key]
            out[key] = values[0] if len(values) == 1 else values
        graph.append(out)
    return json.dumps({"@context": prefixes, "@graph": graph}, ensure_ascii=False, indent=1).encode("utf-8")
