"""`milepost validate`: check every file, print every error, exit 1 on any."""

from __future__ import annotations

import click

from generator.cli.context import Context, today
from generator.cli.options import STRICT_HELP


@click.command("validate")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.pass_obj
def command(ctx: Context, strict: bool) -> None:
    """Check every file of the workspace; print all errors; exit 1 on any."""
    from generator.summary import validation_summary

    portfolio = ctx.load_and_warn(strict)
    click.echo(validation_summary(portfolio, today(portfolio.site.timezone)))
