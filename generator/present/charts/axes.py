"""Pieces shared by the charts with axes: gridlines, date axis, today line, legend."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.present.charts.scales import DateScale, LinearScale
from generator.present.charts.svg import Canvas, el, label, num, text_width

DateFormatter = Callable[[date], str]
ValueFormatter = Callable[[float], str]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def english_month(day: date) -> str:
    return _MONTHS[day.month - 1]


def plain_year(day: date) -> str:
    return str(day.year)


def plain_number(value: float) -> str:
    """Grouped digits, decimals only when needed; callers pass Babel formatters for locales."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def percent(value: float) -> str:
    return f"{value:.0f}%"


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: str
    dash: str | None = None
    marker: str | None = None  # "circle", "square", "diamond", "diamond-open" or None
    swatch: str = "line"  # "line", "box" or "marker" (the marker alone)
    pattern: str | None = None  # fill url for box swatches


def marker(parent: ET.Element, kind: str, x: float, y: float, color: str, size: float) -> None:
    """A point marker; distinct shapes keep series apart without relying on colour."""
    if kind == "circle":
        el(parent, "circle", cx=x, cy=y, r=size / 2, fill=color, stroke="#ffffff", stroke_width=1)
    elif kind == "square":
        half = size / 2
        el(
            parent,
            "rect",
            x=x - half,
            y=y - half,
            width=size,
            height=size,
            fill=color,
            stroke="#ffffff",
            stroke_width=1,
        )
    elif kind in ("diamond", "diamond-open"):
        half = size / 2 + 1
        points = f"{num(x)},{num(y - half)} {num(x + half)},{num(y)} {num(x)},{num(y + half)} "
        points += f"{num(x - half)},{num(y)}"
        is_open = kind == "diamond-open"
        el(
            parent,
            "polygon",
            points=points,
            fill="#ffffff" if is_open else color,
            stroke=color if is_open else "#ffffff",
            stroke_width=1.5 if is_open else 1,
        )


def legend(canvas: Canvas, items: Sequence[LegendItem], x: float, y: float) -> float:
    """Lay legend items in rows from (x, y); returns the y below the last row."""
    group = el(canvas.root, "g", class_="legend")
    cursor, row_y = x, y
    limit = canvas.width - 8
    for item in items:
        width = 22 + text_width(item.label, 11) + 16
        if cursor > x and cursor + width > limit:
            cursor, row_y = x, row_y + 18
        mid = row_y - 4
        if item.swatch == "box":
            el(
                group,
                "rect",
                x=cursor,
                y=mid - 5,
                width=14,
                height=10,
                rx=2,
                fill=item.pattern or item.color,
                stroke=item.color,
                stroke_width=1,
            )
        elif item.swatch == "marker":
            marker(group, item.marker or "circle", cursor + 8, mid, item.color, 9)
        else:
            el(
                group,
                "line",
                x1=cursor,
                y1=mid,
                x2=cursor + 16,
                y2=mid,
                stroke=item.color,
                stroke_width=2,
                stroke_dasharray=item.dash,
            )
            if item.marker:
                marker(group, item.marker, cursor + 8, mid, item.color, 6)
        label(group, item.label, cursor + 22, row_y, max_width=limit - cursor - 22)
        cursor += min(width, limit - x)
    return row_y + 14


def value_grid(
    canvas: Canvas,
    scale: LinearScale,
    left: float,
    right: float,
    fmt: ValueFormatter,
    ticks: int = 5,
) -> None:
    group = el(canvas.root, "g", class_="y-axis")
    theme = canvas.theme
    for tick in scale.ticks(ticks):
        y = scale(tick)
        is_zero = abs(tick) < 1e-12
        el(
            group,
            "line",
            x1=left,
            y1=y,
            x2=right,
            y2=y,
            stroke=theme.axis if is_zero else theme.grid,
            stroke_width=1,
        )
        el(group, "text", fmt(tick), x=left - 8, y=y + 4, text_anchor="end", fill=theme.muted)


def y_label_width(scale: LinearScale, fmt: ValueFormatter, ticks: int = 5) -> float:
    return max((text_width(fmt(t), 11) for t in scale.ticks(ticks)), default=0.0)


def date_axis(
    canvas: Canvas,
    scale: DateScale,
    y: float,
    top: float,
    format_month: DateFormatter,
    format_year: DateFormatter,
    *,
    gridlines: bool = True,
) -> None:
    """Month ticks under the plot; the year under the first tick and under each January."""
    theme = canvas.theme
    group = el(canvas.root, "g", class_="x-axis")
    width = scale.px_hi - scale.px_lo
    ticks = scale.month_ticks(max(2, int(width // 44)))
    if not ticks:
        # A span inside one month (a single point): name that month at the middle.
        ticks = [scale.start + (scale.end - scale.start) / 2]
    el(group, "line", x1=scale.px_lo, y1=y, x2=scale.px_hi, y2=y, stroke=theme.axis, stroke_width=1)
    for index, tick in enumerate(ticks):
        x = scale(tick)
        if gridlines and top < y:
            el(group, "line", x1=x, y1=top, x2=x, y2=y, stroke=theme.grid, stroke_width=1)
        el(group, "line", x1=x, y1=y, x2=x, y2=y + 4, stroke=theme.axis, stroke_width=1)
        el(group, "text", format_month(tick), x=x, y=y + 16, text_anchor="middle", fill=theme.muted)
        if index == 0 or tick.month == 1:
            el(
                group,
                "text",
                format_year(tick),
                x=x,
                y=y + 30,
                text_anchor="middle",
                fill=theme.muted,
                font_size=11,
            )


TODAY_BAND = 16  # the band above a plot for the today line's label (14 px) and a gap


def today_line(
    canvas: Canvas, scale: DateScale, today: date, top: float, bottom: float, text: str
) -> None:
    """A dashed vertical line with its label; skipped when today is outside the axis."""
    if not scale.start <= today <= scale.end:
        return
    x = scale(today)
    group = el(canvas.root, "g", class_="today")
    color = canvas.theme.accent
    el(group, "line", x1=x, y1=top, x2=x, y2=bottom, stroke=color, stroke_width=1)
    anchor = "end" if x > scale.px_hi - 40 else "start"
    offset = -4 if anchor == "end" else 4
    # The label sits on the top gridline, where a 100% scope line or a reference line may
    # run: a backing in the surface colour keeps it readable (the line is drawn last).
    width = text_width(text, 11) + 4
    left = x + offset - width + 2 if anchor == "end" else x + offset - 2
    el(group, "rect", x=left, y=top, width=width, height=14, fill=canvas.theme.surface)
    el(
        group,
        "text",
        text,
        x=x + offset,
        y=top + 10,
        text_anchor=anchor,
        fill=color,
        font_size=11,
        font_weight=600,
    )


def empty_note(canvas: Canvas, text: str, cx: float, cy: float) -> None:
    el(canvas.root, "text", text, x=cx, y=cy, text_anchor="middle", fill=canvas.theme.muted)
