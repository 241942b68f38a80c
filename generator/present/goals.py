"""SMART goal rows with their measured values, verdicts and trend charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.analyze.smart import GoalProgress, goals_progress
from generator.present import charts, wording
from generator.present.charts import ChartMeta
from generator.present.context import Lens

# The verdict as a report's pill class (the portal styles verdict--<verdict> itself).
VERDICT_CLASS = {
    "met": "done",
    "partly_met": "medium",
    "missed": "high",
    "on_the_way": "on_the_way",
    "not_measured": "",
}


def shown_verdict(goal: GoalProgress, as_of: dt.date) -> str:
    """A goal not reached before its deadline is "on the way", not "not met": the verdict
    of analyze.smart stands once the deadline has come (or when the goal has none)."""
    if goal.verdict in ("partly_met", "missed") and goal.deadline and as_of < goal.deadline:
        return "on_the_way"
    return goal.verdict


@dataclass(frozen=True)
class GoalRow:
    id: str
    title: str
    metric: str | None
    unit: str
    baseline: str  # formatted with the unit
    target: str
    current: str
    current_number: str  # the current value without its unit, for a large figure
    current_date: dt.date | None
    deadline: dt.date | None
    direction: str
    percent: float | None  # 0..100 of the way from baseline to target, for the bar
    percent_text: str
    verdict: str
    verdict_label: str
    verdict_class: str
    has_trend: bool  # more than one reading: worth a trend chart
    sparkline_svg: str | None
    visibility: str
    progress: GoalProgress  # the analysis, for the trend chart

    @property
    def unit_gap(self) -> str:
        """What goes between the figure and its unit: "58%", "1,410 calls/week"."""
        return wording.unit_gap(self.unit)


def _sparkline(view: Lens, goal: GoalProgress) -> str | None:
    if not goal.readings or goal.baseline is None or goal.target is None:
        return None
    g = wording.gettext
    locale = view.locale
    values = wording.names(
        (
            f"{wording.date(r.date, locale)}: {wording.number(r.value, locale)}"
            for r in goal.readings
        ),
        locale,
    )
    meta = ChartMeta(
        id=f"{view.full.id}-goal-{goal.id}",
        title=g(locale, "Trend of %(goal)s") % {"goal": goal.title},
        desc=values,
        lang=locale,
        width=160,
    )
    return charts.goal_sparkline(_series(view, goal), meta, view.theme)


def _series(view: Lens, goal: GoalProgress) -> charts.GoalSeries:
    g = wording.gettext
    assert goal.baseline is not None and goal.target is not None
    return charts.GoalSeries(
        measurements=tuple((r.date, r.value) for r in goal.readings),
        baseline=goal.baseline,
        target=goal.target,
        baseline_label=g(view.locale, "Baseline"),
        target_label=g(view.locale, "Target"),
        measured_label=g(view.locale, "Measured"),
        deadline=goal.deadline,
    )


def goal_rows(view: Lens, sparklines: bool = True) -> tuple[GoalRow, ...]:
    """The goals the reader may see, each with its progress at the end of as_of."""
    locale = view.locale
    visibility = {g.id: g.visibility.value for g in view.seen.project.goals}
    rows = []
    for goal in goals_progress(view.seen, view.as_of):
        rows.append(
            GoalRow(
                id=goal.id,
                title=goal.title,
                metric=goal.metric,
                unit=goal.unit,
                baseline=wording.with_unit(goal.baseline, goal.unit, locale),
                target=wording.with_unit(goal.target, goal.unit, locale),
                current=wording.with_unit(goal.current, goal.unit, locale),
                current_number=wording.number(goal.current, locale),
                current_date=goal.current_date,
                deadline=goal.deadline,
                direction=goal.direction,
                percent=goal.percent,
                percent_text=i18n.format_pct(
                    None if goal.percent is None else goal.percent / 100, locale
                ),
                verdict=(verdict := shown_verdict(goal, view.as_of)),
                verdict_label=wording.label("verdict", verdict, locale),
                verdict_class=VERDICT_CLASS.get(verdict, ""),
                has_trend=len(goal.readings) > 1,
                sparkline_svg=_sparkline(view, goal) if sparklines else None,
                visibility=visibility[goal.id],
                progress=goal,
            )
        )
    return tuple(rows)


def trend_chart(view: Lens, row: GoalRow, *, today_label: str, width: int) -> str | None:
    """A goal's readings against baseline and target, for a report page."""
    goal = row.progress
    if goal.baseline is None or goal.target is None:
        return None
    data = charts.GoalTrend(
        goal=_series(view, goal),
        today=view.chart_day,
        today_label=today_label,
        empty_label=wording.gettext(view.locale, "No measurements yet"),
        format_value=view.formats.number,
        format_month=view.formats.month,
        format_year=view.formats.year,
    )
    meta = ChartMeta(
        id=f"{view.full.id}-goal-{goal.id}-trend",
        title=goal.title,
        desc=goal.metric or "",
        lang=view.locale,
        width=width,
    )
    return charts.goal_trend_chart(data, meta, view.theme)
