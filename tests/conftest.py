"""Shared fixtures: small workspaces written to tmp_path, and the CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
SURVEY_EXPORTS = REPO.parent / "shared" / "survey-exports"

MINIMAL = {
    "content/site.yaml": """\
        name: Test Agency
        timezone: Europe/Berlin
        currency: EUR
        """,
    "content/people.yaml": """\
        people:
          - id: lena
            name: Lena Hoffmann
            role: Project manager
            cost_rate: 95
          - id: tom
            name: Tom Berger
            role: Developer
        """,
    "content/clients/acme.yaml": """\
        name: Acme Retail GmbH
        short_name: Acme
        contacts:
          - name: Jana Roth
            email: jana.roth@acme.example
            reports: [weekly, monthly]
        """,
    "content/projects/relaunch/project.yaml": """\
        title: Website relaunch
        client: acme
        manager: lena
        start: 2026-06-01
        planned_end: 2026-12-18
        goals:
          - id: conv
            title: Raise checkout conversion
            metric: Checkout conversion rate
            unit: "%"
            baseline: 1.8
            target: 2.6
            deadline: 2026-12-31
            owner: lena
        milestones:
          - id: design
            title: Design sign-off
            planned: 2026-07-15
        """,
    "content/projects/relaunch/tasks.yaml": """\
        tasks:
          - id: T1
            title: Wireframes
            owner: tom
            milestone: design
            start: 2026-06-01
            due: 2026-06-20
            estimate_hours: 40
        """,
    "content/projects/relaunch/updates/2026-06-12.md": """\
        ---
        date: 2026-06-12
        author: lena
        health: green
        visibility: client
        highlights:
          - Kick-off held
        ---
        The project started well.
        """,
}

WorkspaceFactory = Callable[..., Path]


@pytest.fixture
def make_workspace(tmp_path: Path) -> WorkspaceFactory:
    """Write MINIMAL with the given files replaced (None removes a file); return the root."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        merged: dict[str, str | bytes | None] = {**MINIMAL, **(files or {})}
        for rel, text in merged.items():
            if text is None:
                continue
            target = tmp_path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def run_cli() -> Callable[..., object]:
    def run(*args: str) -> object:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture(autouse=True)
def english_messages() -> None:
    """A CLI run with --lang zh-CN must not change the language of the next test."""
    from generator.i18n import set_message_language

    set_message_language("en")
