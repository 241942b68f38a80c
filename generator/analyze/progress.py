"""Task progress: percent complete (earned and planned) and the weekly burn-up series.

Percentages are 0..100 and weighted by each task's estimate in hours; when no task has
an estimate every task weighs the same, so a plan without estimates still shows progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.analyze.periods import completed_periods
from generator.model.records import Task, TaskStatus

TaskState = Literal["done", "in_progress", "blocked", "todo"]


@dataclass(frozen=True)
class TaskCounts:
    done: int
    in_progress: int
    blocked: int
    todo: int
    overdue: int  # not done and past its due date

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.blocked + self.todo


@dataclass(frozen=True)
class BurnPoint:
    date: dt.date
    scope_hours: float
    done_hours: float
    planned_hours: float


def task_percent(task: Task, as_of: dt.date) -> float:
    """100 once completed, else the latest progress reading made by `as_of`, else 0."""
    if task.completed is not None and task.completed <= as_of:
        return 100.0
    readings = sorted((r for r in task.progress if r.date <= as_of), key=lambda r: r.date)
    return readings[-1].percent if readings else 0.0


def task_planned_percent(task: Task, as_of: dt.date) -> float:
    """The share of the task planned by the end of `as_of`: linear over start..due inclusive."""
    if as_of < task.start:
        return 0.0
    if as_of >= task.due:
        return 100.0
    return 100.0 * ((as_of - task.start).days + 1) / ((task.due - task.start).days + 1)


def task_state(task: Task, as_of: dt.date) -> TaskState:
    """Status at the end of `as_of` (a completion after it does not count yet)."""
    if task.completed is not None and task.completed <= as_of:
        return "done"
    if task.status == TaskStatus.blocked:
        return "blocked"
    if task.status in (TaskStatus.in_progress, TaskStatus.done):
        return "in_progress"
    if any(r.date <= as_of for r in task.progress):
        return "in_progress"
    return "todo"


def _weights(tasks: Sequence[Task]) -> list[float]:
    if any(t.estimate_hours > 0 for t in tasks):
        return [t.estimate_hours for t in tasks]
    return [1.0] * len(tasks)


def percent_complete(tasks: Sequence[Task], as_of: dt.date) -> float:
    """Estimate-weighted percent complete; 0 for a project without tasks."""
    weights = _weights(tasks)
    total = sum(weights)
    if not total:
        return 0.0
    return sum(w * task_percent(t, as_of) for w, t in zip(weights, tasks, strict=True)) / total


def planned_percent(tasks: Sequence[Task], as_of: dt.date) -> float:
    """Estimate-weighted percent that the plan expected done by the end of `as_of`."""
    weights = _weights(tasks)
    total = sum(weights)
    if not total:
        return 0.0
    return (
        sum(w * task_planned_percent(t, as_of) for w, t in zip(weights, tasks, strict=True)) / total
    )


def task_counts(tasks: Sequence[Task], as_of: dt.date) -> TaskCounts:
    states = [task_state(t, as_of) for t in tasks]
    overdue = sum(1 for t, s in zip(tasks, states, strict=True) if s != "done" and t.due < as_of)
    return TaskCounts(
        done=states.count("done"),
        in_progress=states.count("in_progress"),
        blocked=states.count("blocked"),
        todo=states.count("todo"),
        overdue=overdue,
    )


def burn_up(tasks: Sequence[Task], start: dt.date, as_of: dt.date) -> list[BurnPoint]:
    """One point at the end of each ISO week from `start`, and a last one at `as_of`.

    Scope is the total estimate (tasks carry no creation date, so it is flat); done and
    planned hours are the estimate-weighted percentages of that scope.
    """
    if as_of < start:
        return []
    days = [p.end for p in completed_periods("week", start, as_of)]
    if not days or days[-1] != as_of:
        days.append(as_of)
    scope = sum(t.estimate_hours for t in tasks)
    return [
        BurnPoint(
            date=day,
            scope_hours=scope,
            done_hours=sum(t.estimate_hours * task_percent(t, day) / 100 for t in tasks),
            planned_hours=sum(t.estimate_hours * task_planned_percent(t, day) / 100 for t in tasks),
        )
        for day in days
    ]
