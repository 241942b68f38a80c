"""What the next weekly update of a project should say, from the data: the facts of a draft.

`draft_facts` looks at the project as the update's readers may see it (`client_slice` for a
client-visible update), so a client draft holds no internal record; the window runs from the
last weekly update those readers saw (exclusive) to the draft's date (inclusive), and the
look-ahead to the next update, a week later. Wording and layout are the renderer's job
(render/draft_update.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.audience import Audience, for_audience
from generator.analyze.changes import ChangeSummary, changes_between
from generator.analyze.smart import reading_due
from generator.analyze.snapshot import as_of as snapshot
from generator.model.documents import Update
from generator.model.portfolio import ProjectData
from generator.model.project import Goal
from generator.model.records import Task, TaskStatus

NEXT_UPDATE_DAYS = 7  # weekly updates: the next one is a week after the draft


@dataclass(frozen=True)
class DraftFacts:
    project: str
    date: dt.date
    audience: Audience
    previous: Update | None  # the last weekly (or ad hoc) update these readers saw
    since: dt.date  # exclusive: the previous update's date, else the day before the start
    next_update: dt.date
    changes: ChangeSummary  # what happened in (since, date], for these readers
    standups: tuple[Update, ...]  # daily stand-ups in the window these readers may see
    hidden_standups: tuple[Update, ...]  # internal stand-ups left out of a client draft
    next_steps: tuple[Task, ...]  # open tasks starting or due by the next update
    blocked: tuple[Task, ...]
    goals_due: tuple[Goal, ...]  # goals whose next reading is due


def previous_update(data: ProjectData, date: dt.date) -> Update | None:
    """The latest update before `date` that is not a daily stand-up."""
    earlier = [
        (u.date, i, u) for i, u in enumerate(data.updates) if u.date < date and u.kind != "daily"
    ]
    return max(earlier, key=lambda t: (t[0], t[1]))[2] if earlier else None


def draft_facts(
    data: ProjectData, date: dt.date, audience: Audience, high_risk_exposure: int
) -> DraftFacts:
    """The facts of a draft update dated `date`, as `audience` may see them."""
    full = snapshot(data, date)
    seen = for_audience(full, audience)
    previous = previous_update(seen, date)
    since = previous.date if previous else data.project.start - dt.timedelta(days=1)
    next_update = date + dt.timedelta(days=NEXT_UPDATE_DAYS)
    changes = changes_between(
        seen, since, date, high_risk_exposure, client_only=audience == Audience.client
    )
    in_window = [u for u in full.updates if u.kind == "daily" and since < u.date <= date]
    standups = tuple(u for u in in_window if u in seen.updates)
    hidden = tuple(u for u in in_window if u not in seen.updates)
    open_tasks = [t for t in seen.tasks if t.status != TaskStatus.done]
    next_steps = tuple(
        sorted(
            (
                t
                for t in open_tasks
                if t.status != TaskStatus.blocked
                and (t.due <= next_update or date < t.start <= next_update)
            ),
            key=lambda t: (t.due, t.start, t.id),
        )
    )
    blocked = tuple(t for t in open_tasks if t.status == TaskStatus.blocked)
    goals = tuple(g for g in seen.project.goals if reading_due(seen, g, date))
    return DraftFacts(
        project=data.id,
        date=date,
        audience=audience,
        previous=previous,
        since=since,
        next_update=next_update,
        changes=changes,
        standups=standups,
        hidden_standups=hidden,
        next_steps=next_steps,
        blocked=blocked,
        goals_due=goals,
    )
