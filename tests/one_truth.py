"""Read the facts a reader sees out of each output: portal HTML, status.json, feed.xml,
badge.svg, report HTML and PDF text, e-mail text and chat card payloads.

Helpers for tests/test_one_truth.py: each function reads what a person reading that output
would read (page text, PDF text via pdftotext, the e-mail's text part, the card's JSON).
"""

from __future__ import annotations

import email
import json
import re
import subprocess
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import tinyhtml5

from generator.i18n import plain_text

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def parse(html: bytes | str) -> ET.Element:
    text = html.decode() if isinstance(html, bytes) else html
    return tinyhtml5.parse(text)


def has_class(node: ET.Element, name: str) -> bool:
    return name in (node.get("class") or "").split()


def find_all(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        local = node.tag.rsplit("}", 1)[-1]
        if local == tag and (cls is None or has_class(node, cls)):
            found.append(node)
    return found


def first(root: ET.Element, tag: str, cls: str | None = None) -> ET.Element | None:
    nodes = find_all(root, tag, cls)
    return nodes[0] if nodes else None


def text_of(node: ET.Element | None) -> str:
    if node is None:
        return ""
    return squash("".join(_texts(node)[:-1]))


def _texts(node: ET.Element) -> list[str]:
    if isinstance(node.tag, str) and node.tag.rsplit("}", 1)[-1] in ("svg", "style", "script"):
        return [node.tail or ""]
    out = [node.text or ""]
    for child in node:
        out += _texts(child)
    out.append(node.tail or "")
    return out


def squash(text: str) -> str:
    """Runs of white space as one space, and no invisible word joiner: what a reader sees."""
    return " ".join(plain_text(text).split())


def bare(text: str) -> str:
    """Without any white space: PDF text breaks lines (and CJK) where it likes."""
    return "".join(text.split())


def page_text(html: bytes | str) -> str:
    root = parse(html)
    body = first(root, "body")
    return text_of(body if body is not None else root)


@dataclass(frozen=True)
class Decision:
    what: str
    owner: str
    due: str  # the date as printed, "" without one
    overdue: bool


@dataclass(frozen=True)
class PortalFacts:
    level: str
    label: str
    percent: str
    planned: str
    next_title: str | None
    next_date: str | None
    decisions: tuple[Decision, ...]
    risk_owners: dict[str, str]  # open risk title -> owner as printed


def portal_facts(html: bytes) -> PortalFacts:
    """What the project page's status card, decision list and risk table say."""
    root = parse(html)
    card = first(root, "section", "status-card")
    assert card is not None
    level = next(
        c.removeprefix("status-card--")
        for c in (card.get("class") or "").split()
        if c.startswith("status-card--")
    )
    label = text_of(first(card, "span", "health__label"))
    kpis = find_all(card, "div", "kpi")
    progress, milestone = kpis[0], kpis[1]
    percent = text_of(first(progress, "span", "kpi__value"))
    note = text_of(first(progress, "span", "kpi__note"))
    found = re.search(r"\d+(?:[.,]\d+)?\s?%", note)
    planned = found.group(0) if found else ""
    next_title = date = None
    note_m = first(milestone, "span", "kpi__note")
    if note_m is not None:
        next_title = text_of(first(milestone, "span", "kpi__value"))
        date = text_of(first(note_m, "time"))
    decisions = []
    section = next((s for s in find_all(root, "section") if s.get("id") == "decisions"), None)
    if section is not None:
        for item in find_all(section, "li"):
            what = text_of(first(item, "span", "decisions__what"))
            meta = first(item, "span", "decisions__meta")
            owner = text_of(first(meta, "span", "decisions__owner")) if meta is not None else ""
            due = text_of(first(meta, "span", "decisions__due")) if meta is not None else ""
            overdue = meta is not None and first(meta, "span", "pill--overdue") is not None
            decisions.append(Decision(what, owner, _date_part(due), overdue))
    owners = {}
    risks = next((s for s in find_all(root, "section") if s.get("id") == "risks"), None)
    if risks is not None:
        for row in find_all(risks, "tr"):
            cells = [c for c in row if isinstance(c.tag, str)]
            risk = text_of(first(row, "span", "risk__title"))
            if risk and cells:
                owners[risk] = text_of(cells[-1])
    return PortalFacts(
        level,
        label,
        percent,
        planned,
        next_title,
        date,
        tuple(decisions),
        owners,
    )


def _date_part(text: str) -> str:
    """'by Nov 27, 2026' / '截止 2026年11月27日' -> the date as printed."""
    match = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日|[A-Z][a-z]{2} \d{1,2}, \d{4})", text)
    return match.group(1) if match else ""


def report_decisions(html: str) -> tuple[Decision, ...]:
    """The rows of a report's "Decision needed | From | Needed by" table."""
    root = parse(html)
    for table in find_all(root, "table"):
        head = [text_of(th) for th in find_all(table, "th")]
        if len(head) != 3 or not any(("Decision" in h or "决策" in h or "决定" in h) for h in head):
            continue
        rows = []
        for tr in find_all(table, "tbody")[0]:
            cells = [text_of(td) for td in tr if isinstance(td.tag, str)]
            overdue = first(tr, "span", "pill") is not None
            owner = "" if cells[1] == "\u2014" else cells[1]
            rows.append(Decision(cells[0], owner, _date_part(cells[2]), overdue))
        return tuple(rows)
    return ()


def timeline_colours(html: bytes | str) -> list[tuple[str, str]]:
    """(row label, forecast marker colour) of each milestone row of the (first) milestone
    timeline chart; a reached milestone has no forecast marker and shows as "reached"."""
    root = parse(html)
    svg = next(
        (
            s
            for s in find_all(root, "svg")
            if any((t.get("id") or "").endswith("-timeline-title") for t in find_all(s, "title"))
        ),
        None,
    )
    assert svg is not None, "no milestone timeline"
    rows = []
    for group in find_all(svg, "g", "milestone"):
        label = "".join(t.text or "" for t in find_all(group, "text")[:1])
        marker = first(group, "g", "forecast")
        colour = "reached"
        if marker is not None:
            shapes = [n for n in marker.iter() if n.get("fill")]
            colour = shapes[0].get("fill") or "" if shapes else ""
        rows.append((squash(label), colour))
    return rows


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def eml(path: Path) -> tuple[str, bytes | None]:
    """The text part of a .eml file and its PDF attachment."""
    message: Message = email.message_from_bytes(path.read_bytes())
    text, pdf = "", None
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/plain" and not part.get_filename():
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            text = payload.decode(part.get_content_charset() or "utf-8")
        elif kind == "application/pdf":
            data = part.get_payload(decode=True)
            pdf = data if isinstance(data, bytes) else None
    return text, pdf


def card_payloads(output: str) -> dict[str, str]:
    """`notify --dry-run` output: channel name -> the payload's text (JSON strings decoded)."""
    found: dict[str, str] = {}
    name = None
    lines: list[str] = []
    for line in output.splitlines() + ["--- end"]:
        if line.startswith("--- "):
            if name is not None:
                body, _ = json.JSONDecoder().raw_decode("\n".join(lines).strip())
                found[name] = _strings(body)
            name, lines = line[4:].split(" ", 1)[0], []
        elif name is not None and not line.startswith("    signed"):
            lines.append(line)
    return found


def _strings(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_strings(v) for v in value)
    return str(value)
