"""Project health: computed from the site's HealthRules, and as the PM reported it.

Each rule that fires gives a Finding (level + Reason); the computed health is the worst
level. The PM's own health in the latest update wins for display, and a view that shows
both lets the reader see when they disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.analyze.earned_value import EarnedValue, project_earned_value
from generator.analyze.reasons import Reason
from generator.analyze.risks import risk_states
from generator.analyze.schedule import MilestoneStatus, milestone_statuses
from generator.model.base import Health, Visibility
from generator.model.portfolio import ProjectData
from generator.model.project import ProjectStatus
from generator.model.site import HealthRules

_RANK = {Health.green: 0, Health.amber: 1, Health.red: 2}


@dataclass(frozen=True)
class Finding:
    level: Health
    reason: Reason


@dataclass(frozen=True)
class ComputedHealth:
    health: Health
    findings: tuple[Finding, ...]  # worst first; empty when green

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(f.reason for f in self.findings)


@dataclass(frozen=True)
class ReportedHealth:
    health: Health
    reason: str | None  # the PM's own words, in the project's language
    date: dt.date
    source: str  # the update file it came from


@dataclass(frozen=True)
class HealthView:
    display: Health  # the PM's if reported, else the computed one
    computed: ComputedHealth
    reported: ReportedHealth | None
    differs: bool  # the PM reported a different colour from the computed one


def worst(levels: Iterable[Health]) -> Health:
    return max(levels, key=_RANK.__getitem__, default=Health.green)


def _level(value: float, amber: float, red: float, higher_is_worse: bool) -> Health:
    if higher_is_worse:
        value, amber, red = -value, -amber, -red
    if value <= red:
        return Health.red
    if value <= amber:
        return Health.amber
    return Health.green


def slip_level(status: MilestoneStatus, rules: HealthRules) -> Health:
    """The level of one open milestone's forecast slip (green when done or on plan)."""
    if status.done or status.variance_days <= 0:
        return Health.green
    return _level(status.variance_days, rules.slip_amber_days, rules.slip_red_days, True)


def milestone_level(status: MilestoneStatus, rules: HealthRules) -> Health | None:
    """The colour of one milestone, the same rule the computed health applies: None once
    reached; an overdue milestone is red when one overdue milestone makes the project red
    (overdue_milestones_red: 1, the default), else amber; otherwise its slip decides."""
    if status.done:
        return None
    if status.state == "overdue":
        return Health.red if rules.overdue_milestones_red <= 1 else Health.amber
    return slip_level(status, rules)


def budget_level(used: float | None, elapsed: float, rules: HealthRules) -> Health:
    """Budget used against time elapsed: amber or red once the spending runs ahead of the
    calendar by budget_amber_gap / budget_red_gap (shares of the budget, 0..1)."""
    gap = round((used or 0.0) - elapsed, 9)  # 0.55 - 0.50 is exactly 5 points, not more
    if gap > rules.budget_red_gap:
        return Health.red
    if gap > rules.budget_amber_gap:
        return Health.amber
    return Health.green


def cost_level(value: EarnedValue | None, rules: HealthRules) -> Health:
    """Cost performance: amber or red once the CPI is at or below cpi_amber / cpi_red (the
    estimate at completion then runs over the budget). Like the health check, it judges
    only once ev_from_percent of the work is planned."""
    if value is None or value.cpi is None or value.planned_fraction * 100 < rules.ev_from_percent:
        return Health.green
    return _level(value.cpi, rules.cpi_amber, rules.cpi_red, False)


def _schedule(data: ProjectData, as_of: dt.date, rules: HealthRules) -> list[Finding]:
    findings = []
    statuses = milestone_statuses(data.project.milestones, as_of)
    for status in statuses:
        level = slip_level(status, rules)
        if level != Health.green:
            threshold = rules.slip_red_days if level == Health.red else rules.slip_amber_days
            params = {"milestone": status.title, "days": status.variance_days}
            findings.append(
                Finding(level, Reason("milestone_slip", params | {"threshold": threshold}))
            )
    overdue = [s for s in statuses if s.state == "overdue"]
    if overdue:
        level = Health.red if len(overdue) >= rules.overdue_milestones_red else Health.amber
        params = {
            "count": len(overdue),
            "milestones": tuple(s.title for s in overdue),
            "days": max(s.days_overdue for s in overdue),
        }
        findings.append(Finding(level, Reason("milestones_overdue", params)))
    return findings


def _earned_value(data: ProjectData, as_of: dt.date, rules: HealthRules) -> list[Finding]:
    value = project_earned_value(data, as_of)
    # Early on, a day's delay swings SPI and CPI wildly: judge them once enough work is due.
    if value is None or value.planned_fraction * 100 < rules.ev_from_percent:
        return []
    findings = []
    for code, index, amber, red in (
        ("spi_low", value.spi, rules.spi_amber, rules.spi_red),
        ("cpi_low", value.cpi, rules.cpi_amber, rules.cpi_red),
    ):
        if index is None:
            continue
        level = _level(index, amber, red, False)
        if level != Health.green:
            threshold = red if level == Health.red else amber
            name = code.removesuffix("_low")
            findings.append(Finding(level, Reason(code, {name: index, "threshold": threshold})))
    return findings


def _risks(data: ProjectData, as_of: dt.date, rules: HealthRules) -> list[Finding]:
    states = risk_states(data.risks, as_of, rules.high_risk_exposure)
    high = [s for s in states if s.is_open and s.level == "high"]
    level = _level(len(high), rules.high_risks_amber, rules.high_risks_red, True)
    if level == Health.green:
        return []
    params = {
        "count": len(high),
        "risks": tuple(s.title for s in high),
        "exposure": rules.high_risk_exposure,
    }
    return [Finding(level, Reason("high_risks_open", params))]


def _staleness(data: ProjectData, as_of: dt.date, rules: HealthRules) -> list[Finding]:
    if data.project.status != ProjectStatus.active or as_of < data.project.start:
        return []
    visible = [
        u.date for u in data.updates if u.visibility == Visibility.client and u.date <= as_of
    ]
    threshold = rules.stale_update_days
    if visible:
        days = (as_of - max(visible)).days
        if days >= threshold:
            params = {"days": days, "last_update": max(visible), "threshold": threshold}
            return [Finding(Health.amber, Reason("update_stale", params))]
        return []
    days = (as_of - data.project.start).days
    if days >= threshold:
        return [
            Finding(
                Health.amber, Reason("no_client_update", {"days": days, "threshold": threshold})
            )
        ]
    return []


def computed_health(
    data: ProjectData, as_of: dt.date, rules: HealthRules, client_only: bool = False
) -> ComputedHealth:
    """Health from the rules; with `client_only`, only what the client may see counts.

    For a client, internal milestones and risks are left out (their titles would show in
    the reasons) and so are costs, which are always internal: the CPI rule cannot fire.
    """
    if client_only:
        data = _client_view(data)
    findings = [
        *_schedule(data, as_of, rules),
        *_earned_value(data, as_of, rules),
        *_risks(data, as_of, rules),
        *_staleness(data, as_of, rules),
    ]
    # Stable sort keeps the rule order within a level.
    findings.sort(key=lambda f: -_RANK[f.level])
    return ComputedHealth(worst(f.level for f in findings), tuple(findings))


def _client_view(data: ProjectData) -> ProjectData:
    milestones = [m for m in data.project.milestones if m.visibility == Visibility.client]
    return replace(
        data,
        project=data.project.model_copy(update={"milestones": milestones}),
        risks=tuple(r for r in data.risks if r.visibility == Visibility.client),
        costs=(),
    )


def reported_health(
    data: ProjectData, as_of: dt.date, client_only: bool = False
) -> ReportedHealth | None:
    """The health the PM gave in the latest update by `as_of` that states one.

    With `client_only`, internal updates are ignored (a client must not see them).
    """
    # Newest first; of two updates on one day the one listed later wins.
    ordered = sorted(enumerate(data.updates), key=lambda iu: (iu[1].date, iu[0]), reverse=True)
    for _, update in ordered:
        if update.date > as_of or update.health is None:
            continue
        if client_only and update.visibility != Visibility.client:
            continue
        return ReportedHealth(update.health, update.health_reason, update.date, update.source)
    return None


def health_view(
    data: ProjectData, as_of: dt.date, rules: HealthRules, client_only: bool = False
) -> HealthView:
    computed = computed_health(data, as_of, rules, client_only)
    reported = reported_health(data, as_of, client_only)
    return HealthView(
        display=reported.health if reported else computed.health,
        computed=computed,
        reported=reported,
        differs=reported is not None and reported.health != computed.health,
    )
