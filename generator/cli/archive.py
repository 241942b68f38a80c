"""`milepost archive`: the zip of a closed project, or --verify one."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.context import Context, today
from generator.cli.options import as_of_option, project_argument
from generator.i18n import ngettext_message, tr


@click.command("archive")
@project_argument(required=False)
@click.option("--verify", "verify", type=click.Path(dir_okay=False, path_type=Path),
              help="Check every file of an archive against its MANIFEST.")  # fmt: skip
@as_of_option
@click.pass_obj
def command(ctx: Context, project: str | None, verify: Path | None, as_of: dt.date | None) -> None:
    """Write output/archive/PROJECT.zip for a closed project, or --verify an archive."""
    if verify is not None:
        from generator.publish.email.command import run_verify

        sys.exit(run_verify(verify, click.echo))
    if not project:
        raise click.UsageError(tr("name the PROJECT to archive, or use --verify ZIP"))
    from generator.archive import archive_path, write_archive
    from generator.publish.delivery import archive_files

    portfolio = ctx.load()
    day = as_of or today(portfolio.site.timezone)
    files = archive_files(ctx.workspace, portfolio, project, day)
    target = archive_path(ctx.workspace, project)
    end = portfolio.projects[project].project.actual_end
    digest = write_archive(target, files, date=end)
    click.echo(
        ngettext_message(
            "wrote {path} ({n} file, sha256 {digest})",
            "wrote {path} ({n} files, sha256 {digest})",
            len(files),
            path=ctx.workspace.relative(target),
            digest=digest,
        )
    )
