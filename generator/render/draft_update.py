"""The text of a draft status update: front matter a PM confirms, a narrative to write.

Everything comes from analyze.draft (what happened, what is next) and present/ (the health
and the open decisions as the update's readers see them); this module only words and lays
it out, in the project's language, as a person would write it: plain YAML, comments that
say where each value came from, prompts in HTML comments (stripped before a page shows
the narrative). The text passes `milepost validate` as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import yaml

from generator import i18n
from generator.analyze.audience import Audience
from generator.analyze.draft import DraftFacts
from generator.analyze.smart import readings
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Goal
from generator.model.records import Task
from generator.present import wording
from generator.present.context import Lens
from generator.present.decisions import decision_rows
from generator.present.health import health_display

N_ = wording.N_


def scalar(value: object) -> str:
    """One YAML scalar as a person writes it: plain when YAML reads it back as the same
    text, else in double quotes."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    text = text.removesuffix("\n...\n").rstrip("\n")
    if text.startswith("'") or "\n" in text:
        return json.dumps(value, ensure_ascii=False)
    return text


class _Words:
    def __init__(self, view: Lens) -> None:
        self.view = view
        self.locale = view.locale

    def __call__(self, message: str, **params: object) -> str:
        text = wording.gettext(self.locale, message)
        return text % params if params else text

    def date(self, day: object) -> str:
        # A draft is a file the PM edits: plain spaces, no invisible joiners.
        return i18n.plain_text(wording.date(day, self.locale))  # type: ignore[arg-type]


def _comment(lines: Iterable[str], indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in lines]


def _list(key: str, items: list[str], note: str, empty: str) -> list[str]:
    if not items:
        return [f"{key}: []  # {empty}"]
    return [f"{key}:", *_comment([note], "  "), *(f"  - {scalar(i)}" for i in items)]


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item.strip(), None)
    return [i for i in seen if i]


def _task_line(w: _Words, task: Task) -> str:
    owner = w.view.name(task.owner)
    if owner:
        return w(
            N_("%(task)s (%(owner)s, due %(date)s)"),
            task=task.title,
            owner=owner,
            date=w.date(task.due),
        )
    return w(N_("%(task)s (due %(date)s)"), task=task.title, date=w.date(task.due))


def _goal_comment(w: _Words, data: ProjectData, goal: Goal, facts: DraftFacts) -> str:
    unit = goal.unit or ""
    parts = [goal.title]
    if goal.metric:
        parts.append(goal.metric)
    if unit and goal.target is None:
        parts.append(w(N_("in %(unit)s"), unit=unit))
    if goal.target is not None:
        parts.append(
            w(N_("target %(value)s"), value=wording.with_unit(goal.target, unit, w.locale))
        )
    found = readings(data, goal, facts.date)
    if found:
        last = found[-1]
        parts.append(
            w(
                N_("last %(value)s on %(date)s"),
                value=wording.with_unit(last.value, unit, w.locale),
                date=w.date(last.date),
            )
        )
    return w(N_("; ")).join(parts)


def draft_text(portfolio: Portfolio, data: ProjectData, facts: DraftFacts, view: Lens) -> str:
    """The whole file: front matter and narrative skeleton."""
    w = _Words(view)
    project = data.project
    client = portfolio.clients[project.client]
    health = health_display(view)
    since = (
        w(N_("since the update of %(date)s"), date=w.date(facts.previous.date))
        if facts.previous
        else w(N_("since the start on %(date)s"), date=w.date(project.start))
    )
    out = ["---"]
    out += _comment(
        [
            w(
                N_("Draft of the weekly update of %(date)s for %(project)s,"),
                date=w.date(facts.date),
                project=project.title,
            ),
            w(N_("written by `milepost draft` from the project's data %(since)s."), since=since),
            w(N_("Check each line, add what the data cannot know, delete what does not belong,")),
            w(N_("then run `milepost validate`.")),
        ]
    )
    out.append(f"date: {facts.date.isoformat()}")
    out.append(f"author: {scalar(project.manager)}  # {w.view.name(project.manager)}")

    computed = [w(N_("Computed from the plan: %(label)s"), label=health.computed_label)]
    computed += [f"  - {r}" for r in health.computed_reasons]
    out += _comment(computed)
    if health.reported_level:
        out += _comment(
            [
                w(
                    N_("The health you reported on %(date)s: confirm it or change it."),
                    date=w.date(health.reported_date),
                )
            ]
        )
        level, reason = health.reported_level, health.reported_reason
    else:
        out += _comment([w(N_("No health reported yet: the computed one, to confirm."))])
        level = health.computed_level
        reason = health.computed_reasons[0] if health.computed_reasons else None
    out.append(f"health: {level}")
    if reason:
        out.append(f"health_reason: {scalar(reason)}")
    else:
        out.append(f"# health_reason: {w(N_('one sentence on why'))}")

    if facts.audience == Audience.client:
        who = [
            w(
                N_("client: the contacts of %(client)s see this update on their portal"),
                client=client.name,
            ),
            w(N_("and in the weekly report; internal keeps it to the team.")),
        ]
    else:
        who = [
            w(N_("internal: only the team sees this update; client would show it")),
            w(N_("to the contacts of %(client)s."), client=client.name),
        ]
    out += _comment(who)
    out.append(f"visibility: {facts.audience.value}")

    changes = facts.changes
    reasons = [
        *(r for r in changes.reasons if r.code == "task_completed"),
        *(r for r in changes.reasons if r.code == "milestone_reached"),
        *(r for r in changes.reasons if r.code == "change_decided"),
        *(r for r in changes.reasons if r.code == "risk_closed"),
    ]
    highlights = list(wording.reasons(reasons, w.locale))
    highlights += [h for u in facts.standups for h in u.highlights]
    out += _list(
        "highlights",
        _unique(highlights),
        w(
            N_(
                "From the data %(since)s: finished tasks, milestones, decided changes, "
                "closed risks and the stand-ups"
            )
            if facts.standups
            else N_(
                "From the data %(since)s: finished tasks, milestones, decided changes, closed risks"
            ),
            since=since,
        ),
        w(N_("nothing recorded %(since)s: add what the readers should know"), since=since),
    )
    out += _list(
        "next_steps",
        [_task_line(w, t) for t in facts.next_steps],
        w(
            N_("Tasks starting or due by the next update on %(date)s"),
            date=w.date(facts.next_update),
        ),
        w(N_("no task starts or is due by %(date)s"), date=w.date(facts.next_update)),
    )
    blockers = [
        w(N_("%(task)s: %(note)s"), task=t.title, note=t.note) if t.note else t.title
        for t in facts.blocked
    ]
    blockers += [b for u in facts.standups for b in u.blockers]
    out += _list(
        "blockers",
        _unique(blockers),
        w(N_("Blocked tasks in tasks.yaml")),
        w(N_("no task is blocked")),
    )

    rows = decision_rows(view)
    if rows:
        out.append("decisions_needed:")
        out += _comment(
            [w(N_("Still open from the last update, and change requests awaiting the client"))],
            "  ",
        )
        for row in rows:
            out.append(f"  - what: {scalar(row.what)}")
            if row.due:
                mark = f"  # {w(N_('overdue'))}" if row.overdue else ""
                out.append(f"    by: {row.due.isoformat()}{mark}")
            if row.owner:
                out.append(f"    owner: {scalar(row.owner)}")
    else:
        out.append(f"decisions_needed: []  # {w(N_('nothing is waiting for a decision'))}")

    if facts.goals_due:
        out.append("metrics:")
        out += _comment(
            [w(N_("A reading is due for these goals: fill in each value or delete the line"))],
            "  ",
        )
        for goal in facts.goals_due:
            out.append(f"  {goal.id}:  # {_goal_comment(w, view.seen, goal, facts)}")
    out.append("---")
    out += [
        w(N_("## This week")),
        "",
        "<!-- "
        + w(N_("Two or three sentences for the readers: what moved and what it means for them."))
        + " -->",
        "",
        w(N_("## Schedule, risks and what we need")),
        "",
        "<!-- "
        + w(N_("Why the health is what it is; what you need from whom, and by when."))
        + " -->",
    ]
    return "\n".join(out) + "\n"
