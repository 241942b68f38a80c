"""Words for a client's copy: which computed reasons are the team's business, the line
said when nothing is off plan, and schedule variances said as "late" or "early".

Remarks about the PM's own routine (no update for 10 days, a goal without an owner) are for
the team only: present.health.client_reasons leaves the HYGIENE codes out.
"""

from __future__ import annotations

from generator.present import wording
from generator.present.wording import N_

# Reasons about keeping the workspace up to date: the team's business, not the client's.
HYGIENE = frozenset(
    {
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
)

# A sentence: printed as the status reason on page 1, the portal and status.json.
AS_PLANNED = N_("Milestones, work and risks are going to plan.")


def lateness(days: int, locale: str) -> str:
    """'70 days late' / '5 days early' / 'as planned'."""
    if days > 0:
        return wording.gettext(locale, "%(days)s late") % {"days": wording.days(days, locale)}
    if days < 0:
        return wording.gettext(locale, "%(days)s early") % {"days": wording.days(-days, locale)}
    return wording.gettext(locale, "as planned")
