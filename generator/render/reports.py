"""PDF reports: which are due, where they go, and how one is rendered.

A report is a ReportJob: project, kind (weekly, monthly, closing), period and audience.
`due_reports` lists every report a build writes; `render_report` turns one job into PDF
bytes. A weekly or monthly report sees the project as it stood at the end of its period
(snapshot.as_of), so rebuilding it later gives the same bytes. The closing report sees
the project at its close, or at the retrospective if that came later.

On-hold projects keep their monthly reports (the client still needs the monthly word on
the pause and the open decisions) but get a weekly report only for weeks with an update:
a paused project has no weekly rhythm, and a stack of "no update this week" PDFs helps
nobody. Closed projects get reports up to the period of their end date, then the closing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from generator import i18n
from generator.analyze import snapshot
from generator.analyze.audience import Audience
from generator.analyze.periods import (
    Period,
    next_period,
    week_of,
)
from generator.analyze.report_schedule import (
    ReportJob,
)
from generator.errors import ContentError, ContentErrors
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.present import budget, goals, milestones, progress, typography, wording
from generator.present import closing as closing_
from generator.present import monthly as monthly_
from generator.present.closing_story import ClosingStory, closing_story
from generator.present.contents import ContentsEntry, closing_contents, monthly_contents
from generator.present.deviations import deviations
from generator.present.formats import REPORT
from generator.present.front_page import front_page
from generator.present.markdown import to_html
from generator.present.report import ReportView, report_view
from generator.present.standing import standing_view
from generator.render import report_survey, sources, survey_charts
from generator.render.closing_data import closing_attachment
from generator.workspace import Workspace

# -- rendering -----------------------------------------------------------------------------

TITLES = {
    ReportKind.weekly: wording.N_("Weekly status report"),
    ReportKind.monthly: wording.N_("Monthly status report"),
    ReportKind.closing: wording.N_("Closing report"),
}


def period_label(job: ReportJob, locale: str) -> tuple[str, str]:
    """(short label, date range) of the report's period, in the reader's language."""
    if job.period is None:
        return "", ""
    start, end = job.period.start, job.period.end
    span = i18n.format_span(start, end, locale)
    if job.period.kind == "week":
        iso = start.isocalendar()
        text = wording.gettext(locale, "Week %(week)d, %(year)d") % {
            "week": iso.week,
            "year": iso.year,
        }
        return text, span
    return i18n.format_month(start, locale), span


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _page_parts(locale: str) -> tuple[str, str, str]:
    """The footer "Page X of Y" split around its two counters, escaped for a CSS string."""
    text = wording.gettext(locale, "Page %(page)s of %(pages)s") % {
        "page": "\x00",
        "pages": "\x01",
    }
    before, rest = text.split("\x00")
    between, after = rest.split("\x01")
    return tuple(p.replace("\\", "\\\\").replace('"', '\\"') for p in (before, between, after))  # type: ignore[return-value]


def _logo(workspace: Workspace, portfolio: Portfolio) -> str | None:
    """The logo's file: URL; its bytes reach WeasyPrint through html_to_pdf's `files`."""
    logo = portfolio.site.branding.logo
    if not logo or sources.logo(workspace, logo) is None:
        return None
    return (workspace.root / logo).absolute().as_uri()


@dataclass(frozen=True)
class ReportCharts:
    """Finished SVG of one report; None where the report has no such chart."""

    timeline: str | None = None
    burnup: str | None = None
    exposure: str | None = None
    earned_value: str | None = None
    goals: dict[str, str | None] = field(default_factory=dict)
    nps: str | None = None
    csat: str | None = None


def _charts(
    report: ReportView, kind: ReportKind, survey: report_survey.Satisfaction | None
) -> ReportCharts:
    view = report.lens
    period_end = view.chart_day_label(wording.gettext(view.locale, "Period end"))
    width = REPORT
    if kind == ReportKind.monthly:
        return ReportCharts(
            burnup=progress.burnup_chart(
                view, report.progress, today_label=period_end, width=width
            )[0],
            exposure=monthly_.exposure_chart(report, today_label=period_end, width=width),
            earned_value=budget.ev_chart(view, today_label=period_end, width=width)[0]
            if report.budget and not view.client
            else None,
            goals={
                g.id: goals.trend_chart(view, g, today_label=period_end, width=width)
                for g in report.goals
                if g.has_trend
            },
        )
    timeline = milestones.timeline(
        view,
        report.milestones,
        chart_id=f"{view.full.id}-timeline",
        today_label=period_end,
        width=width,
    )[0]
    if kind == ReportKind.closing and survey is not None and survey.latest:
        theme = view.theme
        return ReportCharts(
            timeline=timeline,
            nps=survey_charts.nps_distribution(survey.latest, view.locale, view.full.id, theme),
            csat=survey_charts.csat_distribution(survey.latest, view.locale, view.full.id, theme),
        )
    return ReportCharts(timeline=timeline)


def periods(portfolio: Portfolio, job: ReportJob) -> tuple[Period, Period]:
    """The period a report covers and the one it looks ahead to; a closing report covers
    the whole project and looks ahead to nothing."""
    full = portfolio.projects[job.project]
    if job.period is None:
        window = Period("month", "closing", full.project.start, job.day)
        return window, Period("month", "after", job.day, job.day - dt.timedelta(days=1))
    # a period still running at the as-of date is shown up to that day only
    return replace(job.period, end=min(job.period.end, job.day)), next_period(job.period)


def status_day(job: ReportJob, survey: report_survey.Satisfaction | None) -> dt.date:
    """The status date a report states: its day, or for a closing report the day the
    client survey it quotes closed, when that came later."""
    latest = survey.latest.scores.date if survey and survey.latest else None
    if job.kind == ReportKind.closing and latest is not None and latest > job.day:
        return latest
    return job.day


def job_view(portfolio: Portfolio, job: ReportJob) -> ReportView:
    """The ReportView a report prints: the project at the end of the job's period."""
    window, ahead = periods(portfolio, job)
    return report_view(portfolio, portfolio.projects[job.project], window, job.audience, ahead)


def report_html(
    workspace: Workspace,
    portfolio: Portfolio,
    job: ReportJob,
    survey_errors: list[ContentError] | None = None,
) -> str:
    """The report as one HTML document (styles inline), ready for WeasyPrint.

    Survey exports that cannot be read are named in the report and their errors appended
    to `survey_errors`.
    """
    from generator.render.environment import make_environment

    full = portfolio.projects[job.project]
    client = job.audience == Audience.client
    locale = portfolio.locale_of(full)
    window, ahead = periods(portfolio, job)
    report = report_view(portfolio, full, window, job.audience, ahead)
    project = report.lens.seen.project
    site = portfolio.site
    survey = None
    if job.kind == ReportKind.closing or (
        job.kind == ReportKind.monthly and len(full.survey_files) > 1
    ):
        until = window.end if job.kind == ReportKind.monthly else None
        survey, errors = report_survey.satisfaction(
            workspace.root, full, client=client, until=until
        )
        if survey_errors is not None:
            survey_errors += errors
    env = make_environment(workspace, locale)
    env.filters["variance"] = lambda n: wording.variance(n, locale)
    env.filters["month"] = lambda day: i18n.format_month(day, locale, "yMMM")
    env.filters["markdown"] = to_html
    env.filters["signed"] = lambda value: wording.signed(value, locale)
    short, span = period_label(job, locale)
    closing_view = closing_.closing(report) if job.kind == ReportKind.closing else None
    title = wording.gettext(locale, TITLES[job.kind])
    manager = portfolio.people.get(project.manager)
    page = _page_parts(locale)
    template = env.get_template(f"reports/{job.kind.value}.html")
    story = closing_story(report, closing_view) if closing_view else None
    html = template.render(
        contents=_contents(job.kind, locale, not client, story, survey),
        job=job,
        site=site,
        client=portfolio.clients[project.client],
        project=project,
        audience=job.audience.value,
        internal=not client,
        report_title=title,
        period_short=short,
        period_span=span,
        day=job.day,
        week=week_of(job.day),
        author=report.lens.name(project.manager),
        logo=_logo(workspace, portfolio),
        page_size=site.reports.page_size,
        base=report,
        front=front_page(report),
        standing=standing_view(report.lens, window, ahead),
        deviations=deviations(report) if job.kind == ReportKind.monthly else (),
        masthead_line=wording.gettext(
            locale, "Project manager: %(manager)s · Status as of %(date)s · Prepared by %(org)s"
        )
        % {
            "manager": report.lens.name(project.manager)
            + (wording.gettext(locale, ", %(role)s") % {"role": manager.role} if manager else ""),
            "date": wording.date(status_day(job, survey), locale),
            "org": site.name,
        },
        closing_span=i18n.format_span(project.start, project.actual_end or job.day, locale),
        monthly=monthly_.monthly(report) if job.kind == ReportKind.monthly else None,
        closing=closing_view,
        story=story,
        survey=survey,
        charts=_charts(report, job.kind, survey),
        page_before=page[0],
        page_between=page[1],
        page_after=page[2],
        font_stack=typography.css_stack(locale),
        internal_mark=_css_string(wording.gettext(locale, "Internal – not for the client")),
        primary=site.branding.primary_color,
        accent=site.branding.accent_color,
    )
    return typography.close_cjk_gaps(html) if locale.startswith("zh") else html


def _contents(
    kind: ReportKind,
    locale: str,
    internal: bool,
    story: ClosingStory | None,
    survey: report_survey.Satisfaction | None,
) -> tuple[ContentsEntry, ...]:
    """The contents list of a monthly or closing report; a weekly has none."""
    if kind == ReportKind.monthly:
        shown = bool(survey and (survey.trend or survey.unreadable))
        return monthly_contents(locale, internal=internal, satisfaction=shown)
    if kind == ReportKind.closing and story is not None:
        return closing_contents(
            locale,
            internal=internal,
            team_title=story.team_title,
            team=story.has_team,
            problems=story.has_problems,
            satisfaction=bool(survey and survey.has_data),
            lessons=story.has_lessons,
            handover=story.has_handover,
        )
    return ()


def render_report(
    workspace: Workspace,
    portfolio: Portfolio,
    job: ReportJob,
    *,
    problems: list[str] | None = None,
) -> bytes:
    """PDF bytes of one report.

    Any WeasyPrint warning raises PdfWarnings, and an unreadable survey export raises
    ContentErrors, unless `problems` is given: then both are appended to it (the build
    reports them) and the PDF is kept; it says which survey could not be read.
    """
    from generator.render.pdf import html_to_pdf

    survey_errors: list[ContentError] = []
    html = report_html(workspace, portfolio, job, survey_errors)
    if survey_errors and problems is None:
        raise ContentErrors(survey_errors)
    attachments = []
    variant = None
    if job.kind == ReportKind.closing:
        full = portfolio.projects[job.project]
        attachments.append(closing_attachment(snapshot.as_of(full, job.day), job.audience, job.day))
        variant = "pdf/a-3b"
    pdf, warnings = html_to_pdf(
        html,
        workspace.root,
        files=sources.fetcher_files(sources.carried()),
        variant=variant,
        attachments=attachments,
        strict=problems is None,
    )
    if problems is not None:
        problems += [f"{job.label}: {e.format()}" for e in sorted(set(survey_errors))]
        problems += [f"{job.label}: {w}" for w in warnings]
    return pdf
