"""Earned value against the PMP "fence" example (REFERENCE.md), built from real tasks and costs."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.analyze.earned_value import (
    earned_value,
    earned_value_series,
    project_earned_value,
)
from generator.model.portfolio import ProjectData
from tests.factories import cost, d, data, project, task

DAY1, DAY2, DAY3, DAY4 = (d("2026-03-02") + dt.timedelta(days=n) for n in range(4))


def fence() -> ProjectData:
    """Four sides, 1,000 each, one a day; at the end of day 3 side 3 is half done."""
    return data(
        project(start=DAY1, planned_end=DAY4, bac=4000),
        tasks=[
            task("side1", DAY1, DAY1, hours=8, completed=DAY1),
            task("side2", DAY2, DAY2, hours=8, completed=DAY2),
            task("side3", DAY3, DAY3, hours=8, progress=[(DAY3, 50)]),
            task("side4", DAY4, DAY4, hours=8),
        ],
        costs=[cost(DAY1, 1000), cost(DAY2, 1200), cost(DAY3, 600)],
    )


def test_fence_at_the_end_of_day_3() -> None:
    ev = project_earned_value(fence(), DAY3)
    assert ev is not None
    assert (ev.pv, ev.ev, ev.ac) == pytest.approx((3000, 2500, 2800))
    assert (ev.sv, ev.cv) == pytest.approx((-500, -300))
    assert ev.cpi == pytest.approx(0.893, abs=5e-4)
    assert ev.spi == pytest.approx(0.833, abs=5e-4)
    # Exact values; the book rounds CPI first and prints 4,479 / 1,679 / -479.
    assert ev.eac == pytest.approx(4480)
    assert ev.etc == pytest.approx(1680)
    assert ev.vac == pytest.approx(-480)
    assert ev.tcpi == pytest.approx(1.25)
    assert ev.eac_atypical == pytest.approx(2800 + 1500)
    assert ev.spent_fraction == pytest.approx(0.7)


def test_fence_pure_formula_matches() -> None:
    ev = earned_value(4000, 0.75, 0.625, 2800)
    assert (ev.pv, ev.ev, ev.cv, ev.sv, ev.eac, ev.etc, ev.vac, ev.tcpi) == pytest.approx(
        (3000, 2500, -300, -500, 4480, 1680, -480, 1.25)
    )


def test_later_costs_and_progress_do_not_leak_into_day_3() -> None:
    base = fence()
    later = data(
        base.project,
        tasks=[
            *base.tasks[:2],
            task("side3", DAY3, DAY3, completed=DAY4, progress=[(DAY3, 50)]),
            task("side4", DAY4, DAY4, completed=DAY4),
        ],
        costs=[*base.costs, cost(DAY4, 1500)],
    )
    assert project_earned_value(later, DAY3) == project_earned_value(base, DAY3)
    finished = project_earned_value(later, DAY4)
    assert finished is not None
    assert (finished.ev, finished.ac, finished.pv) == pytest.approx((4000, 4300, 4000))


def test_zero_denominators_are_none_not_a_crash() -> None:
    ev = earned_value(1000, 0, 0, 0)
    assert (ev.spi, ev.cpi, ev.eac, ev.etc, ev.vac) == (None, None, None, None, None)
    assert ev.tcpi == pytest.approx(1.0)
    assert earned_value(1000, 0.5, 0.5, 1000).tcpi is None  # budget fully spent
    assert earned_value(0, 0.5, 0.5, 10).spent_fraction is None
    # Money spent but nothing earned: CPI 0, EAC undefined rather than infinite.
    nothing = earned_value(1000, 0.5, 0, 200)
    assert nothing.cpi == 0 and nothing.eac is None and nothing.spi == 0


def test_no_budget_no_earned_value() -> None:
    assert project_earned_value(data(project(bac=None)), d("2026-02-01")) is None
    assert earned_value_series(data(project(bac=None)), d("2026-02-01")) == []


def test_monthly_series_ends_each_month_and_at_as_of() -> None:
    proj = project(start="2026-01-05", planned_end="2026-03-27", bac=9000)
    series_data = data(
        proj,
        tasks=[
            task("a", "2026-01-05", "2026-01-30", hours=10, completed="2026-02-03"),
            task("b", "2026-02-02", "2026-02-27", hours=10, progress=[("2026-03-05", 40)]),
            task("c", "2026-03-02", "2026-03-27", hours=10),
        ],
        costs=[cost("2026-01-20", 2000), cost("2026-02-10", 1500), cost("2026-03-09", 800)],
    )
    points = earned_value_series(series_data, d("2026-03-10"))
    assert [p.key for p in points] == ["2026-01", "2026-02", "2026-03-10"]
    assert [p.value.ac for p in points] == [2000, 3500, 4300]
    # Task a was planned to be done in January but completed on 3 February.
    assert points[0].value.pv == pytest.approx(3000)
    assert points[0].value.ev == 0
    assert points[1].value.ev == pytest.approx(3000)
    assert points[2].value.ev == pytest.approx(3000 + 3000 * 0.4)
