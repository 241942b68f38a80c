"""content/projects/<project>/project.yaml: the charter and plan of one client project."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.i18n import tr
from generator.model.base import (
    Ident,
    Line,
    NonNegative,
    NotBool,
    Number,
    Record,
    Slug,
    Text,
    Visibility,
    WeeklyHours,
)
from generator.model.channels import NotifyChannel
from generator.model.site import Locale


class ProjectStatus(StrEnum):
    active = "active"
    on_hold = "on_hold"
    closed = "closed"


class Measurement(Record):
    date: dt.date
    value: Number
    note: str | None = None


class Goal(Record):
    """A SMART goal: a metric with a baseline, a target and a deadline."""

    id: Ident
    title: Text
    metric: str | None = None
    unit: str = ""
    baseline: Number | None = None
    target: Number | None = None
    direction: Literal["increase", "decrease"] = "increase"
    deadline: dt.date | None = None
    owner: Ident | None = None
    visibility: Visibility = Visibility.client
    measurements: list[Measurement] = Field(default_factory=list)


class Forecast(Record):
    """The milestone date as the PM forecast it on a given day."""

    date: dt.date = Field(description="the day this forecast was made")
    forecast: dt.date
    reason: str | None = None


class Acceptance(StrEnum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class Milestone(Record):
    id: Ident
    title: Text
    planned: dt.date
    forecasts: list[Forecast] = Field(default_factory=list)
    actual: dt.date | None = None
    key: bool = True
    acceptance: Acceptance = Acceptance.pending
    accepted_on: dt.date | None = None
    accepted_by: str | None = None
    visibility: Visibility = Visibility.client


class DeliverableStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    delivered = "delivered"
    accepted = "accepted"
    rejected = "rejected"


class Deliverable(Record):
    id: Ident
    title: Text
    milestone: Ident | None = None
    due: dt.date | None = None
    status: DeliverableStatus = DeliverableStatus.planned
    delivered_on: dt.date | None = None
    accepted_on: dt.date | None = None
    accepted_by: str | None = None
    visibility: Visibility = Visibility.client


class Allocation(Record):
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    hours_per_week: WeeklyHours

    model_config = Record.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _ordered(self) -> Allocation:
        if self.end < self.start:
            raise ValueError(tr("'to' is before 'from'"))
        return self


class TeamMember(Record):
    person: Ident
    role: str | None = None
    allocations: list[Allocation] = Field(default_factory=list)


class Channel(Record):
    name: Text
    purpose: str | None = None


class Meeting(Record):
    title: Text
    cadence: Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "milestone", "once"]
    weekday: Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] | None = None
    time: str | None = Field(None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    start: dt.date | None = Field(None, description="first occurrence")
    duration_minutes: Annotated[int, NotBool] = Field(60, ge=5, le=600)
    attendees: list[str] = Field(default_factory=list)
    channel: str | None = None
    visibility: Visibility = Visibility.client


class Communication(Record):
    channels: list[Channel] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    contacts: list[str] = Field(
        default_factory=list,
        description="e-mail addresses of the client's contacts for this project",
    )


class Budget(Record):
    bac: NonNegative = Field(description="budget at completion")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    contract_value: NonNegative | None = Field(
        None, description="what the client pays; internal, for the margin on the dashboard"
    )


class HandoverItem(Record):
    item: Text
    owner: str
    due: dt.date | None = None
    visibility: Visibility = Visibility.client


class Sharing(Record):
    """What the client portal may show beyond the defaults."""

    retrospective: bool = False
    survey_comments: bool = False


class Project(Record):
    id: Slug = Field("", description="taken from the folder name")
    title: Line
    client: Slug
    manager: Ident
    status: ProjectStatus = ProjectStatus.active
    start: dt.date
    planned_end: dt.date
    actual_end: dt.date | None = None
    on_hold_since: dt.date | None = Field(
        None, description="with status on_hold: the day work paused (earlier reports show active)"
    )
    locale: Locale | None = Field(None, description="defaults to the client's locale")
    summary: str | None = None
    budget: Budget | None = None
    goals: list[Goal] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    deliverables: list[Deliverable] = Field(default_factory=list)
    team: list[TeamMember] = Field(default_factory=list)
    communication: Communication = Communication()
    handover: list[HandoverItem] = Field(default_factory=list)
    sharing: Sharing = Sharing()
    notify: list[NotifyChannel] = Field(
        default_factory=list, description="chat channels for status cards (milepost notify)"
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.planned_end < self.start:
            raise ValueError(
                tr(
                    "planned_end {end} is before start {start}",
                    end=self.planned_end,
                    start=self.start,
                )
            )
        if self.actual_end and self.actual_end < self.start:
            raise ValueError(
                tr(
                    "actual_end {end} is before start {start}",
                    end=self.actual_end,
                    start=self.start,
                )
            )
        if self.on_hold_since and self.status != ProjectStatus.on_hold:
            raise ValueError(tr("on_hold_since is only for a project with status: on_hold"))
        if self.status == ProjectStatus.closed and not self.actual_end:
            raise ValueError(tr("a closed project needs an actual_end date"))
        return self
