"""The data file inside a client's closing PDF holds the client-visible fields, and no more.

`milepost send closing` e-mails the client closing PDF; its PDF/A-3 attachment
`<project>-project-data.json` is what a client's archive keeps. The workspace below has an
internal goal with a reading in a client update, an internal milestone reached through a
client task and deliverable, a change request with a price, task estimates, team roles and a
chat channel: the internal closing PDF carries them all, the client's none of them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

FILES = {
    "content/projects/relaunch/project.yaml": """\
        title: Website relaunch
        client: acme
        manager: lena
        status: closed
        start: 2026-06-01
        planned_end: 2026-06-26
        actual_end: 2026-06-26
        goals:
          - id: conv
            title: Raise checkout conversion
            metric: Checkout conversion rate
            unit: "%"
            baseline: 1.8
            target: 2.6
          - id: margin
            title: Keep the gross margin above target
            metric: Gross margin
            target: 0.3
            visibility: internal
        milestones:
          - id: design
            title: Design sign-off
            planned: 2026-06-12
            actual: 2026-06-12
          - id: internal-qa-gate
            title: Internal QA gate
            planned: 2026-06-19
            visibility: internal
        deliverables:
          - id: style-guide
            title: Style guide
            milestone: internal-qa-gate
            status: delivered
            delivered_on: 2026-06-19
        team:
          - person: lena
            role: Lead (billable at senior rate)
            allocations:
              - {from: 2026-06-01, to: 2026-06-26, hours_per_week: 20}
        notify:
          - kind: slack
            name: acme-team-backchannel
            webhook_env: ACME_BACKCHANNEL_WEBHOOK
        """,
    "content/projects/relaunch/tasks.yaml": """\
        tasks:
          - id: T1
            title: Wireframes
            owner: tom
            milestone: internal-qa-gate
            start: 2026-06-01
            due: 2026-06-12
            estimate_hours: 37.5
            status: done
            completed: 2026-06-12
            visibility: client
        """,
    "content/projects/relaunch/changes.yaml": """\
        changes:
          - id: CR1
            title: Add a store locator
            requested_by: Jana Roth
            requested: 2026-06-08
            impact: {scope: One more page, schedule_days: 3, cost: 7430}
            status: approved
            decided: 2026-06-10
            visibility: client
        """,
    "content/projects/relaunch/updates/2026-06-12.md": """\
        ---
        date: 2026-06-12
        author: lena
        health: green
        visibility: client
        highlights:
          - Design signed off
        metrics:
          conv: 2.1
          margin: 0.2718
        ---
        The project went well.
        """,
}
LEAKS = {
    "internal goal": "margin",
    "internal goal reading": "0.2718",
    "internal milestone id": "internal-qa-gate",
    "change request cost": "7430",
    "task estimate": "37.5",
    "team role": "billable at senior rate",
    "chat channel": "acme-team-backchannel",
    "environment variable": "ACME_BACKCHANNEL_WEBHOOK",
}


def _attachment(root: Path, run_cli: Any, audience: str) -> tuple[bytes, dict[str, Any]]:
    pdf = root / f"closing-{audience}.pdf"
    result = run_cli(
        "--workspace", str(root), "report", "closing", "relaunch",
        "--audience", audience, "-o", str(pdf),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = PdfReader(io.BytesIO(pdf.read_bytes())).attachments
    assert list(files) == ["relaunch-project-data.json"]
    raw = files["relaunch-project-data.json"][0]
    return raw, json.loads(raw)


@pytest.fixture(scope="module")
def attachments(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import textwrap

    from click.testing import CliRunner

    from generator.cli import main
    from tests.conftest import MINIMAL

    root = tmp_path_factory.mktemp("closing")
    for rel, text in {**MINIMAL, **FILES}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")

    def run(*args: str) -> Any:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return {a: _attachment(root, run, a) for a in ("client", "internal")}


@pytest.mark.parametrize(("kind", "text"), list(LEAKS.items()), ids=list(LEAKS))
def test_the_client_attachment_leaves_out_what_is_internal(
    attachments: dict[str, Any], kind: str, text: str
) -> None:
    internal_raw, _ = attachments["internal"]
    client_raw, _ = attachments["client"]
    assert text.encode() in internal_raw  # the workspace has it: the team's copy keeps it
    assert text.encode() not in client_raw, f"{kind} in the client's closing data"


def test_the_client_attachment_has_the_allowed_fields_only(attachments: dict[str, Any]) -> None:
    from generator.render.closing_data import CLIENT_FIELDS

    _, data = attachments["client"]
    assert set(data) == set(CLIENT_FIELDS)
    assert set(data["project"]) == set(CLIENT_FIELDS["project"])
    assert data["project"]["title"] == "Website relaunch"
    assert [g["id"] for g in data["project"]["goals"]] == ["conv"]
    assert data["updates"][0]["metrics"] == {"conv": 2.1}
    assert data["tasks"][0]["title"] == "Wireframes" and data["tasks"][0]["milestone"] is None
    assert data["project"]["deliverables"][0]["milestone"] is None
    assert data["changes"][0]["impact"] == {"scope": "One more page", "schedule_days": 3}
    for record in data["tasks"]:
        assert set(record) <= set(CLIENT_FIELDS["tasks"])
