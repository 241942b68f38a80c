"""`milepost import tasks`: merge a tracker's task export into a project's tasks.yaml.

Tasks are matched by id. Fields the export carries are updated; fields only milepost
knows (visibility, older progress readings, anything the PM added) are kept, and so are
the file's comments and key order. Statuses and people that cannot be mapped are reported.

Over 400 lines because reading an export, matching it to the file and merging into ruamel's
commented YAML is one transaction whose steps share the same row and entry types; the
trackers' field names and value formats live apart in task_exports.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.errors import ContentError, ContentErrors, unknown_project
from generator.i18n import gettext, tr
from generator.integrations import yamlfile
from generator.integrations.table import Cell, Row, Table, norm, parse_mapping
from generator.integrations.task_exports import (
    ESTIMATE_IN_SECONDS,
    FIELDS,
    PRESETS,
    clean_id,
    detect_preset,
    parse_date,
    parse_hours,
    parse_percent,
    status_table,
)
from generator.model.records import Tasks, TaskStatus
from generator.model.site import Person


@dataclass
class People:
    by_key: dict[str, str]

    @classmethod
    def of(cls, people: list[Person]) -> People:
        keys: dict[str, str] = {}
        for person in people:
            for key in (person.id, person.name, person.email or ""):
                if key:
                    keys[norm(key)] = person.id
        return cls(keys)

    def find(self, text: str) -> str | None:
        return self.by_key.get(norm(text))


@dataclass
class TaskPlan:
    path: str
    old_text: str
    new_text: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_in_export: list[str] = field(default_factory=list)
    unmapped_status: dict[str, list[str]] = field(default_factory=dict)
    unmapped_people: dict[str, list[str]] = field(default_factory=dict)
    unmapped_milestones: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def summary(self) -> str:
        return tr(
            "{path}: tasks {added} added, {updated} updated, {unchanged} unchanged, "
            "{only} only in milepost",
            path=self.path,
            added=len(self.added),
            updated=len(self.updated),
            unchanged=self.unchanged,
            only=len(self.not_in_export),
        )

    def report(self) -> list[str]:
        lines = []
        for message, found in (
            (
                tr("unmapped status '{text}' on {ids}: map it with --status \"TEXT=in_progress\""),
                self.unmapped_status,
            ),
            (
                tr("unknown person '{text}' on {ids}: add them to content/people.yaml"),
                self.unmapped_people,
            ),
            (
                tr("unknown milestone '{text}' on {ids}: use a milestone id of project.yaml"),
                self.unmapped_milestones,
            ),
        ):
            for text, ids in sorted(found.items()):
                lines.append(message.format(text=text, ids=", ".join(ids)))
        return lines + self.notes


@dataclass(frozen=True)
class ImportedTask:
    line: int
    id: str
    title: str
    status_text: str
    status: TaskStatus | None
    owner_text: str
    start: dt.date | None  # None: not in the export, nor a due date to start from
    due: dt.date | None  # None: not in the export (a backlog item)
    completed: dt.date | None
    estimate: float | None
    progress: float | None
    milestone_text: str


def _str(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def read_tasks(
    table: Table,
    columns: dict[str, list[str]],
    statuses: dict[str, TaskStatus],
    *,
    seconds: bool,
    date_format: str | None,
) -> tuple[list[ImportedTask], list[str], list[ContentError]]:
    for needed in ("id", "title"):
        if not any(table.has(c) for c in columns.get(needed, [])):
            raise ContentErrors(
                [
                    ContentError(
                        table.path,
                        1,
                        0,
                        tr("no {field} column found", field=needed),
                        tr(
                            'columns in the file: {columns}; name it with --map {field}="Column" '
                            "or choose --preset",
                            columns=", ".join(h for h in table.headers if h),
                            field=needed,
                        ),
                    )
                ]
            )
    tasks: list[ImportedTask] = []
    notes: list[str] = []
    errors: list[ContentError] = []

    def cell(row: Row, key: str) -> Cell:
        return row.get(*columns.get(key, []))

    for row in table.rows:
        where = f"{table.path}:{row.line}"
        raw_id = _str(cell(row, "id"))
        title = _str(cell(row, "title"))
        if not raw_id or not title:
            errors.append(
                ContentError(table.path, row.line, 0, tr("a task needs an id and a title"), "")
            )
            continue
        task_id = clean_id(raw_id)
        try:
            dates = {
                k: parse_date(cell(row, k), date_format)
                for k in ("start", "due", "completed", "created")
            }
            estimate = parse_hours(cell(row, "estimate"), seconds)
            progress = parse_percent(cell(row, "progress"))
        except ValueError as exc:
            errors.append(
                ContentError(
                    table.path,
                    row.line,
                    0,
                    f"{task_id}: {exc}",
                    tr("pass --date-format (e.g. %d.%m.%Y) or fix the cell"),
                )
            )
            continue
        due = dates["due"]
        if due is None:
            notes.append(
                tr(
                    "{where}: {task} has no due date: imported with a placeholder (the "
                    "project's planned end) marked in tasks.yaml; set the real date there",
                    where=where,
                    task=task_id,
                )
            )
        start = dates["start"] or dates["created"] or due
        status_text = _str(cell(row, "status"))
        status = statuses.get(norm(status_text))
        if status is None:
            status = statuses.get(norm(_str(cell(row, "status_category"))))
        tasks.append(
            ImportedTask(
                line=row.line,
                id=task_id,
                title=title,
                status_text=status_text,
                status=status,
                owner_text=_str(cell(row, "owner")),
                start=start,
                due=due,
                completed=dates["completed"],
                estimate=estimate,
                progress=progress,
                milestone_text=_str(cell(row, "milestone")),
            )
        )
    return tasks, notes, errors


def _load_people(root: Path) -> list[Person]:
    from generator.load.validation import validate
    from generator.load.yaml_source import load_yaml_file
    from generator.model.site import People as PeopleFile

    data, source, errors = load_yaml_file(root / "content/people.yaml", "content/people.yaml")
    if errors:
        raise ContentErrors(errors)
    people, errors = validate(PeopleFile, data, source)
    if errors or people is None:
        raise ContentErrors(errors)
    return list(people.people)


def _milestones(root: Path, project_id: str) -> dict[str, str]:
    """Milestone ids of project.yaml, found by id or by title."""
    import yaml

    file = root / "content/projects" / project_id / "project.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    found: dict[str, str] = {}
    for m in data.get("milestones") or []:
        if isinstance(m, dict) and m.get("id"):
            found[norm(str(m["id"]))] = str(m["id"])
            if m.get("title"):
                found[norm(str(m["title"]))] = str(m["id"])
    return found


def _planned_end(root: Path, project_id: str) -> dt.date:
    """The project's planned end: the placeholder due date of a task the export leaves undated."""
    import yaml

    file = root / "content/projects" / project_id / "project.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    end = data.get("planned_end") if isinstance(data, dict) else None
    if not isinstance(end, dt.date):
        raise ContentErrors(
            [
                ContentError(
                    f"content/projects/{project_id}/project.yaml",
                    0,
                    0,
                    tr("planned_end is missing or not a date"),
                    tr("fix project.yaml first: milepost validate shows what is wrong"),
                )
            ]
        )
    return end


PLACEHOLDER_NOTE = (
    "placeholder: no due date in the export; set the real date"  # written in the file
)


def _drop_placeholder_note(entry: CommentedMap) -> None:
    """Remove the placeholder comment after `due` (a comment the PM wrote stays)."""
    tokens = entry.ca.items.get("due")
    comment = tokens[2] if tokens and len(tokens) > 2 else None
    if comment is not None and any(
        note in comment.value for note in (PLACEHOLDER_NOTE, gettext("zh-CN", PLACEHOLDER_NOTE))
    ):
        tokens[2] = None


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _apply(
    entry: CommentedMap,
    task: ImportedTask,
    plan: TaskPlan,
    people: People,
    milestones: dict[str, str],
    as_of: dt.date,
    placeholder_due: dt.date,
) -> None:
    entry["title"] = task.title
    if task.owner_text:
        owner = people.find(task.owner_text)
        if owner:
            entry["owner"] = owner
        else:
            plan.unmapped_people.setdefault(task.owner_text, []).append(task.id)
    if task.milestone_text:
        milestone = milestones.get(norm(task.milestone_text))
        if milestone:
            entry["milestone"] = milestone
        else:
            plan.unmapped_milestones.setdefault(task.milestone_text, []).append(task.id)
    kept = entry.get("due") if isinstance(entry.get("due"), dt.date) else None
    due = task.due or kept or placeholder_due
    entry["start"] = min(task.start or due, due)
    entry["due"] = due
    if task.due is not None:
        _drop_placeholder_note(entry)  # the tracker's date replaces the placeholder
    elif kept is None:
        # A backlog item without a date: a placeholder the PM sees and replaces, not a skip.
        entry.yaml_add_eol_comment(tr(PLACEHOLDER_NOTE), key="due")
    if task.estimate is not None:
        entry["estimate_hours"] = _number(task.estimate)
    status = task.status
    if status is None:
        if task.status_text:
            plan.unmapped_status.setdefault(task.status_text, []).append(task.id)
        status = TaskStatus(str(entry.get("status", TaskStatus.todo.value)))
    entry["status"] = status.value
    if status == TaskStatus.done:
        if "completed" not in entry or task.completed:
            entry["completed"] = task.completed or min(due, as_of)
    elif "completed" in entry:
        del entry["completed"]
    if task.progress is not None and status == TaskStatus.in_progress:
        readings = entry.get("progress")
        if not isinstance(readings, list):
            readings = CommentedSeq()
            entry["progress"] = readings
        last = readings[-1] if readings else None
        if last is not None and last.get("date") == as_of:
            last["percent"] = _number(task.progress)
        elif last is None or float(last.get("percent", -1)) != task.progress:
            reading = CommentedMap()
            reading["date"] = as_of
            reading["percent"] = _number(task.progress)
            readings.append(yamlfile.match_style(reading, readings))


def plan_tasks(
    workspace_root: Path,
    table: Table,
    project_id: str,
    *,
    as_of: dt.date,
    preset: str | None = None,
    mapping: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    date_format: str | None = None,
) -> TaskPlan:
    """Compute the merged tasks.yaml without writing it."""
    folder = workspace_root / "content/projects" / project_id
    if not (folder / "project.yaml").is_file():
        known = sorted(p.parent.name for p in folder.parent.glob("*/project.yaml"))
        raise unknown_project(project_id, known)
    preset = preset or detect_preset(table)
    if preset is None and not mapping:
        raise ContentErrors(
            [
                ContentError(
                    table.path,
                    1,
                    0,
                    tr("cannot tell which tracker wrote this export"),
                    tr("pass --preset jira|zoho-projects|worktile|generic or --map FIELD=Column"),
                )
            ]
        )
    columns = {k: list(v) for k, v in PRESETS.get(preset or "", {}).items()}
    columns.update(parse_mapping(mapping, FIELDS))
    imported, notes, errors = read_tasks(
        table,
        columns,
        status_table(statuses),
        seconds=preset in ESTIMATE_IN_SECONDS,
        date_format=date_format,
    )
    if errors:
        raise ContentErrors(errors)

    rel = f"content/projects/{project_id}/tasks.yaml"
    data, old_text = yamlfile.load(folder / "tasks.yaml", rel)
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise ContentErrors([ContentError(rel, 1, 0, tr("expected 'tasks:' at the top"), "")])
    items = data.get("tasks")
    if items is None:
        items = CommentedSeq()
        data["tasks"] = items
    by_id = {str(t.get("id")): t for t in items if isinstance(t, CommentedMap)}
    plan = TaskPlan(rel, old_text, old_text, notes=notes)
    people = People.of(_load_people(workspace_root))
    milestones = _milestones(workspace_root, project_id)
    placeholder = _planned_end(workspace_root, project_id)
    siblings = [t for t in items if isinstance(t, CommentedMap)]
    seen: set[str] = set()
    for task in imported:
        seen.add(task.id)
        entry = by_id.get(task.id)
        if entry is None:
            entry = CommentedMap()
            entry["id"] = task.id
            _apply(entry, task, plan, people, milestones, as_of, placeholder)
            items.append(yamlfile.match_style(entry, siblings))
            by_id[task.id] = entry
            plan.added.append(task.id)
            continue
        before = _snapshot(entry)
        _apply(entry, task, plan, people, milestones, as_of, placeholder)
        if _snapshot(entry) != before:
            plan.updated.append(task.id)
        else:
            plan.unchanged += 1
    plan.not_in_export = [i for i in by_id if i not in seen]
    if plan.added or plan.updated:
        plan.new_text = yamlfile.dump(data, old_text)
    _check(plan)
    return plan


def _snapshot(entry: CommentedMap) -> str:
    return repr(_plain(entry))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _check(plan: TaskPlan) -> None:
    """Refuse to write a tasks.yaml that milepost itself would then reject."""
    import yaml

    try:
        Tasks.model_validate(yaml.safe_load(plan.new_text) or {})
    except Exception as exc:
        raise ContentErrors(
            [
                ContentError(
                    plan.path,
                    0,
                    0,
                    tr("the merged file would not be valid: {problem}", problem=exc),
                    tr("fix the export"),
                )
            ]
        ) from None
