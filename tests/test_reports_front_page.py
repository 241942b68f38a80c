"""Page 1 of every report tells the status; a client copy carries forward what stands.

What the reader sees: the text of page 1 (pypdf) holds the status label, the one-line
reason and the open decisions with their owners; the internal copy says "Internal" on
every page; a week without an update still gives the client the plan ahead, and never a
remark that nothing was written.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdf
import pytest

from generator.analyze.audience import Audience
from generator.analyze.report_schedule import ReportJob, due_reports
from generator.build.report_request import report_job
from generator.i18n import language
from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.present.front_page import front_page
from generator.render.reports import job_view, render_report
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
EN = "hafenbahn-carrier-portal"
ZH = "jinghua-crm"

# Remarks about the PM's routine that a client copy must never print.
HYGIENE = (
    "No status update was posted",
    "No status update was written",
    "No next steps were recorded",
    "registers",
    "未提交状态更新",
    "登记表",
)


NO_DECISION = {"en": "No decision is needed from you", "zh-CN": "目前没有需要您决策的事项"}


def squeeze(text: str) -> str:
    """Text without any white space: line breaks fall anywhere in a PDF's text."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_workspace(REPO)


def render(portfolio: Portfolio, kind: str, project: str, period: str | None, aud: str) -> bytes:
    job = report_job(portfolio, ReportKind(kind), project, period, Audience(aud), AS_OF)
    return render_report(Workspace(REPO), portfolio, job)


@pytest.fixture(scope="module")
def pdfs(portfolio: Portfolio) -> dict[str, bytes]:
    return {
        "kickoff-client": render(portfolio, "weekly", EN, "2026-W19", "client"),
        "weekly-internal": render(portfolio, "weekly", EN, "2026-W47", "internal"),
        "monthly-zh": render(portfolio, "monthly", ZH, "2026-11", "client"),
    }


def test_internal_copy_says_internal_on_every_page(pdfs: dict[str, bytes]) -> None:
    pages = page_texts(pdfs["weekly-internal"])
    assert len(pages) > 2
    for n, text in enumerate(pages, 1):
        assert "Internal – not for the client" in text, f"page {n}"


def test_client_copy_has_no_internal_mark(pdfs: dict[str, bytes]) -> None:
    assert "Internal" not in "".join(page_texts(pdfs["kickoff-client"]))


def test_chinese_page_1_has_status_dates_and_decisions(
    portfolio: Portfolio, pdfs: dict[str, bytes]
) -> None:
    first = squeeze(page_texts(pdfs["monthly-zh"])[0])
    for words in (
        "存在风险",
        "计划结束",
        "预计结束",
        "下一个里程碑",
        "需要您决策的事项",
        "已逾期",
        "目录",
    ):
        assert words in first, words


def test_kickoff_week_carries_forward_and_counts_no_future_blocker(
    pdfs: dict[str, bytes],
) -> None:
    """The Carrier Portal's first week: no update yet, T17 (blocked, starting in September)
    is not counted, and the client reads the plan ahead instead of empty sections."""
    text = " ".join(page_texts(pdfs["kickoff-client"]))
    flat = re.sub(r"\s+", " ", text)
    for remark in HYGIENE:
        assert remark not in flat, remark
    assert "0 blocked" in flat and "1 blocked" not in flat
    assert "Plan for next week" in flat and "Task for next week" in flat
    plan = flat[flat.index("Plan for next week") :]
    assert "Stakeholder interviews with dispatch and carriers" in plan  # runs on to May 22
    assert "Meetings this week" in flat and "single product owner" in flat  # the kick-off


def test_internal_copy_keeps_the_hygiene_remark(portfolio: Portfolio) -> None:
    pdf = render(portfolio, "weekly", "kestrel-app", "2026-W48", "internal")  # no update
    assert "No status update was written in this period" in " ".join(page_texts(pdf))


def _first_page(job: ReportJob) -> tuple[str, str]:
    """(job label, text of page 1) of one client report; runs in a worker process."""
    portfolio = load_workspace(REPO)
    pdf = render_report(Workspace(REPO), portfolio, job)
    text = " ".join(page_texts(pdf))
    return job.label, squeeze(page_texts(pdf)[0]) + "\x00" + text


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_page_1_of_every_client_report_of_the_demo_tells_the_status() -> None:
    """Every client weekly, monthly and closing report the demo's build writes as of
    2026-11-30: page 1 holds the status label, the reason and every open decision with
    who decides, and no report carries a remark about the PM's update routine."""
    portfolio = load_workspace(REPO)
    jobs = [j for j in due_reports(portfolio, AS_OF) if j.audience == Audience.client]
    assert len(jobs) == 162
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        found = dict(pool.map(_first_page, jobs, chunksize=4))
    for job in jobs:
        first, text = found[job.label].split("\x00")
        front = front_page(job_view(portfolio, job))
        where = job.label
        assert squeeze(front.label) in first, where
        assert squeeze(front.reason) in first, where
        for d in front.decisions:
            assert squeeze(d.what) in first, (where, d.what)
            assert squeeze(d.owner) in first, (where, d.owner)
        if not front.decisions:
            assert (
                squeeze(NO_DECISION[language(portfolio.locale_of(portfolio.projects[job.project]))])
                in first
            )
        for remark in HYGIENE:
            assert remark not in text, (where, remark)


def test_build_warns_about_a_week_without_update_and_the_client_copy_carries_forward(
    tmp_path: Path,
) -> None:
    """A sample workspace whose only update is from the kick-off: two weeks later `build`
    names the file and the week, and the client's weekly still lists the open decision
    and the next steps of the kick-off update."""
    env = os.environ | {"PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1795996800"}  # 2026-11-30
    cli = [sys.executable, "-m", "generator"]
    subprocess.run([*cli, "init", str(tmp_path / "ws")], env=env, check=True, capture_output=True)
    run = subprocess.run(
        [*cli, "-w", str(tmp_path / "ws"), "build", "--as-of", "2026-12-15", "--only", "reports"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout + run.stderr
    assert (
        "warning: content/projects/website/updates/: the client's weekly report 2026-W50 "
        "has no client status update of that week (last: 2026-11-30)"
    ) in out
    assert "milepost draft website --date 2026-12-11" in out
    assert "2026-W49" not in out  # only the report about to be sent
    pdf = (tmp_path / "ws" / "output" / "reports" / "website" / "weekly-2026-W50.pdf").read_bytes()
    pages = page_texts(pdf)
    flat = re.sub(r"\s+", " ", " ".join(pages))
    assert squeeze("Confirm the two people who sign off designs") in squeeze(pages[0])
    assert "Stakeholder interviews" in flat and "As planned in the update of" in flat
    for remark in HYGIENE:
        assert remark not in flat, remark
