"""Microsoft Forms: an .xlsx with `ID, Start time, Completion time, Email, Name`, then the
questions; multi-select answers joined with ";". Users re-save it as CSV, which can lose the
header row (Excel "CSV" of a filtered view) and non-ASCII text (ANSI code page)."""

from __future__ import annotations

import re

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.surveys.common import clean_header, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.multiselect import infer_options
from generator.load.surveys.sheet import Row, Sheet

META = ["id", "start time", "completion time", "email", "name"]
PRIVATE = {"id", "email", "name"}
SKIPPED = {"start time", "completion time", "last modified time", "total points", "quiz feedback"}
_DATETIME = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4} \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?$")


def has_header(first: list[str]) -> bool:
    return [clean_header(c).lower() for c in first[:3]] == META[:3]


def looks_headerless(first: list[str]) -> bool:
    """An ID, two date-times and an e-mail (or 'anonymous'): a data row in the header's place."""
    return (
        len(first) >= 5
        and first[0].strip().isdigit()
        and bool(_DATETIME.match(first[1].strip()))
        and bool(_DATETIME.match(first[2].strip()))
        and (first[3].strip().lower() == "anonymous" or "@" in first[3])
    )


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    first = sheet.rows[0].cells
    warnings: list[str] = []
    if has_header(first):
        header = [clean_header(c) for c in first]
        rows = sheet.rows[1:]
    else:
        rows = sheet.rows
        if mapping.columns:
            if len(mapping.columns) != len(first):
                raise ContentErrors(
                    [
                        ContentError(
                            sheet.path,
                            1,
                            0,
                            tr(
                                "the mapping names {names} columns; the export has {columns}",
                                names=len(mapping.columns),
                                columns=len(first),
                            ),
                            tr("list one name per column under `columns:`, starting with ID"),
                        )
                    ]
                )
            header = [clean_header(c) for c in mapping.columns]
        else:
            header = ["ID", "Start time", "Completion time", "Email", "Name"] + [
                f"Question {k}" for k in range(1, len(first) - 4)
            ]
            warnings.append(
                tr(
                    "the header row is missing (a CSV re-save of the Forms workbook): questions "
                    "are numbered by position; name them under `columns:` in the mapping file"
                )
            )
    if sheet.encoding in ("cp1252", "utf-8", "utf-8-sig") and _lost_text(rows):
        warnings.append(
            tr(
                "some answers hold '?' where characters were lost in an ANSI re-save; download "
                "the .xlsx from Forms instead of re-saving it as CSV"
            )
        )
    private = {c: h for c, h in enumerate(header) if h.lower() in PRIVATE}
    items: list[ItemSpec] = []
    taken: set[str] = set()
    number = 0
    for col, text in enumerate(header):
        if col in private or text.lower() in SKIPPED:
            continue
        number += 1
        spec = ItemSpec(unique_id(f"Q{number}", taken), text, [col])
        cells = [r.cell(col) for r in rows]
        if any(c.rstrip().endswith(";") for c in cells):
            options = infer_options([c.rstrip().rstrip(";") for c in cells], ";")
            if options:
                spec.shape, spec.options, spec.separator = "joined", options, ";"
        items.append(spec)
    return Layout("msforms", items, rows, len(header), private, warnings=warnings)


def _lost_text(rows: list[Row]) -> bool:
    return any("??" in cell for row in rows for cell in row.cells)
