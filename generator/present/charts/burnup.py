"""Burn-up: scope, planned and done per week, against a date axis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.present.charts.axes import (
    DateFormatter,
    ValueFormatter,
    english_month,
    plain_number,
    plain_year,
)
from generator.present.charts.line import LineChart, Role, Series, line_chart
from generator.present.charts.svg import ChartMeta
from generator.present.charts.theme import DEFAULT_THEME, Theme


@dataclass(frozen=True)
class BurnupWeek:
    """One week; done is None for weeks still to come, planned None where no plan exists."""

    week: date
    scope: float
    planned: float | None = None
    done: float | None = None


@dataclass(frozen=True)
class Burnup:
    weeks: tuple[BurnupWeek, ...]
    scope_label: str
    planned_label: str
    done_label: str
    today: date | None = None
    today_label: str = "Today"
    empty_label: str = "No data yet"
    format_value: ValueFormatter = plain_number  # hours, or percent for a % burn-up
    format_month: DateFormatter = english_month
    format_year: DateFormatter = plain_year


def burnup_chart(data: Burnup, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    weeks = sorted(data.weeks, key=lambda w: w.week)
    series = (
        Series(data.scope_label, tuple((w.week, w.scope) for w in weeks), Role.LIMIT),
        Series(
            data.planned_label,
            tuple((w.week, w.planned) for w in weeks if w.planned is not None),
            Role.PLAN,
        ),
        Series(
            data.done_label,
            tuple((w.week, w.done) for w in weeks if w.done is not None),
            Role.MAIN,
        ),
    )
    chart = LineChart(
        series=series,
        today=data.today,
        today_label=data.today_label,
        empty_label=data.empty_label,
        format_value=data.format_value,
        format_month=data.format_month,
        format_year=data.format_year,
    )
    return line_chart(chart, meta, theme)
