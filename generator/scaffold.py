"""`milepost init`: a new workspace with one sample project from a project template.

Templates live in templates/init/<name>/ (plus _common/); their files are Jinja templates
with dates relative to the start (`{{ start | days(14) }}`), so a new project looks current.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.model.schemas import write_schemas
from generator.workspace import BUILTIN_TEMPLATES

INIT_DIR = BUILTIN_TEMPLATES / "init"


def project_templates() -> list[str]:
    return sorted(p.name for p in INIT_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


def init_workspace(directory: Path, template: str, today: dt.date | None = None) -> list[str]:
    """Write the workspace; refuse to overwrite any existing file. Returns lines to print."""
    if template not in project_templates():
        raise ContentErrors(
            [
                ContentError(
                    str(directory),
                    0,
                    0,
                    tr("unknown project template '{template}'", template=template),
                    tr("choose one of: {templates}", templates=", ".join(project_templates())),
                )
            ]
        )
    today = today or dt.date.today()
    start = today - dt.timedelta(days=today.weekday())  # the Monday of this week
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["days"] = _days_after
    values = {"start": start.isoformat(), "today": today.isoformat()}
    files: dict[Path, str] = {}
    for source_root in (INIT_DIR / "_common", INIT_DIR / template):
        for source in sorted(source_root.rglob("*")):
            if source.is_dir():
                continue
            rel = env.from_string(source.relative_to(source_root).as_posix()).render(values)
            text = env.from_string(source.read_text(encoding="utf-8")).render(values)
            files[directory / rel] = text
    existing = [p for p in [*files, directory / "content"] if p.exists()]
    if existing:
        raise ContentErrors(
            [
                ContentError(
                    str(existing[0]),
                    0,
                    0,
                    tr("this folder already has a workspace; milepost init never overwrites files"),
                    tr("choose an empty folder"),
                )
            ]
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_schemas(directory / "schemas")
    (directory / "output").mkdir(exist_ok=True)
    return [
        tr(
            "created a workspace in {directory} with a '{template}' project",
            directory=directory,
            template=template,
        ),
        tr("next: {commands}", commands=f"cd {directory} && milepost validate && milepost build"),
    ]


def _days_after(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
