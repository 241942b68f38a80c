"""`milepost schema`: JSON Schema files for editors."""

from __future__ import annotations

from pathlib import Path

import click

from generator.i18n import tr


@click.command("schema")
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas")
)
def command(directory: Path) -> None:
    """Write a JSON Schema per file kind into DIRECTORY, for editor validation."""
    from generator.model.schemas import write_schemas

    for path in write_schemas(directory):
        click.echo(tr("wrote {path}", path=path))
