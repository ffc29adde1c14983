#!/usr/bin/env python3
"""The time of posts against the annotated articles: statuses, stated starts and stated ends.

    .venv/bin/python bench/score_timeline.py [--export FILE.nq] [--verbose]

Ingests the gold articles with `kg ingest` + `kg export` (as bench/score_gold.py does), or reads an
export, and reads the posts back through the public vocabulary only: `org:Membership` with
`kg:postStatus` and `org:memberDuring` → `time:Interval` → `time:hasBeginning` / `time:hasEnd` →
`time:Instant` → `time:inXSDDate` | `time:inXSDgYearMonth` | `time:inXSDgYear`.

Gold roles (../shared/gold, GUIDELINES.md §3) are matched to found posts as the shared scorer
matches them (holder, organisation when the gold names one, title mostly the gold one). Then, on
the matched pairs:

- status: the gold roles whose status is not "current" (former, acting, elect …); recall is the share
  of them found with that status, precision the share of found non-current statuses on matched posts
  that the gold gives;
- start and end: a found date is right when it equals the gold one at the coarser of the two
  precisions ("2020-03" and "2020-03-03" agree); recall over every gold date (a post not found at all
  is a date missed), precision over the dates found on matched posts.

Dates found on posts the gold does not have are counted apart ("on unmatched posts"): the post itself
is the shared scorer's false positive.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_gold import ROOT, SHARED, gold_sets, load_scorer  # noqa: E402

TIME_Q = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?m ?status ?start ?end WHERE {
  ?m a org:Membership .
  OPTIONAL { ?m kg:postStatus ?status }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?start }
  OPTIONAL { ?m org:memberDuring/time:hasEnd/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?end }
}"""


@dataclass
class Count:
    right: int = 0
    found: int = 0  # found on matched posts
    gold: int = 0
    unmatched: int = 0  # found on posts the gold does not have

    def add(self, other: Count) -> None:
        self.right += other.right
        self.found += other.found
        self.gold += other.gold
        self.unmatched += other.unmatched

    def cell(self) -> str:
        p = f"{self.right / self.found:.2f}" if self.found else "—"
        r = f"{self.right / self.gold:.2f}" if self.gold else "—"
        return f"P {p} ({self.right}/{self.found})  R {r} ({self.right}/{self.gold})  +{self.unmatched}"


def same_date(found: str | None, gold: str | None) -> bool:
    if not found or not gold:
        return False
    n = min(len(found), len(gold))
    return found[:n] == gold[:n]


def score_article(sc: Any, doc: dict[str, Any], roles: list[tuple], names: dict[str, set[str]],
                  time: dict[str, tuple[str, str | None, str | None]], verbose: bool) -> dict[str, Count]:
    gold = doc["gold"]
    gactors = [a for a in gold.get("actors", []) if a["type"] != "Other"]
    by_name = {a["name"]: a for a in gold.get("actors", [])}
    return _score(sc, doc["id"], gold.get("roles", []), gactors, by_name, roles, names, time, verbose)


def _score(sc: Any, ident: str, groles: list[dict], gactors: list[dict], by_name: dict[str, dict],
           roles: list[tuple], names: dict[str, set[str]], time: dict[str, tuple[str, str | None, str | None]],
           verbose: bool) -> dict[str, Count]:
    ents = {iri for (_, p, o, _) in roles for iri in (p, o) if iri}
    found = {iri: sc.Entity(iri) for iri in ents}
    for iri, e in found.items():
        e.names = names.get(iri, set())
    g2e_names = {gactors[gi]["name"]: iri for gi, iri in sc.match_actors(gactors, found, typed=False).items()}

    def ok(name: str | None, iri: str | None) -> bool:
        return sc.resolves(name, by_name, g2e_names, iri, names)

    out = {k: Count() for k in ("status", "start", "end")}
    used: set[int] = set()
    matched_m: set[str] = set()
    for gr in groles:
        gstatus = gr.get("status") or "current"
        out["status"].gold += gstatus != "current"
        out["start"].gold += bool(gr.get("start_date"))
        out["end"].gold += bool(gr.get("end_date"))
        for k, (m, p, o, t) in enumerate(roles):
            if k in used or not ok(gr["holder"], p):
                continue
            if gr.get("organization_or_country") and not ok(gr["organization_or_country"], o):
                continue
            if t and max(sc.covered(t, gr["role"]), sc.covered(t, gr.get("role_normalized") or "")) < 0.5:
                continue
            used.add(k)
            matched_m.add(m)
            status, start, end = time.get(m, ("current", None, None))
            if status != "current":
                out["status"].found += 1
                out["status"].right += status == gstatus
            elif gstatus != "current":
                pass  # a missed status: counted in gold only
            for key, got, want in (("start", start, gr.get("start_date")), ("end", end, gr.get("end_date"))):
                if got:
                    out[key].found += 1
                    out[key].right += same_date(got, want)
            if verbose and (status != gstatus or start or end or gr.get("start_date") or gr.get("end_date")):
                print(f"{ident}: {gr['holder']} / {gr['role']}: gold {gstatus} {gr.get('start_date')} "
                      f"{gr.get('end_date')}; found {status} {start} {end}", file=sys.stderr)
            break
        else:
            if verbose and (gstatus != "current" or gr.get("start_date") or gr.get("end_date")):
                print(f"{ident}: {gr['holder']} / {gr['role']}: gold {gstatus} {gr.get('start_date')} "
                      f"{gr.get('end_date')}; post not found", file=sys.stderr)
    for m in {m for (m, _, _, _) in roles} - matched_m:
        status, start, end = time.get(m, ("current", None, None))
        out["status"].unmatched += status != "current"
        out["start"].unmatched += bool(start)
        out["end"].unmatched += bool(end)
    return out


def score(scorer: Any, gold_dir: Path, export: Path, keep: Iterable[str], verbose: bool = False) -> dict[str, Count]:
    docs = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    keep = set(keep)
    g = scorer.Graph(export)
    arts, _ents, roles, _agr, _meet, names = scorer.read_graph(g, set(docs))
    time: dict[str, tuple[str, str | None, str | None]] = {}
    for m, status, start, end in g.select(TIME_Q):
        time[m] = (status or "current", start, end)
    total = {k: Count() for k in ("status", "start", "end")}
    for ident, doc in docs.items():
        if ident not in keep:
            continue
        for k, c in score_article(scorer, doc, roles.get(ident, []), names, time, verbose).items():
            total[k].add(c)
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_extraction.py")
    ap.add_argument("--kg", default=str(ROOT / ".venv" / "bin" / "kg"))
    ap.add_argument("--export", type=Path, help="score this N-Quads export instead of ingesting")
    ap.add_argument("--verbose", action="store_true", help="list every gold or found status and date (stderr)")
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    sets = gold_sets(a.gold)
    with tempfile.TemporaryDirectory() as tmp:
        export = a.export or scorer.run_kg(a.kg, a.gold, Path(tmp))
        for name, keep in sets.items():
            c = score(scorer, a.gold, export, keep, a.verbose and name == "all")
            print(f"{name:<4} status {c['status'].cell()}")
            print(f"{'':<4} start  {c['start'].cell()}")
            print(f"{'':<4} end    {c['end'].cell()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
