#!/usr/bin/env python3
"""Full-page PNG screenshots of the web browser of a running `kg serve`, in headless Chromium.

Usage::

    kg serve --store store --port 8000 &
    python tools/screenshots.py --base-url http://127.0.0.1:8000 --out shots/

Writes home.png, entity.png (Nikolai Patrushev), entity-pictures.png (China's page) and
pictures.png (its timeline and network alone), map.png (meetings by country), post.png (the
President of China's post page, its holders over time from the tenures), article.png
(ttn-fr-34) and query.png (the query
editor after running its first cookbook query), 1280 px wide, full page.
The store should hold the bundled samples (`kg ingest samples --published 2022-09-20`).

Needs Playwright for Python (`pip install '.[test]'`) and Debian's Chromium
(`apt-get install chromium fonts-noto-cjk`); Playwright's own browser download is not used.
Exit status 1 if a page could not be loaded or the query gave no rows (the screenshots
that could be taken are still written).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

# As root on a closed network: no sandbox, no GPU, no calls home (as tests/test_browser.py).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
TIMEOUT_MS = 15_000
QUERY_TIMEOUT_MS = 30_000
YASR_ROWS = ".yasr table.dataTable tbody tr:not(:has(td.dataTables_empty))"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base-url", required=True, help="address of `kg serve`, e.g. http://127.0.0.1:8000")
    ap.add_argument("--out", required=True, type=Path, help="folder for the PNG files (created if missing)")
    ap.add_argument("--post", default="/id/post/state/china/president", help="post page to shoot [%(default)s]")
    ap.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable [%(default)s]")
    ap.add_argument("--width", type=int, default=1280, help="viewport width in pixels [%(default)s]")
    ap.add_argument("--entity", default="/id/person/nikolai-patrushev", help="path of the entity page")
    ap.add_argument("--article", default="/id/article/ttn-fr-34", help="path of the article page")
    ap.add_argument("--pictures", default="/id/state/china",
                    help="path of an entity page whose timeline and network are shot on their own")
    args = ap.parse_args(argv)

    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("screenshots: Playwright for Python is missing (pip install playwright)", file=sys.stderr)
        return 2
    if not Path(args.chromium).exists():
        print(f"screenshots: {args.chromium} not found (apt-get install chromium fonts-noto-cjk)",
              file=sys.stderr)
        return 2

    base = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True,
                                     timeout=30_000)
        try:
            context = browser.new_context(viewport={"width": args.width, "height": 900},
                                          device_scale_factor=1, locale="fr-FR")
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()

            def shoot(name: str, path: str, then: object = None) -> None:
                target = args.out / f"{name}.png"
                try:
                    response = page.goto(base + path, wait_until="load")
                    if response is None or not response.ok:
                        failures.append(f"{name}: GET {path} -> {response and response.status}")
                    if callable(then):
                        then()
                except PlaywrightError as e:
                    failures.append(f"{name}: {str(e).splitlines()[0]}")
                try:
                    page.evaluate("() => document.fonts.ready.then(() => true)")
                    page.screenshot(path=str(target), full_page=True, animations="disabled")
                    print(f"screenshots: wrote {target}")
                except PlaywrightError as e:
                    failures.append(f"{name}: screenshot failed: {str(e).splitlines()[0]}")

            def only_pictures() -> None:
                section = page.locator("#pictures")
                section.wait_for(state="visible")
                section.screenshot(path=str(args.out / "pictures.png"), animations="disabled")
                print(f"screenshots: wrote {args.out / 'pictures.png'}")

            def run_cookbook_query() -> None:
                page.locator("#cookbook .cookbook-query[data-query-id]").first.click()
                page.locator(YASR_ROWS).first.wait_for(state="visible", timeout=QUERY_TIMEOUT_MS)
                page.evaluate("() => window.scrollTo(0, 0)")

            shoot("home", "/")
            shoot("entity", args.entity)
            shoot("entity-pictures", args.pictures, only_pictures)
            shoot("map", "/map")
            shoot("post", args.post)
            shoot("article", args.article)
            shoot("query", "/query", run_cookbook_query)
        finally:
            browser.close()

    for f in failures:
        print(f"screenshots: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
