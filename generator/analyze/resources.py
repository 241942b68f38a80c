"""Resource load: hours each person is allocated per ISO week, across all projects.

An allocation's hours_per_week is spread over its working days (Monday to Friday), so an
allocation that starts on a Wednesday gives 3/5 of its hours to that week, and one that
ends on a Friday gives the whole week. Over-allocated means more hours than capacity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyze.periods import Period
from generator.analyze.schedule import forecast_end
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Allocation

_WORKDAYS = 5


@dataclass(frozen=True)
class ProjectHours:
    project: str
    hours: float


@dataclass(frozen=True)
class WeekLoad:
    week: Period
    hours: float
    capacity: float
    ratio: float | None  # hours / capacity; None when capacity is 0
    over: bool  # hours > capacity
    projects: tuple[ProjectHours, ...]  # by project id, only those with hours


@dataclass(frozen=True)
class PersonLoad:
    person: str
    name: str
    capacity: float
    weeks: tuple[WeekLoad, ...]

    @property
    def over_weeks(self) -> tuple[WeekLoad, ...]:
        return tuple(w for w in self.weeks if w.over)


@dataclass(frozen=True)
class ResourceLoad:
    weeks: tuple[Period, ...]
    people: tuple[PersonLoad, ...]  # every person of the workspace or of a team, by id


def _workdays(start: dt.date, end: dt.date) -> int:
    return sum(1 for n in range((end - start).days + 1) if (start + dt.timedelta(n)).weekday() < 5)


def allocated_hours(allocation: Allocation, week: Period) -> float:
    """Hours of `allocation` that fall in `week`."""
    first, last = max(allocation.start, week.start), min(allocation.end, week.end)
    if last < first:
        return 0.0
    return allocation.hours_per_week * _workdays(first, last) / _WORKDAYS


def resource_load(portfolio: Portfolio, weeks: Sequence[Period]) -> ResourceLoad:
    """Load of every person over `weeks` (ISO week periods, e.g. from periods_between)."""
    hours: dict[str, dict[str, list[float]]] = {}  # person -> project -> hours per week
    for project_id in sorted(portfolio.projects):
        for member in portfolio.projects[project_id].project.team:
            per_week = hours.setdefault(member.person, {}).setdefault(
                project_id, [0.0] * len(weeks)
            )
            for i, week in enumerate(weeks):
                per_week[i] += sum(allocated_hours(a, week) for a in member.allocations)
    rows = []
    for person_id in sorted(set(portfolio.people) | set(hours)):
        person = portfolio.people.get(person_id)
        capacity = person.capacity_hours if person else 0.0
        by_project = hours.get(person_id, {})
        cells = []
        for i, week in enumerate(weeks):
            split = tuple(ProjectHours(p, h[i]) for p, h in by_project.items() if h[i])
            # Rounded so 3/5 of 40 hours never reads as a hair over capacity.
            total = round(sum(p.hours for p in split), 6)
            cells.append(
                WeekLoad(
                    week=week,
                    hours=total,
                    capacity=capacity,
                    ratio=total / capacity if capacity else None,
                    over=total > capacity,
                    projects=split,
                )
            )
        rows.append(
            PersonLoad(person_id, person.name if person else person_id, capacity, tuple(cells))
        )
    return ResourceLoad(tuple(weeks), tuple(rows))


@dataclass(frozen=True)
class AllocationGap:
    """A team member whose last allocation ends before the project's forecast end."""

    person: str  # the person id
    last_day: dt.date  # the end of the person's last allocation on the project
    forecast_end: dt.date


def allocation_gaps(data: ProjectData, as_of: dt.date) -> tuple[AllocationGap, ...]:
    """Team members still allocated at `as_of` whose allocations stop before the project's
    forecast end (analyze.schedule.forecast_end), the earliest first."""
    project = data.project
    end = forecast_end(project.planned_end, project.milestones, as_of)
    gaps = []
    for member in project.team:
        if not member.allocations:
            continue
        last = max(a.end for a in member.allocations)
        if as_of <= last < end:
            gaps.append(AllocationGap(member.person, last, end))
    return tuple(sorted(gaps, key=lambda g: (g.last_day, g.person)))
