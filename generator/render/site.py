"""The static sites: one portal per client and the internal dashboard.

Each tree (output/internal, output/portals/<client>) is self-contained: relative links
only, its own copy of the stylesheet, script and logo, no request outside the tree. Client
pages are rendered from views built for the client audience (analyze.audience.client_slice)
and never see the portfolio; the internal tree sees everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.analyze.audience import Audience
from generator.model.portfolio import Portfolio
from generator.model.project import ProjectStatus
from generator.present import overview, wording
from generator.present import portfolio as dashboard
from generator.present.formats import theme_of
from generator.present.project import ProjectView, project_view
from generator.render import feeds, sources
from generator.render.archive_list import archive_rows
from generator.render.environment import make_environment
from generator.render.survey_view import SurveySection, survey_section
from generator.workspace import Workspace

ROBOTS = b"User-agent: *\nDisallow: /\n"
# Client pages may load only the tree's own files; no inline script, no style attributes.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class ReportLink:
    href: str  # relative to the project page
    kind: str  # "weekly" | "monthly" | "closing"
    title: str  # "Weekly status report"
    period: str  # "Week 47, 2026", "" for the closing report
    span: str  # the dates it covers
    day: dt.date


@dataclass(frozen=True)
class ReportLinks:
    shown: tuple[ReportLink, ...]  # closing and monthly reports, then the latest weeklies
    earlier: tuple[ReportLink, ...]  # the older weekly reports, folded away

    @property
    def closing(self) -> ReportLink | None:
        return next((r for r in self.shown if r.kind == "closing"), None)


RECENT_WEEKLIES = 4
NO_REPORTS = ReportLinks((), ())


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
    css = sources.theme_file("static/site.css").decode("utf-8")
    brand = (
        f":root {{\n  --brand: {branding.primary_color};\n"
        f"  --accent: {branding.accent_color};\n}}\n"
    )
    css += _dark_brand(branding.primary_color)
    files = {
        "static/site.css": (brand + css).encode(),
        "static/sortable.js": sources.theme_file("static/sortable.js"),
        "static/favicon.svg": _favicon(branding.primary_color, branding.accent_color),
    }
    logo = sources.logo(workspace, branding.logo)
    if logo is not None and branding.logo:
        files["static/" + logo_name(branding.logo)] = logo
    return files


def _dark_brand(primary: str) -> str:
    """Charts draw in the brand colour; on a dark page they use it lightened (mixed 60%
    with white), so a navy brand still reads."""
    rgb = [int(primary.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    light = "#" + "".join(f"{round(c + (255 - c) * 0.6):02x}" for c in rgb)
    return (
        "\n@media (prefers-color-scheme: dark) {\n"
        f'  svg [fill="{primary}" i] {{ fill: {light}; }}\n'
        f'  svg [stroke="{primary}" i] {{ stroke: {light}; }}\n'
        "}\n"
    )


def _favicon(primary: str, accent: str) -> bytes:
    """A milestone diamond on the brand colour; without it browsers ask for /favicon.ico."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="7" fill="{primary}"/>'
        f'<path d="M16 6 26 16 16 26 6 16Z" fill="{accent}"/></svg>\n'
    ).encode()


def logo_name(rel: str) -> str:
    return "logo" + Path(rel).suffix.lower()


def _environment(workspace: Workspace, locale: str) -> jinja2.Environment:
    env = make_environment(workspace, locale)
    env.filters["signed"] = lambda value: wording.signed(value, locale)
    env.filters["days"] = lambda n: wording.days(n, locale)
    return env


def _page(env: jinja2.Environment, template: str, **context: Any) -> bytes:
    return env.get_template(template).render(**context).encode()


def _common(
    workspace: Workspace, portfolio: Portfolio, root: str, audience: Audience
) -> dict[str, Any]:
    logo = portfolio.site.branding.logo
    shown = logo if logo and sources.logo(workspace, logo) is not None else None
    return {
        "site": portfolio.site,
        "root": root,
        "audience": audience.value,
        "internal": audience == Audience.internal,
        "csp": CSP,
        "logo": "static/" + logo_name(shown) if shown else None,  # below the page's root
    }


def _project_pages(
    env: jinja2.Environment,
    view: ProjectView,
    context: dict[str, Any],
    reports: ReportLinks,
    home_title: str,
    survey: SurveySection | None = None,
    single: bool = False,
) -> dict[str, bytes]:
    """index.html, updates/<slug>.html and retrospective.html of one project (relative).

    `single`: the project is its portal's only one, so its page is the portal's home and
    has no "All projects" to go back to."""
    files: dict[str, bytes] = {}
    base = context | {
        "p": view,
        "home_title": home_title,
        "as_of": view.as_of,
        "survey": survey,
        "single": single,
    }
    has_retro = view.retrospective is not None
    files[f"{view.id}/index.html"] = _page(
        env,
        "site/project.html",
        **base | {"root": "../", "reports": reports, "has_retro": has_retro},
    )
    for n, update in enumerate(view.updates):  # newest first
        newer = view.updates[n - 1] if n else None
        older = view.updates[n + 1] if n + 1 < len(view.updates) else None
        files[f"{view.id}/updates/{update.slug}.html"] = _page(
            env,
            "site/update.html",
            **base | {"root": "../../", "u": update, "newer": newer, "older": older},
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
    files = portal_index_files(workspace, portfolio, client_id, as_of)
    single = len(portfolio.projects_of(client_id)) == 1
    for data in portfolio.projects_of(client_id):
        files.update(
            portal_project_files(workspace, portfolio, client_id, data.id, as_of, single, problems)
        )
    return files


def portal_project_files(
    workspace: Workspace,
    portfolio: Portfolio,
    client_id: str,
    project_id: str,
    as_of: dt.date,
    single: bool,
    problems: list[str] | None = None,
) -> dict[str, bytes]:
    """One project's folder of a client's portal (pages, feed, status.json, badge),
    relative to output/portals/<client>/; `single`: it is the portal's only project."""
    client = portfolio.clients[client_id]
    view = project_view(portfolio, portfolio.projects[project_id], as_of, Audience.client)
    title = client.portal_title or client.name
    links = _report_links(portfolio, as_of).get(view.id, NO_REPORTS)
    env = _environment(workspace, view.locale)
    context = _common(workspace, portfolio, "../", Audience.client)
    survey = _survey(workspace, portfolio, view, f"portal {client_id}", problems)
    files = _project_pages(env, view, context, links, title, survey, single)
    files[f"{view.id}/feed.xml"] = feeds.atom_feed(view, portfolio.site, title, client_id)
    files[f"{view.id}/status.json"] = feeds.status_json(view)
    files[f"{view.id}/badge.svg"] = feeds.badge_svg(view)
    return files


def portal_index_files(
    workspace: Workspace, portfolio: Portfolio, client_id: str, as_of: dt.date
) -> dict[str, bytes]:
    """A client portal's home page, stylesheet, script and logo (its projects' folders
    are portal_project_files), relative to output/portals/<client>/."""
    client = portfolio.clients[client_id]
    locale = client.locale or portfolio.site.locale
    files = static_files(workspace, portfolio)
    files["robots.txt"] = ROBOTS
    views = [
        project_view(portfolio, data, as_of, Audience.client, detail=False)
        for data in portfolio.projects_of(client_id)
    ]
    views.sort(key=dashboard.portal_order)
    title = client.portal_title or client.name
    single = len(views) == 1
    env = _environment(workspace, locale)
    common = _common(workspace, portfolio, "", Audience.client)
    if single:
        # The portal's only project is its home: the index sends the reader there.
        files["index.html"] = _page(
            env,
            "site/portal_single.html",
            **common | {"client": client, "title": title, "v": views[0], "as_of": as_of},
        )
        return files
    active = [v for v in views if v.status != ProjectStatus.closed]
    done = [v for v in views if v.status == ProjectStatus.closed]
    files["index.html"] = _page(
        env,
        "site/portal_index.html",
        **common
        | {
            "client": client,
            "title": title,
            "active": active,
            "completed": done,
            "as_of": as_of,
            "decisions": overview.decisions_across(views, locale),
            "callers": overview.callers(views, locale),
        },
    )
    return files


def _report_links(portfolio: Portfolio, as_of: dt.date) -> dict[str, ReportLinks]:
    """The client PDFs the build writes into each project's portal folder, newest first."""
    from generator.analyze.report_schedule import due_reports
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
    found = {}
    for key, group in links.items():
        group.sort(key=lambda r: (order[r.kind], -r.day.toordinal()))
        featured = [r for r in group if r.kind != "weekly"]
        weekly = [r for r in group if r.kind == "weekly"]
        found[key] = ReportLinks(
            tuple(featured + weekly[:RECENT_WEEKLIES]), tuple(weekly[RECENT_WEEKLIES:])
        )
    return found


# -- internal dashboard ------------------------------------------------------------------


def internal_files(
    workspace: Workspace,
    portfolio: Portfolio,
    as_of: dt.date,
    problems: list[str] | None = None,
) -> dict[str, bytes]:
    """The files of the internal dashboard, relative to output/internal/."""
    files = internal_index_files(workspace, portfolio, as_of)
    for key in sorted(portfolio.projects):
        files.update(internal_project_files(workspace, portfolio, key, as_of, problems))
    return files


def internal_project_files(
    workspace: Workspace,
    portfolio: Portfolio,
    project_id: str,
    as_of: dt.date,
    problems: list[str] | None = None,
) -> dict[str, bytes]:
    """One project's folder of the internal dashboard, relative to output/internal/."""
    view = project_view(portfolio, portfolio.projects[project_id], as_of, Audience.internal)
    env = _environment(workspace, view.locale)
    context = _common(workspace, portfolio, "../", Audience.internal)
    survey = _survey(workspace, portfolio, view, "internal dashboard", problems)
    return _project_pages(env, view, context, NO_REPORTS, portfolio.site.name, survey)


def internal_index_files(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date
) -> dict[str, bytes]:
    """The internal dashboard's home page, stylesheet, script and logo (each project's
    folder is internal_project_files), relative to output/internal/."""
    locale = portfolio.site.locale
    files = static_files(workspace, portfolio)
    files["robots.txt"] = ROBOTS
    views = [
        project_view(portfolio, portfolio.projects[key], as_of, Audience.internal, detail=False)
        for key in sorted(portfolio.projects)
    ]
    env = _environment(workspace, locale)
    rows = dashboard.portfolio_rows(portfolio, views, locale)
    live = [v for v in views if v.status != ProjectStatus.closed]
    files["index.html"] = _page(
        env,
        "site/internal_index.html",
        **_common(workspace, portfolio, "", Audience.internal)
        | {
            "decisions": overview.decisions_across(live, locale),
            "ahead": overview.milestones_ahead(views, as_of, locale),
            "weeks_ahead": overview.MILESTONE_WEEKS,
            "trends": {v.id: overview.health_trend(portfolio, v.id, as_of, locale) for v in live},
            "money": overview.money_rows(portfolio, views, locale),
            "load": overview.load_table(portfolio, as_of, locale),
            "rows": rows,
            "live": [r for r in rows if r.view.status != ProjectStatus.closed],
            "tiles": dashboard.health_tiles(rows, locale),
            "as_of": as_of,
            "risk_map": dashboard.risk_heatmap(portfolio, as_of, locale),
            "open_risks": dashboard.open_risks(views, locale),
            "resources": dashboard.resources(portfolio, as_of, locale),
            "actions": dashboard.improvement_actions(views, locale),
            "archives": archive_rows(
                workspace,
                [
                    (v.id, v.title, v.client_name, v.actual_end)
                    for v in views
                    if v.status == ProjectStatus.closed
                ],
                locale,
            ),
        },
    )
    return files
