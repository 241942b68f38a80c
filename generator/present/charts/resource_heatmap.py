"""Resource load: person x week grid of load ratios; over-allocation is hatched and marked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from generator.present.charts.axes import DateFormatter, LegendItem, ValueFormatter, legend
from generator.present.charts.svg import Canvas, ChartMeta, el, label, num, text_width
from generator.present.charts.theme import DEFAULT_THEME, Theme

ROW = 28


def short_date(day: date) -> str:
    return f"{day.day:d}/{day.month:d}"


def load_percent(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


@dataclass(frozen=True)
class ResourceRow:
    """One person; loads has one ratio (allocated / capacity) per week, None when free;
    details, when given, one hover text per week (e.g. the hours split by project)."""

    person: str
    loads: tuple[float | None, ...]
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResourceHeatMap:
    weeks: tuple[date, ...]
    rows: tuple[ResourceRow, ...]
    load_label: str = "Load"
    over_label: str = "Over-allocated"
    empty_label: str = "No allocations"
    format_week: DateFormatter = short_date
    format_load: ValueFormatter = load_percent


def resource_heatmap_chart(
    data: ResourceHeatMap, meta: ChartMeta, theme: Theme = DEFAULT_THEME
) -> str:
    for row in data.rows:
        if len(row.loads) != len(data.weeks):
            raise ValueError(f"{row.person}: {len(row.loads)} loads for {len(data.weeks)} weeks")
    widest = max((text_width(r.person, 12) for r in data.rows), default=0)
    left = min(max(widest + 16, 80), meta.width * 0.3)
    top = 30
    height = top + max(len(data.rows), 1) * ROW + 40
    canvas = Canvas(meta, height, theme)
    hatch = canvas.ref("over")
    pattern = el(
        canvas.defs,
        "pattern",
        id=hatch,
        width=6,
        height=6,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    el(pattern, "rect", width=6, height=6, fill="#fdf0ed")
    el(
        pattern,
        "line",
        x1=0,
        y1=0,
        x2=0,
        y2=6,
        stroke=theme.off_track,
        stroke_width=1.2,
        stroke_opacity=0.45,
    )
    if not data.rows or not data.weeks:
        el(
            canvas.root,
            "text",
            data.empty_label,
            x=meta.width / 2,
            y=top + ROW / 2 + 4,
            text_anchor="middle",
            fill=theme.muted,
        )
        return canvas.to_string()
    cell = (meta.width - left - 8) / len(data.weeks)
    every = max(1, int(48 // cell) + (1 if 48 % cell else 0)) if cell < 48 else 1
    for index, week in enumerate(data.weeks):
        if index % every == 0:
            el(
                canvas.root,
                "text",
                data.format_week(week),
                x=left + (index + 0.5) * cell,
                y=top - 10,
                text_anchor="middle",
                fill=theme.muted,
                font_size=11,
            )
    show_text = cell >= 30
    for row_index, row in enumerate(data.rows):
        y = top + row_index * ROW
        label(canvas.root, row.person, 8, y + ROW / 2 + 4, max_width=left - 16, font_size=12)
        group = el(canvas.root, "g", class_="person", data_person=row.person)
        for index, load in enumerate(row.loads):
            if load is None:
                continue
            detail = row.details[index] if index < len(row.details) else ""
            _cell(canvas, group, left + index * cell, y, cell, load, data, hatch, show_text, detail)
    bottom = top + len(data.rows) * ROW
    legend(
        canvas,
        [
            LegendItem(
                f"{data.load_label} {data.format_load(0.5)}",
                theme.primary,
                swatch="box",
                pattern=_tint(theme, 0.5),
            ),
            LegendItem(
                f"{data.load_label} {data.format_load(1.0)}",
                theme.primary,
                swatch="box",
                pattern=_tint(theme, 1.0),
            ),
            LegendItem(
                f"\u25b2 {data.over_label}", theme.off_track, swatch="box", pattern=f"url(#{hatch})"
            ),
        ],
        left,
        bottom + 26,
    )
    return canvas.to_string()


def _tint(theme: Theme, ratio: float) -> str:
    """Blend the primary colour into white by load, so lightness carries the value."""
    strength = 0.1 + 0.55 * max(0.0, min(ratio, 1.0))
    base = theme.primary.lstrip("#")
    rgb = [int(base[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 + (c - 255) * strength) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _cell(
    canvas: Canvas,
    group: ET.Element,
    x: float,
    y: float,
    width: float,
    load: float,
    data: ResourceHeatMap,
    hatch: str,
    show_text: bool,
    detail: str = "",
) -> None:
    theme = canvas.theme
    over = load > 1.0
    text = data.format_load(load)
    cell = el(group, "g", class_="cell over" if over else "cell", data_load=num(load))
    shown = f"{data.over_label}: {text}" if over else text
    el(cell, "title", f"{shown} \u2014 {detail}" if detail else shown)
    el(
        cell,
        "rect",
        x=x + 1,
        y=y + 1,
        width=width - 2,
        height=ROW - 2,
        rx=2,
        fill=f"url(#{hatch})" if over else _tint(theme, load),
        stroke=theme.off_track if over else None,
        stroke_width=1 if over else None,
    )
    if show_text:
        dark = not over and load > 0.6
        el(
            cell,
            "text",
            ("\u25b2" + text) if over and width >= 40 else text,
            x=x + width / 2,
            y=y + ROW / 2 + 4,
            text_anchor="middle",
            font_size=11,
            font_weight=700 if over else 400,
            fill="#ffffff" if dark else (theme.off_track if over else theme.text),
        )
    elif over:
        el(
            cell,
            "text",
            "\u25b2",
            x=x + width / 2,
            y=y + ROW / 2 + 4,
            text_anchor="middle",
            font_size=11,
            fill=theme.off_track,
        )
