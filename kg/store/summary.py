"""Read summaries: counts that pages and cookbook queries read instead of aggregating the whole store.

The summary graph (`{base}graph/summary`) holds

- `?entity kg:articleCount n`: how many article graphs say `?entity kg:mentionedIn ?article`;
- `?class kg:instanceCount n` for kg:Article, org:Membership, kg:Agreement and kg:Meeting: how
  many things the article graphs type so;
- `?entity skos:altLabel ?form`: every surface form an article graph gives the entity, once
  (an actor's forms are otherwise repeated in each article naming it);
- `?body kg:datedPost "START END SEEN STATUS POST MEMBERSHIP"`: one text per org:Membership in
  `?body` (its org:organization) that states a start, an end (org:memberDuring) or whom it succeeds
  (kg:succeeds): its stated start and end as written ("2012-05"), its article's date, its
  kg:postStatus, its kg:post and its own IRI, "-" for what it lacks. One scan of a body's texts
  answers "who held posts here on day D" by stated dates, where reading each membership of a large
  state would take thousands of lookups;
- `?tenure a kg:Tenure`: what all the articles say of one holder in one post (kg.store.tenure);
- `<summary graph> kg:summaryFormat 2`: the summary holds everything listed here (one written
  before kg:datedPost and tenures has no format, and `ensure` recounts it);
- `<summary graph> kg:latestIssued d`: the latest `dct:issued` date (xsd:date) of the articles
  written (not lowered when an article is dropped): where pages start walking back through dates;
- `<summary graph> kg:revision n`: raised by one at every write of an article graph, so that a
  reader can tell cheaply whether anything changed (the search index is rebuilt only then).

It is maintained per article in the same SPARQL update as the article itself (`Store.replace_graphs`
with a `Summary`): before an article graph is dropped or replaced its contributions are taken off,
after it is inserted they are added. The operations here find what to change and suit every store;
the embedded store, its own only writer, works the changes out in Python instead and sends them as
data in the same update (kg.store.summary_delta: the same result, a fraction of the cost). A store
without it (written before summaries, or by `kg load`) gets it from `rebuild`, which recounts
everything in one update.
"""
from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kg.rdf.vocab import DCT, KG, ORG, PROV, SKOS, TIME, XSD
from kg.store import tenure

FORMAT = 2  # the kg:summaryFormat of a summary that holds kg:datedPost and tenures

if typing.TYPE_CHECKING:
    from kg.store.base import Store

COUNTED_CLASSES = (KG.Article, ORG.Membership, KG.Agreement, KG.Meeting)
_CLASSES = " ".join(f"<{c}>" for c in COUNTED_CLASSES)


@dataclass(frozen=True)
class Summary:
    """The summary graph of a store whose article graphs are named `{base}graph/article/…`."""

    base: str

    @property
    def graph(self) -> str:
        return f"{self.base}graph/summary"

    def covers(self, graph: str) -> bool:
        """Whether `graph` is an article graph, whose contents the summary counts."""
        return graph.startswith(f"{self.base}graph/article/")

    def retract(self, graph: str) -> list[str]:
        """Update operations taking `graph`'s contributions off the counts (run before it is dropped)."""
        s, g = f"<{self.graph}>", f"<{graph}>"
        return [
            f"""DELETE {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }} INSERT {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?m }} }}
WHERE {{ {{ SELECT DISTINCT ?e WHERE {{ GRAPH {g} {{ ?e <{KG.mentionedIn}> ?a }} }} }}
  GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} BIND(IF(?n > 1, ?n - 1, ?none) AS ?m) }}""",
            f"""DELETE {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} }} INSERT {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?m }} }}
WHERE {{ {{ SELECT ?c (COUNT(DISTINCT ?x) AS ?k) WHERE {{ VALUES ?c {{ {_CLASSES} }} GRAPH {g} {{ ?x a ?c }} }} GROUP BY ?c }}
  GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} BIND(IF(?n > ?k, ?n - ?k, 0) AS ?m) }}""",
            # A surface form leaves the summary when no other article graph gives it to the entity.
            f"""DELETE {{ GRAPH {s} {{ ?e <{SKOS.altLabel}> ?l }} }} WHERE {{ GRAPH {g} {{ ?e <{SKOS.altLabel}> ?l }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?e <{SKOS.altLabel}> ?l }}
    FILTER(?other != {g} && STRSTARTS(STR(?other), "{self.base}graph/article/")) }} }}""",
            f"DELETE {{ GRAPH {s} {{ ?o <{KG.datedPost}> ?key }} }} WHERE {{ {self._dated(g)} }}",
            *tenure.retract(self.graph, self.base, g),
        ]

    def add(self, graph: str, nt: str | None = None) -> list[str]:
        """Update operations adding `graph`'s contributions to the counts (run after it is inserted);
        `nt`, the whole graph as N-Triples when the caller has it, names its tenures in the updates."""
        s, g = f"<{self.graph}>", f"<{graph}>"
        return [
            f"""DELETE {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }} INSERT {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?m }} }}
WHERE {{ {{ SELECT DISTINCT ?e WHERE {{ GRAPH {g} {{ ?e <{KG.mentionedIn}> ?a }} }} }}
  OPTIONAL {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }} BIND(COALESCE(?n, 0) + 1 AS ?m) }}""",
            f"""DELETE {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} }} INSERT {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?m }} }}
WHERE {{ {{ SELECT ?c (COUNT(DISTINCT ?x) AS ?k) WHERE {{ VALUES ?c {{ {_CLASSES} }} GRAPH {g} {{ ?x a ?c }} }} GROUP BY ?c }}
  OPTIONAL {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} }} BIND(COALESCE(?n, 0) + ?k AS ?m) }}""",
            f"INSERT {{ GRAPH {s} {{ ?e <{SKOS.altLabel}> ?l }} }} WHERE {{ GRAPH {g} {{ ?e <{SKOS.altLabel}> ?l }} }}",
            f"INSERT {{ GRAPH {s} {{ ?o <{KG.datedPost}> ?key }} }} WHERE {{ {self._dated(g)} }}",
            *tenure.add(self.graph, self.base, g, tenure.pairs_in(nt) if nt is not None else None),
            # A summary begun by this write holds everything from the start: it says so. One that has a
            # revision and no format was begun before kg:datedPost (`ensure` recounts it).
            f"INSERT {{ GRAPH {s} {{ {s} <{KG.summaryFormat}> {FORMAT} }} }} WHERE {{ "
            f"FILTER NOT EXISTS {{ GRAPH {s} {{ {s} <{KG.revision}> ?r }} }} }}",
            self._latest(g),
        ]

    @staticmethod
    def _dated(graph: str, restrict: str = "") -> str:
        """The body ?o and the kg:datedPost text ?key of each membership in `graph` that states a start,
        an end or whom it succeeds."""
        value = f"<{TIME.inXSDDate}>|<{TIME.inXSDgYearMonth}>|<{TIME.inXSDgYear}>"
        return f"""{{ SELECT DISTINCT ?o ?key WHERE {{ GRAPH {graph} {{
      {{ ?m <{ORG.memberDuring}> ?d }} UNION {{ ?m <{KG.succeeds}> ?prior }}
      ?m <{ORG.organization}> ?o ; <{KG.postStatus}> ?st ; <{PROV.wasDerivedFrom}> ?a .
      OPTIONAL {{ ?a <{DCT.issued}> ?iss }}
      OPTIONAL {{ ?m <{KG.post}> ?p }}
      OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.hasBeginning}> ?b . ?b {value} ?sv }}
      OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.hasEnd}> ?e . ?e {value} ?ev }} }} {restrict}
    BIND(CONCAT(COALESCE(STR(?sv), "-"), " ", COALESCE(STR(?ev), "-"), " ", COALESCE(STR(?iss), "-"), " ",
                STR(?st), " ", COALESCE(STR(?p), "-"), " ", STR(?m)) AS ?key) }} }}"""

    def _latest(self, graph: str, restrict: str = "") -> str:
        """The operation raising kg:latestIssued to the latest full date an article in `graph` has."""
        s = f"<{self.graph}>"
        return (f"DELETE {{ GRAPH {s} {{ {s} <{KG.latestIssued}> ?old }} }} "
                f"INSERT {{ GRAPH {s} {{ {s} <{KG.latestIssued}> ?new }} }} WHERE {{ "
                f"{{ SELECT (MAX(?d) AS ?new) WHERE {{ GRAPH {graph} {{ ?a a <{KG.Article}> ; <{DCT.issued}> ?d }} "
                f"FILTER(DATATYPE(?d) = <{XSD.date}>) {restrict} }} }} "
                f"OPTIONAL {{ GRAPH {s} {{ {s} <{KG.latestIssued}> ?old }} }} "
                f"FILTER(BOUND(?new) && (!BOUND(?old) || ?new > ?old)) }}")

    def bump(self) -> str:
        """The update operation raising the revision number by one."""
        s = f"<{self.graph}>"
        # The old value through MAX in a subquery: Virtuoso 7.2 inserts nothing when the WHERE of a
        # DELETE/INSERT starts with an OPTIONAL that leaves ?r unbound (the first revision was lost there).
        return (f"DELETE {{ GRAPH {s} {{ {s} <{KG.revision}> ?r }} }} INSERT {{ GRAPH {s} {{ {s} <{KG.revision}> ?r2 }} }} "
                f"WHERE {{ {{ SELECT (MAX(?x) AS ?r) WHERE {{ OPTIONAL {{ GRAPH {s} {{ {s} <{KG.revision}> ?x }} }} }} }} "
                f"BIND(COALESCE(?r, 0) + 1 AS ?r2) }}")

    def rebuild_ops(self) -> list[str]:
        """Operations replacing the summary graph by a full recount of the article graphs (one update)."""
        s, prefix = f"<{self.graph}>", f"{self.base}graph/article/"
        return [
            f"DELETE WHERE {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }}",
            f"DELETE WHERE {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} }}",
            f"DELETE WHERE {{ GRAPH {s} {{ ?e <{SKOS.altLabel}> ?l }} }}",
            f"DELETE WHERE {{ GRAPH {s} {{ {s} <{KG.latestIssued}> ?d }} }}",
            f"DELETE WHERE {{ GRAPH {s} {{ ?o <{KG.datedPost}> ?key }} }}",
            f"DELETE WHERE {{ GRAPH {s} {{ {s} <{KG.summaryFormat}> ?f }} }}",
            f"""INSERT {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }} WHERE {{
  SELECT ?e (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?e <{KG.mentionedIn}> ?a }}
    FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?e }}""",
            f"""INSERT {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} }} WHERE {{
  SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {_CLASSES} }} GRAPH ?g {{ ?x a ?c }}
    FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?c }}""",
            f"""INSERT {{ GRAPH {s} {{ ?e <{SKOS.altLabel}> ?l }} }} WHERE {{
  SELECT DISTINCT ?e ?l WHERE {{ GRAPH ?g {{ ?e <{SKOS.altLabel}> ?l }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }} }}""",
            f"INSERT {{ GRAPH {s} {{ ?o <{KG.datedPost}> ?key }} }} "
            f"WHERE {{ {self._dated('?g', f'FILTER(STRSTARTS(STR(?g), {chr(34)}{prefix}{chr(34)}))')} }}",
            *tenure.rebuild(self.graph, self.base),
            f"INSERT DATA {{ GRAPH {s} {{ {s} <{KG.summaryFormat}> {FORMAT} }} }}",
            self._latest("?g", f'FILTER(STRSTARTS(STR(?g), "{prefix}"))'),
            self.bump(),
        ]


def rebuild(store: "Store", base: str) -> None:
    """Recount the summary of `store` from its article graphs, in one update (after `kg load`, or
    on a store written before summaries were kept)."""
    store.update(" ;\n".join(Summary(base).rebuild_ops()))


def ensure(store: "Store", base: str) -> bool:
    """Rebuild the summary if the store holds articles but no summary, or a summary of an earlier
    format; True if it rebuilt it."""
    if read_counts(store, base) is not None:
        if has_format(store, base):
            return False
        rebuild(store, base)
        return True
    res = store.query(f"ASK {{ GRAPH ?g {{ ?a a <{KG.Article}> }} }}", union_default_graph=False)
    if not res.boolean:
        return False
    rebuild(store, base)
    return True


# --- reading -------------------------------------------------------------------------------------

def _int(term: object) -> int | None:
    value = getattr(term, "value", None)
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else None


def read_counts(store: "Store", base: str) -> tuple[int, Mapping[str, int]] | None:
    """(revision, instances per counted class IRI), or None when the store has no summary yet; read
    once per read-only handle of an embedded store (`Store.kept`), once per call elsewhere."""
    return store.kept(("read_counts", base), lambda: _read_counts(store, base))


def _read_counts(store: "Store", base: str) -> tuple[int, Mapping[str, int]] | None:
    s = f"<{Summary(base).graph}>"
    res = store.query(f"""SELECT ?c ?n WHERE {{ {{ GRAPH {s} {{ {s} <{KG.revision}> ?n }} BIND({s} AS ?c) }}
        UNION {{ GRAPH {s} {{ ?c <{KG.instanceCount}> ?n }} }} }}""", union_default_graph=False)
    revision, counts = None, {}
    for c, n in res.rows:
        value = _int(n)
        if c is None or value is None:
            continue
        if c.value == Summary(base).graph:
            revision = value
        else:
            counts[c.value] = value
    return None if revision is None else (revision, MappingProxyType(counts))


@dataclass(frozen=True)
class DatedPost:
    """One kg:datedPost text read back: a membership that states a start, an end or a predecessor."""

    start: str | None  # as written: "2012-05"
    end: str | None
    seen: str | None  # its article's dct:issued
    status: str | None
    post: str | None  # its kg:post IRI
    membership: str


def dated_posts(store: "Store", base: str, *, body: str | None = None, post: str | None = None) -> list[DatedPost]:
    """The kg:datedPost texts of a body, or of the body of an org:Post (org:postIn) kept to that post,
    read back (one scan of the body's texts)."""
    s = f"<{Summary(base).graph}>"
    if (body is None) == (post is None):
        raise ValueError("give a body or a post")
    if body is not None:
        where = f"GRAPH {s} {{ <{body}> <{KG.datedPost}> ?key }}"
    else:
        where = f"GRAPH ?ge {{ <{post}> <{ORG.postIn}> ?body }} GRAPH {s} {{ ?body <{KG.datedPost}> ?key }}"
    res = store.query(f"SELECT DISTINCT ?key WHERE {{ {where} }}", union_default_graph=False)
    found = []
    for (key,) in res.rows:
        fields = key.value.split(" ") if key is not None else []  # written by Summary._dated
        if len(fields) == 6 and fields[5] != "-":
            start, end, seen, status, of, membership = (None if f == "-" else f for f in fields)
            if post is None or of == post:
                found.append(DatedPost(start, end, seen, status, of, typing.cast(str, membership)))
    return found


def has_format(store: "Store", base: str) -> bool:
    """Whether the store's summary holds everything this version keeps (its kg:summaryFormat)."""
    s = f"<{Summary(base).graph}>"
    res = store.query(f"SELECT ?f WHERE {{ GRAPH {s} {{ {s} <{KG.summaryFormat}> ?f }} }}", union_default_graph=False)
    return any((_int(row[0]) or 0) >= FORMAT for row in res.rows)


def latest_issued(store: "Store", base: str) -> str | None:
    """The summary's kg:latestIssued (an ISO date), None when it has none; read once per read-only
    handle of an embedded store (`Store.kept`), as `read_counts`."""
    return store.kept(("latest_issued", base), lambda: _latest_issued(store, base))


def _latest_issued(store: "Store", base: str) -> str | None:
    s = f"<{Summary(base).graph}>"
    res = store.query(f"SELECT ?d WHERE {{ GRAPH {s} {{ {s} <{KG.latestIssued}> ?d }} }} LIMIT 1",
                      union_default_graph=False)
    value = getattr(res.rows[0][0], "value", None) if res.rows else None
    return value if isinstance(value, str) else None


def article_count(store: "Store", base: str, iri: str) -> int | None:
    """How many articles mention `iri`, from the summary (None when the summary has no count for it)."""
    s = f"<{Summary(base).graph}>"
    res = store.query(f"SELECT ?n WHERE {{ GRAPH {s} {{ <{iri}> <{KG.articleCount}> ?n }} }} LIMIT 1",
                      union_default_graph=False)
    return _int(res.rows[0][0]) if res.rows else None


def most_mentioned(store: "Store", base: str, limit: int) -> list[tuple[str, int]]:
    """(entity IRI, articles) of the `limit` entities most articles mention, most first (from the summary)."""
    s = f"<{Summary(base).graph}>"
    res = store.query(f"SELECT ?e ?n WHERE {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }} ORDER BY DESC(?n) "
                      f"LIMIT {int(limit)}", union_default_graph=False)
    return [(e.value, n) for e, n in ((e, _int(n)) for e, n in res.rows) if e is not None and n is not None]


def all_article_counts(store: "Store", base: str) -> dict[str, int]:
    """Articles per entity for every entity the summary counts."""
    s = f"<{Summary(base).graph}>"
    res = store.query(f"SELECT ?e ?n WHERE {{ GRAPH {s} {{ ?e <{KG.articleCount}> ?n }} }}", union_default_graph=False)
    return {e.value: n for e, n in ((e, _int(n)) for e, n in res.rows) if e is not None and n is not None}
