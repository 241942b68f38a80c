"""`milepost survey import`: copy an export into a project with a mapping file to confirm."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.surveys import read_survey
from generator.load.surveys.mapping import mapping_path_for
from generator.model.survey import Survey


@dataclass(frozen=True)
class ImportedSurvey:
    survey: Survey
    target: Path
    mapping: Path


def import_survey(project_dir: Path, file: Path, tool: str | None) -> ImportedSurvey:
    """Copy FILE into project_dir/surveys/ and write its mapping; never overwrite a file."""
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
    return ImportedSurvey(parsed, target, mapping)


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
        lines.append(f"  - id: {json.dumps(q.id, ensure_ascii=False)}")
        lines.append(f"    text: {text}")
        lines.append(f"    kind: {q.kind.value}")
        if q.kind.value in scored and q.labels:
            lines.append("    labels:")
            for label, number in q.labels.items():
                lines.append(f"      {json.dumps(label, ensure_ascii=False)}: {number:g}")
    return "\n".join(lines) + "\n"
