"""SMART goal charts: a sparkline for tables and cards, a trend chart with axes for reports."""

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
from generator.present.charts.line import LineChart, Point, Reference, Role, Series, line_chart
from generator.present.charts.scales import DateScale, LinearScale
from generator.present.charts.svg import Canvas, ChartMeta, el, num
from generator.present.charts.theme import DEFAULT_THEME, Theme


@dataclass(frozen=True)
class GoalSeries:
    measurements: tuple[Point, ...]
    baseline: float
    target: float
    baseline_label: str = "Baseline"
    target_label: str = "Target"
    measured_label: str = "Measured"
    deadline: date | None = None


def goal_sparkline(
    goal: GoalSeries, meta: ChartMeta, theme: Theme = DEFAULT_THEME, height: int = 36
) -> str:
    """A word-sized chart: dotted baseline, dashed target, the line and its last value."""
    canvas = Canvas(meta, height, theme)
    pad = 4
    values = [v for _, v in goal.measurements] + [goal.baseline, goal.target]
    lo, hi = min(values), max(values)
    if lo == hi:  # flat goal: centre the line instead of dividing by zero
        lo, hi = lo - 1, hi + 1
    y = LinearScale(lo, hi, height - pad, pad)
    left, right = pad, meta.width - pad
    for value, color, dash in (
        (goal.baseline, theme.muted, "1 2"),
        (goal.target, theme.on_track, "3 2"),
    ):
        el(
            canvas.root,
            "line",
            x1=left,
            y1=y(value),
            x2=right,
            y2=y(value),
            stroke=color,
            stroke_width=1,
            stroke_dasharray=dash,
        )
    points = sorted(goal.measurements)
    if points:
        x = DateScale.exact([d for d, _ in points], left, right)
        coords = [(x(d), y(v)) for d, v in points]
        if len(coords) > 1:
            el(
                canvas.root,
                "polyline",
                points=" ".join(f"{num(px)},{num(py)}" for px, py in coords),
                fill="none",
                stroke=theme.primary,
                stroke_width=1.5,
                stroke_linejoin="round",
                stroke_linecap="round",
            )
        last_x, last_y = coords[-1]
        el(canvas.root, "circle", cx=last_x, cy=last_y, r=2.5, fill=theme.primary)
    return canvas.to_string()


@dataclass(frozen=True)
class GoalTrend:
    goal: GoalSeries
    today: date | None = None
    today_label: str = "Today"
    empty_label: str = "No measurements yet"
    format_value: ValueFormatter = plain_number
    format_month: DateFormatter = english_month
    format_year: DateFormatter = plain_year


def goal_trend_chart(data: GoalTrend, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    goal = data.goal
    chart = LineChart(
        series=(Series(goal.measured_label, tuple(sorted(goal.measurements)), Role.MAIN),),
        references=(
            Reference(goal.baseline_label, goal.baseline),
            Reference(goal.target_label, goal.target, emphasis=True),
        ),
        today=data.today,
        today_label=data.today_label,
        empty_label=data.empty_label,
        format_value=data.format_value,
        format_month=data.format_month,
        format_year=data.format_year,
        include_zero=False,
        extra_dates=(goal.deadline,) if goal.deadline else (),
        height=240,
    )
    return line_chart(chart, meta, theme)
