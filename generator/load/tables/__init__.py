"""One reader for table exports: client surveys, CRM contacts and tracker tasks.

`read_rows(file, path)` returns every non-empty row of a CSV or the first sheet of an
XLSX, each with the line (CSV) or row number (XLSX) it starts on, and the encoding that
was used. The same rules hold for every caller:

- only a regular file is read (a pipe or a device is refused, never waited on), and at
  most MAX_FILE_BYTES of it;
- the kind comes from the bytes: a zip is a workbook, the old binary .xls is refused with
  a hint, anything else is CSV text (see `text` for the encoding, `delimited` for the
  delimiter and damage checks, `workbook` for what a workbook may not contain).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.files import read_regular_file
from generator.load.tables.delimited import parse_delimited
from generator.load.tables.text import decode_table_text, encoding_name
from generator.load.tables.workbook import OLE2_MAGIC, ZIP_MAGIC, Cell, read_workbook

MAX_FILE_BYTES = 50 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

__all__ = ["Cell", "Rows", "read_rows", "encoding_name", "MAX_FILE_BYTES"]


@dataclass(frozen=True)
class Rows:
    path: str
    encoding: str  # "utf-8", "cp1252", "gb18030", ... or "xlsx"; see text.ENCODING_NAMES
    rows: Sequence[tuple[int, Sequence[Cell]]]  # (line, cells); CSV cells are str

    @property
    def encoding_name(self) -> str:
        return encoding_name(self.encoding)


def read_rows(file: Path, path: str, encoding: str | None = None) -> Rows:
    """Rows of a CSV or XLSX export; ContentErrors (file:line, hint) for anything unreadable.

    `encoding` forces the text encoding of a CSV (a survey's mapping file may name one).
    """
    data = read_regular_file(file, path, MAX_FILE_BYTES)
    if data.startswith(ZIP_MAGIC):
        return Rows(path, "xlsx", read_workbook(data, path))
    if data.startswith(OLE2_MAGIC):
        raise ContentErrors(
            [
                ContentError(
                    path,
                    0,
                    0,
                    tr("old .xls workbooks are not supported"),
                    tr("open it in Excel and save it as .xlsx or as CSV UTF-8"),
                )
            ]
        )
    if file.suffix.lower() in WORKBOOK_SUFFIXES:
        raise ContentErrors(
            [
                ContentError(
                    path,
                    0,
                    0,
                    tr("the workbook is cut off or damaged ({problem})", problem=_not_zip(data)),
                    tr("download or export it again; a complete .xlsx opens in Excel"),
                )
            ]
        )
    decoded = decode_table_text(data, path, encoding)
    return Rows(path, decoded.encoding, parse_delimited(decoded.text, path))


def _not_zip(data: bytes) -> str:
    return tr("the file is empty") if not data else tr("it does not start like a zip archive")
