"""The static sites: one portal per client and the internal dashboard.

Each tree (output/internal, output/portals/<client>) is self-contained: relative links
only, its own copy of the stylesheet, script and logo, no request outside the tree. Client
pages are rendered from views built for the client audience (analyze.audience.client_slice)
and never see the portfolio; the internal tree sees everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator import i18n
from generator.analyze.audience import Audience
from generator.analyze.periods import periods_between
from generator.analyze.resources import resource_load
from generator.analyze.risks import top_risks
from generator.analyze.snapshot import as_of as snapshot
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import ProjectStatus
from generator.render import charts, feeds, wording
from generator.render.archive_list import archive_rows
from generator.render.environment import make_environment
from generator.render.survey_view import SurveySection, survey_section
from generator.render.views import (
    ProjectView,
    chart_formats,
    project_view,
    theme_of,
)
from generator.workspace import Workspace

STATIC = Path(__file__).resolve().parent.parent / "templates" / "static"
ROBOTS = b"User-agent: *\nDisallow: /\n"
# Client pages may load only the tree's own files; no inline script, no style attributes.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
NO_RULE = "No rule of the health check is triggered"
RESOURCE_WEEKS_BACK = 4
RESOURCE_WEEKS_AHEAD = 12


@dataclass(frozen=True)
class ReportLink:
    href: str  # relative to the project page
    kind: str  # "weekly" | "monthly" | "closing"
    title: str  # "Weekly status report"
    period: str  # "Week 47, 2026", "" for the closing report
    span: str  # the dates it covers
    day: dt.date


@dataclass(frozen=True)
class PortfolioRow:
    view: ProjectView
    href: str
    reason: str  # the PM's words as written, else the computed reason in the dashboard's language
    schedule_variance: int | None  # worst open milestone variance in days
    spi: float | None
    cpi: float | None
    used: float | None
    top_risk: str | None
    top_risk_exposure: int | None
    stale: bool


def site_files(
    workspace: Workspace,
    portfolio: Portfolio,
    as_of: dt.date,
    problems: list[str] | None = None,
) -> dict[str, bytes]:
    """Every file of output/internal and output/portals/<client>, by relative path.

    `problems` collects what the pages could not show (an unreadable survey export); the
    build prints them as warnings. None: nobody is listening.
    """
    files: dict[str, bytes] = {}
    files.update(_prefixed("internal", internal_files(workspace, portfolio, as_of, problems)))
    for client_id in sorted(portfolio.clients):
        tree = portal_files(workspace, portfolio, client_id, as_of, problems)
        files.update(_prefixed(f"portals/{client_id}", tree))
    return files


def _prefixed(prefix: str, files: dict[str, bytes]) -> dict[str, bytes]:
    return {f"{prefix}/{rel}": data for rel, data in files.items()}


# -- shared pieces -----------------------------------------------------------------------


def static_files(workspace: Workspace, portfolio: Portfolio) -> dict[str, bytes]:
    """The tree's own copy of the stylesheet (with the brand colours), script and logo."""
    branding = portfolio.site.branding
    css = (STATIC / "site.css").read_text(encoding="utf-8")
    brand = (
        f":root {{\n  --brand: {branding.primary_color};\n"
        f"  --accent: {branding.accent_color};\n}}\n"
    )
    files = {
        "static/site.css": (brand + css).encode(),
        "static/sortable.js": (STATIC / "sortable.js").read_bytes(),
        "static/favicon.svg": _favicon(branding.primary_color, branding.accent_color),
    }
    logo = logo_path(workspace, portfolio)
    if logo is not None:
        files["static/" + logo_name(logo)] = logo.read_bytes()
    return files


def _favicon(primary: str, accent: str) -> bytes:
    """A milestone diamond on the brand colour; without it browsers ask for /favicon.ico."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="7" fill="{primary}"/>'
        f'<path d="M16 6 26 16 16 26 6 16Z" fill="{accent}"/></svg>\n'
    ).encode()


def logo_path(workspace: Workspace, portfolio: Portfolio) -> Path | None:
    logo = portfolio.site.branding.logo
    if not logo:
        return None
    path = workspace.root / logo
    return path if path.is_file() and workspace.inside(path) else None


def logo_name(path: Path) -> str:
    return "logo" + path.suffix.lower()


def _environment(workspace: Workspace, locale: str) -> jinja2.Environment:
    env = make_environment(workspace, locale)
    env.filters["signed"] = lambda value: wording.signed(value, locale)
    env.filters["label"] = lambda value, kind: wording.label(kind, value, locale)
    env.filters["days"] = lambda n: wording.days(n, locale)
    env.filters["variance"] = lambda n: wording.variance(n, locale)
    env.filters["names"] = lambda items: wording.names(items, locale)
    env.globals["weekday"] = lambda day: i18n.format_date(day, locale, "EEE")
    return env


def _page(env: jinja2.Environment, template: str, **context: Any) -> bytes:
    return env.get_template(template).render(**context).encode()


def _common(
    workspace: Workspace, portfolio: Portfolio, root: str, audience: Audience
) -> dict[str, Any]:
    logo = logo_path(workspace, portfolio)
    return {
        "site": portfolio.site,
        "root": root,
        "audience": audience.value,
        "internal": audience == Audience.internal,
        "csp": CSP,
        "logo": "static/" + logo_name(logo) if logo else None,  # below the page's root
    }


def _project_pages(
    env: jinja2.Environment,
    view: ProjectView,
    context: dict[str, Any],
    reports: list[ReportLink],
    home_title: str,
    survey: SurveySection | None = None,
) -> dict[str, bytes]:
    """index.html, updates/<slug>.html and retrospective.html of one project (relative)."""
    files: dict[str, bytes] = {}
    base = context | {"p": view, "home_title": home_title, "as_of": view.as_of, "survey": survey}
    has_retro = view.retrospective is not None
    files[f"{view.id}/index.html"] = _page(
        env,
        "site/project.html",
        **base | {"root": "../", "reports": reports, "has_retro": has_retro},
    )
    for update in view.updates:
        files[f"{view.id}/updates/{update.slug}.html"] = _page(
            env, "site/update.html", **base | {"root": "../../", "u": update}
        )
    if has_retro:
        files[f"{view.id}/retrospective.html"] = _page(
            env, "site/retrospective.html", **base | {"root": "../"}
        )
    return files


def _survey(
    workspace: Workspace,
    portfolio: Portfolio,
    view: ProjectView,
    tree: str,
    problems: list[str] | None,
) -> SurveySection | None:
    """The survey section of a project's retrospective page (which exists only with a
    retrospective the reader may see); read errors go to `problems`, the page says which
    export is missing."""
    if view.retrospective is None:
        return None
    section, errors = survey_section(
        workspace.root,
        portfolio.projects[view.id],
        view.locale,
        theme_of(portfolio),
        client=view.is_client,
    )
    if problems is not None:
        problems += [f"{tree}, {view.id} retrospective: {e.format()}" for e in sorted(set(errors))]
    return section


# -- client portal -----------------------------------------------------------------------


def portal_files(
    workspace: Workspace,
    portfolio: Portfolio,
    client_id: str,
    as_of: dt.date,
    problems: list[str] | None = None,
) -> dict[str, bytes]:
    """The files of one client's portal, relative to output/portals/<client>/."""
    client = portfolio.clients[client_id]
    locale = client.locale or portfolio.site.locale
    files = static_files(workspace, portfolio)
    files["robots.txt"] = ROBOTS
    views = [
        project_view(portfolio, data, as_of, Audience.client)
        for data in portfolio.projects_of(client_id)
    ]
    views.sort(key=_portal_order)
    title = client.portal_title or client.name
    reports = _report_links(portfolio, as_of)
    for view in views:
        env = _environment(workspace, view.locale)
        context = _common(workspace, portfolio, "../", Audience.client)
        survey = _survey(workspace, portfolio, view, f"portal {client_id}", problems)
        files.update(_project_pages(env, view, context, reports.get(view.id, []), title, survey))
        files[f"{view.id}/feed.xml"] = feeds.atom_feed(view, portfolio.site, title)
        files[f"{view.id}/status.json"] = feeds.status_json(view)
        files[f"{view.id}/badge.svg"] = feeds.badge_svg(view)
    env = _environment(workspace, locale)
    active = [v for v in views if v.status != ProjectStatus.closed]
    done = [v for v in views if v.status == ProjectStatus.closed]
    files["index.html"] = _page(
        env,
        "site/portal_index.html",
        **_common(workspace, portfolio, "", Audience.client)
        | {"client": client, "title": title, "active": active, "completed": done, "as_of": as_of},
    )
    return files


def _portal_order(view: ProjectView) -> tuple[int, str, str]:
    rank = {"active": 0, "on_hold": 1, "closed": 2}[view.status]
    # Completed projects: the most recent first.
    end = view.actual_end or view.planned_end
    key = "" if view.status != "closed" else f"{9999 - end.year:04d}{13 - end.month:02d}"
    return rank, key, view.title


def _report_links(portfolio: Portfolio, as_of: dt.date) -> dict[str, list[ReportLink]]:
    """The client PDFs the build writes into each project's portal folder, newest first."""
    from generator.render.report_jobs import due_reports
    from generator.render.reports import TITLES, period_label

    links: dict[str, list[ReportLink]] = {}
    for job in due_reports(portfolio, as_of):
        if job.audience != Audience.client:
            continue
        locale = portfolio.locale_of(portfolio.projects[job.project])
        period, span = period_label(job, locale)
        title = wording.gettext(locale, TITLES[job.kind])
        link = ReportLink(f"reports/{job.filename}", job.kind.value, title, period, span, job.day)
        links.setdefault(job.project, []).append(link)
    order = {"closing": 0, "monthly": 1, "weekly": 2}
    for key in links:
        links[key].sort(key=lambda r: (order[r.kind], -r.day.toordinal()))
    return links


# -- internal dashboard ------------------------------------------------------------------


def internal_files(
    workspace: Workspace,
    portfolio: Portfolio,
    as_of: dt.date,
    problems: list[str] | None = None,
) -> dict[str, bytes]:
    """The files of the internal dashboard, relative to output/internal/."""
    locale = portfolio.site.locale
    files = static_files(workspace, portfolio)
    files["robots.txt"] = ROBOTS
    views = [
        project_view(portfolio, portfolio.projects[key], as_of, Audience.internal)
        for key in sorted(portfolio.projects)
    ]
    for view in views:
        env = _environment(workspace, view.locale)
        context = _common(workspace, portfolio, "../", Audience.internal)
        survey = _survey(workspace, portfolio, view, "internal dashboard", problems)
        files.update(_project_pages(env, view, context, [], portfolio.site.name, survey))
    env = _environment(workspace, locale)
    rows = [_portfolio_row(portfolio, portfolio.projects[v.id], v, as_of, locale) for v in views]
    rows.sort(key=lambda r: (r.view.status == "closed", -_rank(r.view.health.level), r.view.title))
    files["index.html"] = _page(
        env,
        "site/internal_index.html",
        **_common(workspace, portfolio, "", Audience.internal)
        | {
            "rows": rows,
            "as_of": as_of,
            "clients": portfolio.clients,
            "risk_map": _risk_heatmap(portfolio, as_of, locale),
            "open_risks": _open_risks(portfolio, views),
            "resources": _resources(portfolio, as_of, locale),
            "actions": _improvement_actions(views, as_of),
            "archives": archive_rows(
                workspace,
                [
                    (v.id, v.title, v.client_name, v.actual_end)
                    for v in views
                    if v.status == ProjectStatus.closed
                ],
                locale,
            ),
            "stale_days": portfolio.site.health.stale_update_days,
        },
    )
    return files


def _rank(level: str) -> int:
    return {"green": 0, "amber": 1, "red": 2}[level]


def _portfolio_row(
    portfolio: Portfolio, data: ProjectData, view: ProjectView, as_of: dt.date, locale: str
) -> PortfolioRow:
    """One project's row; labels in the dashboard's `locale`, the project's texts as written."""
    from generator.analyze.earned_value import project_earned_value
    from generator.analyze.health import health_view

    value = project_earned_value(snapshot(data, as_of), as_of)
    open_ = [m.variance_days for m in view.milestones if m.actual is None]
    top = top_risks(snapshot(data, as_of).risks, as_of, portfolio.site.health.high_risk_exposure, 1)
    stale = (
        view.status == "active"
        and (view.days_since_update or 10**6) >= portfolio.site.health.stale_update_days
    )
    if view.health.reported_reason:
        reason = view.health.reported_reason
    else:
        health = health_view(snapshot(data, as_of), as_of, portfolio.site.health)
        computed = wording.reasons(health.computed.reasons, locale)
        reason = computed[0] if computed else wording.gettext(locale, NO_RULE)
    return PortfolioRow(
        view=view,
        href=f"{view.id}/index.html",
        reason=reason,
        schedule_variance=max(open_) if open_ else None,
        spi=value.spi if value else None,
        cpi=value.cpi if value else None,
        used=value.spent_fraction if value else None,
        top_risk=top[0].title if top else None,
        top_risk_exposure=top[0].exposure if top else None,
        stale=stale,
    )


@dataclass(frozen=True)
class PortfolioRisk:
    anchor: str
    project: ProjectView
    risk: Any  # views.RiskRow


def _open_risks(portfolio: Portfolio, views: Iterable[ProjectView]) -> list[PortfolioRisk]:
    found = [
        PortfolioRisk(f"risk-{v.id}-{r.id}", v, r)
        for v in views
        if v.status != "closed"
        for r in v.open_risks
    ]
    found.sort(key=lambda x: (-x.risk.exposure, -x.risk.impact, x.project.title, x.risk.id))
    return found


def _risk_heatmap(portfolio: Portfolio, as_of: dt.date, locale: str) -> str:
    g = wording.gettext
    cells: dict[tuple[int, int], list[str]] = {}
    first: dict[tuple[int, int], str] = {}
    for key in sorted(portfolio.projects):
        data = snapshot(portfolio.projects[key], as_of)
        if data.project.status == ProjectStatus.closed:
            continue
        for r in top_risks(data.risks, as_of, portfolio.site.health.high_risk_exposure, 10**6):
            cell = (r.probability, r.impact)
            cells.setdefault(cell, []).append(r.title)
            first.setdefault(cell, f"#risk-{key}-{r.id}")
    high = portfolio.site.health.high_risk_exposure
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
        width=420,
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


def _resources(portfolio: Portfolio, as_of: dt.date, locale: str) -> ResourcesView:
    g = wording.gettext
    first = as_of - dt.timedelta(weeks=RESOURCE_WEEKS_BACK)
    weeks = periods_between("week", first, as_of + dt.timedelta(weeks=RESOURCE_WEEKS_AHEAD))
    load = resource_load(portfolio, weeks)
    people = [p for p in load.people if any(w.hours for w in p.weeks)]
    formats = chart_formats(locale)
    data = charts.ResourceHeatMap(
        weeks=tuple(w.start for w in weeks),
        rows=tuple(
            charts.ResourceRow(p.name, tuple(w.ratio if w.hours else None for w in p.weeks))
            for p in people
        ),
        load_label=g(locale, "Load"),
        over_label=g(locale, "Over-allocated"),
        empty_label=g(locale, "No allocations"),
        format_week=lambda day: i18n.format_date(day, locale, "d MMM" if locale == "en" else "M/d"),
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
    svg = charts.resource_heatmap_chart(data, meta, theme_of(portfolio))
    return ResourcesView(svg, over)


@dataclass(frozen=True)
class ActionRow:
    project: ProjectView
    action: Any  # views.ImprovementRow
    overdue: bool  # past its due date and neither done nor dropped


def _improvement_actions(views: Iterable[ProjectView], as_of: dt.date) -> list[ActionRow]:
    """Every improvement action of every retrospective: open ones first, soonest due first."""
    rows = [
        ActionRow(
            v,
            a,
            a.due is not None and a.due < as_of and a.status in ("open", "in_progress"),
        )
        for v in views
        if v.retrospective
        for a in v.retrospective.actions
    ]
    order = {"open": 0, "in_progress": 1, "done": 2, "dropped": 3}
    rows.sort(
        key=lambda r: (order.get(r.action.status, 9), r.action.due or dt.date.max, r.action.id)
    )
    return rows
