"""Which reports are due and where they go: the report jobs of a build.

Scheduling, not rendering: a pure function of the portfolio and the as-of date, so that
planning a build (and a no-change rebuild) does not load the rendering code. The rules for
on-hold and closed projects are in render/reports.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.analyze.audience import Audience
from generator.analyze.periods import Period, completed_periods, period_of
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


def window_end(data: ProjectData, as_of: dt.date) -> dt.date:
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
        last = window_end(data, as_of)
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


def last_complete_period(data: ProjectData, kind: ReportKind, as_of: dt.date) -> Period:
    """The default period of a weekly or monthly report: the last one complete by as_of
    (or the project's end), else the one running then."""
    period_kind = PERIOD_KIND[kind]
    last = window_end(data, as_of)
    done = completed_periods(period_kind, data.project.start, last)  # type: ignore[arg-type]
    return done[-1] if done else period_of(period_kind, max(data.project.start, last))  # type: ignore[arg-type]
