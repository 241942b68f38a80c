"""`milepost send` and `milepost archive` end to end: the mailed and archived PDFs are the
ones the build publishes."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WorkspaceFactory
from tests.mailserver import smtp_server

SITE_WITH_SMTP = """\
    name: Test Agency
    timezone: Europe/Berlin
    base_url: https://status.agency.example/
    smtp:
      host: 127.0.0.1
      port: {port}
      security: none
      sender: "Test Agency <pm@agency.example>"
      cc_manager: false
    """

CLOSED = """\
    title: Website relaunch
    client: acme
    manager: lena
    status: closed
    start: 2026-06-01
    planned_end: 2026-06-26
    actual_end: 2026-06-26
    milestones:
      - id: design
        title: Design sign-off
        planned: 2026-06-15
        actual: 2026-06-16
        acceptance: accepted
    """


def test_send_mails_the_published_pdf_once(make_workspace: WorkspaceFactory, run_cli: Any) -> None:
    with smtp_server() as server:
        root = make_workspace({"content/site.yaml": SITE_WITH_SMTP.format(port=server.port)})
        ws = ["--workspace", str(root)]
        assert run_cli(*ws, "build", "--as-of", "2026-06-22", "--quiet").exit_code == 0
        result = run_cli(*ws, "send", "weekly", "--period", "2026-W24", "--as-of", "2026-06-22")
        assert result.exit_code == 0, result.output
        (received,) = server.recorder.received
        message = received.message
        assert received.rcpt_tos == ["jana.roth@acme.example"]
        assert message["Subject"] == "[Acme] Weekly status 2026-W24 · Website relaunch"
        assert "Kick-off held" in message.get_body(("plain",)).get_content()
        (attachment,) = list(message.iter_attachments())
        published = root / "output/portals/acme/relaunch/reports/weekly-2026-W24.pdf"
        assert attachment.get_content() == published.read_bytes()

        again = run_cli(*ws, "send", "weekly", "--period", "2026-W24", "--as-of", "2026-06-22")
        assert again.exit_code == 0
        assert len(server.recorder.received) == 1  # the ledger remembers
        assert "1 skipped" in again.output


def test_send_without_project_picks_every_active_project_due(
    make_workspace: WorkspaceFactory, run_cli: Any, tmp_path: Path
) -> None:
    root = make_workspace({"content/site.yaml": SITE_WITH_SMTP.format(port=1)})
    outbox = tmp_path / "outbox"
    result = run_cli(
        "--workspace", str(root), "send", "weekly", "--as-of", "2026-06-22",
        "--dry-run", "--outbox", str(outbox),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # the last completed week before 22 June is W25
    assert [p.name for p in outbox.iterdir()] == [
        "relaunch-weekly-2026-W25-jana.roth@acme.example.eml"
    ]


def test_send_period_before_the_project_is_a_clear_error(
    make_workspace: WorkspaceFactory, run_cli: Any, tmp_path: Path
) -> None:
    root = make_workspace()
    result = run_cli(
        "--workspace", str(root), "send", "weekly", "relaunch", "--period", "2026-W10",
        "--dry-run", "--outbox", str(tmp_path / "o"),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "2026-W10 ends before project 'relaunch' starts" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_archive_holds_reports_portal_and_sources_and_verifies(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    survey = (
        "Timestamp,Email Address,How likely are you to recommend us to a colleague?,Comments\n"
        "7/1/2026 10:00:00,anna@client.example,9,Great work\n"
        "7/1/2026 11:00:00,ben@client.example,6,Call me on +49 40 1234 5678\n"
    )
    root = make_workspace(
        {
            "content/projects/relaunch/project.yaml": CLOSED,
            "content/projects/relaunch/surveys/final.csv": survey,
        }
    )
    ws = ["--workspace", str(root)]
    assert run_cli(*ws, "build", "--as-of", "2026-07-06", "--quiet").exit_code == 0
    result = run_cli(*ws, "archive", "relaunch", "--as-of", "2026-07-06")
    assert result.exit_code == 0, result.output
    target = root / "output/archive/relaunch.zip"
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        closing = archive.read("reports/closing.pdf")
        archive_bytes = {name: archive.read(name) for name in archive.namelist()}
        manifest = archive.read("MANIFEST").decode()
    assert {"reports/weekly-2026-W23.pdf", "reports/monthly-2026-06.pdf"} <= names
    assert {"portal/relaunch/index.html", "source/project.yaml", "source/tasks.yaml"} <= names
    # survey answers are kept, parsed, without who gave them
    assert "source/surveys/final.csv" not in names
    answers = archive_bytes["source/surveys/final.csv.answers.json"].decode()
    assert "Great work" in answers
    assert "anna@client.example" not in answers and "1234 5678" not in answers
    assert closing == (root / "output/reports/relaunch/closing.pdf").read_bytes()
    assert hashlib.sha256(closing).hexdigest() in manifest
    first = target.read_bytes()
    assert run_cli(*ws, "archive", "relaunch", "--as-of", "2026-07-06").exit_code == 0
    assert target.read_bytes() == first  # reproducible

    assert run_cli(*ws, "archive", "--verify", str(target)).exit_code == 0
    with zipfile.ZipFile(target) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    entries["source/updates/2026-06-12.md"] += b"edited after archiving"
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    result = run_cli(*ws, "archive", "--verify", str(target))
    assert result.exit_code == 1
    assert "source/updates/2026-06-12.md" in result.output


def test_archive_refuses_an_open_project(make_workspace: WorkspaceFactory, run_cli: Any) -> None:
    result = run_cli("--workspace", str(make_workspace()), "archive", "relaunch")
    assert result.exit_code == 1
    assert "project 'relaunch' is not closed" in result.output
