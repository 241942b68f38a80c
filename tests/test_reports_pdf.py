"""PDF reports rendered from the demo workspace: content, privacy, typesetting, PDF checks.

Rendering costs about a second per report, so each PDF is rendered once per module and
shared by the tests that read it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest

from generator.analyze.audience import Audience
from generator.analyze.report_schedule import due_reports
from generator.build.report_request import report_job
from generator.errors import ContentErrors
from generator.load.workspace import load_workspace
from generator.model.base import Visibility
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 26)
EN = "hafenbahn-carrier-portal"
ZH = "jinghua-crm"
CLOSED = "lichthof-website"


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_workspace(REPO)


def _render(portfolio: Portfolio, kind: str, project: str, period: str | None, aud: str) -> bytes:
    job = report_job(portfolio, ReportKind(kind), project, period, Audience(aud), AS_OF)
    return render_report(Workspace(REPO), portfolio, job)  # strict: any warning raises


@pytest.fixture(scope="module")
def pdfs(portfolio: Portfolio) -> dict[str, bytes]:
    return {
        "weekly-client": _render(portfolio, "weekly", EN, "2026-W47", "client"),
        "weekly-internal": _render(portfolio, "weekly", EN, "2026-W47", "internal"),
        "weekly-zh": _render(portfolio, "weekly", ZH, "2026-W47", "client"),
        "monthly-client": _render(portfolio, "monthly", EN, "2026-10", "client"),
        "closing-client": _render(portfolio, "closing", CLOSED, None, "client"),
    }


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return re.sub(r"\s+", " ", out.stdout)


def test_weekly_has_every_section_and_the_week(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    text = text_of(pdfs["weekly-client"], tmp_path)
    for heading in (
        "Status summary",
        "Accomplishments this week",
        "Milestones: plan and forecast",
        "Goal progress",
        "Risks and issues",
        "Decisions needed from you",
        "Change requests",
        "Plan for next week",
    ):
        assert heading in text
    assert "Week 47, 2026" in text
    assert "Off track" in text
    # The week's update: its highlight, its decision and its next step.
    assert "Change request CR-03 sent to Dr. Katrin Albers today." in text
    assert "Name the SAP developer who joins the integration sprints" in text
    assert "Retry queue and alerting for SAP outages." in text
    assert re.search(r"Page 2 of \d", text)


def test_client_pdf_holds_no_internal_record(
    pdfs: dict[str, bytes], portfolio: Portfolio, tmp_path: Path
) -> None:
    data = portfolio.projects[EN]
    secrets = [r.title for r in data.risks if r.visibility == Visibility.internal]
    secrets += [n.title for n in data.notes if n.visibility == Visibility.internal]
    secrets += [
        h
        for u in data.updates
        if u.visibility == Visibility.internal and u.date <= dt.date(2026, 11, 22)
        for h in u.highlights
    ]
    assert secrets, "the demo project should have internal records to leak"
    # the one amount a client may read: the price of a change request the PM shares (CR-03)
    from generator.i18n import format_money

    prices = [
        format_money(c.impact.cost, "EUR", "en-DE").replace("\xa0", " ")  # a German client
        for c in data.changes
        if c.cost_visibility == Visibility.client and c.visibility == Visibility.client
    ]
    assert prices == ["38.000 €"]
    for key in ("weekly-client", "monthly-client"):
        text = text_of(pdfs[key], tmp_path).replace("\xa0", " ")
        for price in prices:
            text = text.replace(price, "")
        for secret in secrets:
            assert secret not in text, f"{key} leaks {secret!r}"
        for money_word in ("Budget at completion", "Actual cost", "€", "internal"):
            assert money_word not in text, f"{key} shows {money_word!r}"


def test_internal_pdf_adds_budget_team_and_internal_risks(
    pdfs: dict[str, bytes], portfolio: Portfolio, tmp_path: Path
) -> None:
    text = text_of(pdfs["weekly-internal"], tmp_path)
    assert "Internal – not for the client" in text
    assert "Budget at completion (BAC)" in text and "186.000 €" in text.replace("\xa0", " ")
    assert "Team and allocation" in text
    internal_risk = next(
        r.title for r in portfolio.projects[EN].risks if r.visibility == Visibility.internal
    )
    assert internal_risk in text


def test_chinese_weekly_is_extractable_and_uses_the_cjk_font(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    text = text_of(pdfs["weekly-zh"], tmp_path)
    for words in (
        "项目周报",
        "2026年第47周",
        "状态概要",
        "本周完成工作",
        "下周计划",
        "需要您决策的事项",
    ):
        assert words in text
    assert re.search(r"第 2 页，共 \d 页", text)
    path = tmp_path / "zh.pdf"
    path.write_bytes(pdfs["weekly-zh"])
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert any("Noto-Sans-CJK-SC" in row[0] for row in rows)
    assert not any("CJK-JP" in row[0] for row in rows), "Japanese glyph shapes in a zh-CN report"
    # emb, sub and uni are the three columns before the object id
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows), fonts
    with pikepdf.open(io.BytesIO(pdfs["weekly-zh"])) as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"


def test_metadata_from_the_html_head(pdfs: dict[str, bytes]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdfs["weekly-client"]))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Carrier Portal · Weekly status report · Week 47, 2026"
    assert meta.author == "Jonas Weber"
    assert "Hafenbahn Logistik GmbH" in (meta.subject or "")
    assert meta.creation_date is not None
    assert meta.creation_date.date() == dt.date(2026, 11, 22)  # the end of the week
    with pikepdf.open(io.BytesIO(pdfs["weekly-client"])) as pdf:
        assert str(pdf.Root.Lang) == "en-DE"  # English text, a client in Germany


def test_bookmarks_follow_the_headings(pdfs: dict[str, bytes]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdfs["monthly-client"]))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:4] == [
        "Status summary",
        "Management summary",
        "Key milestone trend",
        "Progress against plan",
    ]
    assert "Earned value" not in titles  # a client report has no money section
    assert len(reader.pages) >= 4


def test_monthly_contents_are_on_page_1_and_point_at_their_pages(pdfs: dict[str, bytes]) -> None:
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdfs["monthly-client"])).pages]
    assert "Contents" in pages[0]
    for title in ("Key milestone trend", "Risks and issues", "Next month"):
        found = re.search(re.escape(title) + r"[ .]*(\d+)", pages[0])
        assert found, title
        assert title in pages[int(found.group(1)) - 1]


@pytest.mark.parametrize("key", ["weekly-client", "weekly-zh", "closing-client"])
def test_qpdf_check_passes(pdfs: dict[str, bytes], key: str, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdfs[key])
    out = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_weekly_stays_small(pdfs: dict[str, bytes]) -> None:
    assert len(pdfs["weekly-client"]) < 500 * 1024
    assert len(pdfs["weekly-zh"]) < 500 * 1024


def test_closing_is_pdfa3b_with_the_client_data_attached(
    pdfs: dict[str, bytes], portfolio: Portfolio, tmp_path: Path
) -> None:
    pdf = pikepdf.open(io.BytesIO(pdfs["closing-client"]))
    meta = pdf.open_metadata()  # noqa: SIM115 - the attachments below need it open
    assert meta["pdfaid:part"] == "3"
    assert meta["pdfaid:conformance"] == "B"
    files = dict(pdf.attachments)
    assert list(files) == [f"{CLOSED}-project-data.json"]
    data = json.loads(files[f"{CLOSED}-project-data.json"].get_file().read_bytes())
    assert data["project"]["title"] == "Website relaunch"
    risks = portfolio.projects[CLOSED].risks
    assert [r["id"] for r in data["risks"]] == [
        r.id for r in risks if r.visibility == Visibility.client
    ]
    assert "costs" not in data and "budget" not in data["project"]
    text = text_of(pdfs["closing-client"], tmp_path)
    for heading in (
        "Executive summary",
        "Objectives achieved",
        "Deliverables and acceptance",
        "Client satisfaction",
        "Open items and handover",
        "Sign-off",
    ):
        assert heading in text
    assert "Net Promoter Score (n = 10" in text  # the survey export, see test_reports_survey


def test_period_before_the_start_is_a_content_error(portfolio: Portfolio) -> None:
    with pytest.raises(ContentErrors) as err:
        report_job(portfolio, ReportKind.weekly, EN, "2026-W10", Audience.client, AS_OF)
    message = err.value.errors[0].format()
    assert "ends before project" in message and "2026-W19" in message


def test_cli_exit_1_for_a_period_before_the_start() -> None:
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(
        main, ["--workspace", str(REPO), "report", "weekly", EN, "--period", "2026-W10"]
    )
    assert result.exit_code == 1
    assert "first week with a report is 2026-W19" in result.output


def test_due_reports_cover_weeks_months_and_closing(portfolio: Portfolio) -> None:
    jobs = due_reports(portfolio, AS_OF)
    keys = {
        (j.project, j.kind.value, j.period.key if j.period else "", j.audience.value) for j in jobs
    }
    assert (EN, "weekly", "2026-W47", "client") in keys
    assert (EN, "weekly", "2026-W48", "client") not in keys  # not over yet on 26 November
    assert (EN, "monthly", "2026-10", "internal") in keys
    assert (CLOSED, "closing", "", "client") in keys
    assert (EN, "closing", "", "client") not in keys
    closing = next(j for j in jobs if j.project == CLOSED and j.kind == ReportKind.closing)
    assert closing.paths == (
        f"reports/{CLOSED}/closing.pdf",
        f"portals/stiftung-lichthof/{CLOSED}/reports/closing.pdf",
    )
    internal = next(j for j in jobs if j.audience == Audience.internal)
    assert all(not p.startswith("portals/") for p in internal.paths)
    assert internal.filename.endswith("-internal.pdf")


def test_on_hold_project_gets_weekly_reports_only_for_weeks_with_an_update(
    portfolio: Portfolio,
) -> None:
    data = portfolio.projects["hafenbahn-design-system"]
    weeks = {
        j.period.key
        for j in due_reports(portfolio, AS_OF)
        if j.project == data.id and j.kind == ReportKind.weekly and j.period
    }
    with_update = {
        f"{u.date.isocalendar().year}-W{u.date.isocalendar().week:02d}" for u in data.updates
    }
    assert weeks == with_update
    months = [
        j
        for j in due_reports(portfolio, AS_OF)
        if j.project == data.id and j.kind == ReportKind.monthly
    ]
    assert months, "an on-hold project still gets its monthly report"


@pytest.mark.slow
def test_rebuild_is_byte_identical_and_a_later_update_leaves_a_past_week_alone(
    tmp_path: Path, pdfs: dict[str, bytes]
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    later = root / "content" / "projects" / EN / "updates" / "2026-11-27.md"
    text = (root / "content" / "projects" / EN / "updates" / "2026-11-20.md").read_text()
    later.write_text(text.replace("date: 2026-11-20", "date: 2026-11-27"))
    changed = load_workspace(root)
    job = report_job(changed, ReportKind.weekly, EN, "2026-W47", Audience.client, AS_OF)
    again = render_report(Workspace(root), changed, job)
    assert again == pdfs["weekly-client"]


@pytest.mark.slow
def test_edge_cases_render_with_a_sensible_note(portfolio: Portfolio, tmp_path: Path) -> None:
    # A week without an update (W44 of the carrier portal has none).
    updates = {u.date for u in portfolio.projects[EN].updates}
    week = dt.date(2026, 10, 26)
    assert not any(week <= d <= week + dt.timedelta(days=6) for d in updates)
    # The client copy carries forward what stands and never says nothing was written; the
    # internal copy tells the team.
    text = text_of(_render(portfolio, "weekly", EN, "2026-W44", "client"), tmp_path)
    assert "No status update" not in text and "Decisions needed from you" in text
    text = text_of(_render(portfolio, "weekly", EN, "2026-W44", "internal"), tmp_path)
    assert "No status update was written in this period" in text
    # An on-hold project.
    text = text_of(
        _render(portfolio, "monthly", "hafenbahn-design-system", "2026-10", "client"), tmp_path
    )
    assert "The project is on hold." in text


@pytest.mark.slow
def test_no_budget_gives_a_note_and_a_long_table_repeats_its_header(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    folder = root / "content" / "projects" / EN
    project = (folder / "project.yaml").read_text()
    (folder / "project.yaml").write_text(
        re.sub(r"\nbudget:\n  bac: \d+\n  currency: EUR\n", "\n", project)
    )
    rows = "\n".join(f"| Carrier {n:03d} | onboarded | {n % 7} open tickets |" for n in range(90))
    update = folder / "updates" / "2026-11-20.md"
    update.write_text(
        update.read_text() + "\n\n| Carrier | State | Support |\n|---|---|---|\n" + rows + "\n"
    )
    changed = load_workspace(root)
    assert changed.projects[EN].project.budget is None
    job = report_job(changed, ReportKind.weekly, EN, "2026-W47", Audience.internal, AS_OF)
    pdf = render_report(Workspace(root), changed, job)
    text = text_of(pdf, tmp_path)
    assert "This project has no budget in project.yaml" in text
    assert "Budget at completion" not in text
    assert "Carrier 000" in text and "Carrier 089" in text
    # The narrative's table runs over a page break and its header row comes again.
    assert text.count("Carrier State Support") >= 2
