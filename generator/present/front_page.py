"""Page 1 of a PDF report: what a busy reader takes in within ten seconds.

The status (colour, label and one-line reason), the key dates (planned and expected end,
the next milestone) and the decisions asked of the client, with who decides, by when and
an overdue mark. Every value comes from the ReportView the rest of the report prints, so
page 1 and the sections behind it never disagree.

The reason is the PM's own words when the latest update gives them; otherwise the first
computed reason, worded for the reader (a client reads no thresholds and no remarks about
the PM's update routine: present.plain_words).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyze.health import health_view
from generator.analyze.key_dates import key_dates
from generator.present import plain_words, wording
from generator.present.decisions import DecisionRow
from generator.present.report import ReportView
from generator.present.wording import N_


@dataclass(frozen=True)
class KeyDate:
    label: str
    value: str  # the date in the report's style
    note: str  # "70 days late", or the milestone's title
    late: bool


@dataclass(frozen=True)
class FrontPage:
    level: str  # green | amber | red: the CSS class
    label: str  # "Off track" / "未按计划"
    icon: str
    reason: str  # one line
    reasons: tuple[str, ...]  # the computed reasons as this reader may read them
    key_dates: tuple[KeyDate, ...]
    decisions: tuple[DecisionRow, ...]  # open at the end of the period, soonest first
    overdue: int  # how many of them are overdue


def front_page(report: ReportView) -> FrontPage:
    view = report.lens
    locale = view.locale
    g = wording.gettext
    health = report.health
    if view.client:
        found = health_view(view.full, view.as_of, view.rules, client_only=True)
        reasons = plain_words.client_reasons(found.computed.reasons, locale)
    else:
        reasons = health.computed_reasons
    if health.reported_reason:
        reason = health.reported_reason
    elif reasons:
        reason = reasons[0]
    else:
        reason = g(locale, plain_words.AS_PLANNED)
    dates = key_dates(view.seen.project, view.as_of)
    late = dates.end_variance_days > 0
    items = [KeyDate(g(locale, PLANNED_END), wording.date(dates.planned_end, locale), "", False)]
    items.append(
        KeyDate(
            g(locale, FINISHED if dates.finished else EXPECTED_END),
            wording.date(dates.expected_end, locale),
            plain_words.lateness(dates.end_variance_days, locale),
            late,
        )
    )
    upcoming = report.next_milestone
    if upcoming is not None:
        items.append(
            KeyDate(
                g(locale, NEXT_MILESTONE),
                wording.date(upcoming.forecast, locale),
                upcoming.title,
                upcoming.variance_days > 0,
            )
        )
    return FrontPage(
        level=health.level,
        label=health.label,
        icon=health.icon,
        reason=reason,
        reasons=reasons,
        key_dates=tuple(items),
        decisions=report.decisions,
        overdue=sum(1 for d in report.decisions if d.overdue),
    )


PLANNED_END = N_("Planned end")
EXPECTED_END = N_("Expected end")
FINISHED = N_("Finished")
NEXT_MILESTONE = N_("Next milestone")
