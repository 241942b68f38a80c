"""What goes into each PDF report: ready values per section, computed from the analysis core.

Every builder takes the project already cut to the audience (client_slice or the full
internal view) and to the end of the period (snapshot.as_of), so a report never shows a
record its reader may not see or one written after its period. Templates only format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.analyze.changes import ChangeSummary, changes_between
from generator.analyze.earned_value import (
    EarnedValue,
    EarnedValuePoint,
    actual_cost,
    earned_value_series,
    project_earned_value,
)
from generator.analyze.health import HealthView, health_view
from generator.analyze.periods import Period, completed_periods, next_period, periods_between
from generator.analyze.progress import (
    TaskCounts,
    burn_up,
    percent_complete,
    planned_percent,
    task_counts,
    task_state,
)
from generator.analyze.resources import allocated_hours, resource_load
from generator.analyze.risks import RiskState, exposure_trend, risk_states, top_risks
from generator.analyze.schedule import (
    ForecastChange,
    MilestoneStatus,
    MilestoneTrend,
    elapsed_fraction,
    milestone_statuses,
    milestone_trend,
)
from generator.analyze.smart import GoalProgress, goals_progress
from generator.model.documents import Decision, MeetingNote, Note, Update
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Deliverable, HandoverItem
from generator.model.records import ChangeRequest, ChangeStatus, Task
from generator.render import wording

TREND_MONTHS = 6  # month-end columns in the milestone trend table
TOP_RISKS = 5


@dataclass(frozen=True)
class Health:
    level: str  # green | amber | red
    label: str
    reported_reason: str | None  # the PM's own words
    reported_on: dt.date | None
    computed_level: str
    computed_label: str
    computed_reasons: tuple[str, ...]
    differs: bool


@dataclass(frozen=True)
class TaskRow:
    title: str
    owner: str
    due: dt.date
    state: str  # localized


@dataclass(frozen=True)
class RiskRow:
    id: str
    title: str
    kind: str
    owner: str
    probability: int
    impact: int
    exposure: int
    level: str  # low | medium | high
    level_label: str
    status_label: str
    response_label: str
    plan: str
    change: str = ""  # "new", "closed", "occurred", "escalated" (localized)


@dataclass(frozen=True)
class ChangeRow:
    id: str
    title: str
    requested_by: str
    requested: dt.date
    status_label: str
    decided: dt.date | None
    scope: str
    schedule_days: int
    cost: float
    note: str


@dataclass(frozen=True)
class Budget:
    currency: str
    value: EarnedValue
    spent_in_period: float


@dataclass(frozen=True)
class BudgetShare:
    """What a client may see of the budget (site.portal.budget: percent): two shares, no money."""

    used: float  # actual cost / budget at completion, 0..1 (above 1 when overspent)
    elapsed: float  # share of the planned duration gone by, 0..1


@dataclass(frozen=True)
class TeamRow:
    name: str
    role: str
    hours: float  # on this project in the period
    load: float | None  # hours on all projects / capacity, the busiest week of the period
    over: bool


@dataclass(frozen=True)
class TrendTable:
    dates: tuple[dt.date, ...]
    rows: tuple[MilestoneTrend, ...]


@dataclass(frozen=True)
class Common:
    health: Health
    milestones: tuple[MilestoneStatus, ...]
    goals: tuple[GoalProgress, ...]
    percent_done: float
    percent_planned: float
    tasks: TaskCounts
    budget: Budget | None
    has_budget_data: bool  # the audience may see money but the project has no budget
    top_risks: tuple[RiskRow, ...]
    changes: ChangeSummary
    risk_moves: tuple[RiskRow, ...]
    change_requests: tuple[ChangeRow, ...]  # requested or decided in the period
    open_change_requests: tuple[ChangeRow, ...]  # awaiting a decision at the period end
    updates: tuple[Update, ...]  # in the period, oldest first
    highlights: tuple[str, ...]
    blockers: tuple[str, ...]
    decisions: tuple[Decision, ...]
    undecided_changes: tuple[ChangeRow, ...]  # open change requests no decision above names
    next_steps: tuple[str, ...]
    upcoming_tasks: tuple[TaskRow, ...]
    upcoming_milestones: tuple[MilestoneStatus, ...]
    team: tuple[TeamRow, ...]  # internal only
    notes: tuple[Note, ...]  # internal notes of the period (internal audience)
    meetings: tuple[MeetingNote, ...]


@dataclass(frozen=True)
class Monthly:
    deviations: tuple[str, ...]
    trend: TrendTable
    ev_series: tuple[EarnedValuePoint, ...]
    exposure_points: tuple[tuple[dt.date, int], ...]


@dataclass(frozen=True)
class GoalResult:
    goal: GoalProgress
    verdict_label: str


@dataclass(frozen=True)
class Closing:
    finished: dt.date
    planned_end: dt.date
    schedule_variance_days: int
    goals: tuple[GoalResult, ...]
    goals_met: int
    deliverables: tuple[Deliverable, ...]
    all_changes: tuple[ChangeRow, ...]
    approved_days: int
    approved_cost: float
    issues: tuple[RiskRow, ...]
    open_risks: tuple[RiskRow, ...]
    handover: tuple[HandoverItem, ...]
    cost_by_category: tuple[tuple[str, float], ...]
    slip_reasons: tuple[tuple[str, ForecastChange], ...]  # every move of every milestone
    survey: None = field(default=None)


def health_of(data: ProjectData, day: dt.date, portfolio: Portfolio, client: bool) -> Health:
    locale = portfolio.locale_of(data)
    view: HealthView = health_view(data, day, portfolio.site.health, client_only=client)
    reported = view.reported
    return Health(
        level=view.display.value,
        label=wording.label("health", view.display, locale),
        reported_reason=reported.reason if reported else None,
        reported_on=reported.date if reported else None,
        computed_level=view.computed.health.value,
        computed_label=wording.label("health", view.computed.health, locale),
        computed_reasons=wording.reasons(view.computed.reasons, locale),
        differs=view.differs,
    )


def risk_row(
    state: RiskState, data: ProjectData, portfolio: Portfolio, change: str = ""
) -> RiskRow:
    locale = portfolio.locale_of(data)
    plans = {r.id: r.plan or "" for r in data.risks}
    return RiskRow(
        id=state.id,
        title=state.title,
        kind=wording.label("risk_kind", state.kind, locale),
        owner=_person(portfolio, state.owner),
        probability=state.probability,
        impact=state.impact,
        exposure=state.exposure,
        level=state.level,
        level_label=wording.label("risk_level", state.level, locale),
        status_label=wording.label("risk_status", state.status, locale),
        response_label=wording.label("response", state.response, locale),
        plan=plans.get(state.id, ""),
        change=change,
    )


def change_row(change: ChangeRequest, locale: str) -> ChangeRow:
    return ChangeRow(
        id=change.id,
        title=change.title,
        requested_by=change.requested_by,
        requested=change.requested,
        status_label=wording.label("change_status", change.status, locale),
        decided=change.decided,
        scope=change.impact.scope or "",
        schedule_days=change.impact.schedule_days,
        cost=change.impact.cost,
        note=change.decision_note or "",
    )


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _person(portfolio: Portfolio, ident: str | None) -> str:
    if not ident:
        return ""
    person = portfolio.people.get(ident)
    return person.name if person else ident


def _team(portfolio: Portfolio, data: ProjectData, period: Period) -> tuple[TeamRow, ...]:
    weeks = periods_between("week", period.start, period.end)
    load = {p.person: p for p in resource_load(portfolio, weeks).people}
    rows = []
    for member in data.project.team:
        hours = sum(allocated_hours(a, w) for a in member.allocations for w in weeks)
        person = load.get(member.person)
        ratios = [w.ratio for w in person.weeks if w.ratio is not None] if person else []
        rows.append(
            TeamRow(
                name=_person(portfolio, member.person),
                role=member.role or "",
                hours=hours,
                load=max(ratios) if ratios else None,
                over=bool(person and person.over_weeks),
            )
        )
    return tuple(rows)


def common(
    portfolio: Portfolio,
    data: ProjectData,
    period: Period,
    *,
    client: bool,
    look_ahead: Period,
) -> Common:
    """The sections every report shares, for `period`, with `data` cut to its end."""
    locale = portfolio.locale_of(data)
    day = period.end
    rules = portfolio.site.health
    start = period.start - dt.timedelta(days=1)
    summary = changes_between(data, start, day, rules.high_risk_exposure, client_only=client)
    new = wording.gettext(locale, "New")
    moves = [risk_row(m.risk, data, portfolio, new) for m in summary.risks_opened]
    for label, group in (
        (wording.gettext(locale, "Grew"), summary.risks_escalated),
        (wording.gettext(locale, "Occurred"), summary.risks_occurred),
        (wording.gettext(locale, "Closed"), summary.risks_closed),
    ):
        moves += [risk_row(m.risk, data, portfolio, label) for m in group]

    in_period = [c for c in data.changes if c.requested in period or (c.decided in period)]
    open_crs = [c for c in data.changes if c.status == ChangeStatus.proposed]
    updates = tuple(u for u in data.updates if u.date in period)
    latest = updates[-1] if updates else None
    decisions: dict[str, Decision] = {}
    for update in updates:
        for decision in update.decisions_needed:
            decisions[decision.what] = decision
    tasks: list[Task] = list(data.tasks)
    upcoming = sorted(
        (t for t in tasks if t.due in look_ahead and task_state(t, day) != "done"),
        key=lambda t: (t.due, t.id),
    )
    statuses = milestone_statuses(data.project.milestones, day)
    budget = None
    value = project_earned_value(data, day)
    if value is not None and not client:
        currency = (
            data.project.budget.currency if data.project.budget else None
        ) or portfolio.site.currency
        spent = actual_cost(data, day) - actual_cost(data, start)
        budget = Budget(currency, value, spent)
    return Common(
        health=health_of(data, day, portfolio, client),
        milestones=tuple(statuses),
        goals=tuple(goals_progress(data, day)),
        percent_done=percent_complete(tasks, day),
        percent_planned=planned_percent(tasks, day),
        tasks=task_counts(tasks, day),
        budget=budget,
        has_budget_data=not client and value is None,
        top_risks=tuple(
            risk_row(s, data, portfolio)
            for s in top_risks(data.risks, day, rules.high_risk_exposure, TOP_RISKS)
        ),
        changes=summary,
        risk_moves=tuple(moves),
        change_requests=tuple(change_row(c, locale) for c in in_period),
        open_change_requests=tuple(change_row(c, locale) for c in open_crs),
        updates=updates,
        highlights=_unique([h for u in updates for h in u.highlights]),
        blockers=_unique([b for u in updates for b in u.blockers]),
        decisions=tuple(sorted(decisions.values(), key=lambda d: (d.by or day, d.what))),
        undecided_changes=tuple(
            change_row(c, locale) for c in open_crs if not any(c.id in text for text in decisions)
        ),
        next_steps=tuple(latest.next_steps) if latest else (),
        upcoming_tasks=tuple(
            TaskRow(
                t.title,
                _person(portfolio, t.owner),
                t.due,
                wording.label("task_state", task_state(t, day), locale),
            )
            for t in upcoming
        ),
        upcoming_milestones=tuple(s for s in statuses if not s.done and s.forecast in look_ahead),
        team=() if client else _team(portfolio, data, period),
        notes=() if client else tuple(n for n in data.notes if n.date in period),
        meetings=tuple(m for m in data.meetings if m.date in period),
    )


def budget_share(portfolio: Portfolio, full: ProjectData, day: dt.date) -> BudgetShare | None:
    """% of budget used against % of time elapsed, from the full (not client-cut) data.

    None when the workspace shows clients nothing of the budget (portal.budget: none) or the
    project has no budget. The same numbers as the portal's budget gauge.
    """
    if portfolio.site.portal.budget != "percent":
        return None
    value = project_earned_value(full, day)
    if value is None or value.spent_fraction is None:
        return None
    project = full.project
    end = project.actual_end or project.planned_end
    return BudgetShare(value.spent_fraction, elapsed_fraction(project.start, end, day))


def monthly(portfolio: Portfolio, data: ProjectData, period: Period, base: Common) -> Monthly:
    """The management summary speaks of deviations only; the trend table shows slips."""
    locale = portfolio.locale_of(data)
    rules = portfolio.site.health
    deviation_codes = {
        "milestone_moved",
        "risk_escalated",
        "risk_occurred",
        "change_requested",
        "change_decided",
    }
    found = list(base.health.computed_reasons)
    for item in base.changes.reasons:
        high_risk = item.code == "risk_opened" and item.params.get("level") == "high"
        if item.code in deviation_codes or high_risk:
            found.append(wording.reason(item, locale))
    months = completed_periods("month", data.project.start, period.end)[-TREND_MONTHS:]
    dates = tuple(m.end for m in months)
    key = [m for m in data.project.milestones if m.key]
    trend = TrendTable(dates, tuple(milestone_trend(key, dates, period.end)))
    weeks = [w.end for w in completed_periods("week", data.project.start, period.end)]
    points = exposure_trend(data.risks, weeks, rules.high_risk_exposure)
    return Monthly(
        deviations=_unique(found),
        trend=trend,
        ev_series=tuple(earned_value_series(data, period.end)) if base.budget else (),
        exposure_points=tuple((p.date, p.total_exposure) for p in points),
    )


def closing(portfolio: Portfolio, data: ProjectData, day: dt.date, base: Common) -> Closing:
    locale = portfolio.locale_of(data)
    project = data.project
    finished = project.actual_end or day
    rules = portfolio.site.health
    goals = tuple(GoalResult(g, wording.label("verdict", g.verdict, locale)) for g in base.goals)
    approved = [c for c in data.changes if c.status == ChangeStatus.approved]
    states = risk_states(data.risks, day, rules.high_risk_exposure)
    issues = [s for s in states if s.kind == "issue" or s.status == "occurred"]
    still_open = [s for s in states if s.is_open and s.kind == "risk"]
    by_category: dict[str, float] = {}
    for cost in sorted(data.costs, key=lambda c: c.category):
        by_category[cost.category] = by_category.get(cost.category, 0.0) + cost.amount
    slips = tuple((m.title, change) for m in base.milestones for change in m.slips)
    return Closing(
        finished=finished,
        planned_end=project.planned_end,
        schedule_variance_days=(finished - project.planned_end).days,
        goals=goals,
        goals_met=sum(1 for g in base.goals if g.verdict == "met"),
        deliverables=tuple(project.deliverables),
        all_changes=tuple(change_row(c, locale) for c in data.changes),
        approved_days=sum(c.impact.schedule_days for c in approved),
        approved_cost=sum(c.impact.cost for c in approved),
        issues=tuple(risk_row(s, data, portfolio) for s in issues),
        open_risks=tuple(risk_row(s, data, portfolio) for s in still_open),
        handover=tuple(project.handover),
        cost_by_category=tuple(by_category.items()),
        slip_reasons=slips,
    )


def burn_up_points(data: ProjectData, day: dt.date) -> list[tuple[dt.date, float, float, float]]:
    """(week end, scope, planned, done) hours for the burn-up chart."""
    return [
        (p.date, p.scope_hours, p.planned_hours, p.done_hours)
        for p in burn_up(list(data.tasks), data.project.start, day)
    ]


def following(period: Period) -> Period:
    return next_period(period)
