"""`milepost report`: render one PDF report to a file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.context import Context, today
from generator.cli.options import as_of_option, period_option, project_argument
from generator.i18n import tr


@click.command("report")
@click.argument("kind", type=click.Choice(["weekly", "monthly", "closing"]))
@project_argument()
@period_option
@click.option(
    "--audience",
    type=click.Choice(["client", "internal"]),
    default="client",
    show_default=True,
    help="client: only client-visible records; internal: adds costs, rates and notes.",
)
@as_of_option
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF file to write. Default: output/reports/<project>/<report>.pdf",
)
@click.pass_obj
def command(
    ctx: Context,
    kind: str,
    project: str,
    period: str | None,
    audience: str,
    as_of: dt.date | None,
    output: Path | None,
) -> None:
    """Render one weekly, monthly or closing report of PROJECT as PDF."""
    from generator.analyze.audience import Audience
    from generator.build.report_request import report_job, running_period_warning
    from generator.fs import write_file_atomic
    from generator.model.site import ReportKind
    from generator.render.reports import render_report

    portfolio = ctx.load()
    day = as_of or today(portfolio.site.timezone)
    job = report_job(portfolio, ReportKind(kind), project, period, Audience(audience), day)
    running = running_period_warning(job, day)
    if running is not None:
        click.echo(running.format(warning=True), err=True)
    problems: list[str] = []
    pdf = render_report(ctx.workspace, portfolio, job, problems=problems)
    target = output or ctx.workspace.output / job.paths[0]
    write_file_atomic(target, pdf)
    for problem in problems:
        click.echo(tr("warning: {problem}", problem=problem), err=True)
    size = len(pdf) // 1024
    click.echo(tr("wrote {path} ({size} KB)", path=ctx.workspace.relative(target), size=size))
    if problems:
        sys.exit(1)
