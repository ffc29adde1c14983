#!/usr/bin/env python3
"""Extraction scores on the annotated articles, by language, by half and by confidence band.

Ingests every gold article once with the project's `kg` (ingest + export, as
../shared/tools/score_extraction.py --kg does), then scores the one export with the shared
scorer on several subsets:

    all          every gold file
    fr / en      by language
    A / B        the two fixed halves of bench/gold_halves.tsv (develop on one, measure on the other)

and, with --bands, the precision of posts, agreements and meetings per kg:confidence band
(the facts of one band kept, the others removed, then scored), so that `--min-confidence`
is an informed choice.

    .venv/bin/python bench/score_gold.py [--gold ../shared/gold] [--kg .venv/bin/kg] [--bands] [--json]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HALVES = Path(__file__).resolve().parent / "gold_halves.tsv"
CATEGORIES = ("actors", "roles", "agreements", "meetings")
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))
FACT_CLASSES = {"roles": "http://www.w3.org/ns/org#Membership",
                "agreements": "https://w3id.org/newskg/ontology#Agreement",
                "meetings": "https://w3id.org/newskg/ontology#Meeting"}
CONFIDENCE = "https://w3id.org/newskg/ontology#confidence"


def load_scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_extraction"] = module
    spec.loader.exec_module(module)
    return module


def halves(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("id\t"):
            continue
        ident, half = line.split("\t")
        out[ident] = half
    return out


def gold_sets(gold: Path) -> dict[str, set[str]]:
    """The article ids of each scored set: all, French, English, and the fixed halves A and B."""
    split = halves(HALVES)
    docs = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in gold.glob("*.json")}
    return {
        "all": set(docs),
        "fr": {i for i, d in docs.items() if d.get("lang") == "fr"},
        "en": {i for i, d in docs.items() if d.get("lang") == "en"},
        "A": {i for i in docs if split.get(i) == "A"},
        "B": {i for i in docs if split.get(i) == "B"},
    }


def subset(gold: Path, work: Path, name: str, keep: set[str]) -> Path:
    folder = work / f"gold-{name}"
    folder.mkdir()
    for p in gold.glob("*.json"):
        if p.stem in keep:
            shutil.copy(p, folder / p.name)
    return folder


def figures(scorer: Any, gold: Path, export: Path) -> dict[str, Any]:
    import contextlib
    import io

    with contextlib.redirect_stderr(io.StringIO()):
        s = scorer.score(gold, export, False)
    out: dict[str, Any] = {k: {"p": s[k].p, "r": s[k].r, "f1": s[k].f1, "tp": s[k].tp, "fp": s[k].fp,
                               "fn": s[k].fn} for k in CATEGORIES}
    d = s["dates"]
    out["dates_acc"] = d.tp / (d.tp + d.fn + d.fp) if (d.tp + d.fn + d.fp) else 0.0
    out["dates_n"] = d.tp + d.fn + d.fp
    return out


def band_export(export: Path, work: Path, lo: float, hi: float, only: str | None = None) -> Path:
    """The export without the facts (posts, agreements, meetings; or only those of class `only`) whose
    confidence lies outside [lo, hi)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(export), format=ox.RdfFormat.N_QUADS)
    drop: set[Any] = set()
    conf = ox.NamedNode(CONFIDENCE)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for cls in FACT_CLASSES.values():
        if only is not None and cls != only:
            continue
        for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(cls), None):
            values = [float(c.object.value) for c in store.quads_for_pattern(q.subject, conf, None, None)]
            value = values[0] if values else 0.0
            if not lo <= value < hi:
                drop.add(q.subject)
    out = work / f"band-{lo}-{hi}-{(only or 'all').rsplit('#', 1)[-1].rsplit('/', 1)[-1]}.nq"
    with out.open("wb") as fh:
        kept = (q for q in store if q.subject not in drop)
        ox.serialize(kept, fh, ox.RdfFormat.N_QUADS)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_extraction.py")
    ap.add_argument("--kg", default=str(ROOT / ".venv" / "bin" / "kg"))
    ap.add_argument("--export", type=Path, help="score this N-Quads export instead of ingesting")
    ap.add_argument("--bands", action="store_true", help="precision per confidence band")
    ap.add_argument("--json", action="store_true", help="also print every figure as JSON")
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    sets = gold_sets(a.gold)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export = a.export or scorer.run_kg(a.kg, a.gold, work)
        print(f"{'set':<6}{'n':>4} " + "".join(f"{c:>24}" for c in CATEGORIES) + f"{'dates':>12}")
        print(f"{'':<11}" + "".join(f"{'P / R / F1':>24}" for _ in CATEGORIES) + f"{'acc (n)':>12}")
        for name, keep in sets.items():
            f = figures(scorer, subset(a.gold, work, name, keep), export)
            results[name] = f
            cells = "".join(f"{f[c]['p']:>8.3f}{f[c]['r']:>8.3f}{f[c]['f1']:>8.3f}" for c in CATEGORIES)
            print(f"{name:<6}{len(keep):>4} {cells}{f['dates_acc']:>7.3f} ({f['dates_n']})")
        if a.bands:
            print("\nprecision per kg:confidence band (all gold articles; tp / found)")
            print(f"{'band':<12}" + "".join(f"{c:>20}" for c in FACT_CLASSES))
            allgold = subset(a.gold, work, "bands", sets["all"])
            results["bands"] = {}
            for lo, hi in BANDS:
                f = figures(scorer, allgold, band_export(export, work, lo, hi))
                row = {c: (f[c]["tp"], f[c]["tp"] + f[c]["fp"]) for c in FACT_CLASSES}
                results["bands"][f"{lo}-{min(hi, 1.0)}"] = row
                cells = "".join(f"{(f'{tp / n:.2f} ({tp}/{n})' if n else '—'):>20}" for tp, n in row.values())
                print(f"[{lo:.2f}, {min(hi, 1.0):.2f}{')' if hi <= 1 else ']'}".ljust(12) + cells)
    if a.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
