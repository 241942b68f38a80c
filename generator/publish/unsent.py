"""Client reports due to send that the send ledger has no entry for (for `milepost agenda`).

For each project, the report `milepost send` would send today: the last complete week and
month of an active project, the closing report of a closed one, when a contact of its
client receives that kind. A report counts as sent once the ledger holds any message for
its project, kind and period.
"""

from __future__ import annotations

import datetime as dt

from generator.analyze.agenda import UnsentReport
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.publish.delivery import client_report_jobs
from generator.publish.email.command import ledger_path
from generator.publish.email.ledger import read_ledger
from generator.workspace import Workspace


def unsent_reports(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date
) -> list[UnsentReport]:
    entries, _problems = read_ledger(ledger_path(workspace))
    sent = {(e.project, e.kind, e.period or None) for e in entries}
    found = []
    for kind in ReportKind:
        for job in client_report_jobs(portfolio, kind, None, None, as_of):
            client = portfolio.clients[job.client]
            if not any(kind in c.reports for c in client.contacts):
                continue
            period = job.period.key if job.period else None
            if (job.project, kind.value, period) not in sent:
                found.append(UnsentReport(job.project, kind.value, period, job.day))
    return found
