"""Bodies of `milepost send` and `milepost archive --verify`, for cli.py to call.

Which reports are due and where their PDFs are is the caller's job; these functions take the
finished values, print the outcome like the rest of the CLI and return the exit code.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.archive import verify_archive
from generator.i18n import ngettext_message, tr
from generator.model.site import Smtp
from generator.publish.email.ledger import LEDGER_NAME, LedgerBusyError
from generator.publish.email.outgoing import OutgoingReport
from generator.publish.email.send import send_reports
from generator.publish.email.smtp import SmtpError
from generator.workspace import Workspace

Echo = Callable[..., None]


def ledger_path(workspace: Workspace) -> Path:
    return workspace.state / LEDGER_NAME


def run_send(
    outgoing: Sequence[OutgoingReport],
    smtp: Smtp | None,
    workspace: Workspace,
    *,
    resend: bool,
    dry_run_outbox: Path | None,
    echo: Echo,
    ssl_context: ssl.SSLContext | None = None,
    template_dirs: Sequence[Path] | None = None,
) -> int:
    """Send, print progress and the summary; 0 when nothing failed, else 1."""
    if not outgoing:
        echo(tr("nothing to send: no report is due for that period"))
        return 0
    try:
        summary = send_reports(
            outgoing,
            smtp,
            ledger_path(workspace),
            resend=resend,
            dry_run_outbox=dry_run_outbox,
            ssl_context=ssl_context,
            template_dirs=template_dirs,
            progress=echo,
        )
    except (SmtpError, LedgerBusyError) as exc:
        echo(tr("error: {problem}", problem=exc), err=True)
        return 1
    for line, error in summary.entries():
        echo(line, err=error)
    return summary.exit_code


def run_verify(path: Path, echo: Echo) -> int:
    """`milepost archive --verify ZIP`: every problem on its own line; exit 1 if any."""
    problems = verify_archive(path)
    for problem in problems:
        echo(f"{path}: {problem.format()}", err=True)
    if problems:
        count = len(problems)
        echo(
            ngettext_message("{n} problem in {path}", "{n} problems in {path}", count, path=path),
            err=True,
        )
        return 1
    echo(tr("{path}: every file matches its MANIFEST hash", path=path))
    return 0
