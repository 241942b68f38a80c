"""`milepost init` scaffolds a workspace that validates and builds; `doctor` names fixes."""

from __future__ import annotations

import ctypes.util
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.load.workspace import load_workspace
from generator.scaffold import init_workspace, project_templates


@pytest.mark.parametrize("template", ["website", "software"])
def test_init_creates_a_valid_workspace_that_builds(
    tmp_path: Path, run_cli: Any, template: str
) -> None:
    root = tmp_path / "agency"
    result = run_cli("init", str(root), "--template", template)
    assert result.exit_code == 0, result.output
    portfolio = load_workspace(root)
    (data,) = portfolio.projects.values()
    # a standard process: phases as milestones, recurring meetings, a risk checklist
    assert len(data.project.milestones) >= 5
    assert any(m.cadence == "weekly" for m in data.project.communication.meetings)
    assert len(data.risks) >= 4
    assert (root / "schemas" / "project.schema.json").is_file()
    # the sample is exemplary: SMART goals without findings, a healthy start
    summary = run_cli("--workspace", str(root), "validate").output
    assert "SMART      0 findings" in summary
    assert summary.rstrip().endswith("green")
    result = run_cli("--workspace", str(root), "build", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert (root / "output" / "internal" / "index.html").is_file()


def test_init_dates_start_this_week(tmp_path: Path) -> None:
    init_workspace(tmp_path / "ws", "website", today=dt.date(2026, 11, 26))
    (data,) = load_workspace(tmp_path / "ws").projects.values()
    assert data.project.start == dt.date(2026, 11, 23)  # the Monday of that week
    assert data.updates[0].date == dt.date(2026, 11, 23)


def test_init_never_overwrites(tmp_path: Path, run_cli: Any) -> None:
    root = tmp_path / "ws"
    assert run_cli("init", str(root)).exit_code == 0
    site = root / "content" / "site.yaml"
    site.write_text("name: Mine\n")
    result = run_cli("init", str(root))
    assert result.exit_code == 1
    assert "never overwrites" in result.output
    assert site.read_text() == "name: Mine\n"


def test_init_unknown_template_lists_the_known_ones(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--template", "bakery")
    assert result.exit_code == 1
    assert "unknown project template 'bakery'" in result.output
    assert all(name in result.output for name in project_templates())
    assert not (tmp_path / "x").exists()


def test_doctor_passes_on_this_machine(make_workspace: Any, run_cli: Any) -> None:
    result = run_cli("--workspace", str(make_workspace()), "doctor")
    assert result.exit_code == 0, result.output
    assert "[ok  ] HarfBuzz subsetting" in result.output
    assert "[ok  ] CJK font for zh-CN: Noto Sans CJK SC" in result.output


def test_doctor_names_the_fix_when_harfbuzz_subsetting_is_missing(
    make_workspace: Any, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if name == "harfbuzz-subset" else real(name)
    )
    result = run_cli("--workspace", str(make_workspace()), "doctor")
    assert result.exit_code == 1
    assert "[FAIL] HarfBuzz subsetting" in result.output
    assert "fix: apt-get install -y libharfbuzz-subset0" in result.output
