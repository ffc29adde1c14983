#!/usr/bin/env python3
"""What an uncached page costs in process, for two or more checkouts of kg side by side.

    .venv/bin/python bench/page_versions.py --store DIR --trees OLD_CHECKOUT . [--pages /id/… …]
                                            [--requests 300] [--runs 3]

Each run starts one Python process per tree (in turn, so that all see the same moments of a
shared machine), which builds the app of that tree over the same store (response cache off) and
asks each page `--requests` times after 30 warm-up requests, every request with a new query
string (rendered every time, never from the cache). Prints the median over runs of each tree's
mean ms per page, the ratio of each tree to the first, and the load average before and after.
Make an older checkout with `git worktree add /some/dir REV`.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _scale import load_average  # noqa: E402

PAGES = ["/id/person/nikolai-patrushev", "/id/state/russia", "/id/org/conseil-de-securite-nationale-russe"]

CHILD = r"""
import json, sys, time
tree, store, requests = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
from kg.config import Settings
from kg.web import create_app
app = create_app(Settings(store=store, cache_size=0))
client = app.test_client()
out = {}
for page in sys.argv[4:]:
    for i in range(30):
        client.get(f"{page}?v=w{i}")
    status = client.get(f"{page}?v=s").status_code
    start = time.perf_counter()
    for i in range(requests):
        client.get(f"{page}?v=x{i}")
    out[page] = [(time.perf_counter() - start) / requests * 1000, status]
app.extensions["kg"].close()
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True, help="a store directory (read only)")
    ap.add_argument("--trees", nargs="+", required=True, help="checkouts of kg to compare (the first is the base)")
    ap.add_argument("--pages", nargs="+", default=PAGES, help="page paths (default: three actors of the samples)")
    ap.add_argument("--requests", type=int, default=300, help="requests per page and run (default 300)")
    ap.add_argument("--runs", type=int, default=3, help="runs, each tree once per run (default 3)")
    args = ap.parse_args()
    trees = [str(Path(t).resolve()) for t in args.trees]
    for tree in trees:
        if not (Path(tree) / "kg" / "web").is_dir():
            sys.exit(f"page_versions: {tree}: not a checkout of kg")
    before = load_average()
    results: dict[str, list[dict[str, list[float]]]] = {t: [] for t in trees}
    for _ in range(args.runs):
        for tree in trees:
            done = subprocess.run([sys.executable, "-c", CHILD, tree, args.store, str(args.requests), *args.pages],
                                  capture_output=True, text=True, cwd="/")
            if done.returncode != 0:
                tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
                sys.exit(f"page_versions: {tree}: {tail[0]}")
            results[tree].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"store {args.store}; {args.requests} requests per page, {args.runs} runs; "
          f"load average {before} before, {load_average()} after")
    print("| page | " + " | ".join(f"tree {i + 1} ms" for i in range(len(trees))) + " | ratios to tree 1 |")
    print("|---|" + "---:|" * (len(trees) + 1))
    for page in args.pages:
        medians = [statistics.median(run[page][0] for run in results[t]) for t in trees]
        status = {int(run[page][1]) for t in trees for run in results[t]}
        ratios = ", ".join(f"{m / medians[0]:.2f}" for m in medians[1:])
        print(f"| {page} (HTTP {'/'.join(map(str, sorted(status)))}) | "
              + " | ".join(f"{m:.2f}" for m in medians) + f" | {ratios} |")
    for i, tree in enumerate(trees):
        print(f"tree {i + 1}: {Path(tree).name}")


if __name__ == "__main__":
    main()
