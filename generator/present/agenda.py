"""The agenda as the PM reads it: one line per item, in the reader's language.

The same lines serve the terminal, `--json` and the chat card of `milepost notify agenda`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.analyze.agenda import AgendaItem
from generator.model.portfolio import Portfolio
from generator.present import wording

N_ = wording.N_

REPORT_KIND = {
    "weekly": N_("Weekly report %(period)s"),
    "monthly": N_("Monthly report %(period)s"),
    "closing": N_("Closing report"),
}


@dataclass(frozen=True)
class AgendaLine:
    kind: str
    urgent: bool
    project: str
    project_title: str
    due: dt.date | None
    text: str  # what needs doing, in the reader's language
    file: str
    command: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "urgent": self.urgent,
            "project": self.project,
            "project_title": self.project_title,
            "due": self.due.isoformat() if self.due else None,
            "text": self.text,
            "file": self.file,
            "command": self.command,
        }


def _text(item: AgendaItem, portfolio: Portfolio, locale: str) -> str:
    p = item.params

    def g(message: str, **params: object) -> str:
        text = wording.gettext(locale, message)
        return text % params if params else text

    def date(key: str) -> str:
        value = p[key]
        assert isinstance(value, dt.date), value
        return wording.date(value, locale)

    def names(key: str) -> str:
        value = p[key]
        assert isinstance(value, tuple), value
        return wording.names((str(v) for v in value), locale)

    def days(key: str) -> str:
        value = p[key]
        assert isinstance(value, int), value
        return wording.days(abs(value), locale)

    kind = item.kind
    if kind in ("decision_overdue", "decision_due"):
        message = (
            N_("Client decision overdue since %(date)s: %(what)s")
            if kind == "decision_overdue"
            else N_("Client decision due %(date)s: %(what)s")
        )
        text = g(message, date=date("date"), what=p["what"])
        return text + (g(N_(" (%(owner)s)"), owner=p["owner"]) if p["owner"] else "")
    if kind == "milestone_overdue":
        return g(
            N_("Milestone overdue since %(date)s: %(milestone)s"),
            date=date("date"),
            milestone=p["milestone"],
        )
    if kind == "milestone_due":
        return g(
            N_("Milestone due %(date)s: %(milestone)s"), date=date("date"), milestone=p["milestone"]
        )
    if kind == "milestone_late":
        return g(
            N_("Milestone forecast %(days)s late, now %(date)s: %(milestone)s"),
            days=days("days"),
            date=date("date"),
            milestone=p["milestone"],
        )
    if kind == "update_missing":
        if p["last"] is None:
            return g(N_("No status update yet, %(days)s after the start"), days=days("days"))
        return g(
            N_("No status update for %(days)s (last on %(date)s)"),
            days=days("days"),
            date=date("last"),
        )
    if kind == "report_unsent":
        report = g(REPORT_KIND[str(p["kind"])], period=p["period"])
        return g(N_("%(report)s due to send, not sent yet"), report=report)
    if kind == "risk_unhandled":
        message = (
            N_("High risk without a plan: %(risk)s (risk score %(exposure)s)")
            if p["no_plan"]
            else N_("High risk without an owner: %(risk)s (risk score %(exposure)s)")
        )
        return g(message, risk=p["risk"], exposure=p["exposure"])
    if kind == "risk_stale":
        return g(
            N_("Risks not re-assessed in %(days)s: %(risks)s"),
            days=days("days"),
            risks=names("risks"),
        )
    if kind == "reading_due":
        return g(N_("Goal readings due: %(goals)s"), goals=names("goals"))
    if kind == "over_allocated":
        projects = p["projects"]
        assert isinstance(projects, tuple)
        titles = wording.names((portfolio.projects[k].project.title for k in projects), locale)
        return g(
            N_(
                "%(person)s is booked %(hours)s h in %(week)s, capacity %(capacity)s h "
                "(%(projects)s)"
            ),
            person=p["person"],
            hours=wording.number(p["hours"], locale, 1),  # type: ignore[arg-type]
            week=p["week"],
            capacity=wording.number(p["capacity"], locale, 1),  # type: ignore[arg-type]
            projects=titles,
        )
    if kind == "allocation_ends":
        return g(
            N_("Allocations end on %(date)s, before the forecast end on %(forecast)s: %(people)s"),
            date=date("ends"),
            forecast=date("forecast"),
            people=names("people"),
        )
    if kind == "closure_missing":
        missing = p["missing"]
        assert isinstance(missing, tuple)
        if len(missing) == 2:
            return g(N_("Closed without a retrospective or a client survey"))
        if "retrospective" in missing:
            return g(N_("Closed without a retrospective"))
        return g(N_("Closed without a client survey"))
    raise ValueError(f"no wording for agenda item {kind!r}")


def agenda_lines(
    items: tuple[AgendaItem, ...], portfolio: Portfolio, locale: str
) -> tuple[AgendaLine, ...]:
    return tuple(
        AgendaLine(
            kind=i.kind,
            urgent=i.urgent,
            project=i.project,
            project_title=portfolio.projects[i.project].project.title,
            due=i.due,
            text=_text(i, portfolio, locale),
            file=i.file,
            command=i.command,
        )
        for i in items
    )


def agenda_heading(count: int, as_of: dt.date, locale: str) -> str:
    text = wording.ngettext(
        locale,
        "%(count)d item needs you as of %(date)s, most urgent first",
        "%(count)d items need you as of %(date)s, most urgent first",
        count,
    )
    return text % {"count": count, "date": wording.date(as_of, locale)}


def agenda_text(lines: tuple[AgendaLine, ...], as_of: dt.date, locale: str) -> str:
    """The agenda for a terminal: a heading, then each item with its file and command."""
    g = wording.gettext
    out = [agenda_heading(len(lines), as_of, locale)]
    if not lines:
        out.append(g(locale, "Nothing needs you: every date is met and every report sent."))
    for n, line in enumerate(lines, start=1):
        mark = "!" if line.urgent else " "  # past due: the eye finds it in the margin
        out.append(f"{n:>3}. {mark} [{line.project_title}] {line.text}")
        out.append("         " + g(locale, N_("edit: %(file)s")) % {"file": line.file})
        if line.command:
            out.append("         " + g(locale, N_("run:  %(command)s")) % {"command": line.command})
    return "\n".join(out) + "\n"


def agenda_json(lines: tuple[AgendaLine, ...], as_of: dt.date, locale: str) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "locale": locale,
        "items": [line.as_json() for line in lines],
    }
