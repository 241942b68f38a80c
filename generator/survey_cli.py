"""`milepost survey inspect` and `milepost survey import`: show what was read, copy it in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import click

from generator.analyze.surveys import SurveyScores, score_survey
from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.surveys import TOOLS, read_survey
from generator.load.surveys.mapping import mapping_path_for
from generator.model.survey import Survey

TOOL_CHOICE = click.Choice(list(TOOLS))


def _reports_errors(func: Any) -> Any:
    from generator.cli import reports_errors

    return reports_errors(func)


def question_counts(survey: Survey) -> dict[str, int]:
    """Answers per question among complete responses (skipped and damaged cells excluded)."""
    counts = {q.id: 0 for q in survey.questions}
    for response in survey.responses:
        if not response.complete:
            continue
        for qid, answer in response.answers.items():
            if not answer.skipped:
                counts[qid] += 1
    return counts


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def inspect_json(survey: Survey, scores: SurveyScores) -> dict[str, Any]:
    """The documented `survey inspect --json` object; holds no respondent data."""
    counts = question_counts(survey)
    nps = scores.nps
    csat = scores.csat
    return {
        "tool": survey.tool,
        "encoding": survey.encoding,
        "respondents": scores.respondents,
        "complete": scores.complete,
        "partial": scores.partial,
        "questions": [
            {"id": q.id, "text": q.text, "kind": q.kind.value, "n": counts[q.id]}
            for q in survey.questions
        ],
        "nps": None
        if nps is None
        else {
            "question": nps.question,
            "score": _round(nps.score),
            "promoters": nps.promoters,
            "passives": nps.passives,
            "detractors": nps.detractors,
            "n": nps.n,
            "ci95": [_round(nps.ci95.low), _round(nps.ci95.high)] if nps.ci95 else None,
        },
        "csat": None
        if csat is None
        else {
            "question": csat.question,
            "top2_pct": _round(csat.top2_pct),
            "top2": csat.top2,
            "mean": None if csat.mean is None else round(csat.mean, 2),
            "n": csat.n,
        },
        "damaged": [
            {"line": d.line, "column": d.column, "question": d.question, "reason": d.reason}
            for d in survey.damaged
        ],
        "warnings": list(survey.warnings),
    }


def inspect_text(survey: Survey, scores: SurveyScores) -> str:
    from generator.load.surveys.encoding import ENCODING_NAMES

    counts = question_counts(survey)
    encoding = ENCODING_NAMES.get(survey.encoding, survey.encoding)
    lines = [
        f"{survey.source}",
        tr("  tool: {tool}   encoding: {encoding}", tool=survey.tool, encoding=encoding),
        tr(
            "  respondents: {n} ({complete} complete, {partial} partial)",
            n=scores.respondents,
            complete=scores.complete,
            partial=scores.partial,
        ),
        "",
        tr("  id        kind            n  question"),
    ]
    for q in survey.questions:
        text = " ".join(q.text.split())
        text = text if len(text) <= 70 else text[:69] + "…"
        lines.append(f"  {q.id:<9} {q.kind.value:<13} {counts[q.id]:>4}  {text}")
    lines.append("")
    if scores.nps:
        nps = scores.nps
        if nps.headline and nps.score is not None and nps.ci95:
            lines.append(
                tr(
                    "  NPS ({question}): {score}  (95% CI {low} to {high}; n = {n}: "
                    "{promoters} promoters, {passives} passives, {detractors} detractors)",
                    question=nps.question,
                    score=f"{nps.score:+.0f}",
                    low=f"{nps.ci95.low:+.0f}",
                    high=f"{nps.ci95.high:+.0f}",
                    n=nps.n,
                    promoters=nps.promoters,
                    passives=nps.passives,
                    detractors=nps.detractors,
                )
            )
        else:
            lines.append(
                tr(
                    "  NPS ({question}): n = {n}, too few for a score: "
                    "{promoters} of {n} promoters, {detractors} of {n} detractors",
                    question=nps.question,
                    n=nps.n,
                    promoters=nps.promoters,
                    detractors=nps.detractors,
                )
            )
    else:
        lines.append(
            tr("  NPS: no 0-10 'recommend' question found (say which in the mapping file)")
        )
    if scores.csat:
        c = scores.csat
        if c.headline and c.top2_pct is not None and c.mean is not None:
            lines.append(
                tr(
                    "  CSAT ({question}): {pct}% top-2-box (4 or 5 of 5), mean {mean}, n = {n}",
                    question=c.question,
                    pct=f"{c.top2_pct:.0f}",
                    mean=f"{c.mean:.2f}",
                    n=c.n,
                )
            )
        else:
            lines.append(
                tr(
                    "  CSAT ({question}): n = {n}, {top2} of {n} chose 4 or 5",
                    question=c.question,
                    n=c.n,
                    top2=c.top2,
                )
            )
    else:
        lines.append(tr("  CSAT: no 1-5 satisfaction question found"))
    for warning in survey.warnings:
        lines.append(tr("  warning: {warning}", warning=warning))
    if survey.damaged:
        for d in survey.damaged[:10]:
            lines.append(
                tr(
                    "  damaged: line {line}, column {column} ({question}): {reason}",
                    line=d.line,
                    column=d.column,
                    question=d.question,
                    reason=d.reason,
                )
            )
    return "\n".join(lines)


@click.group()
def survey() -> None:
    """Read client survey exports (Google Forms, SurveyMonkey, Typeform, Qualtrics, 问卷星…)."""


@survey.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tool", type=TOOL_CHOICE, help="Skip detection: the tool that wrote the file.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (see docs/surveys.md).")
@_reports_errors
def inspect_command(file: Path, tool: str | None, as_json: bool) -> None:
    """Print what was detected and scored in FILE, so the PM can confirm it."""
    parsed = read_survey(file, tool)
    scores = score_survey(parsed)
    if as_json:
        click.echo(json.dumps(inspect_json(parsed, scores), ensure_ascii=False, indent=2))
    else:
        click.echo(inspect_text(parsed, scores))


def mapping_yaml(survey: Survey) -> str:
    """A mapping file listing what was detected, for the PM to confirm or correct."""
    import yaml

    scored = {"nps", "csat", "ces", "likert"}
    lines = [
        f"# What milepost detected in {Path(survey.source).name}. Check each `kind:`;",
        "# kinds: nps, csat, ces, likert, rating, number, single_choice, multi_choice,",
        "# ranking, text, ignore, private. See docs/surveys.md.",
        f"tool: {survey.tool}",
        "wave: null        # e.g. Final survey",
        "date: null        # YYYY-MM-DD, when the wave closed",
        "invited: null     # how many people were asked",
        "questions:",
    ]
    for q in survey.questions:
        text = yaml.safe_dump(" ".join(q.text.split())[:200], allow_unicode=True, width=1000)
        text = text.strip().removesuffix("...").strip()
        lines.append(f"  - id: {json.dumps(q.id)}")
        lines.append(f"    text: {text}")
        lines.append(f"    kind: {q.kind.value}")
        if q.kind.value in scored and q.labels:
            lines.append("    labels:")
            for label, number in q.labels.items():
                lines.append(f"      {json.dumps(label, ensure_ascii=False)}: {number:g}")
    return "\n".join(lines) + "\n"


@survey.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--project", "project", required=True, help="Project id (folder name).")
@click.option("--tool", type=TOOL_CHOICE, help="Skip detection: the tool that wrote the file.")
@click.pass_context
@_reports_errors
def import_command(ctx: click.Context, file: Path, project: str, tool: str | None) -> None:
    """Copy FILE into content/projects/P/surveys/ with a mapping file to confirm."""
    root = ctx.obj.workspace.root if ctx.obj is not None else Path(".")
    project_dir = root / "content" / "projects" / project
    if not (project_dir / "project.yaml").is_file():
        raise ContentErrors(
            [
                ContentError(
                    str(project_dir),
                    0,
                    0,
                    tr("no project '{project}' in this workspace", project=project),
                    tr("give the folder name under content/projects/"),
                )
            ]
        )
    parsed = read_survey(file, tool, mapping_path=file.with_suffix(".__none__"))
    target = project_dir / "surveys" / file.name
    mapping = mapping_path_for(target)
    for existing in (target, mapping):
        if existing.exists():
            raise ContentErrors(
                [
                    ContentError(
                        str(existing),
                        0,
                        0,
                        tr("already exists; milepost never overwrites it"),
                        tr("rename the export, or remove the old file first"),
                    )
                ]
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)
    mapping.write_text(mapping_yaml(parsed), encoding="utf-8")
    click.echo(tr("copied {source} -> {target}", source=file, target=target))
    click.echo(
        tr(
            "wrote {mapping}: confirm each question's kind, then set wave, date and invited",
            mapping=mapping,
        )
    )
    click.echo(inspect_text(parsed, score_survey(parsed)))
