#!/usr/bin/env python3
"""Name recognition at scale: the extractor's mentions against WiNER-fr's annotations.

WiNER-fr (../shared/corpora/winer-fr, 1,149 French Wikinews articles; texts CC BY 2.5 ©
Wikinews contributors, annotations CC BY 4.0 Yoann Dupont) marks Person, Organization and
Location spans. This script extracts each article with the project's extractor (the text
exactly as the .txt file holds it, so offsets line up) and compares spans exactly:

- gold: every Person / Organization / Location span. A span nested inside another gold span of
  those types ("Valence" in "Grande Mosquée de Valence") is optional: finding it is no error,
  missing it is no miss.
- found: every mention whose text starts with a capital letter or a digit, and every lower-case
  mention of a named organisation ("ministère de l'Intérieur", "armée syrienne", "hôpital de
  Nice": WiNER marks these). Other lower-case mentions (demonyms such as "russe", descriptions
  such as "le dirigeant russe", groups and members of bodies named by a common noun: "les
  rebelles", "les dirigeants de l'UE") are outside WiNER's scope. The first version of this
  scorer left lower-case organisations out too; `--capitals` scores that way.
- types: Person = Person, Organization = Organization, Place = Location, and a State matches a
  Location or an Organization span.

Prints precision, recall and F1 overall and per type, with the untyped figures (span only), and
the extraction time per article. `--bare` scores spaCy's own NER (fr_core_news_md, PER / ORG /
LOC, MISC left out) on the same articles, side by side.

    .venv/bin/python bench/score_winer.py [--n 300] [--seed 1] [--bare] [--errors 20] [--capitals]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "winer-fr" / "docs"
GOLD_TYPES = {"Person": "Person", "Organization": "Organization", "Location": "Location"}
MATCHES = {"Person": {"Person"}, "Organization": {"Organization"}, "Place": {"Location"},
           "State": {"Location", "Organization"}}
BARE = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name:<14}{p:>8.3f}{r:>8.3f}{f:>8.3f}{self.tp:>7}{self.fp:>7}{self.fn:>7}"


@dataclass
class Result:
    typed: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in ("all", *GOLD_TYPES)})
    untyped: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)


def read_gold(ann: Path) -> list[tuple[int, int, str, str]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, text = line.split("\t", 2)
        kind, rest = info.split(" ", 1)
        if kind not in GOLD_TYPES or ";" in rest:
            continue
        start, end = (int(x) for x in rest.split())
        spans.append((start, end, kind, text))
    return spans


def compare(key: str, gold: list[tuple[int, int, str, str]], found: list[tuple[int, int, str, str]],
            res: Result) -> None:
    nested = {g for g in gold if any(o is not g and o[0] <= g[0] and g[1] <= o[1] and (o[0], o[1]) != (g[0], g[1])
                                      for o in gold)}
    by_span: dict[tuple[int, int], set[str]] = {}
    for s, e, kind, _ in gold:
        by_span.setdefault((s, e), set()).add(kind)
    optional = {(g[0], g[1]) for g in nested} - {(g[0], g[1]) for g in gold if g not in nested}
    seen_found: set[tuple[int, int]] = set()
    for s, e, kind, text in found:
        if (s, e) in seen_found:
            continue
        seen_found.add((s, e))
        kinds = by_span.get((s, e))
        if kinds is None:
            res.untyped.fp += 1
            res.typed["all"].fp += 1
            bucket = "Location" if kind in ("Place", "State") else kind
            res.typed[bucket].fp += 1
            res.errors.append(f"FP {key} {kind:<12} {text!r}")
            continue
        res.untyped.tp += (s, e) not in optional
        ok = kinds & MATCHES[kind]
        if ok:
            if (s, e) not in optional:
                res.typed["all"].tp += 1
                res.typed[next(iter(ok))].tp += 1
        else:
            res.typed["all"].fp += 1
            bucket = "Location" if kind in ("Place", "State") else kind
            res.typed[bucket].fp += 1
            if (s, e) not in optional:
                res.typed["all"].fn += 1
                res.typed[next(iter(kinds))].fn += 1
            res.errors.append(f"TYPE {key} {kind:<12} {text!r} (gold {'/'.join(sorted(kinds))})")
    for s, e, kind, text in gold:
        if (s, e) in optional or (s, e) in seen_found:
            continue
        res.untyped.fn += 1
        res.typed["all"].fn += 1
        res.typed[kind].fn += 1
        res.errors.append(f"FN {key} {kind:<12} {text!r}")


def in_scope(text: str, key: str, kind: str, capitals: bool = False) -> bool:
    """Whether a found mention is the kind of span WiNER marks (see the module docstring)."""
    if text[:1].isupper() or text[:1].isdigit():
        return True
    return not capitals and kind == "Organization" and not key.startswith("group/") and not key.endswith("/members")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles to score (0: all 1,149)")
    ap.add_argument("--seed", type=int, default=1, help="which articles (a seeded sample)")
    ap.add_argument("--bare", action="store_true", help="also score fr_core_news_md's own NER")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    ap.add_argument("--capitals", action="store_true",
                    help="score only mentions that start with a capital or a digit (as the first version of this scorer did)")
    a = ap.parse_args()
    import datetime as dt

    from kg.extract import Extractor
    from kg.model import Article

    keys = sorted(p.stem for p in CORPUS.glob("*.txt"))
    if a.n:
        keys = sorted(random.Random(a.seed).sample(keys, min(a.n, len(keys))))
    extractor = Extractor.load()
    mine, bare = Result(), Result()
    nlp = extractor.pipeline("fr").nlp if a.bare else None
    elapsed = 0.0
    for key in keys:
        text = (CORPUS / f"{key}.txt").read_text(encoding="utf-8")
        gold = read_gold(CORPUS / f"{key}.ann")
        title = text.split("\n", 1)[0]
        y, m, d = (int(x) for x in key.split("-")[0].split("_"))
        t0 = time.perf_counter()
        ex = extractor.extract(Article(key, title, text, "fr", dt.date(y, m, d)))
        elapsed += time.perf_counter() - t0
        found = [(mn.start, mn.end, ex.entities[mn.entity].kind, mn.text) for mn in ex.mentions
                 if in_scope(mn.text, mn.entity, ex.entities[mn.entity].kind, a.capitals)]
        compare(key, gold, found, mine)
        if nlp is not None:
            from kg.extract.nlp import parse

            spans = [(p.offset + ent.start_char, p.offset + ent.end_char, BARE[ent.label_], ent.text)
                     for p in parse(nlp, text) for ent in p.doc.ents if ent.label_ in BARE]
            compare(key, gold, spans, bare)
    print(f"{len(keys)} WiNER-fr articles (seed {a.seed}); extraction {1000 * elapsed / len(keys):.1f} ms per article")
    header = f"{'':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"
    for name, res in (("kg", mine), ("fr_core_news_md", bare)) if a.bare else (("kg", mine),):
        print(f"\n{name}\n{header}")
        for k, t in res.typed.items():
            print(t.line(k))
        print(res.untyped.line("untyped"))
    if a.errors:
        kinds = Counter(e.split()[0] for e in mine.errors)
        print(f"\nerrors: {dict(kinds)}")
        for kind in ("FP", "TYPE", "FN"):
            for e in [e for e in mine.errors if e.startswith(kind)][:a.errors]:
                print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
