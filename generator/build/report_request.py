"""The one report `milepost report` (and `send`, for a named project) asks for: a job, or a
user error that says what to write instead."""

from __future__ import annotations

import datetime as dt

from generator.analyze.audience import Audience
from generator.analyze.periods import parse_period, period_of
from generator.analyze.report_schedule import (
    PERIOD_KIND,
    ReportJob,
    closing_day,
    last_complete_period,
)
from generator.errors import ContentError, ContentErrors, unknown_project
from generator.i18n import tr
from generator.model.portfolio import Portfolio
from generator.model.project import ProjectStatus
from generator.model.site import ReportKind


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
        period = last_complete_period(data, kind, as_of)
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
    if period.start > as_of:
        raise _error(
            "--period",
            tr(
                "{period} starts on {start}, after the as-of date {as_of}",
                period=period.key,
                start=period.start.isoformat(),
                as_of=as_of.isoformat(),
            ),
            tr("choose a period that has begun, or a later --as-of"),
        )
    # a period still running is shown as of the as-of date, never as of a day to come
    return ReportJob(project_id, project.client, kind, period, audience, min(period.end, as_of))


def running_period_warning(job: ReportJob, as_of: dt.date) -> ContentError | None:
    """A report of a week or month that has not ended by the as-of date: say so, and that
    its figures are those of the as-of date (see README, `milepost report`)."""
    period = job.period
    if period is None or period.end <= as_of:
        return None
    message = tr(
        "{period} has not ended (it runs until {end}): the figures are as of {as_of}",
        period=period.key,
        end=period.end.isoformat(),
        as_of=as_of.isoformat(),
    )
    if period.kind == "week":
        hint = tr("for the whole week, run the report after {end}", end=period.end.isoformat())
    else:
        hint = tr("for the whole month, run the report after {end}", end=period.end.isoformat())
    return ContentError("--period", 0, 0, message, hint)
