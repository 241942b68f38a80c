"""Page 1 of a PDF report: what a busy reader takes in within ten seconds.

The status (colour, label and one-line reason), the key dates (planned and expected end,
the next milestone), the budget against the work done, and the decisions asked of the
client, with who decides, by when and an overdue mark. Every value comes from the rules
the portal prints (present.health, present.portal.dates and .cost, present.decisions), so
page 1, the sections behind it and the client's portal never disagree.

The reason is the PM's own words when the latest update gives them; otherwise the first
computed reason as the reader may read it (a client reads no thresholds and no remarks
about the PM's update routine: present.health.client_reasons).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.present import plain_words, wording
from generator.present import portal as portal_
from generator.present.decisions import DecisionRow
from generator.present.portal import CostView
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
    level: str  # green | amber | red | completed: the CSS class
    label: str  # "Off track" / "未按计划"
    icon: str
    reason: str  # one line
    reasons: tuple[str, ...]  # the computed reasons as this reader may read them
    key_dates: tuple[KeyDate, ...]
    cost: CostView | None  # the budget used against the work done; None without one
    decisions: tuple[DecisionRow, ...]  # open at the end of the period, soonest first
    overdue: int  # how many of them are overdue


def front_page(report: ReportView) -> FrontPage:
    view = report.lens
    locale = view.locale
    g = wording.gettext
    health = report.health
    reasons = health.computed_reasons
    if health.reported_reason:
        reason = health.reported_reason
    elif reasons:
        reason = reasons[0]
    else:
        reason = g(locale, plain_words.AS_PLANNED)
    when = portal_.dates(view)
    finished = when.actual_end is not None
    end = when.actual_end or when.forecast_end or when.planned_end
    days = (end - when.planned_end).days
    items = [KeyDate(g(locale, PLANNED_END), wording.date(when.planned_end, locale), "", False)]
    items.append(
        KeyDate(
            g(locale, FINISHED if finished else EXPECTED_END),
            wording.date(end, locale),
            plain_words.lateness(days, locale),
            days > 0,
        )
    )
    upcoming = report.next_milestone
    if upcoming is not None and not finished:
        items.append(
            KeyDate(
                g(locale, NEXT_MILESTONE),
                wording.date(upcoming.forecast, locale),
                upcoming.title,
                upcoming.variance_days > 0,
            )
        )
    return FrontPage(
        level=health.css,
        label=health.label,
        icon=health.icon,
        reason=reason,
        reasons=reasons,
        key_dates=tuple(items),
        cost=portal_.cost(view),
        decisions=report.decisions,
        overdue=sum(1 for d in report.decisions if d.overdue),
    )


PLANNED_END = N_("Planned end")
EXPECTED_END = N_("Expected end")
FINISHED = N_("Finished")
NEXT_MILESTONE = N_("Next milestone")
