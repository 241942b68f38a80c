"""What a client and the team read in the demo's reports, in English and Chinese.

One source for decisions and next steps, the client's price of a change request, client
language (no thresholds, hygiene or jargon; "late" and "on the way"), dates and numbers
by locale, typefaces (pdffonts), and complete closing reports. Each PDF is rendered once
per module as of the demo's date, 2026-11-30.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from generator.analyze.audience import Audience
from generator.analyze.report_schedule import ReportJob
from generator.build.report_request import report_job
from generator.i18n import plain_text
from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.present.deviations import deviations
from generator.render.reports import job_view, render_report
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
CP = "hafenbahn-carrier-portal"
CRM = "jinghua-crm"
JW = "jinghua-website"
LH = "lichthof-website"

CASES = {
    "cp-weekly": ("weekly", CP, "2026-W48", "client"),
    "cp-monthly": ("monthly", CP, "2026-11", "client"),
    "crm-weekly": ("weekly", CRM, "2026-W48", "client"),
    "crm-monthly": ("monthly", CRM, "2026-11", "client"),
    "jw-closing": ("closing", JW, None, "client"),
    "jw-closing-internal": ("closing", JW, None, "internal"),
    "lh-closing": ("closing", LH, None, "client"),
}
CLIENT = [k for k, case in CASES.items() if case[3] == "client"]


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_workspace(REPO)


@pytest.fixture(scope="module")
def pdfs(portfolio: Portfolio) -> dict[str, bytes]:
    out = {}
    for key, (kind, project, period, audience) in CASES.items():
        job = report_job(portfolio, ReportKind(kind), project, period, Audience(audience), AS_OF)
        out[key] = render_report(Workspace(REPO), portfolio, job)
    return out


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(pages(pdf)))


def squeeze(text: str) -> str:
    """Text without white space or the word joiners that keep a date on one line."""
    return re.sub(r"\s+", "", plain_text(text))


def fonts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in out.stdout.splitlines()[2:]]


def job_of(portfolio: Portfolio, key: str) -> ReportJob:
    kind, project, period, audience = CASES[key]
    return report_job(portfolio, ReportKind(kind), project, period, Audience(audience), AS_OF)


# -- one source -----------------------------------------------------------------------


@pytest.mark.parametrize(("weekly", "monthly"), [("cp-weekly", "cp-monthly")])
def test_weekly_and_monthly_of_one_week_list_the_same_decisions_and_next_steps(
    portfolio: Portfolio, pdfs: dict[str, bytes], weekly: str, monthly: str
) -> None:
    week = job_view(portfolio, job_of(portfolio, weekly))
    month = job_view(portfolio, job_of(portfolio, monthly))
    assert [d.what for d in week.decisions] == [d.what for d in month.decisions]
    assert week.decisions, "the demo's last week has open decisions"
    for key in (weekly, monthly):
        text = squeeze(flat(pdfs[key]))
        for d in week.decisions:
            assert squeeze(d.what) in text, (key, d.what)
        for step in ("Correct the four help centre articles", "Load test of the slot overview"):
            assert squeeze(step) in text, (key, step)


def test_client_reads_the_price_a_change_request_asks_to_approve(pdfs: dict[str, bytes]) -> None:
    """CR-03 of the Carrier Portal opts its cost in (cost_visibility: client)."""
    text = flat(pdfs["cp-weekly"])
    cr = text[text.index("CR-03 Re-plan integration") :]
    assert "38.000 €" in cr[:400].replace("\xa0", " ")  # the client is in Germany (en-DE)


# -- client language --------------------------------------------------------------------

JARGON = (
    "limit 1",
    "limit 5",
    "(limit",
    "阈值",
    "registers",
    "登记表",
    "敞口",
    "前两项",
    "No status update",
    "未提交状态更新",
    "top-2-box as",
)


@pytest.mark.parametrize("key", CLIENT)
def test_client_copies_speak_no_engine_language(pdfs: dict[str, bytes], key: str) -> None:
    text = flat(pdfs[key])
    for words in JARGON:
        assert words not in text, (key, words)


def test_a_milestone_past_its_plan_is_late_and_a_goal_before_its_deadline_on_the_way(
    pdfs: dict[str, bytes],
) -> None:
    text = flat(pdfs["cp-weekly"])
    table = text[text.index("Milestones: plan and forecast") :]

    def row(title: str, following: str) -> str:
        start = table.index(title)
        return table[start : table.index(following, start)]

    # planned 25 Sep, forecast 15 Jan: late; go-live's planned 18 Dec is still ahead
    late = row("SAP TM integration ready for test", "User acceptance test passed")
    assert "Late" in late and "Slipping" not in late
    assert "Slipping" in row("Go-live for all carriers", "Planned Forecast")
    goals = text[text.index("Goal progress") : text.index("Risks and issues")]
    assert "Not yet met" not in goals and "On the way" in goals  # deadlines 18 Dec


def test_monthly_deviations_name_each_milestone_once(
    portfolio: Portfolio, pdfs: dict[str, bytes]
) -> None:
    """The health rule's slip and the month's move of one milestone make one line."""
    found = deviations(job_view(portfolio, job_of(portfolio, "crm-monthly")))
    assert 3 <= len(found) <= 8
    assert sum("金蝶 ERP 接口开发完成" in line for line in found) == 1
    assert sum("用户验收测试（UAT）通过" in line for line in found) == 1
    text = squeeze(flat(pdfs["crm-monthly"]))
    for line in found:
        assert squeeze(line) in text


def test_client_budget_is_set_against_the_work_done(pdfs: dict[str, bytes]) -> None:
    assert re.search(r"Budget used \d+% \d+% of the work done", flat(pdfs["cp-weekly"]))
    assert re.search(r"预算使用 \d+% 已完成工作量 ?\d+%", flat(pdfs["crm-weekly"]))


# -- dates, numbers, typefaces -----------------------------------------------------------


@pytest.mark.parametrize("key", CLIENT)
def test_one_date_style_and_percent_signs_by_locale(pdfs: dict[str, bytes], key: str) -> None:
    text = flat(pdfs[key])
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b", text), "numeric US short date"
    assert not re.search(r"\b\d{4}/\d{1,2}/\d{1,2}\b", text), "numeric Chinese short date"
    if CASES[key][1].startswith("jinghua"):
        assert not re.search(r"\d %", text), "a space before % in Chinese"
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)
    else:  # the demo's English clients are in Germany (en-DE): "15 Jan 2027", no "Jan 15, 2027"
        assert re.search(r"\b\d{1,2} [A-Z][a-z]{2,3} \d{4}\b", text)
        assert not re.search(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", text)


def test_english_is_set_in_a_latin_face_and_chinese_in_cjk_sc(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    english = fonts(pdfs["cp-weekly"], tmp_path)
    assert any(f.endswith("+Inter") for f in english), english
    chinese = fonts(pdfs["crm-monthly"], tmp_path)
    assert any("Noto-Sans-CJK-SC" in f for f in chinese), chinese
    assert not any("CJK-JP" in f or "Italic" in f or "Oblique" in f for f in chinese), chinese


def test_chinese_reports_carry_no_english_from_us(pdfs: dict[str, bytes]) -> None:
    for key in ("crm-weekly", "crm-monthly", "jw-closing", "jw-closing-internal"):
        text = flat(pdfs[key])
        for english in ("(Shanghai)", "labour", "licences", "subcontractor", "Internal"):
            assert english not in text, (key, english)
        assert not re.search(r"[\u4e00-\u9fff]: ", text), (key, "half-width colon")
    assert "人工" in flat(pdfs["jw-closing-internal"])  # the cost categories


# -- closing reports ---------------------------------------------------------------------


@pytest.mark.parametrize("key", ["jw-closing", "jw-closing-internal", "lh-closing"])
def test_closing_sections_are_fed_or_left_out(pdfs: dict[str, bytes], key: str) -> None:
    text = flat(pdfs[key])
    for broken in (
        "by on plan",
        "No major problems",
        "The retrospective is not part of this report",
        "No client satisfaction survey data",
        "No handover items",
    ):
        assert broken not in text, (key, broken)


def test_lichthof_closing_tells_the_problems_the_schedule_shows(pdfs: dict[str, bytes]) -> None:
    text = flat(pdfs["lh-closing"])
    problems = text[text.index("Problems and how they were solved") :]
    assert "re-forecast 7 times" in problems
    assert "curators' exhibition texts arrive late" in problems
    assert "Lessons learned" not in text  # the project shares no retrospective
    # The status date is the day the closing survey closed, after the retrospective.
    assert "Status as of 26 Aug 2026" in re.sub(r"\s+", " ", pages(pdfs["lh-closing"])[0])


def test_chinese_closing_ends_with_a_sign_off_with_room_for_the_seal(
    pdfs: dict[str, bytes],
) -> None:
    last = pages(pdfs["jw-closing"])[-1]
    assert "签字" in last or "签署" in last
    assert last.count("盖章") == 2


def test_internal_closing_gives_actuals_and_the_margin_in_chinese(pdfs: dict[str, bytes]) -> None:
    """At closure the cost at completion is the actual cost (no EAC, CPI or SPI forecast),
    and the margin is the contract value against it."""
    text = flat(pdfs["jw-closing-internal"])
    cost = text[text.rindex("成本：计划与实际") :][:700]
    assert "完工实际成本 ¥694,200" in cost
    assert "合同金额 ¥760,000" in cost and "毛利 +¥65,800" in cost
    for forecast in ("EAC", "CPI", "SPI", "完工估算"):
        assert forecast not in cost, forecast
    assert "人工 ¥673,800" in cost
