"""`milepost audit`: look for leaks in each client tree of output/."""

from __future__ import annotations

import click

from generator.cli.context import Context
from generator.i18n import tr


@click.command("audit")
@click.pass_obj
def command(ctx: Context) -> None:
    """Look in each client tree of output/ for what that client must not see; exit 1 on any."""
    from generator.audit import audit_output, raise_on_findings

    findings = audit_output(ctx.workspace, ctx.load())
    raise_on_findings(findings)
    output = ctx.workspace.relative(ctx.workspace.output)
    click.echo(tr("audit: no leaks in {path}", path=f"{output}/portals/"))
