"""Shared vocabulary of the models: strict records, visibility, identifiers."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Record(BaseModel):
    """Every workspace record: unknown keys are errors, text is never coerced from numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


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
