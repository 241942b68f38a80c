"""A build on a dask cluster whose worker cannot see the workspace, as on another machine.

A real `dask scheduler` and `dask worker`, started from their command-line entry points;
the worker runs in its own mount namespace with a tmpfs over the folder that holds the
workspace, so every file it needs has to come with its jobs. Linux as root only (CI runs
as root); elsewhere the tests say why they skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.portfolio import AS_OF
from tests.logo_workspace import LOGO, REPO, generate_with_logo

pytestmark = pytest.mark.slow

DASK = Path(sys.executable).with_name("dask")
START_SECONDS = 60  # scheduler and worker up, worker registered
BUILD_SECONDS = 300


def _why_not() -> str | None:
    if not sys.platform.startswith("linux"):
        return "needs Linux mount namespaces (unshare -m)"
    if os.geteuid() != 0:
        return "needs root to unshare the mount namespace and mount a tmpfs (CI runs as root)"
    if shutil.which("unshare") is None:
        return "the unshare command is not installed (util-linux)"
    if not DASK.exists():
        return f"no dask command-line entry point at {DASK} (pip install 'milepost[dask]')"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode != 0:
        return f"this system refuses a private mount namespace: {probe.stderr.strip()}"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _env() -> dict[str, str]:
    """The worker imports milepost from this checkout, whatever is installed."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def _milepost(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--workspace", str(root), "build", *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=BUILD_SECONDS,
    )


def _outputs(root: Path) -> dict[str, bytes]:
    out = root / "output"
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".milepost")
    }


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the worker cannot see; the workspace lives in it."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    return tmp_path_factory.mktemp("hidden")


@pytest.fixture(scope="module")
def scheduler(hidden: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running scheduler with one worker that cannot see `hidden`."""
    distributed = pytest.importorskip("distributed")
    logs = tmp_path_factory.mktemp("dask-logs")
    address = f"tcp://127.0.0.1:{_free_port()}"
    started: list[subprocess.Popen[bytes]] = []
    try:
        with (logs / "scheduler.log").open("wb") as log:
            started.append(
                subprocess.Popen(
                    [DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":")[-1]]
                    + ["--no-dashboard", "--idle-timeout", "900"],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=_env(),
                    cwd=logs,
                )
            )
        hide = 'mount -t tmpfs tmpfs "$1" && d=$2 a=$3 && shift 3 && exec "$d" worker "$a" "$@"'
        with (logs / "worker.log").open("wb") as log:
            started.append(
                subprocess.Popen(
                    ["unshare", "-m", "sh", "-c", hide, "sh", hidden, DASK, address]
                    # two threads: the jobs of one process must not share renderer state
                    + ["--no-nanny", "--nthreads", "2", "--no-dashboard"]
                    + ["--death-timeout", str(START_SECONDS), "--local-directory", logs],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=_env(),
                    cwd=logs,
                )
            )
        with distributed.Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(1, timeout=START_SECONDS)
            # The premise: the worker cannot see the workspace's folder, this process can.
            seen = client.run(os.path.isdir, str(hidden))
            listing = client.run(os.listdir, str(hidden))
        assert list(seen.values()) == [True] and list(listing.values()) == [[]]
        yield address
    finally:
        for proc in reversed(started):
            _stop(proc)


@pytest.fixture(scope="module")
def workspace(hidden: Path) -> tuple[Path, dict[str, bytes]]:
    """A workspace with a closed project, its closing survey and a logo, built locally."""
    root = generate_with_logo(hidden / "ws")
    local = _milepost(root, "--as-of", AS_OF.isoformat(), "--jobs", "2", "--quiet")
    assert local.returncode == 0, local.stderr
    assert "warning" not in local.stderr
    return root, _outputs(root)


def test_a_worker_without_the_workspace_renders_the_same_bytes(
    scheduler: str, workspace: tuple[Path, dict[str, bytes]]
) -> None:
    root, local = workspace
    assert any(rel.endswith("/closing.pdf") for rel in local)
    assert any(rel.startswith("internal/") and rel.endswith("/retrospective.html") for rel in local)
    assert "internal/static/logo.svg" in local
    distributed = scheduler.removeprefix("tcp://")
    started = time.monotonic()
    remote = _milepost(
        root,
        "--as-of",
        AS_OF.isoformat(),
        "--clean",
        "--quiet",
        "--executor",
        f"dask://{distributed}",
    )
    assert time.monotonic() - started < BUILD_SECONDS
    assert remote.returncode == 0, remote.stderr
    assert "warning" not in remote.stderr and "cannot read" not in remote.stderr
    files = _outputs(root)
    assert sorted(files) == sorted(local)
    assert [rel for rel in local if files[rel] != local[rel]] == []


def test_a_job_whose_input_the_worker_cannot_read_fails_the_build_naming_it(
    scheduler: str, workspace: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were a job to leave an input behind, the worker reads its own disk, finds nothing,
    and the build stops with the file's name instead of publishing pages without it."""
    from generator.build import inputs
    from generator.build.engine import run_build
    from generator.errors import ContentErrors
    from generator.load.workspace import load_workspace
    from generator.workspace import Workspace

    root, local = workspace
    before = _outputs(root)
    monkeypatch.setattr(inputs.Inputs, "_logo", lambda self, portfolio: {})  # left behind
    with pytest.raises(ContentErrors) as err:
        run_build(
            Workspace(root),
            load_workspace(root),
            AS_OF,
            only="site",
            clean=True,
            quiet=True,
            executor="dask://" + scheduler.removeprefix("tcp://"),
        )
    assert {(e.path, e.message) for e in err.value.errors} == {
        (LOGO, f"cannot read {LOGO}: No such file or directory")
    }
    assert (root / LOGO).is_file()  # here it is; the worker could not see it
    assert _outputs(root) == before
