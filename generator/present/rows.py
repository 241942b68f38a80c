"""Register rows as a reader sees them: risks, change requests, deliverables, tasks.

Every row names people by their names (people.yaml), never by their ids, and every list is
built from what the reader's audience may see (Lens.seen). The portal and the reports
print these same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator import i18n
from generator.analyze.progress import task_state
from generator.analyze.risks import RiskState, risk_states
from generator.model.records import ChangeRequest, Task
from generator.present import wording
from generator.present.context import Lens

DASH = "\u2014"


@dataclass(frozen=True)
class RiskRow:
    id: str
    title: str
    description: str | None
    kind: str
    kind_label: str
    owner: str  # the person's name
    response: str
    response_label: str
    plan: str | None
    probability: int
    impact: int
    exposure: int
    level: str  # low | medium | high: a CSS class
    level_label: str
    status: str
    status_label: str
    raised: dt.date
    visibility: str
    change: str = ""  # in a report's list of moves: "New", "Grew", "Occurred", "Closed"

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def risk_row(view: Lens, state: RiskState, change: str = "") -> RiskRow:
    locale = view.locale
    record = next((r for r in view.seen.risks if r.id == state.id), None)
    return RiskRow(
        id=state.id,
        title=state.title,
        description=record.description if record else None,
        kind=state.kind,
        kind_label=wording.label("risk_kind", state.kind, locale),
        owner=view.name(state.owner),
        response=state.response,
        response_label=wording.label("response", state.response, locale),
        plan=record.plan if record else None,
        probability=state.probability,
        impact=state.impact,
        exposure=state.exposure,
        level=state.level,
        level_label=wording.label("risk_level", state.level, locale),
        status=state.status.value,
        status_label=wording.label("risk_status", state.status, locale),
        raised=state.raised,
        visibility=state.visibility.value,
        change=change,
    )


def risk_rows(view: Lens) -> tuple[RiskRow, ...]:
    """Every risk the reader may see: open first, highest exposure (then impact) first."""
    states = risk_states(view.seen.risks, view.as_of, view.rules.high_risk_exposure)
    states.sort(key=lambda s: (not s.is_open, -s.exposure, -s.impact, s.raised, s.id))
    return tuple(risk_row(view, s) for s in states)


@dataclass(frozen=True)
class ChangeRow:
    id: str
    title: str
    description: str | None
    requested_by: str  # a name
    requested: dt.date
    scope: str | None
    schedule_days: int
    schedule: str  # "+14 d" or "—"
    cost: float | None
    cost_text: str  # "—" when there is no price for this reader
    status: str
    status_label: str
    decided: dt.date | None
    decided_by: str | None  # a name
    decision_note: str | None
    visibility: str


def change_row(view: Lens, c: ChangeRequest) -> ChangeRow:
    locale = view.locale
    n = c.impact.schedule_days
    cost = c.impact.cost
    return ChangeRow(
        id=c.id,
        title=c.title,
        description=c.description,
        requested_by=view.name(c.requested_by),
        requested=c.requested,
        scope=c.impact.scope,
        schedule_days=n,
        schedule=wording.variance(n, locale) if n else DASH,
        cost=cost,
        cost_text=i18n.format_money(cost, view.currency, locale) if cost else DASH,
        status=c.status.value,
        status_label=wording.label("change_status", c.status, locale),
        decided=c.decided,
        decided_by=view.name(c.decided_by) or None,
        decision_note=c.decision_note,
        visibility=c.visibility.value,
    )


def change_rows(
    view: Lens, changes: Iterable[ChangeRequest] | None = None
) -> tuple[ChangeRow, ...]:
    """Change requests the reader may see, newest first."""
    chosen = view.seen.changes if changes is None else changes
    ordered = sorted(chosen, key=lambda c: (c.requested, c.id), reverse=True)
    return tuple(change_row(view, c) for c in ordered)


@dataclass(frozen=True)
class DeliverableRow:
    id: str
    title: str
    milestone: str | None  # the milestone's title
    due: dt.date | None
    status: str
    status_label: str
    delivered_on: dt.date | None
    accepted_on: dt.date | None
    accepted_by: str | None  # a name
    visibility: str
    overdue: bool = False  # due before the day and neither delivered nor accepted


_HANDED_OVER = frozenset({"delivered", "accepted"})


def deliverable_rows(view: Lens) -> tuple[DeliverableRow, ...]:
    project = view.seen.project
    titles = {m.id: m.title for m in project.milestones}
    return tuple(
        DeliverableRow(
            id=d.id,
            title=d.title,
            milestone=titles.get(d.milestone) if d.milestone else None,
            due=d.due,
            status=d.status.value,
            status_label=wording.label("deliverable_status", d.status, view.locale),
            delivered_on=d.delivered_on,
            accepted_on=d.accepted_on,
            accepted_by=view.name(d.accepted_by) or None,
            visibility=d.visibility.value,
            overdue=d.due is not None and d.due < view.as_of and d.status.value not in _HANDED_OVER,
        )
        for d in project.deliverables
    )


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    owner: str  # a name
    milestone: str | None
    start: dt.date
    due: dt.date
    state: str
    state_label: str
    overdue: bool
    visibility: str


def task_rows(view: Lens, tasks: Iterable[Task] | None = None) -> tuple[TaskRow, ...]:
    """Tasks the reader may see (or the given ones), soonest due first."""
    chosen = view.seen.tasks if tasks is None else tasks
    titles = {m.id: m.title for m in view.seen.project.milestones}
    rows = []
    for t in sorted(chosen, key=lambda t: (t.due, t.id)):
        state = task_state(t, view.as_of)
        rows.append(
            TaskRow(
                id=t.id,
                title=t.title,
                owner=view.name(t.owner),
                milestone=titles.get(t.milestone) if t.milestone else None,
                start=t.start,
                due=t.due,
                state=state,
                state_label=wording.label("task_state", state, view.locale),
                overdue=state != "done" and t.due < view.as_of,
                visibility=t.visibility.value,
            )
        )
    return tuple(rows)
