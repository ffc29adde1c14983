"""Shared pieces of the browsing pages: safe IRIs, names of things, links, and RDF terms as plain dicts.

A page view builds one plain dict (strings, numbers, lists) that HTML, JSON and RDF renderers
share (DESIGN §7.7). Request text never reaches SPARQL: paths become IRIs by re-encoding each
segment exactly as `kg.rdf.iris` mints them, and every IRI is checked by `sparql_iri` first.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import pyoxigraph as ox

from kg.query.formats import XML_INVALID
from kg.errors import KgError
from kg.rdf.vocab import DCT, KG, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD
from kg.store import Store
from kg.store.summary import (
    COUNTED_CLASSES,
    Summary,
    all_article_counts,
    latest_issued,
    most_mentioned,
    read_counts,
)
from kg.store.base import Term

log = logging.getLogger("kg.web")

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
    """Labels, types, titles and dates of many IRIs, a few queries in all.

    Articles are read whole (their few triples are in their own graph). Other IRIs are read by
    predicate, so that an actor's thousands of kg:mentionedIn and skos:altLabel triples are never
    scanned; a role node, labelled and typed again in every article graph that names it, gives
    only its first few labels and types (one role node has one label, by construction).
    """
    wanted = sorted({i for i in iris if safe_iri(i)})
    out: dict[str, Names] = {i: Names() for i in wanted}
    articles = [i for i in wanted if "/id/article/" in i and "/" not in i.split("/id/article/", 1)[1]]
    roles = [i for i in wanted if "/id/role/" in i]
    others = sorted(set(wanted) - set(articles) - set(roles))
    preds = ", ".join(f"<{p}>" for p in _NAME_PREDICATES)
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(articles), chunk):
        values = " ".join(sparql_iri(i) for i in articles[start:start + chunk])
        # One VALUES and a FILTER: a second VALUES (on ?p) makes Oxigraph scan every quad.
        rows += store.query(f"""SELECT DISTINCT ?x ?p ?o WHERE {{
            VALUES ?x {{ {values} }} GRAPH ?g {{ ?x ?p ?o }} FILTER(?p IN ({preds})) }}""",
                            union_default_graph=False).rows
    for start in range(0, len(others), chunk):
        values = " ".join(sparql_iri(i) for i in others[start:start + chunk])
        branches = " UNION ".join(f"{{ GRAPH ?g {{ ?x <{p}> ?o }} BIND(<{p}> AS ?p) }}" for p in _NAME_PREDICATES)
        rows += store.query(f"SELECT DISTINCT ?x ?p ?o WHERE {{ VALUES ?x {{ {values} }} {branches} }}",
                            union_default_graph=False).rows
    for start in range(0, len(roles), 50):
        branches = " UNION ".join(
            f"{{ SELECT ?x ?p ?o WHERE {{ GRAPH ?g {{ {sparql_iri(r)} <{p}> ?o }} BIND({sparql_iri(r)} AS ?x) "
            f"BIND(<{p}> AS ?p) }} LIMIT 4 }}" for r in roles[start:start + 50] for p in (RDFS.label, RDF.type))
        rows += store.query(f"SELECT ?x ?p ?o WHERE {{ {branches} }}", union_default_graph=False).rows
    for x, p, o in rows:
        if not isinstance(x, ox.NamedNode) or not isinstance(p, ox.NamedNode) or o is None:
            continue
        n = out[x.value]
        if p.value == str(RDFS.label) and isinstance(o, ox.Literal):
            if (o.value, o.language or "") not in n.labels:
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
    if "tenure" in parts:  # ".../tenure/state/china/president/person/xi-jinping" -> "tenure: xi-jinping, president (china)"
        rest = parts[parts.index("tenure") + 1:]
        node = f" {rest[-1]}" if len(rest) >= 5 and rest[-1] in ("during", "start", "end") else ""
        rest = rest[:-1] if node else rest
        if len(rest) >= 4:
            return f"tenure{node}: {rest[-1]}, {rest[-3]} ({rest[-4]})"
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
    def build(cls, store: Store, base: str | None = None) -> LabelIndex:
        kinds = f"VALUES ?t {{ <{KG.Person}> <{KG.Organization}> <{KG.State}> <{KG.Place}> }}"
        types: dict[str, set[str]] = {}
        for e, t in store.query(f"SELECT DISTINCT ?e ?t WHERE {{ {kinds} GRAPH ?g {{ ?e a ?t }} }}",
                                union_default_graph=False).rows:
            if isinstance(e, ox.NamedNode) and isinstance(t, ox.NamedNode):
                types.setdefault(e.value, set()).add(t.value)
        labels: dict[str, list[tuple[str, str]]] = {}
        aliases: dict[str, set[str]] = {}
        # With a summary, the surface forms are read there (each once), not in every article graph.
        summarised = base is not None and read_counts(store, base) is not None
        for pred, into in ((RDFS.label, None), (SKOS.altLabel, aliases)):
            where = f"<{Summary(base).graph}>" if summarised and pred == SKOS.altLabel and base else "?g"
            res = store.query(f"""SELECT DISTINCT ?e ?l WHERE {{
                {{ SELECT DISTINCT ?e WHERE {{ {kinds} GRAPH ?ge {{ ?e a ?t }} }} }}
                GRAPH {where} {{ ?e <{pred}> ?l }} }}""", union_default_graph=False)
            for e, lit in res.rows:
                if not isinstance(e, ox.NamedNode) or not isinstance(lit, ox.Literal):
                    continue
                if into is None:
                    labels.setdefault(e.value, []).append((lit.value, lit.language or ""))
                else:
                    into.setdefault(e.value, set()).add(lit.value)
        counted = read_counts(store, base) if base is not None else None
        mentions = all_article_counts(store, base) if base is not None and counted is not None else {
            e.value: int(n.value) for e, n in store.query(SPARQL_PREFIXES + """
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
    """One LabelIndex per state of the store, rebuilt only when the store changed.

    The web app reopens its read-only store handle every second; for each new handle the cache
    reads the summary's revision (kg.store.summary: one triple, raised at every article write), or
    on a store without a summary its quad count (slow at scale). When they moved and an index is
    already there, the new one is built in a background thread while requests keep the old one.
    """

    def __init__(self, base: str | None = None) -> None:
        self.base = base
        self._lock = threading.Lock()
        self._handle: Any = None
        self._state: Any = None
        self._index: LabelIndex | None = None
        self._building = False

    def _state_of(self, store: Store) -> Any:
        if self.base is not None:
            counts = read_counts(store, self.base)
            if counts is not None:
                return ("revision", counts[0])
        return ("quads", len(store))

    def get(self, store: Store) -> LabelIndex:
        with self._lock:
            same_handle = self._handle is not None and self._handle() is store
            if self._index is not None and (same_handle or self._building):
                return self._index
            state = self._state_of(store)
            self._handle = weakref.ref(store)
            if self._index is None:
                self._index, self._state = LabelIndex.build(store, self.base), state
            elif state != self._state:
                self._building = True
                threading.Thread(target=self._rebuild, args=(store, state), daemon=True).start()
            return self._index

    def _rebuild(self, store: Store, state: Any) -> None:
        try:
            index = LabelIndex.build(store, self.base)
            with self._lock:
                self._index, self._state = index, state
        except KgError as e:
            log.error("the search index could not be rebuilt (the old one is kept): %s", e)
        finally:
            with self._lock:
                self._building = False


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


def stated_count(store: Store, cls: str) -> int:
    """`count_stated(cls)` with the inferred graphs listed first: the same number, without a
    NOT EXISTS for every instance."""
    res = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{PROV.wasGeneratedBy}> ?activity }} }}",
                      union_default_graph=False)
    inferred = [g.value for (g,) in res.rows if isinstance(g, ox.NamedNode) and safe_iri(g.value)]
    skip = f"FILTER(?g NOT IN ({', '.join(sparql_iri(g) for g in inferred)}))" if inferred else ""
    return count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a {cls} }} {skip} }}")


def latest_articles(store: Store, limit: int, start: str | None, floor: int = 366,
                    mentioning: str | None = None) -> list[str] | None:
    """The `limit` latest articles by dct:issued (that mention `mentioning`, if given), newest first.

    Found day by day back from `start` (the summary's kg:latestIssued): each day is one small query
    whose date is in its pattern, an index lookup (a join with a list of dates, or a sort, would
    read every article's date). None when there is no `start` or fewer turn up within `floor`
    days (partial dates, gaps, rare mentions: the caller then sorts everything)."""
    if start is None:
        return None
    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        return None
    about = (f"FILTER EXISTS {{ GRAPH ?gm {{ {sparql_iri(mentioning)} <{KG.mentionedIn}> ?a }} }}"
             if mentioning else "")
    found: list[str] = []
    for _ in range(floor):
        res = store.query(f"""SELECT ?a WHERE {{ GRAPH ?g {{ ?a <{DCT.issued}> "{day.isoformat()}"^^<{XSD}date> }}
            {about} FILTER EXISTS {{ GRAPH ?g2 {{ ?a a <{KG.Article}> }} }} }} LIMIT {limit - len(found)}""",
                          union_default_graph=False)
        found += [a.value for (a,) in res.rows if isinstance(a, ox.NamedNode) and a.value not in found]
        if len(found) >= limit:
            return found[:limit]
        day -= dt.timedelta(days=1)
    return None


def home_view(store: Store, index: Callable[[], LabelIndex] | None, linker: Linker, latest: int = 10,
              top: int = 10) -> dict[str, Any]:
    """Counts, the latest articles, the most-mentioned actors and the quarantined articles.

    Counts of articles and facts and the ranking of actors come from the summary graph when the
    store has one (kg.store.summary); `index` is only needed without it.
    """
    summary = read_counts(store, linker.base)
    counts = {}
    for name, cls in _HOME_COUNTS.items():
        full = cls.replace("kg:", str(KG)).replace("org:", str(ORG))
        if summary is not None and full in [str(c) for c in COUNTED_CLASSES]:
            counts[name] = summary[1].get(full, 0)
        else:
            counts[name] = stated_count(store, cls)
    articles = latest_articles(store, latest, latest_issued(store, linker.base)) if summary is not None else None
    if articles is None:
        # Sort the (inline, cheap to compare) dates first, then keep those of articles.
        res = store.query(SPARQL_PREFIXES + f"""SELECT ?a ?d WHERE {{
            {{ SELECT ?a ?d WHERE {{ GRAPH ?g {{ ?a dct:issued ?d }} }} ORDER BY DESC(?d) LIMIT {latest * 5} }}
            FILTER EXISTS {{ GRAPH ?g2 {{ ?a a kg:Article }} }} }} LIMIT {latest}""", union_default_graph=False)
        articles = list(dict.fromkeys(a.value for a, _ in res.rows if isinstance(a, ox.NamedNode)))
    if len(articles) < latest:  # a small store, or articles without a date
        res = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a a kg:Article }}
            FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?a dct:issued ?d }} }} }} LIMIT {latest}""", union_default_graph=False)
        articles += [a.value for (a,) in res.rows if isinstance(a, ox.NamedNode)][: latest - len(articles)]
    quarantined = [{"id": i.value, "created": literal_value(c),
                    "href": linker.href(f"{linker.base}id/article/{quote(i.value, safe='-._~')}")}
                   for i, c in latest_quarantined(store, latest)]
    if summary is not None:
        top_actors = _top_actors(store, linker, top)
    else:
        top_actors = [{**linker.ref(e.iri), "label": e.label, "kind": e.kind, "mentions": e.mentions}
                      for e in (index() if index else LabelIndex.build(store)).top(top)]
    linker.learn(store, articles)
    return {
        "counts": counts,
        "latest_articles": [linker.ref(a) for a in articles],
        "top_actors": top_actors,
        "quarantined": quarantined,
    }


def latest_quarantined(store: Store, limit: int) -> list[tuple[ox.Literal, Any]]:
    """(id, dct:created) of the `limit` latest quarantine records, latest first.

    The latest creation times first (one pattern, its values sorted without reading the records:
    only records have a dct:created), then the records that have them: reading every record and
    sorting them took 4 s for 2,000 on a 100M-quad store that had not been compacted (`kg optimize`),
    where each term was a slow read."""
    want = limit * 5
    while True:
        res = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?created WHERE {{ GRAPH ?g {{ ?q dct:created ?created }} }}
            ORDER BY DESC(?created) LIMIT {want}""", union_default_graph=False)
        times = " ".join(str(c) for (c,) in res.rows if isinstance(c, ox.Literal))
        if not times:
            return []
        found = store.query(SPARQL_PREFIXES + f"""SELECT ?q ?id ?created WHERE {{ VALUES ?created {{ {times} }}
            GRAPH ?g {{ ?q dct:created ?created }} GRAPH ?g {{ ?q a kg:QuarantineRecord }}
            OPTIONAL {{ GRAPH ?g {{ ?q dct:identifier ?id }} }} FILTER(BOUND(?id)) }}
            ORDER BY DESC(?created) ?id LIMIT {limit}""", union_default_graph=False)
        rows = [(i, c) for _, i, c in found.rows if isinstance(i, ox.Literal)]
        if len(rows) >= limit or len(res.rows) < want:
            return rows
        want *= 4


def _top_actors(store: Store, linker: Linker, top: int,
                kinds: tuple[str, ...] = ("person", "organisation", "state")) -> list[dict[str, Any]]:
    """The most-mentioned people, organisations and states, from the summary's counts."""
    want = top * 5
    while True:
        ranked = most_mentioned(store, linker.base, want)
        linker.learn(store, [e for e, _ in ranked])
        out = [{**linker.ref(e), "mentions": n} for e, n in ranked if linker.ref(e)["kind"] in kinds]
        if len(out) >= top or len(ranked) < want:
            out.sort(key=lambda a: (-a["mentions"], a["label"].casefold()))
            return out[:top]
        want *= 4
