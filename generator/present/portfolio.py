"""The internal dashboard's values: one row per project, portfolio risks, resource load,
improvement actions; and the order of a client portal's project cards.

A row's health, next milestone and figures are those of the project's internal view
(present.project), so the dashboard and the project page never disagree; labels are in the
dashboard's language, the PM's words as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator import i18n
from generator.analyze.earned_value import project_earned_value
from generator.analyze.health import cost_level, health_view
from generator.analyze.periods import periods_between
from generator.analyze.resources import WeekLoad, resource_load
from generator.analyze.risks import top_risks
from generator.analyze.snapshot import as_of as snapshot
from generator.model.portfolio import Portfolio
from generator.model.project import ProjectStatus
from generator.present import charts, wording
from generator.present.formats import Formats, theme_of
from generator.present.health import Level, level
from generator.present.internal import ImprovementRow
from generator.present.plain_words import AS_PLANNED
from generator.present.project import ProjectView
from generator.present.rows import RiskRow

RESOURCE_WEEKS_BACK = 4
RESOURCE_WEEKS_AHEAD = 12
DASH = "\u2014"


@dataclass(frozen=True)
class PortfolioRow:
    view: ProjectView
    href: str
    health: Level  # the project's health, labelled in the dashboard's language
    reason: str  # the PM's words as written, else the computed reason in the dashboard's language
    status_label: str
    schedule_variance: int | None  # worst open milestone variance in days
    schedule_variance_text: str
    spi: float | None
    spi_text: str
    spi_low: bool  # below the workspace's amber threshold
    cpi: float | None
    cpi_text: str
    cpi_low: bool
    cpi_level: str  # analyze.health.cost_level: the colour of the CPI and the budget
    used: float | None
    used_text: str
    next_variance: str  # the next milestone's variance, in the dashboard's language
    top_risk: str | None
    top_risk_exposure: int | None
    days_since_update: str  # "3 days", "—"
    stale: bool


def portfolio_row(portfolio: Portfolio, view: ProjectView, locale: str) -> PortfolioRow:
    """One project's row; labels in the dashboard's `locale`, the project's texts as written."""
    data = snapshot(portfolio.projects[view.id], view.as_of)
    rules = portfolio.site.health
    value = project_earned_value(data, view.as_of)
    open_ = [m.variance_days for m in view.milestones if m.actual is None]
    top = top_risks(data.risks, view.as_of, rules.high_risk_exposure, 1)
    days = view.days_since_update
    stale = view.status == "active" and (days is None or days >= rules.stale_update_days)
    if view.health.reported_reason:
        reason = view.health.reported_reason
    else:
        found = health_view(data, view.as_of, rules)
        computed = wording.reasons(found.computed.reasons, locale)
        reason = computed[0] if computed else wording.gettext(locale, AS_PLANNED)
    spi = value.spi if value else None
    cpi = value.cpi if value else None
    worst = max(open_) if open_ else None
    return PortfolioRow(
        view=view,
        href=f"{view.id}/index.html",
        health=level(view.health.level, locale),
        reason=reason,
        status_label=wording.label("project_status", view.status, locale),
        schedule_variance=worst,
        schedule_variance_text=DASH if worst is None else wording.variance(worst, locale),
        spi=spi,
        spi_text=i18n.format_number(spi, locale, 2),
        spi_low=spi is not None and spi < rules.spi_amber,
        cpi=cpi,
        cpi_text=i18n.format_number(cpi, locale, 2),
        cpi_low=cpi is not None and cpi < rules.cpi_amber,
        cpi_level=cost_level(value, rules).value,
        used=value.spent_fraction if value else None,
        used_text=i18n.format_pct(value.spent_fraction if value else None, locale),
        next_variance=wording.variance(view.next_milestone.variance_days, locale)
        if view.next_milestone
        else DASH,
        top_risk=top[0].title if top else None,
        top_risk_exposure=top[0].exposure if top else None,
        days_since_update=DASH if days is None else wording.days(days, locale),
        stale=stale,
    )


def portfolio_rows(
    portfolio: Portfolio, views: Sequence[ProjectView], locale: str
) -> list[PortfolioRow]:
    """Open projects first, worst health first, then by title."""
    found = [portfolio_row(portfolio, v, locale) for v in views]
    found.sort(key=lambda r: (r.view.status == "closed", -r.health.rank, r.view.title))
    return found


@dataclass(frozen=True)
class HealthTile:
    health: Level
    count: int


def health_tiles(found: Sequence[PortfolioRow], locale: str) -> tuple[HealthTile, ...]:
    """How many projects not completed are red, amber and green."""
    live = [r for r in found if r.view.status != "closed"]
    return tuple(
        HealthTile(level(h, locale), sum(1 for r in live if r.view.health.level == h))
        for h in ("red", "amber", "green")
    )


@dataclass(frozen=True)
class PortfolioRisk:
    anchor: str
    project: ProjectView
    risk: RiskRow
    level_label: str  # in the dashboard's language


def open_risks(views: Iterable[ProjectView], locale: str) -> list[PortfolioRisk]:
    found = [
        PortfolioRisk(f"risk-{v.id}-{r.id}", v, r, wording.label("risk_level", r.level, locale))
        for v in views
        if v.status != "closed"
        for r in v.open_risks
    ]
    found.sort(key=lambda x: (-x.risk.exposure, -x.risk.impact, x.project.title, x.risk.id))
    return found


def risk_heatmap(portfolio: Portfolio, as_of: dt.date, locale: str) -> str:
    g = wording.gettext
    cells: dict[tuple[int, int], list[str]] = {}
    first: dict[tuple[int, int], str] = {}
    high = portfolio.site.health.high_risk_exposure
    for key in sorted(portfolio.projects):
        data = snapshot(portfolio.projects[key], as_of)
        if data.project.status == ProjectStatus.closed:
            continue
        for r in top_risks(data.risks, as_of, high, 10**6):
            cell = (r.probability, r.impact)
            cells.setdefault(cell, []).append(r.title)
            first.setdefault(cell, f"#risk-{key}-{r.id}")
    data_map = charts.RiskHeatMap(
        cells=tuple(
            charts.RiskCell(p, i, len(titles), first[(p, i)], wording.names(titles, locale))
            for (p, i), titles in sorted(cells.items())
        ),
        probability_label=g(locale, "Probability"),
        impact_label=g(locale, "Impact"),
        low_label=g(locale, "Low"),
        medium_label=g(locale, "Medium"),
        high_label=g(locale, "High"),
        medium_from=max(1, -(-high // 3)),
        high_from=high,
    )
    meta = charts.ChartMeta(
        id="portfolio-risks",
        title=g(locale, "Open risks by probability and impact"),
        desc=g(locale, "Number of open risks in each cell of the 5 × 5 matrix, all projects"),
        lang=locale,
        width=330,  # its column on the dashboard, so the labels print at their size
    )
    return charts.risk_heatmap_chart(data_map, meta, theme_of(portfolio))


@dataclass(frozen=True)
class OverAllocation:
    name: str
    week: str
    hours: str
    capacity: str


@dataclass(frozen=True)
class ResourcesView:
    svg: str
    over: tuple[OverAllocation, ...]


def resources(portfolio: Portfolio, as_of: dt.date, locale: str) -> ResourcesView:
    g = wording.gettext
    first = as_of - dt.timedelta(weeks=RESOURCE_WEEKS_BACK)
    weeks = periods_between("week", first, as_of + dt.timedelta(weeks=RESOURCE_WEEKS_AHEAD))
    load = resource_load(portfolio, weeks)
    people = [p for p in load.people if any(w.hours for w in p.weeks)]
    formats = Formats(locale)
    data = charts.ResourceHeatMap(
        weeks=tuple(w.start for w in weeks),
        rows=tuple(
            charts.ResourceRow(
                p.name,
                tuple(w.ratio if w.hours else None for w in p.weeks),
                tuple(_split(portfolio, p.name, w, locale) for w in p.weeks),
            )
            for p in people
        ),
        load_label=g(locale, "Load"),
        over_label=g(locale, "Over-allocated"),
        empty_label=g(locale, "No allocations"),
        format_week=lambda day: i18n.format_date(
            day, locale, "d MMM" if i18n.language(locale) == "en" else "M/d"
        ),
        format_load=lambda ratio: formats.percent(100 * ratio),
    )
    meta = charts.ChartMeta(
        id="portfolio-load",
        title=g(locale, "Resource load by person and week"),
        desc=g(locale, "Allocated hours as a share of each person's weekly capacity"),
        lang=locale,
        width=960,
    )
    over = tuple(
        OverAllocation(
            p.name,
            w.week.key,
            wording.number(w.hours, locale, 1),
            wording.number(w.capacity, locale, 1),
        )
        for p in people
        for w in p.weeks
        if w.over
    )
    return ResourcesView(charts.resource_heatmap_chart(data, meta, theme_of(portfolio)), over)


def _split(portfolio: Portfolio, name: str, week: WeekLoad, locale: str) -> str:
    """The hover text of one heat map cell: who, which week, hours of capacity, by project."""
    g = wording.gettext
    head = g(locale, "%(name)s, week of %(date)s: %(hours)s h of %(capacity)s h") % {
        "name": name,
        "date": wording.date(week.week.start, locale),
        "hours": wording.number(week.hours, locale, 1),
        "capacity": wording.number(week.capacity, locale, 1),
    }
    parts = [
        g(locale, "%(label)s: %(value)s")
        % {
            "label": portfolio.projects[x.project].project.title
            if x.project in portfolio.projects
            else x.project,
            "value": g(locale, "%(h)s h") % {"h": wording.number(x.hours, locale, 1)},
        }
        for x in sorted(week.projects, key=lambda x: (-x.hours, x.project))
    ]
    return "; ".join([head, *parts])


@dataclass(frozen=True)
class ActionRow:
    project: ProjectView
    action: ImprovementRow
    status_label: str  # in the dashboard's language


def improvement_actions(views: Iterable[ProjectView], locale: str) -> list[ActionRow]:
    """Every improvement action of every retrospective: open ones first, soonest due first."""
    found = [
        ActionRow(v, a, wording.label("improvement_status", a.status, locale))
        for v in views
        if v.retrospective
        for a in v.retrospective.actions
    ]
    found.sort(key=lambda r: (r.action.status_rank, r.action.due or dt.date.max, r.action.id))
    return found


def portal_order(view: ProjectView) -> tuple[int, str, str]:
    """Active, on hold, then completed projects (the most recent first), then by title."""
    rank = {"active": 0, "on_hold": 1, "closed": 2}[view.status]
    end = view.actual_end or view.planned_end
    key = "" if view.status != "closed" else f"{9999 - end.year:04d}{13 - end.month:02d}"
    return rank, key, view.title
