"""What a new user types and writes: every error in one run, hints that fit the mistake."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tests.conftest import MINIMAL, WorkspaceFactory

PROJECT = "content/projects/relaunch/project.yaml"
TASKS = "content/projects/relaunch/tasks.yaml"


def _lang(chinese: bool) -> list[str]:
    return ["--lang", "zh-CN"] if chinese else []


def test_validate_reports_schema_reference_and_date_errors_in_one_run(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace(
        {
            PROJECT: MINIMAL[PROJECT].rstrip(" ") + "        sponsor: Acme board\n",
            TASKS: """\
                tasks:
                  - id: T1
                    titel: Wireframes
                    start: 2026-06-01
                    due: 2026-06-20
                  - id: T2
                    title: Build
                    owner: nobody
                    milestone: desgin
                    start: 2026-06-01
                    due: 2026-06-20
                """,
            "content/projects/relaunch/updates/2026-05-29.md": """\
                ---
                date: 2026-05-29
                author: lena
                health: green
                ---
                Before the start.
                """,
        }
    )
    result = run_cli("--workspace", str(root), "validate")
    assert result.exit_code == 1
    out = result.output
    assert f"{PROJECT}:19:1: unknown key 'sponsor'" in out
    assert f"{TASKS}:3:5: unknown key 'titel'" in out
    # the reference errors of the valid task, at its own lines, in the same run
    assert f"{TASKS}:8:12: task owner 'nobody' is not in content/people.yaml" in out
    assert f"{TASKS}:9:16: milestone 'desgin' is not defined in project.yaml" in out
    assert "hint: did you mean 'design'?" in out
    assert (
        "updates/2026-05-29.md:2:7: update dated 2026-05-29 is before the project start "
        "2026-06-01" in out
    )
    assert "6 errors" in out


def test_a_record_with_its_own_error_is_not_reported_again_where_it_is_named(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    people = """\
        people:
          - id: lena
            name: Lena Hoffmann
            role: Project manager
          - id: tom
            role: Developer
        """
    project = MINIMAL[PROJECT].replace("planned: 2026-07-15", "planned: 15.07.2026")
    tasks = """\
        tasks:
          - id: T1
            title: Wireframes
            owner: tom
            milestone: design
            start: 2026-06-01
            due: 2026-06-20
          - id: T2
            title: Build
            owner: nobody
            start: 2026-06-01
            due: 2026-06-20
        """
    root = make_workspace({"content/people.yaml": people, PROJECT: project, TASKS: tasks})
    result = run_cli("--workspace", str(root), "validate")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert lines == [
        "content/people.yaml:5:5: missing required key 'name'",
        f"{PROJECT}:18:14: planned: '15.07.2026' is not a date",
        f"{TASKS}:10:12: task owner 'nobody' is not in content/people.yaml",
        "3 errors",
    ]  # no "task owner 'tom'" and no "milestone 'design'": both have errors of their own


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_a_weekday_written_out_gets_the_abbreviation_as_hint(
    make_workspace: WorkspaceFactory, run_cli: Any, chinese: bool
) -> None:
    meeting = (
        "        communication:\n"
        "          meetings:\n"
        "            - title: Weekly status\n"
        "              cadence: weekly\n"
        "              weekday: Friday\n"
    )
    root = make_workspace({PROJECT: MINIMAL[PROJECT].rstrip(" ") + meeting})
    result = run_cli("--workspace", str(root), *_lang(chinese), "validate")
    assert result.exit_code == 1
    assert f"{PROJECT}:23:16: " in result.output
    if chinese:
        assert "您是不是要写 'Fri'？" in result.output
        assert "小写" not in result.output
    else:
        assert "weekday must be one of 'Mon', 'Tue'" in result.output
        assert "hint: did you mean 'Fri'?" in result.output
        assert "lower case" not in result.output


UPDATE = MINIMAL["content/projects/relaunch/updates/2026-06-12.md"]


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_an_update_named_after_another_date_or_no_date_is_a_warning(
    make_workspace: WorkspaceFactory, run_cli: Any, chinese: bool
) -> None:
    updates = "content/projects/relaunch/updates"
    root = make_workspace(
        {
            f"{updates}/week53.md": UPDATE.replace("2026-06-12", "2026-06-19"),
            f"{updates}/2026-06-25.md": UPDATE.replace("2026-06-12", "2026-06-26"),
            f"{updates}/2026-06-26-client.md": UPDATE.replace("2026-06-12", "2026-06-26"),
        }
    )
    result = run_cli("--workspace", str(root), *_lang(chinese), "validate")
    assert result.exit_code == 0, result.output  # a warning, not an error
    out = result.output
    assert "2026-06-26-client.md" not in out and "2026-06-12.md" not in out
    if chinese:
        assert f"{updates}/week53.md:2:7: 警告：文件名 'week53.md' 不是日期" in out
        assert (
            f"{updates}/2026-06-25.md:2:7: 警告：文件名写的是 2026-06-25，"
            "但 date: 写的是 2026-06-26" in out
        )
        assert "例如 2026-06-19.md" in out
    else:
        assert f"{updates}/week53.md:2:7: warning: the file name 'week53.md' is not a date" in out
        assert (
            f"{updates}/2026-06-25.md:2:7: warning: the file name says 2026-06-25, "
            "but date: says 2026-06-26" in out
        )
        assert "hint: name an update after its date, e.g. 2026-06-19.md" in out


def _last_update_cell(root: Any, run_cli: Any, as_of: str) -> str:
    args = ["--workspace", str(root), "build", "--only", "site", "--as-of", as_of, "-q"]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    page = (root / "output" / "internal" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr>\s*<th scope="row"><a href="relaunch/index.html">.*?</tr>', page, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row[0], re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cells[-1]).split())


def test_an_update_written_on_the_as_of_date_is_not_stale(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace()  # the last update is dated 2026-06-12
    assert _last_update_cell(root, run_cli, "2026-06-12") == "0 days"
    assert _last_update_cell(root, run_cli, "2026-06-22") == "10 days Stale"


def test_feed_links_are_absolute_when_the_site_has_a_base_url(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    site = (
        MINIMAL["content/site.yaml"].rstrip(" ") + "        base_url: https://status.example.com/\n"
    )
    root = make_workspace({"content/site.yaml": site})
    args = ["--workspace", str(root), "build", "--only", "site", "--as-of", "2026-06-15", "-q"]
    assert run_cli(*args).exit_code == 0
    feed = ET.parse(root / "output/portals/acme/relaunch/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    portal = "https://status.example.com/portals/acme/relaunch/"
    links = {(link.get("rel"), link.get("href")) for link in feed.findall("a:link", ns)}
    assert links == {("alternate", f"{portal}index.html"), ("self", f"{portal}feed.xml")}
    (entry,) = feed.findall("a:entry", ns)
    href = entry.find("a:link", ns).get("href")  # type: ignore[union-attr]
    assert href.startswith(f"{portal}updates/") and href.endswith(".html")
    # the link leads to the page the build wrote
    assert (root / "output/portals/acme/relaunch" / href.removeprefix(portal)).is_file()


def test_feed_links_are_relative_without_a_base_url(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace()
    args = ["--workspace", str(root), "build", "--only", "site", "--as-of", "2026-06-15", "-q"]
    assert run_cli(*args).exit_code == 0
    feed = ET.parse(root / "output/portals/acme/relaunch/feed.xml").getroot()
    hrefs = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert "index.html" in hrefs and all(not h.startswith("http") for h in hrefs)


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_a_report_of_a_week_not_yet_ended_says_so_and_shows_the_as_of_date(
    make_workspace: WorkspaceFactory, run_cli: Any, chinese: bool
) -> None:
    later = UPDATE.replace("2026-06-12", "2026-06-19").replace("Kick-off held", "Staging live")
    root = make_workspace({"content/projects/relaunch/updates/2026-06-19.md": later})
    args = ["--workspace", str(root), *_lang(chinese), "report", "weekly", "relaunch"]
    pdf = root / "w25.pdf"
    result = run_cli(*args, "--period", "2026-W25", "--as-of", "2026-06-17", "-o", str(pdf))
    assert result.exit_code == 0, result.output
    if chinese:
        assert (
            "--period: 警告：2026-W25 尚未结束（至 2026-06-21）：报告中的数据截至 2026-06-17"
            in (result.output)
        )
        assert "如需整周的报告，请在 2026-06-21 之后生成" in result.output
    else:
        assert (
            "--period: warning: 2026-W25 has not ended (it runs until 2026-06-21): "
            "the figures are as of 2026-06-17" in result.output
        )
        assert "hint: for the whole week, run the report after 2026-06-21" in result.output
    assert "Staging live" not in _pdf_text(pdf)  # written on 19 June, after the as-of date
    if not chinese:  # once the week has ended, the update of 19 June is in its report
        whole = root / "w25-whole.pdf"
        again = run_cli(*args, "--period", "2026-W25", "--as-of", "2026-06-22", "-o", str(whole))
        assert again.exit_code == 0 and "has not ended" not in again.output
        assert "Staging live" in _pdf_text(whole)


def _pdf_text(path: Any) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def test_a_report_of_a_week_not_yet_begun_is_refused(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace()
    args = ["--workspace", str(root), "report", "weekly", "relaunch", "--as-of", "2026-06-17"]
    result = run_cli(*args, "--period", "2026-W30")
    assert result.exit_code == 1
    assert "--period: 2026-W30 starts on 2026-07-20, after the as-of date 2026-06-17" in (
        result.output
    )
    assert not (root / "output").exists()
