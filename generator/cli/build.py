"""`milepost build`: portals, dashboard and reports into output/."""

from __future__ import annotations

import datetime as dt

import click

from generator.cli.context import Context, today
from generator.cli.options import STRICT_HELP, as_of_option
from generator.i18n import tr


def _workers(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(
            tr("{value} workers cannot build anything; give 1 or more", value=value), ctx, param
        )
    return value


@click.command("build")
@as_of_option
@click.option(
    "--jobs",
    type=int,
    callback=_workers,
    help="Parallel workers, 1 or more (default: one per CPU).",
)
@click.option(
    "--only", type=click.Choice(["site", "reports"]), help="Build only part of the output."
)
@click.option("--clean", is_flag=True, help="Ignore the build cache.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option(
    "--no-wait",
    "no_wait",
    is_flag=True,
    help="If another build of this workspace is running, exit 1 instead of waiting.",
)
@click.option(
    "--executor",
    metavar="local|dask://HOST:PORT",
    help="Where jobs run: local processes (default) or a dask.distributed scheduler.",
)
@click.pass_obj
def command(
    ctx: Context,
    as_of: dt.date | None,
    jobs: int | None,
    only: str | None,
    clean: bool,
    quiet: bool,
    strict: bool,
    no_wait: bool,
    executor: str | None,
) -> None:
    """Build the portals, the internal dashboard and the reports into output/."""
    from generator.build.pipeline import build_all

    warnings, summary = build_all(
        ctx.workspace,
        lambda: ctx.load_and_warn_lines(strict),
        as_of,
        today,
        only=only,
        jobs=jobs or 0,  # 0: one worker per CPU
        clean=clean,
        quiet=quiet,
        executor=executor,
        wait=not no_wait,
        strict=strict,
        lang=ctx.lang,
    )
    for line in warnings:  # nothing changed: what the last build printed while loading
        click.echo(line, err=True)
    click.echo(summary)
