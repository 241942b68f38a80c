"""SMART lint findings and goal progress with its closing verdict."""

from __future__ import annotations

import pytest

from generator.analyze.reasons import Reason
from generator.analyze.smart import goal_progress, goals_progress, lint_goal, lint_goals
from tests.factories import d, data, goal, project, update

PROJECT = project(start="2026-01-05", planned_end="2026-06-26")
PEOPLE = {"pm", "lena"}


def test_a_complete_goal_has_no_findings() -> None:
    assert lint_goal(goal(), PROJECT, PEOPLE) == []


def test_each_missing_part_is_named() -> None:
    bare = goal(
        "g",
        title="Faster support",
        metric=None,
        target=None,
        baseline=None,
        deadline=None,
        owner=None,
    )
    assert lint_goal(bare, PROJECT, PEOPLE) == [
        Reason("goal_no_metric", {"goal": "Faster support"}),
        Reason("goal_no_target", {"goal": "Faster support"}),
        Reason("goal_no_baseline", {"goal": "Faster support"}),
        Reason("goal_no_deadline", {"goal": "Faster support"}),
        Reason("goal_no_owner", {"goal": "Faster support"}),
    ]


def test_deadline_outside_the_project() -> None:
    late = goal("g", title="NPS", deadline="2026-09-30")
    assert lint_goal(late, PROJECT, PEOPLE) == [
        Reason(
            "goal_deadline_outside",
            {
                "goal": "NPS",
                "deadline": d("2026-09-30"),
                "start": d("2026-01-05"),
                "end": d("2026-06-26"),
            },
        )
    ]
    early = goal("g", deadline="2025-12-31")
    assert [r.code for r in lint_goal(early, PROJECT, PEOPLE)] == ["goal_deadline_outside"]
    # A project that ended late measures against its actual end.
    ended = project(
        start="2026-01-05", planned_end="2026-06-26", actual_end="2026-10-15", status="closed"
    )
    assert lint_goal(late, ended, PEOPLE) == []


def test_unknown_owner_and_backwards_target() -> None:
    odd = goal("g", title="Tickets", owner="nobody", direction="decrease", baseline=40, target=50)
    assert lint_goal(odd, PROJECT, PEOPLE) == [
        Reason(
            "goal_target_not_ahead",
            {"goal": "Tickets", "baseline": 40, "target": 50, "direction": "decrease"},
        ),
        Reason("goal_unknown_owner", {"goal": "Tickets", "owner": "nobody"}),
    ]


def test_lint_goals_keeps_the_goal_id() -> None:
    subject = data(project(goals=[goal("ok"), goal("bad", metric=None)]))
    findings = lint_goals(subject, PEOPLE)
    assert [(f.goal_id, f.reason.code) for f in findings] == [("bad", "goal_no_metric")]


def test_progress_from_measurements_and_update_metrics() -> None:
    g = goal("conv", baseline=2.0, target=4.0, measurements=[("2026-02-01", 2.5)])
    subject = data(
        project(goals=[g]),
        updates=[
            update("2026-03-01", metrics={"conv": 3.0}),
            update("2026-04-01", metrics={"conv": 4.2}),
        ],
    )
    early = goal_progress(subject, g, d("2026-02-15"))
    assert (early.current, early.fraction, early.verdict) == (2.5, 0.25, "missed")
    mid = goal_progress(subject, g, d("2026-03-15"))
    assert (mid.current, mid.current_date, mid.percent, mid.verdict) == (
        3.0,
        d("2026-03-01"),
        50,
        "partly_met",
    )
    done = goal_progress(subject, g, d("2026-04-30"))
    assert done.verdict == "met"
    assert done.fraction == pytest.approx(1.1)
    assert done.percent == 100  # clamped for the bar
    assert [r.value for r in done.readings] == [2.5, 3.0, 4.2]
    assert goals_progress(subject, d("2026-04-30")) == [done]


def test_decreasing_goal() -> None:
    g = goal(
        "resp",
        baseline=48,
        target=24,
        direction="decrease",
        measurements=[("2026-03-01", 40), ("2026-04-01", 30), ("2026-05-01", 24)],
    )
    subject = data(project(goals=[g]))
    assert goal_progress(subject, g, d("2026-03-10")).verdict == "missed"
    april = goal_progress(subject, g, d("2026-04-10"))
    assert (april.fraction, april.verdict) == (0.75, "partly_met")
    assert goal_progress(subject, g, d("2026-05-10")).verdict == "met"


def test_unmeasured_goal() -> None:
    g = goal("g")
    result = goal_progress(data(project(goals=[g])), g, d("2026-05-01"))
    assert (result.current, result.fraction, result.percent, result.verdict) == (
        None,
        None,
        None,
        "not_measured",
    )


def test_decreasing_goal_at_its_baseline_is_zero_not_minus_zero() -> None:
    from generator import i18n

    g = goal(
        "resp", baseline=48, target=24, direction="decrease", measurements=[("2026-03-01", 48)]
    )
    result = goal_progress(data(project(goals=[g])), g, d("2026-03-10"))
    assert (result.fraction, result.percent, result.verdict) == (0.0, 0.0, "missed")
    assert result.percent is not None
    # The reader sees "0%", not "-0%": 0/-24 is -0.0 unless the analysis normalises it.
    assert i18n.format_pct(result.percent / 100, "en") == "0%"
    assert i18n.format_pct(result.fraction, "zh-CN") == "0%"
