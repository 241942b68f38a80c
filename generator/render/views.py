"""A project as one reader sees it on one day: every value a page or a report prints.

`project_view(portfolio, data, as_of, audience)` is the one entry point. Templates (site,
PDF reports, e-mails) only print what it holds: labels and sentences are already in the
reader's language, charts are finished SVG strings, numbers are formatted where their
format depends on the data (units, variance), and dates stay dates for the `date` filter.

For the client audience the view is built from `analyze.audience.client_slice` (so an
internal record cannot reach a client by a template's mistake); only two aggregates come
from the full project: the progress percentage (with its burn-up in percent) and the
share of the budget used, which the workspace may allow (site.portal.budget).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from babel.numbers import format_compact_currency

from generator import i18n
from generator.analyze.audience import Audience, client_slice
from generator.analyze.earned_value import (
    EarnedValue,
    earned_value_series,
    project_earned_value,
)
from generator.analyze.health import health_view
from generator.analyze.progress import (
    burn_up,
    percent_complete,
    planned_percent,
    task_counts,
    task_state,
)
from generator.analyze.risks import RiskState, risk_states
from generator.analyze.schedule import MilestoneStatus, milestone_statuses, next_milestone
from generator.analyze.smart import GoalProgress, goals_progress, lint_goals
from generator.analyze.snapshot import as_of as snapshot
from generator.model.base import Visibility
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Meeting, ProjectStatus
from generator.model.site import Contact
from generator.render import charts, wording
from generator.render.charts import ChartMeta, Status, Theme
from generator.render.markdown import inline, to_html

UPCOMING_DAYS = 21  # how far ahead the meeting list looks
UPCOMING_LIMIT = 6

# -- value types -------------------------------------------------------------------------


@dataclass(frozen=True)
class HealthDisplay:
    level: str  # "green" | "amber" | "red": what the page shows
    label: str  # "On track" / "进展顺利"
    icon: str  # a text symbol, so health never relies on colour alone
    reason: str  # one line: the PM's words if reported, else the first computed reason
    reported_level: str | None
    reported_label: str | None
    reported_reason: str | None  # the PM's own words
    reported_date: dt.date | None
    computed_level: str
    computed_label: str
    computed_reasons: tuple[str, ...]  # localized sentences, worst first
    differs: bool  # the PM's colour differs from the computed one: show both


@dataclass(frozen=True)
class GoalRow:
    id: str
    title: str
    metric: str | None
    unit: str
    baseline: str  # formatted with the unit
    target: str
    current: str
    current_number: str  # the current value without its unit, for a large figure
    current_date: dt.date | None
    deadline: dt.date | None
    direction: str
    percent: float | None  # 0..100 of the way from baseline to target, for the bar
    percent_text: str
    verdict: str
    verdict_label: str
    sparkline_svg: str | None
    visibility: str


@dataclass(frozen=True)
class SlipRow:
    date: dt.date
    previous: dt.date
    forecast: dt.date
    days: int
    variance: str
    reason: str | None


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    title: str
    key: bool
    planned: dt.date
    forecast: dt.date
    actual: dt.date | None
    variance_days: int
    variance: str  # "+12 d" / "on plan"
    state: str
    state_label: str
    status: str  # "on_track" | "at_risk" | "off_track" | "done": a CSS and chart class
    acceptance: str
    acceptance_label: str
    slips: tuple[SlipRow, ...]
    visibility: str


@dataclass(frozen=True)
class TaskCountsView:
    done: int
    in_progress: int
    blocked: int
    todo: int
    overdue: int
    total: int


@dataclass(frozen=True)
class ProgressView:
    percent: float  # 0..100
    percent_text: str
    planned_percent: float
    planned_text: str
    counts: TaskCountsView | None  # internal only
    burnup_svg: str  # laid out for a desktop column (WIDE px)
    burnup_svg_narrow: str  # laid out for a phone (NARROW px)


@dataclass(frozen=True)
class EarnedValueFigures:
    currency: str
    bac: str
    pv: str
    ev: str
    ac: str
    sv: str
    cv: str
    spi: str
    cpi: str
    eac: str
    etc: str
    vac: str
    tcpi: str
    spent: str  # AC / BAC as a percentage
    sv_negative: bool
    cv_negative: bool


@dataclass(frozen=True)
class BudgetView:
    used_fraction: float | None  # AC / BAC
    elapsed_fraction: float  # share of the planned duration gone by
    used_text: str
    elapsed_text: str
    status: str  # "on_track" | "at_risk" | "off_track"
    burn_svg: str
    earned_value: EarnedValueFigures | None  # internal only
    earned_value_svg: str | None  # internal only
    earned_value_svg_narrow: str | None


@dataclass(frozen=True)
class RiskRow:
    id: str
    title: str
    description: str | None
    kind: str
    kind_label: str
    owner: str
    response: str
    response_label: str
    plan: str | None
    probability: int
    impact: int
    exposure: int
    level: str
    level_label: str
    status: str
    status_label: str
    raised: dt.date
    visibility: str


@dataclass(frozen=True)
class ChangeRow:
    id: str
    title: str
    description: str | None
    requested_by: str
    requested: dt.date
    scope: str | None
    schedule_days: int
    schedule: str  # "+14 days" or "—"
    cost: float
    cost_text: str
    status: str
    status_label: str
    decided: dt.date | None
    decided_by: str | None
    decision_note: str | None
    visibility: str


@dataclass(frozen=True)
class DeliverableRow:
    id: str
    title: str
    milestone: str | None  # the milestone's title
    due: dt.date | None
    status: str
    status_label: str
    delivered_on: dt.date | None
    accepted_on: dt.date | None
    accepted_by: str | None
    visibility: str


@dataclass(frozen=True)
class DecisionRow:
    what: str
    by: dt.date | None
    owner: str | None


@dataclass(frozen=True)
class UpdateView:
    slug: str  # file name without extension: the date, "-2" etc. for a second one that day
    date: dt.date
    kind: str
    kind_label: str
    author: str  # the person's name
    health: str | None
    health_label: str | None
    health_icon: str | None
    health_reason: str | None
    highlights: tuple[str, ...]  # safe inline HTML
    next_steps: tuple[str, ...]
    blockers: tuple[str, ...]
    decisions: tuple[DecisionRow, ...]
    body_html: str  # sanitised
    summary: str  # plain text for feeds and lists: the first highlight or narrative line
    visibility: str


@dataclass(frozen=True)
class MeetingPlanRow:
    title: str
    cadence: str
    cadence_label: str
    weekday: str | None  # localized weekday name
    time: str | None
    duration_minutes: int
    channel: str | None
    attendees: tuple[str, ...]
    visibility: str


@dataclass(frozen=True)
class MeetingOccurrence:
    date: dt.date
    time: str | None
    title: str
    duration_minutes: int
    channel: str | None


@dataclass(frozen=True)
class ChannelRow:
    name: str
    purpose: str | None


@dataclass(frozen=True)
class ContactRow:
    name: str
    role: str | None
    email: str
    phone: str | None


@dataclass(frozen=True)
class TeamRow:
    person: str
    name: str
    role: str | None
    hours_now: str  # hours per week in the current week ("—" when none)
    allocations: tuple[tuple[dt.date, dt.date, str], ...]  # from, to, hours per week


@dataclass(frozen=True)
class CostCategory:
    category: str
    amount: str


@dataclass(frozen=True)
class NoteView:
    date: dt.date
    title: str
    body_html: str
    visibility: str
    kind: str  # "note" or a meeting kind label


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    owner: str
    milestone: str | None
    start: dt.date
    due: dt.date
    state: str
    state_label: str
    overdue: bool
    visibility: str


@dataclass(frozen=True)
class LintRow:
    goal: str
    message: str


@dataclass(frozen=True)
class InternalDetail:
    """What only the team sees: money, allocations, internal records, lint findings."""

    team: tuple[TeamRow, ...]
    costs_total: str
    costs_by_category: tuple[CostCategory, ...]
    notes: tuple[NoteView, ...]  # internal notes and meeting notes, newest first
    tasks: tuple[TaskRow, ...]
    lint: tuple[LintRow, ...]


@dataclass(frozen=True)
class ImprovementRow:
    id: str
    action: str
    owner: str
    due: dt.date | None
    status: str
    status_label: str


@dataclass(frozen=True)
class ProblemRow:
    problem: str
    solution: str


@dataclass(frozen=True)
class RetrospectiveView:
    date: dt.date
    went_well: tuple[str, ...]  # safe inline HTML
    to_improve: tuple[str, ...]
    lessons: tuple[str, ...]
    problems: tuple[ProblemRow, ...]
    team_performance: str | None
    actions: tuple[ImprovementRow, ...]
    body_html: str


@dataclass(frozen=True)
class ProjectView:
    id: str
    title: str
    summary: str | None
    audience: str  # "client" | "internal"
    locale: str
    as_of: dt.date
    client_id: str
    client_name: str
    manager: str  # the manager's name
    status: str
    status_label: str
    start: dt.date
    planned_end: dt.date
    actual_end: dt.date | None
    health: HealthDisplay
    goals: tuple[GoalRow, ...]
    milestones: tuple[MilestoneRow, ...]
    next_milestone: MilestoneRow | None
    timeline_svg: str
    timeline_svg_narrow: str
    progress: ProgressView
    budget: BudgetView | None  # None when the project has no budget or the client may not see it
    risks: tuple[RiskRow, ...]  # open first, highest exposure first
    changes: tuple[ChangeRow, ...]  # newest first
    deliverables: tuple[DeliverableRow, ...]
    updates: tuple[UpdateView, ...]  # newest first
    upcoming_meetings: tuple[MeetingOccurrence, ...]
    meetings: tuple[MeetingPlanRow, ...]
    channels: tuple[ChannelRow, ...]
    contacts: tuple[ContactRow, ...]
    retrospective: RetrospectiveView | None
    internal: InternalDetail | None  # None for the client audience
    last_update: dt.date | None
    days_since_update: int | None

    @property
    def latest_update(self) -> UpdateView | None:
        return self.updates[0] if self.updates else None

    @property
    def older_updates(self) -> tuple[UpdateView, ...]:
        return self.updates[1:]

    @property
    def open_risks(self) -> tuple[RiskRow, ...]:
        return tuple(r for r in self.risks if r.status == "open")

    @property
    def is_client(self) -> bool:
        return self.audience == Audience.client


# -- formatting helpers shared with charts -----------------------------------------------


@dataclass(frozen=True)
class ChartFormats:
    month: Callable[[dt.date], str]
    year: Callable[[dt.date], str]
    percent: Callable[[float], str]  # takes 0..100
    number: Callable[[float], str]


def chart_formats(locale: str) -> ChartFormats:
    babel = i18n.babel_locale(locale)
    from babel.dates import format_date

    return ChartFormats(
        month=lambda day: format_date(day, "LLL", locale=babel),
        year=lambda day: format_date(day, "y", locale=babel),
        percent=lambda value: i18n.format_pct(value / 100, locale),
        number=lambda value: i18n.format_number(value, locale),
    )


def theme_of(portfolio: Portfolio) -> Theme:
    branding = portfolio.site.branding
    return charts.brand_theme(branding.primary_color, branding.accent_color)


def _chart_status(level: str) -> Status:
    return {"green": Status.ON_TRACK, "amber": Status.AT_RISK, "red": Status.OFF_TRACK}[level]


def _milestone_status(state: str, variance_days: int, amber: int, red: int) -> str:
    if state in ("done", "done_late"):
        return "done"
    if state == "overdue" or variance_days >= red:
        return "off_track"
    if variance_days >= amber:
        return "at_risk"
    return "on_track"


WIDE = 1040  # px: the content column of a desktop page
NARROW = 360  # px: a phone in portrait


def both(
    chart: Callable[[Any, ChartMeta, Theme], str], data: Any, meta: ChartMeta, theme: Theme
) -> tuple[str, str]:
    """The chart laid out for a desktop column and for a phone (the page shows one by CSS)."""
    wide = chart(data, replace(meta, width=WIDE), theme)
    narrow = chart(data, replace(meta, id=meta.id + "-s", width=NARROW), theme)
    return wide, narrow


def elapsed_fraction(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of start..end (inclusive) gone by at the end of `as_of`, 0..1."""
    total = (end - start).days + 1
    gone = (as_of - start).days + 1
    return min(max(gone / total, 0.0), 1.0)


# -- the view ----------------------------------------------------------------------------


def project_view(
    portfolio: Portfolio, data: ProjectData, as_of: dt.date, audience: Audience | str
) -> ProjectView:
    """The project as it stood at the end of `as_of`, for the internal team or its client."""
    audience = Audience(audience)
    full = snapshot(data, as_of)
    seen = client_slice(full) if audience == Audience.client else full
    is_client = audience == Audience.client
    locale = portfolio.locale_of(data)
    project = seen.project
    rules = portfolio.site.health
    theme = theme_of(portfolio)
    formats = chart_formats(locale)
    client = portfolio.clients[project.client]

    statuses = milestone_statuses(project.milestones, as_of)
    milestone_rows = tuple(
        _milestone_row(s, locale, rules.slip_amber_days, rules.slip_red_days) for s in statuses
    )
    upcoming = next_milestone(project.milestones, as_of)
    next_row = next((m for m in milestone_rows if upcoming and m.id == upcoming.id), None)

    updates = _updates(portfolio, seen, locale)
    goal_visibility = {g.id: g.visibility.value for g in project.goals}
    timeline = _timeline(milestone_rows, project.id, as_of, locale, theme, formats)
    last_update = max((u.date for u in seen.updates), default=None)

    return ProjectView(
        id=project.id,
        title=project.title,
        summary=project.summary,
        audience=audience.value,
        locale=locale,
        as_of=as_of,
        client_id=client.id,
        client_name=client.name,
        manager=_person(portfolio, project.manager),
        status=project.status.value,
        status_label=wording.label("project_status", project.status, locale),
        start=project.start,
        planned_end=project.planned_end,
        actual_end=project.actual_end,
        health=_health(full, as_of, portfolio, locale, is_client),
        goals=tuple(
            _goal_row(g, goal_visibility[g.id], locale, theme, project.id)
            for g in goals_progress(seen, as_of)
        ),
        milestones=milestone_rows,
        next_milestone=next_row,
        timeline_svg=timeline[0],
        timeline_svg_narrow=timeline[1],
        progress=_progress(full, as_of, locale, theme, formats, is_client),
        budget=_budget(portfolio, full, as_of, locale, theme, formats, is_client),
        risks=_risks(seen, as_of, rules.high_risk_exposure, locale),
        changes=_changes(seen, locale, portfolio, data),
        deliverables=_deliverables(seen, locale),
        updates=updates,
        upcoming_meetings=_upcoming(seen, as_of),
        meetings=tuple(_meeting_row(m, locale) for m in project.communication.meetings),
        channels=tuple(ChannelRow(c.name, c.purpose) for c in project.communication.channels),
        contacts=_contacts(client.contacts, project.communication.contacts),
        retrospective=_retrospective(portfolio, seen, locale),
        internal=None if is_client else _internal(portfolio, full, as_of, locale),
        last_update=last_update,
        days_since_update=(as_of - last_update).days if last_update else None,
    )


def _person(portfolio: Portfolio, person_id: str | None) -> str:
    if person_id is None:
        return ""
    person = portfolio.people.get(person_id)
    return person.name if person else person_id


def _health(
    full: ProjectData, as_of: dt.date, portfolio: Portfolio, locale: str, is_client: bool
) -> HealthDisplay:
    view = health_view(full, as_of, portfolio.site.health, client_only=is_client)
    computed_reasons = wording.reasons(view.computed.reasons, locale)
    reported = view.reported
    level = view.display.value
    if reported and reported.reason:
        reason = reported.reason
    elif computed_reasons:
        reason = computed_reasons[0]
    else:
        reason = wording.gettext(locale, "No rule of the health check is triggered")
    return HealthDisplay(
        level=level,
        label=wording.label("health", level, locale),
        icon=wording.HEALTH_ICON[level],
        reason=reason,
        reported_level=reported.health.value if reported else None,
        reported_label=wording.label("health", reported.health, locale) if reported else None,
        reported_reason=reported.reason if reported else None,
        reported_date=reported.date if reported else None,
        computed_level=view.computed.health.value,
        computed_label=wording.label("health", view.computed.health, locale),
        computed_reasons=computed_reasons,
        differs=view.differs,
    )


def _goal_row(
    goal: GoalProgress, visibility: str, locale: str, theme: Theme, project_id: str
) -> GoalRow:
    sparkline = None
    if goal.readings and goal.baseline is not None and goal.target is not None:
        g = wording.gettext
        series = charts.GoalSeries(
            measurements=tuple((r.date, r.value) for r in goal.readings),
            baseline=goal.baseline,
            target=goal.target,
            baseline_label=g(locale, "Baseline"),
            target_label=g(locale, "Target"),
            measured_label=g(locale, "Measured"),
            deadline=goal.deadline,
        )
        values = wording.names(
            (
                f"{wording.date(r.date, locale)}: {wording.number(r.value, locale)}"
                for r in goal.readings
            ),
            locale,
        )
        meta = ChartMeta(
            id=f"{project_id}-goal-{goal.id}",
            title=g(locale, "Trend of %(goal)s") % {"goal": goal.title},
            desc=values,
            lang=locale,
            width=160,
        )
        sparkline = charts.goal_sparkline(series, meta, theme)
    return GoalRow(
        id=goal.id,
        title=goal.title,
        metric=goal.metric,
        unit=goal.unit,
        baseline=wording.with_unit(goal.baseline, goal.unit, locale),
        target=wording.with_unit(goal.target, goal.unit, locale),
        current=wording.with_unit(goal.current, goal.unit, locale),
        current_number=wording.number(goal.current, locale),
        current_date=goal.current_date,
        deadline=goal.deadline,
        direction=goal.direction,
        percent=goal.percent,
        percent_text=i18n.format_pct(None if goal.percent is None else goal.percent / 100, locale),
        verdict=goal.verdict,
        verdict_label=wording.label("verdict", goal.verdict, locale),
        sparkline_svg=sparkline,
        visibility=visibility,
    )


def _milestone_row(s: MilestoneStatus, locale: str, amber: int, red: int) -> MilestoneRow:
    return MilestoneRow(
        id=s.id,
        title=s.title,
        key=s.key,
        planned=s.planned,
        forecast=s.forecast,
        actual=s.actual,
        variance_days=s.variance_days,
        variance=wording.variance(s.variance_days, locale),
        state=s.state,
        state_label=wording.label("milestone_state", s.state, locale),
        status=_milestone_status(s.state, s.variance_days, amber, red),
        acceptance=s.acceptance.value,
        acceptance_label=wording.label("acceptance", s.acceptance, locale),
        slips=tuple(
            SlipRow(
                c.date, c.previous, c.forecast, c.days, wording.variance(c.days, locale), c.reason
            )
            for c in s.slips
        ),
        visibility=s.visibility.value,
    )


def _timeline(
    rows: Sequence[MilestoneRow],
    project_id: str,
    as_of: dt.date,
    locale: str,
    theme: Theme,
    formats: ChartFormats,
) -> tuple[str, str]:
    g = wording.gettext
    status = {
        "done": Status.DONE,
        "on_track": Status.ON_TRACK,
        "at_risk": Status.AT_RISK,
        "off_track": Status.OFF_TRACK,
    }
    items = tuple(
        charts.TimelineMilestone(
            label=m.title,
            planned=m.planned,
            forecast=None if m.actual else m.forecast,
            actual=m.actual,
            status=status[m.status],
            note="" if m.variance_days == 0 else m.variance,
            detail=g(locale, "%(title)s: planned %(planned)s, %(state)s %(date)s (%(variance)s)")
            % {
                "title": m.title,
                "planned": wording.date(m.planned, locale),
                "state": m.state_label,
                "date": wording.date(m.actual or m.forecast, locale),
                "variance": m.variance,
            },
        )
        for m in rows
    )
    data = charts.Timeline(
        milestones=items,
        today=as_of,
        planned_label=g(locale, "Planned"),
        forecast_label=g(locale, "Forecast"),
        actual_label=g(locale, "Actual"),
        today_label=g(locale, "Today"),
        empty_label=g(locale, "No milestones yet"),
        format_month=formats.month,
        format_year=formats.year,
    )
    meta = ChartMeta(
        id=f"{project_id}-timeline",
        title=g(locale, "Milestone timeline"),
        desc=g(locale, "Planned, forecast and actual date of each milestone, with today"),
        lang=locale,
    )
    return both(charts.timeline_chart, data, meta, theme)


def _progress(
    full: ProjectData,
    as_of: dt.date,
    locale: str,
    theme: Theme,
    formats: ChartFormats,
    is_client: bool,
) -> ProgressView:
    g = wording.gettext
    # Aggregates over every task: a percentage says nothing about any internal task.
    tasks = list(full.tasks)
    done = percent_complete(tasks, as_of)
    planned = planned_percent(tasks, as_of)
    points = burn_up(tasks, full.project.start, min(as_of, _end(full)))
    scope = points[0].scope_hours if points else 0.0
    # Clients see the burn-up in percent of scope; the team sees hours.
    in_percent = is_client or not scope

    def scale(hours: float) -> float:
        return 100 * hours / scope if in_percent and scope else hours

    weeks = tuple(
        charts.BurnupWeek(
            week=p.date,
            scope=100.0 if in_percent else p.scope_hours,
            planned=scale(p.planned_hours),
            done=scale(p.done_hours),
        )
        for p in points
    )
    data = charts.Burnup(
        weeks=weeks,
        scope_label=g(locale, "Scope"),
        planned_label=g(locale, "Planned"),
        done_label=g(locale, "Done"),
        today=as_of,
        today_label=g(locale, "Today"),
        empty_label=g(locale, "No tasks yet"),
        format_value=formats.percent if in_percent else formats.number,
        format_month=formats.month,
        format_year=formats.year,
    )
    meta = ChartMeta(
        id=f"{full.id}-burnup",
        title=g(locale, "Burn-up"),
        desc=g(
            locale,
            "Work done and work planned against the scope, week by week: "
            "%(done)s done, %(planned)s planned",
        )
        % {
            "done": i18n.format_pct(done / 100, locale),
            "planned": i18n.format_pct(planned / 100, locale),
        },
        lang=locale,
    )
    burnup = both(charts.burnup_chart, data, meta, theme)
    counts = None
    if not is_client:
        c = task_counts(tasks, as_of)
        counts = TaskCountsView(c.done, c.in_progress, c.blocked, c.todo, c.overdue, c.total)
    return ProgressView(
        percent=done,
        percent_text=i18n.format_pct(done / 100, locale),
        planned_percent=planned,
        planned_text=i18n.format_pct(planned / 100, locale),
        counts=counts,
        burnup_svg=burnup[0],
        burnup_svg_narrow=burnup[1],
    )


def _end(data: ProjectData) -> dt.date:
    return data.project.actual_end or dt.date.max


def _money(value: float | None, currency: str, locale: str) -> str:
    return i18n.format_money(value, currency, locale)


def _budget(
    portfolio: Portfolio,
    full: ProjectData,
    as_of: dt.date,
    locale: str,
    theme: Theme,
    formats: ChartFormats,
    is_client: bool,
) -> BudgetView | None:
    budget = full.project.budget
    if budget is None or (is_client and portfolio.site.portal.budget != "percent"):
        return None
    g = wording.gettext
    value = project_earned_value(full, as_of)
    assert value is not None
    project = full.project
    elapsed = elapsed_fraction(project.start, project.actual_end or project.planned_end, as_of)
    used = value.spent_fraction
    gap = (used or 0.0) - elapsed
    status = "off_track" if gap > 0.15 else "at_risk" if gap > 0.05 else "on_track"
    burn = charts.BudgetBurn(
        budget_used=100 * (used or 0.0),
        time_elapsed=100 * elapsed,
        budget_label=g(locale, "Budget used"),
        time_label=g(locale, "Time elapsed"),
        status={
            "on_track": Status.ON_TRACK,
            "at_risk": Status.AT_RISK,
            "off_track": Status.OFF_TRACK,
        }[status],
        format_percent=formats.percent,
    )
    meta = ChartMeta(
        id=f"{project.id}-budget",
        title=g(locale, "Budget used against time elapsed"),
        desc=g(locale, "%(used)s of the budget used, %(elapsed)s of the time elapsed")
        % {
            "used": i18n.format_pct(used, locale),
            "elapsed": i18n.format_pct(elapsed, locale),
        },
        lang=locale,
        width=520,
    )
    figures = None
    ev_svg: tuple[str, str] | tuple[None, None] = (None, None)
    if not is_client:
        currency = budget.currency or portfolio.site.currency
        figures = _ev_figures(value, currency, locale)
        ev_svg = _ev_chart(full, as_of, currency, locale, theme, formats)
    return BudgetView(
        used_fraction=used,
        elapsed_fraction=elapsed,
        used_text=i18n.format_pct(used, locale),
        elapsed_text=i18n.format_pct(elapsed, locale),
        status=status,
        burn_svg=charts.budget_burn_chart(burn, meta, theme),
        earned_value=figures,
        earned_value_svg=ev_svg[0],
        earned_value_svg_narrow=ev_svg[1],
    )


def _ev_figures(value: EarnedValue, currency: str, locale: str) -> EarnedValueFigures:
    def m(x: float | None) -> str:
        return _money(x, currency, locale)

    return EarnedValueFigures(
        currency=currency,
        bac=m(value.bac),
        pv=m(value.pv),
        ev=m(value.ev),
        ac=m(value.ac),
        sv=m(value.sv),
        cv=m(value.cv),
        spi=wording.index(value.spi, locale),
        cpi=wording.index(value.cpi, locale),
        eac=m(value.eac),
        etc=m(value.etc),
        vac=m(value.vac),
        tcpi=wording.index(value.tcpi, locale),
        spent=i18n.format_pct(value.spent_fraction, locale),
        sv_negative=value.sv < 0,
        cv_negative=value.cv < 0,
    )


def _ev_chart(
    full: ProjectData,
    as_of: dt.date,
    currency: str,
    locale: str,
    theme: Theme,
    formats: ChartFormats,
) -> tuple[str, str]:
    g = wording.gettext
    babel = i18n.babel_locale(locale)
    months = tuple(
        charts.EarnedValueMonth(month=p.date, pv=p.value.pv, ev=p.value.ev, ac=p.value.ac)
        for p in earned_value_series(full, as_of)
    )
    data = charts.EarnedValue(
        months=months,
        pv_label=g(locale, "Planned value"),
        ev_label=g(locale, "Earned value"),
        ac_label=g(locale, "Actual cost"),
        format_money=lambda v: format_compact_currency(v, currency, locale=babel),
        today=as_of,
        today_label=g(locale, "Today"),
        empty_label=g(locale, "No data yet"),
        format_month=formats.month,
        format_year=formats.year,
    )
    meta = ChartMeta(
        id=f"{full.id}-ev",
        title=g(locale, "Earned value"),
        desc=g(locale, "Planned value, earned value and actual cost by month"),
        lang=locale,
    )
    return both(charts.earned_value_chart, data, meta, theme)


def _risk_row(s: RiskState, risk_plan: str | None, description: str | None, locale: str) -> RiskRow:
    return RiskRow(
        id=s.id,
        title=s.title,
        description=description,
        kind=s.kind,
        kind_label=wording.label("risk_kind", s.kind, locale),
        owner=s.owner,
        response=s.response,
        response_label=wording.label("response", s.response, locale),
        plan=risk_plan,
        probability=s.probability,
        impact=s.impact,
        exposure=s.exposure,
        level=s.level,
        level_label=wording.label("risk_level", s.level, locale),
        status=s.status.value,
        status_label=wording.label("risk_status", s.status, locale),
        raised=s.raised,
        visibility=s.visibility.value,
    )


def _risks(seen: ProjectData, as_of: dt.date, high: int, locale: str) -> tuple[RiskRow, ...]:
    by_id = {r.id: r for r in seen.risks}
    states = risk_states(seen.risks, as_of, high)
    states.sort(key=lambda s: (not s.is_open, -s.exposure, -s.impact, s.raised, s.id))
    return tuple(_risk_row(s, by_id[s.id].plan, by_id[s.id].description, locale) for s in states)


def _changes(
    seen: ProjectData, locale: str, portfolio: Portfolio, data: ProjectData
) -> tuple[ChangeRow, ...]:
    budget = data.project.budget
    currency = (budget.currency if budget else None) or portfolio.site.currency
    rows = []
    for c in sorted(seen.changes, key=lambda c: (c.requested, c.id), reverse=True):
        n = c.impact.schedule_days
        rows.append(
            ChangeRow(
                id=c.id,
                title=c.title,
                description=c.description,
                requested_by=c.requested_by,
                requested=c.requested,
                scope=c.impact.scope,
                schedule_days=n,
                schedule=wording.variance(n, locale) if n else "\u2014",
                cost=c.impact.cost,
                cost_text=_money(c.impact.cost, currency, locale) if c.impact.cost else "\u2014",
                status=c.status.value,
                status_label=wording.label("change_status", c.status, locale),
                decided=c.decided,
                decided_by=c.decided_by,
                decision_note=c.decision_note,
                visibility=c.visibility.value,
            )
        )
    return tuple(rows)


def _deliverables(seen: ProjectData, locale: str) -> tuple[DeliverableRow, ...]:
    titles = {m.id: m.title for m in seen.project.milestones}
    return tuple(
        DeliverableRow(
            id=d.id,
            title=d.title,
            milestone=titles.get(d.milestone) if d.milestone else None,
            due=d.due,
            status=d.status.value,
            status_label=wording.label("deliverable_status", d.status, locale),
            delivered_on=d.delivered_on,
            accepted_on=d.accepted_on,
            accepted_by=d.accepted_by,
            visibility=d.visibility.value,
        )
        for d in seen.project.deliverables
    )


def _plain(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line.lstrip("#").strip()


def _updates(portfolio: Portfolio, seen: ProjectData, locale: str) -> tuple[UpdateView, ...]:
    # Newest first; of two on one day the later-listed one is newer. Slugs stay stable
    # because they count from the oldest update of that day.
    ordered = sorted(enumerate(seen.updates), key=lambda iu: (iu[1].date, iu[0]))
    per_day: dict[dt.date, int] = {}
    views = []
    for _, u in ordered:
        n = per_day[u.date] = per_day.get(u.date, 0) + 1
        slug = u.date.isoformat() + ("" if n == 1 else f"-{n}")
        health = u.health.value if u.health else None
        views.append(
            UpdateView(
                slug=slug,
                date=u.date,
                kind=u.kind,
                kind_label=wording.label("update_kind", u.kind, locale),
                author=_person(portfolio, u.author),
                health=health,
                health_label=wording.label("health", health, locale) if health else None,
                health_icon=wording.HEALTH_ICON[health] if health else None,
                health_reason=u.health_reason,
                highlights=tuple(inline(h) for h in u.highlights),
                next_steps=tuple(inline(s) for s in u.next_steps),
                blockers=tuple(inline(b) for b in u.blockers),
                decisions=tuple(DecisionRow(d.what, d.by, d.owner) for d in u.decisions_needed),
                body_html=to_html(u.body),
                summary=u.health_reason or (u.highlights[0] if u.highlights else _plain(u.body)),
                visibility=u.visibility.value,
            )
        )
    return tuple(reversed(views))


# -- meetings ----------------------------------------------------------------------------

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _weekday_name(short: str | None, locale: str) -> str | None:
    if short is None:
        return None
    from babel.dates import get_day_names

    return get_day_names("wide", locale=i18n.babel_locale(locale))[_WEEKDAYS.index(short)]


def _meeting_row(m: Meeting, locale: str) -> MeetingPlanRow:
    return MeetingPlanRow(
        title=m.title,
        cadence=m.cadence,
        cadence_label=wording.label("cadence", m.cadence, locale),
        weekday=_weekday_name(m.weekday, locale),
        time=m.time,
        duration_minutes=m.duration_minutes,
        channel=m.channel,
        attendees=tuple(m.attendees),
        visibility=m.visibility.value,
    )


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based) weekday of a month; the last one when the month has fewer."""
    first = dt.date(year, month, 1)
    day = first + dt.timedelta((weekday - first.weekday()) % 7 + 7 * (nth - 1))
    while day.month != month:
        day -= dt.timedelta(7)
    return day


def occurrences(meeting: Meeting, first: dt.date, last: dt.date) -> list[dt.date]:
    """Dates of a recurring meeting between first and last (inclusive), from its cadence.

    Daily meetings fall on working days; weekly and biweekly ones on their weekday (every
    other week counted from `start`); monthly and quarterly ones on the same ordinal
    weekday as `start` (the first Wednesday) when a weekday is given, else on its day of
    the month. "milestone" meetings have no calendar of their own.
    """
    start = meeting.start or first
    weekday = _WEEKDAYS.index(meeting.weekday) if meeting.weekday else start.weekday()
    lo = max(first, start)
    found: list[dt.date] = []
    if meeting.cadence == "once":
        return [start] if first <= start <= last else []
    if meeting.cadence == "milestone":
        return []
    if meeting.cadence == "daily":
        day = lo
        while day <= last:
            if (meeting.weekday is None and day.weekday() < 5) or day.weekday() == weekday:
                found.append(day)
            day += dt.timedelta(1)
        return found
    if meeting.cadence in ("weekly", "biweekly"):
        step = 7 if meeting.cadence == "weekly" else 14
        anchor = start + dt.timedelta((weekday - start.weekday()) % 7)
        if anchor < lo:
            jumps = -(-(lo - anchor).days // step)
            anchor += dt.timedelta(step * jumps)
        while anchor <= last:
            found.append(anchor)
            anchor += dt.timedelta(step)
        return found
    months = 1 if meeting.cadence == "monthly" else 3
    nth = (start.day - 1) // 7 + 1
    k = 0
    while True:
        base = _add_months(start.replace(day=1), k * months)
        day = (
            _nth_weekday(base.year, base.month, weekday, nth)
            if meeting.weekday
            else _add_months(start, k * months)
        )
        if day > last:
            return found
        if day >= lo:
            found.append(day)
        k += 1


def _upcoming(seen: ProjectData, as_of: dt.date) -> tuple[MeetingOccurrence, ...]:
    project = seen.project
    if project.status != ProjectStatus.active:
        return ()
    last = as_of + dt.timedelta(UPCOMING_DAYS)
    found = [
        MeetingOccurrence(day, m.time, m.title, m.duration_minutes, m.channel)
        for m in project.communication.meetings
        if m.cadence != "daily"  # a daily stand-up would crowd out everything else
        for day in occurrences(m, as_of + dt.timedelta(1), last)
    ]
    found.sort(key=lambda o: (o.date, o.time or "", o.title))
    return tuple(found[:UPCOMING_LIMIT])


def _contacts(contacts: Sequence[Contact], emails: Sequence[str]) -> tuple[ContactRow, ...]:
    chosen = [c for c in contacts if c.email in emails] if emails else list(contacts)
    if emails:
        chosen.sort(key=lambda c: emails.index(c.email))
    return tuple(ContactRow(c.name, c.role, c.email, c.phone) for c in chosen)


# -- retrospective and internal detail ---------------------------------------------------


def _retrospective(
    portfolio: Portfolio, seen: ProjectData, locale: str
) -> RetrospectiveView | None:
    retro = seen.retrospective
    if retro is None:
        return None
    return RetrospectiveView(
        date=retro.date,
        went_well=tuple(inline(t) for t in retro.went_well),
        to_improve=tuple(inline(t) for t in retro.to_improve),
        lessons=tuple(inline(t) for t in retro.lessons),
        problems=tuple(ProblemRow(inline(p.problem), inline(p.solution)) for p in retro.problems),
        team_performance=retro.team_performance,
        actions=tuple(
            ImprovementRow(
                a.id,
                a.action,
                _person(portfolio, a.owner),
                a.due,
                a.status,
                wording.label("improvement_status", a.status, locale),
            )
            for a in retro.actions
        ),
        body_html=to_html(retro.body),
    )


def _internal(
    portfolio: Portfolio, full: ProjectData, as_of: dt.date, locale: str
) -> InternalDetail:
    project = full.project
    currency = (project.budget.currency if project.budget else None) or portfolio.site.currency
    team = []
    for member in project.team:
        now = [a for a in member.allocations if a.start <= as_of <= a.end]
        team.append(
            TeamRow(
                person=member.person,
                name=_person(portfolio, member.person),
                role=member.role,
                hours_now=wording.number(sum(a.hours_per_week for a in now), locale)
                if now
                else "\u2014",
                allocations=tuple(
                    (a.start, a.end, wording.number(a.hours_per_week, locale))
                    for a in member.allocations
                ),
            )
        )
    by_category: dict[str, float] = {}
    for cost in full.costs:
        by_category[cost.category] = by_category.get(cost.category, 0.0) + cost.amount
    notes = [
        NoteView(n.date, n.title, to_html(n.body), n.visibility.value, "note") for n in full.notes
    ] + [
        NoteView(
            m.date,
            m.title,
            to_html(m.body),
            m.visibility.value,
            wording.label("meeting_kind", m.kind, locale),
        )
        for m in full.meetings
    ]
    notes.sort(key=lambda n: (n.date, n.title), reverse=True)
    titles = {m.id: m.title for m in project.milestones}
    tasks = tuple(
        TaskRow(
            id=t.id,
            title=t.title,
            owner=_person(portfolio, t.owner),
            milestone=titles.get(t.milestone) if t.milestone else None,
            start=t.start,
            due=t.due,
            state=(state := task_state(t, as_of)),
            state_label=wording.label("task_state", state, locale),
            overdue=state != "done" and t.due < as_of,
            visibility=t.visibility.value,
        )
        for t in sorted(full.tasks, key=lambda t: (t.due, t.id))
    )
    goal_titles = {g.id: g.title for g in project.goals}
    lint = tuple(
        LintRow(goal_titles.get(f.goal_id, f.goal_id), wording.reason(f.reason, locale))
        for f in lint_goals(full, portfolio.people)
    )
    return InternalDetail(
        team=tuple(team),
        costs_total=_money(sum(by_category.values()), currency, locale),
        costs_by_category=tuple(
            CostCategory(k, _money(v, currency, locale)) for k, v in sorted(by_category.items())
        ),
        notes=tuple(notes),
        tasks=tasks,
        lint=lint,
    )


def visible(value: str) -> bool:
    """True for records a client may see (templates mark the others on internal pages)."""
    return value == Visibility.client.value
