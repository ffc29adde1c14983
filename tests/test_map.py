"""The map of meetings (/map, kg/web/map.py): meetings per country drawn as SVG from the store."""
from __future__ import annotations

import re
from typing import Any

from conftest import app_client

from kg.web import map as meetings_map


def test_the_outlines_cover_the_worlds_states() -> None:
    countries = meetings_map.countries()
    assert len(countries) >= 170
    for iso in ("FR", "RU", "CN", "US", "BR", "AU", "ZA", "FJ"):
        name, d = countries[iso]
        assert d.startswith("M") and d.endswith("Z"), iso
    xs = [float(x) for d in (countries["RU"][1],) for x in re.findall(r"[ML](-?[\d.]+),", d)]
    assert min(xs) >= 0 and max(xs) <= meetings_map.WIDTH  # cut at the antimeridian, inside the frame


def test_countries_are_shaded_by_their_meetings_and_link_to_their_page() -> None:
    svg = str(meetings_map.draw({"FR": 1, "PE": 3, "CN": 25}, lambda iso: f"/id/state/{iso.lower()}"))
    assert re.search(r'<a href="/id/state/fr"><path class="country m1" d="M[^"]+"><title>France: 1 meeting</title>', svg)
    assert 'class="country m2"' in svg and "Peru: 3 meetings" in svg
    assert 'class="country m4"' in svg and "China: 25 meetings" in svg
    assert '<path class="country m0"' in svg and 'href="/id/state/de"' not in svg  # no meeting: no link
    assert [w for _, w in meetings_map.legend()] == ["none", "1", "2–4", "5–19", "20 or more"]


def test_the_map_page_of_the_samples(client: Any) -> None:
    resp = client.get("/map")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert html.count('<path class="country') >= 170
    assert re.search(r'<a href="/id/state/[a-z-]+"><path class="country m[1-4]"', html)
    data = client.get("/map", headers={"Accept": "application/json"}).get_json()
    assert data["meetings_placed"] >= 1 and data["countries"][0]["href"].startswith("/id/state/")
    assert "svg" not in data
    assert 'href="/map"' in client.get("/").get_data(as_text=True)


def test_places_the_gazetteer_does_not_locate_are_listed_not_guessed(kg: Any, tmp_path: Any) -> None:
    src = tmp_path / "rencontre.txt"
    src.write_text("Rencontre\n\nLe président chilien Tomas Herrera a rencontré le président péruvien Ana Ruiz à "
                   "Lima. Le président chilien Tomas Herrera a rencontré le Premier ministre polonais Piotr Zieliński "
                   "à Zakopianka.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert kg("ingest", str(src), "--store", str(store), "--published", "2021-05-10").exit_code == 0
    with app_client(store) as client:
        data = client.get("/map", headers={"Accept": "application/json"}).get_json()
    placed = {c["iso2"]: c["n"] for c in data["countries"]}
    unplaced = {u["ref"]["label"] for u in data["unplaced"]}
    assert placed.get("PE") == 1, data
    assert "PL" not in placed and "CL" not in placed  # a place's country is never guessed from the people
    assert unplaced <= {"Zakopianka"}, data
