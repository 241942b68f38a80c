"""A named pipe or a link to a device among the workspace's files: `validate` names the
file and exits 1 at once; it never waits on the pipe or reads the device without end."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

PLACES = [
    "content/projects/relaunch/updates/2026-06-19.md",
    "content/projects/relaunch/notes/2026-06-11-budget.md",
    "content/projects/relaunch/meetings/2026-06-10-kickoff.md",
    "content/clients/globex.yaml",
    "content/projects/relaunch/risks.yaml",
    "content/projects/relaunch/project.yaml",
    "content/projects/relaunch/retrospective.md",
]


def validate(root: Path) -> tuple[int, str]:
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "--workspace", str(root), "validate"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("validate hung on a named pipe")
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize("rel", PLACES)
def test_a_named_pipe_in_the_workspace_is_named_not_waited_on(
    make_workspace: Callable[..., Path], rel: str
) -> None:
    root = make_workspace()
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).unlink(missing_ok=True)
    os.mkfifo(root / rel)
    code, output = validate(root)
    assert code == 1, output
    assert f"{rel}: this is not a regular file" in output
    assert "Traceback" not in output


def test_an_update_linked_to_dev_zero_is_not_read(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace()
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    rel = "content/projects/relaunch/updates/2026-06-19.md"
    (root / rel).symlink_to(zero)
    code, output = validate(root)
    assert code == 1, output
    assert "Traceback" not in output
    assert "2026-06-19.md" in output
