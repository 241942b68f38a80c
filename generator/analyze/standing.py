"""What stands at the end of a day, whether or not an update was written that week.

A report of a period without a status update still has a plan for the next period and
open actions: the next steps of the latest update on or before the day (they stand until
an update replaces them) and the meeting actions still open. Daily stand-ups restate
neither, so they do not count as the latest update here (as in analyze.decisions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.decisions import latest_update
from generator.model.portfolio import ProjectData


@dataclass(frozen=True)
class OpenAction:
    action: str
    owner: str  # as written: a person id or a name
    due: dt.date | None
    overdue: bool
    meeting: str  # the meeting's title
    meeting_date: dt.date


@dataclass(frozen=True)
class Standing:
    next_steps: tuple[str, ...]  # of the latest update on or before the day
    next_steps_date: dt.date | None  # that update's date
    actions: tuple[OpenAction, ...]  # open meeting actions, soonest due first
    last_update: dt.date | None  # the latest update on or before the day


def standing(data: ProjectData, day: dt.date) -> Standing:
    """`data` as the reader may see it (client_slice for a client), cut at `day`."""
    latest = latest_update(data, day)
    actions = [
        OpenAction(
            a.action,
            a.owner,
            a.due,
            a.due is not None and a.due < day,
            m.title,
            m.date,
        )
        for m in data.meetings
        if m.date <= day
        for a in m.actions
        if a.status == "open"
    ]
    actions.sort(key=lambda a: (a.due is None, a.due or day, a.meeting_date, a.action))
    return Standing(
        next_steps=tuple(latest.next_steps) if latest else (),
        next_steps_date=latest.date if latest else None,
        actions=tuple(actions),
        last_update=latest.date if latest else None,
    )
