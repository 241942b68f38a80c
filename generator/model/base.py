"""Shared vocabulary of the models: strict records, visibility, identifiers."""

from __future__ import annotations

import datetime as dt
import typing
import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from generator.i18n import tr
from generator.model.dates import EARLIEST, LATEST, date_in_range  # noqa: F401 (shared here)


class Record(BaseModel):
    """Every workspace record: unknown keys are errors, text is never coerced from numbers,
    numbers are finite, and a number is never read as a date (pydantic would take 0 as 1970)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_number_as_date(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool) and info.field_name:
            annotation = cls.model_fields[info.field_name].annotation
            if dt.date in (annotation, *typing.get_args(annotation)):
                raise ValueError(tr("{value} is a number, not a date", value=value))
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _plausible_date(cls, value: Any) -> Any:
        if isinstance(value, dt.date) and not date_in_range(value):
            raise PydanticCustomError(
                "year_out_of_range",
                "dates must lie between {earliest} and {latest}",
                {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
            )
        return value


class Visibility(StrEnum):
    client = "client"
    internal = "internal"


# Identifiers appear in file names and URLs: keep them plain.
Ident = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64),
    Field(json_schema_extra={"description": "letters, digits, '-', '_' and '.'"}),
]
# Project and client ids name folders and files of the output: no dots (a project called
# index.html would collide with a page), and never a folder the output uses itself.
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(json_schema_extra={"description": "letters, digits, '-' and '_'"}),
]
RESERVED_SLUGS = frozenset(
    {"static", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}
)
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


def _one_line(value: str) -> str:
    """Names and addresses go into e-mail headers: a line break there breaks every send."""
    if any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in value):
        raise PydanticCustomError("single_line", "a line break or control character")
    return value


def _not_a_boolean(value: Any) -> Any:
    """YAML's true is not the number 1: `metrics: {g: true}` is a mistake, not a reading."""
    if isinstance(value, bool):
        raise PydanticCustomError("float_type", "Input should be a valid number")
    return value


# One line of text (names, e-mail addresses, titles that reach an e-mail subject).
Line = Annotated[Text, AfterValidator(_one_line)]
OptionalLine = Annotated[str, AfterValidator(_one_line)]

# Numbers are bounded so that sums and products stay finite: 1e308 hours would print as
# "inf" or crash. The bounds are far beyond any real project.
MAX_AMOUNT = 1e15  # money, and the readings of a goal's metric
MAX_HOURS = 1e6  # the estimate of one task
HOURS_PER_WEEK = 168
MAX_DAYS = 36_500  # a schedule impact or a health threshold in days: a hundred years
NotBool = BeforeValidator(_not_a_boolean)
Number = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT), NotBool]
Money = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT), NotBool]
NonNegative = Annotated[float, Field(ge=0, le=MAX_AMOUNT), NotBool]
Hours = Annotated[float, Field(ge=0, le=MAX_HOURS), NotBool]
WeeklyHours = Annotated[float, Field(ge=0, le=HOURS_PER_WEEK), NotBool]
Days = Annotated[int, Field(ge=-MAX_DAYS, le=MAX_DAYS), NotBool]
Score1to5 = Annotated[int, Field(ge=1, le=5), NotBool]
Percent = Annotated[float, Field(ge=0, le=100), NotBool]


class Health(StrEnum):
    green = "green"
    amber = "amber"
    red = "red"
