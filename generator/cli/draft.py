"""`milepost draft`: write the week's status update, pre-filled from the project's data."""

from __future__ import annotations

import datetime as dt

import click

from generator.cli.context import Context, today
from generator.cli.options import AS_OF, project_argument
from generator.i18n import tr


@click.command("draft")
@project_argument()
@click.option(
    "--date",
    "day",
    type=AS_OF,
    metavar="YYYY-MM-DD",
    help="Date of the update. Default: today in the workspace's time zone.",
)
@click.option(
    "--visibility",
    type=click.Choice(["client", "internal"]),
    default="client",
    show_default=True,
    help="Who reads the update: the client (only client-visible records are drafted) "
    "or the team (stand-ups and internal records too).",
)
@click.option("--print", "to_stdout", is_flag=True, help="Print the draft; write no file.")
@click.pass_obj
def command(
    ctx: Context, project: str, day: dt.date | None, visibility: str, to_stdout: bool
) -> None:
    """Write content/projects/PROJECT/updates/DATE.md, pre-filled from the data."""
    from generator.analyze.audience import Audience
    from generator.drafting import draft_update, write_new_file

    portfolio = ctx.load()
    draft = draft_update(
        portfolio, project, day or today(portfolio.site.timezone), Audience(visibility)
    )
    if to_stdout:
        click.echo(draft.text, nl=False)
    else:
        write_new_file(ctx.workspace.root, draft.path, draft.text)
        click.echo(tr("wrote {path}", path=draft.path))
    if draft.hidden_standups:
        click.echo(
            tr(
                "left out of this client update: {n} internal stand-ups ({files}); "
                "read them, or draft with --visibility internal",
                n=len(draft.hidden_standups),
                files=", ".join(u.source for u in draft.hidden_standups),
            ),
            err=True,
        )
    if not to_stdout:
        click.echo(tr("next: edit it, then run {command}", command="milepost validate"))
