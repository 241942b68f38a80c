"""Open decisions as a reader sees them: what, who decides, by when, and whether overdue.

One source (analyze.decisions.open_decisions, on the reader's cut of the project): the
portal, the weekly, monthly and closing reports, the e-mail and the chat card of one day
list the same decisions with the same owners and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.decisions import open_decisions
from generator.present import wording
from generator.present.context import Lens

DASH = "\u2014"


@dataclass(frozen=True)
class DecisionRow:
    what: str
    owner: str  # a name, "" when nobody is named
    due: dt.date | None
    due_text: str  # the date in the reader's language, "—" without one
    overdue: bool
    change_id: str | None  # a change request awaiting a decision

    def line(self, locale: str) -> str:
        """One line for a chat card or an e-mail: what — owner (by date, overdue)."""
        text = self.what
        if self.owner:
            text += f" \u2014 {self.owner}"
        if self.due:
            when = wording.gettext(locale, "by %(date)s") % {"date": self.due_text}
            if self.overdue:
                when += wording.gettext(locale, ", overdue")
            text += f" ({when})"
        return text


def decision_rows(view: Lens) -> tuple[DecisionRow, ...]:
    g = wording.gettext
    rows = []
    for d in open_decisions(view.seen, view.as_of):
        what = d.what
        if d.change_id:
            what = g(view.locale, "Decide on change request %(id)s: %(title)s") % {
                "id": d.change_id,
                "title": d.what,
            }
        rows.append(
            DecisionRow(
                what=what,
                owner=view.name(d.owner),
                due=d.by,
                due_text=wording.date(d.by, view.locale) if d.by else DASH,
                overdue=d.overdue,
                change_id=d.change_id,
            )
        )
    return tuple(rows)
