"""Survey answer distribution: one horizontal bar per answer option (NPS 0-10, Likert 1-5)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from generator.present.charts.svg import Canvas, ChartMeta, el, label, text_width
from generator.present.charts.theme import DEFAULT_THEME, Theme

ROW = 22


class Sentiment(StrEnum):
    NEGATIVE = "negative"  # NPS detractors, Likert 1-2
    NEUTRAL = "neutral"
    POSITIVE = "positive"


@dataclass(frozen=True)
class SurveyBar:
    label: str
    count: int
    group: Sentiment | None = None


def count_and_share(count: int, share: float) -> str:
    return f"{count} ({share:.0%})"


@dataclass(frozen=True)
class SurveyDistribution:
    """Bars in display order; groups (if given) are named beside their bars, not only
    coloured."""

    bars: tuple[SurveyBar, ...]
    negative_label: str = "Detractors"
    neutral_label: str = "Passives"
    positive_label: str = "Promoters"
    empty_label: str = "No answers yet"
    format_count: Callable[[int, float], str] = count_and_share


def survey_distribution_chart(
    data: SurveyDistribution, meta: ChartMeta, theme: Theme = DEFAULT_THEME
) -> str:
    bars = data.bars
    height = 8 + max(len(bars), 1) * ROW + 8
    canvas = Canvas(meta, height, theme)
    total = sum(b.count for b in bars)
    if not bars or total == 0:
        el(
            canvas.root,
            "text",
            data.empty_label,
            x=meta.width / 2,
            y=height / 2 + 4,
            text_anchor="middle",
            fill=theme.muted,
        )
        return canvas.to_string()
    colors = {
        Sentiment.NEGATIVE: theme.off_track,
        Sentiment.NEUTRAL: theme.neutral,
        Sentiment.POSITIVE: theme.on_track,
        None: theme.primary,
    }
    names = {
        Sentiment.NEGATIVE: data.negative_label,
        Sentiment.NEUTRAL: data.neutral_label,
        Sentiment.POSITIVE: data.positive_label,
    }
    grouped = any(b.group for b in bars)
    group_col = max((text_width(n, 11) for n in names.values()), default=0) + 22 if grouped else 0
    left = min(max(text_width(b.label, 11) for b in bars) + 16, meta.width * 0.35)
    value_col = max(text_width(data.format_count(b.count, b.count / total), 11) for b in bars) + 12
    right = meta.width - group_col - value_col
    most = max(b.count for b in bars)
    for index, item in enumerate(bars):
        y = 8 + index * ROW
        group = el(canvas.root, "g", class_="bar", data_count=item.count)
        label(
            group,
            item.label,
            left - 8,
            y + ROW / 2 + 4,
            max_width=left - 12,
            text_anchor="end",
            fill=theme.muted,
        )
        length = (right - left) * item.count / most if most else 0
        el(
            group,
            "rect",
            x=left,
            y=y + 4,
            width=max(length, 0),
            height=ROW - 8,
            rx=2,
            fill=colors[item.group],
        )
        el(
            group,
            "text",
            data.format_count(item.count, item.count / total),
            x=left + length + 6,
            y=y + ROW / 2 + 4,
            fill=theme.text,
        )
    if grouped:
        _group_brackets(canvas, bars, names, colors, meta.width - group_col + 8)
    return canvas.to_string()


def _group_brackets(
    canvas: Canvas,
    bars: tuple[SurveyBar, ...],
    names: dict[Sentiment, str],
    colors: dict[Sentiment | None, str],
    x: float,
) -> None:
    """A bracket and the group's name beside each run of bars of one group."""
    runs: list[tuple[Sentiment, int, int]] = []
    for index, item in enumerate(bars):
        if item.group is None:
            continue
        if runs and runs[-1][0] is item.group and runs[-1][2] == index - 1:
            runs[-1] = (item.group, runs[-1][1], index)
        else:
            runs.append((item.group, index, index))
    for sentiment, first, last in runs:
        y1, y2 = 8 + first * ROW + 4, 8 + (last + 1) * ROW - 4
        group = el(canvas.root, "g", class_=f"group {sentiment}")
        el(group, "line", x1=x, y1=y1, x2=x, y2=y2, stroke=colors[sentiment], stroke_width=2)
        el(
            group,
            "text",
            names[sentiment],
            x=x + 6,
            y=(y1 + y2) / 2 + 4,
            fill=canvas.theme.muted if sentiment is Sentiment.NEUTRAL else colors[sentiment],
            font_weight=600,
        )
