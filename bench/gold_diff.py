#!/usr/bin/env python3
"""What extraction found next to what the annotators wrote, article by article (for error analysis).

    .venv/bin/python bench/gold_diff.py --half A [--kind agreements|meetings|roles|actors] [--id ID]

Extracts the chosen gold articles in-process (no store) and prints, per article, the gold items
and the extracted ones side by side. Use it on the half you develop on, never on the other.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "gold"
HALVES = Path(__file__).resolve().parent / "gold_halves.tsv"


def _published(value: str | None) -> tuple[dt.date | None, str]:
    if not value:
        return None, "day"
    parts = value.split("-")
    if len(parts) == 3:
        return dt.date.fromisoformat(value[:10]), "day"
    return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1), "month" if len(parts) > 1 else "year"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("A", "B"))
    ap.add_argument("--id", action="append", default=[])
    ap.add_argument("--kind", action="append", default=[])
    a = ap.parse_args()
    from kg.extract import Extractor
    from kg.model import Article

    split = {}
    for line in HALVES.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith(("#", "id\t")):
            k, h = line.split("\t")
            split[k] = h
    kinds = a.kind or ["roles", "agreements", "meetings"]
    ex = Extractor.load()
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        if a.id and d["id"] not in a.id:
            continue
        if a.half and split.get(d["id"]) != a.half:
            continue
        pub, precision = _published(d.get("published"))
        art = Article(d["id"], d["title"], d["text"], d["lang"], pub, d.get("url"), published_precision=precision)  # type: ignore[arg-type]
        x = ex.extract(art)
        name = {k: e.label for k, e in x.entities.items()}
        print(f"\n=== {d['id']} ({d['lang']}, {d.get('published')})")
        g = d["gold"]
        if "actors" in kinds:
            print("  gold actors:", sorted(f"{a['name']}:{a['type']}" for a in g.get("actors", [])))
            print("  found      :", sorted(f"{e.label}:{e.kind}" for e in x.entities.values()))
        if "roles" in kinds:
            for r in g.get("roles", []):
                print(f"  G-ROLE {r['holder']} | {r['role']} | {r.get('organization_or_country')} | {r.get('status', '')}")
            for r in x.posts:
                print(f"  F-ROLE {name[r.person]} | {r.role} | {name.get(r.organization or '', None)} | {r.status} {r.confidence}")
        if "agreements" in kinds:
            for e in g.get("agreements", []):
                print(f"  G-AGR {e['parties']} [{e.get('verb')}] {e.get('date')} :: {e['evidence'][:160]}")
            for e in x.agreements:
                print(f"  F-AGR {[name[k] for k in e.parties]} [{e.trigger}] {e.date.iso if e.date else None} "
                      f"{e.confidence} :: {e.evidence[:160]}")
        if "meetings" in kinds:
            for e in g.get("meetings", []):
                print(f"  G-MEET {e['participants']} [{e.get('verb')}] {e.get('date')} @{e.get('place')} :: {e['evidence'][:160]}")
            for e in x.meetings:
                print(f"  F-MEET {[name[k] for k in e.participants]} [{e.trigger}] {e.date.iso if e.date else None} "
                      f"@{name.get(e.place or '', None)} {e.confidence} :: {e.evidence[0][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
