"""`milepost notify`: post status cards to chat channels."""

from __future__ import annotations

import datetime as dt
import sys

import click

from generator.cli.context import Context, today
from generator.cli.options import as_of_option, dry_run_option, period_option, project_argument


@click.command("notify")
@click.argument("kind", type=click.Choice(["weekly", "monthly", "closing", "update", "agenda"]))
@project_argument(required=False)
@period_option
@as_of_option
@dry_run_option("Print the payloads; post nothing.")
@click.pass_obj
def command(
    ctx: Context,
    kind: str,
    project: str | None,
    period: str | None,
    as_of: dt.date | None,
    dry_run: bool,
) -> None:
    """Post a status card to the chat channels of PROJECT (default: every active project).

    `notify agenda` posts the PM's agenda (milepost agenda) to the team's internal channels."""
    from generator.publish.notify import run

    portfolio = ctx.load()
    if kind == "agenda":
        sys.exit(
            run.run_agenda_notify(
                ctx.workspace,
                portfolio,
                as_of=as_of or today(portfolio.site.timezone),
                project_id=project,
                locale=ctx.lang,
                dry_run=dry_run,
                echo=click.echo,
            )
        )
    code = run.run_notify(
        portfolio,
        ctx.workspace.state,
        kind,
        run.projects_to_notify(portfolio, kind, project),
        as_of=as_of or today(portfolio.site.timezone),
        period=period,
        dry_run=dry_run,
        channels=run.channels_for,
        echo=click.echo,
    )
    sys.exit(code)
