"""Milestone rows, the next milestone and the timeline chart, one colour rule for all.

The colour of a milestone is analyze.health.milestone_level, the rule the computed health
applies (slip_amber_days / slip_red_days / overdue_milestones_red of the workspace's
health settings): the portal, the PDFs and the timeline chart print its `status`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.analyze.health import milestone_level
from generator.analyze.schedule import MilestoneStatus, milestone_statuses, next_milestone
from generator.model.site import HealthRules
from generator.present import charts, wording
from generator.present.charts import ChartMeta, Status
from generator.present.context import Lens
from generator.present.formats import both

# The level of a milestone as a CSS and chart class.
STATUS = {None: "done", "green": "on_track", "amber": "at_risk", "red": "off_track"}
# A report's column (640 px) gives the names up to half its width beside their rows: the
# chart then fits the space left under a milestone table instead of moving to the next page.
REPORT_LABEL_SHARE = 0.5
_CHART = {
    "done": Status.DONE,
    "on_track": Status.ON_TRACK,
    "at_risk": Status.AT_RISK,
    "off_track": Status.OFF_TRACK,
}


@dataclass(frozen=True)
class SlipRow:
    date: dt.date
    previous: dt.date
    forecast: dt.date
    days: int
    variance: str
    reason: str | None


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    title: str
    key: bool
    planned: dt.date
    forecast: dt.date
    actual: dt.date | None
    done: bool
    variance_days: int
    variance: str  # "+12 d" / "on plan"
    variance_class: str  # "late" | "early" | "": how the variance is marked
    state: str
    state_label: str
    status: str  # "done" | "on_track" | "at_risk" | "off_track": a CSS and chart class
    acceptance: str
    acceptance_label: str
    slips: tuple[SlipRow, ...]
    visibility: str


def status_of(s: MilestoneStatus, rules: HealthRules) -> str:
    found = milestone_level(s, rules)
    return STATUS[found.value if found else None]


def shown_state(s: MilestoneStatus, as_of: dt.date | None) -> str:
    """The state a reader is told (its label): an open milestone whose planned date has
    passed is "late" (it is, whatever its new forecast); "slipping" is for a planned date
    still ahead."""
    if s.state == "slipping" and as_of is not None and s.planned < as_of:
        return "late"
    return s.state


def milestone_row(
    s: MilestoneStatus, locale: str, rules: HealthRules, as_of: dt.date | None = None
) -> MilestoneRow:
    n = s.variance_days
    return MilestoneRow(
        id=s.id,
        title=s.title,
        key=s.key,
        planned=s.planned,
        forecast=s.forecast,
        actual=s.actual,
        done=s.done,
        variance_days=n,
        variance=wording.variance(n, locale),
        variance_class="late" if n > 0 else "early" if n < 0 else "",
        state=s.state,  # the machine value of status.json: "late" is a label only
        state_label=wording.label("milestone_state", shown_state(s, as_of), locale),
        status=status_of(s, rules),
        acceptance=s.acceptance.value,
        acceptance_label=wording.label("acceptance", s.acceptance, locale),
        slips=tuple(
            SlipRow(
                c.date, c.previous, c.forecast, c.days, wording.variance(c.days, locale), c.reason
            )
            for c in s.slips
        ),
        visibility=s.visibility.value,
    )


def milestone_rows(view: Lens) -> tuple[MilestoneRow, ...]:
    """The milestones the reader may see, by planned date."""
    statuses = milestone_statuses(view.seen.project.milestones, view.as_of)
    return tuple(milestone_row(s, view.locale, view.rules, view.as_of) for s in statuses)


def next_row(view: Lens, rows: Sequence[MilestoneRow]) -> MilestoneRow | None:
    """The open milestone expected soonest (an overdue one first): analyze's rule."""
    upcoming = next_milestone(view.seen.project.milestones, view.as_of)
    return next((m for m in rows if upcoming and m.id == upcoming.id), None)


def timeline(
    view: Lens,
    rows: Sequence[MilestoneRow],
    *,
    chart_id: str,
    today_label: str,
    width: int | None = None,
) -> tuple[str, str]:
    """The milestone timeline; with `width` one SVG (twice), else desktop and phone."""
    g = wording.gettext
    locale = view.locale
    items = tuple(
        charts.TimelineMilestone(
            label=m.title,
            planned=m.planned,
            forecast=None if m.actual else m.forecast,
            actual=m.actual,
            status=_CHART[m.status],
            note="" if m.variance_days == 0 else m.variance,
            detail=g(locale, "%(title)s: planned %(planned)s, %(state)s %(date)s (%(variance)s)")
            % {
                "title": m.title,
                "planned": wording.date(m.planned, locale),
                "state": m.state_label,
                "date": wording.date(m.actual or m.forecast, locale),
                "variance": m.variance,
            },
        )
        for m in rows
    )
    data = charts.Timeline(
        milestones=items,
        today=view.chart_day,
        planned_label=g(locale, "Planned"),
        forecast_label=g(locale, "Forecast"),
        actual_label=g(locale, "Actual"),
        today_label=today_label,
        empty_label=g(locale, "No milestones yet"),
        format_month=view.formats.month,
        format_year=view.formats.year,
        label_share=0.34 if width is None else REPORT_LABEL_SHARE,
    )
    meta = ChartMeta(
        id=chart_id,
        title=g(locale, "Milestone timeline"),
        desc=g(locale, "Planned, forecast and actual date of each milestone, with today"),
        lang=locale,
    )
    return both(charts.timeline_chart, data, meta, view.theme, width)
