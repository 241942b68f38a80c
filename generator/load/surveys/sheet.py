"""A survey export as rows of text cells, each tagged with the line it starts on.

Reading (file kind, encoding, delimiter, damage) is `generator.load.tables`, shared with
the CRM and tracker imports; this module only turns each cell into the text the survey
importers compare.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.tables import encoding_name, read_rows


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]

    def cell(self, column: int) -> str:
        """The cell at a column, "" past the end of a short (damaged) row."""
        return self.cells[column] if column < len(self.cells) else ""


@dataclass
class Sheet:
    path: str
    encoding: str
    rows: list[Row] = field(default_factory=list)

    @property
    def encoding_name(self) -> str:
        return encoding_name(self.encoding)


def read_sheet(file: Path, path: str, encoding: str | None = None) -> Sheet:
    read = read_rows(file, path, encoding)
    rows = [Row(line, [_cell_text(v) for v in cells]) for line, cells in read.rows]
    return Sheet(path, read.encoding, rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
