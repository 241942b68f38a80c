"""What changed in a project between two dates: after `start`, up to and including `end`.

The window matches report periods: changes_between(data, previous.end, period.end) is what
happened during `period`. Every item carries its record's visibility so a client output can
leave internal ones out; `reasons` gives the same items as Reason values to word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from generator.analyze.reasons import Reason
from generator.analyze.risks import RiskState, risk_state
from generator.analyze.schedule import actual_on, forecast_on
from generator.model.base import Visibility
from generator.model.portfolio import ProjectData
from generator.model.records import ChangeStatus, RiskStatus


class _Visible(Protocol):
    @property
    def visibility(self) -> Visibility: ...


_T = TypeVar("_T", bound=_Visible)


@dataclass(frozen=True)
class TaskDone:
    id: str
    title: str
    date: dt.date
    milestone: str | None
    visibility: Visibility


@dataclass(frozen=True)
class MilestoneReached:
    id: str
    title: str
    date: dt.date
    variance_days: int
    visibility: Visibility


@dataclass(frozen=True)
class MilestoneMove:
    id: str
    title: str
    previous: dt.date
    forecast: dt.date
    days: int  # > 0 later, < 0 earlier
    visibility: Visibility


@dataclass(frozen=True)
class RiskMove:
    """A risk's state at `end`, with its exposure at `start` (None if raised in between)."""

    risk: RiskState
    previous_exposure: int | None


@dataclass(frozen=True)
class ChangeEvent:
    id: str
    title: str
    requested_by: str
    date: dt.date
    status: ChangeStatus
    visibility: Visibility


@dataclass(frozen=True)
class ChangeSummary:
    start: dt.date  # exclusive
    end: dt.date  # inclusive
    tasks_completed: tuple[TaskDone, ...]
    milestones_reached: tuple[MilestoneReached, ...]
    milestones_moved: tuple[MilestoneMove, ...]
    risks_opened: tuple[RiskMove, ...]
    risks_closed: tuple[RiskMove, ...]
    risks_occurred: tuple[RiskMove, ...]
    risks_escalated: tuple[RiskMove, ...]
    changes_requested: tuple[ChangeEvent, ...]
    changes_decided: tuple[ChangeEvent, ...]
    reasons: tuple[Reason, ...]

    @property
    def empty(self) -> bool:
        return not self.reasons


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start < day <= end


def changes_between(
    data: ProjectData,
    start: dt.date,
    end: dt.date,
    high_risk_exposure: int,
    client_only: bool = False,
) -> ChangeSummary:
    """With `client_only`, records marked internal are left out, reasons included."""
    if client_only:
        data = _client_view(data)
    tasks = tuple(
        TaskDone(t.id, t.title, t.completed, t.milestone, t.visibility)
        for t in sorted(data.tasks, key=lambda t: (t.completed or end, t.id))
        if t.completed is not None and _in(t.completed, start, end)
    )

    reached: list[MilestoneReached] = []
    moved: list[MilestoneMove] = []
    for m in sorted(data.project.milestones, key=lambda m: (m.planned, m.id)):
        actual = actual_on(m, end)
        if actual is not None and _in(actual, start, end):
            days = (actual - m.planned).days
            reached.append(MilestoneReached(m.id, m.title, actual, days, m.visibility))
        elif actual is None:
            before, after = forecast_on(m, start), forecast_on(m, end)
            if before != after:
                days = (after - before).days
                moved.append(MilestoneMove(m.id, m.title, before, after, days, m.visibility))

    opened: list[RiskMove] = []
    closed: list[RiskMove] = []
    occurred: list[RiskMove] = []
    escalated: list[RiskMove] = []
    for risk in data.risks:
        now = risk_state(risk, end, high_risk_exposure)
        if now is None:
            continue
        earlier = risk_state(risk, start, high_risk_exposure)
        was_open = earlier is None or earlier.is_open
        move = RiskMove(now, earlier.exposure if earlier else None)
        if earlier is None:
            opened.append(move)
        if was_open and now.status == RiskStatus.closed:
            closed.append(move)
        elif was_open and now.status == RiskStatus.occurred:
            occurred.append(move)
        elif earlier and earlier.is_open and now.is_open and now.exposure > earlier.exposure:
            escalated.append(move)

    requested = tuple(
        ChangeEvent(c.id, c.title, c.requested_by, c.requested, c.status, c.visibility)
        for c in sorted(data.changes, key=lambda c: (c.requested, c.id))
        if _in(c.requested, start, end)
    )
    decided = tuple(
        ChangeEvent(c.id, c.title, c.requested_by, c.decided, c.status, c.visibility)
        for c in sorted(data.changes, key=lambda c: (c.decided or end, c.id))
        if c.decided is not None
        and _in(c.decided, start, end)
        and c.status != ChangeStatus.proposed
    )

    reasons = [Reason("task_completed", {"task": t.title, "date": t.date}) for t in tasks]
    reasons += [
        Reason(
            "milestone_reached",
            {"milestone": m.title, "date": m.date, "variance_days": m.variance_days},
        )
        for m in reached
    ]
    reasons += [
        Reason(
            "milestone_moved",
            {"milestone": m.title, "previous": m.previous, "forecast": m.forecast, "days": m.days},
        )
        for m in moved
    ]
    reasons += [
        Reason(
            "risk_opened",
            {"risk": r.risk.title, "exposure": r.risk.exposure, "level": r.risk.level},
        )
        for r in opened
    ]
    reasons += [Reason("risk_closed", {"risk": r.risk.title}) for r in closed]
    reasons += [Reason("risk_occurred", {"risk": r.risk.title}) for r in occurred]
    reasons += [
        Reason(
            "risk_escalated",
            {"risk": r.risk.title, "previous": r.previous_exposure, "exposure": r.risk.exposure},
        )
        for r in escalated
    ]
    reasons += [
        Reason("change_requested", {"change": c.title, "requested_by": c.requested_by})
        for c in requested
    ]
    reasons += [
        Reason("change_decided", {"change": c.title, "decision": str(c.status), "date": c.date})
        for c in decided
    ]
    return ChangeSummary(
        start=start,
        end=end,
        tasks_completed=tasks,
        milestones_reached=tuple(reached),
        milestones_moved=tuple(moved),
        risks_opened=tuple(opened),
        risks_closed=tuple(closed),
        risks_occurred=tuple(occurred),
        risks_escalated=tuple(escalated),
        changes_requested=requested,
        changes_decided=decided,
        reasons=tuple(reasons),
    )


def _client_view(data: ProjectData) -> ProjectData:
    def visible(items: tuple[_T, ...]) -> tuple[_T, ...]:
        return tuple(i for i in items if i.visibility == Visibility.client)

    milestones = [m for m in data.project.milestones if m.visibility == Visibility.client]
    return replace(
        data,
        project=data.project.model_copy(update={"milestones": milestones}),
        tasks=visible(data.tasks),
        risks=visible(data.risks),
        changes=visible(data.changes),
    )
