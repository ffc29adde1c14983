"""What an article page shows: its text with the mentions linked, the facts drawn from it, its validation status."""
from __future__ import annotations

import logging
from collections import Counter
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox

from kg.rdf.vocab import DCT, KG, PROV, SCHEMA
from kg.store import Store
from kg.store.base import Term
from kg.web.entity import Description, describe, fact_view, properties, referenced
from kg.web.views import Linker, safe_iri, sparql_iri

log = logging.getLogger("kg.web")

MAX_FACTS = 20_000  # mention and fact nodes of one article
MAX_PAYLOAD_CHARS = 100_000  # of a rejected graph shown on the page
MAX_PAYLOAD_PARSE = 4_000_000  # larger rejected graphs are shown as text only


def article_rest(base: str, iri: str) -> str | None:
    """The encoded id of an article IRI (`{base}id/article/{id}`), None for anything else."""
    prefix = f"{base}id/article/"
    rest = iri[len(prefix):] if iri.startswith(prefix) else ""
    return rest if rest and "/" not in rest else None


def describe_article(store: Store, iri: str) -> Description:
    """The article's own triples and every mention and fact node derived from it."""
    return describe(store, iri, (PROV.wasDerivedFrom,), limit=MAX_FACTS)


def quarantine_record(store: Store, base: str, rest: str) -> tuple[str, dict[str, Term]] | None:
    """The quarantine record of an article id (its IRI and first value per predicate), if there is one."""
    qiri = f"{base}id/quarantine/{rest}"
    if not safe_iri(qiri):
        return None
    res = store.query(f"SELECT ?p ?o WHERE {{ GRAPH ?g {{ {sparql_iri(qiri)} ?p ?o }} }}", union_default_graph=False)
    if not res.rows:
        return None
    props: dict[str, Term] = {}
    for p, o in res.rows:
        if isinstance(p, ox.NamedNode) and o is not None:
            props.setdefault(p.value, o)
    return qiri, props


def quarantine_triples(store: Store, qiri: str) -> list[ox.Triple]:
    res = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(?s = {sparql_iri(qiri)}) }} }}",
                      union_default_graph=False)
    return list(res.triples)


def highlight(text: str, mentions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The text cut into plain and linked segments, and how many mentions were left out.

    A mention is linked only if `text[start:end]` is exactly its anchor text; a mention that
    overlaps one already placed (nested or crossing) is left out, so the markup stays well formed.
    """
    usable = [m for m in mentions if 0 <= m["start"] < m["end"] <= len(text)
              and text[m["start"]:m["end"]] == m["anchor"]]
    usable.sort(key=lambda m: (m["start"], -m["end"], m["entity"]["iri"]))
    segments: list[dict[str, Any]] = []
    pos = 0
    for m in usable:
        if m["start"] < pos:
            continue
        if m["start"] > pos:
            segments.append({"text": text[pos:m["start"]]})
        segments.append({"text": text[m["start"]:m["end"]], "href": m["entity"]["href"],
                         "label": m["entity"]["label"], "kind": m["entity"]["kind"]})
        pos = m["end"]
    if pos < len(text):
        segments.append({"text": text[pos:]})
    linked = sum(1 for s in segments if "href" in s)
    return segments, len(mentions) - linked


def _int(t: Term | None) -> int | None:
    v = t.value if isinstance(t, ox.Literal) else ""
    return int(v) if v.isdigit() else None


def _mentions(linker: Linker, desc: Description) -> list[dict[str, Any]]:
    out = []
    for f, props in desc.facts.items():
        refers = [t.value for t in props.get(str(KG.refersTo), []) if isinstance(t, ox.NamedNode)]
        start = _int(next(iter(props.get(str(KG.startOffset), [])), None))
        end = _int(next(iter(props.get(str(KG.endOffset), [])), None))
        anchor = next((t.value for t in props.get(str(KG.anchorText), []) if isinstance(t, ox.Literal)), None)
        if refers and start is not None and end is not None and anchor is not None:
            out.append({"iri": f, "start": start, "end": end, "anchor": anchor, "entity": linker.ref(refers[0])})
    return out


def _rejected(payload: str) -> dict[str, Any]:
    """Title and text of the rejected version, read from the quarantined graph."""
    if len(payload) > MAX_PAYLOAD_PARSE:
        return {}
    try:
        triples = list(ox.parse(payload.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as e:
        log.warning("a quarantined graph could not be parsed: %s", e)
        return {"unreadable": True}
    found: dict[str, Any] = {}
    for t in triples:
        if t.predicate.value == str(KG.text) and isinstance(t.object, ox.Literal):
            found["text"] = t.object.value
        elif t.predicate.value == str(DCT.title) and isinstance(t.object, ox.Literal):
            found["title"] = t.object.value
    return found


def validation(store: Store, base: str, rest: str, stored: bool) -> dict[str, Any]:
    """The article's validation status in words, with the SHACL report of a quarantined version."""
    record = quarantine_record(store, base, rest)
    if record is None:
        return {"status": "stored", "stored": True, "quarantined": False,
                "text": "Stored: its graph conformed to the SHACL shapes when it was ingested."}
    qiri, props = record

    def value(p: Any) -> str | None:
        t = props.get(str(p))
        return t.value if isinstance(t, ox.Literal) else None

    payload = value(KG.payload) or ""
    text = ("Quarantined: the latest version of this article did not conform to the SHACL shapes; "
            "the previous stored version is shown below." if stored else
            "Quarantined: this article did not conform to the SHACL shapes and is not in the published graph.")
    return {
        "status": "quarantined", "stored": stored, "quarantined": True, "text": text,
        "record": qiri, "report": value(KG.report), "created": value(DCT.created),
        "source": value(DCT.source), "title": value(DCT.title), "identifier": value(DCT.identifier),
        "payload": payload[:MAX_PAYLOAD_CHARS], "payload_truncated": len(payload) > MAX_PAYLOAD_CHARS,
        "rejected": {} if stored else _rejected(payload),
    }


def article_view(store: Store, linker: Linker, iri: str, desc: Description | None = None) -> dict[str, Any] | None:
    """The article page's data; None if the article is neither stored nor quarantined."""
    rest = article_rest(linker.base, iri)
    if rest is None:
        return None
    desc = desc or describe_article(store, iri)
    stored = bool(desc.triples)
    status = validation(store, linker.base, rest, stored)
    if not stored and not status["quarantined"]:
        return None
    linker.learn(store, referenced(desc) | {iri})

    def first(p: Any) -> str | None:
        vals = [t.value for t in desc.values(p) if isinstance(t, ox.Literal)]
        return vals[0] if vals else None

    urls = [t.value for t in desc.values(SCHEMA.url) if isinstance(t, ox.NamedNode)]
    text = first(KG.text) or ""
    mentions = _mentions(linker, desc)
    segments, skipped = highlight(text, mentions)
    entities = Counter(m["entity"]["iri"] for m in mentions)
    facts: dict[str, list[dict[str, Any]]] = {"post": [], "agreement": [], "meeting": []}
    for f, props in sorted(desc.facts.items()):
        view = fact_view(linker, f, props)
        if view["kind"] in facts:
            facts[view["kind"]].append(view)
    graph = f"{linker.base}graph/article/{rest}"
    return {
        "iri": iri, "href": linker.href(iri), "kind": "article",
        "id": first(DCT.identifier) or status.get("identifier") or unquote(rest),
        "title": first(DCT.title) or status.get("title") or (status.get("rejected") or {}).get("title") or unquote(rest),
        "date": first(DCT.issued), "language": first(DCT.language), "source": first(DCT.source),
        "url": linker.href(urls[0]) if urls else None, "url_text": urls[0] if urls else None,
        "graph": {"iri": graph, "href": linker.href(graph)} if stored else None,
        "text": text, "segments": segments,
        "mentions_total": len(mentions), "mentions_skipped": skipped,
        "entities": [{**linker.ref(e), "count": n} for e, n in entities.most_common()],
        "posts": facts["post"], "agreements": facts["agreement"], "meetings": facts["meeting"],
        "validation": status,
        "properties": properties(linker, [t for t in desc.triples if t.predicate.value != str(KG.text)]),
    }
