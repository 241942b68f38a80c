"""The team as a reader sees it: names and roles for everyone; hours and load internal.

One TeamRow serves the portal (hours per week now, the allocations) and the reports (hours
on the project in the period, the busiest week's load over all projects). A client sees
names and roles only: allocations never reach a client (analyze.audience).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.analyze.periods import Period, periods_between
from generator.analyze.resources import allocated_hours, resource_load
from generator.present import wording
from generator.present.context import Lens

DASH = "\u2014"


@dataclass(frozen=True)
class AllocationRow:
    start: dt.date
    end: dt.date
    hours: str  # hours per week


@dataclass(frozen=True)
class TeamRow:
    person: str
    name: str
    role: str | None
    hours_now: str  # hours per week in the current week ("—" when none)
    allocations: tuple[AllocationRow, ...]
    period_hours: str  # whole hours on this project in the period asked for ("—" without one)
    peak_load: str  # hours on all projects / capacity in the busiest week of the period
    over: bool  # over-allocated in a week of the period


def team_rows(view: Lens, period: Period | None = None) -> tuple[TeamRow, ...]:
    """Every team member; the numbers only for the team (empty for a client)."""
    locale = view.locale
    project = view.full.project
    weeks = periods_between("week", period.start, period.end) if period else []
    load = {}
    if weeks and not view.client:
        load = {p.person: p for p in resource_load(view.portfolio, weeks).people}
    rows = []
    for member in project.team:
        if view.client:
            rows.append(
                TeamRow(member.person, view.name(member.person), member.role, "", (), "", "", False)
            )
            continue
        now = [a for a in member.allocations if a.start <= view.as_of <= a.end]
        person = load.get(member.person)
        ratios = [w.ratio for w in person.weeks if w.ratio is not None] if person else []
        hours = sum(allocated_hours(a, w) for a in member.allocations for w in weeks)
        rows.append(
            TeamRow(
                person=member.person,
                name=view.name(member.person),
                role=member.role,
                hours_now=wording.number(sum(a.hours_per_week for a in now), locale)
                if now
                else DASH,
                allocations=tuple(
                    AllocationRow(a.start, a.end, wording.number(a.hours_per_week, locale))
                    for a in member.allocations
                ),
                period_hours=i18n.format_number(hours, locale) if period else DASH,
                peak_load=i18n.format_pct(max(ratios), locale) if ratios else DASH,
                over=bool(person and person.over_weeks),
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class Contribution:
    """What one person did on a finished project, from the records the reader may see: the
    tasks they completed (their largest by estimate named) and the goals they owned."""

    name: str
    role: str | None
    tasks_done: int
    main_tasks: tuple[str, ...]  # the largest by estimate (MAIN_TASKS titles)
    goals: tuple[str, ...]  # titles of the goals they owned
    hours: str  # hours planned on the project: the team's copy only ("" for a client)


MAIN_TASKS = 2


def contributions(view: Lens, team: tuple[TeamRow, ...]) -> tuple[Contribution, ...]:
    """Every team member with a role or a recorded contribution; empty when the team has
    neither, and the closing report then leaves its team table out. The hours come from
    `team` (the report's team rows) and only for the team's copy."""
    seen = view.seen
    hours = {} if view.client else {row.person: row.period_hours for row in team}
    rows = []
    for member in view.full.project.team:
        done = sorted(
            (t for t in seen.tasks if t.owner == member.person and t.status == "done"),
            key=lambda t: (-t.estimate_hours, t.completed or t.due, t.id),
        )
        goals = tuple(g.title for g in seen.project.goals if g.owner == member.person)
        if not (member.role or done or goals):
            continue
        rows.append(
            Contribution(
                name=view.name(member.person),
                role=member.role,
                tasks_done=len(done),
                main_tasks=tuple(t.title for t in done[:MAIN_TASKS]),
                goals=goals,
                hours=hours.get(member.person, ""),
            )
        )
    return tuple(rows)
