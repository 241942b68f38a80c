"""Computed health: each rule reaches amber and red at its threshold and says why."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze.health import computed_health, health_view, reported_health
from generator.analyze.reasons import Reason
from generator.model.base import Health
from generator.model.portfolio import ProjectData
from generator.model.site import HealthRules
from tests.factories import cost, d, data, milestone, project, risk, task, update

AS_OF = d("2026-03-02")
RULES = HealthRules()
FRESH = update("2026-02-27")  # a client-visible update three days ago


def make(**kw: Any) -> ProjectData:
    proj_kw = {k: kw.pop(k) for k in ("milestones", "bac") if k in kw}
    kw.setdefault("updates", [FRESH])
    return data(project(**proj_kw), **kw)


def test_a_healthy_project_is_green_without_reasons() -> None:
    result = computed_health(make(milestones=[milestone("m", "2026-04-01")]), AS_OF, RULES)
    assert (result.health, result.findings) == (Health.green, ())


@pytest.mark.parametrize(
    ("days", "level", "threshold"),
    [(4, Health.green, None), (5, Health.amber, 5), (14, Health.amber, 5), (15, Health.red, 15)],
)
def test_milestone_slip(days: int, level: Health, threshold: int | None) -> None:
    slipped = d("2026-04-01").toordinal() + days
    m = milestone(
        "m",
        "2026-04-01",
        forecasts=[("2026-02-20", d("2026-04-01").fromordinal(slipped))],
        title="Design sign-off",
    )
    result = computed_health(make(milestones=[m]), AS_OF, RULES)
    assert result.health == level
    expected = (
        ()
        if threshold is None
        else (
            Reason(
                "milestone_slip",
                {"milestone": "Design sign-off", "days": days, "threshold": threshold},
            ),
        )
    )
    assert result.reasons == expected


def _earned(percent_done: float, spent: float, rules: HealthRules) -> Any:
    # One task planned to be finished by AS_OF: planned 100%, so SPI = percent done.
    work = task("t", "2026-02-23", "2026-03-02", hours=10, progress=[("2026-03-01", percent_done)])
    return computed_health(
        make(bac=1000, tasks=[work], costs=[cost("2026-02-25", spent)]), AS_OF, rules
    )


@pytest.mark.parametrize(
    ("percent", "level"),
    [(96, Health.green), (95, Health.amber), (86, Health.amber), (85, Health.red)],
)
def test_spi(percent: float, level: Health) -> None:
    result = _earned(percent, spent=percent * 10, rules=RULES)  # CPI stays 1
    assert result.health == level
    if level != Health.green:
        (reason,) = result.reasons
        threshold = RULES.spi_red if level == Health.red else RULES.spi_amber
        assert reason.code == "spi_low"
        assert reason.params == {"spi": pytest.approx(percent / 100), "threshold": threshold}
    else:
        assert result.reasons == ()


@pytest.mark.parametrize(
    ("spent", "level", "cpi"),
    [(1240, Health.green, None), (1250, Health.amber, 0.8), (2000, Health.red, 0.5)],
)
def test_cpi(spent: float, level: Health, cpi: float | None) -> None:
    rules = HealthRules(cpi_amber=0.8, cpi_red=0.5)
    result = _earned(100, spent, rules)
    assert result.health == level
    if cpi is None:
        assert result.reasons == ()
    else:
        threshold = 0.5 if level == Health.red else 0.8
        assert result.reasons == (Reason("cpi_low", {"cpi": cpi, "threshold": threshold}),)


def test_overdue_milestones_amber_below_the_red_count_then_red() -> None:
    rules = HealthRules(overdue_milestones_red=2)
    one = [milestone("a", "2026-02-20", title="Content freeze"), milestone("z", "2026-05-01")]
    result = computed_health(make(milestones=one), AS_OF, rules)
    assert result.health == Health.amber
    assert result.reasons == (
        Reason("milestones_overdue", {"count": 1, "milestones": ("Content freeze",), "days": 10}),
    )
    two = [*one, milestone("b", "2026-02-27", title="QA")]
    result = computed_health(make(milestones=two), AS_OF, rules)
    assert result.health == Health.red
    assert result.reasons[0].params["count"] == 2
    # With the default rule a single overdue milestone is already red.
    assert computed_health(make(milestones=one), AS_OF, RULES).health == Health.red


def test_reached_milestones_are_not_overdue() -> None:
    done = milestone("a", "2026-02-20", actual="2026-02-20")
    assert computed_health(make(milestones=[done]), AS_OF, RULES).health == Health.green


def test_open_high_risks() -> None:
    noise = [
        risk("low", "2026-01-10", 3, 4),  # 12: below 15
        risk("gone", "2026-01-10", 5, 5, history=[("2026-02-01", {"status": "closed"})]),
        risk("future", "2026-03-05", 5, 5),  # raised after AS_OF
    ]
    high = [risk(f"h{n}", "2026-01-10", 4, 4, title=f"High {n}") for n in range(3)]
    assert computed_health(make(risks=noise), AS_OF, RULES).health == Health.green
    one = computed_health(make(risks=[*noise, high[0]]), AS_OF, RULES)
    assert one.health == Health.amber
    assert one.reasons == (
        Reason("high_risks_open", {"count": 1, "risks": ("High 0",), "exposure": 15}),
    )
    assert computed_health(make(risks=[*noise, *high[:2]]), AS_OF, RULES).health == Health.amber
    three = computed_health(make(risks=[*noise, *high]), AS_OF, RULES)
    assert three.health == Health.red
    assert three.reasons[0].params["count"] == 3


def test_a_risk_escalated_by_its_history_counts_from_that_day() -> None:
    rising = risk("r", "2026-01-10", 2, 4, history=[("2026-02-25", {"probability": 4})])
    subject = make(risks=[rising], updates=[update("2026-02-20"), FRESH])
    assert computed_health(subject, d("2026-02-24"), RULES).health == Health.green
    assert computed_health(subject, AS_OF, RULES).health == Health.amber


def test_stale_client_updates() -> None:
    internal_recent = update("2026-03-01", visibility="internal")
    nine = make(updates=[update("2026-02-21"), internal_recent])
    assert computed_health(nine, AS_OF, RULES).health == Health.green
    ten = make(updates=[update("2026-02-20"), internal_recent])
    result = computed_health(ten, AS_OF, RULES)
    assert result.health == Health.amber
    assert result.reasons == (
        Reason("update_stale", {"days": 10, "last_update": d("2026-02-20"), "threshold": 10}),
    )
    never = computed_health(make(updates=[internal_recent]), AS_OF, RULES)
    assert never.reasons == (Reason("no_client_update", {"days": 56, "threshold": 10}),)


def test_overall_is_the_worst_and_reasons_come_worst_first() -> None:
    m = milestone("m", "2026-04-01", forecasts=[("2026-02-20", "2026-04-08")])  # amber slip
    high = [risk(f"h{n}", "2026-01-10", 5, 4) for n in range(3)]  # red
    result = computed_health(make(milestones=[m], risks=high, updates=[]), AS_OF, RULES)
    assert result.health == Health.red
    assert [f.level for f in result.findings] == [Health.red, Health.amber, Health.amber]
    assert [r.code for r in result.reasons] == [
        "high_risks_open",
        "milestone_slip",
        "no_client_update",
    ]


def test_reported_health_wins_for_display_and_both_are_shown() -> None:
    updates = [
        update("2026-02-20", health="amber", health_reason="Waiting for content"),
        update("2026-02-27", health="green", health_reason="Back on track", visibility="internal"),
        update("2026-02-28"),  # no health given: does not reset it
        update("2026-03-05", health="red"),  # after AS_OF
    ]
    subject = make(updates=updates)
    reported = reported_health(subject, AS_OF)
    assert reported is not None
    assert (reported.health, reported.reason, reported.date) == (
        Health.green,
        "Back on track",
        d("2026-02-27"),
    )
    client = reported_health(subject, AS_OF, client_only=True)
    assert client is not None and client.health == Health.amber

    high = [risk(f"h{n}", "2026-01-10", 5, 4) for n in range(3)]
    view = health_view(make(updates=updates, risks=high), AS_OF, RULES)
    assert (view.display, view.computed.health, view.differs) == (Health.green, Health.red, True)
    assert view.reported is not None and view.reported.health == Health.green

    unreported = health_view(make(risks=high), AS_OF, RULES)
    assert (unreported.display, unreported.reported, unreported.differs) == (
        Health.red,
        None,
        False,
    )


def test_client_view_leaves_out_internal_milestones_risks_and_costs() -> None:
    secret_risk = risk("r", "2026-01-10", 5, 4, title="Lead developer may leave")
    shared_risk = risk("s", "2026-01-10", 4, 4, title="Content late", visibility="client")
    hidden = milestone("i", "2026-02-20", title="Internal code freeze", visibility="internal")
    work = task("t", "2026-02-23", "2026-03-02", hours=10, completed="2026-03-01")
    subject = make(
        milestones=[hidden],
        risks=[secret_risk, shared_risk],
        bac=1000,
        tasks=[work],
        costs=[cost("2026-02-25", 3000)],  # CPI 0.33: red internally
    )
    internal = computed_health(subject, AS_OF, RULES)
    assert {r.code for r in internal.reasons} == {
        "milestones_overdue",
        "cpi_low",
        "high_risks_open",
    }
    client = health_view(subject, AS_OF, RULES, client_only=True).computed
    assert client.health == Health.amber
    assert client.reasons == (
        Reason("high_risks_open", {"count": 1, "risks": ("Content late",), "exposure": 15}),
    )


def test_earned_value_is_not_judged_before_enough_work_is_due() -> None:
    # Three days into a four-week task nothing is done yet: SPI 0, but only 15 % is planned.
    early = data(
        project(start="2026-01-05", planned_end="2026-02-27", bac=10_000),
        tasks=[task("t1", "2026-01-05", "2026-01-30", hours=160)],
    )
    day = d("2026-01-07")
    assert computed_health(early, day, HealthRules(ev_from_percent=20)).health == Health.green
    assert computed_health(early, day, HealthRules(ev_from_percent=5)).health == Health.red


def test_a_milestone_takes_the_colour_the_health_rules_give_its_slip() -> None:
    """One colour rule for the portal, the PDF and the timeline: 84 days late and not yet
    due is red (slip_red_days 15), not "slipping, so amber"."""
    from generator.analyze.health import milestone_level
    from generator.analyze.schedule import milestone_status

    late = milestone("m", "2026-02-20", forecasts=[("2026-02-01", "2026-05-15")])
    assert milestone_level(milestone_status(late, AS_OF), RULES) == Health.red
    near = milestone("n", "2026-03-20", forecasts=[("2026-02-01", "2026-03-27")])
    assert milestone_level(milestone_status(near, AS_OF), RULES) == Health.amber
    overdue = milestone_status(milestone("o", "2026-02-27"), AS_OF)
    assert milestone_level(overdue, RULES) == Health.red
    assert milestone_level(overdue, HealthRules(overdue_milestones_red=2)) == Health.amber
    reached = milestone_status(milestone("r", "2026-01-10", actual="2026-03-01"), AS_OF)
    assert milestone_level(reached, RULES) is None


@pytest.mark.parametrize(
    ("used", "elapsed", "rules", "level"),
    [
        (0.55, 0.50, RULES, Health.green),
        (0.56, 0.50, RULES, Health.amber),
        (0.66, 0.50, RULES, Health.red),
        (0.66, 0.50, HealthRules(budget_amber_gap=0.2, budget_red_gap=0.3), Health.green),
    ],
)
def test_budget_level_follows_the_workspace_thresholds(
    used: float, elapsed: float, rules: HealthRules, level: Health
) -> None:
    from generator.analyze.health import budget_level

    assert budget_level(used, elapsed, rules) == level


def test_open_decisions_are_those_of_the_latest_update_and_waiting_change_requests() -> None:
    from generator.analyze.decisions import open_decisions
    from tests.factories import change

    older = update("2026-02-20", decisions_needed=[{"what": "Pick a font", "by": "2026-02-25"}])
    latest = update(
        "2026-02-27",
        decisions_needed=[
            {"what": "Approve CR-1", "by": "2026-03-01", "owner": "Jana Roth"},
            {"what": "Name a tester", "by": "2026-03-10"},
        ],
    )
    found = open_decisions(
        make(
            updates=[older, latest],
            changes=[change("CR-1", "2026-02-26"), change("CR-2", "2026-02-28")],
        ),
        AS_OF,
    )
    assert [(o.what, o.owner, o.overdue, o.change_id) for o in found] == [
        ("Approve CR-1", "Jana Roth", True, None),
        ("Name a tester", None, False, None),
        ("Change CR-2", None, False, "CR-2"),
    ]
