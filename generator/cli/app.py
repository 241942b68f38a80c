"""The `milepost` group: global options, the commands, and content errors printed once.

Each command lives in its own module of this package and holds click code only: arguments
in, one pipeline call, an exit code out. Heavy libraries (WeasyPrint, the chart module,
pydantic models) are imported inside the commands, so `milepost --help` starts fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.cli.context import Context
from generator.cli.options import LANG_CHOICE, WORKSPACE_HELP, add_workspace_options
from generator.errors import ContentErrors
from generator.i18n import ngettext_message


def print_errors(exc: ContentErrors) -> None:
    """Content errors like a compiler: one `file:line: message` each, then the count."""
    for error in exc.errors:
        click.echo(error.format(), err=True)
    click.echo(ngettext_message("{n} error", "{n} errors", len(exc.errors)), err=True)


class MilepostGroup(click.Group):
    """Catches ContentErrors of every command once: printed, exit code 1; anything else is
    a bug and keeps its traceback. Every command also takes --workspace and --lang."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentErrors as exc:
            print_errors(exc)
            ctx.exit(1)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(add_workspace_options(cmd), name)


class LazyGroup(click.Group):
    """A command group imported only when it runs: `milepost --help` stays fast."""

    def __init__(self, name: str, module: str, attribute: str, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self._module = module
        self._attribute = attribute

    def _real(self) -> click.Group:
        group = getattr(importlib.import_module(self._module), self._attribute)
        add_workspace_options(group)
        return group

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._real().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._real().get_command(ctx, name)


@click.group(cls=MilepostGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help=WORKSPACE_HELP,
)
@click.option("--lang", type=LANG_CHOICE, help="Language of messages.")
@click.version_option(__version__, prog_name="milepost")
@click.pass_context
def main(ctx: click.Context, workspace: Path, lang: str | None) -> None:
    """milepost publishes client project status: portals, dashboards, PDF reports."""
    ctx.obj = Context(workspace, lang)


def _register() -> None:
    from generator.cli import (
        agenda,
        archive,
        audit,
        build,
        doctor,
        draft,
        imports,
        init,
        new,
        notify,
        report,
        schema,
        send,
        serve,
        validate,
    )

    for module in (
        validate,
        schema,
        build,
        doctor,
        init,
        notify,
        imports,
        report,
        serve,
        draft,
        agenda,
        new,
    ):
        main.add_command(module.command)
    main.add_command(
        LazyGroup(
            "survey",
            "generator.cli.survey",
            "survey",
            help="Read client survey exports "
            "(Google Forms, SurveyMonkey, Typeform, Qualtrics, 问卷星…).",
        )
    )
    for module in (send, archive, audit):
        main.add_command(module.command)


_register()
