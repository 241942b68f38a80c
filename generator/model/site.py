"""content/site.yaml, content/people.yaml and content/clients/<client>.yaml."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from generator.i18n import check_locale, tr
from generator.model.base import (
    MAX_DAYS,
    Ident,
    Line,
    NonNegative,
    NotBool,
    OptionalLine,
    Record,
    Slug,
    WeeklyHours,
)
from generator.model.channels import NotifyChannel


def _locale(value: object) -> object:
    if not isinstance(value, str):
        return value  # pydantic says "must be text"
    canonical, problem, hint = check_locale(value)
    if not canonical:
        raise PydanticCustomError("locale", "{problem}", {"problem": problem, "hint": hint})
    return canonical


# en | zh-CN for the text; en-XX (en-DE, en-GB, en-US ...) English text with the dates and
# numbers of country XX (see i18n.check_locale and docs/workspace.md).
Locale = Annotated[
    str,
    BeforeValidator(_locale),
    Field(json_schema_extra={"pattern": r"^(en|zh-CN|en-[A-Z]{2})$"}),
]
DayCount = Annotated[int, Field(le=MAX_DAYS), NotBool]
# YAML's true is not the number 1: a threshold written `true` is refused, not read as 1.
Whole = Annotated[int, NotBool]
Real = Annotated[float, NotBool]
Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class ReportKind(StrEnum):
    weekly = "weekly"
    monthly = "monthly"
    closing = "closing"


class Branding(Record):
    logo: str | None = Field(None, description="image file, relative to the workspace")
    primary_color: Color = "#1f3a5f"
    accent_color: Color = "#d9822b"


class HealthRules(Record):
    """Thresholds for the computed health; amber and red are reached at or beyond each value."""

    slip_amber_days: DayCount = Field(5, ge=0)
    slip_red_days: DayCount = Field(15, ge=0)
    spi_amber: Real = Field(0.95, gt=0)
    spi_red: Real = Field(0.85, gt=0)
    cpi_amber: Real = Field(0.95, gt=0)
    cpi_red: Real = Field(0.85, gt=0)
    ev_from_percent: Real = Field(
        10, ge=0, le=100, description="judge SPI and CPI once this % of the work is planned"
    )
    overdue_milestones_red: Whole = Field(1, ge=1)
    high_risk_exposure: Whole = Field(15, ge=1, le=25)
    high_risks_amber: Whole = Field(1, ge=1)
    high_risks_red: Whole = Field(3, ge=1)
    stale_update_days: DayCount = Field(10, ge=1)
    budget_amber_gap: Real = Field(
        0.05, ge=0, le=1, description="budget used ahead of time elapsed by this share -> amber"
    )
    budget_red_gap: Real = Field(
        0.15, ge=0, le=1, description="budget used ahead of time elapsed by this share -> red"
    )


class Smtp(Record):
    host: str
    port: Whole = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    sender: OptionalLine
    username_env: str | None = Field(None, description="environment variable with the user name")
    password_env: str | None = Field(None, description="environment variable with the password")
    cc_manager: bool = True


class Portal(Record):
    noindex: bool = True
    budget: Literal["none", "percent"] = Field(
        "percent",
        description="what clients see of the budget: nothing, or % used against % of time",
    )


class Reports(Record):
    page_size: Literal["A4", "Letter"] = "A4"


class Site(Record):
    name: Line
    base_url: str | None = None
    locale: Locale = "en"
    timezone: str = "UTC"
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    branding: Branding = Branding()
    health: HealthRules = HealthRules()
    portal: Portal = Portal()
    reports: Reports = Reports()
    smtp: Smtp | None = None
    notify: list[NotifyChannel] = Field(
        default_factory=list, description="chat channels for status cards (milepost notify)"
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import available_timezones

        if value not in available_timezones():
            raise ValueError(
                tr(
                    "unknown time zone '{zone}' (use a name like Europe/Berlin or Asia/Shanghai)",
                    zone=value,
                )
            )
        return value

    def portal_url(self, client_id: str, project_id: str) -> str | None:
        """The absolute address of a project's portal folder; None without base_url."""
        if not self.base_url:
            return None
        return f"{self.base_url.rstrip('/')}/portals/{client_id}/{project_id}/"


class Person(Record):
    id: Ident
    name: Line
    role: Line
    email: OptionalLine | None = None
    phone: OptionalLine | None = Field(
        None, description="shown to clients beside the e-mail when the person manages a project"
    )
    capacity_hours: WeeklyHours = Field(40, description="hours per week")
    cost_rate: NonNegative | None = Field(
        None, description="internal cost per hour; never shown to clients"
    )


class People(Record):
    people: list[Person]


class Contact(Record):
    name: Line
    email: Annotated[OptionalLine, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    role: OptionalLine | None = None
    phone: OptionalLine | None = None
    reports: list[ReportKind] = Field(default_factory=list)


class Client(Record):
    id: Slug = Field("", description="taken from the file name")
    name: Line
    short_name: OptionalLine | None = Field(
        None, description="used in e-mail subjects, e.g. [Acme]"
    )
    locale: Locale | None = None
    portal_title: str | None = None
    contacts: list[Contact] = Field(default_factory=list)

    @property
    def tag(self) -> str:
        return self.short_name or self.name
