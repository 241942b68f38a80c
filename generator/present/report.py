"""What goes into a PDF report: the sections of a weekly, monthly or closing report.

`report_view(portfolio, data, period, audience, look_ahead)` cuts the project to the end
of the period and to the reader's audience (a Lens) and builds every section from the
same rows as the portal (present.rows, milestones, goals, decisions, team): a weekly and
the portal page of the same day print the same health, progress, next milestone, open
decisions and names. The monthly's deviations, milestone trend and earned value table,
and the closing report's summary, are in present/monthly.py and present/closing.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.audience import Audience
from generator.analyze.changes import ChangeSummary, changes_between
from generator.analyze.periods import Period
from generator.analyze.progress import task_state
from generator.analyze.reasons import Reason
from generator.analyze.risks import top_risks
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.records import ChangeStatus
from generator.present import budget as budget_
from generator.present import milestones as milestones_
from generator.present import wording
from generator.present.budget import BudgetView
from generator.present.context import Lens, lens
from generator.present.decisions import DecisionRow, decision_rows
from generator.present.goals import GoalRow, goal_rows
from generator.present.health import HealthDisplay, health_display
from generator.present.internal import NoteView, notes
from generator.present.milestones import MilestoneRow
from generator.present.progress import ProgressView, progress
from generator.present.rows import ChangeRow, RiskRow, TaskRow, change_rows, risk_row, task_rows
from generator.present.team import TeamRow, team_rows
from generator.present.updates import UpdateView, update_views

TOP_RISKS = 5


@dataclass(frozen=True)
class ReportView:
    lens: Lens
    period: Period
    health: HealthDisplay
    progress: ProgressView
    milestones: tuple[MilestoneRow, ...]
    next_milestone: MilestoneRow | None
    goals: tuple[GoalRow, ...]
    budget: BudgetView | None  # None: no budget, or none of it for this reader
    no_budget: bool  # the team reads the report but the project has no budget
    changes: ChangeSummary  # what moved in the period
    risk_moves: tuple[RiskRow, ...]  # new, grown, occurred, closed in the period
    top_risks: tuple[RiskRow, ...]
    change_requests: tuple[ChangeRow, ...]  # requested or decided in the period
    waiting_changes: tuple[ChangeRow, ...]  # awaiting a decision, not among the above
    decisions: tuple[DecisionRow, ...]  # open at the end of the period
    updates: tuple[UpdateView, ...]  # in the period, oldest first
    narratives: tuple[UpdateView, ...]  # those with a narrative
    highlights: tuple[str, ...]
    blockers: tuple[str, ...]
    next_steps: tuple[str, ...]  # of the latest update by the end of the period
    upcoming_tasks: tuple[TaskRow, ...]  # due in the period ahead, not done
    upcoming_milestones: tuple[MilestoneRow, ...]  # forecast in the period ahead, open
    team: tuple[TeamRow, ...]  # names and roles; the numbers internal only
    notes: tuple[NoteView, ...]  # internal notes and minutes of the period

    @property
    def internal(self) -> bool:
        return not self.lens.client


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def reason_text(view: Lens, item: Reason) -> str:
    """A reason in the reader's language, people named by their names."""
    if "requested_by" in item.params:
        params = item.params | {"requested_by": view.name(str(item.params["requested_by"]))}
        item = Reason(item.code, params)
    return wording.reason(item, view.locale)


def _risk_moves(view: Lens, summary: ChangeSummary) -> tuple[RiskRow, ...]:
    g = wording.gettext
    locale = view.locale
    moves = [risk_row(view, m.risk, g(locale, "New")) for m in summary.risks_opened]
    for label, group in (
        (g(locale, "Grew"), summary.risks_escalated),
        (g(locale, "Occurred"), summary.risks_occurred),
        (g(locale, "Closed"), summary.risks_closed),
    ):
        moves += [risk_row(view, m.risk, label) for m in group]
    return tuple(moves)


def report_view(
    portfolio: Portfolio,
    data: ProjectData,
    period: Period,
    audience: Audience | str,
    look_ahead: Period,
) -> ReportView:
    """The sections every report shares, for `period`, seen at its end by `audience`."""
    view = lens(portfolio, data, period.end, audience)
    day = period.end
    seen = view.seen
    start = period.start - dt.timedelta(days=1)
    summary = changes_between(
        seen, start, day, view.rules.high_risk_exposure, client_only=view.client
    )
    milestone_rows = milestones_.milestone_rows(view)
    in_period = [c for c in seen.changes if c.requested in period or c.decided in period]
    shown = {c.id for c in in_period}
    waiting = [c for c in seen.changes if c.status == ChangeStatus.proposed and c.id not in shown]
    updates = tuple(u for u in reversed(update_views(view)) if u.date in period)
    upcoming = [t for t in seen.tasks if t.due in look_ahead and task_state(t, day) != "done"]
    state = budget_.budget(view, since=period.start)
    raw = [u for u in seen.updates if u.date in period]
    return ReportView(
        lens=view,
        period=period,
        health=health_display(view),
        progress=progress(view),
        milestones=milestone_rows,
        next_milestone=milestones_.next_row(view, milestone_rows),
        goals=goal_rows(view, sparklines=False),
        budget=state,
        no_budget=not view.client and data.project.budget is None,
        changes=summary,
        risk_moves=_risk_moves(view, summary),
        top_risks=tuple(
            risk_row(view, s)
            for s in top_risks(seen.risks, day, view.rules.high_risk_exposure, TOP_RISKS)
        ),
        change_requests=change_rows(view, in_period),
        waiting_changes=change_rows(view, waiting),
        decisions=decision_rows(view),
        updates=updates,
        narratives=tuple(u for u in updates if u.body),
        highlights=_unique([h for u in raw for h in u.highlights]),
        blockers=_unique([b for u in raw for b in u.blockers]),
        next_steps=tuple(raw[-1].next_steps) if raw else (),
        upcoming_tasks=task_rows(view, upcoming),
        upcoming_milestones=tuple(
            m for m in milestone_rows if not m.done and m.forecast in look_ahead
        ),
        team=team_rows(view, period),
        notes=()
        if view.client
        else tuple(n for n in notes(view) if n.kind == "note" and n.date in period),
    )
