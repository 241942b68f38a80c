"""`milepost doctor`: can this machine build everything?"""

from __future__ import annotations

import sys

import click

from generator.cli.context import Context
from generator.i18n import tr


@click.command("doctor")
@click.pass_obj
def command(ctx: Context) -> None:
    """Check that this machine can build everything: Pango, HarfBuzz, CJK fonts, output."""
    from generator.doctor import run_checks

    ok = True
    for check in run_checks(ctx.workspace):
        mark = tr("ok  ") if check.ok else (tr("warn") if not check.required else tr("FAIL"))
        click.echo(tr("[{mark}] {name}: {detail}", mark=mark, name=check.name, detail=check.detail))
        if not check.ok and check.fix:
            click.echo(tr("       fix: {fix}", fix=check.fix))
        ok = ok and (check.ok or not check.required)
    sys.exit(0 if ok else 1)
