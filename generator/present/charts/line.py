"""Line charts over dates: the engine behind burn-up, earned value, goal trend, risk exposure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from generator.present.charts.axes import (
    TODAY_BAND,
    DateFormatter,
    LegendItem,
    ValueFormatter,
    date_axis,
    empty_note,
    english_month,
    legend,
    marker,
    plain_number,
    plain_year,
    today_line,
    value_grid,
    y_label_width,
)
from generator.present.charts.scales import DateScale, LinearScale
from generator.present.charts.svg import Canvas, ChartMeta, el, label, num, text_width
from generator.present.charts.theme import DEFAULT_THEME, Theme

Point = tuple[date, float]


class Role(StrEnum):
    """How a series looks; each role differs in colour AND in dash or marker shape."""

    MAIN = "main"  # brand primary, solid, circles, light area under it
    SECOND = "second"  # accent, solid, squares
    PLAN = "plan"  # grey, dashed, no markers
    LIMIT = "limit"  # dark grey, long dash (scope, budget)


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]
    role: Role = Role.MAIN


@dataclass(frozen=True)
class Reference:
    """A horizontal reference line (baseline, target) with its label at the right end."""

    label: str
    value: float
    emphasis: bool = False


@dataclass(frozen=True)
class LineChart:
    series: tuple[Series, ...]
    references: tuple[Reference, ...] = ()
    today: date | None = None
    today_label: str = "Today"
    empty_label: str = "No data yet"
    format_value: ValueFormatter = plain_number
    format_month: DateFormatter = english_month
    format_year: DateFormatter = plain_year
    include_zero: bool = True
    extra_dates: tuple[date, ...] = field(default=())  # e.g. a deadline the axis must show
    height: int = 260


_DASH = {Role.MAIN: None, Role.SECOND: None, Role.PLAN: "5 4", Role.LIMIT: "9 3 2 3"}
_MARKER = {Role.MAIN: "circle", Role.SECOND: "square", Role.PLAN: None, Role.LIMIT: None}


def _color(role: Role, theme: Theme) -> str:
    return {
        Role.MAIN: theme.primary,
        Role.SECOND: theme.accent,
        Role.PLAN: theme.muted,
        Role.LIMIT: "#4b5563",
    }[role]


def line_chart(data: LineChart, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    canvas = Canvas(meta, data.height, theme)
    items = [
        LegendItem(s.label, _color(s.role, theme), _DASH[s.role], _MARKER[s.role])
        for s in data.series
    ]
    top = legend(canvas, items, 8, 16) + 8 if items else 16
    # The today label stands in a band above the plot: inside it, it would hide the data
    # that reaches the top at the end (a burn-up at 100% on the day a project closed).
    plot_top = top + (TODAY_BAND if data.today is not None else 0)
    bottom = data.height - 40
    dates = [d for s in data.series for d, _ in s.points] + list(data.extra_dates)
    values = [v for s in data.series for _, v in s.points] + [r.value for r in data.references]
    y = LinearScale.nice(values, bottom, plot_top, include_zero=data.include_zero, ticks=5)
    ref_width = max((text_width(r.label, 10) for r in data.references), default=0)
    right = meta.width - (min(ref_width, 120) + 16 if data.references else 12)
    left = 8 + y_label_width(y, data.format_value) + 10
    if not dates:
        # No invented numbers on an empty chart: a baseline and the caller's note.
        el(canvas.root, "line", x1=8, y1=bottom, x2=right, y2=bottom, stroke=theme.axis)
        empty_note(canvas, data.empty_label, (left + right) / 2, (plot_top + bottom) / 2)
        return canvas.to_string()
    x = DateScale.exact(dates, left, right)
    value_grid(canvas, y, left, right, data.format_value)
    date_axis(canvas, x, bottom, plot_top, data.format_month, data.format_year, gridlines=False)
    _references(canvas, data.references, y, left, right)
    for index, series in enumerate(data.series):
        _series(canvas, series, x, y, bottom if data.include_zero else None, index)
    if data.today is not None:
        today_line(canvas, x, data.today, top, bottom, data.today_label)
    return canvas.to_string()


def _references(
    canvas: Canvas, refs: tuple[Reference, ...], y: LinearScale, left: float, right: float
) -> None:
    group = el(canvas.root, "g", class_="references")
    for ref in refs:
        color = canvas.theme.on_track if ref.emphasis else canvas.theme.muted
        py = y(ref.value)
        el(
            group,
            "line",
            x1=left,
            y1=py,
            x2=right,
            y2=py,
            stroke=color,
            stroke_width=1,
            stroke_dasharray="2 3",
        )
        label(
            group,
            ref.label,
            right + 6,
            py + 4,
            max_width=canvas.width - right - 8,
            fill=color,
            font_size=11,
        )


def _series(
    canvas: Canvas, series: Series, x: DateScale, y: LinearScale, base: float | None, index: int
) -> None:
    """One series; the area under the main line only when the axis starts at zero, since
    an area over a cut axis exaggerates."""
    theme = canvas.theme
    color = _color(series.role, theme)
    points = sorted(series.points)
    group = el(canvas.root, "g", class_=f"series series-{index}", data_label=series.label)
    coords = [(x(d), y(v)) for d, v in points]
    path = " ".join(f"{num(px)},{num(py)}" for px, py in coords)
    if series.role is Role.MAIN and len(coords) > 1 and base is not None:
        area = f"{num(coords[0][0])},{num(base)} {path} {num(coords[-1][0])},{num(base)}"
        el(group, "polygon", points=area, fill=color, fill_opacity=0.08, stroke="none")
    if len(coords) > 1:
        el(
            group,
            "polyline",
            points=path,
            fill="none",
            stroke=color,
            stroke_width=2 if series.role in (Role.MAIN, Role.SECOND) else 1.5,
            stroke_dasharray=_DASH[series.role],
            stroke_linejoin="round",
            stroke_linecap="round",
        )
    kind = _MARKER[series.role]
    if kind is None and len(coords) > 1:
        return
    # Markers on every point while they stay readable (monthly data); weekly data gets the
    # latest point only, which is the one a reader looks for.
    shown = coords if len(coords) <= 12 else coords[-1:]
    for px, py in shown:
        marker(group, kind or "circle", px, py, color, 6 if len(coords) > 1 else 8)
