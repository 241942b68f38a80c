"""SMART goals: lint each goal for what is missing, and measure how far each got.

Readings come from the goal's own `measurements` and from the `metrics` of status updates
(keyed by goal id); the latest reading on or before `as_of` is the current value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from generator.analyze.reasons import Reason
from generator.model.portfolio import ProjectData
from generator.model.project import Goal, Project, ProjectStatus

Verdict = Literal["met", "partly_met", "missed", "not_measured"]
PARTLY_MET = 0.5  # at least half of the way from baseline to target


@dataclass(frozen=True)
class GoalFinding:
    goal_id: str
    reason: Reason


@dataclass(frozen=True)
class Reading:
    date: dt.date
    value: float


@dataclass(frozen=True)
class GoalProgress:
    id: str
    title: str
    metric: str | None
    unit: str
    direction: str
    baseline: float | None
    target: float | None
    deadline: dt.date | None
    current: float | None
    current_date: dt.date | None
    readings: tuple[Reading, ...]  # oldest first, for a sparkline
    fraction: float | None  # of the way from baseline to target; may be < 0 or > 1
    percent: float | None  # fraction as 0..100, clamped for bars
    verdict: Verdict


def lint_goal(goal: Goal, project: Project, people: Collection[str]) -> list[Reason]:
    """What keeps `goal` from being SMART; empty when it is."""
    name: dict[str, object] = {"goal": goal.title}
    findings: list[Reason] = []
    if not goal.metric:
        findings.append(Reason("goal_no_metric", name))
    if goal.target is None:
        findings.append(Reason("goal_no_target", name))
    if goal.baseline is None:
        findings.append(Reason("goal_no_baseline", name))
    if goal.baseline is not None and goal.target is not None:
        ahead = (
            goal.target > goal.baseline
            if goal.direction == "increase"
            else (goal.target < goal.baseline)
        )
        if not ahead:
            params: dict[str, object] = {
                "baseline": goal.baseline,
                "target": goal.target,
                "direction": goal.direction,
            }
            findings.append(Reason("goal_target_not_ahead", name | params))
    if goal.deadline is None:
        findings.append(Reason("goal_no_deadline", name))
    else:
        end = project.actual_end or project.planned_end
        if not project.start <= goal.deadline <= end:
            params = {"deadline": goal.deadline, "start": project.start, "end": end}
            findings.append(Reason("goal_deadline_outside", name | params))
    if not goal.owner:
        findings.append(Reason("goal_no_owner", name))
    elif goal.owner not in people:
        findings.append(Reason("goal_unknown_owner", name | {"owner": goal.owner}))
    return findings


def lint_goals(data: ProjectData, people: Collection[str]) -> list[GoalFinding]:
    """Every finding for every goal of the project, in goal order.

    `people` is the collection of person ids (a dict of Person by id works).
    """
    return [
        GoalFinding(goal.id, reason)
        for goal in data.project.goals
        for reason in lint_goal(goal, data.project, people)
    ]


def readings(data: ProjectData, goal: Goal, as_of: dt.date) -> list[Reading]:
    """Every reading of the goal by `as_of`, oldest first (same day: update after measurement)."""
    found = [Reading(m.date, m.value) for m in goal.measurements if m.date <= as_of]
    for u in data.updates:
        value = u.metrics.get(goal.id)
        if value is not None and u.date <= as_of:  # an empty value is a reading still to take
            found.append(Reading(u.date, value))
    return sorted(found, key=lambda r: r.date)


READING_DUE_DAYS = 7  # a reading a week: goals are reported in the weekly update


def reading_due(data: ProjectData, goal: Goal, as_of: dt.date) -> bool:
    """The goal needs a new reading on `as_of`: it has a metric, its project is active and
    has started, no reading was taken after its deadline, and the last reading is at least
    READING_DUE_DAYS old (or there is none yet)."""
    project = data.project
    if not goal.metric or project.status != ProjectStatus.active or as_of < project.start:
        return False
    found = readings(data, goal, as_of)
    if not found:
        return True
    last = found[-1].date
    if goal.deadline is not None and last >= goal.deadline:
        return False
    return (as_of - last).days >= READING_DUE_DAYS


def goal_progress(data: ProjectData, goal: Goal, as_of: dt.date) -> GoalProgress:
    found = readings(data, goal, as_of)
    current = found[-1] if found else None
    fraction: float | None = None
    verdict: Verdict = "not_measured"
    if current and goal.baseline is not None and goal.target is not None:
        span = goal.target - goal.baseline
        reached = (
            current.value >= goal.target
            if goal.direction == "increase"
            else current.value <= goal.target
        )
        # A target equal to the baseline has no "way" to go: all or nothing.
        fraction = (current.value - goal.baseline) / span if span else float(reached)
        # A decreasing goal still at its baseline divides 0 by a negative span: -0.0, which
        # a formatter prints as "−0%". Adding 0.0 turns -0.0 into 0.0 and leaves the rest.
        fraction += 0.0
        if reached:
            verdict = "met"
        elif fraction >= PARTLY_MET:
            verdict = "partly_met"
        else:
            verdict = "missed"
    return GoalProgress(
        id=goal.id,
        title=goal.title,
        metric=goal.metric,
        unit=goal.unit,
        direction=goal.direction,
        baseline=goal.baseline,
        target=goal.target,
        deadline=goal.deadline,
        current=current.value if current else None,
        current_date=current.date if current else None,
        readings=tuple(found),
        fraction=fraction,
        percent=None if fraction is None else 100 * min(max(fraction, 0.0), 1.0),
        verdict=verdict,
    )


def goals_progress(data: ProjectData, as_of: dt.date) -> list[GoalProgress]:
    return [goal_progress(data, goal, as_of) for goal in data.project.goals]
