"""The preview as a PM lives in it: `milepost serve` on the demo, measured from outside.

    .venv/bin/python benchmarks/preview.py [--rounds 5]

Three figures, each read the way a browser reads the server: the time from starting
`milepost serve` to the first page it serves (the internal dashboard), what `/` links to,
and the time from saving an edited update to the server answering with the new text (the
median of several edits). run.py puts them into RESULTS.md; alone, this prints them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEMO_DATE = "2026-11-30"  # the Makefile's DEMO_DATE
POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 300.0
REPORTS_GIVE_UP_SECONDS = 1800.0  # the demo's 300-odd PDFs on two busy cores
EDITED_PROJECT = "hafenbahn-carrier-portal"


@dataclass(frozen=True)
class PreviewFigures:
    first_page: float  # start of `milepost serve` to the dashboard served
    start_links: list[str]  # what `/` links to
    portals: list[str]  # the portals the demo has (each should be linked)
    edits: list[float]  # save to new text served, each edit
    reports_done: float  # start to the note on reports still coming gone

    @property
    def edit_to_page(self) -> float:
        return statistics.median(self.edits)


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on (for serve here, dask in run.py)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def _until(test: object, what: str, limit: float = GIVE_UP_SECONDS) -> float:
    """Poll `test` (a callable returning truth) until it holds; the moment it did."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if test():  # type: ignore[operator]
            return time.perf_counter()
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"the preview never showed {what} within {limit:.0f} s")


def measure_preview(milepost: list[str], rounds: int = 5, reports: bool = True) -> PreviewFigures:
    """Serve a copy of the demo workspace and time what its PM waits for."""
    tmp = Path(tempfile.mkdtemp(prefix="milepost-bench-preview-"))
    ws = tmp / "demo"
    shutil.copytree(REPO / "content", ws / "content")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*milepost, "serve", "--as-of", DEMO_DATE, "--port", str(port)],
        cwd=ws,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first = _until(
            lambda: _get(base + "internal/index.html")[0] == 200, "the internal dashboard"
        )
        _, start = _get(base)
        links = sorted(set(re.findall(r'href="([^"#?]+)"', start)))
        portals = sorted(p.stem for p in (ws / "content" / "clients").glob("*.yaml"))
        updates = sorted((ws / "content" / "projects" / EDITED_PROJECT / "updates").glob("*.md"))
        latest = updates[-1]
        page = f"{base}internal/{EDITED_PROJECT}/updates/{latest.stem}.html"
        edits = []
        original = latest.read_text(encoding="utf-8")
        for n in range(rounds):
            marker = f"Benchmark edit number {n} for the preview."
            saved = time.perf_counter()
            latest.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            shown = _until(lambda m=marker: m in _get(page)[1], "the edited update")
            edits.append(shown - saved)
            print(f"edit {n}: {shown - saved:.2f} s (first page {first - started:.2f} s)")
            time.sleep(0.5)  # the PM reads the page before the next save
        if not reports:
            return PreviewFigures(first - started, links, portals, edits, float("nan"))
        done = _until(
            lambda: "milepost-preview-note" not in _get(base + "internal/index.html")[1],
            "every report rendered",
            limit=REPORTS_GIVE_UP_SECONDS,
        )
        return PreviewFigures(first - started, links, portals, edits, done - started)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-reports", action="store_true", help="do not wait for the PDFs")
    args = parser.parse_args()
    milepost = [sys.executable, "-m", "generator"]
    figures = measure_preview(milepost, args.rounds, reports=not args.no_reports)
    print(f"first page served after {figures.first_page:.2f} s")
    print(f"start page links: {figures.start_links}")
    print(f"edit to page: {', '.join(f'{s:.2f}' for s in figures.edits)} s")
    print(f"every report rendered after {figures.reports_done:.1f} s")


if __name__ == "__main__":
    main()
