"""`milepost serve`: a live preview while the PM edits."""

from __future__ import annotations

import datetime as dt

import click

from generator.cli.context import Context
from generator.cli.options import as_of_option


@click.command("serve")
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
@as_of_option
@click.pass_obj
def command(ctx: Context, port: int, as_of: dt.date | None) -> None:
    """Preview the site while you edit: rebuilds and reloads the page on every change."""
    from generator.publish.preview import serve

    serve(ctx.workspace.root, port, as_of, click.echo)
