#!/usr/bin/env python3
"""Build kg/data/world/countries.tsv, the country outlines of the map of meetings, from npm's world-atlas.

    (cd web && npm ci)            # world-atlas is pinned by web/package-lock.json
    python tools/build_world_map.py

Reads web/node_modules/world-atlas/countries-110m.json (Natural Earth 1:110m Admin 0, public domain,
as TopoJSON by Mike Bostock, ISC) and ../shared/gazetteer/pycountry_fr/iso3166-1_en_fr.tsv (ISO 3166
numeric -> alpha-2 codes), decodes the TopoJSON arcs, projects longitude and latitude onto a plain
equirectangular 960 x 500 frame (the map is for seeing where meetings happened, not for measuring),
and writes one SVG path per country with its ISO alpha-2 code. The result is committed; nothing of
this runs when kg is installed or served.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATLAS = ROOT / "web" / "node_modules" / "world-atlas" / "countries-110m.json"
CODES = ROOT.parent / "shared" / "gazetteer" / "pycountry_fr" / "iso3166-1_en_fr.tsv"
OUT = ROOT / "kg" / "data" / "world" / "countries.tsv"
WIDTH, HEIGHT = 960, 500
TOP, BOTTOM = 84.0, -60.0  # latitudes shown: Antarctica left out, the Arctic coasts kept


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantized, delta-encoded) -> lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One ring from arc indexes (a negative index ~i is arc i reversed; shared end points once)."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(points if not out else points[1:])
    return out


def project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(BOTTOM, min(TOP, lat))
    return (lon + 180) / 360 * WIDTH, (TOP - lat) / (TOP - BOTTOM) * HEIGHT


def path(polygons: list[list[list[int]]], arcs: list[list[tuple[float, float]]]) -> str:
    parts = []
    for polygon in polygons:
        for indexes in polygon:
            points = [project(lon, lat) for lon, lat in ring(arcs, indexes)]
            # A ring crossing the antimeridian (Russia's far east, Fiji) is cut there into pieces.
            pieces: list[list[tuple[float, float]]] = [[]]
            for pt in points:
                if pieces[-1] and abs(pt[0] - pieces[-1][-1][0]) > WIDTH / 2:
                    pieces.append([])
                pieces[-1].append(pt)
            for piece in pieces:
                if len(piece) < 3:
                    continue
                xs = [f"{x:.1f},{y:.1f}" for x, y in piece]
                kept = [xs[0]] + [p for prev, p in zip(xs, xs[1:]) if p != prev]  # drop repeats at this precision
                parts.append("M" + "L".join(kept) + "Z")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--atlas", type=Path, default=ATLAS)
    ap.add_argument("--codes", type=Path, default=CODES)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    for p in (a.atlas, a.codes):
        if not p.is_file():
            print(f"build_world_map: {p} not found (cd web && npm ci; ../shared beside the checkout)", file=sys.stderr)
            return 2
    topo = json.loads(a.atlas.read_text(encoding="utf-8"))
    with a.codes.open(encoding="utf-8", newline="") as f:
        alpha2 = {row["numeric"]: row["iso2"] for row in csv.DictReader(f, delimiter="\t")}
    arcs = decode_arcs(topo)
    rows = []
    skipped = []
    for g in topo["objects"]["countries"]["geometries"]:
        code = alpha2.get(str(g.get("id", "")).zfill(3))
        name = g.get("properties", {}).get("name", "")
        if code is None or code == "AQ":
            skipped.append(name)
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rows.append((code, name, path(polygons, arcs)))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# Country outlines for the map of meetings, {WIDTH}x{HEIGHT}, equirectangular, latitudes {BOTTOM:g} to {TOP:g}.\n"
                "# Natural Earth 1:110m Admin 0 (public domain) via world-atlas 2.0.2 (ISC, Mike Bostock);\n"
                "# built by tools/build_world_map.py. See ATTRIBUTION.md.\n")
        f.write("iso2\tname\tpath\n")
        for code, name, d in sorted(rows):
            f.write(f"{code}\t{name}\t{d}\n")
    print(f"build_world_map: {len(rows)} countries -> {a.out} ({a.out.stat().st_size // 1024} KiB); "
          f"left out (no ISO code, or Antarctica): {', '.join(sorted(skipped)) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
