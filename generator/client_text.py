"""Warnings about client-visible text that may disclose internal facts, at their lines.

Which records a client sees is decided once, by `analyze.audience.client_slice`; this module
walks the text fields of exactly those records, with their positions from
`load.workspace.read_workspace`, and asks `analyze.disclosure` what in each may be internal:
an amount of money, a word such as cost or 未计费, a file path, a staff rate. `validate` and
`build` print the warnings; `--strict` makes them errors. It reads the files again to place
a finding inside a folded text and to honour the PM's comments:

A line that carries the comment `milepost: client-ok` (`# milepost: client-ok` in YAML,
`<!-- milepost: client-ok -->` in Markdown) is what the PM has checked: no warning there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.analyze.audience import client_slice
from generator.analyze.disclosure import disclosures_at
from generator.errors import ContentError
from generator.i18n import tr
from generator.load.yaml_source import Loc, SourceMap, Sources
from generator.model.documents import RetroItem
from generator.model.portfolio import Portfolio, ProjectData

CHECKED = "milepost: client-ok"
T = TypeVar("T")


@dataclass(frozen=True)
class ClientText:
    """One client-visible text: in which file, at which key, under which name."""

    path: str
    loc: Loc
    field: str
    text: str
    body: bool = False  # the Markdown narrative: positions are lines of the body


def client_texts(data: ProjectData, seen: ProjectData) -> Iterator[ClientText]:
    """Every text field of the project that a client output may print (`seen`: its slice)."""
    base = f"content/projects/{data.id}"
    yield from _project_texts(data, seen, f"{base}/project.yaml")
    yield from _register_texts(data, seen, base)
    yield from _document_texts(data, seen)


def _visible(records: Iterable[T], shown: Iterable[object]) -> Iterator[tuple[int, T]]:
    """(index in the file, record) of the records the slice kept (by identity or by id)."""
    kept = {id(r) for r in shown}
    ids = {getattr(r, "id", None) for r in shown} - {None}
    for index, record in enumerate(records):
        if id(record) in kept or getattr(record, "id", None) in ids:
            yield index, record


def _fields(path: str, loc: Loc, record: object, names: Iterable[str]) -> Iterator[ClientText]:
    for name in names:
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            yield ClientText(path, (*loc, name), name, value)


def _items(path: str, key: str, values: Iterable[str]) -> Iterator[ClientText]:
    for index, value in enumerate(values):
        yield ClientText(path, (key, index), key, value)


def _project_texts(data: ProjectData, seen: ProjectData, path: str) -> Iterator[ClientText]:
    project, shown = data.project, seen.project
    yield from _fields(path, (), project, ("title", "summary"))
    for i, goal in _visible(project.goals, shown.goals):
        yield from _fields(path, ("goals", i), goal, ("title", "metric"))
        for j, reading in enumerate(goal.measurements):
            yield from _fields(path, ("goals", i, "measurements", j), reading, ("note",))
    for i, milestone in _visible(project.milestones, shown.milestones):
        yield from _fields(path, ("milestones", i), milestone, ("title",))
        for j, forecast in enumerate(milestone.forecasts):
            yield from _fields(path, ("milestones", i, "forecasts", j), forecast, ("reason",))
    for i, deliverable in _visible(project.deliverables, shown.deliverables):
        yield from _fields(path, ("deliverables", i), deliverable, ("title",))
    for i, item in _visible(project.handover, shown.handover):
        yield from _fields(path, ("handover", i), item, ("item",))
    for i, member in enumerate(project.team):
        yield from _fields(path, ("team", i), member, ("role",))
    for i, channel in enumerate(project.communication.channels):
        yield from _fields(path, ("communication", "channels", i), channel, ("name", "purpose"))
    meetings = project.communication.meetings
    for i, meeting in _visible(meetings, shown.communication.meetings):
        yield from _fields(path, ("communication", "meetings", i), meeting, ("title",))


def _register_texts(data: ProjectData, seen: ProjectData, base: str) -> Iterator[ClientText]:
    for i, task in _visible(data.tasks, seen.tasks):
        yield from _fields(f"{base}/tasks.yaml", ("tasks", i), task, ("title",))
    for i, risk in _visible(data.risks, seen.risks):
        path = f"{base}/risks.yaml"
        yield from _fields(path, ("risks", i), risk, ("title", "description", "plan"))
        for j, change in enumerate(risk.history):
            yield from _fields(path, ("risks", i, "history", j), change, ("note",))
    for i, request in _visible(data.changes, seen.changes):
        path = f"{base}/changes.yaml"
        yield from _fields(path, ("changes", i), request, ("title", "description"))
        yield from _fields(path, ("changes", i, "impact"), request.impact, ("scope",))
        yield from _fields(path, ("changes", i), request, ("decision_note",))


def _document_texts(data: ProjectData, seen: ProjectData) -> Iterator[ClientText]:
    for _, update in _visible(data.updates, seen.updates):
        path = update.source
        yield from _fields(path, (), update, ("health_reason",))
        for key in ("highlights", "next_steps", "blockers"):
            yield from _items(path, key, getattr(update, key))
        for i, decision in enumerate(update.decisions_needed):
            yield from _fields(path, ("decisions_needed", i), decision, ("what",))
        yield ClientText(path, (), tr("the narrative"), update.body, body=True)
    for _, meeting in _visible(data.meetings, seen.meetings):
        path = meeting.source
        yield from _fields(path, (), meeting, ("title",))
        yield from _items(path, "decisions", meeting.decisions)
        for i, action in enumerate(meeting.actions):
            yield from _fields(path, ("actions", i), action, ("action",))
        yield ClientText(path, (), tr("the narrative"), meeting.body, body=True)
    for _, note in _visible(data.notes, seen.notes):
        path = note.source
        yield from _fields(path, (), note, ("title",))
        yield ClientText(path, (), tr("the narrative"), note.body, body=True)
    retro, shown = data.retrospective, seen.retrospective
    if retro is None or shown is None:
        return
    for key in ("went_well", "to_improve", "lessons"):
        items: list[RetroItem] = getattr(retro, key)
        for i, item in _visible(items, getattr(shown, key)):
            yield ClientText(retro.source, (key, i, "text"), key, item.text)
    for i, problem in _visible(retro.problems, shown.problems):
        yield from _fields(retro.source, ("problems", i), problem, ("problem", "solution"))
    for i, improvement in _visible(retro.actions, shown.actions):
        yield from _fields(retro.source, ("actions", i), improvement, ("action",))
    if shown.body:
        yield ClientText(retro.source, (), tr("the narrative"), retro.body, body=True)


def client_text_warnings(portfolio: Portfolio, sources: Sources, root: Path) -> list[ContentError]:
    """A warning for each client-visible text that may disclose an internal fact."""
    warnings: list[ContentError] = []
    lines: dict[str, list[str]] = {}
    for data in sorted(portfolio.projects.values(), key=lambda d: d.id):
        seen = client_slice(data)
        budget = data.project.budget
        currencies = {portfolio.site.currency} | (
            {budget.currency} if budget and budget.currency else set()
        )
        # the prices the PM shows the client (cost_visibility: client) are no leak
        prices = [c.impact.cost for c in seen.changes if c.impact.cost]
        for text in client_texts(data, seen):
            source = sources.by_file.get(text.path, SourceMap(text.path))
            file_lines = lines.setdefault(text.path, _read_lines(root / text.path))
            for offset, finding in disclosures_at(text.text, currencies, prices):
                if text.body:  # the line in the file; 0 when the body's start is not known
                    start = source.body_line
                    line, column = (start + text.text.count("\n", 0, offset) if start else 0), 0
                else:
                    line, column = _place(
                        finding.found, file_lines, source.position(text.loc), text.text
                    )
                if 0 < line <= len(file_lines) and CHECKED in file_lines[line - 1]:
                    continue
                message, hint = finding.message(text.field), finding.hint()
                warnings.append(ContentError(text.path, line, column, message, hint))
    return warnings


def _place(found: str, file_lines: list[str], start: tuple[int, int], text: str) -> tuple[int, int]:
    """Line and column of the words found in a value that may span lines (a folded `>`
    text): where they stand in the file, else where the value starts."""
    line, column = start
    span = 1 + text.count("\n") + len(text) // 40  # folded lines hold at least ~40 characters
    for index in range(max(line - 1, 0), min(len(file_lines), line + span)):
        at = file_lines[index].find(found, column - 1 if index == line - 1 else 0)
        if at >= 0:
            return index + 1, at + 1
    return line, column


def _read_lines(file: Path) -> list[str]:
    try:
        return file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
