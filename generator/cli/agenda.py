"""`milepost agenda`: what needs the project manager, across the portfolio, most urgent first."""

from __future__ import annotations

import datetime as dt
import json

import click

from generator.cli.context import Context, today
from generator.cli.options import PROJECT, as_of_option
from generator.i18n import plain_text


@click.command("agenda")
@as_of_option
@click.option(
    "--project",
    "project",
    type=PROJECT,
    help="Only what concerns this project (folder name).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the agenda as JSON.")
@click.pass_obj
def command(ctx: Context, as_of: dt.date | None, project: str | None, as_json: bool) -> None:
    """List client decisions, milestones, updates, reports, risks, goal readings and team
    load that need you, each with the file to edit and the command that acts on it."""
    from generator.present.agenda import agenda_json, agenda_text
    from generator.publish.agenda import agenda_for

    portfolio = ctx.load()
    day = as_of or today(portfolio.site.timezone)
    lines = agenda_for(ctx.workspace, portfolio, day, project, ctx.lang)
    if as_json:
        data = agenda_json(lines, day, ctx.lang)
        click.echo(plain_text(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        click.echo(plain_text(agenda_text(lines, day, ctx.lang)), nl=False)
