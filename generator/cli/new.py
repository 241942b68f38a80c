"""`milepost new project`: one more project in this workspace, from a standard template."""

from __future__ import annotations

import click

from generator.cli.context import Context, today, workspace_timezone
from generator.i18n import tr


@click.group("new")
def command() -> None:
    """Add something to the workspace from a template."""


@command.command("project")
@click.argument("project_id", metavar="ID")
@click.option("--client", "client_id", required=True, help="Client id (file name in clients/).")
@click.option(
    "--template",
    default="website",
    show_default=True,
    help="Standard process: website or software.",
)
@click.option("--manager", help="Person id of the project manager. Default: the client's last.")
@click.option("--title", help="Project title. Default: the template's.")
@click.pass_obj
def new_project(
    ctx: Context,
    project_id: str,
    client_id: str,
    template: str,
    manager: str | None,
    title: str | None,
) -> None:
    """Create content/projects/ID with milestones, tasks, risks and meetings starting this
    week, for the client's contacts. Never overwrites a file."""
    from generator.drafting import write_new_file
    from generator.scaffold import plan_new_project

    root = ctx.workspace.root
    plan = plan_new_project(
        root,
        project_id,
        client_id,
        template,
        today=today(workspace_timezone(ctx.workspace)),
        manager=manager,
        title=title,
    )
    for rel, text in plan.files.items():
        write_new_file(root, rel, text)
    click.echo(
        tr(
            "created {folder} from the '{template}' template, managed by {manager}",
            folder=plan.folder,
            template=template,
            manager=plan.manager,
        )
    )
    click.echo(
        tr(
            "next: adjust the dates, team and tasks in {folder}, then run {command}",
            folder=plan.folder,
            command="milepost validate",
        )
    )
