"""Checks across files: references to people, clients, milestones and goals; duplicate ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from generator.errors import ContentError
from generator.i18n import tr
from generator.load.yaml_source import Sources
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.site import People


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if close:
        return tr("did you mean '{name}'?", name=close[0])
    known = sorted(known)
    return tr("known: {names}", names=", ".join(known[:12])) if known else ""


def check_references(
    portfolio: Portfolio,
    people: People,
    sources: Sources,
    known_clients: set[str],
    unreadable_ids: dict[str, set[str]] | None = None,
) -> list[ContentError]:
    """Errors across files. `unreadable_ids` (per file) are ids of records that have errors
    of their own and were left out: a reference to one of them is not reported."""
    unreadable = unreadable_ids or {}
    errors: list[ContentError] = []
    errors += _duplicates(
        "content/people.yaml", ("people",), [p.id for p in people.people], tr("person"), sources
    )
    for data in portfolio.projects.values():
        errors += _project_references(portfolio, data, sources, known_clients, unreadable)
    return errors


def _duplicates(
    path: str, loc: tuple[str | int, ...], ids: list[str], what: str, sources: Sources
) -> list[ContentError]:
    errors = []
    seen: dict[str, int] = {}
    for index, ident in enumerate(ids):
        if ident in seen:
            first_line = sources.position(path, (*loc, seen[ident], "id"))[0]
            errors.append(
                sources.error(
                    path,
                    (*loc, index, "id"),
                    tr(
                        "duplicate {what} id '{id}' (also on line {line})",
                        what=what,
                        id=ident,
                        line=first_line,
                    ),
                    tr("every id must be unique; rename one of them"),
                )
            )
        else:
            seen[ident] = index
    return errors


def _project_references(
    portfolio: Portfolio,
    data: ProjectData,
    sources: Sources,
    known_clients: set[str],
    unreadable: dict[str, set[str]],
) -> list[ContentError]:
    project = data.project
    base = f"content/projects/{project.id}"
    pfile = f"{base}/project.yaml"
    errors: list[ContentError] = []
    people = portfolio.people
    unreadable_people = unreadable.get("content/people.yaml", set())
    unreadable_here = unreadable.get(pfile, set())

    def person(path: str, loc: tuple[str | int, ...], value: str | None, what: str) -> None:
        if value is not None and value not in people and value not in unreadable_people:
            errors.append(
                sources.error(
                    path,
                    loc,
                    tr("{what} '{value}' is not in content/people.yaml", what=what, value=value),
                    _suggest(value, people),
                )
            )

    if project.client not in known_clients:
        errors.append(
            sources.error(
                pfile,
                ("client",),
                tr(
                    "client '{client}' has no file content/clients/{client}.yaml",
                    client=project.client,
                ),
                _suggest(project.client, portfolio.clients),
            )
        )
    person(pfile, ("manager",), project.manager, tr("manager"))
    for i, member in enumerate(project.team):
        person(pfile, ("team", i, "person"), member.person, tr("team member"))

    milestones = {m.id for m in project.milestones}
    goals = {g.id for g in project.goals}
    known_milestones = milestones | unreadable_here
    known_goals = goals | unreadable_here
    end = project.actual_end or project.planned_end
    for what, key, ids in (
        (tr("goal"), "goals", [g.id for g in project.goals]),
        (tr("milestone"), "milestones", [m.id for m in project.milestones]),
        (tr("deliverable"), "deliverables", [d.id for d in project.deliverables]),
    ):
        errors += _duplicates(pfile, (key,), ids, what, sources)
    for i, goal in enumerate(project.goals):
        person(pfile, ("goals", i, "owner"), goal.owner, tr("goal owner"))
        # outcomes are often measured after launch, up to the goal's own deadline
        last = max(end, goal.deadline) if goal.deadline else end
        for j, reading in enumerate(goal.measurements):
            if reading.date < project.start or reading.date > last:
                errors.append(
                    sources.error(
                        pfile,
                        ("goals", i, "measurements", j, "date"),
                        tr(
                            "measurement dated {date} is outside the project ({start} to {end})",
                            date=reading.date,
                            start=project.start,
                            end=last,
                        ),
                        tr("check the year and month of the date"),
                    )
                )
    for i, deliverable in enumerate(project.deliverables):
        if deliverable.milestone and deliverable.milestone not in known_milestones:
            errors.append(
                sources.error(
                    pfile,
                    ("deliverables", i, "milestone"),
                    tr("milestone '{id}' is not defined in this project", id=deliverable.milestone),
                    _suggest(deliverable.milestone, milestones),
                )
            )

    tfile = f"{base}/tasks.yaml"
    errors += _duplicates(tfile, ("tasks",), [t.id for t in data.tasks], tr("task"), sources)
    for i, task in enumerate(data.tasks):
        person(tfile, ("tasks", i, "owner"), task.owner, tr("task owner"))
        if task.milestone and task.milestone not in known_milestones:
            errors.append(
                sources.error(
                    tfile,
                    ("tasks", i, "milestone"),
                    tr("milestone '{id}' is not defined in project.yaml", id=task.milestone),
                    _suggest(task.milestone, milestones),
                )
            )
    errors += _duplicates(
        f"{base}/risks.yaml", ("risks",), [r.id for r in data.risks], tr("risk"), sources
    )
    errors += _duplicates(
        f"{base}/changes.yaml",
        ("changes",),
        [c.id for c in data.changes],
        tr("change request"),
        sources,
    )
    for update in data.updates:
        person(update.source, ("author",), update.author, tr("author"))
        if update.date < project.start:
            errors.append(
                sources.error(
                    update.source,
                    ("date",),
                    tr(
                        "update dated {date} is before the project start {start}",
                        date=update.date,
                        start=project.start,
                    ),
                    tr("check the date"),
                )
            )
        for goal_id in update.metrics:
            if goal_id not in known_goals:
                errors.append(
                    sources.error(
                        update.source,
                        ("metrics", goal_id),
                        tr("goal '{id}' is not defined in project.yaml", id=goal_id),
                        _suggest(goal_id, goals),
                    )
                )
    if data.retrospective:
        retro = data.retrospective
        errors += _duplicates(
            retro.source,
            ("actions",),
            [a.id for a in retro.actions],
            tr("improvement action"),
            sources,
        )
    return errors
