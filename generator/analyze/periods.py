"""Report periods: ISO weeks ("2026-W47") and calendar months ("2026-11").

A week belongs to its ISO year, so 2026-W53 runs 2026-12-28 .. 2027-01-03 and
2027-01-01 is in "2026-W53". Period boundaries are inclusive dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["week", "month"]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """One report period; `start` and `end` are both part of it."""

    kind: PeriodKind
    key: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def week_of(day: dt.date) -> Period:
    """The ISO week that contains `day`."""
    iso = day.isocalendar()
    start = day - dt.timedelta(days=iso.weekday - 1)
    return Period("week", f"{iso.year:04d}-W{iso.week:02d}", start, start + dt.timedelta(days=6))


def month_of(day: dt.date) -> Period:
    """The calendar month that contains `day`."""
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(
        "month",
        f"{day.year:04d}-{day.month:02d}",
        day.replace(day=1),
        day.replace(day=last),
    )


def period_of(kind: PeriodKind, day: dt.date) -> Period:
    """The week or month that contains `day`."""
    if kind == "week":
        return week_of(day)
    if kind == "month":
        return month_of(day)
    raise ValueError(f"unknown period kind {kind!r}: use 'week' or 'month'")


def parse_period(text: str) -> Period:
    """Read "2026-W47" or "2026-11"; ValueError says what is wrong and what to write."""
    value = text.strip()
    if match := _WEEK.match(value.upper()):
        year, week = int(match[1]), int(match[2])
        weeks = weeks_in_year(year) if dt.MINYEAR <= year <= dt.MAXYEAR else 0
        if not 1 <= week <= weeks:
            raise ValueError(
                f"{value} is not a week: ISO year {year} has weeks 01 to {weeks:02d}"
                if weeks
                else f"{value} is not a week: year {year} is out of range"
            )
        return week_of(dt.date.fromisocalendar(year, week, 1))
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if year < dt.MINYEAR or not 1 <= month <= 12:
            raise ValueError(f"{value} is not a month: write YYYY-MM with a month 01 to 12")
        return month_of(dt.date(year, month, 1))
    raise ValueError(
        f"{text!r} is not a period: write an ISO week like 2026-W47 or a month like 2026-11"
    )


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the last week of its year."""
    return dt.date(year, 12, 28).isocalendar().week


def next_period(period: Period) -> Period:
    return period_of(period.kind, period.end + _ONE_DAY)


def previous_period(period: Period) -> Period:
    return period_of(period.kind, period.start - _ONE_DAY)


def periods_between(kind: PeriodKind, first: dt.date, last: dt.date) -> list[Period]:
    """Every period that overlaps first..last, in order (empty when last < first)."""
    periods: list[Period] = []
    if last < first:
        return periods
    period = period_of(kind, first)
    while period.start <= last:
        periods.append(period)
        period = next_period(period)
    return periods


def completed_periods(kind: PeriodKind, start: dt.date, as_of: dt.date) -> list[Period]:
    """Periods that overlap [start, ...) and had ended by the end of `as_of`."""
    return [p for p in periods_between(kind, start, as_of) if p.end <= as_of]
