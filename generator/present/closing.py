"""The closing report's own sections: the summary figures, objectives, deliverables,
change requests in total, problems, handover and the reasons for every slip."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.analyze.risks import risk_states
from generator.model.records import ChangeStatus
from generator.present import wording
from generator.present.internal import CostCategory, RetrospectiveView, cost_categories
from generator.present.internal import retrospective as retrospective_
from generator.present.milestones import SlipRow
from generator.present.report import ReportView
from generator.present.rows import (
    ChangeRow,
    DeliverableRow,
    RiskRow,
    change_rows,
    deliverable_rows,
    risk_row,
)

DASH = "\u2014"


@dataclass(frozen=True)
class HandoverRow:
    item: str
    owner: str  # a name
    due: dt.date | None


@dataclass(frozen=True)
class SlipReason:
    milestone: str
    slip: SlipRow


@dataclass(frozen=True)
class Closing:
    finished: dt.date
    planned_end: dt.date
    schedule_variance: str
    goals_met: int
    deliverables: tuple[DeliverableRow, ...]
    deliverables_accepted: int
    all_changes: tuple[ChangeRow, ...]  # oldest first
    approved_days: str
    approved_cost: str | None  # None: no approved cost, or none this reader may see
    issues: tuple[RiskRow, ...]
    open_risks: tuple[RiskRow, ...]
    handover: tuple[HandoverRow, ...]
    cost_by_category: tuple[CostCategory, ...]  # internal only
    cost_total: str
    slip_reasons: tuple[SlipReason, ...]  # every move of every milestone
    retrospective: RetrospectiveView | None


def closing(report: ReportView) -> Closing:
    view = report.lens
    seen = view.seen
    project = seen.project
    finished = project.actual_end or view.as_of
    approved = [c for c in seen.changes if c.status == ChangeStatus.approved]
    costs = [c.impact.cost for c in approved]
    approved_cost = None
    if costs and None not in costs and sum(c or 0 for c in costs):
        approved_cost = i18n.format_money(sum(c or 0 for c in costs), view.currency, view.locale)
    states = risk_states(seen.risks, view.as_of, view.rules.high_risk_exposure)
    categories, total = cost_categories(view) if not view.client else ((), DASH)
    deliverables = deliverable_rows(view)
    return Closing(
        finished=finished,
        planned_end=project.planned_end,
        schedule_variance=wording.variance((finished - project.planned_end).days, view.locale),
        goals_met=sum(1 for g in report.goals if g.verdict == "met"),
        deliverables=deliverables,
        deliverables_accepted=sum(1 for d in deliverables if d.status == "accepted"),
        all_changes=tuple(reversed(change_rows(view))),
        approved_days=wording.variance(sum(c.impact.schedule_days for c in approved), view.locale),
        approved_cost=approved_cost,
        issues=tuple(
            risk_row(view, s) for s in states if s.kind == "issue" or s.status == "occurred"
        ),
        open_risks=tuple(risk_row(view, s) for s in states if s.is_open and s.kind == "risk"),
        handover=tuple(HandoverRow(h.item, view.name(h.owner), h.due) for h in project.handover),
        cost_by_category=categories,
        cost_total=total,
        slip_reasons=tuple(
            SlipReason(m.title, slip) for m in report.milestones for slip in m.slips
        ),
        retrospective=retrospective_(view),
    )
