"""`milepost init`: a new workspace with one sample project."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--template", "template", default="website", show_default=True, help="Project template."
)
def command(directory: Path, template: str) -> None:
    """Create a workspace in DIRECTORY with one sample project."""
    from generator.scaffold import init_workspace

    for line in init_workspace(directory, template):
        click.echo(line)
