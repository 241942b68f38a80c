"""Option and argument types every command shares, declared once.

`--as-of` is a date, `--period` an ISO week or a month, a project id names a folder under
content/projects/ (with "did you mean"), and `--workspace` / `--lang` are accepted before
or after the command name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.cli.context import Context
from generator.errors import unknown_project
from generator.i18n import tr

F = TypeVar("F", bound=Callable[..., Any])

WORKSPACE_HELP = "The workspace folder (holds content/)."
STRICT_HELP = "Treat warnings about client-visible text as errors (exit 1), e.g. in CI."
LANG_CHOICE = click.Choice(["en", "zh-CN"])


class AsOfDate(click.ParamType):
    """YYYY-MM-DD within the years milepost plans with; else a usage error that says why."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from generator.model.dates import EARLIEST, LATEST, date_in_range

        if isinstance(value, dt.date):
            day = value
        else:
            try:
                day = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                self.fail(tr("'{value}' is not a date; use YYYY-MM-DD", value=value), param, ctx)
        if not date_in_range(day):
            self.fail(
                tr(
                    "{value} is outside the dates milepost plans with ({earliest} to {latest})",
                    value=day.isoformat(),
                    earliest=EARLIEST.isoformat(),
                    latest=LATEST.isoformat(),
                ),
                param,
                ctx,
            )
        return day


_PERIOD_SHAPE = re.compile(r"^\d{4}-(W\d{2}|\d{2})$", re.IGNORECASE)


class ReportPeriod(click.ParamType):
    """An ISO week (2026-W47) or a calendar month (2026-11), returned as its key."""

    name = "period"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from generator.analyze.periods import parse_period

        try:
            return parse_period(str(value)).key
        except ValueError:
            if _PERIOD_SHAPE.match(str(value).strip()):
                message = tr(
                    "'{value}' is not a period: a week runs from W01 to W52 (W53 in some "
                    "years), a month from 01 to 12",
                    value=value,
                )
            else:
                message = tr(
                    "'{value}' is not a period: write an ISO week like 2026-W47 or a month "
                    "like 2026-11",
                    value=value,
                )
            self.fail(message, param, ctx)


class ProjectId(click.ParamType):
    """The folder name of a project; an unknown one is a user error with the nearest name."""

    name = "project"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        obj = ctx.find_object(Context) if ctx is not None else None
        if obj is not None:
            known = obj.project_ids()
            if value not in known:
                raise unknown_project(str(value), known)
        return value


AS_OF = AsOfDate()
PERIOD = ReportPeriod()
PROJECT = ProjectId()


def as_of_option(func: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=AS_OF,
        metavar="YYYY-MM-DD",
        help="Act as of this date. Default: today in the workspace's time zone "
        "(or SOURCE_DATE_EPOCH).",
    )(func)


def period_option(func: F) -> F:
    return click.option(
        "--period",
        type=PERIOD,
        metavar="2026-W47|2026-11",
        help="ISO week or month. Default: the last complete one.",
    )(func)


def dry_run_option(help: str) -> Callable[[F], F]:
    return click.option("--dry-run", "dry_run", is_flag=True, help=help)


def project_argument(required: bool = True) -> Callable[[F], F]:
    return click.argument("project", type=PROJECT, required=required)


def project_option(func: F) -> F:
    return click.option(
        "--project", "project", type=PROJECT, required=True, help="Project id (folder name)."
    )(func)


def _set_workspace(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        obj = ctx.find_object(Context)
        if obj is None:
            ctx.obj = Context(value, None)
        else:
            obj.use_workspace(value)


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        obj = ctx.find_object(Context)
        if obj is None:
            ctx.obj = Context(Path("."), value)
        else:
            obj.use_lang(value)


def workspace_options() -> list[click.Parameter]:
    """--workspace and --lang for a command, so they may follow the command name too.

    Eager, so they are applied before a project id argument is checked."""
    return [
        click.Option(
            ["--workspace", "-w"],
            type=click.Path(file_okay=False, path_type=Path),
            expose_value=False,
            is_eager=True,
            callback=_set_workspace,
            help=WORKSPACE_HELP,
        ),
        click.Option(
            ["--lang"],
            type=LANG_CHOICE,
            expose_value=False,
            is_eager=True,
            callback=_set_lang,
            help="Language of messages.",
        ),
    ]


def add_workspace_options(command: click.Command) -> click.Command:
    """Give a command (and each command of a group) the --workspace and --lang options."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_workspace_options(sub)
        return command
    names = {name for p in command.params for name in p.opts}
    if "--workspace" not in names:
        command.params.extend(workspace_options())
    return command
