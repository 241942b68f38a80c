"""Read a CSV or XLSX export into rows of cells keyed by header, keeping row numbers.

Exports repeat a header for multi-valued fields (Jira writes one "Sprint" column per
sprint), so each header maps to the list of its cells in column order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr

Cell = str | float | int | dt.datetime | dt.date | None
ENCODINGS = ("utf-8-sig", "gb18030", "cp1252")


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


def _decode(data: bytes, path: str) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ContentErrors(
        [
            ContentError(
                path, 0, 0, tr("cannot read this file's text encoding"), tr("save it as UTF-8")
            )
        ]
    )


def _rows(headers: list[str], records: list[tuple[int, list[Cell]]]) -> list[Row]:
    keys = [norm(h) for h in headers]
    rows = []
    for line, values in records:
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        cells: dict[str, list[Cell]] = {}
        for key, value in zip(keys, values, strict=False):
            if key:
                cells.setdefault(key, []).append(value)
        rows.append(Row(line, cells))
    return rows


def read_csv(data: bytes, path: str) -> Table:
    text = _decode(data, path)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records: list[tuple[int, list[Cell]]] = []
    headers: list[str] | None = None
    header_line = 0
    start = 1
    for values in reader:
        if headers is None:
            if any(v.strip() for v in values):
                headers = [v.strip() for v in values]
                header_line = start
        else:
            records.append((start, list(values)))
        start = reader.line_num + 1
    if headers is None:
        raise ContentErrors(
            [ContentError(path, 1, 0, tr("the file is empty"), tr("export it again"))]
        )
    del header_line
    return Table(path, headers, _rows(headers, records))


def read_xlsx(file: Path, path: str) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ContentErrors(
            [
                ContentError(
                    path,
                    0,
                    0,
                    tr("cannot open this workbook: {problem}", problem=exc),
                    tr("save it as .xlsx"),
                )
            ]
        ) from None
    try:
        sheet = book.worksheets[0]
        headers: list[str] | None = None
        records: list[tuple[int, list[Cell]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells: list[Cell] = [v if not isinstance(v, str) else v.strip() for v in values]
            if headers is None:
                if any(c not in (None, "") for c in cells):
                    headers = ["" if c is None else str(c).strip() for c in cells]
            else:
                records.append((number, cells))
    finally:
        book.close()
    if headers is None:
        raise ContentErrors(
            [ContentError(path, 1, 0, tr("the sheet is empty"), tr("export it again"))]
        )
    return Table(path, headers, _rows(headers, records))


def read_table(file: Path, path: str) -> Table:
    """A CSV (UTF-8, GB18030 or cp1252; comma, semicolon or tab) or an XLSX file."""
    if not file.is_file():
        raise ContentErrors([ContentError(path, 0, 0, tr("no such file"), tr("check the path"))])
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(file, path)
    if file.suffix.lower() == ".xls":
        raise ContentErrors(
            [
                ContentError(
                    path, 0, 0, tr("old .xls workbooks are not supported"), tr("save as .xlsx")
                )
            ]
        )
    return read_csv(file.read_bytes(), path)


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
