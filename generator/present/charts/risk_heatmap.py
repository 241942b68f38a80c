"""Risk heat map: probability x impact, 5 x 5, with the count of risks in each cell."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.present.charts.axes import LegendItem, legend
from generator.present.charts.svg import Canvas, ChartMeta, el, label, text_width
from generator.present.charts.theme import DEFAULT_THEME, Theme

LEVELS = 5


class Band(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class RiskCell:
    """Risks at one probability (1-5) and impact (1-5); href links to the risk list anchor,
    title is the cell's hover and screen-reader text (already localized)."""

    probability: int
    impact: int
    count: int
    href: str | None = None
    title: str = ""


@dataclass(frozen=True)
class RiskHeatMap:
    cells: tuple[RiskCell, ...]
    probability_label: str = "Probability"
    impact_label: str = "Impact"
    low_label: str = "Low"
    medium_label: str = "Medium"
    high_label: str = "High"
    probability_levels: tuple[str, ...] = ("1", "2", "3", "4", "5")
    impact_levels: tuple[str, ...] = ("1", "2", "3", "4", "5")
    medium_from: int = 5  # score = probability x impact
    high_from: int = 15


def band(probability: int, impact: int, medium_from: int = 5, high_from: int = 15) -> Band:
    score = probability * impact
    if score >= high_from:
        return Band.HIGH
    return Band.MEDIUM if score >= medium_from else Band.LOW


def risk_heatmap_chart(data: RiskHeatMap, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    fills = {Band.LOW: theme.band_low, Band.MEDIUM: theme.band_medium, Band.HIGH: theme.band_high}
    counts: dict[tuple[int, int], RiskCell] = {}
    for given in data.cells:
        if not (1 <= given.probability <= LEVELS and 1 <= given.impact <= LEVELS):
            raise ValueError(f"probability and impact must be 1-{LEVELS}: {given}")
        counts[(given.probability, given.impact)] = given
    tick_width = max(text_width(t, 11) for t in data.probability_levels)
    left = max(tick_width + 16, text_width(data.probability_label, 11) * 0.5 + 12, 36)
    size = min(56.0, (meta.width - left - 12) / LEVELS)
    top = 30
    height = top + LEVELS * size + 74
    linked = any(c.href and c.count for c in data.cells)
    canvas = Canvas(meta, height, theme, role=None if linked else "img")
    label(
        canvas.root,
        data.probability_label,
        8,
        16,
        max_width=meta.width - 16,
        fill=theme.muted,
        font_weight=600,
    )
    grid = el(canvas.root, "g", class_="cells")
    for probability in range(LEVELS, 0, -1):
        row_y = top + (LEVELS - probability) * size
        label(
            canvas.root,
            data.probability_levels[probability - 1],
            left - 8,
            row_y + size / 2 + 4,
            max_width=left - 12,
            text_anchor="end",
            fill=theme.muted,
        )
        for impact in range(1, LEVELS + 1):
            cell = counts.get((probability, impact))
            count = cell.count if cell else 0
            cell_band = band(probability, impact, data.medium_from, data.high_from)
            holder = grid
            if cell and cell.href and count:
                holder = el(grid, "a", href=cell.href)
            group = el(
                holder,
                "g",
                class_=f"cell band-{cell_band}",
                data_probability=probability,
                data_impact=impact,
                data_count=count,
            )
            if cell and cell.title:
                el(group, "title", cell.title)
            cx = left + (impact - 1) * size
            el(
                group,
                "rect",
                x=cx + 1,
                y=row_y + 1,
                width=size - 2,
                height=size - 2,
                rx=3,
                fill=fills[cell_band],
                fill_opacity=1 if count else 0.45,
            )
            if count:
                on_dark = cell_band is Band.HIGH
                el(
                    group,
                    "text",
                    str(count),
                    x=cx + size / 2,
                    y=row_y + size / 2 + 5,
                    text_anchor="middle",
                    font_size=14,
                    font_weight=700,
                    fill=theme.band_high_text if on_dark else theme.text,
                    text_decoration="underline" if cell and cell.href else None,
                )
    axis_y = top + LEVELS * size
    for impact in range(1, LEVELS + 1):
        label(
            canvas.root,
            data.impact_levels[impact - 1],
            left + (impact - 0.5) * size,
            axis_y + 16,
            max_width=size - 2,
            text_anchor="middle",
            fill=theme.muted,
        )
    label(
        canvas.root,
        data.impact_label,
        left + LEVELS * size / 2,
        axis_y + 34,
        max_width=LEVELS * size,
        text_anchor="middle",
        fill=theme.muted,
        font_weight=600,
    )
    legend(
        canvas,
        [
            LegendItem(data.low_label, theme.band_low, swatch="box", pattern=theme.band_low),
            LegendItem(
                data.medium_label, theme.band_medium, swatch="box", pattern=theme.band_medium
            ),
            LegendItem(data.high_label, theme.band_high, swatch="box", pattern=theme.band_high),
        ],
        left,
        axis_y + 62,
    )
    return canvas.to_string()
