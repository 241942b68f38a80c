"""Command-line messages follow --lang: the same commands in English by default, in Chinese
with --lang zh-CN (errors, hints, check names and fixes, summary lines)."""

from __future__ import annotations

import ctypes.util
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WorkspaceFactory

CUT_OFF = (
    "Timestamp,How likely are you to recommend us?,What should we improve?\n"
    "2026/06/01 10:00:00 GMT+2,9,Clear weekly reports\n"
    "2026/06/02 11:00:00 GMT+2,7"
)


def _lang(chinese: bool) -> list[str]:
    return ["--lang", "zh-CN"] if chinese else []


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_survey_inspect_of_a_cut_off_export(tmp_path: Path, run_cli: Any, chinese: bool) -> None:
    export = tmp_path / "nps.csv"
    export.write_text(CUT_OFF, encoding="utf-8")
    result = run_cli(*_lang(chinese), "survey", "inspect", str(export))
    assert result.exit_code == 1
    assert f"{export}:3: " in result.output
    if chinese:
        assert "最后一行只有 2 列（共 3 列）：文件在此处被截断" in result.output
        assert "请重新导出；下载不完整" in result.output
        assert "1 个错误" in result.output
        assert "cut off" not in result.output
    else:
        assert "the last row has 2 of 3 columns: the file is cut off here" in result.output
        assert "export it again; the download was incomplete" in result.output
        assert "1 error" in result.output


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_report_for_a_week_before_the_project_start(
    make_workspace: WorkspaceFactory, run_cli: Any, chinese: bool
) -> None:
    root = make_workspace()
    first = dt.date(2026, 6, 1).isocalendar().week  # the project starts on Monday 2026-06-01
    args = ["--workspace", str(root), *_lang(chinese), "report", "weekly", "relaunch"]
    result = run_cli(*args, "--period", "2026-W10")
    assert result.exit_code == 1
    assert "content/projects/relaunch/project.yaml: " in result.output
    if chinese:
        assert "2026-W10 在项目 'relaunch' 开始（2026-06-01）之前就已结束" in result.output
        assert f"第一个有报告的周是 2026-W{first:02d}" in result.output
    else:
        assert "2026-W10 ends before project 'relaunch' starts on 2026-06-01" in result.output
        assert f"the first week with a report is 2026-W{first:02d}" in result.output


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_archive_of_an_open_project(
    make_workspace: WorkspaceFactory, run_cli: Any, chinese: bool
) -> None:
    root = make_workspace()
    result = run_cli("--workspace", str(root), *_lang(chinese), "archive", "relaunch")
    assert result.exit_code == 1
    if chinese:
        assert "项目 'relaunch' 尚未结项" in result.output
        assert "status: closed" in result.output  # what the user types stays as typed
        assert "is not closed" not in result.output
    else:
        assert "project 'relaunch' is not closed" in result.output
    assert not (root / "output" / "archive" / "relaunch.zip").exists()


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_doctor_with_harfbuzz_subsetting_missing(
    make_workspace: WorkspaceFactory,
    run_cli: Any,
    monkeypatch: pytest.MonkeyPatch,
    chinese: bool,
) -> None:
    real = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if name == "harfbuzz-subset" else real(name)
    )
    result = run_cli("--workspace", str(make_workspace()), *_lang(chinese), "doctor")
    assert result.exit_code == 1
    if chinese:
        assert "[失败] HarfBuzz 字体子集化：缺少 libharfbuzz-subset0" in result.output
        assert "生成中文 PDF 的耗时约为正常的 20 倍" in result.output
        assert "解决方法：apt-get install -y libharfbuzz-subset0" in result.output
        assert "[正常] Python" in result.output
        assert "missing" not in result.output
    else:
        assert "[FAIL] HarfBuzz subsetting: libharfbuzz-subset0 is missing" in result.output
        assert "fix: apt-get install -y libharfbuzz-subset0" in result.output
        assert "[ok  ] Python" in result.output


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh-CN"])
def test_build_summary_line(make_workspace: WorkspaceFactory, run_cli: Any, chinese: bool) -> None:
    root = make_workspace()
    args = ["--workspace", str(root), *_lang(chinese), "build", "--only", "site", "--quiet"]
    result = run_cli(*args, "--as-of", "2026-06-15", "--jobs", "1")
    assert result.exit_code == 0, result.output
    if chinese:
        found = re.search(r"已构建 (\d+) 项，从缓存复用 (\d+) 项，跳过 (\d+) 项", result.output)
        assert "built" not in result.output
    else:
        found = re.search(r"built (\d+), reused (\d+) from cache, skipped (\d+)", result.output)
    assert found is not None, result.output
    assert int(found.group(1)) > 0  # a first build builds something, from an empty cache


def test_the_workspace_locale_makes_the_build_summary_chinese(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    site = "name: 测试\nlocale: zh-CN\ntimezone: Asia/Shanghai\ncurrency: CNY\n"
    root = make_workspace({"content/site.yaml": site})
    result = run_cli("--workspace", str(root), "build", "--only", "site", "-q", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "已构建" in result.output and "built" not in result.output
    english = run_cli("--workspace", str(root), "--lang", "en", "build", "--only", "site", "-q")
    assert re.search(r"built \d+, reused \d+ from cache, skipped \d+", english.output)


def test_build_warnings_are_labelled_in_the_message_language(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    """A build's warnings (here: a client report of a week without an update) read
    "警告：..." in Chinese, with no space after the full-width colon, like every error."""
    root = make_workspace()
    result = run_cli("--workspace", str(root), "--lang", "zh-CN", "build", "--as-of", "2026-07-01")
    warnings = [line for line in result.output.splitlines() if "2026-W26" in line]
    assert warnings and all(line.startswith("警告：") for line in warnings), result.output
    assert "warning:" not in result.output
