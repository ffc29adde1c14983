"""`kg link`: owl:sameAs links to Wikidata for entities that have none, asked of a SPARQL endpoint.

Each entity's labels and aliases are looked up in batches (one VALUES query per batch) on
a Wikidata-shaped endpoint: items whose `rdfs:label` equals one of the names, in the same
language, and whose `wdt:P31` is the class expected for the entity's kind (human, country,
organisation). Only unambiguous answers become links (exactly one item for the entity);
the rest are reported, never guessed. Links go to a graph of their own,
`{base}graph/links`, which each run replaces, so they can be recomputed or dropped.
"""
from __future__ import annotations

import json
import logging
import urllib.error
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from kg.errors import KgError
from kg.store import Store

log = logging.getLogger("kg.link")

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
USER_AGENT = "newskg-link/0.1 (https://w3id.org/newskg/; news knowledge graph)"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
KG_NS = "https://w3id.org/newskg/ontology#"

# Our class -> the Wikidata classes (wdt:P31 values) an item must have to match.
EXPECTED_CLASSES: dict[str, tuple[str, ...]] = {
    KG_NS + "Person": ("Q5",),  # human
    KG_NS + "State": ("Q6256", "Q3624078"),  # country, sovereign state
    KG_NS + "Organization": ("Q43229", "Q484652", "Q7210356", "Q327333", "Q7278"),  # organisation, international
    # organisation, political organisation, government agency, political party
}


class LinkError(KgError):
    """The endpoint could not be queried."""


@dataclass
class Candidate:
    """An entity of ours without a Wikidata link, with the names to look it up by."""

    iri: str
    cls: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (text, language)


@dataclass
class LinkReport:
    linked: dict[str, str] = field(default_factory=dict)  # our IRI -> Wikidata entity IRI
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{len(self.linked)} linked, {len(self.ambiguous)} ambiguous (left unlinked), "
                f"{len(self.unmatched)} not found")


def links_graph(base: str) -> str:
    return f"{base}graph/links"


def candidates(store: Store, base: str) -> list[Candidate]:
    """Entities of a linkable class with no owl:sameAs to Wikidata, outside the links graph."""
    classes = " ".join(f"<{c}>" for c in EXPECTED_CLASSES)
    res = store.query(f"""
        SELECT ?e ?cls ?name WHERE {{
          VALUES ?cls {{ {classes} }}
          ?e a ?cls .
          {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }}
          UNION {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?name }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?e <{OWL_SAMEAS}> ?w }}
                               FILTER(?g != <{links_graph(base)}> && STRSTARTS(STR(?w), "{WIKIDATA_ENTITY}")) }}
        }}""")
    found: dict[str, Candidate] = {}
    for e, cls, name in res.rows:
        if e is None or cls is None or name is None or not e.value.startswith(base):
            continue
        cand = found.setdefault(e.value, Candidate(e.value, cls.value))
        if cls.value == KG_NS + "State":  # a state is also an Organization: keep the narrower class
            cand.cls = cls.value
        lang = getattr(name, "language", None) or ""
        if lang in ("en", "fr") and (name.value, lang) not in cand.names and len(name.value) > 2:
            cand.names.append((name.value, lang))
    return [c for c in found.values() if c.names]


def _literal(text: str, lang: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{lang}'


def lookup_query(batch: Sequence[Candidate]) -> str:
    """One query for a batch: which items carry one of the names and the expected class."""
    rows = " ".join(f"(<{c.iri}> {_literal(text, lang)})" for c in batch for text, lang in c.names)
    types = " ".join(f"(<{c.iri}> <{WIKIDATA_ENTITY}{q}>)" for c in batch for q in EXPECTED_CLASSES[c.cls])
    return f"""SELECT DISTINCT ?entity ?item WHERE {{
  VALUES (?entity ?name) {{ {rows} }}
  VALUES (?entity ?type) {{ {types} }}
  ?item <http://www.w3.org/2000/01/rdf-schema#label> ?name ;
        <http://www.wikidata.org/prop/direct/P31> ?type .
}}"""


def ask_endpoint(endpoint: str, query: str, timeout: float) -> list[dict[str, Any]]:
    """Run a SELECT with SPARQLWrapper; LinkError with the endpoint's answer on failure."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, agent=USER_AGENT)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(int(max(1, timeout)))
    client.setQuery(query)
    try:
        data = client.queryAndConvert()
    except SPARQLWrapperException as e:
        raise LinkError(f"{endpoint}: the endpoint refused the query: {str(e).splitlines()[0]}") from e
    except (urllib.error.URLError, OSError, TimeoutError) as e:
        raise LinkError(f"{endpoint}: cannot reach the endpoint: {e}") from e
    except json.JSONDecodeError as e:
        raise LinkError(f"{endpoint}: the answer is not SPARQL JSON results") from e
    if not isinstance(data, dict):
        raise LinkError(f"{endpoint}: the answer is not SPARQL JSON results")
    bindings: list[dict[str, Any]] = data.get("results", {}).get("bindings", [])
    return bindings


def link(cands: Iterable[Candidate], endpoint: str, *, batch_size: int = 25,
         timeout: float = 60.0) -> LinkReport:
    """Look every candidate up; unambiguous matches become links."""
    report = LinkReport()
    pending = list(cands)
    for start in range(0, len(pending), batch_size):
        batch = pending[start:start + batch_size]
        items: dict[str, set[str]] = {c.iri: set() for c in batch}
        for b in ask_endpoint(endpoint, lookup_query(batch), timeout):
            entity, item = b.get("entity", {}).get("value"), b.get("item", {}).get("value")
            if entity in items and item and item.startswith(WIKIDATA_ENTITY):
                items[entity].add(item)
        for iri, found in items.items():
            if len(found) == 1:
                report.linked[iri] = found.pop()
            elif found:
                report.ambiguous[iri] = sorted(found)
            else:
                report.unmatched.append(iri)
    return report


def write_links(store: Store, base: str, report: LinkReport) -> None:
    """Replace the links graph with this run's links (one atomic update)."""
    nt = "\n".join(f"<{ours}> <{OWL_SAMEAS}> <{theirs}> ." for ours, theirs in sorted(report.linked.items()))
    store.replace_graphs([(links_graph(base), nt)])
