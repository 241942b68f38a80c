"""Markdown documents with front matter: updates, meetings, notes, the retrospective."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.model.base import Health, Ident, Number, Record, Text, Visibility


class Decision(Record):
    """A decision the team needs from the client."""

    what: Text
    by: dt.date | None = Field(None, description="needed by")
    owner: str | None = Field(None, description="who on the client side decides")


class Update(Record):
    """A status update (weekly, daily stand-up or ad hoc); daily ones roll up into their week."""

    date: dt.date
    kind: Literal["weekly", "daily", "adhoc"] = "weekly"
    author: Ident
    health: Health | None = None
    health_reason: str | None = None
    visibility: Visibility = Visibility.internal
    highlights: list[Text] = Field(default_factory=list)
    next_steps: list[Text] = Field(default_factory=list)
    blockers: list[Text] = Field(default_factory=list)
    decisions_needed: list[Decision] = Field(default_factory=list)
    metrics: dict[Ident, Number | None] = Field(
        default_factory=dict,
        description="readings of SMART goal metrics, by goal id; an empty value is a reading "
        "still to take (milepost draft writes one per goal due) and counts as none",
    )
    body: str = Field("", description="the Markdown narrative below the front matter")
    source: str = Field("", description="file the update came from")


class ActionItem(Record):
    action: Text
    owner: str
    due: dt.date | None = None
    status: Literal["open", "done", "dropped"] = "open"


class MeetingNote(Record):
    date: dt.date
    title: Text
    kind: Literal[
        "steering", "status", "workshop", "review", "kickoff", "retrospective", "other"
    ] = "status"
    attendees: list[str] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    visibility: Visibility = Visibility.internal
    body: str = ""
    source: str = ""


class Note(Record):
    """A free note about the project; internal unless marked otherwise."""

    date: dt.date
    title: Text
    visibility: Visibility = Visibility.internal
    body: str = ""
    source: str = ""


class RetroItem(Record):
    """One point of the retrospective: plain text (internal), or text with its visibility.

    A PM writes `- Launch without downtime` for the team, and
    `- {text: Launch without downtime, visibility: client}` for a point the client may read.
    """

    text: Text
    visibility: Visibility = Visibility.internal

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    def __str__(self) -> str:
        return self.text

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Editors accept both forms: a plain text, or text with its visibility."""
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core_schema)]}


class Problem(Record):
    problem: Text
    solution: Text
    visibility: Visibility = Visibility.internal


class ImprovementAction(Record):
    id: Ident
    action: Text
    owner: str
    due: dt.date | None = None
    status: Literal["open", "in_progress", "done", "dropped"] = "open"
    visibility: Visibility = Visibility.internal


class Retrospective(Record):
    """The team's retrospective. Every point is internal unless marked `visibility: client`;
    the team's performance is always internal (it appraises people)."""

    date: dt.date
    went_well: list[RetroItem] = Field(default_factory=list)
    to_improve: list[RetroItem] = Field(default_factory=list)
    lessons: list[RetroItem] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    team_performance: str | None = Field(None, description="always internal")
    actions: list[ImprovementAction] = Field(default_factory=list)
    narrative_visibility: Visibility = Field(
        Visibility.internal, description="who may read the narrative below the front matter"
    )
    body: str = ""
    source: str = ""
