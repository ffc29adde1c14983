"""Holders of a body's posts on a given day: the form on state and organisation pages (`?on=YYYY-MM-DD`).

The same reading as the cookbook's post-holders-on-date.rq, for one body: a post counts as held on
the day when an article states a start on or before it and an end on or after it (or no end while
still calling the post held on or after the day), or when an article of the month around the day
sees it held. Starts and ends are compared at their own precision ("2020-03" against "2020-03-15").
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.rdf.iris import article_of_fact, graph_of_fact
from kg.rdf.vocab import DCT, KG, ORG, PROV, RDFS, TIME, XSD
from kg.store import Store
from kg.store.summary import Summary, dated_posts, has_format

XSD_DATE = XSD.date
_DAY_MONTH_OR_YEAR = f"<{TIME.inXSDDate}>|<{TIME.inXSDgYearMonth}>|<{TIME.inXSDgYear}>"
# A membership ?m's stated start and end, as ?startValue and ?endValue (when the article gives them).
_STATED_DATES = (f"OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.hasBeginning}> ?b . ?b {_DAY_MONTH_OR_YEAR} ?startValue }} "
                 f"OPTIONAL {{ ?m <{ORG.memberDuring}>/<{TIME.hasEnd}> ?e . ?e {_DAY_MONTH_OR_YEAR} ?endValue }}")

WINDOW_DAYS = 31
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str | None) -> dt.date | None:
    """A day given as YYYY-MM-DD, else None (anything else is ignored, not an error page)."""
    if not text or not _DAY.fullmatch(text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def held_on(on: str, start: str | None, end: str | None, seen: str | None, status: str | None) -> bool:
    """Whether a membership counts as held on the day `on` (ISO): the reading of the module's doc, the
    same as post-holders-on-date.rq's filters. Dates are compared as text at their own precision."""
    lo = (dt.date.fromisoformat(on) - dt.timedelta(days=WINDOW_DAYS)).isoformat()
    hi = (dt.date.fromisoformat(on) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
    if start is not None and start > on[:len(start)]:
        return False
    if end is not None and end < on[:len(end)]:
        return False
    held = status in ("current", "acting")
    if held and seen is not None and lo[:len(seen)] <= seen <= hi:
        return True
    return start is not None and (end is not None or (held and seen is not None and seen >= on))


def holders_on(store: Store, linker: Any, body: str, day: dt.date, limit: int = 100) -> list[dict[str, Any]]:
    """The posts of `body` held on `day`, with their holder, status, stated dates, sighting and source."""
    on = day.isoformat()
    days = " ".join(f'"{(day + dt.timedelta(days=k)).isoformat()}"^^<{XSD_DATE}>'
                    for k in range(-WINDOW_DAYS, WINDOW_DAYS + 1))
    # Candidates by two ways in, each without reading every membership of the body (a big state has
    # tens of thousands): the articles of each day of the window, then the body's posts in each
    # article's graph; and the body's posts that state a start, an end or a predecessor, from one
    # scan of the summary's kg:datedPost texts (a store whose summary predates them: the slow way).
    found: dict[str, tuple[str | None, str | None, str | None, str | None, str | None]] = {}
    indexed = has_format(store, linker.base)
    # (with the summary's texts, the dated posts come from them: the window's need no stated dates)
    res = store.query(f"""SELECT ?m ?status ?start ?end ?seen ?post WHERE {{
        VALUES ?issued {{ {days} }}
        # (the article's graph from its date, then the body's posts in that graph alone)
        GRAPH ?g {{ ?a <{DCT.issued}> ?issued }}
        GRAPH ?g {{ ?m <{ORG.organization}> <{body}> ; <{PROV.wasDerivedFrom}> ?a ; <{KG.postStatus}> ?status .
                   {"" if indexed else _STATED_DATES} }}
        # (outside the block, one pattern: looked up per row, where inside it every post is read)
        OPTIONAL {{ GRAPH ?g {{ ?m <{KG.post}> ?post }} }}
        BIND(STR(?issued) AS ?seen) BIND(STR(?startValue) AS ?start) BIND(STR(?endValue) AS ?end)
    }}""", union_default_graph=False)
    for m, status, start, end, seen, post in res.rows:
        if isinstance(m, ox.NamedNode):
            found[m.value] = (_text(start), _text(end), _text(seen), _text(status), _text(post))
    if indexed:
        for d in dated_posts(store, linker.base, body=body):
            found[d.membership] = (d.start, d.end, d.seen, d.status, d.post)
    else:
        res = store.query(f"""SELECT ?m ?status ?start ?end ?seen ?post WHERE {{ GRAPH ?g {{
            ?m <{ORG.memberDuring}> ?during ; <{ORG.organization}> <{body}> ; <{PROV.wasDerivedFrom}> ?a ;
               <{KG.postStatus}> ?status . ?a <{DCT.issued}> ?issued . OPTIONAL {{ ?m <{KG.post}> ?post }}
            {_STATED_DATES} }}
            BIND(STR(?issued) AS ?seen) BIND(STR(?startValue) AS ?start) BIND(STR(?endValue) AS ?end) }}""",
                          union_default_graph=False)
        for m, status, start, end, seen, post in res.rows:
            if isinstance(m, ox.NamedNode):
                found[m.value] = (_text(start), _text(end), _text(seen), _text(status), _text(post))
    held = {m: values for m, values in found.items() if held_on(on, *values[:4])}
    if not held:
        return []
    # The first `limit` by post (a body's posts are named by their English title), then the holders and
    # titles of those, looked up by membership in its own graph.
    held = dict(sorted(held.items(), key=lambda mv: (mv[1][4] or "~", mv[0]))[:limit])
    # (the article is the one the membership's IRI names: `kg.rdf.iris.fact_iri`)
    res = store.query(f"""SELECT ?m ?holder ?role WHERE {{
        VALUES (?m ?g) {{ {_in_graphs(linker.base, held)} }}
        GRAPH ?g {{ ?m <{ORG.member}> ?holder ; <{ORG.role}>/<{RDFS.label}> ?role }}
    }} ORDER BY ?role ?holder ?m""", union_default_graph=False)
    rows = []
    for m, holder, role in res.rows:
        if not isinstance(m, ox.NamedNode) or not isinstance(holder, ox.NamedNode):
            continue
        start, end, seen, status, _post = held[m.value]
        rows.append({"membership": m.value, "holder": holder.value, "role": role.value if role else None,
                     "status": status, "start": start, "end": end, "seen": seen,
                     "article": article_of_fact(linker.base, m.value)})
    linker.learn(store, {r["holder"] for r in rows} | {r["article"] for r in rows if r["article"]})
    for r in rows:
        r["holder_ref"] = linker.ref(r["holder"])
        r["source"] = linker.ref(r["article"]) if r["article"] else None
        r["href"] = linker.href(r["membership"])
    return rows


def _in_graphs(base: str, facts: Iterable[str]) -> str:
    """VALUES rows (?m ?g) of fact nodes and their article graphs (UNDEF when the IRI does not say)."""
    return " ".join(f"(<{m}> {f'<{g}>' if (g := graph_of_fact(base, m)) else 'UNDEF'})" for m in sorted(facts))


def _text(term: Any) -> str | None:
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else None


OTHER_SIGHTINGS = 50  # memberships of a post shown besides those that state a start, an end or a predecessor


def post_holders(store: Store, linker: Any, post: str, limit: int = 100) -> list[dict[str, Any]]:
    """The memberships of an org:Post (`kg:post`), oldest first: those that state a start, an end or
    whom they succeed (from the summary's kg:datedPost texts of the post's body; the oldest when there
    are more than `limit` less the others), and up to OTHER_SIGHTINGS others (the first in the store's
    order); each with its holder, title as written, status, stated start and end, the article that
    states it and its date, and whom it succeeds."""
    chosen: set[str] = set()
    # (an article's membership: the summary's tenures name the post too)
    res = store.query(f"SELECT ?m WHERE {{ GRAPH ?g {{ ?m <{KG.post}> <{post}> ; <{PROV.wasDerivedFrom}> ?a }} }} "
                      f"LIMIT {OTHER_SIGHTINGS}", union_default_graph=False)
    chosen.update(m.value for (m,) in res.rows if isinstance(m, ox.NamedNode))
    if has_format(store, linker.base):
        # (placed by stated start, else end, else the article's date; the oldest kept)
        stated = {(d.start or d.end or d.seen or "~", d.membership) for d in dated_posts(store, linker.base, post=post)}
        chosen.update(m for _, m in sorted(stated)[:max(0, limit - len(chosen))])
    else:  # a summary from before kg:datedPost: the stated ones by reading every membership of the post
        res = store.query(f"""SELECT DISTINCT ?m WHERE {{ GRAPH ?g {{ ?m <{KG.post}> <{post}> ; <{PROV.wasDerivedFrom}> ?a .
            {{ ?m <{ORG.memberDuring}> ?d }} UNION {{ ?m <{KG.succeeds}> ?prior }} }} }}""", union_default_graph=False)
        chosen.update(m.value for (m,) in res.rows if isinstance(m, ox.NamedNode))
    if not chosen:
        return []
    # Each part by its own lookups per membership (one query with every OPTIONAL is planned badly).
    pairs = _in_graphs(linker.base, chosen)

    def values(select: str, pattern: str) -> dict[str, list[Any]]:
        res = store.query(f"SELECT ?m {select} WHERE {{ VALUES (?m ?g) {{ {pairs} }} GRAPH ?g {{ {pattern} }} }}",
                          union_default_graph=False)
        return {row[0].value: list(row[1:]) for row in res.rows if isinstance(row[0], ox.NamedNode)}

    base = values("?holder ?role ?status ?a", f"?m <{ORG.member}> ?holder ; <{ORG.role}>/<{RDFS.label}> ?role ; "
                                               f"<{KG.postStatus}> ?status ; <{PROV.wasDerivedFrom}> ?a")
    seen = values("?issued", f"?m <{PROV.wasDerivedFrom}> ?a . ?a <{DCT.issued}> ?issued")
    starts = values("?v", f"?m <{ORG.memberDuring}>/<{TIME.hasBeginning}> ?b . ?b {_DAY_MONTH_OR_YEAR} ?v")
    ends = values("?v", f"?m <{ORG.memberDuring}>/<{TIME.hasEnd}> ?e . ?e {_DAY_MONTH_OR_YEAR} ?v")
    prior = values("?prev", f"?m <{KG.succeeds}>/<{ORG.member}> ?prev")
    rows = []
    for m, (holder, role, status, article) in base.items():
        if not isinstance(holder, ox.NamedNode):
            continue
        prev = prior.get(m, [None])[0]
        rows.append({"membership": m, "holder": holder.value, "role": _text(role), "status": _text(status),
                     "start": _text(starts.get(m, [None])[0]), "end": _text(ends.get(m, [None])[0]),
                     "seen": _text(seen.get(m, [None])[0]),
                     "article": article.value if isinstance(article, ox.NamedNode) else None,
                     "succeeds": prev.value if isinstance(prev, ox.NamedNode) else None})
    # oldest first: by stated start, else stated end, else the article's date; undated last
    rows.sort(key=lambda r: (r["start"] or r["end"] or r["seen"] or "~", r["start"] is not None, r["seen"] or "~",
                             r["membership"]))
    rows = rows[:limit]
    linker.learn(store, {r["holder"] for r in rows} | {r["article"] for r in rows if r["article"]}
                 | {r["succeeds"] for r in rows if r["succeeds"]})
    for r in rows:
        r["holder_ref"] = linker.ref(r["holder"])
        r["source"] = linker.ref(r["article"]) if r["article"] else None
        r["succeeds_ref"] = linker.ref(r["succeeds"]) if r["succeeds"] else None
        r["href"] = linker.href(r["membership"])
    return rows


def tenures(store: Store, linker: Any, *, post: str | None = None, holder: str | None = None,
            limit: int = 200) -> list[dict[str, Any]]:
    """The tenures (kg.store.tenure) of a post or of a holder, read from the summary graph: holder,
    post, articles, first and last observation, earliest stated start and latest stated end;
    oldest first (by stated start, else first observation)."""
    if (post is None) == (holder is None):
        raise ValueError("give a post or a holder")
    fixed = f"<{KG.post}> <{post}>" if post else f"<{ORG.member}> <{holder}>"
    res = store.query(f"""SELECT ?t ?p ?x ?k ?first ?last ?start ?end WHERE {{
        GRAPH <{Summary(linker.base).graph}> {{
          ?t {fixed} ; a <{KG.Tenure}> ; <{KG.post}> ?p ; <{ORG.member}> ?x ; <{KG.statementCount}> ?k .
          OPTIONAL {{ ?t <{ORG.memberDuring}> ?i .
            OPTIONAL {{ ?i <{KG.firstObserved}> ?f }} OPTIONAL {{ ?i <{KG.lastObserved}> ?l }}
            OPTIONAL {{ ?i <{TIME.hasBeginning}> ?b . ?b {_DAY_MONTH_OR_YEAR} ?bv }}
            OPTIONAL {{ ?i <{TIME.hasEnd}> ?e . ?e {_DAY_MONTH_OR_YEAR} ?ev }} }}
        }}
        BIND(STR(?f) AS ?first) BIND(STR(?l) AS ?last) BIND(STR(?bv) AS ?start) BIND(STR(?ev) AS ?end)
    }} ORDER BY COALESCE(?start, ?first, ?end) DESC(?k) LIMIT {int(limit)}""", union_default_graph=False)
    rows = []
    for t, p, x, k, first, last, start, end in res.rows:
        if not all(isinstance(n, ox.NamedNode) for n in (t, p, x)):
            continue
        rows.append({"tenure": t.value, "post": p.value, "holder": x.value, "articles": int(k.value) if k else 0,
                     "first": first.value if first else None, "last": last.value if last else None,
                     "start": start.value if start else None, "end": end.value if end else None})
    linker.learn(store, {r["holder"] for r in rows} | {r["post"] for r in rows})
    for r in rows:
        r["holder_ref"] = linker.ref(r["holder"])
        r["post_ref"] = linker.ref(r["post"])
        r["href"] = linker.href(r["tenure"])
    return rows
