"""Report periods: ISO weeks (with week 53 and year ends) and months."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analyze.periods import (
    Period,
    completed_periods,
    month_of,
    next_period,
    parse_period,
    period_of,
    periods_between,
    previous_period,
    week_of,
)

D = dt.date


def test_2026_has_a_week_53_that_ends_in_2027() -> None:
    week = parse_period("2026-W53")
    assert (week.kind, week.key, week.start, week.end) == (
        "week",
        "2026-W53",
        D(2026, 12, 28),
        D(2027, 1, 3),
    )
    # New Year's Day 2027 belongs to the ISO year 2026.
    assert week_of(D(2027, 1, 1)).key == "2026-W53"
    assert next_period(week).key == "2027-W01"
    assert next_period(week).start == D(2027, 1, 4)


def test_2027_w01_and_going_back_into_2026() -> None:
    week = parse_period("2027-W01")
    assert (week.start, week.end) == (D(2027, 1, 4), D(2027, 1, 10))
    assert previous_period(week).key == "2026-W53"


def test_2020_w53_and_a_week_1_that_starts_in_the_previous_december() -> None:
    assert (parse_period("2020-W53").start, parse_period("2020-W53").end) == (
        D(2020, 12, 28),
        D(2021, 1, 3),
    )
    # 2025-12-29 (Monday) starts ISO week 1 of 2026.
    assert week_of(D(2025, 12, 31)).key == "2026-W01"
    assert parse_period("2026-W01").start == D(2025, 12, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-W54", "ISO year 2026 has weeks 01 to 53"),
        ("2025-W53", "ISO year 2025 has weeks 01 to 52"),
        ("2026-W00", "ISO year 2026 has weeks 01 to 53"),
        ("2026-13", "is not a month"),
        ("2026-00", "is not a month"),
        ("2026/11", "write an ISO week like 2026-W47 or a month like 2026-11"),
        ("W47", "write an ISO week like 2026-W47"),
        ("", "is not a period"),
    ],
)
def test_bad_periods_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_month_crossing_the_year_end() -> None:
    december = parse_period("2026-12")
    assert (december.start, december.end, december.days) == (D(2026, 12, 1), D(2026, 12, 31), 31)
    january = next_period(december)
    assert (january.key, january.start) == ("2027-01", D(2027, 1, 1))
    assert previous_period(january) == december
    assert parse_period("2028-02").end == D(2028, 2, 29)
    assert parse_period("2026-02").end == D(2026, 2, 28)


def test_lowercase_week_is_accepted() -> None:
    assert parse_period(" 2026-w47 ").key == "2026-W47"


def test_completed_periods_only_those_ended_by_as_of() -> None:
    weeks = completed_periods("week", D(2026, 12, 16), D(2027, 1, 5))
    assert [w.key for w in weeks] == ["2026-W51", "2026-W52", "2026-W53"]
    # The week ending on as_of itself has ended by the end of that day.
    assert completed_periods("week", D(2026, 12, 16), D(2027, 1, 3))[-1].key == "2026-W53"
    months = completed_periods("month", D(2026, 11, 20), D(2027, 1, 30))
    assert [m.key for m in months] == ["2026-11", "2026-12"]
    assert completed_periods("month", D(2026, 11, 20), D(2026, 11, 29)) == []


def test_period_contains_its_inclusive_ends() -> None:
    week = parse_period("2026-W47")
    assert week.start in week and week.end in week
    assert week.end + dt.timedelta(days=1) not in week


days = st.dates(min_value=D(1900, 1, 8), max_value=D(2999, 12, 20))
kinds = st.sampled_from(["week", "month"])


@given(days, kinds)
def test_key_round_trips(day: dt.date, kind: str) -> None:
    period = period_of(kind, day)  # type: ignore[arg-type]
    assert day in period
    assert parse_period(period.key) == period


@given(days, kinds)
def test_neighbours_tile_the_calendar(day: dt.date, kind: str) -> None:
    period = period_of(kind, day)  # type: ignore[arg-type]
    following = next_period(period)
    assert following.start == period.end + dt.timedelta(days=1)
    assert previous_period(following) == period
    assert next_period(previous_period(period)) == period
    if kind == "week":
        assert period.days == 7 and period.start.isoweekday() == 1
    else:
        assert 28 <= period.days <= 31 and period.start.day == 1


@given(days, st.integers(min_value=0, max_value=400), kinds)
def test_periods_between_cover_the_range_without_gap_or_overlap(
    first: dt.date, length: int, kind: str
) -> None:
    last = first + dt.timedelta(days=length)
    periods = periods_between(kind, first, last)  # type: ignore[arg-type]
    assert periods[0].start <= first and last <= periods[-1].end
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert later.start == earlier.end + dt.timedelta(days=1)
    assert all(isinstance(p, Period) and p.kind == kind for p in periods)


@given(days, st.integers(min_value=0, max_value=200))
def test_completed_periods_end_by_as_of_and_the_next_one_does_not(
    start: dt.date, length: int
) -> None:
    as_of = start + dt.timedelta(days=length)
    for kind in ("week", "month"):
        done = completed_periods(kind, start, as_of)  # type: ignore[arg-type]
        assert all(p.end <= as_of for p in done)
        following = next_period(done[-1]) if done else period_of(kind, start)  # type: ignore[arg-type]
        assert following.end > as_of


def test_month_of_and_week_of_agree_with_period_of() -> None:
    day = D(2026, 11, 20)
    assert month_of(day) == period_of("month", day)
    assert week_of(day).key == "2026-W47"
