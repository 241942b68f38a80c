"""`milepost import contacts|tasks`: merge a CRM or tracker export into the workspace."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.context import Context, today, workspace_timezone
from generator.cli.options import as_of_option, dry_run_option, project_option
from generator.i18n import tr


@click.group("import")
def command() -> None:
    """Import contacts from a CRM export or tasks from a tracker export."""


def _confirm_and_write(
    file: Path, old: str, new: str, rel: str, summary: str, yes: bool, dry_run: bool
) -> None:
    from generator.integrations import yamlfile

    click.echo(summary)
    if old == new:
        click.echo(tr("nothing to change"))
        return
    click.echo(yamlfile.diff(old, new, rel), nl=False)
    if dry_run:
        click.echo(tr("dry run: nothing written"))
        return
    if not yes and not click.confirm(tr("Write {path}?", path=rel), default=False):
        click.echo(tr("nothing written"))
        sys.exit(1)
    yamlfile.write(file, new)
    click.echo(tr("wrote {path}", path=rel))


_yes = click.option("--yes", "-y", is_flag=True, help="Write without asking.")
_dry = dry_run_option("Print the diff; write nothing.")
_map = click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD from COLUMN (repeatable); join columns with '+'.",
)


@command.command("contacts")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--client", "client_id", required=True, help="Client id (file name in clients/).")
@click.option("--preset", type=click.Choice(["zoho", "fxiaoke"]), help="Default: detected.")
@click.option("--account", help="Only rows of this account (Account Name / 客户名称).")
@_map
@_yes
@_dry
@click.pass_obj
def import_contacts(
    ctx: Context,
    file: Path,
    client_id: str,
    preset: str | None,
    account: str | None,
    mapping: tuple[str, ...],
    yes: bool,
    dry_run: bool,
) -> None:
    """Merge a CRM contacts export (Zoho CRM, 纷享销客, or mapped) into a client file."""
    from generator.integrations.contacts import plan_contacts
    from generator.integrations.table import read_table

    root = ctx.workspace.root
    table = read_table(file, str(file))
    plan = plan_contacts(root, table, client_id, preset=preset, mapping=mapping, account=account)
    for note in plan.notes:
        click.echo(note)
    _confirm_and_write(
        root / plan.path, plan.old_text, plan.new_text, plan.path, plan.summary(), yes, dry_run
    )


@command.command("tasks")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@click.option(
    "--preset",
    type=click.Choice(["jira", "zoho-projects", "worktile", "generic"]),
    help="Default: detected from the columns.",
)
@_map
@click.option(
    "--status",
    "statuses",
    multiple=True,
    metavar="TEXT=STATUS",
    help="Map a tracker status to todo|in_progress|blocked|done (repeatable).",
)
@click.option("--date-format", help="strptime format of the export's dates, e.g. %d.%m.%Y.")
@as_of_option
@_yes
@_dry
@click.pass_obj
def import_tasks(
    ctx: Context,
    file: Path,
    project: str,
    preset: str | None,
    mapping: tuple[str, ...],
    statuses: tuple[str, ...],
    date_format: str | None,
    as_of: dt.date | None,
    yes: bool,
    dry_run: bool,
) -> None:
    """Merge a tracker export (Jira, Zoho Projects, Worktile, or mapped) into tasks.yaml."""
    from generator.integrations.table import read_table
    from generator.integrations.tasks import plan_tasks

    root = ctx.workspace.root
    table = read_table(file, str(file))
    plan = plan_tasks(
        root,
        table,
        project,
        as_of=as_of or today(workspace_timezone(ctx.workspace)),
        preset=preset,
        mapping=mapping,
        statuses=statuses,
        date_format=date_format,
    )
    for line in plan.report():
        click.echo(line)
    _confirm_and_write(
        root / plan.path, plan.old_text, plan.new_text, plan.path, plan.summary(), yes, dry_run
    )
