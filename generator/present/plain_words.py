"""Words for a client's copy: the computed reasons without thresholds or update hygiene,
and schedule variances said as "late" or "early".

The team's copy words a reason with the rule that fired ("forecast 112 days late (limit 15
days)"); a client reads what happened ("is expected 112 days late"). Remarks about the
PM's own routine (no update for 10 days, a goal without an owner) are for the team only:
`client_reason` returns None for them.
"""

from __future__ import annotations

from generator.analyze.reasons import Reason
from generator.present import wording
from generator.present.wording import N_

# Reasons about keeping the workspace up to date: the team's business, not the client's.
HYGIENE = {
    "update_stale",
    "no_client_update",
    "goal_no_metric",
    "goal_no_target",
    "goal_no_baseline",
    "goal_no_deadline",
    "goal_no_owner",
    "goal_deadline_outside",
    "goal_unknown_owner",
    "goal_target_not_ahead",
}

AS_PLANNED = N_("Milestones, work and risks are going to plan")


def client_reason(item: Reason, locale: str) -> str | None:
    """One sentence for a client, or None when the reason is the team's business."""
    g = wording.gettext
    p = item.params
    if item.code in HYGIENE:
        return None
    if item.code == "milestone_slip":
        return g(locale, "%(milestone)s is expected %(days)s late") % {
            "milestone": p["milestone"],
            "days": wording.days(int(str(p["days"])), locale),
        }
    if item.code == "spi_low":
        return g(locale, "Less work is done than the plan foresees by now")
    if item.code == "cpi_low":
        return g(locale, "Spending runs ahead of the work done")
    return wording.reason(item, locale)


def client_reasons(items: tuple[Reason, ...], locale: str) -> tuple[str, ...]:
    return tuple(text for r in items if (text := client_reason(r, locale)) is not None)


def lateness(days: int, locale: str) -> str:
    """'70 days late' / '5 days early' / 'as planned'."""
    if days > 0:
        return wording.gettext(locale, "%(days)s late") % {"days": wording.days(days, locale)}
    if days < 0:
        return wording.gettext(locale, "%(days)s early") % {"days": wording.days(-days, locale)}
    return wording.gettext(locale, "as planned")
