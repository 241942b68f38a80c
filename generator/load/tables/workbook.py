"""Read the first sheet of an .xlsx workbook, refusing the ones built to hurt the reader.

An .xlsx is a zip of XML documents. Before openpyxl (read-only mode) sees it, every
part is checked: the parts may unpack to at most MAX_UNPACKED_BYTES (a zip bomb stops
here), and none may carry an XML document type declaration, checked with defusedxml.
Excel never writes one, and without it there are no entity bombs ("billion laughs") and
no external entities that read local files, whichever XML parser openpyxl uses (lxml or
the standard library's expat, depending on what is installed). The sheet's own claim of
its size is ignored and the cells read are counted, so a tiny file cannot make the
reader pad a million rows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr

# A cell as openpyxl gives it (CSV cells are always str).
Cell = str | float | int | dt.datetime | dt.date | dt.time | dt.timedelta | None
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 10_000
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_CELLS = 5_000_000


def read_workbook(data: bytes, path: str) -> list[tuple[int, list[Cell]]]:
    """(row number, cells) of every non-empty row of the first sheet, padded to one width."""
    _check_parts(data, path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ContentErrors([_damaged(path, exc)]) from None
    try:
        if not book.worksheets:
            raise ContentErrors(
                [ContentError(path, 0, 0, tr("the workbook has no sheet"), tr("export it again"))]
            )
        return _rows(book.worksheets[0], path)
    except ContentErrors:
        raise
    except Exception as exc:  # a part that is cut off or malformed shows only when read
        raise ContentErrors([_damaged(path, exc)]) from None
    finally:
        book.close()


def _rows(sheet: object, path: str) -> list[tuple[int, list[Cell]]]:
    sheet.reset_dimensions()  # type: ignore[attr-defined]  # do not trust <dimension ref=...>
    rows: list[tuple[int, list[Cell]]] = []
    cells = 0
    width = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        cells += len(values)
        if number > MAX_ROWS or cells > MAX_CELLS:
            raise ContentErrors([_too_many_cells(path)])
        if any(v is not None and str(v).strip() != "" for v in values):
            rows.append((number, list(values)))
            width = max(width, len(values))
    if len(rows) * width > MAX_CELLS:
        raise ContentErrors([_too_many_cells(path)])
    return [(number, values + [None] * (width - len(values))) for number, values in rows]


def _check_parts(data: bytes, path: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ContentErrors([_cut_off(path, exc)]) from None
    with archive:
        parts = archive.infolist()
        unpacked = sum(info.file_size for info in parts)
        if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
            raise ContentErrors(
                [
                    ContentError(
                        path,
                        0,
                        0,
                        tr(
                            "the workbook unpacks to {size:.0f} MB in {parts} parts; milepost "
                            "reads workbooks up to {limit:.0f} MB unpacked",
                            size=unpacked / 1_048_576,
                            parts=len(parts),
                            limit=MAX_UNPACKED_BYTES / 1_048_576,
                        ),
                        tr("save the sheet as CSV, or split it into smaller workbooks"),
                    )
                ]
            )
        for info in parts:
            _check_prolog(archive, info, path)


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> None:
    """Parse a part up to its first element: a DTD must come before it."""
    try:
        with archive.open(info) as part:
            for _event in iterparse(part, events=("start",), forbid_dtd=True):
                return
    except DefusedXmlException:
        raise ContentErrors(
            [
                ContentError(
                    f"{path}",
                    0,
                    0,
                    tr(
                        "the workbook part {part} declares XML entities or a document type, "
                        "which Excel never writes (it can be an attack that reads local files "
                        "or exhausts memory); it was not read",
                        part=info.filename,
                    ),
                    tr("open the original in Excel and save it again, or export it again"),
                )
            ]
        ) from None
    except ParseError:
        return  # not XML (an image) or malformed: openpyxl reports what it needs
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise ContentErrors([_cut_off(path, exc)]) from None


def _cut_off(path: str, exc: BaseException) -> ContentError:
    return ContentError(
        path,
        0,
        0,
        tr("the workbook is cut off or damaged ({problem})", problem=exc),
        tr("download or export it again; a complete .xlsx opens in Excel"),
    )


def _damaged(path: str, exc: BaseException) -> ContentError:
    problem = type(exc).__name__ + (": " + str(exc) if str(exc) else "")
    return ContentError(
        path,
        0,
        0,
        tr("cannot read the workbook: {problem}", problem=problem),
        tr("open it in Excel and save it again as .xlsx, or save the sheet as CSV"),
    )


def _too_many_cells(path: str) -> ContentError:
    return ContentError(
        path,
        0,
        0,
        tr(
            "the first sheet has more than {rows} rows or {cells} cells",
            rows=format(MAX_ROWS, ","),
            cells=format(MAX_CELLS, ","),
        ),
        tr("save only the rows you need, or split the sheet"),
    )
