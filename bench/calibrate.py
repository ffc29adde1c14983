#!/usr/bin/env python3
"""Calibrate kg:confidence on the annotated articles and write kg/extract/calibration.tsv.

Extracts every gold article with raw (uncalibrated) scores, writes the graphs to one N-Quads
file, and for each kind of fact (post, agreement, meeting) and each raw score the engine gives,
scores only the facts with that score with ../shared/tools/score_extraction.py: the share the
annotators confirm is that score's precision. The table holds it smoothed toward the kind's
overall precision ((tp + 2 * p_kind) / (found + 2)), so a score seen on few facts does not jump
to 0 or 1.

    .venv/bin/python bench/calibrate.py [--write] [--half A|B]

Without --write it only prints the table. --half calibrates on one half of bench/gold_halves.tsv
(to check how the table carries over to the other).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_gold import FACT_CLASSES, band_export, figures, halves, load_scorer  # noqa: E402

KIND_OF = {"roles": "post", "agreements": "agreement", "meetings": "meeting"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "tools" / "score_extraction.py")
    ap.add_argument("--half", choices=("A", "B"))
    ap.add_argument("--write", action="store_true", help="write kg/extract/calibration.tsv")
    a = ap.parse_args()
    import pyoxigraph as ox

    from kg.config import Settings
    from kg.extract import Extractor
    from kg.extract.calibration import TABLE, Calibration
    from kg.extract.gazetteer import Gazetteer
    from kg.model import Article
    from kg.rdf.to_graph import to_graph

    scorer = load_scorer(a.scorer)
    split = halves(Path(__file__).resolve().parent / "gold_halves.tsv")
    ex = Extractor(Gazetteer.load(), Calibration({}))  # raw scores
    raws: dict[str, set[float]] = {k: set() for k in KIND_OF.values()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        gold = work / "gold"
        gold.mkdir()
        export = work / "raw.nq"
        quads = []
        for p in sorted(a.gold.glob("*.json")):
            if a.half and split.get(p.stem) != a.half:
                continue
            shutil.copy(p, gold / p.name)
            d = json.loads(p.read_text(encoding="utf-8"))
            pub, precision = None, "day"
            if d.get("published"):
                parts = d["published"].split("-")
                pub = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
                precision = {1: "year", 2: "month"}.get(len(parts), "day")
            x = ex.extract(Article(d["id"], d["title"], d["text"], d["lang"], pub, d.get("url"),
                                   published_precision=precision))  # type: ignore[arg-type]
            raws["post"].update(round(q.confidence, 2) for q in x.posts)
            raws["agreement"].update(round(q.confidence, 2) for q in x.agreements)
            raws["meeting"].update(round(q.confidence, 2) for q in x.meetings)
            g = to_graph(x, Settings().base_iri)
            graph = ox.NamedNode(g.graph_iri)
            for t in g.facts:
                quads.append(ox.Quad(*(_ox(ox, n) for n in t), graph))
            for t in g.entities:
                quads.append(ox.Quad(*(_ox(ox, n) for n in t), ox.DefaultGraph()))
        with export.open("wb") as fh:
            ox.serialize(quads, fh, ox.RdfFormat.N_QUADS)
        overall = figures(scorer, gold, export)
        rows = []
        for category, kind in KIND_OF.items():
            tp, fp = overall[category]["tp"], overall[category]["fp"]
            p_kind = tp / (tp + fp) if tp + fp else 0.5
            for raw in sorted(raws[kind]):
                f = figures(scorer, gold, band_export(export, work, raw - 0.005, raw + 0.005, only=FACT_CLASSES[category]))
                t, n = f[category]["tp"], f[category]["tp"] + f[category]["fp"]
                rows.append((kind, raw, round((t + 2 * p_kind) / (n + 2), 2), t, n))
    print(f"{'kind':<10}{'raw':>6}{'calibrated':>12}{'tp':>5}{'found':>7}")
    for kind, raw, cal, t, n in rows:
        print(f"{kind:<10}{raw:>6.2f}{cal:>12.2f}{t:>5}{n:>7}")
    if a.write:
        lines = ["# kg:confidence calibration, written by bench/calibrate.py from the annotated articles: the",
                 "# precision measured for each kind of fact and raw score (smoothed), and the counts behind it.",
                 "kind\traw\tcalibrated\ttp\tfound"]
        lines += [f"{k}\t{r:.2f}\t{c:.2f}\t{t}\t{n}" for k, r, c, t, n in rows]
        TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


def _ox(ox: object, term: object) -> object:
    """An rdflib term as a pyoxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))  # type: ignore[attr-defined]
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))  # type: ignore[attr-defined]
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)  # type: ignore[attr-defined]
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))  # type: ignore[attr-defined]
        return ox.Literal(str(term))  # type: ignore[attr-defined]
    raise TypeError(term)


if __name__ == "__main__":
    sys.exit(main())
