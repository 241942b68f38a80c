"""Values across projects: a client portal's index and the director's dashboard.

Each value is taken from the projects' views (present.project), so the index, the
dashboard and every project page print the same decision, milestone, health and budget.

Rules:
- decisions across projects: every open decision of every view, overdue ones first, then
  by due date (undated last), then by project.
- who to call on a portal: the managers of the portal's projects, current projects first.
- milestones ahead: open milestones whose forecast falls within `weeks` of the day, and
  every overdue one (first).
- health trend: the health shown (analyze.health.health_view, the team's view) at the end
  of the day and of each of the three weeks before; the arrow compares with a week ago.
- money: budget (BAC), spent (AC), estimate at completion (EAC = BAC / CPI), the overrun
  EAC − BAC and, with a contract value, the forecast margin (contract value − EAC). More
  than the budget spent or forecast is marked.
- resource load: hours per person and week with the split by project (analyze.resources),
  and every allocation that ends before its project's forecast end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from generator import i18n
from generator.analyze.earned_value import project_earned_value
from generator.analyze.health import cost_level, health_view
from generator.analyze.periods import week_of
from generator.analyze.resources import allocation_gaps, resource_load
from generator.analyze.snapshot import as_of as snapshot
from generator.model.portfolio import Portfolio
from generator.present import wording
from generator.present.decisions import DecisionRow
from generator.present.health import Level, level
from generator.present.milestones import MilestoneRow
from generator.present.portal import Caller, signed_money, signed_percent, whole_money

if TYPE_CHECKING:
    from generator.present.project import ProjectView

MILESTONE_WEEKS = 6
TREND_WEEKS = 4
LOAD_WEEKS = 6
DASH = "\u2014"


def _href(view: ProjectView) -> str:
    return f"{view.id}/index.html"


# -- decisions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionAcross:
    project_id: str
    project_title: str
    client_name: str
    href: str  # the project page, relative to the index
    decision: DecisionRow  # its due date worded in the index's language


def decisions_across(
    views: Iterable[ProjectView], locale: str, href: Callable[[ProjectView], str] = _href
) -> tuple[DecisionAcross, ...]:
    """Every open decision of the projects, overdue first, then soonest due; dates in the
    index's `locale` (the dashboard's may differ from a project's)."""
    found = [
        DecisionAcross(
            v.id,
            v.title,
            v.client_name,
            href(v) + "#decisions",
            replace(d, due_text=wording.date(d.due, locale)) if d.due else d,
        )
        for v in views
        for d in v.decisions
    ]
    found.sort(
        key=lambda x: (
            not x.decision.overdue,
            x.decision.due is None,
            x.decision.due or dt.date.max,
            x.project_title,
            x.decision.what,
        )
    )
    return tuple(found)


# -- who to call -------------------------------------------------------------------------


@dataclass(frozen=True)
class CallerRow:
    caller: Caller
    projects: str  # the titles of the projects this person manages, joined


def callers(views: Sequence[ProjectView], locale: str) -> tuple[CallerRow, ...]:
    """The managers of the projects, in the order of the projects (current ones first)."""
    by_name: dict[str, tuple[Caller, list[str]]] = {}
    for v in sorted(views, key=lambda v: v.status == "closed"):
        caller, titles = by_name.setdefault(v.who.name, (v.who, []))
        titles.append(v.title)
    return tuple(CallerRow(c, wording.names(t, locale)) for c, t in by_name.values())


# -- milestones ahead --------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneAhead:
    project_title: str
    client_name: str
    href: str
    milestone: MilestoneRow
    date: dt.date  # forecast
    overdue: bool
    variance: str  # in the dashboard's language


def milestones_ahead(
    views: Iterable[ProjectView], as_of: dt.date, locale: str, weeks: int = MILESTONE_WEEKS
) -> tuple[MilestoneAhead, ...]:
    """Open milestones forecast within `weeks` of the day, overdue ones first."""
    until = as_of + dt.timedelta(weeks=weeks)
    found = [
        MilestoneAhead(
            v.title,
            v.client_name,
            _href(v) + "#milestones",
            m,
            m.forecast,
            m.state == "overdue",
            wording.variance(m.variance_days, locale),
        )
        for v in views
        if v.status != "closed"
        for m in v.milestones
        if not m.done and m.forecast <= until
    ]
    found.sort(key=lambda x: (not x.overdue, x.date, x.project_title, x.milestone.title))
    return tuple(found)


# -- health trend ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    date: dt.date
    health: Level
    text: str  # "Nov 23, 2026: At risk", for the tooltip and screen readers


@dataclass(frozen=True)
class Trend:
    points: tuple[TrendPoint, ...]  # oldest first, the last is the day itself
    direction: str  # "better" | "worse" | "same"
    arrow: str  # "↑" | "↓" | "→"
    text: str  # "Worse than a week ago (At risk)"


def health_trend(portfolio: Portfolio, project_id: str, as_of: dt.date, locale: str) -> Trend:
    """The health shown at the end of the day and of each of the weeks before."""
    g = wording.gettext
    data = portfolio.projects[project_id]
    rules = portfolio.site.health
    points = []
    for back in range(TREND_WEEKS - 1, -1, -1):
        day = as_of - dt.timedelta(weeks=back)
        shown = level(health_view(snapshot(data, day), day, rules).display, locale)
        points.append(TrendPoint(day, shown, f"{wording.date(day, locale)}: {shown.label}"))
    before, now = points[-2].health, points[-1].health
    if now.rank < before.rank:
        direction, arrow = "better", "\u2191"
        text = g(locale, "Better than a week ago (%(health)s)")
    elif now.rank > before.rank:
        direction, arrow = "worse", "\u2193"
        text = g(locale, "Worse than a week ago (%(health)s)")
    else:
        direction, arrow = "same", "\u2192"
        text = g(locale, "As a week ago (%(health)s)")
    return Trend(tuple(points), direction, arrow, text % {"health": before.label})


# -- money -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyRow:
    project_id: str
    title: str
    href: str
    status_label: str
    manager: str
    level: str  # analyze.health.cost_level: "green" | "amber" | "red"
    bac: str
    ac: str
    used: str  # AC / BAC
    used_over: bool  # more than the budget spent
    cpi: str
    eac: str
    overrun: str  # EAC − BAC, signed
    overrun_percent: str
    eac_over: bool  # forecast over the budget
    contract: str  # "—" without a contract value
    margin: str  # contract value − EAC, signed; "—" without a contract value
    margin_percent: str
    margin_negative: bool
    sort_overrun: float  # EAC − BAC, for sorting


def money_rows(portfolio: Portfolio, views: Iterable[ProjectView], locale: str) -> list[MoneyRow]:
    """One row per project with a budget, the largest forecast overrun first."""
    rules = portfolio.site.health
    rows = []
    for v in views:
        data = snapshot(portfolio.projects[v.id], v.as_of)
        budget = data.project.budget
        value = project_earned_value(data, v.as_of)
        if budget is None or value is None:
            continue
        currency = budget.currency or portfolio.site.currency
        eac = value.eac if value.eac is not None else value.eac_atypical
        contract = budget.contract_value
        margin = None if contract is None else contract - eac
        rows.append(
            MoneyRow(
                project_id=v.id,
                title=v.title,
                href=_href(v) + "#budget",
                status_label=wording.label("project_status", v.status, locale),
                manager=v.manager,
                level=cost_level(value, rules).value,
                bac=whole_money(value.bac, currency, locale),
                ac=whole_money(value.ac, currency, locale),
                used=i18n.format_pct(value.spent_fraction, locale),
                used_over=(value.spent_fraction or 0.0) > 1.0,
                cpi=wording.index(value.cpi, locale),
                eac=whole_money(eac, currency, locale),
                overrun=signed_money(eac - value.bac, currency, locale),
                overrun_percent=signed_percent((eac - value.bac) / value.bac, locale)
                if value.bac
                else DASH,
                eac_over=round(eac) > round(value.bac),
                contract=DASH if contract is None else whole_money(contract, currency, locale),
                margin=DASH if margin is None else signed_money(margin, currency, locale),
                margin_percent=DASH
                if margin is None or not contract
                else signed_percent(margin / contract, locale),
                margin_negative=margin is not None and round(margin) < 0,
                sort_overrun=eac - value.bac,
            )
        )
    rows.sort(key=lambda r: (-r.sort_overrun, r.title))
    return rows


# -- resource load -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectShare:
    title: str
    hours: str  # "24 h"


@dataclass(frozen=True)
class LoadCell:
    hours: str  # "44 h"
    load: str  # "110%"
    over: bool
    free: bool  # no allocation that week
    split: tuple[ProjectShare, ...]  # by project, most hours first


@dataclass(frozen=True)
class LoadRow:
    name: str
    capacity: str  # "40 h"
    cells: tuple[LoadCell, ...]
    over: bool  # over capacity in one of the weeks


@dataclass(frozen=True)
class GapRow:
    """Allocations on one project that all end on one day, before its forecast end."""

    project_title: str
    href: str
    last_day: dt.date
    forecast_end: dt.date
    names: str  # the people, joined in the reader's language
    text: str  # the sentence the dashboard prints


@dataclass(frozen=True)
class LoadTable:
    weeks: tuple[str, ...]  # column headings: "Week 49 · Nov 30"
    rows: tuple[LoadRow, ...]
    gaps: tuple[GapRow, ...]


def _hours(value: float, locale: str) -> str:
    return wording.gettext(locale, "%(h)s h") % {"h": wording.number(value, locale, 1)}


def load_table(portfolio: Portfolio, as_of: dt.date, locale: str) -> LoadTable:
    """Hours per person for this week and the next ones, split by project; allocation gaps."""
    g = wording.gettext
    first = week_of(as_of)
    weeks = [week_of(first.start + dt.timedelta(weeks=n)) for n in range(LOAD_WEEKS)]
    titles = {key: data.project.title for key, data in portfolio.projects.items()}
    load = resource_load(portfolio, weeks)
    rows = []
    for person in load.people:
        if not any(w.hours for w in person.weeks):
            continue
        cells = tuple(
            LoadCell(
                hours=_hours(w.hours, locale),
                load=i18n.format_pct(w.ratio, locale) if w.ratio is not None else DASH,
                over=w.over,
                free=not w.hours,
                split=tuple(
                    ProjectShare(titles.get(p.project, p.project), _hours(p.hours, locale))
                    for p in sorted(w.projects, key=lambda p: (-p.hours, p.project))
                ),
            )
            for w in person.weeks
        )
        rows.append(
            LoadRow(
                name=person.name,
                capacity=_hours(person.capacity, locale),
                cells=cells,
                over=any(c.over for c in cells),
            )
        )
    gaps = []
    for key in sorted(portfolio.projects):
        data = snapshot(portfolio.projects[key], as_of)
        if data.project.status.value == "closed":
            continue
        by_day: dict[dt.date, list[str]] = {}
        found = allocation_gaps(data, as_of)
        for gap in found:
            who = portfolio.people.get(gap.person)
            by_day.setdefault(gap.last_day, []).append(who.name if who else gap.person)
        for day, names in sorted(by_day.items()):
            end = found[0].forecast_end
            joined = wording.names(names, locale)
            text = wording.ngettext(
                locale,
                "%(project)s is forecast to end on %(end)s; the allocation of %(names)s "
                "ends on %(last)s.",
                "%(project)s is forecast to end on %(end)s; the allocations of %(names)s "
                "end on %(last)s.",
                len(names),
            ) % {
                "project": data.project.title,
                "end": wording.date(end, locale),
                "names": joined,
                "last": wording.date(day, locale),
            }
            gaps.append(
                GapRow(data.project.title, f"{key}/index.html#team", day, end, joined, text)
            )
    gaps.sort(key=lambda x: (x.last_day, x.project_title))
    week_label = g(locale, "Week %(n)s")
    headings = tuple(
        f"{week_label % {'n': w.start.isocalendar()[1]}} · {i18n.format_day_month(w.start, locale)}"
        for w in weeks
    )
    return LoadTable(headings, tuple(rows), tuple(gaps))
