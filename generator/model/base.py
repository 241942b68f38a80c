"""Shared vocabulary of the models: strict records, visibility, identifiers."""

from __future__ import annotations

import datetime as dt
import typing
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from generator.i18n import tr


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


class Visibility(StrEnum):
    client = "client"
    internal = "internal"


# Identifiers appear in file names and URLs: keep them plain.
Ident = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64),
    Field(json_schema_extra={"description": "letters, digits, '-', '_' and '.'"}),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Score1to5 = Annotated[int, Field(ge=1, le=5)]
Percent = Annotated[float, Field(ge=0, le=100)]
NonNegative = Annotated[float, Field(ge=0)]


class Health(StrEnum):
    green = "green"
    amber = "amber"
    red = "red"
