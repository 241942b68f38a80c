"""Milestone timeline: one row per milestone with planned, forecast and actual dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.present.charts.axes import (
    TODAY_BAND,
    DateFormatter,
    LegendItem,
    date_axis,
    empty_note,
    english_month,
    legend,
    marker,
    plain_year,
    today_line,
)
from generator.present.charts.scales import DateScale
from generator.present.charts.svg import Canvas, ChartMeta, el, label, text_width, truncate
from generator.present.charts.theme import DEFAULT_THEME, Status, Theme

ROW = 30
NAME_LINE = 15  # a name line above its row in the stacked layout


@dataclass(frozen=True)
class TimelineMilestone:
    """label and note are shown (note e.g. "+12 d", already localized); detail is the
    hover and screen-reader text of the row (e.g. the dates in words)."""

    label: str
    planned: date
    forecast: date | None = None
    actual: date | None = None
    status: Status = Status.ON_TRACK
    note: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Timeline:
    milestones: tuple[TimelineMilestone, ...]
    today: date
    planned_label: str = "Planned"
    forecast_label: str = "Forecast"
    actual_label: str = "Actual"
    today_label: str = "Today"
    empty_label: str = "No milestones yet"
    format_month: DateFormatter = english_month
    format_year: DateFormatter = plain_year
    # The widest share of the chart the names may take beside their rows; longer names go
    # on lines of their own above each row. A printed report's column affords more than a
    # phone, and the side-by-side rows take a third less height.
    label_share: float = 0.34


def wrap(text: str, max_width: float, font_size: float, lines: int = 2) -> list[str]:
    """Break text into at most `lines` lines of max_width (at spaces, or anywhere in CJK
    text); the last line is cut with an ellipsis only when the text is longer still."""
    words = text.split(" ") if " " in text else list(text)
    glue = " " if " " in text else ""
    out: list[str] = []
    current = ""
    for word in words:
        trial = f"{current}{glue}{word}" if current else word
        if text_width(trial, font_size) <= max_width or not current:
            current = trial
            continue
        out.append(current)
        current = word
    out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [truncate(glue.join(out[lines - 1 :]), max_width, font_size)]
    return out


def timeline_chart(data: Timeline, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    rows = data.milestones
    widest = max((text_width(m.label, 12) for m in rows), default=0)
    # Names that do not fit a third of the width go on their own lines above each row
    # (a phone): the bars then use the whole width and no name is cut.
    stacked = widest + 16 > meta.width * data.label_share
    names = [wrap(m.label, meta.width - 16, 12) if stacked else [m.label] for m in rows]
    heights = [ROW + (NAME_LINE * len(n) if stacked else 0) for n in names]
    # The today label stands in a band of its own above the first row, in both layouts: in
    # a row it would cross the first milestone's name, marker or note (a kick-off week's
    # "Period end" sits where the first milestone's forecast and note are). The axis covers
    # today, so the line and its label are always drawn.
    band = TODAY_BAND if rows else 0
    height = 40 + band + (sum(heights) if rows else ROW) + 44
    canvas = Canvas(meta, height, theme)
    top = (
        16
        if not rows
        else (
            legend(
                canvas,
                [
                    LegendItem(
                        data.planned_label, theme.muted, marker="diamond-open", swatch="marker"
                    ),
                    LegendItem(
                        data.forecast_label, theme.on_track, marker="diamond", swatch="marker"
                    ),
                    LegendItem(data.actual_label, theme.done, marker="circle", swatch="marker"),
                    LegendItem(data.today_label, theme.accent),
                ],
                8,
                16,
            )
            + 6
        )
    )
    bottom = top + band + (sum(heights) if rows else ROW)
    label_col = 8 if stacked else min(max(widest + 16, 90), meta.width * data.label_share)
    note_col = 52 if any(m.note for m in rows) else 16
    left, right = label_col, meta.width - note_col
    if not rows:
        empty_note(canvas, data.empty_label, meta.width / 2, (top + bottom) / 2 + 4)
        return canvas.to_string()
    dates = [data.today] + [
        d for m in rows for d in (m.planned, m.forecast, m.actual) if d is not None
    ]
    x = DateScale.covering(dates, left + 8, right - 8)
    date_axis(canvas, x, bottom, top, data.format_month, data.format_year)
    # Names (stacked) and notes such as "+14 d" may cross the today line: it is drawn first
    # and they stand on a backing over it.
    today_line(canvas, x, data.today, top, bottom, data.today_label)
    row_top = top + band
    for milestone, lines, row_height in zip(rows, names, heights, strict=True):
        _row(canvas, milestone, x, row_top, label_col, lines if stacked else None)
        row_top += row_height
    return canvas.to_string()


def _row(
    canvas: Canvas,
    m: TimelineMilestone,
    x: DateScale,
    row_top: float,
    col: float,
    lines: list[str] | None = None,
) -> None:
    """One milestone; with `lines` its name stands on those lines above the bar."""
    theme = canvas.theme
    above = NAME_LINE * len(lines) if lines else 0
    mid = row_top + above + ROW / 2
    group = el(canvas.root, "g", class_="milestone")
    if m.detail:
        el(group, "title", m.detail)
    if row_top > 0:
        el(group, "line", x1=8, y1=row_top, x2=canvas.width - 8, y2=row_top, stroke=theme.grid)
    if lines:
        for n, line in enumerate(lines):
            y = row_top + NAME_LINE * (n + 1)
            # A backing in the surface colour hides the today line and gridlines under
            # the name (SVG 1.1 has no paint-order for a halo).
            width = text_width(line, 12) + 4
            el(group, "rect", x=6, y=y - 11, width=width, height=15, fill=theme.surface)
            el(group, "text", line, x=8, y=y, font_size=12, fill=theme.text)
    else:
        label(group, m.label, 8, mid + 4, max_width=col - 16, font_size=12, fill=theme.text)
    status_color = theme.status(m.status)
    planned_x = x(m.planned)
    latest = m.actual or m.forecast
    if latest is not None and latest != m.planned:
        # The slip (or gain) as a bar from plan to forecast/actual: its length is the variance.
        el(
            group,
            "line",
            x1=planned_x,
            y1=mid,
            x2=x(latest),
            y2=mid,
            stroke=status_color,
            stroke_width=3,
            stroke_opacity=0.35,
            stroke_linecap="round",
        )
    if latest is None or latest != m.planned:
        # On plan, the forecast or actual marker alone says so; both would overlap.
        marker(el(group, "g", class_="planned"), "diamond-open", planned_x, mid, theme.muted, 10)
    end_x = planned_x
    if m.forecast is not None and m.actual is None:
        end_x = x(m.forecast)
        shape = el(group, "g", class_="forecast")
        marker(shape, "diamond", end_x, mid, status_color, 10)
    if m.actual is not None:
        end_x = x(m.actual)
        shape = el(group, "g", class_="actual")
        marker(shape, "circle", end_x, mid, theme.done, 10)
    if m.note:
        anchor_x = max(end_x, planned_x) + 13
        width = text_width(m.note, 11) + 4
        el(group, "rect", x=anchor_x - 2, y=mid - 7, width=width, height=14, fill=theme.surface)
        el(
            group,
            "text",
            m.note,
            x=anchor_x,
            y=mid + 4,
            fill=status_color,
            font_size=11,
            font_weight=600,
        )
