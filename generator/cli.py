"""The milepost command line: arguments in, a pipeline call, an exit code out.

Heavy libraries (WeasyPrint, the chart module) are imported inside the commands that
need them, so `milepost --help` and `milepost validate` start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import __version__
from generator.errors import ContentErrors
from generator.i18n import ngettext_message, tr
from generator.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    def __init__(self, workspace: Path, lang: str | None) -> None:
        self.workspace = Workspace(workspace.resolve())
        self.lang = lang or _workspace_locale(self.workspace)
        from generator.i18n import set_message_language

        set_message_language(self.lang)

    def load(self) -> Any:
        from generator.load.workspace import load_workspace

        return load_workspace(self.workspace.root)


def _workspace_locale(workspace: Workspace) -> str:
    """The site's locale, read leniently: messages about a broken site.yaml need a language."""
    import yaml

    try:
        site = yaml.safe_load((workspace.content / "site.yaml").read_text(encoding="utf-8"))
        locale = site.get("locale") if isinstance(site, dict) else None
    except (OSError, ValueError, yaml.YAMLError):
        return "en"
    return locale if locale in ("en", "zh-CN") else "en"


def reports_errors(func: F) -> F:
    """Print content errors like a compiler and exit 1; anything else is a bug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ContentErrors as exc:
            for error in exc.errors:
                click.echo(error.format(), err=True)
            count = len(exc.errors)
            click.echo(ngettext_message("{n} error", "{n} errors", count), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def parse_as_of(value: str | None, timezone: str) -> dt.date:
    """--as-of, else SOURCE_DATE_EPOCH, else today in the workspace's time zone."""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(
                tr("'{value}' is not a date; use YYYY-MM-DD", value=value)
            ) from None
    from zoneinfo import ZoneInfo

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), ZoneInfo(timezone)).date()
    return dt.datetime.now(ZoneInfo(timezone)).date()


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The workspace folder (holds content/).",
)
@click.option("--lang", type=click.Choice(["en", "zh-CN"]), help="Language of messages.")
@click.version_option(__version__, prog_name="milepost")
@click.pass_context
def main(ctx: click.Context, workspace: Path, lang: str | None) -> None:
    """milepost publishes client project status: portals, dashboards, PDF reports."""
    ctx.obj = Context(workspace, lang)


@main.command()
@pass_ctx
@reports_errors
def validate(ctx: Context) -> None:
    """Check every file of the workspace; print all errors; exit 1 on any."""
    portfolio = ctx.load()
    from generator.summary import validation_summary

    click.echo(validation_summary(portfolio, parse_as_of(None, portfolio.site.timezone)))


@main.command()
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas")
)
def schema(directory: Path) -> None:
    """Write a JSON Schema per file kind into DIRECTORY, for editor validation."""
    from generator.model.schemas import write_schemas

    for path in write_schemas(directory):
        click.echo(tr("wrote {path}", path=path))


@main.command()
@click.option("--as-of", "as_of", help="Build as of this date (YYYY-MM-DD). Default: today.")
@click.option("--jobs", type=int, default=0, help="Parallel workers (default: CPU count).")
@click.option(
    "--only", type=click.Choice(["site", "reports"]), help="Build only part of the output."
)
@click.option("--clean", is_flag=True, help="Ignore the build cache.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option(
    "--executor",
    metavar="local|dask://HOST:PORT",
    help="Where jobs run: local processes (default) or a dask.distributed scheduler.",
)
@pass_ctx
@reports_errors
def build(
    ctx: Context,
    as_of: str | None,
    jobs: int,
    only: str | None,
    clean: bool,
    quiet: bool,
    executor: str | None,
) -> None:
    """Build the portals, the internal dashboard and the reports into output/."""
    from generator.build.pipeline import build_all

    portfolio = ctx.load()
    day = parse_as_of(as_of, portfolio.site.timezone)
    summary = build_all(
        ctx.workspace,
        portfolio,
        day,
        only=only,
        jobs=jobs,
        clean=clean,
        quiet=quiet,
        executor=executor,
    )
    click.echo(summary)


@main.command()
@pass_ctx
def doctor(ctx: Context) -> None:
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


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--template", "template", default="website", show_default=True, help="Project template."
)
@reports_errors
def init(directory: Path, template: str) -> None:
    """Create a workspace in DIRECTORY with one sample project."""
    from generator.scaffold import init_workspace

    for line in init_workspace(directory, template):
        click.echo(line)


# Integrations (chat notifications, CRM and tracker imports) live in their own module.
from generator.integrations_cli import import_group, notify  # noqa: E402

main.add_command(notify)
main.add_command(import_group)


class _LazySurvey(click.Group):
    """`milepost survey` loads the survey readers only when it runs: --help stays fast."""

    def _real(self) -> click.Group:
        from generator.survey_cli import survey

        return survey

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._real().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._real().get_command(ctx, name)


main.add_command(
    _LazySurvey(
        "survey",
        help="Read client survey exports "
        "(Google Forms, SurveyMonkey, Typeform, Qualtrics, 问卷星…).",
    )
)

from generator.report_cli import report  # noqa: E402

main.add_command(report)


@main.command()
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--as-of", "as_of", help="Preview as of this date (YYYY-MM-DD). Default: today.")
@pass_ctx
def serve(ctx: Context, port: int, as_of: str | None) -> None:
    """Preview the site while you edit: rebuilds and reloads the page on every change."""
    from generator.publish.preview import serve as run_preview

    day = dt.date.fromisoformat(as_of) if as_of else None
    run_preview(ctx.workspace.root, port, day, click.echo)


@main.command()
@click.argument("kind", type=click.Choice(["weekly", "monthly", "closing"]))
@click.argument("project", required=False)
@click.option("--period", help="2026-W47 or 2026-11 (default: the last completed one).")
@click.option("--as-of", "as_of", help="Send as of this date (YYYY-MM-DD). Default: today.")
@click.option("--dry-run", is_flag=True, help="Write .eml files to --outbox instead of sending.")
@click.option("--outbox", type=click.Path(file_okay=False, path_type=Path), help="For --dry-run.")
@click.option("--resend", is_flag=True, help="Send again what the ledger says was sent.")
@pass_ctx
@reports_errors
def send(
    ctx: Context,
    kind: str,
    project: str | None,
    period: str | None,
    as_of: str | None,
    dry_run: bool,
    outbox: Path | None,
    resend: bool,
) -> None:
    """E-mail each client report to the contacts who receive that kind, PDF attached."""
    from generator.model.site import ReportKind
    from generator.publish.delivery import outgoing_reports
    from generator.publish.email.command import run_send
    from generator.workspace import template_dirs

    if dry_run != (outbox is not None):
        raise click.UsageError(tr("--dry-run and --outbox DIR go together"))
    portfolio = ctx.load()
    day = parse_as_of(as_of, portfolio.site.timezone)
    if portfolio.site.smtp is None and not dry_run:
        raise click.UsageError(
            tr("content/site.yaml has no smtp: settings; add them or use --dry-run")
        )
    messages, notes = outgoing_reports(
        ctx.workspace, portfolio, ReportKind(kind), project, period, day
    )
    for note in notes:
        click.echo(tr("skipped: {note}", note=note))
    code = run_send(
        messages,
        portfolio.site.smtp,
        ctx.workspace,
        resend=resend,
        dry_run_outbox=outbox,
        echo=click.echo,
        template_dirs=template_dirs(ctx.workspace),
    )
    sys.exit(code)


@main.command()
@click.argument("project", required=False)
@click.option("--verify", "verify", type=click.Path(dir_okay=False, path_type=Path),
              help="Check every file of an archive against its MANIFEST.")  # fmt: skip
@click.option("--as-of", "as_of", help="Archive as of this date (YYYY-MM-DD). Default: today.")
@pass_ctx
@reports_errors
def archive(ctx: Context, project: str | None, verify: Path | None, as_of: str | None) -> None:
    """Write output/archive/PROJECT.zip for a closed project, or --verify an archive."""
    if verify is not None:
        from generator.publish.email.command import run_verify

        sys.exit(run_verify(verify, click.echo))
    if not project:
        raise click.UsageError(tr("name the PROJECT to archive, or use --verify ZIP"))
    from generator.publish.archive import archive_path, write_archive
    from generator.publish.delivery import archive_files

    portfolio = ctx.load()
    day = parse_as_of(as_of, portfolio.site.timezone)
    files = archive_files(ctx.workspace, portfolio, project, day)
    target = archive_path(ctx.workspace, project)
    end = portfolio.projects[project].project.actual_end
    digest = write_archive(target, files, date=end)
    click.echo(
        ngettext_message(
            "wrote {path} ({n} file, sha256 {digest})",
            "wrote {path} ({n} files, sha256 {digest})",
            len(files),
            path=ctx.workspace.relative(target),
            digest=digest,
        )
    )


@main.command()
@pass_ctx
@reports_errors
def audit(ctx: Context) -> None:
    """Look in each client tree of output/ for what that client must not see; exit 1 on any."""
    from generator.audit import audit_output, raise_on_findings

    findings = audit_output(ctx.workspace, ctx.load())
    raise_on_findings(findings)
    output = ctx.workspace.relative(ctx.workspace.output)
    click.echo(tr("audit: no leaks in {path}", path=f"{output}/portals/"))
