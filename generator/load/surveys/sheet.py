"""Read an export into rows of text cells, each tagged with the line it starts on.

A file cut off mid-row (an unterminated quote, or a last row shorter than the header)
is an error at the line where the damage starts, never a silently shorter survey.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.surveys.encoding import ENCODING_NAMES, EncodingProblem, decode_export

MAX_EXPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[str]


@dataclass
class Sheet:
    path: str
    encoding: str
    rows: list[Row] = field(default_factory=list)

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def read_sheet(file: Path, path: str, encoding: str | None = None) -> Sheet:
    try:
        size = file.stat().st_size
        if size > MAX_EXPORT_BYTES:
            raise ContentErrors(
                [
                    ContentError(
                        path,
                        0,
                        0,
                        tr("the export is {size} MB", size=f"{size / 1_048_576:.0f}"),
                        tr("too big"),
                    )
                ]
            )
        data = file.read_bytes()
    except OSError as exc:
        raise ContentErrors(
            [ContentError(path, 0, 0, tr("cannot read: {reason}", reason=exc.strerror))]
        ) from None
    if file.suffix.lower() == ".xlsx" or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(file, path)
    try:
        decoded = decode_export(data, path, encoding)
    except EncodingProblem as problem:
        raise ContentErrors([problem.error]) from None
    return Sheet(path, decoded.encoding, parse_csv_text(decoded.text, path))


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def parse_csv_text(text: str, path: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        hint = tr("the file looks cut off or a quote is not closed; export it again")
        message = tr("this row cannot be read ({problem})", problem=exc)
        raise ContentErrors([ContentError(path, start, 0, message, hint)]) from None
    if rows and not text.endswith(("\n", "\r")) and len(rows) > 1:
        last, width = rows[-1], max(len(r.cells) for r in rows[:-1])
        if len(last.cells) < width:
            raise ContentErrors(
                [
                    ContentError(
                        path,
                        last.line,
                        0,
                        tr(
                            "the last row has {cells} of {width} columns: the file is cut off here",
                            cells=len(last.cells),
                            width=width,
                        ),
                        tr("export the survey again; the download was incomplete"),
                    )
                ]
            )
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(file: Path, path: str) -> Sheet:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ContentErrors(
            [
                ContentError(
                    path,
                    0,
                    0,
                    tr("cannot open the workbook: {problem}", problem=exc),
                    tr("is it an .xlsx?"),
                )
            ]
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = [
            Row(i, [_cell_text(v) for v in values])
            for i, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            if any(v not in (None, "") for v in values)
        ]
    finally:
        book.close()
    return Sheet(path, "xlsx", rows)
