"""Percent complete (earned and planned), task states and the weekly burn-up."""

from __future__ import annotations

import pytest

from generator.analyze.progress import (
    burn_up,
    percent_complete,
    planned_percent,
    task_counts,
    task_percent,
    task_state,
)
from tests.factories import d, task

TASKS = [
    task("a", "2026-01-05", "2026-01-09", hours=30, completed="2026-01-09"),
    task(
        "b", "2026-01-12", "2026-01-16", hours=10, progress=[("2026-01-13", 20), ("2026-01-15", 60)]
    ),
    task("c", "2026-01-19", "2026-01-23", hours=60),
]


def test_percent_complete_is_weighted_by_estimate() -> None:
    assert percent_complete(TASKS, d("2026-01-14")) == pytest.approx((30 * 100 + 10 * 20) / 100)
    assert percent_complete(TASKS, d("2026-01-15")) == pytest.approx((30 * 100 + 10 * 60) / 100)
    assert percent_complete(TASKS, d("2026-01-08")) == 0


def test_planned_percent_spreads_each_estimate_over_its_days() -> None:
    # End of Wednesday 7 Jan: 3 of task a's 5 days.
    assert planned_percent(TASKS, d("2026-01-07")) == pytest.approx(30 * 3 / 5)
    assert planned_percent(TASKS, d("2026-01-16")) == pytest.approx(40)
    assert planned_percent(TASKS, d("2026-02-01")) == pytest.approx(100)
    assert planned_percent(TASKS, d("2026-01-01")) == 0


def test_without_estimates_every_task_counts_the_same() -> None:
    tasks = [
        task("a", "2026-01-05", "2026-01-05", hours=0, completed="2026-01-05"),
        task("b", "2026-01-06", "2026-01-06", hours=0),
    ]
    assert percent_complete(tasks, d("2026-01-06")) == 50
    assert percent_complete([], d("2026-01-06")) == 0


def test_a_completion_after_as_of_does_not_count_yet() -> None:
    late = task(
        "x", "2026-01-05", "2026-01-09", completed="2026-01-20", progress=[("2026-01-08", 70)]
    )
    assert task_percent(late, d("2026-01-10")) == 70
    assert task_state(late, d("2026-01-10")) == "in_progress"
    assert task_state(late, d("2026-01-20")) == "done"


def test_task_counts_as_of() -> None:
    blocked = task("z", "2026-01-05", "2026-01-07", status="blocked")
    counts = task_counts([*TASKS, blocked], d("2026-01-14"))
    assert (counts.done, counts.in_progress, counts.blocked, counts.todo, counts.total) == (
        1,
        1,
        1,
        1,
        4,
    )
    assert counts.overdue == 1  # the blocked task was due on 7 January


def test_burn_up_has_a_point_per_week_end_and_at_as_of() -> None:
    points = burn_up(TASKS, d("2026-01-05"), d("2026-01-21"))
    assert [p.date for p in points] == [d("2026-01-11"), d("2026-01-18"), d("2026-01-21")]
    assert all(p.scope_hours == 100 for p in points)
    assert [p.done_hours for p in points] == pytest.approx([30, 36, 36])
    assert [p.planned_hours for p in points] == pytest.approx([30, 40, 40 + 60 * 3 / 5])
    assert burn_up(TASKS, d("2026-01-05"), d("2026-01-04")) == []
