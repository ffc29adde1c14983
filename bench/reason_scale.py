#!/usr/bin/env python3
"""`kg reason` at scale: synthetic stores of N articles shaped like real output, reasoned over.

Each synthetic article goes through the real `to_graph` (no spaCy): ~10 entities drawn from a
skewed pool (people, organisations, states, places), ~40 mentions, 2 posts, 1 agreement and 1
meeting, a 3 kB text — the shape of the sample articles' graphs. Prints, per size, the quads in
the store and the seconds of each phase of `kg.reason.reason` (read, closure, clash checks,
HermiT on modules, write), the triples inferred, and, with --owlrl, owlrl's closure of the same
object-level facts for comparison; --gate times the `kg ingest --reason` check per article.

    .venv/bin/python bench/reason_scale.py [--sizes 1000 10000] [--owlrl 1000] [--gate 20]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import Agreement, Article, Entity, Extraction, Meeting, Mention, PostHolding  # noqa: E402
from kg.pipeline import install_ontology, nt  # noqa: E402
from kg.rdf import iris  # noqa: E402
from kg.rdf.to_graph import to_graph  # noqa: E402
from kg.reason import Gate, Rules, load_ontology, read_facts, reason  # noqa: E402
from kg.store import open_store  # noqa: E402

BASE = "https://w3id.org/newskg/"
POOL = {"Person": 3000, "Organization": 800, "State": 190, "Place": 600}
SLUG = {"Person": "person", "Organization": "org", "State": "state", "Place": "place"}
TEXT = ("La Russie et la Chine ont convenu d'intensifier leur coopération en matière de sécurité. " * 40)[:3000]


def pick(rng: random.Random, kind: str, n: int) -> list[str]:
    """n distinct entity keys of a kind, skewed towards the first ones (a few actors are everywhere)."""
    out: set[str] = set()
    while len(out) < n:
        out.add(f"{SLUG[kind]}/{kind.lower()}-{int(rng.paretovariate(1.1)) % POOL[kind]}")
    return sorted(out)


def extraction(i: int, rng: random.Random) -> Extraction:
    art = Article(f"syn-{i:06d}", f"Article synthétique {i}", TEXT, "fr", dt.date(2022, 9, 20), None, f"syn-{i}.txt")
    keys = {k: pick(rng, k, n) for k, n in (("Person", 4), ("Organization", 2), ("State", 3), ("Place", 1))}
    ents = {key: Entity(key, kind, key.split("/")[1].title(), "fr", {key.split("/")[1]})  # type: ignore[arg-type]
            for kind, ks in keys.items() for key in ks}
    everyone = sorted(ents)
    mentions = [Mention(j * 60, j * 60 + 8, "Quelqu'un", everyone[j % len(everyone)], j // 3) for j in range(40)]
    p, o, s = keys["Person"], keys["Organization"], keys["State"]
    posts = [PostHolding(p[0], "ministre", "fr", s[0], "X, ministre.", 1),
             PostHolding(p[1], "secrétaire", "fr", o[0], "Y, secrétaire.", 2)]
    agreements = [Agreement([s[0], s[1]], "ont convenu", "Ils ont convenu.", 3, label="de coopérer")]
    meetings = [Meeting([p[0], p[2], p[3]], "ont rencontré", ["Ils se sont rencontrés."], 4, place=keys["Place"][0])]
    return Extraction(art, "fr", entities=ents, mentions=mentions, posts=posts, agreements=agreements,
                      meetings=meetings)


def build(store_dir: str, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    with open_store(store_dir) as store:
        install_ontology(store)
        batch: list[tuple[str, str]] = []
        entities: list[tuple[str, str]] = []
        for i in range(n):
            g = to_graph(extraction(i, rng), BASE)
            batch.append((g.graph_iri, nt(g.facts)))
            entities.append((iris.entities_graph(BASE), nt(g.entities)))
            if len(batch) == 200 or i == n - 1:
                store.replace_graphs(batch, additions=entities)
                batch, entities = [], []
        return len(store)


def owlrl_closure(store_dir: str) -> tuple[float, int]:
    import owlrl
    from rdflib import Graph

    with open_store(store_dir, read_only=True) as store:
        facts = read_facts(store, BASE)
    g = Graph()
    g += load_ontology()
    data = "".join(f"{s} {p} {o} .\n" for ts in (*facts.units.values(), *facts.entities.values()) for s, p, o in ts)
    g.parse(data=data, format="nt")
    before = len(g)
    t = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return time.perf_counter() - t, len(g) - before


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--owlrl", type=int, nargs="*", default=[], help="sizes at which to also time owlrl")
    ap.add_argument("--gate", type=int, default=0, help="articles to time through the ingest gate")
    ap.add_argument("--no-hermit", action="store_true")
    args = ap.parse_args()
    print(f"{len(Rules(load_ontology()).updates)} compiled rules")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="kg-reason-bench-") as tmp:
            store_dir = str(Path(tmp) / "store")
            t = time.perf_counter()
            quads = build(store_dir, n)
            print(f"\n{n} articles: {quads} quads, built in {time.perf_counter() - t:.1f} s")
            with open_store(store_dir) as store:
                t = time.perf_counter()
                out = reason(store, BASE, hermit=not args.no_hermit)
                total = time.perf_counter() - t
            phases = ", ".join(f"{k} {v:.1f}" for k, v in out.seconds.items())
            print(f"  kg reason: {total:.1f} s ({phases}); {out.inferred} triples inferred; "
                  f"{out.hermit_runs} HermiT runs; {len(out.clashes)} clashes; ok={out.ok}")
            if n in args.owlrl:
                secs, added = owlrl_closure(store_dir)
                print(f"  owlrl OWL-RL closure of the same facts: {secs:.1f} s, {added} triples added")
            if args.gate:
                rng = random.Random(99)
                gate = Gate()
                with open_store(store_dir) as store:
                    t = time.perf_counter()
                    for i in range(args.gate):
                        g = to_graph(extraction(n + i, rng), BASE)
                        assert gate.check(store, BASE, g.facts, g.entities) is None
                    per = (time.perf_counter() - t) / args.gate
                print(f"  ingest gate (--reason): {per * 1000:.0f} ms per article")


if __name__ == "__main__":
    main()
