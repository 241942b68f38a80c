"""What only the team reads (costs, notes, tasks, the SMART check) and the retrospective."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.analyze.smart import lint_goals
from generator.present import wording
from generator.present.context import Lens
from generator.present.markdown import to_html
from generator.present.rows import TaskRow, task_rows
from generator.present.team import TeamRow, team_rows


@dataclass(frozen=True)
class CostCategory:
    category: str
    amount: str


@dataclass(frozen=True)
class NoteView:
    date: dt.date
    title: str
    body_html: str
    visibility: str
    visibility_label: str
    kind: str  # "note" or a meeting kind label


@dataclass(frozen=True)
class LintRow:
    goal: str
    message: str


@dataclass(frozen=True)
class InternalDetail:
    """What only the team sees: money, allocations, internal records, lint findings."""

    team: tuple[TeamRow, ...]
    costs_total: str
    costs_by_category: tuple[CostCategory, ...]
    notes: tuple[NoteView, ...]  # internal notes and meeting notes, newest first
    tasks: tuple[TaskRow, ...]
    lint: tuple[LintRow, ...]


def cost_categories(view: Lens) -> tuple[tuple[CostCategory, ...], str]:
    """Actual cost by category (alphabetical by id, named in the reader's language; a
    category the catalog does not know is printed as written) and the total, as money."""
    by_category: dict[str, float] = {}
    for cost in view.full.costs:
        by_category[cost.category] = by_category.get(cost.category, 0.0) + cost.amount

    def money(value: float) -> str:
        return i18n.format_money(value, view.currency, view.locale)

    rows = tuple(
        CostCategory(wording.label("cost_category", k, view.locale), money(v))
        for k, v in sorted(by_category.items())
    )
    return rows, money(sum(by_category.values()))


def notes(view: Lens, since: dt.date | None = None) -> tuple[NoteView, ...]:
    """Notes and meeting minutes the reader may see (from `since`), newest first."""
    locale = view.locale
    seen = view.seen
    found = [
        NoteView(
            n.date,
            n.title,
            to_html(n.body),
            n.visibility.value,
            wording.label("visibility", n.visibility, locale),
            "note",
        )
        for n in seen.notes
    ] + [
        NoteView(
            m.date,
            m.title,
            to_html(m.body),
            m.visibility.value,
            wording.label("visibility", m.visibility, locale),
            wording.label("meeting_kind", m.kind, locale),
        )
        for m in seen.meetings
    ]
    if since is not None:
        found = [n for n in found if n.date >= since]
    found.sort(key=lambda n: (n.date, n.title), reverse=True)
    return tuple(found)


def internal_detail(view: Lens) -> InternalDetail:
    goal_titles = {g.id: g.title for g in view.full.project.goals}
    lint = tuple(
        LintRow(goal_titles.get(f.goal_id, f.goal_id), wording.reason(f.reason, view.locale))
        for f in lint_goals(view.full, view.portfolio.people)
    )
    categories, total = cost_categories(view)
    return InternalDetail(
        team=team_rows(view),
        costs_total=total,
        costs_by_category=categories,
        notes=notes(view),
        tasks=task_rows(view),
        lint=lint,
    )


@dataclass(frozen=True)
class ImprovementRow:
    id: str
    action: str
    owner: str  # a name
    due: dt.date | None
    status: str
    status_label: str
    status_rank: int  # open 0, in progress 1, done 2, dropped 3: a sort key
    overdue: bool  # past its due date and neither done nor dropped


@dataclass(frozen=True)
class ProblemRow:
    problem: str
    solution: str


@dataclass(frozen=True)
class RetrospectiveView:
    date: dt.date
    went_well: tuple[str, ...]  # plain text, like every field but a narrative
    to_improve: tuple[str, ...]
    lessons: tuple[str, ...]
    problems: tuple[ProblemRow, ...]
    team_performance: str | None
    actions: tuple[ImprovementRow, ...]
    body: str
    body_html: str


ACTION_ORDER = {"open": 0, "in_progress": 1, "done": 2, "dropped": 3}


def retrospective(view: Lens) -> RetrospectiveView | None:
    retro = view.seen.retrospective
    if retro is None:
        return None
    return RetrospectiveView(
        date=retro.date,
        went_well=tuple(item.text for item in retro.went_well),
        to_improve=tuple(item.text for item in retro.to_improve),
        lessons=tuple(item.text for item in retro.lessons),
        problems=tuple(ProblemRow(p.problem, p.solution) for p in retro.problems),
        team_performance=retro.team_performance,
        actions=tuple(
            ImprovementRow(
                a.id,
                a.action,
                view.name(a.owner),
                a.due,
                a.status,
                wording.label("improvement_status", a.status, view.locale),
                ACTION_ORDER.get(a.status, 9),
                a.due is not None and a.due < view.as_of and a.status in ("open", "in_progress"),
            )
            for a in retro.actions
        ),
        body=retro.body,
        body_html=to_html(retro.body),
    )
