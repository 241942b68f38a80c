"""Client satisfaction in the PDF reports, checked against the survey exports themselves.

Expected figures are computed here from the demo CSVs with the csv module and the formulas
of the spec (promoters 9-10, detractors 0-6, SE = sqrt((p+ + p- - (p+ - p-)^2) / n)), not
taken from the renderer.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.errors import ContentErrors
from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 26)
EN = "lichthof-website"  # Google Forms export, shares survey comments with the client
ZH = "jinghua-website"  # wjx export, does not share comments
SURVEY = "surveys/client-satisfaction.csv"
NO_DATA_ZH = "本项目暂无客户满意度调查数据。"
CSAT_LABELS = {"非常不满意": 1, "不满意": 2, "一般": 3, "满意": 4, "非常满意": 5}


def _rows(project: str) -> list[dict[str, str]]:
    path = REPO / "content" / "projects" / project / SURVEY
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _column(rows: list[dict[str, str]], start: str) -> list[str]:
    name = next(k for k in rows[0] if k.startswith(start))
    return [r[name] for r in rows]


def _signed(value: float) -> str:
    whole = round(value)
    return "0" if whole == 0 else f"{whole:+d}"


def expected(nps: list[int], csat: list[int]) -> dict[str, str]:
    n = len(nps)
    promoters = sum(1 for v in nps if v >= 9)
    detractors = sum(1 for v in nps if v <= 6)
    plus, minus = promoters / n, detractors / n
    se = math.sqrt((plus + minus - (plus - minus) ** 2) / n)
    low, high = max(-1.0, plus - minus - 1.96 * se), min(1.0, plus - minus + 1.96 * se)
    top2 = sum(1 for v in csat if v >= 4)
    return {
        "n": str(n),
        "nps": _signed(100 * (plus - minus)),
        "low": _signed(100 * low),
        "high": _signed(100 * high),
        "promoters": str(promoters),
        "passives": str(n - promoters - detractors),
        "detractors": str(detractors),
        "csat": f"{round(100 * top2 / len(csat))}%",
        "mean": f"{sum(csat) / len(csat):.1f}",
    }


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_workspace(REPO)


def _render(
    portfolio: Portfolio,
    project: str,
    audience: str,
    root: Path = REPO,
    kind: str = "closing",
    period: str | None = None,
    problems: list[str] | None = None,
) -> bytes:
    job = report_job(portfolio, ReportKind(kind), project, period, Audience(audience), AS_OF)
    return render_report(Workspace(root), portfolio, job, problems=problems)


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    # Content-stream order (-raw): the figure boxes stand side by side on the page, and
    # pdftotext's reading order may read across them.
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return re.sub(r"\s+", " ", out.stdout)


@pytest.fixture(scope="module")
def closing(portfolio: Portfolio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("closing")
    return {
        f"{project}-{audience}": text_of(_render(portfolio, project, audience), tmp)
        for project in (EN, ZH)
        for audience in ("client", "internal")
    }


def test_english_closing_report_quotes_the_exports_nps_and_csat(closing: dict[str, str]) -> None:
    rows = _rows(EN)
    nps = [int(v) for v in _column(rows, "How likely")]
    csat = [int(v) for v in _column(rows, "Overall, how satisfied")]
    want = expected(nps, csat)
    for audience in ("client", "internal"):
        text = closing[f"{EN}-{audience}"]
        assert "No client satisfaction survey data" not in text
        figures = text.split("complete responses.")[1].split("Ratings by topic")[0]
        assert f" {want['nps']} " in figures
        assert (
            f"Net Promoter Score (n = {want['n']}; 95% interval {want['low']} to {want['high']})"
        ) in text
        assert (
            f"Promoters {want['promoters']} · passives {want['passives']} · "
            f"detractors {want['detractors']}"
        ) in text
        comma = want["mean"].replace(".", ",")  # Lichthof reads en-DE: a decimal comma
        assert f"{want['csat']} mean {comma} of 5" in text
        assert "Satisfied (CSAT): share answering 4 or 5 on the 1–5 satisfaction" in text
        assert "Closing survey, closed on 26 Aug 2026: 10 complete responses." in text
        # A Likert row: Keeping to schedule 10 answers, 0 1 3 5 1, median 4, 60% top two.
        schedule = [int(v) for v in _column(rows, "Rate us [Keeping to schedule]")]
        counts = " ".join(str(schedule.count(p)) for p in range(1, 6))
        top2 = round(100 * sum(1 for v in schedule if v >= 4) / len(schedule))
        assert f"Keeping to schedule {len(schedule)} {counts} 4,0 {top2}%" in text  # en-DE


def test_chinese_closing_report_quotes_the_exports_nps_and_csat(closing: dict[str, str]) -> None:
    rows = _rows(ZH)
    nps = [int(v) for v in _column(rows, "1、")]
    csat = [CSAT_LABELS[v] for v in _column(rows, "2、")]
    want = expected(nps, csat)
    for audience in ("client", "internal"):
        text = closing[f"{ZH}-{audience}"].replace(" ", "")
        assert NO_DATA_ZH not in text
        spaced = closing[f"{ZH}-{audience}"]
        assert f" {want['nps']} " in spaced.split("完整答卷。")[1].split("分项评分")[0]
        assert f"净推荐值NPS（n={want['n']}；95%置信区间{want['low']}至{want['high']}）" in text
        assert (
            f"推荐者{want['promoters']}人·被动者{want['passives']}人·贬损者{want['detractors']}人"
        ) in text
        assert f"{want['csat']}平均{want['mean']}分（满分5分）" in text
        assert "满意率：在1–5分满意度中选择4分或5分的比例" in text
        assert "CSAT" not in text  # no English label in the Chinese copy
        assert "结项满意度调查（2026年9月22日截止）：共收到10份完整答卷。" in text
        assert "分项评分" in text


def test_no_respondent_email_or_ip_in_any_report(closing: dict[str, str]) -> None:
    emails = _column(_rows(EN), "Email Address")
    ips = [v.split("(")[0] for v in _column(_rows(ZH), "来自IP")]
    assert len(emails) == 10 and len(ips) == 10
    for text in closing.values():
        assert "@" not in text
        for secret in emails + [e.split("@")[0] for e in emails] + ips:
            assert secret not in text


def test_comments_reach_the_client_only_when_the_project_shares_them(
    closing: dict[str, str], portfolio: Portfolio
) -> None:
    assert portfolio.projects[EN].project.sharing.survey_comments
    assert not portfolio.projects[ZH].project.sharing.survey_comments
    en_comment = "Launch moved twice and we heard about the second move in the jour fixe"
    assert en_comment in closing[f"{EN}-client"]
    assert "In the client's own words" in closing[f"{EN}-client"]
    zh_comment = "周报清晰，问题跟进及时。建议视觉评审时一次性把决策人请到场，少走弯路。"
    assert zh_comment in closing[f"{ZH}-internal"].replace(" ", "")
    assert "客户版报告不含此部分" in closing[f"{ZH}-internal"].replace(" ", "")
    client = closing[f"{ZH}-client"].replace(" ", "")
    assert "客户原话" not in client
    for comment in _column(_rows(ZH), "5、"):
        if comment != "(空)":
            assert comment.replace(" ", "") not in client


# -- waves, small samples, unreadable exports --------------------------------------------

PULSE = """\
wave: {wave}
date: {date}
invited: {invited}
questions:
  - {{id: rec, text: "How likely are you to recommend us to a colleague?", kind: nps}}
  - {{id: sat, text: "How satisfied are you so far?", kind: csat}}
responses:
{responses}
"""


def _pulse(wave: str, date: str, answers: list[tuple[int, int]], invited: int) -> str:
    lines = "\n".join(f"  - {{rec: {n}, sat: {s}}}" for n, s in answers)
    return PULSE.format(wave=wave, date=date, invited=invited, responses=lines)


MID = [(9, 4), (10, 5), (8, 4), (6, 3), (9, 4), (7, 4), (10, 5), (5, 2), (9, 4), (8, 3), (9, 5)]
AFTER = [(9, 5), (10, 5), (6, 3), (8, 4), (9, 4), (7, 4), (3, 2)]


@pytest.fixture(scope="module")
def waves_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with two more waves for the English project and 14 people invited to the final."""
    root = tmp_path_factory.mktemp("waves")
    shutil.copytree(REPO / "content", root / "content")
    surveys = root / "content" / "projects" / EN / "surveys"
    (surveys / "mid-project-pulse.yaml").write_text(
        _pulse("Mid-project pulse", "2026-06-12", MID, 15), encoding="utf-8"
    )
    (surveys / "after-launch-pulse.yaml").write_text(
        _pulse("After-launch pulse", "2026-10-02", AFTER, 12), encoding="utf-8"
    )
    mapping = surveys / "client-satisfaction.yaml"
    mapping.write_text(mapping.read_text() + "invited: 14\n", encoding="utf-8")
    return root


def test_several_waves_show_as_a_trend_and_a_small_wave_gives_counts_only(
    waves_workspace: Path, tmp_path: Path
) -> None:
    changed = load_workspace(waves_workspace)
    assert len(changed.projects[EN].survey_files) == 3
    text = text_of(_render(changed, EN, "client", waves_workspace), tmp_path)
    mid = expected([n for n, _ in MID], [s for _, s in MID])
    final = expected(
        [int(v) for v in _column(_rows(EN), "How likely")],
        [int(v) for v in _column(_rows(EN), "Overall, how satisfied")],
    )
    after_promoters = sum(1 for n, _ in AFTER if n >= 9)
    after_detractors = sum(1 for n, _ in AFTER if n <= 6)
    after_top2 = sum(1 for _, s in AFTER if s >= 4)
    # The latest wave has 7 answers: counts, no score, no percentage, no mean.
    assert f"{after_promoters} of 7 promoters (9–10). Fewer than 10 answers" in text
    assert f"detractors {after_detractors}" in text
    assert f"{after_top2} of 7 answered 4 or 5" in text
    assert "After-launch pulse, closed on 2 Oct 2026: 7 complete responses." in text
    assert "12 people were invited, a response rate of 58%." in text
    assert "Net Promoter Score (n = 7" not in text
    # The trend: oldest first; the final wave's change is against the mid-project pulse.
    trend = text.split("Client satisfaction trend")[1]
    nps_change = _signed(int(final["nps"]) - int(mid["nps"]))
    csat_change = _signed(int(final["csat"][:-1]) - int(mid["csat"][:-1]))
    assert f"Mid-project pulse 12 Jun 2026 11 {mid['nps']} — {mid['csat']} —" in trend
    assert (
        f"Closing survey 26 Aug 2026 10 {final['nps']} {nps_change} {final['csat']} "
        f"{csat_change} pts"
    ) in trend
    assert f"After-launch pulse 2 Oct 2026 7 {after_promoters} of 7 promoters — " in trend


def test_monthly_report_shows_the_waves_closed_by_its_month_end(
    waves_workspace: Path, tmp_path: Path
) -> None:
    changed = load_workspace(waves_workspace)
    text = text_of(
        _render(changed, EN, "client", waves_workspace, kind="monthly", period="2026-08"),
        tmp_path,
    )
    assert "Client satisfaction trend" in text  # in the contents and as a heading
    assert "The client has answered 2 satisfaction surveys so far" in text
    assert "Mid-project pulse" in text and "Closing survey" in text
    assert "After-launch pulse" not in text  # closed in October, after this month
    # Before the second wave closed there is no trend to show.
    june = _render(changed, EN, "client", waves_workspace, kind="monthly", period="2026-06")
    assert "Client satisfaction trend" not in text_of(june, tmp_path)


def test_an_unreadable_export_is_named_in_the_report_and_in_the_problems(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    # `validate` refuses a damaged export; the report must still cope when the file is
    # damaged after loading (an interrupted download while the build runs).
    changed = load_workspace(root)
    export = root / "content" / "projects" / EN / SURVEY
    # Cut off inside a quoted answer, as an interrupted download leaves it.
    content = export.read_text(encoding="utf-8")
    export.write_text(content[: content.index("Visitor services") + 20], encoding="utf-8")
    problems: list[str] = []
    pdf = _render(changed, EN, "client", root, problems=problems)
    text = text_of(pdf, tmp_path)
    rel = f"content/projects/{EN}/{SURVEY}"
    assert f"The survey export {rel} could not be read" in text
    assert "Net Promoter Score" not in text
    assert problems and all(p.startswith(f"{EN} closing client: {rel}:") for p in problems)
    # Strict rendering (no problems list) refuses, with the file and line.
    with pytest.raises(ContentErrors) as err:
        _render(changed, EN, "client", root)
    assert err.value.errors[0].path == rel and err.value.errors[0].line > 1
