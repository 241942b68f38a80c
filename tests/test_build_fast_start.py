"""`milepost --help` and `milepost validate` start without WeasyPrint or the chart modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.portfolio import Size, generate

PROBE = """
import sys
from generator.cli import main
try:
    main({args!r}, prog_name="milepost")
except SystemExit as exit:
    code = exit.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("weasyprint", "matplotlib")
               or m.startswith("generator.present.charts") or m == "generator.render.pdf")
print("EXIT", code)
print("HEAVY", ",".join(heavy))
"""


def _heavy_modules(args: list[str], cwd: Path) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    return lines.get("EXIT", ""), lines.get("HEAVY", "")


def test_help_imports_no_weasyprint_or_charts(tmp_path: Path) -> None:
    code, heavy = _heavy_modules(["--help"], tmp_path)
    assert code == "0"
    assert heavy == ""


def test_build_help_imports_no_weasyprint_or_charts(tmp_path: Path) -> None:
    code, heavy = _heavy_modules(["build", "--help"], tmp_path)
    assert code == "0"
    assert heavy == ""


def test_validate_imports_no_weasyprint_or_charts(tmp_path: Path) -> None:
    generate(tmp_path / "w", Size(clients=1, projects=1, weeks=2, closed=0, words=40))
    code, heavy = _heavy_modules(["--workspace", str(tmp_path / "w"), "validate"], tmp_path)
    assert code in ("None", "0")
    assert heavy == ""
