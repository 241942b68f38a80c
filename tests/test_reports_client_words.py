"""What a reader of the demo's reports and portals reads, in English and Chinese (issue 14):

- a closed project's status is "Completed" / "已结项" on page 1 of its closing report, in the
  e-mail that sends it and on the chat card, the label the portal prints; not "On track";
- a task of "Work in progress" past its due date says so in words (Overdue / 已逾期), not
  only in red;
- no engine words (风险敞口, 登记表, 阈值, registers, top-2-box ...) in any client output:
  the client portals and the client PDFs;
- when nothing is off plan, every output says the same plain sentence.

Each PDF is rendered once per module as of the demo's date, 2026-11-30.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import re
import shutil
import subprocess
from email import policy
from pathlib import Path
from typing import Any

import pypdf
import pytest

from generator import i18n
from generator.analyze.audience import Audience
from generator.analyze.report_schedule import ReportJob
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.present.standing import standing_view
from generator.render.reports import job_view, periods, render_report
from generator.workspace import Workspace
from tests.site_build import build_sites

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
CP = "hafenbahn-carrier-portal"
CRM = "jinghua-crm"
JW = "jinghua-website"  # closed, zh-CN
LH = "lichthof-website"  # closed, en

CASES = {
    "lh-closing": ("closing", LH, None, "client"),
    "lh-closing-internal": ("closing", LH, None, "internal"),
    "jw-closing": ("closing", JW, None, "client"),
    "jw-closing-internal": ("closing", JW, None, "internal"),
    "cp-weekly": ("weekly", CP, "2026-W48", "client"),
    "cp-weekly-internal": ("weekly", CP, "2026-W48", "internal"),
    "cp-monthly": ("monthly", CP, "2026-11", "client"),
    "crm-weekly": ("weekly", CRM, "2026-W48", "client"),
    "crm-weekly-internal": ("weekly", CRM, "2026-W48", "internal"),
    "crm-monthly": ("monthly", CRM, "2026-11", "client"),
}
CLIENT = [k for k, case in CASES.items() if case[3] == "client"]
WEEKLIES = [k for k, case in CASES.items() if case[0] == "weekly"]


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_workspace(REPO)


def job_of(portfolio: Portfolio, key: str) -> ReportJob:
    kind, project, period, audience = CASES[key]
    return report_job(portfolio, ReportKind(kind), project, period, Audience(audience), AS_OF)


@pytest.fixture(scope="module")
def pdfs(portfolio: Portfolio) -> dict[str, bytes]:
    return {key: render_report(Workspace(REPO), portfolio, job_of(portfolio, key)) for key in CASES}


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def layout(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


# -- a closed project is Completed -------------------------------------------------------

COMPLETED = {"en": "Completed", "zh-CN": "已结项"}
ON_TRACK = {"en": "On track", "zh-CN": "进展正常"}


@pytest.mark.parametrize(
    ("key", "locale"),
    [
        ("lh-closing", "en"),
        ("lh-closing-internal", "en"),
        ("jw-closing", "zh-CN"),
        ("jw-closing-internal", "zh-CN"),
    ],
)
def test_closing_report_page_1_says_completed(
    pdfs: dict[str, bytes], key: str, locale: str
) -> None:
    first = pages(pdfs[key])[0]
    summary = first[first.index("Status summary" if locale == "en" else "状态概要") :]
    assert COMPLETED[locale] in summary[:200], summary[:200]
    assert ON_TRACK[locale] not in first


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's content in a folder of its own: `send` keeps a cache and a ledger there."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.mark.parametrize(("project", "locale"), [(LH, "en"), (JW, "zh-CN")])
def test_closing_email_and_chat_card_say_completed(
    demo_copy: Path, run_cli: Any, tmp_path: Path, project: str, locale: str
) -> None:
    outbox = tmp_path / "outbox"
    ws = ("--workspace", str(demo_copy))
    sent = run_cli(*ws, "send", "closing", project, "--as-of", "2026-11-30", "--dry-run",
                   "--outbox", str(outbox))  # fmt: skip
    assert sent.exit_code == 0, sent.output
    mails = sorted(outbox.glob("*.eml"))
    assert mails
    for path in mails:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in ("plain", "html"):
            body = message.get_body((part,)).get_content()
            assert COMPLETED[locale] in body, (path.name, part)
            assert ON_TRACK[locale] not in body, (path.name, part)
    card = run_cli(*ws, "notify", "closing", project, "--as-of", "2026-11-30", "--dry-run")
    assert card.exit_code == 0, card.output
    payloads = card.output
    assert f"✅ {COMPLETED[locale]}" in payloads
    assert ON_TRACK[locale] not in payloads


def test_portal_badge_and_status_json_of_a_closed_project_say_completed(tmp_path: Path) -> None:
    build_sites(REPO, tmp_path, AS_OF)
    for client, project, locale in (("stiftung-lichthof", LH, "en"), ("jinghua", JW, "zh-CN")):
        folder = tmp_path / "portals" / client / project
        status = json.loads((folder / "status.json").read_text(encoding="utf-8"))
        assert status["health"]["label"] == COMPLETED[locale]
        badge = (folder / "badge.svg").read_text(encoding="utf-8")
        assert COMPLETED[locale] in badge and ON_TRACK[locale] not in badge
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert COMPLETED[locale] in page


CLOSED_LINE = {
    "en": ("Project closed", "Period end", "Today"),
    "zh-CN": ("项目结项", "报告期末", "今天"),
}
CHART_LINE = re.compile(r'<g class="today">.*?</g>', re.S)
AXIS_LABEL = re.compile(r'text-anchor="middle"[^>]*>([^<]+)<')


@pytest.mark.parametrize(
    ("key", "locale"), [("lh-closing", "en"), ("jw-closing-internal", "zh-CN")]
)
def test_a_closing_report_marks_the_close_on_its_charts(
    pdfs: dict[str, bytes], key: str, locale: str
) -> None:
    closed, period_end, _ = CLOSED_LINE[locale]
    text = "\n".join(pages(pdfs[key]))
    assert closed in text and period_end not in text
    active = "cp-weekly" if locale == "en" else "crm-weekly"
    assert period_end in "\n".join(pages(pdfs[active]))  # a running project's period end


HEADING = re.compile(r"<h[1-6][^>]*>([^<]+)</h[1-6]>")
GOAL_FIGURE = re.compile(r'<span class="goal__label">([^<]+)</span>')
FIGURE_WORDS = {"en": ("Final value", "Now"), "zh-CN": ("最终值", "当前")}


def test_a_closed_projects_portal_reads_as_closed_not_as_of_today(tmp_path: Path) -> None:
    """Months after the close, the portal's charts stop at the close and say so; they do not
    run on to today with a "Today" line months beyond the last milestone. Its goals show
    their final values, as the closing report calls them, not values "now"."""
    files = build_sites(REPO, tmp_path, AS_OF)
    cases = [
        ("stiftung-lichthof", LH, "en", True),
        ("jinghua", JW, "zh-CN", True),
        ("hafenbahn", CP, "en", False),
    ]
    for client, project, locale, closed in cases:
        page = files[f"portals/{client}/{project}/index.html"].decode("utf-8")
        svgs = [svg for svg in re.findall(r"<svg.*?</svg>", page, re.S) if CHART_LINE.search(svg)]
        assert svgs, f"{project}: no chart with a date line"
        for svg in svgs:
            drawn = CHART_LINE.search(svg)
            assert drawn is not None
            line = re.findall(r">([^<]+)</text>", drawn.group(0))
            axis = AXIS_LABEL.findall(svg)
            if closed:
                assert line == [CLOSED_LINE[locale][0]], (project, line)
                assert not {"Nov", "11月"} & set(axis), (project, axis)
            else:
                assert line == [CLOSED_LINE[locale][2]], (project, line)
        headings = [h for h in HEADING.findall(page) if h in ("Contacts", "联系人")]
        assert len(headings) == 1, (project, "a section and its only part under one heading")
        final, now = FIGURE_WORDS[locale]
        figures = set(GOAL_FIGURE.findall(page))
        assert figures == ({final} if closed else {now}), (project, figures)


BUDGET_LINE = re.compile(
    r'<(li|dd) class="([^"]*)">([^<]*(?:预算|[Bb]udget)[^<]*(?:<strong>[^<]*</strong>)?)'
)
BUDGET_CARD = re.compile(r'<p class="budget__verdict">.*?</p>', re.S)


@pytest.mark.parametrize(
    ("client", "project", "verdict", "alarm"),
    [
        ("jinghua", JW, "略超预算（2%）", False),  # 102%: within the cost rule, a green card
        ("stiftung-lichthof", LH, "6% over budget", True),  # 106%: an amber card
    ],
)
def test_a_closed_projects_budget_reads_and_colours_alike_everywhere(
    tmp_path: Path, client: str, project: str, verdict: str, alarm: bool
) -> None:
    """The same overrun was a green tick in the budget card and red text in the summary
    above it ("超出预算2%"): one verdict and one colour on the page and on the portal home."""
    files = build_sites(REPO, tmp_path, AS_OF)
    page = files[f"portals/{client}/{project}/index.html"].decode("utf-8")
    home = files[f"portals/{client}/index.html"].decode("utf-8")
    card = BUDGET_CARD.search(page)
    assert card is not None and verdict in card.group(0)
    assert ("✓" not in card.group(0)) == alarm
    one_project = 'http-equiv="refresh"' in home  # the home sends the reader on at once
    for html in (page,) if one_project else (page, home):
        lines = [m for m in BUDGET_LINE.finditer(html) if verdict in m.group(3)]
        assert lines, f"{project}: {verdict!r} not in the summary line"
        assert all(("neg" in m.group(2)) == alarm for m in lines), [m.group(0) for m in lines]


# -- an overdue task says so -----------------------------------------------------------

OVERDUE = {"en": "Overdue", "zh-CN": "已逾期"}
WIP = {"en": "Work in progress", "zh-CN": "进行中的工作"}


@pytest.mark.parametrize("key", WEEKLIES)
def test_work_in_progress_flags_overdue_tasks_in_words(
    portfolio: Portfolio, pdfs: dict[str, bytes], key: str, tmp_path: Path
) -> None:
    job = job_of(portfolio, key)
    view = job_view(portfolio, job)
    window, ahead = periods(portfolio, job)
    rows = standing_view(view.lens, window, ahead).in_progress
    locale = view.lens.locale
    assert any(r.overdue for r in rows), "the demo's last week has tasks past their due date"
    text = layout(pdfs[key], tmp_path)
    table = text[text.index(WIP[i18n.language(locale)]) :]
    starts = [table.index(r.title) for r in rows]  # soonest due first, as printed
    for n, row in enumerate(rows):
        end = starts[n + 1] if n + 1 < len(rows) else starts[n] + 400
        block = table[starts[n] : end]
        assert (OVERDUE[i18n.language(locale)] in block) == row.overdue, (row.title, row.due, block)


# -- client language ---------------------------------------------------------------------

# Words of the engine a client must not read, in either language (case-insensitive).
ENGINE_WORDS = (
    "风险敞口",
    "敞口",
    "登记表",
    "阈值",
    "前两项",
    "健康检查",
    "registers",
    "top-2-box",
    "(limit ",
    "threshold",
    "No rule of the health check",
    "No status update",
    "未提交状态更新",
)


def _engine_words(text: str) -> list[str]:
    low = text.lower()
    return [w for w in ENGINE_WORDS if w.lower() in low]


@pytest.mark.parametrize("key", CLIENT)
def test_client_pdfs_speak_no_engine_language(pdfs: dict[str, bytes], key: str) -> None:
    text = re.sub(r"\s+", " ", " ".join(pages(pdfs[key])))
    assert _engine_words(text) == [], key


def test_client_portals_speak_no_engine_language(tmp_path: Path) -> None:
    """Every file of every client portal: pages, feeds, status.json, badges, in en and zh."""
    files = build_sites(REPO, tmp_path, AS_OF)
    found = {}
    seen_zh = seen_en = False
    for rel, data in files.items():
        if not rel.startswith("portals/") or not rel.endswith((".html", ".xml", ".json", ".svg")):
            continue
        text = data.decode("utf-8")
        seen_zh |= 'lang="zh-CN"' in text
        seen_en |= 'lang="en"' in text
        if words := _engine_words(text):
            found[rel] = words
    assert seen_zh and seen_en, "both languages' portals are scanned"
    assert found == {}


def test_a_project_with_nothing_off_plan_says_so_in_plain_words(
    make_workspace: Any, tmp_path: Path
) -> None:
    """No PM reason and no computed one: status.json and the portal say the sentence page 1
    of a report says, not "No rule of the health check is triggered"."""
    root = make_workspace()
    files = build_sites(root, tmp_path / "out", dt.date(2026, 6, 14))
    status = json.loads(files["portals/acme/relaunch/status.json"])
    assert status["health"]["reason"] == "Milestones, work and risks are going to plan."
    page = files["portals/acme/relaunch/index.html"].decode("utf-8")
    assert "Milestones, work and risks are going to plan." in page
    assert "health check" not in page


# -- Chinese copies: one date style, no English labels; no file names ---------------------

ZH_KEYS = [k for k, case in CASES.items() if case[1] in (CRM, JW)]
SPACED_DATE = re.compile(r"\d+ 年 \d+ 月|\d+ 月 \d+ 日")


@pytest.mark.parametrize("key", ZH_KEYS)
def test_chinese_reports_write_every_date_one_way(pdfs: dict[str, bytes], key: str) -> None:
    """The engine prints 2026年9月8日; the PM's own text in the demo does the same, so a
    reader never meets "2026 年 9 月 8 日" beside it in one report."""
    text = " ".join(pages(pdfs[key]))
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text), "the engine's dates are there"
    assert SPACED_DATE.findall(text) == [], key


@pytest.mark.parametrize("key", ZH_KEYS)
def test_chinese_reports_carry_no_english_labels(pdfs: dict[str, bytes], key: str) -> None:
    text = " ".join(pages(pdfs[key]))
    assert [w for w in ("SMART", "CSAT") if w in text] == [], key


@pytest.mark.parametrize("key", ["lh-closing-internal", "jw-closing-internal"])
def test_closing_reports_name_no_workspace_file(pdfs: dict[str, bytes], key: str) -> None:
    """The retrospective is quoted in the internal closing: no path of the workspace in it."""
    text = " ".join(pages(pdfs[key]))
    assert ("Lessons learned" if key.startswith("lh") else "经验教训") in text
    assert re.findall(r"\S+\.(?:csv|xlsx|yaml|md)\b", text) == [], key
