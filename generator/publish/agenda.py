"""The agenda of a workspace: the analysis with the send ledger read, worded for the PM."""

from __future__ import annotations

import datetime as dt

from generator.analyze.agenda import agenda
from generator.model.portfolio import Portfolio
from generator.present.agenda import AgendaLine, agenda_lines
from generator.publish.unsent import unsent_reports
from generator.workspace import Workspace


def agenda_for(
    workspace: Workspace,
    portfolio: Portfolio,
    as_of: dt.date,
    project: str | None,
    locale: str,
) -> tuple[AgendaLine, ...]:
    items = agenda(portfolio, as_of, unsent_reports(workspace, portfolio, as_of), project)
    return agenda_lines(items, portfolio, locale)
