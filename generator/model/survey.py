"""A client survey as read from a tool's export: questions, answers, and the private rest.

Respondent metadata (names, e-mails, IP addresses, respondent IDs) lives in `Survey.private`,
which is excluded from serialisation and repr, so no renderer or JSON dump can show it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from generator.model.base import Record


class QuestionKind(StrEnum):
    nps = "nps"  # 0-10 likelihood to recommend
    csat = "csat"  # 1-5 satisfaction
    ces = "ces"  # customer effort score (1-5 or 1-7)
    likert = "likert"  # ordinal agreement/importance item, usually a matrix row
    rating = "rating"  # another numeric scale (e.g. 0-10 satisfaction)
    number = "number"  # a free number (age, hours)
    single_choice = "single_choice"
    multi_choice = "multi_choice"
    ranking = "ranking"
    text = "text"


class Question(Record):
    id: str
    text: str
    kind: QuestionKind
    group: str | None = Field(None, description="the matrix or grid this row belongs to")
    options: tuple[str, ...] = ()
    scale: tuple[int, int] | None = Field(None, description="lowest and highest scale point")
    labels: dict[str, float] = Field(
        default_factory=dict, description="answer label -> scale number"
    )
    column: int = Field(0, description="1-based column of the first cell in the export")


class Answer(Record):
    """One respondent's answer to one question; `skipped` answers count toward nobody's n."""

    raw: str = ""
    number: float | None = None
    choices: tuple[str, ...] = ()
    other: str | None = Field(None, description="'Other' free text typed by the respondent")
    skipped: bool = False


class Response(Record):
    line: int = Field(description="line in the export where this response starts")
    complete: bool = True
    answers: dict[str, Answer] = Field(default_factory=dict)


class DamagedCell(Record):
    """A cell that a spreadsheet re-save destroyed; reported, never repaired by guessing."""

    line: int
    column: int
    question: str
    value: str
    reason: str


class RespondentData(Record):
    """Identifying fields per response line, kept apart so they can never be rendered."""

    fields: dict[int, dict[str, str]] = Field(default_factory=dict)


class Survey(Record):
    source: str = Field(description="the export file as the user knows it")
    tool: str
    encoding: str
    questions: tuple[Question, ...] = ()
    responses: tuple[Response, ...] = ()
    damaged: tuple[DamagedCell, ...] = ()
    warnings: tuple[str, ...] = ()
    wave: str | None = None
    date: dt.date | None = None
    invited: int | None = Field(None, ge=0)
    private: RespondentData = Field(default_factory=RespondentData, exclude=True, repr=False)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    @property
    def complete_count(self) -> int:
        return sum(1 for r in self.responses if r.complete)
