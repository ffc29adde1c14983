#!/usr/bin/env python3
"""Speed of two small pieces that every ingest pays, side by side in one run.

    .venv/bin/python bench/component_speed.py [--rounds 20]

- date finding (kg.extract.dates.find_dates) on a 3 KB French and a 3 KB English article made of
  invented sentences with dates of every kind the finder reads (full dates, months, weekdays,
  years, spans, numbers that are not dates), best and median of --rounds calls;
- loading the gazetteer (kg.gazetteer.Gazetteer.load), best and median of --rounds // 4 loads.

Prints wall and CPU time of the process and the load average before and after; the budgets the
tests used to assert (2 ms per 3 KB article, 2 s per gazetteer load) are printed beside them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.dates import find_dates  # noqa: E402
from kg.extract.gazetteer import Gazetteer  # noqa: E402

FR = (
    "Les deux ministres se sont vus mardi à Lisbonne, trois semaines après le 12 janvier 2019. "
    "Un nouvel entretien est prévu début mars, puis en avril 2020, du 4 au 6 mai. "
    "Le texte adopté le 1er juillet remplace celui de 2017 ; 1 500 agents y travailleront. "
)
EN = (
    "The two envoys met on Tuesday in Oslo, three weeks after January 12, 2019. "
    "Another round is planned for early March, then in April 2020, from May 4 to 6. "
    "The text adopted on July 1 replaces the 2017 one; 1,500 staff will work on it. "
)
PUBLISHED = dt.date(2019, 2, 2)


def three_kb(sentences: str) -> str:
    return (sentences * (3000 // len(sentences) + 1))[:3000]


def timings(fn: Callable[[], object], rounds: int) -> tuple[float, float, float]:
    """Best and median wall seconds, median CPU seconds of `rounds` calls (after one warm-up)."""
    fn()
    wall, cpu = [], []
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return min(wall), statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="calls per figure (default 20)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'piece':34} {'best ms':>9} {'median ms':>10} {'CPU ms':>8} {'budget ms':>10}")
    rows = [
        ("find_dates, 3 KB French", lambda: find_dates(three_kb(FR), PUBLISHED, "fr"), args.rounds, 2.0),
        ("find_dates, 3 KB English", lambda: find_dates(three_kb(EN), PUBLISHED, "en"), args.rounds, 2.0),
        ("Gazetteer.load", Gazetteer.load, max(1, args.rounds // 4), 2000.0),
    ]
    for name, fn, rounds, budget in rows:
        best, median, cpu = timings(fn, rounds)
        print(f"{name:34} {best * 1e3:9.2f} {median * 1e3:10.2f} {cpu * 1e3:8.2f} {budget:10.0f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
