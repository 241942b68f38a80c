"""What stands at the end of a report's period, for the reader: the plan and open actions.

Rule: a client's copy never says that nothing was written. When the PM wrote no update in
the period, the report carries forward what stands: the next steps of the latest update
(dated, so the reader knows they are from an earlier week), the open meeting actions with
owners and due dates (an action that is one of the open decisions is listed under the
decisions only), and (from the report's other sections) the open decisions, tasks
completed and milestone movements. That no update was written is a remark for the team
(`hygiene`, internal copy only); `milepost build` warns the PM as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.periods import Period
from generator.analyze.progress import task_state
from generator.analyze.standing import standing
from generator.present import wording
from generator.present.context import Lens
from generator.present.rows import TaskRow, task_rows
from generator.present.wording import N_

DASH = "\u2014"
MEETING = N_("%(title)s, %(date)s")


@dataclass(frozen=True)
class ActionRow:
    action: str
    owner: str  # a name
    due_text: str
    overdue: bool
    source: str  # "Steering committee, Nov 18, 2026"


@dataclass(frozen=True)
class MeetingSummary:
    title: str  # "Project kick-off, May 6, 2026"
    decisions: tuple[str, ...]


@dataclass(frozen=True)
class StandingView:
    has_update: bool  # an update the reader may see is dated in the period
    next_steps: tuple[str, ...]  # plain text: templates escape it
    next_steps_note: str  # "As planned on Nov 20, 2026" when from an earlier period, else ""
    actions: tuple[ActionRow, ...]
    in_progress: tuple[TaskRow, ...]  # under way or blocked at the end of the period
    ahead: tuple[TaskRow, ...]  # not done and scheduled in the period ahead
    meetings: tuple[MeetingSummary, ...]  # held in the period, with what they decided
    hygiene: str  # internal copy only: "No status update this week; the last was on …"


def standing_view(view: Lens, period: Period, ahead: Period) -> StandingView:
    locale = view.locale
    g = wording.gettext
    found = standing(view.seen, view.as_of, view.name)
    has_update = any(u.date in period and u.kind != "daily" for u in view.seen.updates)
    note = ""
    if found.next_steps and found.next_steps_date and found.next_steps_date < period.start:
        note = g(locale, "As planned in the update of %(date)s.") % {
            "date": wording.date(found.next_steps_date, locale)
        }
    hygiene = ""
    if not view.client and not has_update:
        hygiene = _hygiene(found.last_update, period, locale)
    return StandingView(
        has_update=has_update,
        next_steps=found.next_steps,
        next_steps_note=note,
        actions=tuple(
            ActionRow(
                a.action,
                view.name(a.owner),
                wording.date(a.due, locale) if a.due else DASH,
                a.overdue,
                g(locale, MEETING)
                % {"title": a.meeting, "date": wording.date(a.meeting_date, locale)},
            )
            for a in found.actions
        ),
        in_progress=task_rows(
            view,
            [t for t in view.seen.tasks if task_state(t, view.as_of) in ("in_progress", "blocked")],
        ),
        ahead=task_rows(
            view,
            [
                t
                for t in view.seen.tasks
                if t.start <= ahead.end
                and t.due >= ahead.start
                and task_state(t, view.as_of) != "done"
            ],
        ),
        meetings=tuple(
            MeetingSummary(
                g(locale, MEETING) % {"title": m.title, "date": wording.date(m.date, locale)},
                tuple(m.decisions),
            )
            for m in sorted(view.seen.meetings, key=lambda m: m.date)
            if m.date in period
        ),
        hygiene=hygiene,
    )


def _hygiene(last: dt.date | None, period: Period, locale: str) -> str:
    g = wording.gettext
    if last is None:
        return g(locale, "No status update has been written for this project yet.")
    return g(locale, "No status update was written in this period; the last is from %(date)s.") % {
        "date": wording.date(last, locale)
    }
