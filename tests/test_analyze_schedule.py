"""Milestone forecast, variance, state, slip history and the monthly trend table."""

from __future__ import annotations

from generator.analyze.schedule import (
    forecast_on,
    milestone_status,
    milestone_trend,
    next_milestone,
    slip_history,
)
from tests.factories import d, milestone

DESIGN = milestone(
    "design",
    "2026-03-13",
    forecasts=[
        ("2026-02-20", "2026-03-20"),
        ("2026-03-06", "2026-03-25"),
        ("2026-03-10", "2026-03-25"),
    ],
    title="Design sign-off",
)


def test_forecast_is_the_latest_made_by_the_day_else_planned() -> None:
    assert forecast_on(DESIGN, d("2026-02-19")) == d("2026-03-13")
    assert forecast_on(DESIGN, d("2026-02-20")) == d("2026-03-20")
    assert forecast_on(DESIGN, d("2026-03-09")) == d("2026-03-25")


def test_variance_and_states_over_time() -> None:
    before = milestone_status(DESIGN, d("2026-02-01"))
    assert (before.state, before.variance_days) == ("on_track", 0)
    slipping = milestone_status(DESIGN, d("2026-03-07"))
    assert (slipping.state, slipping.variance_days, slipping.forecast) == (
        "slipping",
        12,
        d("2026-03-25"),
    )
    overdue = milestone_status(DESIGN, d("2026-03-30"))
    assert (overdue.state, overdue.days_overdue, overdue.variance_days) == ("overdue", 5, 12)


def test_done_and_done_late_use_the_actual_only_once_it_happened() -> None:
    late = milestone("m", "2026-03-13", actual="2026-03-18")
    assert milestone_status(late, d("2026-03-20")).state == "done_late"
    assert milestone_status(late, d("2026-03-20")).variance_days == 5
    # On 16 March the actual date was still in the future: it was overdue then.
    then = milestone_status(late, d("2026-03-16"))
    assert (then.state, then.actual, then.done) == ("overdue", None, False)
    early = milestone("m", "2026-03-13", actual="2026-03-11")
    status = milestone_status(early, d("2026-03-20"))
    assert (status.state, status.variance_days) == ("done", -2)


def test_slip_history_lists_only_moves() -> None:
    slips = slip_history(DESIGN, d("2026-04-01"))
    assert [(s.date, s.previous, s.forecast, s.days) for s in slips] == [
        (d("2026-02-20"), d("2026-03-13"), d("2026-03-20"), 7),
        (d("2026-03-06"), d("2026-03-20"), d("2026-03-25"), 5),
    ]
    assert slip_history(DESIGN, d("2026-02-28")) == slip_history(DESIGN, d("2026-02-20"))
    assert len(slip_history(DESIGN, d("2026-02-28"))) == 1


def test_trend_table_shows_the_forecast_as_it_stood_each_month() -> None:
    launch = milestone(
        "launch", "2026-04-30", forecasts=[("2026-03-15", "2026-05-08")], actual="2026-05-12"
    )
    rows = milestone_trend(
        [launch, DESIGN],
        [d("2026-01-31"), d("2026-02-28"), d("2026-03-31"), d("2026-05-31")],
        d("2026-05-31"),
    )
    assert [r.id for r in rows] == ["design", "launch"]
    assert [p.value for p in rows[0].points] == [
        d("2026-03-13"),
        d("2026-03-20"),
        d("2026-03-25"),
        d("2026-03-25"),
    ]
    assert [(p.value, p.done) for p in rows[1].points] == [
        (d("2026-04-30"), False),
        (d("2026-04-30"), False),
        (d("2026-05-08"), False),
        (d("2026-05-12"), True),
    ]
    assert rows[1].current.state == "done_late"


def test_next_milestone_is_the_open_one_expected_soonest() -> None:
    done = milestone("kickoff", "2026-01-10", actual="2026-01-10")
    later = milestone("launch", "2026-03-18")
    assert next_milestone([done, later, DESIGN], d("2026-03-01")).id == "launch"  # type: ignore[union-attr]
    assert next_milestone([done, later, DESIGN], d("2026-02-01")).id == "design"  # type: ignore[union-attr]
    assert next_milestone([done], d("2026-03-01")) is None
