"""The map of meetings (`/map`): how many meetings took place in each country, drawn on the server as SVG.

A meeting's place (`sem:hasPlace`) is a state, or a place the gazetteer knows (a capital or a city) and
so its country; places the gazetteer does not place in a country are listed under the map instead. The
outlines are kg/data/world/countries.tsv (Natural Earth via npm's world-atlas, built by
tools/build_world_map.py). No script: the map works under the pages' CSP and without JavaScript, each
country a link to its page with a tooltip.

Counting reads every meeting of the store, so the map has its own page rather than the home page,
whose latency must not grow with the store; `kg serve` keeps the answer until the store changes.
"""
from __future__ import annotations

import csv
import math
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from kg.rdf.vocab import KG, SEM
from kg.store import Store

DATA = Path(__file__).resolve().parent.parent / "data"
WIDTH, HEIGHT = 960, 500
BUCKETS = (1, 2, 5, 20)  # meetings at least: classes m1 … m4


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (name, SVG path)."""
    return {r["iso2"]: (r["name"], r["path"]) for r in _rows(DATA / "world" / "countries.tsv")}


@cache
def country_of_key() -> dict[str, str]:
    """Entity key ("state/france", "place/kabul") -> ISO alpha-2 of its country, from the gazetteer."""
    out: dict[str, str] = {}
    for name in ("states.tsv", "places.tsv"):
        for r in _rows(DATA / "gazetteer" / name):
            if r.get("iso2"):
                out[r["key"]] = r["iso2"].upper()
    return out


@cache
def state_key_of() -> dict[str, str]:
    """ISO alpha-2 -> the state's entity key."""
    return {r["iso2"].upper(): r["key"] for r in _rows(DATA / "gazetteer" / "states.tsv") if r.get("iso2")}


def meetings_by_place(store: Store) -> dict[str, int]:
    """Place IRI -> number of meetings held there, over every article graph."""
    res = store.query(f"""SELECT ?place (COUNT(DISTINCT ?m) AS ?n) WHERE {{
        GRAPH ?g {{ ?m a <{KG.Meeting}> ; <{SEM.hasPlace}> ?place }} }} GROUP BY ?place""", union_default_graph=False)
    out: dict[str, int] = {}
    for place, n in res.rows:
        value = getattr(n, "value", None)
        if place is not None and isinstance(value, str) and value.isdigit():
            out[place.value] = int(value)
    return out


def _bucket(n: int) -> int:
    return sum(1 for b in BUCKETS if n >= b)


def map_view(store: Store, linker: Any) -> dict[str, Any]:
    """Meetings per country, the places that could not be put on the map, and the SVG."""
    prefix = f"{linker.base}id/"
    per_country: dict[str, int] = {}
    unplaced: list[dict[str, Any]] = []
    by_place = meetings_by_place(store)
    for place, n in by_place.items():
        key = place[len(prefix):] if place.startswith(prefix) else None
        iso = country_of_key().get(key or "")
        if iso and iso in countries():
            per_country[iso] = per_country.get(iso, 0) + n
        else:
            unplaced.append({"n": n, "iri": place})
    linker.learn(store, {u["iri"] for u in unplaced})
    for u in unplaced:
        u["ref"] = linker.ref(u["iri"])
    unplaced.sort(key=lambda u: (-u["n"], str(u["ref"]["label"]).casefold()))
    ranked = sorted(per_country.items(), key=lambda kv: (-kv[1], countries()[kv[0]][0]))
    return {
        "svg": draw(per_country, lambda iso: linker.href(f"{prefix}{state_key_of().get(iso, '')}")
                    if iso in state_key_of() else None),
        "countries": [{"iso2": iso, "name": countries()[iso][0], "n": n,
                       "href": linker.href(f"{prefix}{state_key_of()[iso]}") if iso in state_key_of() else None}
                      for iso, n in ranked],
        "unplaced": unplaced,
        "meetings_placed": sum(per_country.values()),
        "meetings_unplaced": sum(u["n"] for u in unplaced),
    }


def draw(per_country: dict[str, int], href: Any) -> Markup:
    """The world with each country shaded by its number of meetings (none, 1, 2–4, 5–19, 20 or more)."""
    out = [f'<svg class="picture world" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
           f'aria-label="Meetings by country" xmlns="http://www.w3.org/2000/svg">']
    for iso, (name, d) in sorted(countries().items()):
        n = per_country.get(iso, 0)
        shape = f'<path class="country m{_bucket(n)}" d="{d}"><title>{escape(name)}: {n} meeting{"s" if n != 1 else ""}</title></path>'
        link = href(iso) if n else None
        out.append(f'<a href="{escape(link)}">{shape}</a>' if link else shape)
    out.append("</svg>")
    return Markup("".join(out))


def legend() -> list[tuple[int, str]]:
    """(class number, words) for the map's key."""
    words = ["none"]
    for lo, hi in zip(BUCKETS, (*BUCKETS[1:], math.inf)):
        words.append(str(lo) if hi - lo == 1 else f"{lo}–{hi - 1}" if hi != math.inf else f"{lo} or more")
    return list(enumerate(words))
