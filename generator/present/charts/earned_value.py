"""Earned value: planned value, earned value and actual cost per month."""

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
class EarnedValueMonth:
    """Cumulative values at a month's end; ev and ac are None for months still to come."""

    month: date
    pv: float
    ev: float | None = None
    ac: float | None = None


@dataclass(frozen=True)
class EarnedValue:
    months: tuple[EarnedValueMonth, ...]
    pv_label: str
    ev_label: str
    ac_label: str
    format_money: ValueFormatter = plain_number  # e.g. Babel's compact currency format
    today: date | None = None
    today_label: str = "Today"
    empty_label: str = "No data yet"
    format_month: DateFormatter = english_month
    format_year: DateFormatter = plain_year


def earned_value_chart(data: EarnedValue, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    months = sorted(data.months, key=lambda m: m.month)
    series = (
        Series(data.pv_label, tuple((m.month, m.pv) for m in months), Role.PLAN),
        Series(
            data.ev_label, tuple((m.month, m.ev) for m in months if m.ev is not None), Role.MAIN
        ),
        Series(
            data.ac_label, tuple((m.month, m.ac) for m in months if m.ac is not None), Role.SECOND
        ),
    )
    chart = LineChart(
        series=series,
        today=data.today,
        today_label=data.today_label,
        empty_label=data.empty_label,
        format_value=data.format_money,
        format_month=data.format_month,
        format_year=data.format_year,
    )
    return line_chart(chart, meta, theme)
