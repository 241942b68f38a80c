"""`milepost serve`: the page follows edits, errors show in the browser, Ctrl-C and SIGTERM
clean up, and the preview cannot be turned against its user: only this user can read it,
another local user cannot prepare its staging folder, and a web page that rebinds its
name to 127.0.0.1 gets no answer."""

from __future__ import annotations

import http.client
import os
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

from tests.conftest import REPO, WorkspaceFactory
from tests.second_user import as_nobody, needs_root, plant_journal_attack, shared_place

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


def _serve(
    root: Path, port: int, env: dict[str, str] | None = None, as_of: str = "2026-06-20"
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--workspace", str(root), "serve",
         "--port", str(port), "--as-of", as_of],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
    )  # fmt: skip


def _preview_folder(process: subprocess.Popen[str]) -> Path:
    """The folder named by serve's first line, `building into FOLDER`."""
    assert process.stdout is not None
    first = process.stdout.readline()
    return Path(re.sub(r"^building into ", "", first.strip()))


@pytest.fixture
def server(make_workspace: WorkspaceFactory) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = make_workspace()
    port = _free_port()
    process = _serve(root, port)
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
    folder = _preview_folder(process)
    assert folder.is_dir() and (folder / "internal" / "index.html").is_file()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    process.send_signal(signal.SIGINT)
    process.wait(timeout=20)
    assert not folder.exists()
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_sigterm_removes_the_temporary_folder_like_ctrl_c(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    _root, base, process = server
    _wait_for(f"{base}/internal/index.html", lambda status, body: status == 200)
    folder = _preview_folder(process)
    assert (folder / "internal" / "index.html").is_file()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert not folder.exists(), "SIGTERM left the preview (costs, internal notes) behind"
    if folder.parent.name.startswith("milepost-serve-"):
        assert not folder.parent.exists()


def _get_with_host(base: str, host: str, path: str = "/internal/index.html") -> tuple[int, str]:
    """A real request to the preview with the Host header a browser would send for `host`."""
    port = int(base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_forged_host_header_gets_no_page(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    """DNS rebinding: a page at attacker.example:PORT whose name now resolves to 127.0.0.1
    sends its own name as Host; the preview must not answer it."""
    _root, base, _process = server
    _wait_for(f"{base}/internal/index.html", lambda status, body: status == 200)
    port = base.rsplit(":", 1)[1]
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.nip.io:{port}",
                 f"localhost:{int(port) + 1}", f"localhost.attacker.example:{port}"):  # fmt: skip
        for path in ("/internal/index.html", "/", "/__milepost__/version"):
            status, body = _get_with_host(base, host, path)
            assert status in (421, 403), f"{host} {path} answered {status}"
            assert "Website relaunch" not in body and "Lena" not in body
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost",
                 "127.0.0.1", f"LocalHost:{port}"):  # fmt: skip
        status, body = _get_with_host(base, host)
        assert status == 200, f"{host} refused"
        assert "Website relaunch" in body


@needs_root
def test_the_preview_is_readable_only_by_its_user(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    _root, base, process = server
    _wait_for(f"{base}/internal/index.html", lambda status, body: status == 200)
    folder = _preview_folder(process)
    page = folder / "internal" / "index.html"
    assert "Website relaunch" in page.read_text()
    for command in (["cat", str(page)], ["ls", str(folder / "internal")], ["ls", str(folder)]):
        seen = as_nobody(*command)
        assert seen.returncode != 0, f"another user ran {command}: {seen.stdout[:200]}"
        assert "Permission denied" in seen.stderr
        assert "Website relaunch" not in seen.stdout


@needs_root
def test_another_user_cannot_plant_a_journal_for_the_preview(
    make_workspace: WorkspaceFactory,
) -> None:
    """Another local user prepares the staging folder beside the preview's build folder in
    a shared temporary folder, with a journal of `..` paths and links; the next rebuild
    must not delete a root-owned file nor write into a root-only folder."""
    root = make_workspace()
    with shared_place() as base:
        tmp = base / "tmp"
        tmp.mkdir()
        os.chmod(tmp, 0o1777)  # like /tmp
        victim = base / "victim.txt"
        victim.write_text("root's file")
        rootonly = base / "rootonly"
        rootonly.mkdir(mode=0o700)
        port = _free_port()
        process = _serve(root, port, env={"TMPDIR": str(tmp)})
        try:
            url = f"http://127.0.0.1:{port}/internal/index.html"
            _wait_for(url, lambda status, body: status == 200)
            folder = _preview_folder(process)
            # Where the staging folder of that build folder would be: it may be out of reach.
            plant_journal_attack(folder.parent / f".{folder.name}.staging", tmp / "attacker")
            project = root / PROJECT
            project.write_text(project.read_text().replace("Website relaunch", "Shop relaunch"))
            _wait_for(url, lambda status, body: "Shop relaunch" in body)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=20)
        assert victim.read_text() == "root's file", "a planted journal deleted root's file"
        assert list(rootonly.iterdir()) == [], "a planted journal wrote into a root-only folder"


# -- the preview as a PM lives in it ---------------------------------------------------------


def test_the_start_page_links_the_dashboard_and_each_client_portal(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    _root, base, _process = server
    status, page = _wait_for(f"{base}/", lambda status, body: status == 200)
    assert "Directory listing" not in page
    assert "Preview of Test Agency" in page
    assert '<a href="/internal/index.html">Internal dashboard</a>' in page
    assert '<a href="/portals/acme/index.html">Acme Retail GmbH</a>' in page
    for link in ("/internal/index.html", "/portals/acme/index.html"):
        status, linked = _get(f"{base}{link}")
        assert status == 200 and "Website relaunch" in linked, link


def _all_reports_in(status: int, body: str) -> bool:
    return status == 200 and "still being rendered" not in body


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _pool_workers(pid: int) -> set[int]:
    """The render workers: children of the serve process's forkserver."""
    import psutil

    found = set()
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if child.ppid() != pid and child.status() != psutil.STATUS_ZOMBIE:
                found.add(child.pid)
        except psutil.NoSuchProcess:
            continue
    return found


def test_pages_come_first_reports_follow_and_the_render_pool_stays_warm(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--workspace", str(root), "serve",
         "--port", str(port), "--as-of", "2026-07-10"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    page_url, pdf_url = (
        f"{base}/internal/index.html",
        f"{base}/reports/relaunch/monthly-2026-06.pdf",
    )
    try:
        # The first page is served while the reports are still being rendered, and says so.
        _status, first = _wait_for(page_url, lambda status, body: status == 200, timeout=120)
        assert "Website relaunch" in first
        assert "reports are still being rendered: relaunch/" in first
        assert "reports are still being rendered: relaunch/" in _get(f"{base}/")[1]
        status, waiting = _fetch(pdf_url)
        if status != 200:  # not rendered yet: a page that says so, and reloads
            assert status == 503, status
            assert b"This report is still being rendered." in waiting
        # Then the reports arrive and the note goes.
        _wait_for(page_url, _all_reports_in, timeout=300)
        status, pdf = _fetch(pdf_url)
        assert status == 200 and pdf.startswith(b"%PDF-")
        workers = _pool_workers(process.pid)
        assert len(workers) >= 1, "no render worker is kept between builds"
        # An edit that changes every report: pages first again, rendered by the same workers.
        project = root / PROJECT
        project.write_text(project.read_text().replace("Website relaunch", "Shop relaunch"))
        _wait_for(page_url, lambda status, body: "Shop relaunch" in body)
        _wait_for(page_url, _all_reports_in, timeout=300)
        assert workers <= _pool_workers(process.pid), "the render workers were started again"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def test_a_render_worker_killed_mid_preview_is_replaced_and_the_reports_arrive(
    make_workspace: WorkspaceFactory,
) -> None:
    """A worker killed (out of memory, kill -9) breaks the pool: the preview says so,
    starts new workers and renders the reports, instead of waiting on a dead pool."""
    root = make_workspace()
    port = _free_port()
    process = _serve(root, port, as_of="2026-07-10")
    page_url = f"http://127.0.0.1:{port}/internal/index.html"
    try:
        _wait_for(page_url, lambda status, body: status == 200, timeout=120)
        import psutil

        def report_workers() -> set[int]:  # the PDF pool's: niced (pages render unniced)
            return {pid for pid in _pool_workers(process.pid) if psutil.Process(pid).nice() > 0}

        deadline = time.monotonic() + 60
        while not (workers := report_workers()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers, "no render worker started"
        os.kill(min(workers), signal.SIGKILL)
        # the next edit changes every report: they must all be rendered again
        project = root / PROJECT
        project.write_text(project.read_text().replace("Website relaunch", "Shop relaunch"))
        _wait_for(page_url, lambda status, body: "Shop relaunch" in body)
        _wait_for(page_url, _all_reports_in, timeout=300)
        assert _fetch(f"http://127.0.0.1:{port}/reports/relaunch/monthly-2026-06.pdf")[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    assert "a report worker stopped; starting new ones" in out
