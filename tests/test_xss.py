"""XSS payloads (OWASP filter evasion cheat sheet, PayloadsAllTheThings) in every text field
of a client-visible record, built into the site: nothing executable escapes its context.

Covered here: portal pages, Atom feeds, status.json, SVG files. E-mails, PDFs and chat cards
are in test_xss_outputs.py; the portal in Chromium in browser/test_xss_browser.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.load.links import check_markdown_links
from generator.load.workspace import load_workspace
from tests.xss_workspace import MARKER, write_workspace

MILEPOST = str(Path(sys.executable).parent / "milepost")


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "xlink:href", "action", "formaction") and value:
                scheme = value.strip().lower().replace("\t", "").replace("\n", "")
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and value and "expression(" in value.lower():
                self.problems.append(f"<{tag} style=expression>")
        if tag == "script":
            src = values.get("src") or ""
            if not src or "://" in src or src.startswith("//"):
                self.problems.append(f"<script src={src!r}>")
        if tag in ("iframe", "object", "embed", "base", "form"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == (
            "content-security-policy"
        ):
            self.csp.append(values.get("content") or "")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_workspace(tmp_path_factory.mktemp("xss") / "ws")
    result = subprocess.run(
        [MILEPOST, "--workspace", str(root), "build", "--only", "site", "--as-of", "2026-11-20"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return root / "output" / "portals" / "acme"


class _Text(HTMLParser):
    """The text a reader sees: character data outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def test_the_payloads_reached_the_pages(built: Path) -> None:
    """The test is only worth something if the payload text is on the page (as text)."""
    client = load_workspace(built.parents[2]).clients["acme"].name
    assert MARKER in client
    for page in ("index.html", "relaunch/index.html"):
        parser = _Text()
        parser.feed((built / page).read_text(encoding="utf-8"))
        parser.close()
        # The client's name as written, read character for character (not as a tag).
        assert client in "".join(parser.parts), page


def test_no_executable_markup_in_client_pages(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert pages
    for page in pages:
        inspector = _Inspector()
        inspector.feed(page.read_text(encoding="utf-8"))
        assert inspector.problems == [], f"{page.relative_to(built)}: {inspector.problems}"


def test_client_pages_carry_a_strict_content_security_policy(built: Path) -> None:
    for page in sorted(built.rglob("*.html")):
        inspector = _Inspector()
        inspector.feed(page.read_text(encoding="utf-8"))
        assert inspector.csp, f"{page.relative_to(built)} has no CSP meta tag"
        policy = inspector.csp[0]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        assert directives.get("default-src") == ["'none'"]
        for name in ("script-src", "style-src"):
            assert directives.get(name) == ["'self'"], policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "http" not in policy


def test_feeds_and_svgs_parse_as_xml_without_script(built: Path) -> None:
    files = sorted([*built.rglob("*.xml"), *built.rglob("*.svg")])
    assert any(f.name == "feed.xml" for f in files)
    for file in files:
        tree = ET.parse(file)  # noqa: S314 (our own output)
        for element in tree.iter():
            tag = element.tag.rsplit("}", 1)[-1].lower()
            assert tag not in ("script", "foreignobject"), f"{file.name}: <{tag}>"
            assert not any(a.rsplit("}", 1)[-1].startswith("on") for a in element.attrib), (
                f"{file.name}: event handler on <{tag}>"
            )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_status_json_is_json_with_the_text_as_text(built: Path) -> None:
    """A dashboard prints status.json's strings: the PM's words as written, never HTML."""
    root = built.parents[2]
    data = load_workspace(root).projects["relaunch"]
    latest = max((u for u in data.updates if u.visibility == "client"), key=lambda u: u.date)
    status = json.loads((built / "relaunch/status.json").read_text(encoding="utf-8"))
    assert status["project"]["title"] == data.project.title
    assert status["health"]["reason"] == latest.health_reason
    for text in _strings(status):
        assert unescape(text) == text, f"HTML entities in status.json: {text!r}"


def test_feed_entry_html_is_sanitised(built: Path) -> None:
    """Feed readers render <content type="html">: the decoded fragment must be inert too."""
    atom = "{http://www.w3.org/2005/Atom}"
    contents = [
        element.text or ""
        for feed in built.rglob("feed.xml")
        for element in ET.parse(feed).iter(f"{atom}content")  # noqa: S314 (our own output)
    ]
    assert contents and any("alert(1)" in c for c in contents)
    for html in contents:
        inspector = _Inspector()
        inspector.feed(html)
        assert inspector.problems == [], inspector.problems


def test_status_json_holds_the_payload_as_a_plain_string(built: Path) -> None:
    data = json.loads((built / "relaunch/status.json").read_text())
    assert data["project"]["title"] == "Relaunch <SCRIPT SRC=https://xss.example/xss.js></SCRIPT>"


def test_html_in_a_quoted_front_matter_string_is_not_a_link_out_of_the_project() -> None:
    front_matter = '  - "<IMG SRC=\\"javascript:alert(1)\\"> <a href=\\"#top\\">x</a>"'
    assert check_markdown_links(front_matter, "u.md") == []
    # An escaping link is still refused, quoted or not.
    assert check_markdown_links('  - "<img src=\\"../../secret.png\\">"', "u.md")
    assert check_markdown_links("<img src=\\\\server\\share\\x.png>", "u.md")
