"""Milestones against their plan: forecast, variance in days, state and slip history.

Variance is (actual or forecast) minus planned, in calendar days: positive means late.
Only what was known by the end of `as_of` counts: later forecasts and actual dates are
ignored, so the functions agree with snapshot.as_of.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.model.base import Visibility
from generator.model.project import Acceptance, Milestone

MilestoneState = Literal["done", "done_late", "on_track", "slipping", "overdue"]


@dataclass(frozen=True)
class ForecastChange:
    """A re-forecast that moved the milestone; `days` > 0 is a slip, < 0 a pull-in."""

    date: dt.date
    previous: dt.date
    forecast: dt.date
    days: int
    reason: str | None


@dataclass(frozen=True)
class MilestoneStatus:
    id: str
    title: str
    key: bool
    visibility: Visibility
    planned: dt.date
    forecast: dt.date  # the current expectation; equals actual once done
    actual: dt.date | None
    variance_days: int
    state: MilestoneState
    days_overdue: int  # days since the forecast date passed with no actual; 0 otherwise
    acceptance: Acceptance
    slips: tuple[ForecastChange, ...]

    @property
    def done(self) -> bool:
        return self.actual is not None


@dataclass(frozen=True)
class TrendPoint:
    """The milestone date as it stood on `date`; `done` when it was already reached then."""

    date: dt.date
    value: dt.date
    done: bool


@dataclass(frozen=True)
class MilestoneTrend:
    """One row of the monthly key-milestone trend table."""

    id: str
    title: str
    planned: dt.date
    points: tuple[TrendPoint, ...]
    current: MilestoneStatus


def actual_on(milestone: Milestone, day: dt.date) -> dt.date | None:
    """The actual date if the milestone had been reached by the end of `day`."""
    return milestone.actual if milestone.actual and milestone.actual <= day else None


def forecast_on(milestone: Milestone, day: dt.date) -> dt.date:
    """The latest forecast made on or before `day`, else the planned date."""
    made = [f for f in milestone.forecasts if f.date <= day]
    # Stable sort: of two forecasts made the same day, the one listed later wins.
    return sorted(made, key=lambda f: f.date)[-1].forecast if made else milestone.planned


def slip_history(milestone: Milestone, as_of: dt.date) -> tuple[ForecastChange, ...]:
    """Each forecast made by `as_of` that changed the expected date, oldest first."""
    changes: list[ForecastChange] = []
    previous = milestone.planned
    for made in sorted((f for f in milestone.forecasts if f.date <= as_of), key=lambda f: f.date):
        if made.forecast != previous:
            days = (made.forecast - previous).days
            changes.append(ForecastChange(made.date, previous, made.forecast, days, made.reason))
            previous = made.forecast
    return tuple(changes)


def milestone_status(milestone: Milestone, as_of: dt.date) -> MilestoneStatus:
    actual = actual_on(milestone, as_of)
    forecast = actual or forecast_on(milestone, as_of)
    variance = (forecast - milestone.planned).days
    state: MilestoneState
    overdue = 0
    if actual is not None:
        state = "done_late" if variance > 0 else "done"
    elif forecast < as_of:
        state, overdue = "overdue", (as_of - forecast).days
    elif variance > 0:
        state = "slipping"
    else:
        state = "on_track"
    accepted_later = milestone.accepted_on is not None and milestone.accepted_on > as_of
    return MilestoneStatus(
        id=milestone.id,
        title=milestone.title,
        key=milestone.key,
        visibility=milestone.visibility,
        planned=milestone.planned,
        forecast=forecast,
        actual=actual,
        variance_days=variance,
        state=state,
        days_overdue=overdue,
        acceptance=Acceptance.pending if accepted_later else milestone.acceptance,
        slips=slip_history(milestone, as_of),
    )


def milestone_statuses(milestones: Iterable[Milestone], as_of: dt.date) -> list[MilestoneStatus]:
    """All milestones by planned date (then id), each as it stood at `as_of`."""
    ordered = sorted(milestones, key=lambda m: (m.planned, m.id))
    return [milestone_status(m, as_of) for m in ordered]


def next_milestone(milestones: Iterable[Milestone], as_of: dt.date) -> MilestoneStatus | None:
    """The open milestone expected soonest (an overdue one comes first)."""
    open_ = [s for s in milestone_statuses(milestones, as_of) if not s.done]
    return min(open_, key=lambda s: (s.forecast, s.planned, s.id), default=None)


def forecast_end(planned_end: dt.date, milestones: Iterable[Milestone], as_of: dt.date) -> dt.date:
    """When the project is expected to end: the planned end, or later when a milestone is
    expected (or was reached) after it."""
    return max([planned_end, *(s.forecast for s in milestone_statuses(milestones, as_of))])


def milestone_trend(
    milestones: Iterable[Milestone], dates: Sequence[dt.date], as_of: dt.date
) -> list[MilestoneTrend]:
    """For each milestone, its date as it stood on each of `dates` (e.g. every month end)."""
    rows: list[MilestoneTrend] = []
    for milestone in sorted(milestones, key=lambda m: (m.planned, m.id)):
        points = []
        for day in dates:
            actual = actual_on(milestone, day)
            points.append(
                TrendPoint(day, actual or forecast_on(milestone, day), actual is not None)
            )
        rows.append(
            MilestoneTrend(
                milestone.id,
                milestone.title,
                milestone.planned,
                tuple(points),
                milestone_status(milestone, as_of),
            )
        )
    return rows


def elapsed_fraction(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of start..end (inclusive) gone by at the end of `as_of`, 0..1."""
    total = (end - start).days + 1
    gone = (as_of - start).days + 1
    return min(max(gone / total, 0.0), 1.0)
