"""Builds as processes: two builds of one workspace at once do not interleave, and killing
the main build process does not leave its worker processes behind."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from generator.build.writer import MANIFEST
from tests.conftest import REPO, WorkspaceFactory

AS_OF = "2026-07-10"  # a handful of weekly and monthly PDFs: a build of some seconds


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--workspace", str(root), "build",
         "--as-of", AS_OF, "--jobs", "2", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def _wait_until(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _consistent(output: Path) -> dict[str, str]:
    """Every file the manifest lists is there with its hash; no staging folder is left."""
    manifest: dict[str, str] = json.loads((output / MANIFEST).read_text())["files"]
    for rel, digest in manifest.items():
        assert (output / rel).is_file(), f"{rel} listed but missing"
        assert hashlib.sha256((output / rel).read_bytes()).hexdigest() == digest, rel
    assert not (output.parent / ".output.staging").exists()
    return manifest


def _reports(manifest: dict[str, str]) -> list[str]:
    return sorted(rel for rel in manifest if rel.startswith("reports/"))


@pytest.mark.parametrize("no_wait", [False, True], ids=["waits", "no-wait"])
def test_a_second_build_waits_for_the_first_or_stops_with_no_wait(
    make_workspace: WorkspaceFactory, no_wait: bool
) -> None:
    root = make_workspace()
    first = _start(root, "--clean")
    # The first build is writing its new tree when the second one starts.
    _wait_until(lambda: (root / ".output.staging").exists(), 120, "the first build to stage")
    second = _start(root, *(["--no-wait"] if no_wait else []))
    _out2, err2 = second.communicate(timeout=300)
    _out1, err1 = first.communicate(timeout=300)

    assert first.returncode == 0, err1
    assert "Traceback" not in err1 + err2
    if no_wait:
        assert second.returncode == 1, err2
        assert "another build of this workspace is running" in err2
        assert "hint: wait until it has finished" in err2
    else:
        assert second.returncode == 0, err2
        assert "another build of this workspace is running, waiting for it to finish" in err2
    manifest = _consistent(root / "output")
    reports = _reports(manifest)
    assert len(reports) >= 4, reports
    assert "reports/relaunch/monthly-2026-06.pdf" in reports
    assert all(p.startswith(("internal/", "portals/", "reports/")) for p in manifest)


def _pool_processes(pid: int) -> list[psutil.Process]:
    """The build's multiprocessing processes: forkserver, resource tracker, workers."""
    found = []
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    for child in children:
        try:
            if "multiprocessing" in " ".join(child.cmdline()):
                found.append(child)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver workers: Linux")
def test_killing_the_main_build_process_takes_its_workers_along(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace()
    build = _start(root, "--clean")
    workers: list[psutil.Process] = []

    def rendering() -> bool:
        # forkserver, resource tracker and the two render workers (the forkserver's children)
        nonlocal workers
        workers = _pool_processes(build.pid)
        return sum(p.ppid() != build.pid for p in workers if _alive(p)) >= 2

    try:
        _wait_until(rendering, 120, "two worker processes")
        os.kill(build.pid, signal.SIGKILL)
        build.wait(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        left = [f"{p.pid} {p.name()}" for p in workers if _alive(p)]
        assert not left, "processes left behind after kill -9 of the build:\n" + "\n".join(left)
    finally:
        for process in workers:  # never leave them to the next test
            if _alive(process):
                process.kill()
