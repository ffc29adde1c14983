"""Content negotiation: media types by Accept header (with q-values) or by file suffix."""
from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

from kg.query.formats import JSONLD, NQUADS, NTRIPLES, RDFXML, TRIG, TURTLE

HTML = "text/html"
JSON = "application/json"

__all__ = ["HTML", "JSON", "JSONLD", "NQUADS", "NTRIPLES", "RDFXML", "RDF_TYPES", "SUFFIXES", "TRIG", "TURTLE",
           "best", "split_suffix"]

# Suffix of an entity or article path -> the media type it asks for.
SUFFIXES: dict[str, str] = {
    ".ttl": TURTLE,
    ".nt": NTRIPLES,
    ".jsonld": JSONLD,
    ".rdf": RDFXML,
    ".trig": TRIG,
    ".nq": NQUADS,
    ".html": HTML,
}

# Media types an RDF description can be served as (HTML first: browsers send */* too).
RDF_TYPES = (TURTLE, NTRIPLES, JSONLD, RDFXML)


def best(accept: MIMEAccept, offers: list[str] | tuple[str, ...], default: str | None) -> str | None:
    """The offer the client prefers; `default` when it sent no Accept header, None when nothing fits."""
    if not accept:
        return default
    return accept.best_match(list(offers))


def split_suffix(path: str) -> tuple[str, str | None]:
    """("person/xi.ttl") -> ("person/xi", "text/turtle"); paths without a known suffix are unchanged."""
    for suffix, media_type in SUFFIXES.items():
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)], media_type
    return path, None
