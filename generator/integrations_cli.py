"""Click commands of the integrations: `milepost notify` and `milepost import contacts|tasks`.

Registered in generator/cli.py. Helpers of cli.py are imported inside the commands so that
cli.py can import this module without an import cycle.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr

if TYPE_CHECKING:  # the models load pydantic: imported where used, so --help stays fast
    from generator.model.channels import NotifyChannel
    from generator.model.portfolio import Portfolio, ProjectData

F = TypeVar("F", bound=Callable[..., Any])


def _reports_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from generator.cli import reports_errors

        return reports_errors(func)(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _as_of(value: str | None, timezone: str) -> Any:
    from generator.cli import parse_as_of

    return parse_as_of(value, timezone)


def channels_for(portfolio: Portfolio, data: ProjectData) -> list[NotifyChannel]:
    """The workspace's channels plus the project's; a project channel replaces a namesake."""
    chosen: dict[str, NotifyChannel] = {}
    for channels in (portfolio.site.notify, data.project.notify):
        for channel in channels:
            chosen[channel.name] = channel
    return list(chosen.values())


def run_notify(
    portfolio: Portfolio,
    state_dir: Path,
    kind: str,
    project_ids: list[str],
    *,
    as_of: Any,
    period: str | None,
    dry_run: bool,
    channels: Callable[[Portfolio, ProjectData], list[NotifyChannel]] = channels_for,
    echo: Callable[[str], None] = click.echo,
    **sender_options: Any,
) -> int:
    """Post one card per project and audience; return the exit code (1 if any post failed)."""
    from generator.publish.notify.card import card_for_project
    from generator.publish.notify.sender import Delivery, notify

    deliveries: list[Delivery] = []
    for project_id in project_ids:
        data = portfolio.projects[project_id]
        chosen = channels(portfolio, data)
        if not chosen:
            echo(tr("{project}: no notify channels configured", project=project_id))
            continue
        for audience in ("client", "internal"):
            group = [c for c in chosen if c.audience == audience]
            if not group:
                continue
            card = card_for_project(portfolio, project_id, as_of, kind, period, audience=audience)
            deliveries += notify(
                [card], group, state_dir=state_dir, dry_run=dry_run, echo=echo, **sender_options
            )
    failed = sum(1 for d in deliveries if d.status == "failed")
    sent = sum(1 for d in deliveries if d.status == "sent")
    skipped = sum(1 for d in deliveries if d.status == "skipped")
    if not dry_run:
        echo(
            tr(
                "{sent} posted, {skipped} already posted, {failed} failed",
                sent=sent,
                skipped=skipped,
                failed=failed,
            )
        )
    return 1 if failed else 0


@click.command()
@click.argument("kind", type=click.Choice(["weekly", "monthly", "closing", "update"]))
@click.argument("project", required=False)
@click.option("--period", help="Period of the card: 2026-W47, 2026-11 (default: current).")
@click.option("--as-of", "as_of", help="Report as of this date (YYYY-MM-DD). Default: today.")
@click.option("--dry-run", is_flag=True, help="Print the payloads; post nothing.")
@click.pass_obj
@_reports_errors
def notify(
    obj: Any, kind: str, project: str | None, period: str | None, as_of: str | None, dry_run: bool
) -> None:
    """Post a status card to the chat channels of PROJECT (default: every active project)."""
    portfolio: Portfolio = obj.load()
    day = _as_of(as_of, portfolio.site.timezone)
    if project:
        if project not in portfolio.projects:
            import difflib

            close = difflib.get_close_matches(project, list(portfolio.projects), n=1)
            hint = (
                tr("did you mean '{name}'?", name=close[0])
                if close
                else tr("use a folder name under projects/")
            )
            message = tr("no project '{project}'", project=project)
            raise ContentErrors([ContentError("content/projects", 0, 0, message, hint)])
        ids = [project]
    else:
        ids = sorted(
            pid
            for pid, data in portfolio.projects.items()
            if data.project.status == "active" or kind == "closing"
        )
    code = run_notify(
        portfolio,
        obj.workspace.state,
        kind,
        ids,
        as_of=day,
        period=period,
        dry_run=dry_run,
        channels=channels_for,
    )
    sys.exit(code)


@click.group(name="import")
def import_group() -> None:
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
_dry = click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
_map = click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD from COLUMN (repeatable); join columns with '+'.",
)


@import_group.command("contacts")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--client", "client_id", required=True, help="Client id (file name in clients/).")
@click.option("--preset", type=click.Choice(["zoho", "fxiaoke"]), help="Default: detected.")
@click.option("--account", help="Only rows of this account (Account Name / 客户名称).")
@_map
@_yes
@_dry
@click.pass_obj
@_reports_errors
def import_contacts(
    obj: Any,
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

    root = obj.workspace.root
    table = read_table(file, str(file))
    plan = plan_contacts(root, table, client_id, preset=preset, mapping=mapping, account=account)
    for note in plan.notes:
        click.echo(note)
    _confirm_and_write(
        root / plan.path, plan.old_text, plan.new_text, plan.path, plan.summary(), yes, dry_run
    )


@import_group.command("tasks")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--project", "project_id", required=True, help="Project id (folder name).")
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
@click.option("--as-of", "as_of", help="Date of progress readings (default: today).")
@_yes
@_dry
@click.pass_obj
@_reports_errors
def import_tasks(
    obj: Any,
    file: Path,
    project_id: str,
    preset: str | None,
    mapping: tuple[str, ...],
    statuses: tuple[str, ...],
    date_format: str | None,
    as_of: str | None,
    yes: bool,
    dry_run: bool,
) -> None:
    """Merge a tracker export (Jira, Zoho Projects, Worktile, or mapped) into tasks.yaml."""
    import yaml

    from generator.integrations.table import read_table
    from generator.integrations.tasks import plan_tasks

    root = obj.workspace.root
    site_file = root / "content/site.yaml"
    timezone = "UTC"
    if site_file.is_file():
        timezone = (yaml.safe_load(site_file.read_text(encoding="utf-8")) or {}).get(
            "timezone", "UTC"
        )
    table = read_table(file, str(file))
    plan = plan_tasks(
        root,
        table,
        project_id,
        as_of=_as_of(as_of, timezone),
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
