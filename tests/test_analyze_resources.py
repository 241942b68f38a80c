"""Weekly resource load across projects, with over-allocation flagged."""

from __future__ import annotations

import pytest

from generator.analyze.periods import parse_period, periods_between
from generator.analyze.resources import resource_load
from tests.factories import d, data, member, person, portfolio, project


def test_a_person_over_allocated_across_two_projects() -> None:
    shop = data(project("shop", team=[member("mei", ("2026-03-02", "2026-03-27", 24))]))
    crm = data(
        project(
            "crm",
            team=[
                member("mei", ("2026-03-11", "2026-04-10", 20)),  # from a Wednesday
                member("tom", ("2026-03-02", "2026-04-10", 40)),
            ],
        )
    )
    people = [person("mei", capacity=40, name="Mei Chen"), person("tom", 40), person("ana", 32)]
    weeks = periods_between("week", d("2026-03-02"), d("2026-03-29"))
    load = resource_load(portfolio(crm, shop, people=people), weeks)

    assert [w.key for w in load.weeks] == ["2026-W10", "2026-W11", "2026-W12", "2026-W13"]
    mei = next(p for p in load.people if p.person == "mei")
    assert mei.name == "Mei Chen"
    assert [w.hours for w in mei.weeks] == pytest.approx([24, 24 + 12, 44, 44])
    assert [w.over for w in mei.weeks] == [False, False, True, True]
    assert mei.weeks[2].ratio == pytest.approx(1.1)
    assert [(p.project, p.hours) for p in mei.weeks[2].projects] == [("crm", 20), ("shop", 24)]
    assert [w.week.key for w in mei.over_weeks] == ["2026-W12", "2026-W13"]

    tom = next(p for p in load.people if p.person == "tom")
    assert [w.over for w in tom.weeks] == [False] * 4  # exactly at capacity is not over
    ana = next(p for p in load.people if p.person == "ana")
    assert [w.hours for w in ana.weeks] == [0, 0, 0, 0]
    assert [p.person for p in load.people] == ["ana", "mei", "tom"]


def test_allocation_ending_on_a_friday_gives_the_whole_week() -> None:
    shop = data(project("shop", team=[member("mei", ("2026-03-02", "2026-03-06", 30))]))
    load = resource_load(portfolio(shop, people=[person("mei")]), [parse_period("2026-W10")])
    assert load.people[0].weeks[0].hours == 30


def test_no_capacity_means_no_ratio_but_any_hours_are_over() -> None:
    shop = data(project("shop", team=[member("x", ("2026-03-02", "2026-03-06", 5))]))
    load = resource_load(
        portfolio(shop, people=[person("x", capacity=0)]), [parse_period("2026-W10")]
    )
    cell = load.people[0].weeks[0]
    assert (cell.ratio, cell.over) == (None, True)
