"""Time the SHACL gate per article graph: the quick check, the Validator (quick check, pySHACL when unsure),
pySHACL alone, and (if importable) pyrudof's Rust engine with the shapes read once.

    .venv/bin/python bench/shacl_check.py [--repeat 20]

The graphs are those `kg ingest` validates (facts + the entities they reference) for samples/ and the
French and English test articles. pyrudof is not a dependency: put it on PYTHONPATH to include it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.config import Settings  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.ingest import read_articles  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.rdf.to_graph import to_graph  # noqa: E402
from kg.resources import shapes_path  # noqa: E402
from kg.validate import Validator  # noqa: E402


def article_graphs() -> list[tuple[Graph, Graph]]:
    items = read_articles([ROOT / "samples", ROOT / "tests" / "data" / "ingest" / "article-fr.txt",
                           ROOT / "tests" / "data" / "ingest" / "article-en.txt"], default_published=None)
    extractor = Extractor.load()
    out = []
    for a in items:
        if isinstance(a, Article):
            g = to_graph(extractor.extract(a), Settings().base_iri)
            out.append((g.facts, g.entities))
    return out


def per_graph(fn: Callable[[Graph, Graph], object], graphs: list[tuple[Graph, Graph]], repeat: int) -> float:
    """Median over `repeat` rounds of the mean milliseconds per graph."""
    for facts, entities in graphs:  # warm up
        fn(facts, entities)
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for facts, entities in graphs:
            fn(facts, entities)
        rounds.append((time.perf_counter() - start) * 1000 / len(graphs))
    return statistics.median(rounds)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    graphs = article_graphs()
    quick, full = Validator(), Validator(quick=False)
    assert quick._quick is not None
    core = quick._quick
    assert all(quick.validate(f, e).conforms for f, e in graphs)
    rows = [
        ("quick check alone (kg.shacl_core)", per_graph(lambda f, e: core.conforms([f, e]), graphs, args.repeat)),
        ("Validator (quick check, pySHACL when unsure)", per_graph(quick.validate, graphs, args.repeat)),
        ("pySHACL alone (shapes parsed once)", per_graph(full.validate, graphs, max(3, args.repeat // 4))),
    ]
    try:
        import pyrudof
    except ImportError:
        print("pyrudof: not importable, not measured", file=sys.stderr)
    else:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_shacl(str(shapes_path()))
        hierarchy = full._hierarchy.serialize(format="nt")

        def with_rudof(facts: Graph, entities: Graph) -> bool:
            rudof.reset_data()
            text = facts.serialize(format="nt") + entities.serialize(format="nt") + hierarchy
            rudof.read_data(text, format=pyrudof.RDFFormat.NTriples)
            return bool(rudof.validate_shacl().conforms)
        assert all(with_rudof(f, e) for f, e in graphs)
        rows.append(("pyrudof (shapes read once; N-Triples in)", per_graph(with_rudof, graphs, args.repeat)))
    print(f"{len(graphs)} article graphs, median of rounds, ms per graph")
    for name, ms in rows:
        print(f"| {name} | {ms:.2f} |")


if __name__ == "__main__":
    main()
