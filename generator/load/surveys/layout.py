"""What an importer finds in an export's header: which columns are which questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.load.surveys.sheet import Row

# single: one cell, one answer; option_columns: one 0/1-or-label column per option;
# joined: options joined in one cell (split against known options); rank_columns: one
# column per option holding its rank; text: free text.
Shape = Literal["single", "option_columns", "rank_columns", "joined", "rank_joined", "text"]


@dataclass
class ItemSpec:
    id: str
    text: str
    columns: list[int]
    shape: Shape = "single"
    options: list[str] = field(default_factory=list)  # per column for option/rank columns
    group: str | None = None
    other_column: int | None = None  # "Other (please specify)" text
    separator: str = ", "


@dataclass
class Layout:
    tool: str
    items: list[ItemSpec]
    rows: list[Row]  # data rows only
    width: int
    private: dict[int, str] = field(default_factory=dict)  # column -> what it identifies
    finished: int | None = None  # column: 1/True when complete
    progress: int | None = None  # column: percent complete
    submitted: int | None = None  # column: empty when the response was not submitted
    warnings: list[str] = field(default_factory=list)
    code_export: bool = False  # wjx 按选项序号: numbers are option positions
    header_lines: int = 1
