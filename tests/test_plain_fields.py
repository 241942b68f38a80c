"""Plain fields are text: `Fixed the <Enter> key handling` reads as written in every output.

Only narratives (the Markdown bodies) are Markdown. Highlights, next steps, blockers,
decisions and retrospective items are escaped, never stripped: a word in angle brackets is
part of what the PM wrote (a key name, a placeholder, a generic type).
"""

from __future__ import annotations

import datetime as dt
import email
import re
import subprocess
from email import policy
from pathlib import Path

import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.site import ReportKind
from generator.publish.delivery import outgoing_reports
from generator.publish.email.message import deliveries
from generator.publish.notify import slack
from generator.publish.notify.card import card_for_project
from generator.render.reports import render_report
from generator.workspace import Workspace
from tests.conftest import WorkspaceFactory
from tests.site_build import build_sites

AS_OF = dt.date(2026, 6, 30)
HIGHLIGHT = "Fixed the <Enter> key handling"
NEXT_STEP = "Map the <Tab> order of the form"
BLOCKER = "Waiting for List<Order> from the ERP"
DECISION = "Approve the <Esc> behaviour"
WENT_WELL = "Reviews of <Button> variants were quick"

UPDATE = f"""\
---
date: 2026-06-19
author: lena
health: green
visibility: client
highlights:
  - "{HIGHLIGHT}"
next_steps:
  - "{NEXT_STEP}"
blockers:
  - "{BLOCKER}"
decisions_needed:
  - what: "{DECISION}"
---
Narrative text.
"""

RETRO = f"""\
---
date: 2026-06-26
went_well:
  - "{WENT_WELL}"
---
"""


def _visible_text(html: str) -> str:
    """Page text as a reader sees it: tags removed, entities decoded."""
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def workspace(make_workspace: WorkspaceFactory) -> Path:
    return make_workspace(
        {
            "content/projects/relaunch/updates/2026-06-19.md": UPDATE,
            "content/projects/relaunch/retrospective.md": RETRO,
        }
    )


def test_portal_pages_and_feed_show_angle_brackets_as_written(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_sites(workspace, out, AS_OF)
    portal = out / "portals/acme/relaunch"
    update = _visible_text((portal / "updates/2026-06-19.html").read_text(encoding="utf-8"))
    for text in (HIGHLIGHT, NEXT_STEP, BLOCKER, DECISION):
        assert text in update
    internal = out / "internal/relaunch/retrospective.html"
    retro = _visible_text(internal.read_text(encoding="utf-8"))
    assert WENT_WELL in retro
    feed = (portal / "feed.xml").read_text(encoding="utf-8")
    # the feed's content is escaped HTML inside XML: unescaped twice, the text is whole
    assert HIGHLIGHT in _visible_text(_visible_text(feed))


def test_client_pdf_email_and_chat_card_show_angle_brackets_as_written(
    workspace: Path, tmp_path: Path
) -> None:
    portfolio = load_workspace(workspace)
    job = report_job(portfolio, ReportKind.weekly, "relaunch", "2026-W25", Audience.client, AS_OF)
    pdf = tmp_path / "weekly.pdf"
    pdf.write_bytes(render_report(Workspace(workspace), portfolio, job))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    for item in (HIGHLIGHT, NEXT_STEP, BLOCKER, DECISION):
        assert item in flat

    reports, _notes = outgoing_reports(
        Workspace(workspace), portfolio, ReportKind.weekly, "relaunch", "2026-W25", AS_OF
    )
    assert reports
    message = email.message_from_bytes(
        deliveries(reports[0])[0].message.as_bytes(), policy=policy.default
    )
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    plain = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert HIGHLIGHT in _visible_text(html)
    assert HIGHLIGHT in plain

    card = card_for_project(portfolio, "relaunch", AS_OF, "weekly")
    body = str(slack.render(card).body)
    assert "Fixed the &lt;Enter&gt; key handling" in body  # Slack's own escape: shown as text
