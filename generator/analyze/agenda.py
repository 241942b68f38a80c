"""What needs the project manager, across the portfolio, most urgent first.

Every item names a project, the file to edit and, where one acts on it, a command. Items
come in a fixed order of urgency (KINDS), then by the date that makes them urgent:

  decision_overdue   a client decision whose date has passed (open_decisions, client view)
  milestone_overdue  an open milestone whose forecast date has passed
  report_unsent      a client report due to send that the send ledger has no entry for
  update_missing     an active project without a weekly update in its cadence (7 days)
  risk_unhandled     an open high risk without a plan or an owner
  decision_due       a client decision due within DECISION_DAYS
  milestone_due      an open milestone forecast within MILESTONE_DAYS
  milestone_late     an open milestone forecast later than planned
  over_allocated     a person booked beyond capacity in one of the next weeks
  allocation_ends    team allocations that end before the project's forecast end
  reading_due        goals whose next reading is due (analyze.smart.reading_due)
  risk_stale         open risks not re-assessed in STALE_RISK_DAYS
  closure_missing    a closed project without a retrospective or a client survey

Pure: which reports were sent is read from the ledger by the caller and passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.analyze.audience import client_slice
from generator.analyze.decisions import open_decisions
from generator.analyze.periods import week_of
from generator.analyze.resources import allocation_gaps, resource_load
from generator.analyze.risks import risk_states
from generator.analyze.schedule import milestone_statuses
from generator.analyze.smart import reading_due
from generator.analyze.snapshot import as_of as snapshot
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import ProjectStatus

KINDS = (
    "decision_overdue",
    "milestone_overdue",
    "report_unsent",
    "update_missing",
    "risk_unhandled",
    "decision_due",
    "milestone_due",
    "milestone_late",
    "over_allocated",
    "allocation_ends",
    "reading_due",
    "risk_stale",
    "closure_missing",
)
URGENT = frozenset(KINDS[:5])  # what is late already or needs doing today
DECISION_DAYS = 7
MILESTONE_DAYS = 14
UPDATE_CADENCE_DAYS = 7
STALE_RISK_DAYS = 30
LOAD_WEEKS = 4  # this week and the next three


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    project: str
    due: dt.date | None  # the date that makes it urgent
    file: str  # relative to the workspace
    command: str | None
    params: Mapping[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT


@dataclass(frozen=True)
class UnsentReport:
    """A client report due to send (a subscribed contact) with no entry in the send ledger."""

    project: str
    kind: str  # weekly | monthly | closing
    period: str | None  # 2026-W48, 2026-11; None for the closing report
    day: dt.date  # the end of the period, or the closing day


def _folder(project: str) -> str:
    return f"content/projects/{project}"


def _decisions(data: ProjectData, as_of: dt.date) -> list[AgendaItem]:
    seen = client_slice(data)
    items = []
    for d in open_decisions(seen, as_of):
        if d.by is None or (d.by - as_of).days > DECISION_DAYS:
            continue
        if d.change_id:
            file = f"{_folder(data.id)}/changes.yaml"
        else:
            listed = [u for u in seen.updates if u.date == d.asked_on and u.kind != "daily"]
            file = listed[-1].source if listed else f"{_folder(data.id)}/updates"
        kind = "decision_overdue" if d.overdue else "decision_due"
        params = {"what": d.what, "owner": d.owner or "", "date": d.by}
        items.append(AgendaItem(kind, data.id, d.by, file, None, params))
    return items


def _milestones(data: ProjectData, as_of: dt.date) -> list[AgendaItem]:
    items = []
    file = f"{_folder(data.id)}/project.yaml"
    for s in milestone_statuses(data.project.milestones, as_of):
        if s.done:
            continue
        params = {"milestone": s.title, "date": s.forecast, "days": s.variance_days}
        if s.state == "overdue":
            items.append(AgendaItem("milestone_overdue", data.id, s.forecast, file, None, params))
        elif (s.forecast - as_of).days <= MILESTONE_DAYS:
            items.append(AgendaItem("milestone_due", data.id, s.forecast, file, None, params))
        elif s.variance_days > 0:
            items.append(AgendaItem("milestone_late", data.id, s.forecast, file, None, params))
    return items


def _update(data: ProjectData, as_of: dt.date) -> list[AgendaItem]:
    if as_of < data.project.start:
        return []
    weekly = [u.date for u in data.updates if u.kind != "daily" and u.date <= as_of]
    last = max(weekly) if weekly else None
    since = last or data.project.start
    if (as_of - since).days < UPDATE_CADENCE_DAYS:
        return []
    file = f"{_folder(data.id)}/updates/{as_of.isoformat()}.md"
    params = {"last": last, "days": (as_of - since).days}
    due = since + dt.timedelta(days=UPDATE_CADENCE_DAYS)
    command = f"milepost draft {data.id} --date {as_of.isoformat()}"
    return [AgendaItem("update_missing", data.id, due, file, command, params)]


def _risks(data: ProjectData, as_of: dt.date, high_exposure: int) -> list[AgendaItem]:
    items = []
    file = f"{_folder(data.id)}/risks.yaml"
    open_ = [s for s in risk_states(data.risks, as_of, high_exposure) if s.is_open]
    plans = {r.id: (r.plan or "").strip() for r in data.risks}
    for s in open_:
        if s.level == "high" and (not plans.get(s.id) or not s.owner.strip()):
            params = {"risk": s.title, "exposure": s.exposure, "no_plan": not plans.get(s.id)}
            items.append(AgendaItem("risk_unhandled", data.id, s.raised, file, None, params))
    stale = sorted(
        (s for s in open_ if (as_of - s.changed).days >= STALE_RISK_DAYS),
        key=lambda s: (s.changed, s.id),
    )
    if stale:
        due = stale[0].changed + dt.timedelta(days=STALE_RISK_DAYS)
        params = {"risks": tuple(s.title for s in stale), "days": STALE_RISK_DAYS}
        items.append(AgendaItem("risk_stale", data.id, due, file, None, params))
    return items


def _readings(data: ProjectData, as_of: dt.date) -> list[AgendaItem]:
    goals = [g for g in data.project.goals if reading_due(data, g, as_of)]
    if not goals:
        return []
    file = f"{_folder(data.id)}/updates/{as_of.isoformat()}.md"
    params = {"goals": tuple(g.title for g in goals)}
    command = f"milepost draft {data.id} --date {as_of.isoformat()}"
    return [AgendaItem("reading_due", data.id, as_of, file, command, params)]


def _allocations(portfolio: Portfolio, data: ProjectData, as_of: dt.date) -> list[AgendaItem]:
    gaps = allocation_gaps(data, as_of)
    if not gaps:
        return []
    short = sorted((g.last_day, _name(portfolio, g.person)) for g in gaps)
    params = {
        "people": tuple(name for _, name in short),
        "ends": short[0][0],
        "forecast": gaps[0].forecast_end,
    }
    file = f"{_folder(data.id)}/project.yaml"
    return [AgendaItem("allocation_ends", data.id, short[0][0], file, None, params)]


def _name(portfolio: Portfolio, ident: str) -> str:
    person = portfolio.people.get(ident)
    return person.name if person else ident


def _load(portfolio: Portfolio, as_of: dt.date) -> list[AgendaItem]:
    weeks = [week_of(as_of + dt.timedelta(weeks=n)) for n in range(LOAD_WEEKS)]
    items = []
    for person in resource_load(portfolio, weeks).people:
        over = person.over_weeks
        if not over:
            continue
        week = over[0]
        projects = sorted(week.projects, key=lambda p: (-p.hours, p.project))
        params = {
            "person": person.name,
            "week": week.week.key,
            "hours": week.hours,
            "capacity": week.capacity,
            "projects": tuple(p.project for p in projects),
        }
        main = projects[0].project
        file = f"{_folder(main)}/project.yaml"
        items.append(AgendaItem("over_allocated", main, week.week.start, file, None, params))
    return items


def _closure(data: ProjectData) -> list[AgendaItem]:
    missing = []
    if data.retrospective is None:
        missing.append("retrospective")
    if not data.survey_files:
        missing.append("survey")
    if not missing:
        return []
    folder = _folder(data.id)
    file = f"{folder}/retrospective.md" if "retrospective" in missing else f"{folder}/surveys"
    command = f"milepost survey import FILE --project {data.id}" if "survey" in missing else None
    params = {"missing": tuple(missing)}
    return [AgendaItem("closure_missing", data.id, data.project.actual_end, file, command, params)]


def _reports(unsent: Iterable[UnsentReport]) -> list[AgendaItem]:
    items = []
    for r in unsent:
        period = f" --period {r.period}" if r.period else ""
        command = f"milepost send {r.kind} {r.project}{period}"
        params = {"kind": r.kind, "period": r.period or ""}
        file = f"{_folder(r.project)}/updates"
        items.append(AgendaItem("report_unsent", r.project, r.day, file, command, params))
    return items


def agenda(
    portfolio: Portfolio,
    as_of: dt.date,
    unsent: Sequence[UnsentReport] = (),
    project: str | None = None,
) -> tuple[AgendaItem, ...]:
    """Every item for the portfolio (or the items that concern `project`), most urgent first."""
    rules = portfolio.site.health
    items: list[AgendaItem] = []
    for key in sorted(portfolio.projects):
        data = snapshot(portfolio.projects[key], as_of)
        status = data.project.status
        if status == ProjectStatus.closed:
            items += _closure(data)
            continue
        items += _decisions(data, as_of)
        items += _risks(data, as_of, rules.high_risk_exposure)
        if status == ProjectStatus.active:
            items += _milestones(data, as_of)
            items += _update(data, as_of)
            items += _readings(data, as_of)
            items += _allocations(portfolio, data, as_of)
    items += _reports(unsent)
    items += _load(portfolio, as_of)
    if project is not None:
        items = [i for i in items if project in _projects(i)]
    rank = {kind: n for n, kind in enumerate(KINDS)}
    items.sort(key=lambda i: (rank[i.kind], i.due or as_of, i.project, repr(i.params)))
    return tuple(items)


def _projects(item: AgendaItem) -> tuple[str, ...]:
    """The projects an item concerns: its own, and for a person's load every project."""
    others = item.params.get("projects", ())
    return (item.project, *(others if isinstance(others, tuple) else ()))
