"""The monthly report's own sections: deviations from plan, the key milestone trend, the
earned value table and the risk exposure chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.periods import completed_periods
from generator.analyze.risks import exposure_trend
from generator.analyze.schedule import milestone_trend
from generator.present import charts, wording
from generator.present.budget import EarnedValueRow, ev_rows
from generator.present.charts import ChartMeta
from generator.present.report import ReportView, reason_text

TREND_MONTHS = 6  # month-end columns in the milestone trend table
DEVIATIONS = {
    "milestone_moved",
    "risk_escalated",
    "risk_occurred",
    "change_requested",
    "change_decided",
}


@dataclass(frozen=True)
class TrendCell:
    value: dt.date
    done: bool  # reached by then
    later: bool  # moved later since the column before: a slip


@dataclass(frozen=True)
class TrendRow:
    title: str
    planned: dt.date
    cells: tuple[TrendCell, ...]
    variance: str
    late: bool


@dataclass(frozen=True)
class Monthly:
    deviations: tuple[str, ...]
    trend_dates: tuple[dt.date, ...]
    trend: tuple[TrendRow, ...]
    ev_rows: tuple[EarnedValueRow, ...]  # internal only


def monthly(report: ReportView) -> Monthly:
    """The management summary speaks of deviations only; the trend table shows slips."""
    view = report.lens
    found = list(report.health.computed_reasons)
    for item in report.changes.reasons:
        high_risk = item.code == "risk_opened" and item.params.get("level") == "high"
        if item.code in DEVIATIONS or high_risk:
            found.append(reason_text(view, item))
    project = view.seen.project
    months = completed_periods("month", project.start, report.period.end)[-TREND_MONTHS:]
    dates = tuple(m.end for m in months)
    key = [m for m in project.milestones if m.key]
    rows = []
    for row in milestone_trend(key, dates, report.period.end):
        cells = tuple(
            TrendCell(p.value, p.done, n > 0 and p.value > row.points[n - 1].value)
            for n, p in enumerate(row.points)
        )
        n = row.current.variance_days
        rows.append(
            TrendRow(row.title, row.planned, cells, wording.variance(n, view.locale), n > 0)
        )
    return Monthly(
        deviations=tuple(dict.fromkeys(found)),
        trend_dates=dates,
        trend=tuple(rows),
        ev_rows=ev_rows(view) if report.budget else (),
    )


def exposure_chart(report: ReportView, *, today_label: str, width: int) -> str:
    """Total exposure of the open risks the reader may see, week by week."""
    view = report.lens
    g = wording.gettext
    weeks = [w.end for w in completed_periods("week", view.seen.project.start, view.as_of)]
    points = exposure_trend(view.seen.risks, weeks, view.rules.high_risk_exposure)
    data = charts.RiskExposure(
        points=tuple((p.date, float(p.total_exposure)) for p in points),
        exposure_label=g(view.locale, "Total risk score of open risks"),
        today=view.chart_day,
        today_label=today_label,
        empty_label=g(view.locale, "No risks recorded"),
        format_value=view.formats.number,
        format_month=view.formats.month,
        format_year=view.formats.year,
    )
    meta = ChartMeta(
        id=f"{view.full.id}-exposure",
        title=g(view.locale, "Risk score trend"),
        lang=view.locale,
        width=width,
    )
    return charts.risk_exposure_chart(data, meta, view.theme)
