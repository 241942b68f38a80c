"""`milepost report`: render one PDF report to a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


@click.command("report")
@click.argument("kind", type=click.Choice(["weekly", "monthly", "closing"]))
@click.argument("project")
@click.option(
    "--period", help="ISO week (2026-W47) or month (2026-11). Default: the last complete one."
)
@click.option(
    "--audience",
    type=click.Choice(["client", "internal"]),
    default="client",
    show_default=True,
    help="client: only client-visible records; internal: adds costs, rates and notes.",
)
@click.option("--as-of", "as_of", help="Today's date for the default period (YYYY-MM-DD).")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF file to write. Default: output/reports/<project>/<report>.pdf",
)
@click.pass_obj
def report(
    ctx: Any,
    kind: str,
    project: str,
    period: str | None,
    audience: str,
    as_of: str | None,
    output: Path | None,
) -> None:
    """Render one weekly, monthly or closing report of PROJECT as PDF."""
    from generator.analyze.audience import Audience
    from generator.cli import parse_as_of, reports_errors
    from generator.i18n import tr
    from generator.model.site import ReportKind

    @reports_errors
    def run() -> None:
        from generator.render.report_jobs import report_job
        from generator.render.reports import render_report, write_report

        portfolio = ctx.load()
        day = parse_as_of(as_of, portfolio.site.timezone)
        job = report_job(portfolio, ReportKind(kind), project, period, Audience(audience), day)
        problems: list[str] = []
        pdf = render_report(ctx.workspace, portfolio, job, problems=problems)
        target = output or ctx.workspace.output / job.paths[0]
        write_report(target, pdf)
        for problem in problems:
            click.echo(tr("warning: {problem}", problem=problem), err=True)
        size = len(pdf) // 1024
        click.echo(tr("wrote {path} ({size} KB)", path=ctx.workspace.relative(target), size=size))
        if problems:
            sys.exit(1)

    run()
