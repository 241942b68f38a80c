"""A survey typed by hand (or pasted from an e-mail) as YAML:

wave: Final survey
date: 2026-03-02
invited: 8
questions:
  - {id: nps, text: "How likely are you to recommend us?", kind: nps}
  - {id: comment, text: "Anything else?", kind: text}
responses:
  - {nps: 9, comment: Clear weekly reports.}
  - {nps: 6}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from generator.errors import ContentErrors
from generator.i18n import tr
from generator.load.surveys.build import build_survey
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import MappedKind, QuestionMapping, SurveyMapping
from generator.load.surveys.sheet import Row, Sheet
from generator.load.validation import validate
from generator.load.yaml_source import load_yaml_file
from generator.model.base import Ident, Record
from generator.model.survey import Survey

_JOIN = "\u241e"  # a separator no answer contains


class FormQuestion(Record):
    id: Ident
    text: str
    kind: MappedKind = "text"
    options: list[str] = Field(default_factory=list)
    scale: tuple[int, int] | None = None
    labels: dict[str, float] = Field(default_factory=dict)


class YamlForm(Record):
    wave: str | None = None
    date: dt.date | None = None
    invited: int | None = Field(None, ge=1)
    questions: list[FormQuestion]
    responses: list[dict[str, str | int | float | list[str] | None]] = Field(default_factory=list)


def read_yaml_form(file: Path, display: str) -> Survey:
    data, source, errors = load_yaml_file(file, display)
    if errors:
        raise ContentErrors(errors)
    form, errors = validate(YamlForm, data, source)
    if errors or form is None:
        raise ContentErrors(errors)
    ids = [q.id for q in form.questions]
    for i, response in enumerate(form.responses):
        for key in response:
            if key not in ids:
                errors.append(
                    source.error(
                        ("responses", i, key),
                        tr("'{key}' is not a question id", key=key),
                        tr("question ids: {ids}", ids=", ".join(ids)),
                    )
                )
    if errors:
        raise ContentErrors(errors)
    rows = []
    for i, response in enumerate(form.responses):
        cells = []
        for q in form.questions:
            value = response.get(q.id)
            if isinstance(value, list):
                cells.append(_JOIN.join(value))
            else:
                cells.append("" if value is None else str(value))
        rows.append(Row(source.position(("responses", i))[0], cells))
    items = []
    for col, q in enumerate(form.questions):
        multi = q.kind == "multi_choice"
        items.append(
            ItemSpec(
                q.id,
                q.text,
                [col],
                "joined" if multi else ("text" if q.kind == "text" else "single"),
                options=list(q.options),
                separator=_JOIN,
            )
        )
    mapping = SurveyMapping(
        wave=form.wave,
        date=form.date,
        invited=form.invited,
        questions=[
            QuestionMapping(id=q.id, kind=q.kind, scale=q.scale, labels=q.labels)
            for q in form.questions
        ],
    )
    layout = Layout("yaml_form", items, rows, len(form.questions))
    return build_survey(Sheet(display, "utf-8", rows), layout, mapping, None)
