"""surveys/<name>.yaml next to an export: what each question measures, confirmed by the PM.

tool: google_forms          # optional; detection is used when absent
wave: Final survey          # shown in the trend
date: 2026-03-02            # when the wave closed
invited: 24                 # people asked, for the response rate
questions:
  - id: Q2                  # or `match: recommend` (a piece of the question text)
    text: How likely are you to recommend us to a colleague?   # checked if given
    kind: nps
  - id: Q3
    kind: csat
    labels: {Very satisfied: 5, Satisfied: 4, Neutral: 3, Dissatisfied: 2,
             Very dissatisfied: 1}
  - id: Q7
    kind: ignore            # or private: never shown anywhere
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.validation import validate
from generator.load.yaml_source import SourceMap, load_yaml_file
from generator.model.base import NotBool, Number, Record
from generator.model.survey import QuestionKind

TOOLS = (
    "google_forms",
    "surveymonkey",
    "msforms",
    "typeform",
    "qualtrics",
    "wjx",
    "generic",
    "yaml_form",
)
Tool = Literal[
    "google_forms",
    "surveymonkey",
    "msforms",
    "typeform",
    "qualtrics",
    "wjx",
    "generic",
    "yaml_form",
]
MappedKind = Literal[
    "nps",
    "csat",
    "ces",
    "likert",
    "rating",
    "number",
    "single_choice",
    "multi_choice",
    "ranking",
    "text",
    "ignore",
    "private",
]


Score = Annotated[int, NotBool]  # a scale point: YAML's true is not 1


class QuestionMapping(Record):
    id: str | None = Field(None, description="the question id that `survey inspect` prints")
    match: str | None = Field(None, description="a piece of the question text, instead of id")
    text: str | None = Field(None, description="the question text; checked against the export")
    kind: MappedKind | None = None
    scale: tuple[Score, Score] | None = Field(None, description="[lowest, highest] scale point")
    labels: dict[str, Number] = Field(
        default_factory=dict, description="answer label -> number, e.g. 'Very satisfied': 5"
    )
    options: list[str] = Field(
        default_factory=list, description="the options of a multi-select, as written"
    )
    comments: bool | None = Field(None, description="quote this text question's answers")

    @model_validator(mode="after")
    def _names_a_question(self) -> QuestionMapping:
        if not self.id and not self.match:
            raise ValueError(tr("each question needs 'id:' or 'match:'"))
        return self


class SurveyMapping(Record):
    tool: Tool | None = None
    encoding: Literal["utf-8", "utf-8-sig", "gb18030", "gbk", "cp1252", "utf-16"] | None = None
    wave: str | None = None
    date: dt.date | None = None
    invited: int | None = Field(None, ge=1)
    columns: list[str] = Field(
        default_factory=list,
        description="header names when the export lost its header row (Excel CSV re-saves)",
    )
    accept_codes: bool = Field(
        False, description="accept a wjx 按选项序号 export, knowing codes are option positions"
    )
    questions: list[QuestionMapping] = Field(default_factory=list)

    def for_question(self, qid: str, text: str) -> QuestionMapping | None:
        for entry in self.questions:
            if entry.id == qid:
                return entry
        for entry in self.questions:
            if entry.id is None and entry.match and entry.match.lower() in text.lower():
                return entry
        return None


KIND_OF = {k.value: k for k in QuestionKind}


def mapping_path_for(export: Path) -> Path:
    """surveys/<name>.yaml beside surveys/<name>.csv."""
    return export.with_suffix(".yaml")


def load_mapping(file: Path, display: str) -> tuple[SurveyMapping, SourceMap]:
    data, source, errors = load_yaml_file(file, display)
    if errors:
        raise ContentErrors(errors)
    mapping, errors = validate(SurveyMapping, data, source)
    if errors or mapping is None:
        raise ContentErrors(errors or [ContentError(display, 1, 1, tr("cannot read the mapping"))])
    return mapping, source
