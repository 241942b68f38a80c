"""`milepost survey inspect` and `milepost survey import`: show what was read, copy it in.

Imported only when a survey command runs (see app.LazyGroup): the readers load slowly."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.cli.context import Context
from generator.cli.options import project_option
from generator.i18n import tr
from generator.load.surveys import TOOLS

TOOL_CHOICE = click.Choice(list(TOOLS))


@click.group("survey")
def survey() -> None:
    """Read client survey exports (Google Forms, SurveyMonkey, Typeform, Qualtrics, 问卷星…)."""


@survey.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tool", type=TOOL_CHOICE, help="Skip detection: the tool that wrote the file.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (see docs/surveys.md).")
def inspect_command(file: Path, tool: str | None, as_json: bool) -> None:
    """Print what was detected and scored in FILE, so the PM can confirm it."""
    from generator.analyze.surveys import score_survey
    from generator.load.surveys import read_survey
    from generator.render.survey_inspect import inspect_json, inspect_text

    parsed = read_survey(file, tool)
    scores = score_survey(parsed)
    if as_json:
        click.echo(json.dumps(inspect_json(parsed, scores), ensure_ascii=False, indent=2))
    else:
        click.echo(inspect_text(parsed, scores))


@survey.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@project_option
@click.option("--tool", type=TOOL_CHOICE, help="Skip detection: the tool that wrote the file.")
@click.pass_obj
def import_command(ctx: Context, file: Path, project: str, tool: str | None) -> None:
    """Copy FILE into content/projects/P/surveys/ with a mapping file to confirm."""
    from generator.analyze.surveys import score_survey
    from generator.integrations.surveys import import_survey
    from generator.render.survey_inspect import inspect_text

    done = import_survey(ctx.workspace.projects_dir() / project, file, tool)
    click.echo(tr("copied {source} -> {target}", source=file, target=done.target))
    click.echo(
        tr(
            "wrote {mapping}: confirm each question's kind, then set wave, date and invited",
            mapping=done.mapping,
        )
    )
    click.echo(inspect_text(done.survey, score_survey(done.survey)))
