"""Pictures on entity pages, drawn on the server as inline SVG: a timeline and a network of counterparts.

Nothing runs in the browser: the SVG is part of the HTML, so it works under the pages' CSP and without
JavaScript, and every mark is a link to the fact or actor it stands for, with a tooltip (<title>). The
lists below the pictures stay as they are; the pictures only show what the lists say.

- Timeline: one row per post (a bar from its stated start, else the date of the article that states it,
  to its stated end, else that article's date; a post seen in one article only is a dot), then one row of
  meetings and one of agreements at their dates.
- Network: the page's actor in the middle, the actors it met or agreed with around it, each line as thick
  as the number of articles that tell of them together.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

WIDTH = 760
LEFT = 190  # room for row labels
RIGHT = 20
ROW = 22
MAX_POST_ROWS = 12
MAX_COUNTERPARTS = 16


def _year(iso: str | None) -> float | None:
    """"2020-03-15" -> 2020.2, "2020-03" -> 2020.17, "2020" -> 2020.0; None for anything else."""
    if not iso:
        return None
    parts = iso[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        start = dt.date(year, month, day)
    except (ValueError, IndexError):
        return None
    return year + (start.timetuple().tm_yday - 1) / 365.25


def _source_date(fact: dict[str, Any]) -> str | None:
    src = fact.get("source") or {}
    return src.get("date") if isinstance(src, dict) else None


def _text(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p)


def _label(ref: Any) -> str:
    return str(ref.get("label")) if isinstance(ref, dict) and ref.get("label") else ""


def timeline(posts: list[dict[str, Any]], meetings: list[dict[str, Any]], agreements: list[dict[str, Any]]) -> Markup:
    """The timeline of an entity's posts, meetings and agreements; "" with a single dated mark or none."""
    rows: list[tuple[str, list[tuple[float, float, dict[str, Any], str]]]] = []
    for p in posts[:MAX_POST_ROWS]:
        seen = _year(_source_date(p))
        start, end = _year(p.get("start")), _year(p.get("end"))
        a = start if start is not None else seen
        b = end if end is not None else seen
        if a is None and b is None:
            continue
        a = b if a is None else a
        b = a if b is None else b
        what = _text(p.get("role"), "—" if p.get("organization") else "", _label(p.get("organization")))
        tip = _text(what, f"({p.get('status')})" if p.get("status") else "",
                    f"from {p.get('start')}" if p.get("start") else "", f"until {p.get('end')}" if p.get("end") else "",
                    f"· seen {_source_date(p)}" if _source_date(p) else "")
        rows.append((what, [(min(a, b), max(a, b), p, tip)]))
    for name, facts in (("meetings", meetings), ("agreements", agreements)):
        marks = []
        for f in facts:
            when = _year(f.get("date")) or _year(_source_date(f))
            if when is None:
                continue
            who = ", ".join(_label(c) for c in f.get("counterparts") or f.get("actors") or [])
            tip = _text(f.get("label") or name[:-1], f"with {who}" if who else "", f.get("date") or _source_date(f))
            marks.append((when, when, f, tip))
        if marks:
            rows.append((name, marks))
    values = [v for _, marks in rows for a, b, _, _ in marks for v in (a, b)]
    count = sum(len(marks) for _, marks in rows)
    if count < 2 and not any(b > a for _, marks in rows for a, b, _, _ in marks):
        return Markup("")  # one dot says no more than the list does
    lo, hi = math.floor(min(values)), math.floor(max(values)) + 1
    span = hi - lo
    height = 30 + ROW * len(rows)
    x = lambda v: LEFT + (v - lo) / span * (WIDTH - LEFT - RIGHT)  # noqa: E731
    out = [f'<svg class="picture timeline" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
           f'aria-label="Timeline from {lo} to {hi - 1}" xmlns="http://www.w3.org/2000/svg">']
    step = max(1, math.ceil(span / 12))
    for year in range(lo, hi + 1, step):
        out.append(f'<line class="tick" x1="{x(year):.1f}" x2="{x(year):.1f}" y1="14" y2="{height}"/>'
                   f'<text class="year" x="{x(year):.1f}" y="11">{year}</text>')
    for i, (name, marks) in enumerate(rows):
        y = 26 + ROW * i
        out.append(f'<text class="row" x="{LEFT - 6}" y="{y + 10}">{escape(name[:34])}</text>')
        for a, b, fact, tip in marks:
            kind = fact.get("kind", "fact")
            status = escape(fact.get("status") or "")
            link = f'<a href="{escape(fact.get("href") or "")}"><title>{escape(tip)}</title>'
            if kind == "post" and b - a > 1 / 365:
                out.append(f'{link}<rect class="mark post status-{status}" x="{x(a):.1f}" y="{y + 2}" '
                           f'width="{max(3.0, x(b) - x(a)):.1f}" height="12" rx="3"/></a>')
            else:
                out.append(f'{link}<circle class="mark {escape(kind)} status-{status}" cx="{x(a):.1f}" cy="{y + 8}" '
                           f'r="5"/></a>')
    out.append("</svg>")
    return Markup("".join(out))


def _counterparts(facts: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Counterparts by IRI: their reference, and the articles, meetings and agreements they share."""
    out: dict[str, dict[str, Any]] = {}
    for f in facts:
        src = f.get("source") or {}
        article = src.get("iri") if isinstance(src, dict) else None
        for c in f.get("counterparts") or []:
            key = c.get("iri") if isinstance(c, dict) else None
            if not key:
                continue
            rec = out.setdefault(key, {"ref": c, "articles": set(), "meetings": 0, "agreements": 0})
            rec["articles"].add(article or f.get("iri"))
            rec[f"{f.get('kind')}s"] = rec.get(f"{f.get('kind')}s", 0) + 1
    return out


def network(label: str, meetings: list[dict[str, Any]], agreements: list[dict[str, Any]]) -> Markup:
    """The actor in the middle, who it met or agreed with around it; "" with no counterpart."""
    found = _counterparts([*meetings, *agreements])
    if not found:
        return Markup("")
    ranked = sorted(found.values(), key=lambda r: (-len(r["articles"]), _label(r["ref"]).casefold()))[:MAX_COUNTERPARTS]
    size, radius = 520, 150
    cx, cy = size / 2, 200
    out = [f'<svg class="picture network" viewBox="0 0 {size} 400" width="100%" role="img" '
           f'aria-label="{escape(label)} and {len(ranked)} counterparts" xmlns="http://www.w3.org/2000/svg">']
    heaviest = max(len(r["articles"]) for r in ranked)
    nodes = []
    for i, r in enumerate(ranked):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ranked)
        px, py = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        n = len(r["articles"])
        width = 1 + 5 * n / heaviest
        tip = (f"{_label(r['ref'])}: {r['meetings']} meeting(s), {r['agreements']} agreement(s), "
               f"in {n} article(s)")
        out.append(f'<line class="edge" x1="{cx:.1f}" y1="{cy:.1f}" x2="{px:.1f}" y2="{py:.1f}" '
                   f'stroke-width="{width:.1f}"><title>{escape(tip)}</title></line>')
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-10 if math.sin(angle) < 0 else 18)
        nodes.append(f'<a href="{escape(r["ref"].get("href") or "")}"><title>{escape(tip)}</title>'
                     f'<circle class="node" cx="{px:.1f}" cy="{py:.1f}" r="6"/>'
                     f'<text class="name" x="{px + dx:.1f}" y="{py + dy:.1f}" text-anchor="{anchor}">'
                     f'{escape(_label(r["ref"])[:28])}</text></a>')
    out.extend(nodes)
    out.append(f'<circle class="node centre" cx="{cx}" cy="{cy}" r="9"/>'
               f'<text class="name centre" x="{cx}" y="{cy + 24}" text-anchor="middle">{escape(label[:28])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def of_entity(view: dict[str, Any]) -> dict[str, Markup]:
    """The pictures of an entity page's view (kg.web.entity.entity_view); a state's or organisation's
    timeline shows the posts held in it, each row named after its holder."""
    posts = view.get("posts") or []
    if view.get("is_org"):
        posts = [{**p, "role": _text(_label(p.get("member")), "—", p.get("role")), "organization": None}
                 for p in view.get("members") or []]
    return {"timeline": timeline(posts, view.get("meetings") or [], view.get("agreements") or []),
            "network": network(str(view.get("label") or ""), view.get("meetings") or [],
                               view.get("agreements") or [])}
