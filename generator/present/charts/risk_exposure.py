"""Risk exposure over time: one line of the summed exposure of open risks."""

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
from generator.present.charts.line import LineChart, Point, Role, Series, line_chart
from generator.present.charts.svg import ChartMeta
from generator.present.charts.theme import DEFAULT_THEME, Theme


@dataclass(frozen=True)
class RiskExposure:
    """Total exposure (sum of probability x impact of open risks) at dated points."""

    points: tuple[Point, ...]
    exposure_label: str
    today: date | None = None
    today_label: str = "Today"
    empty_label: str = "No data yet"
    format_value: ValueFormatter = plain_number
    format_month: DateFormatter = english_month
    format_year: DateFormatter = plain_year


def risk_exposure_chart(data: RiskExposure, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    chart = LineChart(
        series=(Series(data.exposure_label, tuple(sorted(data.points)), Role.MAIN),),
        today=data.today,
        today_label=data.today_label,
        empty_label=data.empty_label,
        format_value=data.format_value,
        format_month=data.format_month,
        format_year=data.format_year,
        height=220,
    )
    return line_chart(chart, meta, theme)
