"""Runs send_reports in its own process, as `milepost send` would: the crash and credential
tests kill it or read its output. Usage: python send_runner.py SPEC.json"""

from __future__ import annotations

import datetime as dt
import json
import ssl
import sys
from pathlib import Path

from generator.model.base import Health
from generator.model.site import ReportKind, Smtp
from generator.publish.email import Mailbox, OutgoingReport, send_reports


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text())
    reports = [
        OutgoingReport(
            client_name="Acme Retail GmbH",
            client_tag="Acme",
            project_id=r["project"],
            project_title="Website relaunch",
            locale="en",
            kind=ReportKind.weekly,
            period=r["period"],
            period_end=dt.date.fromisoformat(r["period_end"]),
            health=Health.green,
            health_reason="On plan.",
            pdf=Path(r["pdf_path"]).read_bytes(),
            pdf_filename=f"{r['project']}-weekly-{r['period']}.pdf",
            sender="Northwind Projects <projects@northwind.example>",
            recipients=tuple(Mailbox(a) for a in r["recipients"]),
        )
        for r in spec["reports"]
    ]
    context = None
    if spec.get("cafile"):
        context = ssl.create_default_context(cafile=spec["cafile"])
    summary = send_reports(
        reports,
        Smtp(**spec["smtp"]),
        Path(spec["ledger"]),
        resend=False,
        dry_run_outbox=None,
        ssl_context=context,
        progress=print,
    )
    for line in summary.lines():
        print(line)
    return summary.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
