"""Budget burn for clients: % of budget used against % of time elapsed, as two bars."""

from __future__ import annotations

from dataclasses import dataclass

from generator.present.charts.axes import ValueFormatter, percent
from generator.present.charts.svg import Canvas, ChartMeta, el, label, text_width
from generator.present.charts.theme import DEFAULT_THEME, Status, Theme


@dataclass(frozen=True)
class BudgetBurn:
    """Both values in percent (budget may pass 100); status colours the budget bar and is
    decided by the analysis, not here."""

    budget_used: float
    time_elapsed: float
    budget_label: str = "Budget used"
    time_label: str = "Time elapsed"
    status: Status | None = None
    format_percent: ValueFormatter = percent


def budget_burn_chart(data: BudgetBurn, meta: ChartMeta, theme: Theme = DEFAULT_THEME) -> str:
    bar, gap, top = 18, 30, 8
    height = top + 2 * (bar + gap) + 6
    canvas = Canvas(meta, height, theme)
    scale_max = max(100.0, data.budget_used, data.time_elapsed)
    value_col = max(text_width(data.format_percent(v), 12) for v in (scale_max, 100.0)) + 14
    left, right = 8, meta.width - value_col
    budget_color = theme.status(data.status) if data.status else theme.primary

    def x(value: float) -> float:
        return left + max(0.0, value) / scale_max * (right - left)

    rows = (
        ("time", data.time_label, data.time_elapsed, theme.muted),
        ("budget", data.budget_label, data.budget_used, budget_color),
    )
    for index, (name, text, value, color) in enumerate(rows):
        y = top + index * (bar + gap) + 16
        group = el(canvas.root, "g", class_=f"bar {name}", data_value=value)
        label(group, text, left, y - 5, max_width=right - left, fill=theme.muted)
        el(group, "rect", x=left, y=y, width=right - left, height=bar, rx=3, fill="#f3f4f6")
        el(group, "rect", x=left, y=y, width=x(value) - left, height=bar, rx=3, fill=color)
        if scale_max > 100:
            # Where the budget ends when it is overrun, so the overrun reads as length.
            el(
                group,
                "line",
                x1=x(100),
                y1=y - 3,
                x2=x(100),
                y2=y + bar + 3,
                stroke=theme.text,
                stroke_width=1.5,
            )
        el(
            group,
            "text",
            data.format_percent(value),
            x=right + 8,
            y=y + bar / 2 + 5,
            font_size=13,
            font_weight=600,
            fill=theme.text,
        )
    # Elapsed time marked on the budget bar too: the gap between the two is the message.
    budget_y = top + (bar + gap) + 16
    el(
        canvas.root,
        "line",
        class_="time-marker",
        x1=x(data.time_elapsed),
        y1=budget_y - 4,
        x2=x(data.time_elapsed),
        y2=budget_y + bar + 4,
        stroke=theme.text,
        stroke_width=2,
        stroke_dasharray="3 2",
    )
    return canvas.to_string()
