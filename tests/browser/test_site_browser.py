"""The built sites in headless Chromium: from file:// and from a local web server.

Every page of one portal and of the internal site is loaded: no request may leave the
tree, the console stays free of errors (CSP violations included), nothing scrolls
sideways at 375 px, sortable tables sort, and axe-core finds no serious or critical
accessibility violation.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_build import demo_site, tree_files  # noqa: F401

pytestmark = pytest.mark.browser

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
AXE = Path(__file__).resolve().parent / "node_modules/axe-core/axe.min.js"
TREES = ["internal", "portals/hafenbahn"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def server(demo_site: Path) -> Iterator[str]:  # noqa: F811
    """The whole output folder over HTTP, so each tree sits under a sub-path."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(demo_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def pages_of(root: Path, tree: str) -> list[Path]:
    return [p for p in tree_files(root / tree) if p.suffix == ".html"]


def open_page(page: Any, url: str, path: Path) -> None:
    """Open `url` (the file `path`) and, when the page sends the reader on at once (a
    one-project portal's index has a meta refresh), wait until the reader has landed, so
    that nothing is evaluated on a page that is going away."""
    page.goto(url, wait_until="load")
    if '<meta http-equiv="refresh"' in path.read_text(encoding="utf-8"):
        page.wait_for_url(lambda landed: landed != url, wait_until="load")


def visit_all(browser: object, base: str, root: Path, tree: str) -> list[str]:
    """Load every page of `tree`; return every problem seen."""
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 375, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    prefix = base + tree + "/"
    current = {"url": ""}
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(prefix)
            else problems.append(f"{current['url']}: request outside the tree: {request.url}")
        ),
    )
    page.on(
        "console",
        lambda message: (
            problems.append(f"{current['url']}: console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{current['url']}: {error}"))
    for path in pages_of(root, tree):
        url = base + path.relative_to(root).as_posix()
        current["url"] = url
        open_page(page, url, path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{url}: scrolls sideways by {overflow}px at 375px")
    context.close()
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES)
def test_every_page_from_file_url(browser: object, demo_site: Path, tree: str) -> None:  # noqa: F811
    assert visit_all(browser, demo_site.as_uri() + "/", demo_site, tree) == []


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES)
def test_every_page_from_a_web_server_sub_path(
    browser: object,
    server: str,
    demo_site: Path,  # noqa: F811
    tree: str,
) -> None:
    assert visit_all(browser, server, demo_site, tree) == []


def test_stylesheet_and_script_load_under_csp(browser: object, server: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "portals/hafenbahn/hafenbahn-carrier-portal/index.html")
    # The theme applied (brand colour on the top bar) despite the strict CSP.
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.topbar')).backgroundColor"
    )
    assert background == "rgb(31, 58, 95)"
    context.close()


def test_portfolio_table_sorts(browser: object, server: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "internal/index.html")
    table = page.locator("table.portfolio")
    header = table.locator("thead th", has_text="SPI")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in table.locator("tbody td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]  # fmt: skip
    assert values == sorted(values)
    header.locator("button").click()
    values = [float(v) for v in table.locator("tbody td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]  # fmt: skip
    assert values == sorted(values, reverse=True)
    context.close()


def test_portfolio_table_fits_a_desktop_screen(browser: object, server: str) -> None:
    """At 1280 px every column of the portfolio, the last included, is on screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server + "internal/index.html")
    frame = page.locator(".table-wrap", has=page.locator("table.portfolio"))
    scroll, client = frame.evaluate("f => [f.scrollWidth, f.clientWidth]")
    assert scroll <= client, f"the portfolio table scrolls by {scroll - client}px at 1280px"
    last = page.locator("table.portfolio thead th").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= 1280
    context.close()


def axe_violations(browser: object, url: str) -> list[str]:
    # axe is injected by the test, so this context bypasses the page's CSP.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    context.close()
    return [
        f"{url}: {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "page",
    [
        "internal/index.html",
        "internal/hafenbahn-carrier-portal/index.html",
        "internal/lichthof-website/retrospective.html",
        "portals/jinghua/jinghua-website/retrospective.html",
        "portals/hafenbahn/index.html",
        "portals/hafenbahn/hafenbahn-carrier-portal/index.html",
        "portals/hafenbahn/hafenbahn-carrier-portal/updates/2026-11-20.html",
        "portals/jinghua/jinghua-website/index.html",
    ],
)
def test_axe_finds_no_serious_violation(browser: object, server: str, page: str) -> None:
    assert AXE.is_file(), "run scripts/setup.sh test (npm ci --prefix tests/browser)"
    assert axe_violations(browser, server + page) == []
