"""A change request's price: internal by default, shown to the client when the PM opts in.

One rule (analyze.audience.client_slice) for every client output: the portal, the PDFs and
what is built from them. The internal dashboard always shows the price.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace
from tests.conftest import WorkspaceFactory
from tests.site_build import build_sites

AS_OF = dt.date(2026, 6, 30)
CHANGES = """\
changes:
  - id: CR-01
    title: Extra payment provider
    requested_by: Jana Roth
    requested: 2026-06-16
    impact: {scope: Klarna checkout, schedule_days: 10, cost: 38000}
    status: proposed
    visibility: client
  - id: CR-02
    title: Second language
    requested_by: Jana Roth
    requested: 2026-06-17
    impact: {scope: German and English, schedule_days: 5, cost: 12500}
    status: proposed
    visibility: client
    cost_visibility: client
"""


def _page_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_portal_and_client_pdf_show_only_the_price_the_pm_shares(
    make_workspace: WorkspaceFactory, tmp_path: Path
) -> None:
    root = make_workspace({"content/projects/relaunch/changes.yaml": CHANGES})
    out = tmp_path / "out"
    build_sites(root, out, AS_OF)

    client_page = _page_text(out / "portals/acme/relaunch/index.html")
    assert "CR-01" in client_page and "CR-02" in client_page
    assert "38,000" not in client_page  # not opted in: no price, not even "Cost: —"
    assert "12,500" in client_page  # cost_visibility: client
    internal_page = _page_text(out / "internal/relaunch/index.html")
    assert "38,000" in internal_page and "12,500" in internal_page

    portfolio = load_workspace(root)
    pdf = tmp_path / "weekly.pdf"
    job = report_job(portfolio, ReportKind.weekly, "relaunch", "2026-W25", Audience.client, AS_OF)
    pdf.write_bytes(render_report(Workspace(root), portfolio, job))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CR-01" in text and "CR-02" in text
    assert "38,000" not in text
    assert "12,500" in text  # the client PDF shows the price the client is asked to approve
