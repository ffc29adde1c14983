"""Shared pieces of the browsing pages: safe IRIs, names of things, links, and RDF terms as plain dicts.

A page view builds one plain dict (strings, numbers, lists) that HTML, JSON and RDF renderers
share (DESIGN §7.7). Request text never reaches SPARQL: paths become IRIs by re-encoding each
segment exactly as `kg.rdf.iris` mints them, and every IRI is checked by `sparql_iri` first.
"""
from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import pyoxigraph as ox

from kg.query.formats import XML_INVALID
from kg.rdf.vocab import DCT, KG, ORG, PREFIXES, RDF, RDFS, SCHEMA, SEM, SKOS, count_stated
from kg.store import Store
from kg.store.base import Term

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

MAX_IRI_CHARS = 2048
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')

# Predicates by which a fact node (post, agreement, meeting) points at an actor, role or place.
FACT_LINKS = (ORG.member, ORG.organization, ORG.role, KG.party, KG.participant, SEM.hasPlace)

# The kind of page an rdf:type gives, most specific first.
KINDS: tuple[tuple[str, str], ...] = (
    (str(KG.Article), "article"),
    (str(KG.QuarantineRecord), "quarantine"),
    (str(KG.State), "state"),
    (str(KG.Organization), "organisation"),
    (str(KG.Person), "person"),
    (str(KG.Place), "place"),
    (str(ORG.Membership), "post"),
    (str(KG.Agreement), "agreement"),
    (str(KG.Meeting), "meeting"),
    (str(KG.Mention), "mention"),
    (str(ORG.Role), "role"),
    (str(ORG.Organization), "organisation"),
    ("http://xmlns.com/foaf/0.1/Person", "person"),
    (str(SCHEMA.Country), "state"),
    (str(SCHEMA.Place), "place"),
)
ACTOR_KINDS = ("person", "organisation", "state", "place")

# What the name lookup fetches for each referenced IRI.
_NAME_PREDICATES = (RDFS.label, RDF.type, DCT.title, DCT.issued, DCT.identifier)


def sparql_iri(iri: str) -> str:
    """`<iri>` for a SPARQL query; ValueError if it could break out of the brackets or is not http(s)."""
    if not safe_iri(iri):
        raise ValueError(f"not an IRI that can go into a query: {iri[:80]!r}")
    return f"<{iri}>"


def safe_iri(iri: str) -> bool:
    """An absolute http(s) IRI of sane length with none of the characters IRIs forbid."""
    return (len(iri) <= MAX_IRI_CHARS and iri.startswith(("http://", "https://"))
            and not _UNSAFE.search(iri))


def iri_for_path(base: str, prefix: str, segments: list[str]) -> str | None:
    """`{base}{prefix}/seg/seg` with each decoded segment re-encoded as minted; None if it cannot be one."""
    if not segments or any(s in ("", ".", "..") for s in segments):
        return None
    iri = f"{base}{prefix}/" + "/".join(quote(s, safe="-._~") for s in segments)
    return iri if safe_iri(iri) else None


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive form: "Pékin" -> "pekin", "Jean-Claude" -> "jean claude"."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\W_]+", " ", s)
    return s.strip()


def compact(iri: str) -> str:
    """`org:member` for a known namespace, the IRI itself otherwise."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def kind_of(types: Iterable[str]) -> str | None:
    """The page kind ("person", "article", …) of the most specific known type."""
    have = set(types)
    for type_iri, kind in KINDS:
        if type_iri in have:
            return kind
    return None


def xml_safe(text: str) -> bool:
    """Whether a literal can be written in XML 1.0 (control characters cannot)."""
    return not XML_INVALID.search(text)


def preferred(labels: list[tuple[str, str]]) -> str | None:
    """The English label if there is one, else French, else any: labels are (text, language) pairs."""
    if not labels:
        return None
    rank = {"en": 0, "fr": 1}
    return min(labels, key=lambda tl: (rank.get(tl[1].split("-")[0].lower(), 2), tl[1], tl[0]))[0]


def literal_value(t: Term | None) -> str | None:
    return t.value if isinstance(t, ox.Literal) else None


@dataclass
class Names:
    """What is known about one referenced IRI: labels, types, and for articles title, date and id."""

    labels: list[tuple[str, str]] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    title: str | None = None
    issued: str | None = None
    identifier: str | None = None

    @property
    def label(self) -> str | None:
        return self.title or preferred(self.labels)

    @property
    def kind(self) -> str | None:
        return kind_of(self.types)


def lookup_names(store: Store, iris: Iterable[str], chunk: int = 300) -> dict[str, Names]:
    """Labels, types, titles and dates of many IRIs, a few queries in all."""
    wanted = sorted({i for i in iris if safe_iri(i)})
    out: dict[str, Names] = {i: Names() for i in wanted}
    preds = ", ".join(f"<{p}>" for p in _NAME_PREDICATES)
    for start in range(0, len(wanted), chunk):
        values = " ".join(sparql_iri(i) for i in wanted[start:start + chunk])
        # One VALUES and a FILTER: a second VALUES (on ?p) makes Oxigraph scan every quad.
        res = store.query(f"""SELECT DISTINCT ?x ?p ?o WHERE {{
            VALUES ?x {{ {values} }} GRAPH ?g {{ ?x ?p ?o }} FILTER(?p IN ({preds})) }}""",
                          union_default_graph=False)
        for x, p, o in res.rows:
            if not isinstance(x, ox.NamedNode) or not isinstance(p, ox.NamedNode) or o is None:
                continue
            n = out[x.value]
            if p.value == str(RDFS.label) and isinstance(o, ox.Literal):
                n.labels.append((o.value, o.language or ""))
            elif p.value == str(RDF.type) and isinstance(o, ox.NamedNode):
                n.types.add(o.value)
            elif p.value == str(DCT.title) and isinstance(o, ox.Literal):
                n.title = n.title or o.value
            elif p.value == str(DCT.issued) and isinstance(o, ox.Literal):
                n.issued = max(n.issued or "", o.value)
            elif p.value == str(DCT.identifier) and isinstance(o, ox.Literal):
                n.identifier = n.identifier or o.value
    return out


class Linker:
    """Turns IRIs and terms into the plain dicts pages show: label, kind and a local or external link."""

    def __init__(self, base: str, root: str, names: dict[str, Names] | None = None) -> None:
        self.base = base
        self.root = root  # the app's script root ("" unless mounted under a path)
        self.names: dict[str, Names] = names or {}

    def learn(self, store: Store, iris: Iterable[str]) -> None:
        """Look up the names of IRIs not known yet."""
        missing = [i for i in iris if i not in self.names]
        if missing:
            self.names.update(lookup_names(store, missing))

    def href(self, iri: str) -> str | None:
        """A link on this site for IRIs under the base, the IRI itself for other http(s) IRIs, else None."""
        if iri.startswith(self.base) and (iri[len(self.base):].startswith(("id/", "graph/"))):
            return f"{self.root}/{iri[len(self.base):]}"
        if iri.startswith(("http://", "https://")) and not _UNSAFE.search(iri):
            return iri
        return None

    def ref(self, iri: str) -> dict[str, Any]:
        """An IRI as {iri, href, label, kind, (date)}."""
        n = self.names.get(iri)
        label = (n.label if n else None) or _fallback_label(iri)
        out: dict[str, Any] = {"iri": iri, "href": self.href(iri), "label": label,
                               "kind": n.kind if n else None}
        if n and n.issued:
            out["date"] = n.issued
        return out

    def term(self, t: Term) -> dict[str, Any]:
        """Any RDF term as a dict: refs for IRIs, {value, lang, datatype} for literals."""
        if isinstance(t, ox.NamedNode):
            return self.ref(t.value)
        if isinstance(t, ox.Literal):
            dt = t.datatype.value
            plain = dt in ("http://www.w3.org/2001/XMLSchema#string",
                           "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
            return {"value": t.value, "lang": t.language or None, "datatype": None if plain else compact(dt)}
        if isinstance(t, ox.BlankNode):
            return {"value": f"_:{t.value}", "lang": None, "datatype": None}
        return {"value": str(t), "lang": None, "datatype": None}


def _fallback_label(iri: str) -> str:
    """A readable name for an unlabelled IRI: ".../article/X/membership/3" -> "membership 3 (X)"."""
    parts = [unquote(p) for p in iri.rstrip("/").rsplit("#", 1)[-1].split("/")]
    if len(parts) >= 4 and parts[-1].isdigit() and parts[-4] == "article":
        return f"{parts[-2]} {parts[-1]} ({parts[-3]})"
    return parts[-1] or iri


def count(store: Store, sparql: str) -> int:
    """The single number a `SELECT (COUNT(…) AS ?n)` query returns."""
    res = store.query(SPARQL_PREFIXES + sparql, union_default_graph=False)
    value = literal_value(res.rows[0][0]) if res.rows else None
    return int(value) if value else 0


def exists(store: Store, iri: str) -> bool:
    """Whether the IRI is the subject or object of any triple in any graph."""
    i = sparql_iri(iri)
    res = store.query(f"ASK {{ {{ GRAPH ?g {{ {i} ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p {i} }} }} }}",
                      union_default_graph=False)
    return bool(res.boolean)


def types_of(store: Store, iri: str) -> set[str]:
    res = store.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ {sparql_iri(iri)} a ?t }} }}",
                      union_default_graph=False)
    return {t.value for (t,) in res.rows if isinstance(t, ox.NamedNode)}


# --- search -------------------------------------------------------------------------------------

MAX_QUERY_CHARS = 200
MAX_RESULTS = 50
_MATCH = ("exact", "prefix", "word prefix", "substring")


@dataclass
class Entry:
    """One actor or place as the search sees it."""

    iri: str
    kind: str
    label: str
    names: list[tuple[str, str]]  # (surface form, folded form)
    mentions: int = 0


class LabelIndex:
    """Folded rdfs:label and skos:altLabel forms of every person, organisation, state and place."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    @classmethod
    def build(cls, store: Store) -> LabelIndex:
        kinds = f"VALUES ?t {{ <{KG.Person}> <{KG.Organization}> <{KG.State}> <{KG.Place}> }}"
        types: dict[str, set[str]] = {}
        for e, t in store.query(f"SELECT DISTINCT ?e ?t WHERE {{ {kinds} GRAPH ?g {{ ?e a ?t }} }}",
                                union_default_graph=False).rows:
            if isinstance(e, ox.NamedNode) and isinstance(t, ox.NamedNode):
                types.setdefault(e.value, set()).add(t.value)
        labels: dict[str, list[tuple[str, str]]] = {}
        aliases: dict[str, set[str]] = {}
        for pred, into in ((RDFS.label, None), (SKOS.altLabel, aliases)):
            res = store.query(f"""SELECT DISTINCT ?e ?l WHERE {{
                {{ SELECT DISTINCT ?e WHERE {{ {kinds} GRAPH ?ge {{ ?e a ?t }} }} }}
                GRAPH ?g {{ ?e <{pred}> ?l }} }}""", union_default_graph=False)
            for e, lit in res.rows:
                if not isinstance(e, ox.NamedNode) or not isinstance(lit, ox.Literal):
                    continue
                if into is None:
                    labels.setdefault(e.value, []).append((lit.value, lit.language or ""))
                else:
                    into.setdefault(e.value, set()).add(lit.value)
        mentions = {e.value: int(n.value) for e, n in store.query(SPARQL_PREFIXES + """
            SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?e kg:mentionedIn ?a } } GROUP BY ?e""",
                                                                   union_default_graph=False).rows
                    if isinstance(e, ox.NamedNode) and isinstance(n, ox.Literal)}
        entries = []
        for iri, ts in types.items():
            forms = {text for text, _ in labels.get(iri, [])} | aliases.get(iri, set())
            names = sorted({(f, fold(f)) for f in forms if fold(f)})
            entries.append(Entry(iri, kind_of(ts) or "entity", preferred(labels.get(iri, [])) or
                                 _fallback_label(iri), names, mentions.get(iri, 0)))
        return cls(entries)

    def search(self, q: str, limit: int = MAX_RESULTS) -> list[tuple[Entry, str, int]]:
        """(entry, matched form, rank) ranked exact > prefix > word prefix > substring, then by mentions."""
        fq = fold(q[:MAX_QUERY_CHARS])
        if not fq:
            return []
        hits: list[tuple[int, int, str, Entry, str]] = []
        for e in self.entries:
            best: tuple[int, str] | None = None
            for surface, folded in e.names:
                if fq not in folded:
                    continue
                rank = 0 if folded == fq else 1 if folded.startswith(fq) else 2 if f" {fq}" in folded else 3
                if best is None or rank < best[0]:
                    best = (rank, surface)
            if best is not None:
                hits.append((best[0], -e.mentions, e.label.casefold(), e, best[1]))
        hits.sort(key=lambda h: h[:3])
        return [(e, matched, rank) for rank, _, _, e, matched in hits[:limit]]

    def top(self, n: int, kinds: tuple[str, ...] = ("person", "organisation", "state")) -> list[Entry]:
        """The most-mentioned actors."""
        actors = [e for e in self.entries if e.kind in kinds and e.mentions]
        return sorted(actors, key=lambda e: (-e.mentions, e.label.casefold()))[:n]


class IndexCache:
    """One LabelIndex per state of the store, rebuilt only when the store's quad count changes.

    The web app reopens its read-only store handle every second; the count is checked once per
    handle (a fraction of a second at a million quads), the index is rebuilt only if it moved.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle: Any = None
        self._size = -1
        self._index: LabelIndex | None = None

    def get(self, store: Store) -> LabelIndex:
        with self._lock:
            same_handle = self._handle is not None and self._handle() is store
            if self._index is not None and same_handle:
                return self._index
            size = len(store)
            if self._index is None or size != self._size:
                self._index = LabelIndex.build(store)
                self._size = size
            self._handle = weakref.ref(store)
            return self._index


def search_view(index: LabelIndex, linker: Linker, q: str) -> dict[str, Any]:
    """The search page's data: ranked hits for `q` (empty when there is no query)."""
    q = q.strip()
    too_long = len(q) > MAX_QUERY_CHARS
    hits = index.search(q) if q else []
    return {
        "q": q[:MAX_QUERY_CHARS],
        "truncated_query": too_long,
        "limit": MAX_RESULTS,
        "results": [{"iri": e.iri, "href": linker.href(e.iri), "label": e.label, "kind": e.kind,
                     "matched": matched, "match": _MATCH[rank], "mentions": e.mentions}
                    for e, matched, rank in hits],
    }


# --- home ---------------------------------------------------------------------------------------

_HOME_COUNTS = {
    "articles": "kg:Article", "people": "kg:Person", "organisations": "kg:Organization",
    "states": "kg:State", "posts": "org:Membership", "agreements": "kg:Agreement",
    "meetings": "kg:Meeting", "quarantined": "kg:QuarantineRecord",
}


def home_view(store: Store, index: LabelIndex, linker: Linker, latest: int = 10, top: int = 10) -> dict[str, Any]:
    """Counts, the latest articles, the most-mentioned actors and the quarantined articles."""
    counts = {name: count(store, count_stated(cls)) for name, cls in _HOME_COUNTS.items()}
    # Sort the (inline, cheap to compare) dates first, then keep those of articles.
    res = store.query(SPARQL_PREFIXES + f"""SELECT ?a ?d WHERE {{
        {{ SELECT ?a ?d WHERE {{ GRAPH ?g {{ ?a dct:issued ?d }} }} ORDER BY DESC(?d) LIMIT {latest * 5} }}
        FILTER EXISTS {{ GRAPH ?g2 {{ ?a a kg:Article }} }} }} LIMIT {latest}""", union_default_graph=False)
    articles = list(dict.fromkeys(a.value for a, _ in res.rows if isinstance(a, ox.NamedNode)))
    if len(articles) < latest:  # a small store, or articles without a date
        res = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a a kg:Article }}
            FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?a dct:issued ?d }} }} }} LIMIT {latest}""", union_default_graph=False)
        articles += [a.value for (a,) in res.rows if isinstance(a, ox.NamedNode)][: latest - len(articles)]
    res = store.query(SPARQL_PREFIXES + f"""SELECT ?q ?id ?created WHERE {{ GRAPH ?g {{
        ?q a kg:QuarantineRecord ; dct:identifier ?id . OPTIONAL {{ ?q dct:created ?created }} }} }}
        ORDER BY DESC(?created) LIMIT {latest}""", union_default_graph=False)
    quarantined = [{"id": i.value, "created": literal_value(c),
                    "href": linker.href(f"{linker.base}id/article/{quote(i.value, safe='-._~')}")}
                   for _, i, c in res.rows if isinstance(i, ox.Literal)]
    linker.learn(store, articles)
    return {
        "counts": counts,
        "latest_articles": [linker.ref(a) for a in articles],
        "top_actors": [{**linker.ref(e.iri), "label": e.label, "kind": e.kind, "mentions": e.mentions}
                       for e in index.top(top)],
        "quarantined": quarantined,
    }
