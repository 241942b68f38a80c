"""What a new user types and writes: every error in one run, hints that fit the mistake."""

from __future__ import annotations

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
