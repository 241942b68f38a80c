"""`milepost validate`: check every file, print every error, exit 1 on any."""

from __future__ import annotations

import click

from generator.cli.context import Context, today


@click.command("validate")
@click.pass_obj
def command(ctx: Context) -> None:
    """Check every file of the workspace; print all errors; exit 1 on any."""
    from generator.summary import validation_summary

    portfolio = ctx.load()
    click.echo(validation_summary(portfolio, today(portfolio.site.timezone)))
