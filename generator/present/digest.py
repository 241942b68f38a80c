"""The digest: what the e-mail, the chat card, the Atom feed and the badge say about a
project on a day, for one audience, in the project's language.

Every field is the value the project page and the reports print (present.health,
progress, milestones, decisions): the health label and level, the computed health beside
the PM's, percent complete and planned, the next milestone and its date, the open
decisions with owners and dates. Highlights are those of the latest update the reader
may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.audience import Audience
from generator.analyze.decisions import latest_update
from generator.model.portfolio import Portfolio, ProjectData
from generator.present import milestones as milestones_
from generator.present import wording
from generator.present.context import Lens, lens
from generator.present.decisions import DecisionRow, decision_rows
from generator.present.health import HealthDisplay, health_display
from generator.present.milestones import MilestoneRow
from generator.present.progress import ProgressView, progress


@dataclass(frozen=True)
class Digest:
    project_id: str
    project_title: str
    client_id: str
    client_name: str
    locale: str
    as_of: dt.date
    health: HealthDisplay
    progress: ProgressView
    progress_text: str  # "40% complete, 58% planned by now"
    next_milestone: MilestoneRow | None
    next_milestone_date: str | None  # the forecast (or actual) date, formatted
    decisions: tuple[DecisionRow, ...]
    decision_lines: tuple[str, ...]  # "what — owner (by date, overdue)"
    highlights: tuple[str, ...]  # of the latest update the reader may see, as written
    manager: str  # a name

    @property
    def computed_differs(self) -> bool:
        return self.health.differs


def digest_of(view: Lens) -> Digest:
    locale = view.locale
    rows = milestones_.milestone_rows(view)
    nxt = milestones_.next_row(view, rows)
    figures = progress(view)
    decisions = decision_rows(view)
    latest = latest_update(view.seen, view.as_of)
    project = view.seen.project
    client = view.portfolio.clients[project.client]
    return Digest(
        project_id=project.id,
        project_title=project.title,
        client_id=client.id,
        client_name=client.name,
        locale=locale,
        as_of=view.as_of,
        health=health_display(view),
        progress=figures,
        progress_text=wording.gettext(locale, "%(done)s complete, %(planned)s planned by now")
        % {"done": figures.percent_text, "planned": figures.planned_text},
        next_milestone=nxt,
        next_milestone_date=wording.date(nxt.actual or nxt.forecast, locale) if nxt else None,
        decisions=decisions,
        decision_lines=tuple(d.line(locale) for d in decisions),
        highlights=tuple(latest.highlights) if latest else (),
        manager=view.name(project.manager),
    )


def digest(
    portfolio: Portfolio, data: ProjectData, as_of: dt.date, audience: Audience | str
) -> Digest:
    """The project as it stood at the end of `as_of`, told briefly to `audience`."""
    return digest_of(lens(portfolio, data, as_of, audience))
