"""Progress: percent complete and planned, task counts and the burn-up chart.

Rule: progress is one figure per project and date for every audience, computed on all
tasks (estimate-weighted, analyze.progress). An aggregate reveals no internal record, so a
client reads the same percentages and counts as the team; lists of tasks show each
audience only the tasks it may see. The burn-up is drawn in percent of scope for a
client and in hours for the team.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import i18n
from generator.analyze.progress import burn_up, percent_complete, planned_percent, task_counts
from generator.present import charts, wording
from generator.present.charts import ChartMeta
from generator.present.context import Lens
from generator.present.formats import both


@dataclass(frozen=True)
class TaskCountsView:
    done: int
    in_progress: int
    blocked: int
    todo: int
    overdue: int
    total: int


@dataclass(frozen=True)
class ProgressView:
    percent: float  # 0..100
    percent_text: str
    planned_percent: float
    planned_text: str
    counts: TaskCountsView


def progress(view: Lens) -> ProgressView:
    tasks = list(view.full.tasks)
    done = percent_complete(tasks, view.as_of)
    planned = planned_percent(tasks, view.as_of)
    c = task_counts(tasks, view.as_of)
    return ProgressView(
        percent=done,
        percent_text=i18n.format_pct(done / 100, view.locale),
        planned_percent=planned,
        planned_text=i18n.format_pct(planned / 100, view.locale),
        counts=TaskCountsView(c.done, c.in_progress, c.blocked, c.todo, c.overdue, c.total),
    )


def burnup_chart(
    view: Lens, figures: ProgressView, *, today_label: str, width: int | None = None
) -> tuple[str, str]:
    """Work done and planned against the scope, week by week (all tasks)."""
    g = wording.gettext
    locale = view.locale
    full = view.full
    end = full.project.actual_end or view.as_of
    points = burn_up(list(full.tasks), full.project.start, min(view.as_of, end))
    scope = points[0].scope_hours if points else 0.0
    in_percent = view.client or not scope

    def scale(hours: float) -> float:
        return 100 * hours / scope if in_percent and scope else hours

    weeks = tuple(
        charts.BurnupWeek(
            week=p.date,
            scope=100.0 if in_percent else p.scope_hours,
            planned=scale(p.planned_hours),
            done=scale(p.done_hours),
        )
        for p in points
    )
    data = charts.Burnup(
        weeks=weeks,
        scope_label=g(locale, "Scope") if in_percent else g(locale, "Scope (hours)"),
        planned_label=g(locale, "Planned"),
        done_label=g(locale, "Done"),
        today=view.chart_day,
        today_label=today_label,
        empty_label=g(locale, "No tasks yet"),
        format_value=view.formats.percent if in_percent else view.formats.number,
        format_month=view.formats.month,
        format_year=view.formats.year,
    )
    meta = ChartMeta(
        id=f"{full.id}-burnup",
        title=g(locale, "Burn-up"),
        desc=g(
            locale,
            "Work done and work planned against the scope, week by week: "
            "%(done)s done, %(planned)s planned",
        )
        % {"done": figures.percent_text, "planned": figures.planned_text},
        lang=locale,
    )
    return both(charts.burnup_chart, data, meta, view.theme, width)
