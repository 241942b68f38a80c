"""`milepost send`: e-mail each client report to its contacts."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.context import Context, today
from generator.cli.options import as_of_option, dry_run_option, period_option, project_argument
from generator.i18n import tr


@click.command("send")
@click.argument("kind", type=click.Choice(["weekly", "monthly", "closing"]))
@project_argument(required=False)
@period_option
@as_of_option
@dry_run_option("Write .eml files to --outbox instead of sending.")
@click.option("--outbox", type=click.Path(file_okay=False, path_type=Path), help="For --dry-run.")
@click.option("--resend", is_flag=True, help="Send again what the ledger says was sent.")
@click.pass_obj
def command(
    ctx: Context,
    kind: str,
    project: str | None,
    period: str | None,
    as_of: dt.date | None,
    dry_run: bool,
    outbox: Path | None,
    resend: bool,
) -> None:
    """E-mail each client report to the contacts who receive that kind, PDF attached."""
    from generator.model.site import ReportKind
    from generator.publish.delivery import outgoing_reports
    from generator.publish.email.command import run_send
    from generator.workspace import template_dirs

    if dry_run != (outbox is not None):
        raise click.UsageError(tr("--dry-run and --outbox DIR go together"))
    portfolio = ctx.load()
    day = as_of or today(portfolio.site.timezone)
    if portfolio.site.smtp is None and not dry_run:
        raise click.UsageError(
            tr("content/site.yaml has no smtp: settings; add them or use --dry-run")
        )
    messages, notes = outgoing_reports(
        ctx.workspace, portfolio, ReportKind(kind), project, period, day
    )
    for note in notes:
        click.echo(tr("skipped: {note}", note=note))
    code = run_send(
        messages,
        portfolio.site.smtp,
        ctx.workspace,
        resend=resend,
        dry_run_outbox=outbox,
        echo=click.echo,
        template_dirs=template_dirs(ctx.workspace),
    )
    sys.exit(code)
