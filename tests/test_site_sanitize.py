"""Markdown written by people is sanitised before it reaches any page (nh3 allow-list)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from generator.present.markdown import to_html
from tests.conftest import WorkspaceFactory
from tests.site_build import build_sites, tree_files

HOSTILE_UPDATE = """\
---
date: 2026-06-19
author: lena
health: amber
health_reason: Testing <script>alert('reason')</script> in the reason
visibility: client
highlights:
  - "Highlight <script>alert('hl')</script> with <img src=x onerror=alert('hl')>"
  - "[Innocent link](javascript:alert('hl-link'))"
next_steps:
  - "<a href='javascript:alert(1)' onclick='alert(2)'>next</a>"
decisions_needed:
  - what: "Approve <b onmouseover=alert('d')>this</b>"
---
Narrative <script>alert('body')</script> text.

<img src="x" onerror="alert('body-img')">

[a javascript link](javascript:alert('body-link')) and [data](data:text/html;base64,PHNjcmlwdD4=)

<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input></form>

<p style="color:red" onclick="alert('p')">styled</p>

| a | b |
|---|---|
| 1 | 2 |
"""


def test_markdown_keeps_formatting_and_drops_active_content() -> None:
    html = to_html(
        "**bold** <script>x()</script> [ok](https://example.com) [bad](javascript:x())\n\n"
        "| h |\n|---|\n| c |\n"
    )
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.com"' in html
    assert "<table>" in html and "<th>h</th>" in html
    assert "script" not in html and "x()" not in html
    assert "javascript:" not in html


def test_hostile_update_never_reaches_a_page(
    make_workspace: WorkspaceFactory, tmp_path: Path
) -> None:
    root = make_workspace({"content/projects/relaunch/updates/2026-06-19.md": HOSTILE_UPDATE})
    out = tmp_path / "out"
    build_sites(root, out, dt.date(2026, 6, 30))
    pages = tree_files(out)
    update_page = out / "portals/acme/relaunch/updates/2026-06-19.html"
    assert update_page in pages
    assert "Narrative" in update_page.read_text(encoding="utf-8")  # the update is shown
    problems: list[str] = []
    for path in pages:
        if path.suffix == ".html":
            problems += active_content(path.read_text(encoding="utf-8"), str(path))
        elif path.name == "feed.xml":
            for content in ET.fromstring(path.read_bytes()).iter(f"{ATOM}content"):
                problems += active_content(content.text or "", str(path))
    assert problems == []
    # The escaped text of plain fields is shown as text, never as markup.
    text = update_page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;reason&#39;)" in text


ATOM = "{http://www.w3.org/2005/Atom}"
FORBIDDEN_TAGS = {"script", "iframe", "form", "input", "object", "embed", "style", "base"}


class _Scanner(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and (values.get("src") or "").endswith("static/sortable.js"):
            return
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"{self.where}: <{tag}>")
        for name, value in attrs:
            lowered = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.problems.append(f"{self.where}: {name}= on <{tag}>")
            if name in ("href", "src") and lowered.startswith(("javascript:", "data:")):
                self.problems.append(f"{self.where}: {name}={value}")


def active_content(html: str, where: str) -> list[str]:
    scanner = _Scanner(where)
    scanner.feed(html)
    return scanner.problems
