"""Client reports whose period has no status update: what `milepost build` warns about.

The client's copy of such a report carries forward what stands (present.standing), but the
PM should know before it goes out. Only the latest weekly and monthly report of each
project count: those are the ones about to be sent, and the ones an update can still fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.audience import Audience
from generator.analyze.periods import Period
from generator.analyze.report_schedule import due_reports
from generator.model.base import Visibility
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind


@dataclass(frozen=True)
class UpdateGap:
    project: str
    kind: ReportKind
    period: Period
    last_update: dt.date | None  # the latest client update before the period ends


def update_gaps(portfolio: Portfolio, as_of: dt.date) -> list[UpdateGap]:
    latest: dict[tuple[str, ReportKind], Period] = {}
    for job in due_reports(portfolio, as_of):
        if job.audience != Audience.client or job.period is None:
            continue
        key = (job.project, job.kind)
        if key not in latest or job.period.end > latest[key].end:
            latest[key] = job.period
    gaps = []
    for (project, kind), period in sorted(latest.items(), key=lambda kv: (kv[0][0], kv[1].key)):
        dates = [
            u.date
            for u in portfolio.projects[project].updates
            if u.visibility == Visibility.client and u.kind != "daily" and u.date <= period.end
        ]
        if not any(day in period for day in dates):
            gaps.append(UpdateGap(project, kind, period, max(dates, default=None)))
    return gaps
