"""Acting as a second local user (nobody) for tests that run as root, as CI does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.build.writer import JOURNAL

needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv: mounts, chown and a second user (nobody)",
)


def as_nobody(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command],
        capture_output=True,
        text=True,
        timeout=30,
    )


@contextmanager
def shared_place() -> Iterator[Path]:
    """A folder in /tmp that every user can reach (pytest's tmp_path is root-only)."""
    place = Path(tempfile.mkdtemp(prefix="milepost-test-"))
    os.chmod(place, 0o755)
    try:
        yield place
    finally:
        shutil.rmtree(place, ignore_errors=True)


def plant_journal_attack(staging: Path, attacker: Path) -> subprocess.CompletedProcess[str]:
    """As nobody: a staging folder whose journal deletes `victim.txt` two levels above the
    output folder and, through a link, moves a file into `rootonly/` there."""
    script = f"""
import json, os
staging, attacker = {str(staging)!r}, {str(attacker)!r}
os.makedirs(attacker + "/a/b/c", exist_ok=True)
os.makedirs(attacker + "/rootonly", exist_ok=True)
open(attacker + "/rootonly/planted", "w").write("written by nobody")
os.makedirs(staging, exist_ok=True)
os.symlink(attacker + "/a/b/c", staging + "/d")
journal = {{"rename": ["d/../../../rootonly/planted"], "remove": ["../../victim.txt"]}}
open(staging + "/{JOURNAL}", "w").write(json.dumps(journal))
"""
    return as_nobody(sys.executable, "-c", script)
