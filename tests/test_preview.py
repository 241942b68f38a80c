"""`milepost serve`: the page follows edits, errors show in the browser, Ctrl-C cleans up."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import WorkspaceFactory

PROJECT = "content/projects/relaunch/project.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _wait_for(url: str, predicate: object, timeout: float = 60) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if predicate(*last):  # type: ignore[operator]
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {url}; last answer: {last[0]} {last[1][:300]}")


@pytest.fixture
def server(make_workspace: WorkspaceFactory) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = make_workspace()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--workspace", str(root), "serve",
         "--port", str(port), "--as-of", "2026-06-20"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    yield root, f"http://127.0.0.1:{port}", process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_served_page_follows_an_edit(server: tuple[Path, str, subprocess.Popen[str]]) -> None:
    root, base, _process = server
    url = f"{base}/internal/index.html"
    _status, page = _wait_for(url, lambda status, body: status == 200)
    assert "Website relaunch" in page
    assert "/__milepost__/reload.js" in page  # the reload script, only in serve mode
    project = root / PROJECT
    project.write_text(project.read_text().replace("Website relaunch", "Shop relaunch"))
    _wait_for(url, lambda status, body: "Shop relaunch" in body)


def test_content_error_shows_in_the_browser_then_recovers(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, _process = server
    url = f"{base}/internal/index.html"
    _wait_for(url, lambda status, body: status == 200)
    project = root / PROJECT
    good = project.read_text()
    project.write_text(good.replace("manager: lena", "manager: lena\nmanager: tom"))
    status, page = _wait_for(url, lambda status, body: status == 500)
    assert f"{PROJECT}:4:1: duplicate key &#x27;manager&#x27;" in page
    project.write_text(good)
    _wait_for(url, lambda status, body: status == 200 and "Website relaunch" in body)


def test_ctrl_c_removes_the_temporary_folder_and_nothing_else(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, process = server
    _wait_for(f"{base}/internal/index.html", lambda status, body: status == 200)
    assert process.stdout is not None
    first = process.stdout.readline()
    folder = Path(re.sub(r"^building into ", "", first.strip()))
    assert folder.is_dir() and (folder / "internal" / "index.html").is_file()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    process.send_signal(signal.SIGINT)
    process.wait(timeout=20)
    assert not folder.exists()
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
