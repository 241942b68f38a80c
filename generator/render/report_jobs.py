"""Which reports are due and where they go: the report jobs of a build.

Kept apart from the renderer so that planning a build (and a no-change rebuild) does not
load the rendering code. The rules for on-hold and closed projects are in reports.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.analyze.audience import Audience
from generator.analyze.periods import Period, completed_periods, parse_period, period_of
from generator.errors import ContentError, ContentErrors, unknown_project
from generator.i18n import tr
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import ProjectStatus
from generator.model.site import ReportKind

PERIOD_KIND = {ReportKind.weekly: "week", ReportKind.monthly: "month"}


@dataclass(frozen=True)
class ReportJob:
    """One PDF to render. `day` is the end of the day whose data the report shows."""

    project: str
    client: str
    kind: ReportKind
    period: Period | None  # None for the closing report
    audience: Audience
    day: dt.date

    @property
    def stem(self) -> str:
        name = "closing" if self.period is None else f"{self.kind.value}-{self.period.key}"
        return name + ("-internal" if self.audience == Audience.internal else "")

    @property
    def filename(self) -> str:
        return f"{self.stem}.pdf"

    @property
    def paths(self) -> tuple[str, ...]:
        """Where the build writes it, relative to output/; internal ones never reach a portal."""
        main = f"reports/{self.project}/{self.filename}"
        if self.audience == Audience.internal:
            return (main,)
        return (main, f"portals/{self.client}/{self.project}/reports/{self.filename}")

    @property
    def label(self) -> str:
        period = self.period.key if self.period else ""
        return " ".join(p for p in (self.project, self.kind.value, period, self.audience) if p)


def closing_day(data: ProjectData) -> dt.date:
    """The closing report shows the project at its end, or at the retrospective if later."""
    end = data.project.actual_end or data.project.planned_end
    retro = data.retrospective
    return max(end, retro.date) if retro else end


def _window_end(data: ProjectData, as_of: dt.date) -> dt.date:
    end = data.project.actual_end
    return min(end, as_of) if end else as_of


def _jobs(data: ProjectData, kind: ReportKind, period: Period | None, day: dt.date) -> list[Any]:
    return [
        ReportJob(data.id, data.project.client, kind, period, audience, day)
        for audience in (Audience.client, Audience.internal)
    ]


def due_reports(portfolio: Portfolio, as_of: dt.date) -> list[ReportJob]:
    """Every report a build at `as_of` writes, for both audiences, in a stable order."""
    jobs: list[ReportJob] = []
    for key in sorted(portfolio.projects):
        data = portfolio.projects[key]
        project = data.project
        last = _window_end(data, as_of)
        for week in completed_periods("week", project.start, last):
            if week.end > as_of:
                continue
            if project.status == ProjectStatus.on_hold and not any(
                u.date in week for u in data.updates
            ):
                continue
            jobs += _jobs(data, ReportKind.weekly, week, week.end)
        for month in completed_periods("month", project.start, last):
            if month.end <= as_of:
                jobs += _jobs(data, ReportKind.monthly, month, month.end)
        # The closing week or month may still be running: closed periods are checked above.
        for kind in ("week", "month"):
            if project.actual_end is not None:
                final = period_of(kind, project.actual_end)
                report_kind = ReportKind.weekly if kind == "week" else ReportKind.monthly
                if final.end <= as_of and not any(
                    j.project == key and j.kind == report_kind and j.period == final for j in jobs
                ):
                    jobs += _jobs(data, report_kind, final, final.end)
        if project.status == ProjectStatus.closed and project.actual_end is not None:
            day = closing_day(data)
            if day <= as_of:
                jobs += _jobs(data, ReportKind.closing, None, day)
    return jobs


def _error(path: str, message: str, hint: str = "") -> ContentErrors:
    return ContentErrors([ContentError(path, 0, 0, message, hint)])


def report_job(
    portfolio: Portfolio,
    kind: ReportKind,
    project_id: str,
    period_text: str | None,
    audience: Audience,
    as_of: dt.date,
) -> ReportJob:
    """The job for `milepost report`; user mistakes are ContentErrors with a hint."""
    data = portfolio.projects.get(project_id)
    if data is None:
        raise unknown_project(project_id, list(portfolio.projects))
    project = data.project
    source = f"content/projects/{project_id}/project.yaml"
    if kind == ReportKind.closing:
        if project.status != ProjectStatus.closed:
            raise _error(
                source,
                tr(
                    "project '{project}' is {status}, not closed",
                    project=project_id,
                    status=project.status.value,
                ),
                tr("a closing report needs status: closed and an actual_end date"),
            )
        return ReportJob(project_id, project.client, kind, None, audience, closing_day(data))
    period_kind = PERIOD_KIND[kind]
    if period_text is None:
        last = _window_end(data, as_of)
        done = completed_periods(period_kind, project.start, last)  # type: ignore[arg-type]
        period = done[-1] if done else period_of(period_kind, max(project.start, last))  # type: ignore[arg-type]
    else:
        try:
            period = parse_period(period_text)
        except ValueError as exc:
            raise _error("--period", str(exc)) from None
        if period.kind != period_kind:
            if kind == ReportKind.weekly:
                message = tr("{period} is a month, but a weekly report covers a week")
                hint = tr("write a week like {example}", example="2026-W47")
            else:
                message = tr("{period} is a week, but a monthly report covers a month")
                hint = tr("write a month like {example}", example="2026-11")
            raise _error("--period", message.format(period=period_text), hint)
    if period.end < project.start:
        first = period_of(period.kind, project.start)
        raise _error(
            source,
            tr(
                "{period} ends before project '{project}' starts on {start}",
                period=period.key,
                project=project_id,
                start=project.start.isoformat(),
            ),
            tr("the first week with a report is {first}", first=first.key)
            if period.kind == "week"
            else tr("the first month with a report is {first}", first=first.key),
        )
    if project.actual_end is not None and period.start > project.actual_end:
        raise _error(
            source,
            tr(
                "{period} starts after project '{project}' ended on {end}",
                period=period.key,
                project=project_id,
                end=project.actual_end.isoformat(),
            ),
            tr("use `milepost report closing` for the closing report"),
        )
    return ReportJob(project_id, project.client, kind, period, audience, period.end)
