"""Open decisions: what the team still needs the client to decide, on a given day.

One rule for every output: the decisions still open at the end of `as_of` are those the
latest status update on or before that day lists under decisions_needed (an update
restates what is still pending; one that no longer lists a decision has closed it), and
every change request still awaiting a decision that none of them names by its id.
A daily stand-up restates no decisions, so it is not the "latest update" here; and a listed
decision that names a change request decided since (approved, rejected, withdrawn) is closed.
A decision is overdue once its date has passed. Callers pass the project as the reader
may see it (client_slice for a client), so a client never reads an internal update's
decisions or an internal change request.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.model.documents import Update
from generator.model.portfolio import ProjectData
from generator.model.records import ChangeStatus


@dataclass(frozen=True)
class OpenDecision:
    what: str  # the update's words; for a change request its title
    owner: str | None  # who decides, as written (a name, or a person id of people.yaml)
    by: dt.date | None  # needed by
    overdue: bool  # `by` has passed at the end of as_of
    asked_on: dt.date  # the update that lists it, or the change request's date
    change_id: str | None = None  # set for a change request awaiting a decision


def names_change(text: str, change_id: str) -> bool:
    """`text` names the change request `change_id` as a word (CR-03, not CR-030)."""
    return re.search(rf"(?<![\w-]){re.escape(change_id)}(?![\w-])", text) is not None


def latest_update(data: ProjectData, as_of: dt.date) -> Update | None:
    """The newest status update on or before `as_of` that is no daily stand-up; of two on
    one day, the one listed later."""
    ordered = sorted(
        (iu for iu in enumerate(data.updates) if iu[1].date <= as_of and iu[1].kind != "daily"),
        key=lambda iu: (iu[1].date, iu[0]),
    )
    return ordered[-1][1] if ordered else None


def open_decisions(data: ProjectData, as_of: dt.date) -> tuple[OpenDecision, ...]:
    """The decisions open at the end of `as_of`, soonest due first (undated ones last)."""
    latest = latest_update(data, as_of)
    decided = [
        c.id
        for c in data.changes
        if c.status != ChangeStatus.proposed and (c.decided is None or c.decided <= as_of)
    ]
    found: list[OpenDecision] = []
    if latest is not None:
        found = [
            OpenDecision(d.what, d.owner, d.by, d.by is not None and d.by < as_of, latest.date)
            for d in latest.decisions_needed
            if not any(names_change(d.what, change_id) for change_id in decided)
        ]
    for change in sorted(data.changes, key=lambda c: (c.requested, c.id)):
        if change.status != ChangeStatus.proposed or change.requested > as_of:
            continue
        if any(change.id in d.what for d in found):
            continue
        found.append(OpenDecision(change.title, None, None, False, change.requested, change.id))
    found.sort(key=lambda d: (d.by is None, d.by or as_of, d.change_id is not None, d.what))
    return tuple(found)
