"""Registers of a project: tasks, risks, change requests and costs."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from generator.i18n import tr
from generator.model.base import (
    Days,
    Hours,
    Ident,
    Money,
    Percent,
    Record,
    Score1to5,
    Text,
    Visibility,
)


class TaskStatus(StrEnum):
    todo = "todo"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"


class ProgressReading(Record):
    date: dt.date
    percent: Percent


class Task(Record):
    id: Ident
    title: Text
    owner: Ident | None = None
    milestone: Ident | None = None
    start: dt.date
    due: dt.date
    estimate_hours: Hours = 0
    status: TaskStatus = TaskStatus.todo
    completed: dt.date | None = Field(None, description="the day the task was done")
    progress: list[ProgressReading] = Field(
        default_factory=list, description="dated % complete readings while in progress"
    )
    note: str | None = Field(
        None, description="what stands in the way or what is left; shown with a blocked task"
    )
    visibility: Visibility = Visibility.internal

    @model_validator(mode="after")
    def _consistent(self) -> Task:
        if self.due < self.start:
            raise ValueError(
                tr("due {due} is before start {start}", due=self.due, start=self.start)
            )
        if self.status == TaskStatus.done and not self.completed:
            raise ValueError(tr("a done task needs a 'completed' date"))
        if self.completed and self.status != TaskStatus.done:
            raise ValueError(tr("a task with a 'completed' date must have status: done"))
        return self


class Tasks(Record):
    tasks: list[Task] = Field(default_factory=list)


class RiskStatus(StrEnum):
    open = "open"
    closed = "closed"
    occurred = "occurred"


class RiskChange(Record):
    """A dated re-assessment of a risk."""

    date: dt.date
    probability: Score1to5 | None = None
    impact: Score1to5 | None = None
    status: RiskStatus | None = None
    note: str | None = None


class Risk(Record):
    id: Ident
    title: Text
    description: str | None = None
    kind: Literal["risk", "issue"] = "risk"
    category: str | None = None
    owner: str
    raised: dt.date
    probability: Score1to5 = Field(description="1 rare … 5 almost certain, as first assessed")
    impact: Score1to5 = Field(description="1 negligible … 5 severe, as first assessed")
    response: Literal["avoid", "mitigate", "transfer", "accept", "escalate"] = "mitigate"
    plan: str | None = Field(None, description="what we do about it")
    history: list[RiskChange] = Field(default_factory=list)
    visibility: Visibility = Visibility.internal


class Risks(Record):
    risks: list[Risk] = Field(default_factory=list)


class ChangeStatus(StrEnum):
    proposed = "proposed"
    approved = "approved"
    rejected = "rejected"
    withdrawn = "withdrawn"


class ChangeImpact(Record):
    scope: str | None = None
    schedule_days: Days = 0
    cost: Money | None = Field(
        0, description="the price; client outputs hold null unless cost_visibility: client"
    )


class ChangeRequest(Record):
    id: Ident
    title: Text
    description: str | None = None
    requested_by: str
    requested: dt.date
    impact: ChangeImpact = ChangeImpact()
    status: ChangeStatus = ChangeStatus.proposed
    decided: dt.date | None = None
    decided_by: str | None = None
    decision_note: str | None = None
    visibility: Visibility = Visibility.internal
    cost_visibility: Visibility = Field(
        Visibility.internal,
        description="client: the client sees the price (impact.cost) of this change request",
    )

    @model_validator(mode="after")
    def _decision_dated(self) -> ChangeRequest:
        decided = self.status in (ChangeStatus.approved, ChangeStatus.rejected)
        if decided and not self.decided:
            raise ValueError(
                tr(
                    "a change request with status {status} needs a 'decided' date",
                    status=self.status,
                )
            )
        if self.decided and self.decided < self.requested:
            raise ValueError(tr("'decided' is before 'requested'"))
        return self


class Changes(Record):
    changes: list[ChangeRequest] = Field(default_factory=list)


class Cost(Record):
    """Actual cost booked on a date; always internal."""

    date: dt.date
    amount: Money
    category: str = "labour"
    note: str | None = None


class Costs(Record):
    costs: list[Cost] = Field(default_factory=list)
