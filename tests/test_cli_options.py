"""What a user types: options after the command, wrong dates, periods and project ids."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import WorkspaceFactory


def test_workspace_and_lang_after_the_command(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace()
    result = run_cli("validate", "--workspace", str(root))
    assert result.exit_code == 0, result.output
    assert "Test Agency: workspace is valid" in result.output
    chinese = run_cli("validate", "-w", str(root), "--lang", "zh-CN")
    assert chinese.exit_code == 0, chinese.output
    assert "Test Agency：工作区检查通过" in chinese.output


def test_build_with_the_workspace_after_the_command(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace()
    args = ["build", "--workspace", str(root), "--only", "site", "--as-of", "2026-06-15", "-q"]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert (root / "output" / "portals" / "acme" / "relaunch" / "index.html").is_file()


def test_a_project_id_with_a_typo_names_the_nearest_project(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace()
    result = run_cli("report", "weekly", "relaunc", "--workspace", str(root))
    assert result.exit_code == 1
    assert "content/projects/relaunc: no project 'relaunc'" in result.output
    assert "hint: did you mean 'relaunch'?" in result.output
    assert not (root / "output").exists()


@pytest.mark.parametrize("command", ["build", "serve", "report weekly relaunch", "notify weekly"])
def test_a_wrong_as_of_date_is_a_usage_error(
    make_workspace: WorkspaceFactory, run_cli: Any, command: str
) -> None:
    root = make_workspace()
    result = run_cli("--workspace", str(root), *command.split(), "--as-of", "15.06.2026")
    assert result.exit_code == 2
    assert "'15.06.2026' is not a date; use YYYY-MM-DD" in result.output


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-W54", "'2026-W54' is not a period: a week runs from W01 to W52"),
        ("week 47", "'week 47' is not a period: write an ISO week like 2026-W47"),
    ],
)
def test_a_wrong_period_is_a_usage_error(
    make_workspace: WorkspaceFactory, run_cli: Any, period: str, message: str
) -> None:
    root = make_workspace()
    result = run_cli("-w", str(root), "notify", "weekly", "relaunch", "--period", period)
    assert result.exit_code == 2
    assert message in result.output
