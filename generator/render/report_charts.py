"""The report's charts: analysis values into the shared SVG chart module, labels localized.

Charts are inline SVG in the report HTML, so WeasyPrint draws them as vectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from babel.dates import format_skeleton
from babel.numbers import format_compact_currency

from generator import i18n
from generator.analyze.earned_value import EarnedValuePoint, project_earned_value
from generator.analyze.periods import completed_periods, month_of
from generator.analyze.schedule import MilestoneStatus
from generator.analyze.smart import GoalProgress
from generator.analyze.surveys import SMALL_SAMPLE
from generator.model.portfolio import ProjectData
from generator.render import charts, wording
from generator.render.report_survey import Wave

Status = charts.Status
_STATE = {
    "done": Status.DONE,
    "done_late": Status.DONE,
    "on_track": Status.ON_TRACK,
    "slipping": Status.AT_RISK,
    "overdue": Status.OFF_TRACK,
}


class ChartKit:
    """Formatters, theme and labels for one report's locale."""

    def __init__(self, locale: str, prefix: str, theme: charts.Theme, width: int = 640) -> None:
        self.locale = locale
        self.prefix = prefix
        self.theme = theme
        self.width = width
        self._babel = i18n.babel_locale(locale)

    def _(self, message: str) -> str:
        return wording.gettext(self.locale, message)

    def meta(self, name: str, title: str, desc: str = "") -> charts.ChartMeta:
        return charts.ChartMeta(
            id=f"{self.prefix}-{name}", title=title, desc=desc, lang=self.locale, width=self.width
        )

    def month(self, day: dt.date) -> str:
        return format_skeleton("MMM", day, locale=self._babel)

    def year(self, day: dt.date) -> str:
        return format_skeleton("y", day, locale=self._babel)

    def number(self, value: float) -> str:
        return wording.number(value, self.locale, 1)

    def money(self, currency: str) -> Callable[[float], str]:
        def fmt(value: float) -> str:
            return format_compact_currency(
                value, currency, locale=self._babel, fraction_digits=0
            ).replace("\xa0", " ")

        return fmt

    def timeline(self, milestones: Sequence[MilestoneStatus], today: dt.date) -> str:
        rows = tuple(
            charts.TimelineMilestone(
                label=m.title,
                planned=m.planned,
                forecast=None if m.done else m.forecast,
                actual=m.actual,
                status=_STATE[m.state],
                note=wording.variance(m.variance_days, self.locale),
            )
            for m in milestones
        )
        data = charts.Timeline(
            milestones=rows,
            today=today,
            planned_label=self._("Planned"),
            forecast_label=self._("Forecast"),
            actual_label=self._("Actual"),
            today_label=self._("Period end"),
            empty_label=self._("No milestones yet"),
            format_month=self.month,
            format_year=self.year,
        )
        return charts.timeline_chart(data, self.meta("timeline", self._("Milestone timeline")))

    def earned_value(
        self, data: ProjectData, series: Sequence[EarnedValuePoint], currency: str
    ) -> str:
        months = [
            charts.EarnedValueMonth(p.date, p.value.pv, p.value.ev, p.value.ac) for p in series
        ]
        last = series[-1].date if series else data.project.start
        # The plan is known to the end: draw PV for the months still to come.
        end = month_of(data.project.planned_end).end
        for month in completed_periods("month", last + dt.timedelta(days=1), end):
            value = project_earned_value(data, month.end)
            if value is not None:
                months.append(charts.EarnedValueMonth(month.end, value.pv))
        chart = charts.EarnedValue(
            months=tuple(months),
            pv_label=self._("Planned value (PV)"),
            ev_label=self._("Earned value (EV)"),
            ac_label=self._("Actual cost (AC)"),
            format_money=self.money(currency),
            today=last,
            today_label=self._("Period end"),
            empty_label=self._("No data yet"),
            format_month=self.month,
            format_year=self.year,
        )
        return charts.earned_value_chart(chart, self.meta("ev", self._("Earned value")))

    def burn_up(self, points: Sequence[tuple[dt.date, float, float, float]]) -> str:
        weeks = tuple(charts.BurnupWeek(d, s, p, done) for d, s, p, done in points)
        data = charts.Burnup(
            weeks=weeks,
            scope_label=self._("Scope (hours)"),
            planned_label=self._("Planned"),
            done_label=self._("Done"),
            empty_label=self._("No data yet"),
            format_value=self.number,
            format_month=self.month,
            format_year=self.year,
        )
        return charts.burnup_chart(data, self.meta("burnup", self._("Work done against plan")))

    def goal(self, goal: GoalProgress, today: dt.date) -> str | None:
        if goal.baseline is None or goal.target is None:
            return None
        series = charts.GoalSeries(
            measurements=tuple((r.date, r.value) for r in goal.readings),
            baseline=goal.baseline,
            target=goal.target,
            baseline_label=self._("Baseline"),
            target_label=self._("Target"),
            measured_label=self._("Measured"),
            deadline=goal.deadline,
        )
        data = charts.GoalTrend(
            goal=series,
            today=today,
            today_label=self._("Period end"),
            empty_label=self._("No measurements yet"),
            format_value=self.number,
            format_month=self.month,
            format_year=self.year,
        )
        meta = self.meta(f"goal-{goal.id}", goal.title, goal.metric or "")
        return charts.goal_trend_chart(data, meta)

    def exposure(self, points: Sequence[tuple[dt.date, int]], today: dt.date) -> str:
        data = charts.RiskExposure(
            points=tuple((d, float(v)) for d, v in points),
            exposure_label=self._("Total exposure of open risks"),
            today=today,
            today_label=self._("Period end"),
            empty_label=self._("No risks recorded"),
            format_value=self.number,
            format_month=self.month,
            format_year=self.year,
        )
        return charts.risk_exposure_chart(data, self.meta("exposure", self._("Risk exposure")))

    def _count(self, count: int, share: float) -> str:
        return f"{count} ({i18n.format_pct(share, self.locale)})"

    def _distribution(
        self,
        name: str,
        title: str,
        bars: Sequence[charts.SurveyBar],
        labels: tuple[str, str, str],
        n: int,
    ) -> str:
        data = charts.SurveyDistribution(
            bars=tuple(bars),
            negative_label=labels[0],
            neutral_label=labels[1],
            positive_label=labels[2],
            empty_label=self._("No answers yet"),
            format_count=self._count,
        )
        desc = self._("Number of answers per scale point (n = %(n)d).") % {"n": n}
        if n < SMALL_SAMPLE:
            desc += " " + self._("Fewer than 10 answers: read the counts, not the shape.")
        return charts.survey_distribution_chart(data, self.meta(name, title, desc), self.theme)

    def nps_distribution(self, wave: Wave) -> str | None:
        """Answers 10 down to 0, bracketed as promoters, passives and detractors."""
        if not wave.nps_counts:
            return None
        sentiment = charts.Sentiment
        bars = [
            charts.SurveyBar(
                str(point),
                wave.nps_counts[point],
                sentiment.POSITIVE
                if point >= 9
                else sentiment.NEUTRAL
                if point >= 7
                else sentiment.NEGATIVE,
            )
            for point in range(10, -1, -1)
        ]
        labels = (self._("Detractors"), self._("Passives"), self._("Promoters"))
        title = self._("Likelihood to recommend (0–10)")
        return self._distribution("nps", title, bars, labels, sum(wave.nps_counts))

    def csat_distribution(self, wave: Wave) -> str | None:
        """Answers 5 down to 1, bracketed as satisfied, neutral and dissatisfied."""
        if not wave.csat_counts:
            return None
        sentiment = charts.Sentiment
        bars = [
            charts.SurveyBar(
                str(point),
                wave.csat_counts[point - 1],
                sentiment.POSITIVE
                if point >= 4
                else sentiment.NEUTRAL
                if point == 3
                else sentiment.NEGATIVE,
            )
            for point in range(5, 0, -1)
        ]
        labels = (self._("Dissatisfied"), self._("Neutral"), self._("Satisfied"))
        title = self._("Overall satisfaction (1–5)")
        return self._distribution("csat", title, bars, labels, sum(wave.csat_counts))
