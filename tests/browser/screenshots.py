"""Screenshots of built pages at phone and desktop widths, for looking at the design.

Usage: .venv/bin/python tests/browser/screenshots.py OUTPUT_DIR PAGE.html [PAGE.html ...]
Writes <name>-375.png and <name>-1280.png (full page) per page into OUTPUT_DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def shoot(out: Path, pages: list[Path]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in (375, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for path in pages:
                page.goto(path.resolve().as_uri())
                name = "-".join(path.resolve().parts[-3:]).replace(".html", "")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
        browser.close()
    return written


if __name__ == "__main__":
    for shot in shoot(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]):
        print(shot)
