"""A project as one reader sees it on one day: every value its page and its feeds print.

`project_view(portfolio, data, as_of, audience)` is the entry point of the site. For the
client audience every list comes from analyze.audience.client_slice; the figures every
audience shares (progress, the share of the budget used) come from the full project.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.audience import Audience
from generator.model.portfolio import Portfolio, ProjectData
from generator.present import budget as budget_
from generator.present import decisions as decisions_
from generator.present import goals as goals_
from generator.present import health as health_
from generator.present import internal as internal_
from generator.present import meetings as meetings_
from generator.present import milestones as milestones_
from generator.present import portal as portal_
from generator.present import progress as progress_
from generator.present import rows as rows_
from generator.present import updates as updates_
from generator.present import wording
from generator.present.budget import BudgetView
from generator.present.context import Lens, lens
from generator.present.decisions import DecisionRow
from generator.present.goals import GoalRow
from generator.present.health import HealthDisplay
from generator.present.internal import InternalDetail, RetrospectiveView
from generator.present.meetings import ChannelRow, ContactRow, MeetingOccurrence, MeetingPlanRow
from generator.present.milestones import MilestoneRow
from generator.present.portal import Caller, CostView, Dates, Outcome
from generator.present.progress import ProgressView
from generator.present.rows import ChangeRow, DeliverableRow, RiskRow
from generator.present.updates import UpdateView


@dataclass(frozen=True)
class ProjectCharts:
    """Finished SVG, each laid out for a desktop column and for a phone."""

    timeline: tuple[str, str]
    burnup: tuple[str, str]
    budget: str | None
    earned_value: tuple[str, str] | tuple[None, None]


@dataclass(frozen=True)
class ProjectView:
    id: str
    title: str
    summary: str | None
    audience: str  # "client" | "internal"
    locale: str
    as_of: dt.date
    client_id: str
    client_name: str
    manager: str  # the manager's name
    status: str
    status_label: str
    start: dt.date
    planned_end: dt.date
    actual_end: dt.date | None
    health: HealthDisplay
    goals: tuple[GoalRow, ...]
    milestones: tuple[MilestoneRow, ...]
    next_milestone: MilestoneRow | None
    progress: ProgressView
    budget: BudgetView | None  # None: no budget, or not for this reader
    risks: tuple[RiskRow, ...]  # open first, highest exposure first
    changes: tuple[ChangeRow, ...]  # newest first
    deliverables: tuple[DeliverableRow, ...]
    decisions: tuple[DecisionRow, ...]  # open at as_of
    updates: tuple[UpdateView, ...]  # newest first; () in a summary (detail=False)
    upcoming_meetings: tuple[MeetingOccurrence, ...]
    meetings: tuple[MeetingPlanRow, ...]
    channels: tuple[ChannelRow, ...]
    contacts: tuple[ContactRow, ...]
    retrospective: RetrospectiveView | None
    internal: InternalDetail | None  # None for the client audience
    last_update: dt.date | None
    days_since_update: int | None
    charts: ProjectCharts | None  # None in a summary (detail=False)
    # The head of the page (present.portal): who to call, dates, budget, a closed outcome.
    who: Caller
    dates: Dates
    cost: CostView | None
    outcome: Outcome | None  # a closed project's outcome; None while it runs

    @property
    def latest_update(self) -> UpdateView | None:
        return self.updates[0] if self.updates else None

    @property
    def older_updates(self) -> tuple[UpdateView, ...]:
        return self.updates[1:]

    @property
    def open_risks(self) -> tuple[RiskRow, ...]:
        return tuple(r for r in self.risks if r.is_open)

    @property
    def closed_risks(self) -> tuple[RiskRow, ...]:
        return tuple(r for r in self.risks if not r.is_open)

    @property
    def is_client(self) -> bool:
        return self.audience == Audience.client


def _charts(
    view: Lens,
    milestone_rows: tuple[MilestoneRow, ...],
    figures: ProgressView,
    state: BudgetView | None,
) -> ProjectCharts:
    today = view.chart_day_label(wording.gettext(view.locale, "Today"))
    return ProjectCharts(
        timeline=milestones_.timeline(
            view, milestone_rows, chart_id=f"{view.full.id}-timeline", today_label=today
        ),
        burnup=progress_.burnup_chart(view, figures, today_label=today),
        budget=budget_.burn_chart(view, state) if state else None,
        earned_value=budget_.ev_chart(view, today_label=today) if state else (None, None),
    )


def project_view(
    portfolio: Portfolio,
    data: ProjectData,
    as_of: dt.date,
    audience: Audience | str,
    *,
    detail: bool = True,
) -> ProjectView:
    """The project as it stood at the end of `as_of`, for the internal team or its client.
    `detail=False`: a summary for the home pages, without the charts and the rendered
    updates that only the project's own pages print (they are most of a view's cost)."""
    view = lens(portfolio, data, as_of, audience)
    return view_of(view, detail=detail)


def view_of(view: Lens, *, detail: bool = True) -> ProjectView:
    project = view.seen.project
    locale = view.locale
    client = view.portfolio.clients[project.client]
    milestone_rows = milestones_.milestone_rows(view)
    figures = progress_.progress(view)
    state = budget_.budget(view)
    seen_updates = updates_.update_views(view) if detail else ()
    goal_rows = goals_.goal_rows(view)
    last_update = max((u.date for u in view.seen.updates), default=None)
    return ProjectView(
        id=project.id,
        title=project.title,
        summary=project.summary,
        audience=view.audience.value,
        locale=locale,
        as_of=view.as_of,
        client_id=client.id,
        client_name=client.name,
        manager=view.name(project.manager),
        status=project.status.value,
        status_label=wording.label("project_status", project.status, locale),
        start=project.start,
        planned_end=project.planned_end,
        actual_end=project.actual_end,
        health=health_.health_display(view),
        goals=goal_rows,
        milestones=milestone_rows,
        next_milestone=milestones_.next_row(view, milestone_rows),
        progress=figures,
        budget=state,
        risks=rows_.risk_rows(view),
        changes=rows_.change_rows(view),
        deliverables=rows_.deliverable_rows(view),
        decisions=decisions_.decision_rows(view),
        updates=seen_updates,
        upcoming_meetings=meetings_.upcoming(view),
        meetings=meetings_.meeting_rows(view),
        channels=meetings_.channel_rows(view),
        contacts=meetings_.contact_rows(client.contacts, project.communication.contacts),
        retrospective=internal_.retrospective(view),
        internal=None if view.client else internal_.internal_detail(view),
        last_update=last_update,
        days_since_update=(view.as_of - last_update).days if last_update else None,
        charts=_charts(view, milestone_rows, figures, state) if detail else None,
        who=portal_.manager(view),
        dates=portal_.dates(view),
        cost=portal_.cost(view),
        outcome=portal_.outcome(
            view, sum(1 for g in goal_rows if g.verdict == "met"), len(goal_rows)
        ),
    )
