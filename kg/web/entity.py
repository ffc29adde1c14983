"""What an entity page shows: its own statements and the facts (posts, agreements, meetings) about it."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg.rdf.vocab import KG, ORG, OWL, PROV, RDF, RDFS, SEM, SKOS, TIME
from kg.store import Store
from kg.store.base import Term
from kg.link import links_graph
from kg.rdf import iris
from kg.store.summary import Summary, article_count, latest_issued, read_counts
from kg.web.views import (
    ACTOR_KINDS,
    FACT_LINKS,
    SPARQL_PREFIXES,
    Linker,
    compact,
    count,
    fold,
    kind_of,
    latest_articles,
    safe_iri,
    types_of,
    sparql_iri,
)

MAX_FACTS = 500  # fact nodes in an RDF description, per link predicate
PAGE_FACTS = 25  # fact nodes on a page, per link predicate (the rest are counted)
MAX_MENTIONED_IN = 50  # latest articles listed on an entity page (the rest are counted)
_TYPE = str(RDF.type)


@dataclass
class Description:
    """A resource's own triples and the fact nodes that point at it, each with all its triples."""

    iri: str
    triples: list[ox.Triple] = field(default_factory=list)
    links: dict[str, set[str]] = field(default_factory=dict)  # fact -> predicates linking it to `iri`
    totals: dict[str, int] = field(default_factory=dict)  # link predicate -> facts in all (shown or not)
    extra: list[ox.Triple] = field(default_factory=list)  # labels of the roles the facts name
    inferred: set[ox.Triple] = field(default_factory=set)  # own triples stated only by `kg reason`
    fact_triples: list[ox.Triple] = field(default_factory=list)  # the fact nodes' triples, each once
    _facts: dict[str, dict[str, list[Term]]] | None = field(default=None, repr=False)

    @property
    def facts(self) -> dict[str, dict[str, list[Term]]]:
        """fact -> predicate -> objects, grouped from `fact_triples` when first asked (an RDF
        description never asks: 10,000 triples for a state, ~25 ms to group)."""
        if self._facts is None:
            facts: dict[str, dict[str, list[Term]]] = {}
            for t in self.fact_triples:
                props = facts.setdefault(_fact_key(t.subject), {})
                props.setdefault(t.predicate.value, []).append(t.object)
            self._facts = facts
        return self._facts

    def values(self, predicate: URIRef) -> list[Term]:
        return [t.object for t in self.triples if t.predicate.value == str(predicate)]

    def all_triples(self) -> list[ox.Triple]:
        """Everything, deduplicated, for serialisation."""
        out = dict.fromkeys(self.triples)
        out.update(dict.fromkeys(self.fact_triples))
        out.update(dict.fromkeys(self.extra))
        return list(out)


def describe(store: Store, iri: str, links: Sequence[URIRef] = FACT_LINKS, *, limit: int = MAX_FACTS,
             mentioned_in: bool = True, graphs: Mapping[str, Sequence[str] | None] | None = None,
             base: str | None = None, totals: bool = True, role_labels: bool = True) -> Description:
    """The resource's triples in every graph, plus up to `limit` fact nodes per predicate in `links`.

    `mentioned_in=False` leaves out its kg:mentionedIn triples (unbounded for a big actor; pages list
    them separately, bounded). With `graphs` (graph -> the predicates to read there, None for all),
    the resource's own triples are read in those graphs only, each by an index lookup: an actor's
    own triples in the article graphs are its kg:mentionedIn and skos:altLabel in each, and the
    summary graph holds its surface forms once. With `base` (a store with a summary), with or
    without `graphs`, the kg:mentionedIn triples are the latest `limit` articles only
    (`latest_mentions`; the summary's kg:articleCount, among the resource's own triples, gives how
    many there are): 300,000 for a state at 100M quads took seconds to read and made a 19 MB
    description. `totals=False`: the facts of a link cut at `limit` are not counted (an RDF
    description does not say how many there are; a state's counts took 130 ms at 100M quads).
    `role_labels=False` leaves out the labels of the roles the facts name (`Description.extra`, what
    an RDF description adds; a page looks every name up itself).
    """
    i = sparql_iri(iri)
    # ?only is 1 when every graph stating the triple is an inferred one (a graph that says of itself
    # that it was prov:wasGeneratedBy an activity, as `kg reason` marks its graph): those graphs are
    # listed first, so that each triple is only compared with the list.
    inferred = inferred_graphs(store)
    if inferred:
        inf = f"BIND(IF(?g IN ({', '.join(sparql_iri(g) for g in inferred)}), 1, 0) AS ?inf)"
        only, group = "(MIN(?inf) AS ?only)", "GROUP BY ?p ?o"
    else:  # nothing inferred: plain DISTINCT rows, cheaper for the store than groups
        inf, only, group = "", "(0 AS ?only)", ""
    # An actor's kg:mentionedIn and skos:altLabel triples are in every article naming it: the
    # aliases are grouped apart (the store groups them, a few rows come back), the links to
    # articles are left to `mentioned_in` unless asked for.
    heavy = f"<{KG.mentionedIn}>, <{SKOS.altLabel}>"
    distinct = "" if inferred else "DISTINCT"
    # With a summary, the latest mentions (`graphs` always comes with one: the article graphs are left out)
    counted = mentioned_in and base is not None and read_counts(store, base) is not None
    latest = [(ox.NamedNode(str(KG.mentionedIn)), ox.NamedNode(a), None)
              for a in latest_mentions(store, iri, limit, base)[0]] if counted else None
    if graphs is not None:
        wanted = {**graphs, **{g: None for g in inferred if g not in graphs}}
        branches = " UNION ".join(
            f"{{ GRAPH {sparql_iri(g)} {{ {i} ?p ?o }} BIND({sparql_iri(g)} AS ?g) }}" if preds is None else
            " UNION ".join(f"{{ GRAPH {sparql_iri(g)} {{ {i} <{p}> ?o }} BIND(<{p}> AS ?p) "
                           f"BIND({sparql_iri(g)} AS ?g) }}" for p in preds)
            for g, preds in wanted.items() if safe_iri(g))
        rows = store.query(f"SELECT {distinct} ?p ?o {only} WHERE {{ {branches} {inf} }} {group}",
                           union_default_graph=False).rows if branches else []
        return _with_facts(store, _own(iri, [*rows, *(latest or ())]), i, links, limit, totals, role_labels)
    rows = store.query(f"""SELECT {distinct} ?p ?o {only} WHERE {{ GRAPH ?g {{ {i} ?p ?o }}
        FILTER(?p NOT IN ({heavy})) {inf} }} {group}""", union_default_graph=False).rows
    for p in ((SKOS.altLabel, KG.mentionedIn) if mentioned_in and latest is None else (SKOS.altLabel,)):
        rows += [(ox.NamedNode(str(p)), o, flag) for _, o, flag in store.query(
            f"""SELECT {distinct} ?p ?o {only} WHERE {{ GRAPH ?g {{ {i} <{p}> ?o }} BIND(<{p}> AS ?p) {inf} }}
            {group}""", union_default_graph=False).rows]
    return _with_facts(store, _own(iri, [*rows, *(latest or ())]), i, links, limit, totals, role_labels)


def _fact_key(f: ox.NamedNode | ox.BlankNode) -> str:
    """How `Description.facts` and `.links` name a fact node: its IRI, or `_:` and its blank node id."""
    return f"_:{f.value}" if isinstance(f, ox.BlankNode) else f.value


def _own(iri: str, rows: Sequence[tuple[Term | None, ...]]) -> Description:
    """A Description of the (predicate, object, only-inferred flag) rows of the resource's own triples."""
    subject = ox.NamedNode(iri)
    desc = Description(iri, list(dict.fromkeys(ox.Triple(subject, p, o) for p, o, _ in rows
                                               if isinstance(p, ox.NamedNode) and o is not None)))
    desc.inferred = {ox.Triple(subject, p, o) for p, o, only in rows
                     if isinstance(p, ox.NamedNode) and o is not None and isinstance(only, ox.Literal)
                     and only.value == "1"}
    return desc


def _with_facts(store: Store, desc: Description, i: str, links: Sequence[URIRef], limit: int,
                totals: bool = True, role_labels: bool = True) -> Description:
    """`desc` with up to `limit` fact nodes per link predicate pointing at the resource (`i`: its <IRI>),
    each with its triples in every graph; `totals=False` leaves the links whose facts were cut
    uncounted (their totals are then the facts read); `role_labels`: see `describe`."""
    if not links:
        return desc
    # Up to `limit` facts per link, each link its own subquery (and no ORDER BY on IRIs: Oxigraph
    # compares them by their strings, slow on many rows): first which facts, then their triples as
    # triples (a row per triple with the link in it cost a state's description 40 % more).
    which = " UNION ".join(f"""{{ SELECT DISTINCT ?f ?link WHERE {{ GRAPH ?g {{ ?f <{p}> {i} }}
        BIND(<{p}> AS ?link) }} LIMIT {limit} }}""" for p in links)
    res = store.query(f"SELECT ?f ?link WHERE {{ {which} }}", union_default_graph=False)
    nodes: dict[Term, None] = {}
    for f, link in res.rows:
        if isinstance(f, (ox.NamedNode, ox.BlankNode)) and isinstance(link, ox.NamedNode):
            nodes[f] = None
            desc.links.setdefault(_fact_key(f), set()).add(link.value)
    if nodes:
        # The same subqueries again: the same facts (one the first query did not give is left out, and so
        # is a blank fact node a remote store names anew in each answer: kg's own facts are IRIs).
        desc.fact_triples = [t for t in dict.fromkeys(store.query(
            f"CONSTRUCT {{ ?f ?fp ?fo }} WHERE {{ {{ {which} }} GRAPH ?g2 {{ ?f ?fp ?fo }} }}",
            union_default_graph=False).triples) if t.subject in nodes]
    desc.totals = dict(Counter(link for ls in desc.links.values() for link in ls))
    full = [p for p in links if desc.totals.get(str(p), 0) >= limit] if totals else []
    if full:
        # One count per link predicate, each on its own index range (a FILTER on ?link would read
        # every triple pointing at the resource, its mention nodes' kg:refersTo included).
        counts = " UNION ".join(f"""{{ SELECT (<{p}> AS ?link) (COUNT(DISTINCT ?f) AS ?n) WHERE {{
            GRAPH ?g {{ ?f <{p}> {i} }} }} }}""" for p in full)
        res = store.query(f"SELECT ?link ?n WHERE {{ {counts} }}", union_default_graph=False)
        desc.totals.update({link.value: int(n.value) for link, n in res.rows
                            if isinstance(link, ox.NamedNode) and isinstance(n, ox.Literal)})
    role = ox.NamedNode(str(ORG.role))
    roles = {t.object.value for t in desc.fact_triples if t.predicate == role
             and isinstance(t.object, ox.NamedNode) and safe_iri(t.object.value)} if role_labels else set()
    if roles:
        # A role node is labelled again in every article graph naming it: its first labels only.
        subs = " UNION ".join(f"""{{ SELECT ?r ?l WHERE {{ GRAPH ?g {{ {sparql_iri(r)} <{RDFS.label}> ?l }}
            BIND({sparql_iri(r)} AS ?r) }} LIMIT 4 }}""" for r in sorted(roles))
        res = store.query(f"SELECT DISTINCT ?r ?l WHERE {{ {subs} }}", union_default_graph=False)
        desc.extra = [t for r, label in res.rows if isinstance(r, ox.NamedNode) and label is not None
                      for t in (ox.Triple(r, ox.NamedNode(_TYPE), ox.NamedNode(str(ORG.Role))),
                                ox.Triple(r, ox.NamedNode(str(RDFS.label)), label))]
    return desc


def actor_graphs(store: Store, base: str, kind: str | None) -> dict[str, tuple[str, ...] | None] | None:
    """`own_graphs` for an actor or a place (`kind`, from its types), None (every graph) for anything
    else: a post, a role or a mention has its statements in the article graphs."""
    return own_graphs(store, base) if kind in ACTOR_KINDS else None


def own_graphs(store: Store, base: str) -> dict[str, tuple[str, ...] | None] | None:
    """Where a page reads an entity's own statements: the entities, links, summary and ontology
    graphs (and every inferred graph), each with the predicates read there (None: all); None (every
    graph) when the store has no summary, which holds the surface forms otherwise only found in the
    article graphs. In the summary graph only the surface forms and the article count: a body's
    kg:datedPost texts (one per stated membership, 11,000 for a state at 100M quads) are the as-of
    readers' index, not statements to show."""
    if read_counts(store, base) is None:
        return None
    return {iris.entities_graph(base): None, links_graph(base): None,
            Summary(base).graph: (str(SKOS.altLabel), str(KG.articleCount)),
            iris.ONTOLOGY_GRAPH: None, iris.inferred_graph(base): None}


def inferred_graphs(store: Store) -> list[str]:
    """The graphs that say of themselves that they were prov:wasGeneratedBy an activity (`kg reason`'s),
    read once per read-only handle of an embedded store (`Store.kept`)."""
    return list(store.kept("inferred_graphs", lambda: tuple(_inferred_graphs(store))))


def _inferred_graphs(store: Store) -> list[str]:
    res = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{PROV.wasGeneratedBy}> ?activity }} }}",
                      union_default_graph=False)
    return [g.value for (g,) in res.rows if isinstance(g, ox.NamedNode) and safe_iri(g.value)]


def fact_kind(props: dict[str, list[Term]]) -> str | None:
    return kind_of(t.value for t in props.get(_TYPE, []) if isinstance(t, ox.NamedNode))


def _iris(terms: Iterable[Term]) -> list[str]:
    return [t.value for t in terms if isinstance(t, ox.NamedNode)]


def _texts(terms: Iterable[Term]) -> list[str]:
    return [t.value for t in terms if isinstance(t, ox.Literal)]


def _first(props: dict[str, list[Term]], p: URIRef) -> str | None:
    vals = _texts(props.get(str(p), []))
    return vals[0] if vals else None


def referenced(desc: Description) -> set[str]:
    """Every IRI the description mentions (to look their names up in one go)."""
    out = {t.object.value for t in desc.triples if isinstance(t.object, ox.NamedNode)}
    out |= {t.predicate.value for t in desc.triples}
    for props in desc.facts.values():
        for objs in props.values():
            out.update(_iris(objs))
    return out


def fact_view(linker: Linker, iri: str, props: dict[str, list[Term]], subject: str | None = None) -> dict[str, Any]:
    """A post, agreement or meeting as a dict; `subject` (the page's entity) is left out of counterparts."""
    kind = fact_kind(props) or "fact"
    sources = _iris(props.get(str(PROV.wasDerivedFrom), []))
    out: dict[str, Any] = {
        "iri": iri, "href": linker.href(iri), "kind": kind,
        "evidence": _texts(props.get(str(KG.evidence), [])),
        "confidence": _first(props, KG.confidence),
        "date": _first(props, KG.date), "date_text": _first(props, KG.dateText),
        "source": linker.ref(sources[0]) if sources else None,
    }
    if kind == "post":
        roles = _iris(props.get(str(ORG.role), []))
        orgs = _iris(props.get(str(ORG.organization), []))
        members = _iris(props.get(str(ORG.member), []))
        out.update(role=linker.ref(roles[0])["label"] if roles else None,
                   role_ref=linker.ref(roles[0]) if roles else None,
                   member=linker.ref(members[0]) if members else None,
                   organization=linker.ref(orgs[0]) if orgs else None,
                   status=_first(props, KG.postStatus), start=None, end=None)
    else:
        actors = _iris(props.get(str(KG.party if kind == "agreement" else KG.participant), []))
        places = _iris(props.get(str(SEM.hasPlace), []))
        out.update(label=_first(props, RDFS.label), status=_first(props, KG.status),
                   actors=[linker.ref(a) for a in sorted(actors)],
                   counterparts=[linker.ref(a) for a in sorted(actors) if a != subject],
                   place=linker.ref(places[0]) if places else None)
    return out


def _sort_key(f: dict[str, Any]) -> tuple[str, str, str]:
    src = f.get("source") or {}
    return (f.get("date") or src.get("date") or "", src.get("date") or "", f["iri"])


def intervals(store: Store, facts: Iterable[str]) -> dict[str, dict[str, str]]:
    """Start and end dates of posts that give an org:memberDuring interval (fact -> {start, end})."""
    wanted = [f for f in facts if not f.startswith("_:")]
    if not wanted:
        return {}
    res = store.query(f"""SELECT ?f ?which ?d WHERE {{
        VALUES ?f {{ {" ".join(sparql_iri(f) for f in wanted)} }}
        GRAPH ?g {{ ?f <{ORG.memberDuring}> ?i . ?i ?which ?inst . ?inst ?dp ?d }}
        FILTER(?which IN (<{TIME.hasBeginning}>, <{TIME.hasEnd}>))
        FILTER(?dp IN (<{TIME.inXSDDate}>, <{TIME.inXSDgYearMonth}>, <{TIME.inXSDgYear}>,
                       <{TIME.inXSDDateTimeStamp}>, <{TIME.inXSDDateTime}>)) }}""",
                      union_default_graph=False)
    out: dict[str, dict[str, str]] = {}
    for f, which, d in res.rows:
        if isinstance(f, ox.NamedNode) and isinstance(which, ox.NamedNode) and isinstance(d, ox.Literal):
            out.setdefault(f.value, {})["start" if which.value == str(TIME.hasBeginning) else "end"] = d.value
    return out


def latest_mentions(store: Store, iri: str, limit: int = MAX_MENTIONED_IN,
                    base: str | None = None) -> tuple[list[str], int]:
    """The latest `limit` articles that mention the resource, and how many there are in all.

    With a summary (kg.store.summary) the total is read from it, and for a resource named in many
    articles the latest are found by walking back day by day from the latest publication date
    (each day an index lookup) rather than by sorting every article that names it: the walk reads
    about limit × articles / mentions articles, the sort all mentions; whichever is smaller is taken.
    """
    i = sparql_iri(iri)
    summary = read_counts(store, base) if base is not None else None
    total = article_count(store, base, iri) if summary is not None and base is not None else None
    if total is None:
        total = count(store, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ {i} <{KG.mentionedIn}> ?a }} }}")
    if total == 0:
        return [], 0
    if summary is not None and total * total > limit * summary[1].get(str(KG.Article), 0):
        walked = latest_articles(store, min(limit, total), latest_issued(store, base), mentioning=iri)
        if walked is not None:
            return walked, total
    # Dated articles, newest first (sorting on dates only: they are cheap to compare) ...
    res = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?a ?d WHERE {{
        GRAPH ?g {{ {i} kg:mentionedIn ?a }} GRAPH ?g2 {{ ?a dct:issued ?d }} }}
        ORDER BY DESC(?d) LIMIT {limit}""", union_default_graph=False)
    articles = list(dict.fromkeys(a.value for a, _ in res.rows if isinstance(a, ox.NamedNode)))
    if len(articles) < min(limit, total):  # ... then undated ones
        res = store.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ {i} kg:mentionedIn ?a }}
            FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?a dct:issued ?d }} }} }} LIMIT {limit - len(articles)}""",
                          union_default_graph=False)
        articles += [a.value for (a,) in res.rows if isinstance(a, ox.NamedNode)]
    return articles, total


def properties(linker: Linker, triples: Iterable[ox.Triple],
               inferred: set[ox.Triple] | None = None) -> list[dict[str, Any]]:
    """Statements grouped by predicate, as LodView shows them; values only `kg reason` states are flagged."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in triples:
        value = linker.term(t.object)
        if inferred and t in inferred:
            value = {**value, "inferred": True}
        grouped[t.predicate.value].append(value)
    return [{"predicate": compact(p), "iri": p, "href": linker.href(p), "values": vals}
            for p, vals in sorted(grouped.items(), key=lambda kv: compact(kv[0]))]


def inverse(store: Store, linker: Linker, iri: str, limit: int = 200) -> list[dict[str, Any]]:
    """Resources that point at `iri` (for pages that are not actors: roles, facts, mentions…)."""
    res = store.query(f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {sparql_iri(iri)} }} }} LIMIT {limit}",
                      union_default_graph=False)
    pairs = [(s.value, p.value) for s, p in res.rows if isinstance(s, ox.NamedNode) and isinstance(p, ox.NamedNode)]
    linker.learn(store, {s for s, _ in pairs})
    return [{"subject": linker.ref(s), "predicate": compact(p)} for s, p in pairs]


def entity_view(store: Store, linker: Linker, iri: str, kind: str | None = None) -> dict[str, Any]:
    """Everything an entity (or any other resource) page shows, as plain data. `kind`: what its types
    make it (`kind_of`), if the caller has read them already."""
    # An actor's or a place's own statements are read in the graphs that hold them (its type says
    # which it is); anything else (a post, a role, a mention) in every graph.
    graphs = actor_graphs(store, linker.base, kind_of(types_of(store, iri)) if kind is None else kind)
    desc = describe(store, iri, limit=PAGE_FACTS, mentioned_in=False, graphs=graphs, role_labels=False)
    articles, articles_total = latest_mentions(store, iri, base=linker.base)
    linker.learn(store, referenced(desc) | set(articles) | {iri})
    types = [t.value for t in desc.values(RDF.type) if isinstance(t, ox.NamedNode)]
    kind = kind_of(types)
    labels = [{"value": t.value, "lang": t.language or None} for t in desc.values(RDFS.label)
              if isinstance(t, ox.Literal)]
    # Case-folded order, ties ("français", "Français") by the text itself: the same bytes in every
    # process (a set's order follows the process's string hashing), so the same ETag from each
    aliases = sorted({t.value for t in desc.values(SKOS.altLabel) if isinstance(t, ox.Literal)},
                     key=lambda a: (a.casefold(), a))
    dates = intervals(store, [f for f, p in desc.facts.items() if str(ORG.memberDuring) in p])
    posts, members, holders, agreements, meetings = [], [], [], [], []
    for f, props in desc.facts.items():
        view = fact_view(linker, f, props, subject=iri)
        view.update(dates.get(f, {}))
        link = desc.links.get(f, set())
        if view["kind"] == "post":
            if str(ORG.member) in link:
                posts.append(view)
            if str(ORG.organization) in link:
                members.append(view)
            if str(ORG.role) in link:
                holders.append(view)
        elif view["kind"] == "agreement":
            agreements.append(view)
        elif view["kind"] == "meeting":
            view["held_here"] = str(SEM.hasPlace) in link
            view["took_part"] = str(KG.participant) in link
            meetings.append(view)
    if kind in ("state", "organisation"):
        members += body_members(store, linker, iri)
    for facts in (posts, members, holders, agreements, meetings):
        facts.sort(key=_sort_key, reverse=True)
    is_actor = kind in ACTOR_KINDS
    return {
        "iri": iri, "href": linker.href(iri), "kind": kind or "resource",
        "label": linker.ref(iri)["label"],
        "labels": labels, "aliases": aliases,
        "types": [{**linker.ref(t), "inferred": ox.Triple(ox.NamedNode(iri), ox.NamedNode(_TYPE), ox.NamedNode(t))
                   in desc.inferred} for t in types],
        "same_as": [linker.ref(t.value) for t in desc.values(OWL.sameAs) if isinstance(t, ox.NamedNode)],
        "posts": posts, "members": members, "holders": holders,
        "agreements": agreements, "meetings": meetings,
        "totals": {name: sum(desc.totals.get(str(p), 0) for p in preds) for name, preds in (
            ("posts", (ORG.member,)), ("members", (ORG.organization,)), ("holders", (ORG.role,)),
            ("agreements", (KG.party,)), ("meetings", (KG.participant, SEM.hasPlace)))},
        "conflicts": conflicts(posts, agreements, meetings),
        "mentioned_in": [linker.ref(a) for a in articles], "mentioned_in_total": articles_total,
        "properties": properties(linker, desc.triples, desc.inferred),
        "inverse": [] if is_actor else inverse(store, linker, iri),
        "is_actor": is_actor,
        "is_org": kind in ("organisation", "state"),
    }


def conflicts(posts: list[dict[str, Any]], agreements: list[dict[str, Any]],
              meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims about the same thing that disagree between articles, grouped for side-by-side display.

    - a post: the same member in the same organisation (or with none given), reported with different
      roles (compared accent- and case-insensitively) or different kg:postStatus (current/former);
    - an agreement: the same set of parties, with different kg:date or kg:status;
    - a meeting: the same set of participants, with different kg:date or sem:hasPlace.
    Only values an article states are compared (a missing date disagrees with nothing), and a
    disagreement counts only when the differing values come from at least two different articles.
    """
    out: list[dict[str, Any]] = []

    def check(topic: str, aspect: str, facts: list[dict[str, Any]], value: Any) -> None:
        claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
        shown: dict[str, str] = {}
        for f in facts:
            v = value(f)
            if v:
                key = fold(v)
                shown.setdefault(key, v)
                claims[key].append(f)
        articles = {(f.get("source") or {}).get("iri") for fs in claims.values() for f in fs}
        if len(claims) > 1 and len(articles) > 1:
            out.append({"topic": topic, "aspect": aspect, "claims": [
                {"value": shown[k], "facts": [{"iri": f["iri"], "href": f["href"], "source": f["source"],
                                               "evidence": f["evidence"]} for f in fs]}
                for k, fs in sorted(claims.items())]})

    by_org: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in posts:
        org = p.get("organization")
        by_org[(org or {}).get("iri", "")].append(p)
    for fs in by_org.values():
        org = fs[0].get("organization")
        topic = f"Post at {org['label']}" if org else "Post (no organisation given)"
        check(topic, "role", fs, lambda f: f.get("role"))
        check(topic, "status", fs, lambda f: f.get("status"))
    for kind, facts, aspects in (("Agreement", agreements, ("date", "status")),
                                 ("Meeting", meetings, ("date", "place"))):
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for f in facts:
            groups[tuple(a["iri"] for a in f["actors"])].append(f)
        for fs in groups.values():
            names = ", ".join(a["label"] for a in fs[0]["actors"]) or "unknown parties"
            for aspect in aspects:
                if aspect == "place":
                    check(f"{kind} of {names}", aspect, fs, lambda f: (f.get("place") or {}).get("label"))
                else:
                    check(f"{kind} of {names}", aspect, fs, lambda f, a=aspect: f.get(a))
    return out


def body_members(store: Store, linker: Linker, iri: str, limit: int = PAGE_FACTS) -> list[dict[str, Any]]:
    """Posts held in the bodies of a state or organisation (`?body org:subOrganizationOf <iri>`),
    up to `limit` in all, each marked `via_body` so the page names the body."""
    res = store.query(f"""SELECT ?f ?fp ?fo WHERE {{
        {{ SELECT DISTINCT ?f WHERE {{ GRAPH ?gb {{ ?body <{ORG.subOrganizationOf}> {sparql_iri(iri)} }}
            GRAPH ?g {{ ?f <{ORG.organization}> ?body }} }} LIMIT {int(limit)} }}
        GRAPH ?g2 {{ ?f ?fp ?fo }} }}""", union_default_graph=False)
    facts: dict[str, dict[str, list[Term]]] = {}
    for f, fp, fo in res.rows:
        if not isinstance(f, ox.NamedNode) or not isinstance(fp, ox.NamedNode) or fo is None:
            continue
        objs = facts.setdefault(f.value, {}).setdefault(fp.value, [])
        if fo not in objs:
            objs.append(fo)
    linker.learn(store, {o.value for props in facts.values() for objs in props.values() for o in objs
                         if isinstance(o, ox.NamedNode)})
    out: list[dict[str, Any]] = []
    for f, props in facts.items():
        view = fact_view(linker, f, props, subject=iri)
        if view["kind"] == "post":
            out.append({**view, "via_body": True})
    return out
