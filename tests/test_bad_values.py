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
