"""Each point of a retrospective has its own visibility, internal unless marked for the client.

The demo's Jinghua website shares its retrospective; the client reads the points marked
`visibility: client` and nothing else: not the unbilled hours, the cost overrun, the team's
appraisal or the path of the survey export in the repository.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.errors import ContentErrors
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace
from tests.conftest import WorkspaceFactory
from tests.site_build import AS_OF, REPO, demo_portfolio, demo_site  # noqa: F401

PROJECT = "jinghua-website"
SHARED = ("移动端首屏加载时间由 6.2 秒降至 2.1 秒", "评审会必须有最终决策人到场")
INTERNAL = (
    "65 小时工时未计费",  # to improve: unbilled hours
    "哪怕最终决定不收费",  # a lesson about fees
    "林晓雨在视觉反复期间",  # team performance: an appraisal of a person
    "69.4 万元",  # the narrative: the project's cost
    "与本次复盘识别的问题一致",  # the narrative: the survey read against the review
    "作为家居行业项目的标准模板",  # an internal improvement action
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_client_retrospective_page_shows_only_the_shared_points(demo_site: Path) -> None:  # noqa: F811
    page = _flat(
        (demo_site / f"portals/jinghua/{PROJECT}/retrospective.html").read_text(encoding="utf-8")
    )
    for text in SHARED:
        assert re.sub(r"\s+", "", text) in page
    for text in INTERNAL:
        assert re.sub(r"\s+", "", text) not in page, text
    internal = _flat(
        (demo_site / f"internal/{PROJECT}/retrospective.html").read_text(encoding="utf-8")
    )
    for text in (*SHARED, *INTERNAL[:3]):
        assert re.sub(r"\s+", "", text) in internal


def test_client_closing_pdf_shows_only_the_shared_points(tmp_path: Path) -> None:
    portfolio = demo_portfolio()
    job = report_job(portfolio, ReportKind.closing, PROJECT, None, Audience.client, AS_OF)
    pdf = tmp_path / "closing.pdf"
    pdf.write_bytes(render_report(Workspace(REPO), portfolio, job))
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
    )
    assert re.sub(r"\s+", "", SHARED[0]) in text
    for needle in INTERNAL:
        assert re.sub(r"\s+", "", needle) not in text, needle


def test_a_retrospective_point_with_a_wrong_visibility_is_an_error_at_its_line(
    make_workspace: WorkspaceFactory,
) -> None:
    from generator.load.workspace import load_workspace

    root = make_workspace(
        {
            "content/projects/relaunch/retrospective.md": """\
                ---
                date: 2026-06-26
                went_well:
                  - Plain text is internal
                  - text: Shared with the client
                    visibility: clients
                ---
                """
        }
    )
    with pytest.raises(ContentErrors) as caught:
        load_workspace(root)
    messages = [e.format() for e in caught.value.errors]
    assert any(
        m.startswith("content/projects/relaunch/retrospective.md:6:") and "visibility" in m
        for m in messages
    ), messages
