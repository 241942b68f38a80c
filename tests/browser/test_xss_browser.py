"""The XSS-laden workspace's sites in headless Chromium, from file:// and from a web server.

Every page of the client portal and of the internal site is opened; the test listens for
dialogs, reads the `window.__xss` flag several payloads would set, logs every request and
every Content-Security-Policy violation, and hovers, focuses and toggles every element so
that event-handler payloads get their chance. A CSP violation is tolerated only when the
browser blocked a payload (its sample or URL is one of ours); anything else fails.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_site_browser import ARGS, CHROMIUM, open_page, pages_of
from tests.site_build import build_sites
from tests.xss_workspace import XSS_URL, write_workspace

pytestmark = pytest.mark.browser

AS_OF_TEXT = "2026-11-20"
TREES = ["portals/acme", "internal"]

# Installed before any page script: records CSP violations and dialogs the page might open.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({directive: e.effectiveDirective, blocked: e.blockedURI,
                            sample: e.sample, disposition: e.disposition});
});
"""

# Gives every handler-based payload its trigger: hover, focus, toggle, load and error.
POKE = """
() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error']) {
      el.dispatchEvent(new Event(type));
    }
  }
  return window.__xss === undefined ? null : String(window.__xss);
}
"""

PAYLOAD_MARKS = ("xss.example",)


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_workspace(tmp_path_factory.mktemp("xss-browser") / "ws")
    target = root / "output"
    build_sites(root, target, dt.date.fromisoformat(AS_OF_TEXT))
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def server(xss_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(xss_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _is_payload(violation: dict[str, str]) -> bool:
    """An inline script, handler or style (the pages have none of their own), or a payload URL.

    The policy has no 'report-sample', so an inline block carries no sample to match.
    """
    if violation.get("blocked") in ("inline", "eval"):
        return True
    text = f"{violation.get('sample', '')} {violation.get('blocked', '')}"
    return any(mark in text for mark in PAYLOAD_MARKS)


def visit(browser: Any, base: str, root: Path, tree: str) -> tuple[list[str], list[str], str]:
    """Open every page of `tree`: (problems, blocked payload attempts, all visible text)."""
    problems: list[str] = []
    blocked: list[str] = []
    texts: list[str] = []
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    prefix = base + tree + "/"
    current = {"url": ""}

    def on_request(request: Any) -> None:
        if not request.url.startswith(prefix):
            problems.append(f"{current['url']}: request outside the tree: {request.url}")

    def on_dialog(dialog: Any) -> None:
        problems.append(f"{current['url']}: {dialog.type} dialog: {dialog.message}")
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if message.type not in ("error", "warning"):
            return
        # Chromium reports each CSP block on the console too; those are judged below
        # from the violation events, which say what was blocked.
        if "Content Security Policy" in message.text:
            return
        problems.append(f"{current['url']}: console {message.type}: {message.text}")

    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{current['url']}: {error}"))
    for path in pages_of(root, tree):
        url = base + path.relative_to(root).as_posix()
        current["url"] = url
        open_page(page, url, path)
        flag = page.evaluate(POKE)
        page.wait_for_timeout(50)  # let a fetch() or timer from a handler fire
        flag = flag or page.evaluate("window.__xss === undefined ? null : String(window.__xss)")
        if flag is not None:
            problems.append(f"{url}: a payload ran (window.__xss = {flag})")
        for violation in page.evaluate("window.__violations"):
            if violation["disposition"] != "enforce":
                problems.append(f"{url}: CSP only reported, not enforced: {violation}")
            elif _is_payload(violation):
                blocked.append(f"{url}: {violation['directive']}")
            else:
                problems.append(f"{url}: CSP violation by the page itself: {violation}")
        texts.append(page.evaluate("document.body.innerText"))
    context.close()
    return problems, blocked, "\n".join(texts)


def _check(browser: Any, base: str, root: Path, tree: str) -> None:
    problems, blocked, text = visit(browser, base, root, tree)
    assert problems == []
    # The payloads were on the pages as text: the run tested something.
    assert "<script>alert(1)</script>" in text
    assert XSS_URL in text
    # Escaping keeps every payload out of the markup, so the CSP had nothing to block.
    assert blocked == []


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES)
def test_xss_site_from_file_url(browser: Any, xss_site: Path, tree: str) -> None:
    _check(browser, xss_site.as_uri() + "/", xss_site, tree)


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES)
def test_xss_site_from_a_web_server(browser: Any, server: str, xss_site: Path, tree: str) -> None:
    _check(browser, server, xss_site, tree)


def test_the_watch_sees_a_payload_that_runs_and_one_the_csp_blocks(
    browser: Any, tmp_path: Path
) -> None:
    """The observers work: an unescaped payload is caught, a CSP-blocked one is recorded."""
    tree = tmp_path / "t"
    tree.mkdir()
    (tree / "open.html").write_text(
        f"<p><img src=x onerror=\"window.__xss=1;fetch('{XSS_URL}')\"></p><script>alert(1)</script>"
    )
    csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"
    (tree / "strict.html").write_text(
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<p onmouseover="window.__xss=1">x</p><script>window.__xss=2</script>'
    )
    problems, blocked, _ = visit(browser, tmp_path.as_uri() + "/", tmp_path, "t")
    assert any("alert dialog" in p for p in problems), problems
    assert any("a payload ran" in p for p in problems), problems
    assert any(f"request outside the tree: {XSS_URL}" in p for p in problems), problems
    assert not [p for p in problems if "strict.html" in p]
    assert any("strict.html: script-src-elem" in b for b in blocked), blocked
    assert any("strict.html: script-src-attr" in b for b in blocked), blocked
