"""The closing report's team section says who did what, from the records the reader may
see: each person's role, the tasks they completed (their largest named) and the goals
they owned; the team's copy adds the hours, a client's copy never shows hours or tasks
that are internal. Read from the PDF text, en and zh-CN."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def closings() -> dict[tuple[str, Audience], str]:
    portfolio = load_workspace(REPO)
    out = {}
    for project, audience in (
        ("lichthof-website", Audience.client),
        ("lichthof-website", Audience.internal),
        ("jinghua-website", Audience.client),
    ):
        job = report_job(portfolio, ReportKind.closing, project, None, audience, AS_OF)
        pdf = pypdf.PdfReader(io.BytesIO(render_report(Workspace(REPO), portfolio, job)))
        out[project, audience] = "\n".join(page.extract_text() for page in pdf.pages)
    return out


def _section(text: str, start: str, end: str) -> str:
    head = text.rindex(start)  # the heading, not its line in the contents
    return " ".join(text[head : text.index(end, head)].split())  # lines joined


def test_client_copy_names_what_each_person_did_without_hours(
    closings: dict[tuple[str, Audience], str],
) -> None:
    team = _section(
        closings["lichthof-website", Audience.client], "Project team", "Client satisfaction"
    )
    assert "Mara Schulz" in team and "UX and visual design" in team
    assert "Tasks completed" in team
    assert "Wireframes for twelve page types" in team  # a client-visible task she completed
    assert "Goal owner: More visitors go on to buy a ticket online" in team
    assert "Hours" not in team


def test_team_copy_adds_the_hours(
    closings: dict[tuple[str, Audience], str],
) -> None:
    team = _section(
        closings["lichthof-website", Audience.internal], "Team performance", "Client satisfaction"
    )
    assert "Hours planned" in team
    assert "Wireframes for twelve page types" in team


def test_chinese_client_copy_names_work_and_goals(
    closings: dict[tuple[str, Audience], str],
) -> None:
    team = _section(closings["jinghua-website", Audience.client], "项目团队", "客户满意度")
    assert "主要工作" in team and "已完成的任务" in team
    assert "林晓雨" in team and "UI/UX 设计" in team
    assert "目标负责人：首页跳出率降至 45% 以下" in team
    assert "工时" not in team
