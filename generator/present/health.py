"""Health as a reader sees it: the level shown, its label, symbol and reason, and the
computed health beside the PM's when they differ.

Rule: the level shown is the PM's from the latest update the reader may see, else the
computed one; both are computed for the reader's audience (a client's health leaves out
internal milestones and risks, whose titles its reasons would name). A project closed by
`as_of` has no traffic light: its label is "Completed" / "已结项" (the project status the
portal's outcome prints) with a check mark, and no computed health disagrees with it.
Every output (portal, status.json, badge, feed, PDF, e-mail, chat card) prints this
HealthDisplay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.analyze.health import health_view
from generator.analyze.reasons import Reason
from generator.model.base import Health
from generator.model.project import ProjectStatus
from generator.present import wording
from generator.present.context import Lens
from generator.present.plain_words import AS_PLANNED, HYGIENE

COMPLETED_ICON = wording.HEALTH_ICON["green"]  # the check mark the portal's outcome shows
RANK = {"green": 0, "amber": 1, "red": 2}  # for sorting: worst last


@dataclass(frozen=True)
class Level:
    """One health level, ready to print: the CSS class is the level itself."""

    level: str  # "green" | "amber" | "red"
    label: str  # "At risk" / "存在风险"
    icon: str  # a text symbol, so health never relies on colour alone
    rank: int  # 0 green, 1 amber, 2 red: a sort key


def level(value: Health | str, locale: str) -> Level:
    key = str(getattr(value, "value", value))
    return Level(key, wording.label("health", key, locale), wording.HEALTH_ICON[key], RANK[key])


@dataclass(frozen=True)
class HealthDisplay:
    level: str  # what the outputs show
    label: str
    icon: str
    rank: int
    reason: str  # one line: the PM's words if reported, else the first computed reason
    reported_level: str | None
    reported_label: str | None
    reported_reason: str | None  # the PM's own words
    reported_date: dt.date | None
    computed_level: str
    computed_label: str
    computed_reasons: tuple[str, ...]  # localized sentences, worst first
    differs: bool  # the PM's colour differs from the computed one: show both
    completed: bool = False  # closed by as_of: the label says "Completed", no colour verdict

    @property
    def css(self) -> str:
        """The CSS class of the status box: the level, or "completed"."""
        return "completed" if self.completed else self.level


# Earned value is the team's: a client's reasons leave these findings out.
_EARNED_VALUE = frozenset({"spi_low", "cpi_low"})


def client_reasons(items: Iterable[Reason], locale: str) -> tuple[str, ...]:
    """The computed reasons as a client reads them: no thresholds of the health rules, no
    earned value indices (SPI, CPI), no remarks about the PM's update routine (HYGIENE)."""
    out = []
    for item in items:
        if item.code in _EARNED_VALUE or item.code in HYGIENE:
            continue
        if item.code == "milestone_slip":
            out.append(
                wording.gettext(locale, "%(milestone)s is forecast %(days)s late")
                % {
                    "milestone": item.params["milestone"],
                    "days": wording.days(int(str(item.params["days"])), locale),
                }
            )
        else:
            out.append(wording.reason(item, locale))
    return tuple(out)


def health_display(view: Lens) -> HealthDisplay:
    found = health_view(view.full, view.as_of, view.rules, client_only=view.client)
    locale = view.locale
    if view.client:
        computed_reasons = client_reasons(found.computed.reasons, locale)
    else:
        computed_reasons = wording.reasons(found.computed.reasons, locale)
    reported = found.reported
    if reported and reported.reason:
        reason = reported.reason
    elif computed_reasons:
        reason = computed_reasons[0]
    else:
        reason = wording.gettext(locale, AS_PLANNED)
    shown = level(found.display, locale)
    completed = view.full.project.status == ProjectStatus.closed
    return HealthDisplay(
        level=shown.level,
        label=wording.label("project_status", ProjectStatus.closed, locale)
        if completed
        else shown.label,
        icon=COMPLETED_ICON if completed else shown.icon,
        rank=shown.rank,
        reason=reason,
        reported_level=reported.health.value if reported else None,
        reported_label=wording.label("health", reported.health, locale) if reported else None,
        reported_reason=reported.reason if reported else None,
        reported_date=reported.date if reported else None,
        computed_level=found.computed.health.value,
        computed_label=wording.label("health", found.computed.health, locale),
        computed_reasons=computed_reasons,
        differs=found.differs and not completed,
        completed=completed,
    )


def levels(locale: str) -> tuple[Level, ...]:
    """Red, amber, green: the dashboard's summary tiles."""
    return tuple(level(h, locale) for h in ("red", "amber", "green"))
