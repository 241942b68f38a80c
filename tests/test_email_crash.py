"""`send` killed with SIGKILL mid-run, then run again: every recipient gets the report once,
except at most the message in flight, and the ledger loses no line and has no torn line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from generator.publish.email.ledger import read_ledger
from tests.mailserver import Recorder, smtp_server
from tests.report_factory import pdf

REPO = Path(__file__).resolve().parent.parent
RECIPIENTS = [f"person{i}@client.example" for i in range(8)]


def _spec(tmp_path: Path, host: str, port: int) -> Path:
    reports = []
    for week, end in (("2026-W46", "2026-11-15"), ("2026-W47", "2026-11-22")):
        path = tmp_path / f"{week}.pdf"
        path.write_bytes(pdf(f"crash test {week}"))
        reports.append(
            {
                "project": "relaunch",
                "period": week,
                "period_end": end,
                "pdf_path": str(path),
                "recipients": RECIPIENTS,
            }
        )
    spec = {
        "smtp": {"host": host, "port": port, "security": "none", "sender": "pm@agency.example"},
        "ledger": str(tmp_path / ".milepost" / "send-ledger.jsonl"),
        "reports": reports,
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    return path


def _start(spec: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "send_runner.py"), str(spec)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _deliveries(recorder: Recorder) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for item in recorder.received:
        week = "2026-W46" if "2026-W46" in item.message["Subject"] else "2026-W47"
        for rcpt in item.rcpt_tos:
            counts[(week, rcpt)] += 1
    return counts


@pytest.mark.slow
@pytest.mark.parametrize(("kill_at", "hold"), [(2, True), (7, True), (12, True), (5, False)])
def test_kill_mid_run_then_rerun(tmp_path: Path, kill_at: int, hold: bool) -> None:
    """hold=True: the server has the message but the client never hears it was accepted when
    it dies (the message in flight). hold=False: the kill races the reply and the ledger."""
    recorder = Recorder(pause_at=kill_at)
    if not hold:
        recorder.release.set()  # reply at once: the kill lands somewhere after it
    with smtp_server(recorder) as server:
        spec = _spec(tmp_path, server.host, server.port)
        first = _start(spec)
        assert recorder.paused.wait(60), first.communicate()
        first.send_signal(signal.SIGKILL)
        first.wait(30)
        assert first.returncode == -signal.SIGKILL
        recorder.release.set()
        time.sleep(0.1)
        delivered_before = len(recorder.received)
        assert delivered_before >= kill_at

        second = _start(spec)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, (out + err).decode()

    counts = _deliveries(recorder)
    expected = {(week, r) for week in ("2026-W46", "2026-W47") for r in RECIPIENTS}
    assert set(counts) == expected, "every recipient got every report"
    twice = [key for key, n in counts.items() if n > 1]
    assert len(twice) <= 1 and all(counts[key] == 2 for key in twice), counts
    if hold:
        # The held message was accepted by the server but never recorded: it goes again.
        assert len(twice) == 1

    ledger = tmp_path / ".milepost" / "send-ledger.jsonl"
    raw = ledger.read_bytes()
    assert raw.endswith(b"\n")
    entries, problems = read_ledger(ledger)
    assert problems == [], "no torn line"
    keys = [(e.period, e.recipient) for e in entries]
    assert sorted(set(keys)) == sorted(expected), "no ledger line lost"
    assert len(keys) == len(expected), "one line per accepted message"
    assert all(json.loads(line) for line in raw.decode().splitlines())
