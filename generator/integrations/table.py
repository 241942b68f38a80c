"""A CSV or XLSX export as rows of cells keyed by header, keeping row numbers.

Exports repeat a header for multi-valued fields (Jira writes one "Sprint" column per
sprint), so each header maps to the list of its cells in column order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.tables import Cell, read_rows


def norm(header: str) -> str:
    """Headers compare without case, spaces or surrounding punctuation differences."""
    return re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().casefold()


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, list[Cell]]

    def get(self, *names: str) -> Cell:
        """The first non-empty cell under any of the given headers, in the order given."""
        for name in names:
            for value in self.cells.get(norm(name), []):
                if value is not None and str(value).strip() != "":
                    return value.strip() if isinstance(value, str) else value
        return None

    def all(self, name: str) -> list[Cell]:
        return [v for v in self.cells.get(norm(name), []) if v not in (None, "")]


@dataclass(frozen=True)
class Table:
    path: str
    headers: list[str]
    rows: list[Row]

    def has(self, name: str) -> bool:
        return norm(name) in {norm(h) for h in self.headers}

    def first_header(self, names: list[str]) -> str | None:
        for name in names:
            if self.has(name):
                return name
        return None


def _rows(headers: list[str], records: Sequence[tuple[int, Sequence[Cell]]]) -> list[Row]:
    keys = [norm(h) for h in headers]
    rows = []
    for line, values in records:
        cells: dict[str, list[Cell]] = {}
        for key, value in zip(keys, values, strict=False):
            if key:
                cells.setdefault(key, []).append(value)
        rows.append(Row(line, cells))
    return rows


def read_table(file: Path, path: str) -> Table:
    """A CSV or XLSX export read by `generator.load.tables`; its first row holds the headers."""
    read = read_rows(file, path)
    if not read.rows:
        raise ContentErrors(
            [ContentError(path, 1, 0, tr("the file is empty"), tr("export it again"))]
        )
    (_line, first), records = read.rows[0], read.rows[1:]
    headers = ["" if c is None else str(c).strip() for c in first]
    return Table(path, headers, _rows(headers, records))


def parse_mapping(pairs: tuple[str, ...], fields: tuple[str, ...]) -> dict[str, list[str]]:
    """--map FIELD=Column options as {field: [column, ...]}; several columns join with '+'."""
    mapping: dict[str, list[str]] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip()
        if not sep or not column.strip() or field not in fields:
            raise ContentErrors(
                [
                    ContentError(
                        "--map",
                        0,
                        0,
                        tr("'{pair}' is not FIELD=Column", pair=pair),
                        tr(
                            'fields: {fields}; e.g. --map email="E-mail Address"',
                            fields=", ".join(fields),
                        ),
                    )
                ]
            )
        mapping[field] = [c.strip() for c in column.split("+")]
    return mapping
