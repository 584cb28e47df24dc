"""Regenerate the screenshots shown on the About page: `python tests/make_screenshots.py`.

Builds the site, serves it on loopback and photographs one page of each type in the light and the
dark palette with Debian's Chromium. Not a test: a tool for the docs.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus_site.devtools.cli import main  # noqa: E402

from browser import launch, serve  # noqa: E402

OUT = HERE.parent / "docs" / "assets" / "screenshots"
PAGES = {
    "home": "",
    "claim": "claims/iran-funding-of-hamas-amount/",
    "source-reader": "sources/portal/#L4",
    "contested": "contested/",
    "agreement-matrix": "agreement/",
    "actor": "actors/hezbollah/",
    "graph": "graph/#drawing",
    "timeline": "events/",
    "event": "events/khamenei-haniyeh-meeting-2023-11/",
    "relation": "relations/iran-funds-hamas/",
    "tag": "tags/funding/",
}
#: Pages also photographed at a phone's width (390 x 844), in the light palette.
PHONE_PAGES = {"agreement-matrix": "agreement/", "source-reader": "sources/portal/"}


def run() -> None:
    site = Path(tempfile.mkdtemp()) / "site"
    if main(["build", "--site-dir", str(site)]) != 0:
        raise SystemExit("build failed")
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
            for name, path in PAGES.items():
                page = context.new_page()
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}-{scheme}.png"))
                page.close()
            context.close()
        context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
        for name, path in PHONE_PAGES.items():
            page = context.new_page()
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}-phone.png"))
            page.close()
        context.close()
        browser.close()
    print(f"wrote {len(PAGES) * 2 + len(PHONE_PAGES)} screenshots to {OUT}")


if __name__ == "__main__":
    run()
