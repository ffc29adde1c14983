"""Holders of a body's posts on a given day: the form on state and organisation pages (`?on=YYYY-MM-DD`).

The same reading as the cookbook's post-holders-on-date.rq, for one body: a post counts as held on
the day when an article states a start on or before it and an end on or after it (or no end while
still calling the post held on or after the day), or when an article of the month around the day
sees it held. Starts and ends are compared at their own precision ("2020-03" against "2020-03-15").
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pyoxigraph as ox

from kg.rdf.vocab import DCT, KG, ORG, PROV, RDFS, TIME, XSD
from kg.store import Store

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


def holders_on(store: Store, linker: Any, body: str, day: dt.date, limit: int = 100) -> list[dict[str, Any]]:
    """The posts of `body` held on `day`, with their holder, status, stated dates, sighting and source."""
    on = day.isoformat()
    lo = (day - dt.timedelta(days=WINDOW_DAYS)).isoformat()
    hi = (day + dt.timedelta(days=WINDOW_DAYS)).isoformat()
    days = " ".join(f'"{(day + dt.timedelta(days=k)).isoformat()}"^^<{XSD_DATE}>'
                    for k in range(-WINDOW_DAYS, WINDOW_DAYS + 1))
    # Two ways in, each by index lookups rather than every membership of the body (a big state has
    # tens of thousands): the articles of each day of the window, then the body's posts they give;
    # or the body's posts that state a start or an end.
    res = store.query(f"""SELECT ?m ?holder ?role ?status ?start ?end ?seen ?a WHERE {{
        {{ VALUES ?issued {{ {days} }}
           # (the body's pattern before the article's: pyoxigraph 0.5 joins them ten times faster so)
           GRAPH ?g {{ ?a <{DCT.issued}> ?issued . ?m <{ORG.organization}> <{body}> ; <{PROV.wasDerivedFrom}> ?a }} }}
        UNION
        {{ GRAPH ?g {{ ?m <{ORG.memberDuring}> ?during ; <{ORG.organization}> <{body}> ; <{PROV.wasDerivedFrom}> ?a .
                      ?a <{DCT.issued}> ?issued }} }}
        GRAPH ?g {{
          ?m <{ORG.member}> ?holder ; <{ORG.role}>/<{RDFS.label}> ?role ; <{KG.postStatus}> ?status .
          {_STATED_DATES}
        }}
        BIND(STR(?issued) AS ?seen) BIND(STR(?startValue) AS ?start) BIND(STR(?endValue) AS ?end)
        FILTER(!BOUND(?start) || ?start <= SUBSTR("{on}", 1, STRLEN(?start)))
        FILTER(!BOUND(?end) || ?end >= SUBSTR("{on}", 1, STRLEN(?end)))
        FILTER((?status IN ("current", "acting") && ?seen >= SUBSTR("{lo}", 1, STRLEN(?seen)) && ?seen <= "{hi}")
               || (BOUND(?start) && (BOUND(?end) || (?status IN ("current", "acting") && ?seen >= "{on}"))))
    }} ORDER BY ?role ?holder LIMIT {int(limit)}""", union_default_graph=False)
    rows = []
    for m, holder, role, status, start, end, seen, article in res.rows:
        if not isinstance(m, ox.NamedNode) or not isinstance(holder, ox.NamedNode):
            continue
        rows.append({"membership": m.value, "holder": holder.value, "role": role.value if role else None,
                     "status": status.value if status else None, "start": start.value if start else None,
                     "end": end.value if end else None, "seen": seen.value if seen else None,
                     "article": article.value if isinstance(article, ox.NamedNode) else None})
    linker.learn(store, {r["holder"] for r in rows} | {r["article"] for r in rows if r["article"]})
    for r in rows:
        r["holder_ref"] = linker.ref(r["holder"])
        r["source"] = linker.ref(r["article"]) if r["article"] else None
        r["href"] = linker.href(r["membership"])
    return rows


def post_holders(store: Store, linker: Any, post: str, limit: int = 200) -> list[dict[str, Any]]:
    """Every membership of an org:Post (`kg:post`), oldest first: holder, title as written, status,
    stated start and end, the article that states it and its date, and whom it succeeds."""
    res = store.query(f"""SELECT ?m ?holder ?role ?status ?start ?end ?seen ?a ?prev WHERE {{
        GRAPH ?g {{
          ?m <{KG.post}> <{post}> ; <{ORG.member}> ?holder ; <{ORG.role}>/<{RDFS.label}> ?role ;
             <{KG.postStatus}> ?status ; <{PROV.wasDerivedFrom}> ?a .
          ?a <{DCT.issued}> ?issued .
          {_STATED_DATES}
          OPTIONAL {{ ?m <{KG.succeeds}>/<{ORG.member}> ?prev }}
        }}
        BIND(STR(?issued) AS ?seen) BIND(STR(?startValue) AS ?start) BIND(STR(?endValue) AS ?end)
    }} ORDER BY COALESCE(?start, ?end, ?seen) BOUND(?start) ?seen LIMIT {int(limit)}""", union_default_graph=False)
    rows = []
    for m, holder, role, status, start, end, seen, article, prev in res.rows:
        if not isinstance(m, ox.NamedNode) or not isinstance(holder, ox.NamedNode):
            continue
        rows.append({"membership": m.value, "holder": holder.value, "role": role.value if role else None,
                     "status": status.value if status else None, "start": start.value if start else None,
                     "end": end.value if end else None, "seen": seen.value if seen else None,
                     "article": article.value if isinstance(article, ox.NamedNode) else None,
                     "succeeds": prev.value if isinstance(prev, ox.NamedNode) else None})
    linker.learn(store, {r["holder"] for r in rows} | {r["article"] for r in rows if r["article"]}
                 | {r["succeeds"] for r in rows if r["succeeds"]})
    for r in rows:
        r["holder_ref"] = linker.ref(r["holder"])
        r["source"] = linker.ref(r["article"]) if r["article"] else None
        r["succeeds_ref"] = linker.ref(r["succeeds"]) if r["succeeds"] else None
        r["href"] = linker.href(r["membership"])
    return rows
