"""The project as it stood at the end of a day.

Reports for a past period are built from this view, so last month's report rebuilt
today gives the same bytes even though the registers have moved on since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import (
    Acceptance,
    Deliverable,
    DeliverableStatus,
    Goal,
    Milestone,
    Project,
    ProjectStatus,
)
from generator.model.records import ChangeRequest, ChangeStatus, Risk, Task, TaskStatus


def as_of(data: ProjectData, day: dt.date) -> ProjectData:
    """Drop or revert everything recorded after `day`; the plan itself (dates, estimates) stays."""
    return replace(
        data,
        project=_project(data.project, day),
        tasks=tuple(_task(t, day) for t in data.tasks),
        risks=tuple(_risk(r, day) for r in data.risks if r.raised <= day),
        changes=tuple(_change(c, day) for c in data.changes if c.requested <= day),
        costs=tuple(c for c in data.costs if c.date <= day),
        updates=tuple(u for u in data.updates if u.date <= day),
        meetings=tuple(m for m in data.meetings if m.date <= day),
        notes=tuple(n for n in data.notes if n.date <= day),
        retrospective=(
            data.retrospective if data.retrospective and data.retrospective.date <= day else None
        ),
    )


def portfolio_as_of(portfolio: Portfolio, day: dt.date) -> Portfolio:
    """Every project of the portfolio as it stood at the end of `day`."""
    return replace(
        portfolio, projects={key: as_of(data, day) for key, data in portfolio.projects.items()}
    )


def _project(project: Project, day: dt.date) -> Project:
    closed = project.actual_end is not None and project.actual_end <= day
    status = project.status
    if status == ProjectStatus.closed and not closed:
        status = ProjectStatus.active
    paused = project.on_hold_since
    if status == ProjectStatus.on_hold and paused is not None and day < paused:
        status = ProjectStatus.active
    return project.model_copy(
        update={
            "status": status,
            "actual_end": project.actual_end if closed else None,
            "goals": [_goal(g, day) for g in project.goals],
            "milestones": [_milestone(m, day) for m in project.milestones],
            "deliverables": [_deliverable(d, day) for d in project.deliverables],
        }
    )


def _goal(goal: Goal, day: dt.date) -> Goal:
    return goal.model_copy(update={"measurements": [m for m in goal.measurements if m.date <= day]})


def _milestone(milestone: Milestone, day: dt.date) -> Milestone:
    actual = milestone.actual if milestone.actual and milestone.actual <= day else None
    update: dict[str, object] = {
        "forecasts": [f for f in milestone.forecasts if f.date <= day],
        "actual": actual,
    }
    decided_later = milestone.accepted_on is not None and milestone.accepted_on > day
    # An undated acceptance cannot predate delivery: it stands only while the actual does.
    undated_too_early = milestone.accepted_on is None and actual is None
    if milestone.acceptance != Acceptance.pending and (decided_later or undated_too_early):
        update |= {"acceptance": Acceptance.pending, "accepted_on": None, "accepted_by": None}
    return milestone.model_copy(update=update)


def _deliverable(deliverable: Deliverable, day: dt.date) -> Deliverable:
    delivered = deliverable.delivered_on is not None and deliverable.delivered_on <= day
    accepted_later = deliverable.accepted_on is not None and deliverable.accepted_on > day
    update: dict[str, object] = {}
    if accepted_later:
        update = {"accepted_on": None, "accepted_by": None}
    if deliverable.delivered_on is not None and not delivered:
        update |= {"status": DeliverableStatus.in_progress, "delivered_on": None}
    elif accepted_later and deliverable.status in (
        DeliverableStatus.accepted,
        DeliverableStatus.rejected,
    ):
        update["status"] = DeliverableStatus.delivered
    return deliverable.model_copy(update=update) if update else deliverable


def _task(task: Task, day: dt.date) -> Task:
    readings = [r for r in task.progress if r.date <= day]
    if task.completed is not None and task.completed <= day:
        return task.model_copy(update={"progress": readings})
    status = task.status
    if status in (TaskStatus.done, TaskStatus.in_progress):
        # No start is recorded: a task was under way once it had a reading or its start came.
        started = bool(readings) or task.start <= day
        status = TaskStatus.in_progress if started else TaskStatus.todo
    elif status == TaskStatus.blocked and task.start > day and not readings:
        # "blocked" carries no date: a task that was not due to start yet was not blocked.
        status = TaskStatus.todo
    return task.model_copy(update={"status": status, "completed": None, "progress": readings})


def _risk(risk: Risk, day: dt.date) -> Risk:
    return risk.model_copy(update={"history": [h for h in risk.history if h.date <= day]})


def _change(change: ChangeRequest, day: dt.date) -> ChangeRequest:
    if change.decided is None or change.decided <= day:
        return change
    return change.model_copy(
        update={
            "status": ChangeStatus.proposed,
            "decided": None,
            "decided_by": None,
            "decision_note": None,
        }
    )
