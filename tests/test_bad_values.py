"""Values that passed `validate` and then crashed or hung the build: now a working build or a
message with file:line and a hint, exit 1, and never a traceback.

Broken files that only need a message live in tests/corpus/; this file holds the cases that
must build, the command-line options, and the ones that need a workspace made in code.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.analyze.earned_value import earned_value
from generator.cli import main

AS_OF = "2026-11-20"
PROJECT = "content/projects/relaunch/project.yaml"


def _cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), "--lang", "en", *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def _text(page: Path) -> str:
    """What a reader sees of a page: its text, tags removed, spaces collapsed."""
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def _append(root: Path, rel: str, text: str) -> None:
    file = root / rel
    file.write_text(file.read_text() + text)


# -- budget: {bac: 0} --------------------------------------------------------------------


def test_a_zero_budget_leaves_every_ratio_undefined() -> None:
    value = earned_value(0, 0.5, 0.25, 12_000)
    assert (value.spi, value.cpi, value.tcpi, value.eac, value.spent_fraction) == (None,) * 5
    assert value.ac == 12_000 and value.cv == -12_000


def test_a_zero_budget_builds_and_shows_dashes(make_workspace: Any) -> None:
    """Internal work nobody pays for: the build works and no index reads 0.00."""
    root = make_workspace(
        {"content/projects/relaunch/costs.yaml": "costs:\n  - {date: 2026-06-30, amount: 1200}\n"}
    )
    _append(root, PROJECT, "budget: {bac: 0}\n")
    code, output = _cli(root, "build", "--only", "site", "--as-of", AS_OF)
    assert code == 0, output
    assert "Traceback" not in output
    internal = _text(root / "output/internal/relaunch/index.html")
    assert "Budget used — " in internal
    assert "CPI — " in internal and "SPI — " in internal and "TCPI — " in internal
    assert "0.00" not in internal
    portal = _text(root / "output/portals/acme/relaunch/index.html")
    assert "Budget used — " in portal


# -- dates at the edges, and the command-line options ---------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1969-12-31", "2201-01-01"])
def test_as_of_outside_the_planned_years_is_a_usage_error(make_workspace: Any, day: str) -> None:
    root = make_workspace()
    code, output = _cli(root, "build", "--only", "site", "--as-of", day)
    assert code == 2, output
    assert f"{day} is outside the dates milepost plans with (1970-01-01 to 2200-12-31)" in output
    assert "Traceback" not in output
    assert not (root / "output").exists()


@pytest.mark.parametrize("day", ["1970-01-01", "2200-12-31"])
def test_as_of_at_the_edges_of_the_planned_years_builds(make_workspace: Any, day: str) -> None:
    root = make_workspace()
    code, output = _cli(root, "build", "--only", "site", "--as-of", day)
    assert code == 0, output
    assert (root / "output/portals/acme/relaunch/index.html").is_file()


@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_jobs_below_one_is_a_usage_error(make_workspace: Any, jobs: str) -> None:
    root = make_workspace()
    code, output = _cli(root, "build", "--only", "site", "--as-of", AS_OF, "--jobs", jobs)
    assert code == 2, output
    assert f"Invalid value for '--jobs': {jobs} workers cannot build anything" in output
    assert not (root / "output").exists()


@pytest.mark.parametrize("day", ["garbage", "2026-02-30", "9999-01-01"])
def test_serve_refuses_a_bad_as_of_before_it_starts(make_workspace: Any, day: str) -> None:
    root = make_workspace()
    code, output = _cli(root, "serve", "--port", "0", "--as-of", day)
    assert code == 2, output
    assert "Traceback" not in output
    assert "Invalid value" in output and day in output


def test_import_tasks_with_a_broken_site_yaml_gives_a_message(
    make_workspace: Any, tmp_path: Path
) -> None:
    """The import needs only the time zone: site.yaml is read leniently, never a traceback."""
    root = make_workspace({"content/site.yaml": "name: [broken\ntimezone: UTC\n"})
    export = tmp_path / "jira.csv"
    export.write_text("Summary,Status\nWireframes,Done\n")
    code, output = _cli(root, "import", "tasks", str(export), "--project", "relaunch")
    assert code == 1, output
    assert "Traceback" not in output
    assert f"{export}:1: cannot tell which tracker wrote this export" in output
    assert "hint:" in output


# -- plausible but probably mistaken: warnings, with file:line -----------------------------


def test_validate_warns_about_a_start_decades_before_the_first_update(
    make_workspace: Any,
) -> None:
    root = make_workspace()
    project = root / PROJECT
    project.write_text(project.read_text().replace("start: 2026-06-01", "start: 1970-01-05"))
    code, output = _cli(root, "validate")
    assert code == 0, output
    lines = output.splitlines()
    assert (
        f"{PROJECT}:4:8: warning: from 1970-01-05 to 2026-12-18 this project plans "
        "3,656 weekly and monthly reports"
    ) in lines
    assert (
        f"{PROJECT}:4:8: warning: the project starts on 1970-01-05, 56 years before its "
        "first update (2026-06-12)"
    ) in lines
    assert "    hint: check the year of start" in lines


def test_a_normal_project_gets_no_warning(make_workspace: Any) -> None:
    code, output = _cli(make_workspace(), "validate")
    assert code == 0 and "warning" not in output


def test_messages_about_values_are_in_chinese(make_workspace: Any) -> None:
    root = make_workspace({"content/projects/index.html/project.yaml": "title: x\n"})
    result = CliRunner().invoke(
        main, ["--workspace", str(root), "--lang", "zh-CN", "validate"], catch_exceptions=False
    )
    assert "content/projects/index.html: “index.html”不能用作项目 id" in result.output
    assert "\n    提示：请重命名，例如改为“index-html”" in result.output  # no space after ：


# -- Markdown limits apply to the narrative, which is the only Markdown ----------------------

UPDATE = "content/projects/relaunch/updates/2026-06-19.md"


def test_markdown_limits_name_the_line_of_the_body(make_workspace: Any) -> None:
    body = "Fine start.\n\n" + "[" * 300 + "\n"
    root = make_workspace(
        {UPDATE: f"---\ndate: 2026-06-19\nauthor: lena\nhighlights: [Done]\n---\n{body}"}
    )
    code, output = _cli(root, "validate")
    assert code == 1
    assert f"{UPDATE}:8:1: this paragraph has more than 250 '[' (links or brackets)" in output
    assert "hint: split the text into several files" in output


def test_a_plain_text_highlight_is_not_held_to_markdown_limits(make_workspace: Any) -> None:
    root = make_workspace(
        {UPDATE: f'---\ndate: 2026-06-19\nauthor: lena\nhighlights: ["{"[" * 300}"]\n---\nOk.\n'}
    )
    code, output = _cli(root, "validate")
    assert code == 0, output
