"""The meeting calendar: when a recurring meeting of the communication plan falls.

Daily meetings fall on working days; weekly and biweekly ones on their weekday (every
other week counted from `start`); monthly and quarterly ones on the same ordinal weekday
as `start` (the first Wednesday) when a weekday is given, else on its day of the month.
"milestone" meetings have no calendar of their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from generator.model.portfolio import ProjectData
from generator.model.project import Meeting, ProjectStatus

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
UPCOMING_DAYS = 21  # how far ahead the list of upcoming meetings looks
UPCOMING_LIMIT = 6


@dataclass(frozen=True)
class Occurrence:
    date: dt.date
    meeting: Meeting


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based) weekday of a month; the last one when the month has fewer."""
    first = dt.date(year, month, 1)
    day = first + dt.timedelta((weekday - first.weekday()) % 7 + 7 * (nth - 1))
    while day.month != month:
        day -= dt.timedelta(7)
    return day


def occurrences(meeting: Meeting, first: dt.date, last: dt.date) -> list[dt.date]:
    """Dates of a recurring meeting between first and last (inclusive), from its cadence."""
    start = meeting.start or first
    weekday = WEEKDAYS.index(meeting.weekday) if meeting.weekday else start.weekday()
    lo = max(first, start)
    found: list[dt.date] = []
    if meeting.cadence == "once":
        return [start] if first <= start <= last else []
    if meeting.cadence == "milestone":
        return []
    if meeting.cadence == "daily":
        day = lo
        while day <= last:
            if (meeting.weekday is None and day.weekday() < 5) or day.weekday() == weekday:
                found.append(day)
            day += dt.timedelta(1)
        return found
    if meeting.cadence in ("weekly", "biweekly"):
        step = 7 if meeting.cadence == "weekly" else 14
        anchor = start + dt.timedelta((weekday - start.weekday()) % 7)
        if anchor < lo:
            jumps = -(-(lo - anchor).days // step)
            anchor += dt.timedelta(step * jumps)
        while anchor <= last:
            found.append(anchor)
            anchor += dt.timedelta(step)
        return found
    months = 1 if meeting.cadence == "monthly" else 3
    nth = (start.day - 1) // 7 + 1
    k = 0
    while True:
        base = _add_months(start.replace(day=1), k * months)
        day = (
            _nth_weekday(base.year, base.month, weekday, nth)
            if meeting.weekday
            else _add_months(start, k * months)
        )
        if day > last:
            return found
        if day >= lo:
            found.append(day)
        k += 1


def upcoming_meetings(data: ProjectData, as_of: dt.date) -> list[Occurrence]:
    """The next meetings of an active project after `as_of`, soonest first (no stand-ups:
    a daily meeting would crowd out everything else)."""
    project = data.project
    if project.status != ProjectStatus.active:
        return []
    last = as_of + dt.timedelta(UPCOMING_DAYS)
    found = [
        Occurrence(day, m)
        for m in project.communication.meetings
        if m.cadence != "daily"
        for day in occurrences(m, as_of + dt.timedelta(1), last)
    ]
    found.sort(key=lambda o: (o.date, o.meeting.time or "", o.meeting.title))
    return found[:UPCOMING_LIMIT]
