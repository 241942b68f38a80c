"""What stands at the end of a day, whether or not an update was written that week.

A report of a period without a status update still has a plan for the next period and
open actions: the next steps of the latest update on or before the day (they stand until
an update replaces them) and the meeting actions still open. Daily stand-ups restate
neither, so they do not count as the latest update here (as in analyze.decisions).

A meeting action that is the same item as an open decision is listed once, under the
decisions: it names the same change request (an action "Decide on CR-03" and the decision
"Approve CR-03 ..."), or it falls to the same person on the same day as the decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.analyze.decisions import OpenDecision, latest_update, names_change, open_decisions
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


def _same_person(a: str, b: str | None, name: Callable[[str], str]) -> bool:
    return b is not None and name(a).casefold() == name(b).casefold()


def is_decision(
    action: OpenAction,
    decisions: tuple[OpenDecision, ...],
    change_ids: list[str],
    name: Callable[[str], str],
) -> bool:
    """The action is one of the open decisions (see the module's rule)."""
    for d in decisions:
        named = [d.change_id] if d.change_id else [c for c in change_ids if names_change(d.what, c)]
        if any(names_change(action.action, c) for c in named):
            return True
        same_day = action.due is not None and action.due == d.by
        if same_day and _same_person(action.owner, d.owner, name):
            return True
    return False


def standing(data: ProjectData, day: dt.date, name: Callable[[str], str] = str) -> Standing:
    """`data` as the reader may see it (client_slice for a client), cut at `day`; `name`
    turns a person id or a name into the name printed (to match owners as written)."""
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
    decisions = open_decisions(data, day)
    change_ids = [c.id for c in data.changes]
    actions = [a for a in actions if not is_decision(a, decisions, change_ids, name)]
    actions.sort(key=lambda a: (a.due is None, a.due or day, a.meeting_date, a.action))
    return Standing(
        next_steps=tuple(latest.next_steps) if latest else (),
        next_steps_date=latest.date if latest else None,
        actions=tuple(actions),
        last_update=latest.date if latest else None,
    )
