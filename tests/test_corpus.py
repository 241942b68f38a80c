"""Every broken workspace of tests/corpus/ fails `validate` and `build` like a compiler would.

For each case: exit 1, an error at the expected path:line with the expected words and a
hint, no traceback, and the output/ of an earlier good build left byte for byte as it was.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build.writer import StagedTree
from generator.cli import main
from generator.errors import ContentErrors
from generator.load.workspace import load_workspace
from tests.corpus_cases import BASE, Case, load_cases, materialize

CASES = load_cases()
REPO = Path(__file__).resolve().parent.parent


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under folder (hidden ones too) with its bytes and mode."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _previous_output(root: Path) -> dict[str, tuple[bytes, int]]:
    """An output/ as a good build leaves it, plus a file the user put there themselves."""
    tree = StagedTree(root / "output")
    tree.add("internal/index.html", "<!doctype html><title>Internal</title>")
    tree.add("portals/acme/index.html", "<!doctype html><title>Acme</title>")
    tree.add("portals/acme/relaunch/status.json", '{"health": "green"}')
    tree.publish()
    (root / "output" / "CNAME").write_text("status.example.com\n")
    return _snapshot(root / "output")


def _matching(case: Case, text: str) -> list[str]:
    """The reported errors (with their hint lines) at the case's place and with its words."""
    blocks: list[str] = []
    for line in text.splitlines():
        if line.startswith("    hint:") and blocks:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return [b for b in blocks if b.startswith(case.where) and case.message in b.split("\n", 1)[0]]


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), "--lang", "en", *args], catch_exceptions=False
    )
    return result.exit_code, result.output


def test_the_corpus_is_large_and_the_base_is_valid() -> None:
    assert len(CASES) >= 60
    load_workspace(BASE)  # each case breaks exactly what it names


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_and_build_refuse_with_path_line_and_keep_output(
    case: Case, tmp_path: Path
) -> None:
    root = materialize(case, tmp_path / "ws")
    before = _previous_output(root)
    for command in (["validate"], ["build", "--as-of", "2026-11-20"]):
        code, text = _run(root, *command)
        assert code == 1, f"{command}: exit {code}\n{text}"
        assert "Traceback" not in text
        assert _matching(case, text), f"{command}: no '{case.where} … {case.message}' in\n{text}"
        assert _snapshot(root / "output") == before, f"{command} changed output/"
    assert not (root / ".output.staging").exists()


HINTED = [
    pytest.param(
        c,
        id=c.name,
        marks=pytest.mark.xfail(strict=True, reason=c.extra_value("nohint"))
        if c.extra_value("nohint")
        else (),
    )
    for c in CASES
]


@pytest.mark.parametrize("case", HINTED)
def test_each_error_comes_with_a_hint(case: Case, tmp_path: Path) -> None:
    root = materialize(case, tmp_path / "ws")
    code, text = _run(root, "validate")
    assert code == 1
    found = _matching(case, text)
    assert any("\n    hint: " in block for block in found), f"no hint in\n{text}"
    wanted = case.extra_value("hint-says")
    if wanted:
        assert any(wanted in block for block in found), text


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.fast], ids=[c.name for c in CASES if c.fast]
)
def test_bombs_and_deep_nesting_are_refused_fast(case: Case, tmp_path: Path) -> None:
    root = materialize(case, tmp_path / "ws")
    started = time.perf_counter()
    with pytest.raises(ContentErrors):
        load_workspace(root)
    assert case.fast is not None
    assert time.perf_counter() - started < case.fast


SAMPLE = [
    "yaml-tab-indentation",
    "alias-bomb-billion-laughs",
    "utf16-le-site",
    "missing-site-yaml",
    "fifo-update",
    "date-year-9999",
]


@pytest.mark.parametrize("name", SAMPLE)
def test_the_installed_command_prints_no_traceback(name: str, tmp_path: Path) -> None:
    """The same through the real entry point, in a process of its own."""
    (case,) = [c for c in CASES if c.name == name]
    root = materialize(case, tmp_path / "ws")
    for command in (["validate"], ["build", "--as-of", "2026-11-20"]):
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "milepost"), "--workspace", str(root), *command],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
        assert _matching(case, proc.stderr), proc.stderr
