"""A respondent's name, e-mail, phone or IP is identity, never a question to quote.

A PM often adds "Your name" or "您的姓名" to a survey. With `survey_comments` shared, such a
column read as a text question would be quoted on the client's retrospective page and in the
client closing PDF, and kept in the archive. It is kept private instead.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.surveys.identity import identifies_respondent
from generator.load.workspace import load_workspace
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace
from tests.conftest import SURVEY_EXPORTS, WorkspaceFactory
from tests.site_build import build_sites

AS_OF = dt.date(2026, 6, 30)
# Long enough, and all different, to be read as free text by a reader that guesses
NAMES = (
    "Dr. Henrike Brückner-Albers",
    "Jakob Nowak von der Stiftung",
    "Mara Steinberg-Rossi",
    "王晓明（景华家居集团市场部经理）",
    "李雪梅（景华家居集团品牌部总监）",
    "张伟（景华家居集团信息技术部）",
)
CONTACTS = ("h.brueckner@lichthof.example", "wang.xm@jinghua.example", "151 2345 6789")
COMMENT = "Plan the content migration with more slack"

SURVEY = (
    "Timestamp,Your name,Full name,First name,Last name,姓名,您的姓名,Email,电子邮箱,"
    "Phone number,How likely are you to recommend us to a colleague?,"
    "What should we do differently next time?\r\n"
    f"6/19/2026 9:12:47,{NAMES[0]},{NAMES[0]},Henrike,Brückner,{NAMES[3]},{NAMES[3]},"
    "h.brueckner@lichthof.example,wang.xm@jinghua.example,151 2345 6789,9,"
    f'"{COMMENT}, please."\r\n'
    f"6/19/2026 9:40:03,{NAMES[1]},{NAMES[1]},Jakob,Nowak,{NAMES[4]},{NAMES[4]},,,,10,"
    "The weekly jour fixe was the most useful meeting of the spring.\r\n"
    f"6/19/2026 10:02:11,{NAMES[2]},{NAMES[2]},Mara,Steinberg,{NAMES[5]},{NAMES[5]},,,,8,"
    "Earlier written notice when a date moves.\r\n"
)

PROJECT = """\
title: Website relaunch
client: acme
manager: lena
status: closed
start: 2026-06-01
planned_end: 2026-06-19
actual_end: 2026-06-19
milestones:
  - id: design
    title: Design sign-off
    planned: 2026-06-10
    actual: 2026-06-10
    acceptance: accepted
    accepted_on: 2026-06-10
sharing:
  retrospective: true
  survey_comments: true
"""

RETRO = """\
---
date: 2026-06-19
went_well:
  - Launch without downtime.
---
"""


@pytest.fixture
def workspace(make_workspace: WorkspaceFactory) -> Path:
    root = make_workspace(
        {
            "content/projects/relaunch/project.yaml": PROJECT,
            "content/projects/relaunch/retrospective.md": RETRO,
        }
    )
    (root / "content/projects/relaunch/surveys").mkdir(parents=True)
    (root / "content/projects/relaunch/surveys/closing.csv").write_bytes(SURVEY.encode("utf-8"))
    return root


def _no_identity(text: str, where: str) -> None:
    for value in (*NAMES, *CONTACTS):
        assert value not in text, f"{where} shows {value!r}"


def test_survey_inspect_reads_no_identity_column_as_a_question(
    workspace: Path, run_cli: object
) -> None:
    result = run_cli(  # type: ignore[operator]
        "survey", "inspect", str(workspace / "content/projects/relaunch/surveys/closing.csv"),
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    texts = [q["text"] for q in report["questions"]]
    assert texts == [
        "How likely are you to recommend us to a colleague?",
        "What should we do differently next time?",
    ]
    _no_identity(result.output, "survey inspect")


def test_client_retrospective_page_and_closing_pdf_quote_comments_not_names(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_sites(workspace, out, AS_OF)
    page = (out / "portals/acme/relaunch/retrospective.html").read_text(encoding="utf-8")
    assert COMMENT in page  # the comments are shared...
    _no_identity(page, "the client's retrospective page")  # ...the names are not

    portfolio = load_workspace(workspace)
    job = report_job(portfolio, ReportKind.closing, "relaunch", None, Audience.client, AS_OF)
    pdf = tmp_path / "closing.pdf"
    pdf.write_bytes(render_report(Workspace(workspace), portfolio, job))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert COMMENT in re.sub(r"\s+", " ", text)
    _no_identity(text, "the client closing PDF")


def test_archive_keeps_the_answers_without_the_respondents(
    workspace: Path, run_cli: object
) -> None:
    result = run_cli(  # type: ignore[operator]
        "--workspace", str(workspace), "archive", "relaunch", "--as-of", "2026-06-30"
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(workspace / "output/archive/relaunch.zip") as archive:
        answers = archive.read("source/surveys/closing.csv.answers.json").decode("utf-8")
        assert COMMENT in answers
        _no_identity(answers, "answers.json")
        for name in archive.namelist():
            if name.endswith((".json", ".html", ".xml", ".txt", ".yaml", ".md")):
                _no_identity(archive.read(name).decode("utf-8"), name)


@pytest.mark.parametrize(
    "export",
    [
        "surveymonkey_ipipneo_misc_test_data.csv",  # First Name, Last Name, Email, IP
        "surveymonkey_ggwash_2022_anc_excel_resaved_redacted.csv",  # Contact information: Name
        "qualtrics_ropensci_sample_legacy.csv",  # Name, EmailAddress, IPAddress
        "wjx_reportgen_All_Data_Readable_CONVERTED_from_xls.csv",  # 来自IP
    ],
)
def test_real_exports_hold_no_identity_question(export: str, run_cli: object) -> None:
    result = run_cli("survey", "inspect", str(SURVEY_EXPORTS / export), "--json")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    questions = json.loads(result.output)["questions"]
    assert questions
    assert [q["text"] for q in questions if identifies_respondent(q["text"])] == []
    for value in ("Redacted Name", "redacted@example.invalid", "192.0.2.1"):
        assert value not in result.output


@pytest.mark.parametrize(
    ("header", "identity"),
    [
        ("Your name", True), ("Full name", True), ("First name", True), ("Last Name", True),
        ("姓名", True), ("您的姓名", True), ("1、您的姓名", True), ("请填写您的姓名（必填）", True),
        ("Email", True), ("电子邮箱", True), ("Phone number", True), ("手机号码：", True),
        ("IP Address", True), ("What is your name?", True), ("Your e-mail (optional)", True),
        ("Name one thing we did well", False), ("Project name", False),
        ("What should we improve?", False), ("您对项目沟通是否满意", False),
        ("Which name do you prefer for the product?", False),
    ],
)  # fmt: skip
def test_identity_headers(header: str, identity: bool) -> None:
    assert identifies_respondent(header) is identity


WJX = (
    "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您的姓名,2、电子邮箱,"
    "3、您对本项目的整体满意度,4、您还有什么意见和建议？\n"
    f"1,2026/9/12 10:00:00,120秒,手机提交,直接访问,192.0.2.1,{NAMES[3]},wang.xm@jinghua.example,"
    "5分,希望上线后能提供更多培训和说明文档\n"
    f"2,2026/9/12 11:00:00,100秒,手机提交,直接访问,192.0.2.1,{NAMES[4]},,"
    "4分,沟通及时，问题响应很快\n"
    f"3,2026/9/12 12:00:00,90秒,手机提交,直接访问,192.0.2.1,{NAMES[5]},,"
    "5分,文档齐全，交接顺利完成\n"
)


def test_a_wjx_name_question_is_identity_and_says_so(tmp_path: Path, run_cli: object) -> None:
    """问卷星 numbers its questions ("1、您的姓名"); the question is still identity."""
    export = tmp_path / "wjx.csv"
    export.write_text(WJX, encoding="utf-8")
    result = run_cli("survey", "inspect", str(export))  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    assert "Q1 ('您的姓名') identifies the respondent; it is kept private" in result.output
    as_json = run_cli("survey", "inspect", str(export), "--json")  # type: ignore[operator]
    texts = [q["text"] for q in json.loads(as_json.output)["questions"]]
    assert texts == ["您对本项目的整体满意度", "您还有什么意见和建议？"]
    _no_identity(as_json.output, "survey inspect --json")
