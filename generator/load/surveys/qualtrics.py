"""Qualtrics CSV: three header rows (field names, question texts, ImportId JSON), the 2017
form with Python-style quotes, or the legacy two-row form with `V1..Vn`.

`Finished` and `Progress` mark partial responses; `-99` means seen but not answered;
multi-select choices are one column each (ImportId with `choiceId`, or 1/blank columns).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from generator.i18n import tr
from generator.load.surveys.common import clean_header, need_rows, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.sheet import Row, Sheet

META = {
    "startdate": "",
    "enddate": "",
    "status": "",
    "ipaddress": "IP address",
    "progress": "",
    "duration (in seconds)": "",
    "finished": "",
    "recordeddate": "",
    "responseid": "response ID",
    "responseset": "",
    "recipientlastname": "recipient last name",
    "recipientfirstname": "recipient first name",
    "recipientemail": "recipient e-mail",
    "externalreference": "external reference",
    "externaldatareference": "external reference",
    "locationlatitude": "latitude",
    "locationlongitude": "longitude",
    "locationaccuracy": "location accuracy",
    "distributionchannel": "",
    "userlanguage": "",
    "name": "name",
    "emailaddress": "e-mail",
}


@dataclass
class _Column:
    index: int
    field: str
    text: str
    import_id: str
    choice: str | None


def _import_id(cell: str) -> tuple[str, str | None]:
    cell = cell.strip()
    data: object = None
    try:
        data = json.loads(cell)
    except ValueError:
        try:
            data = ast.literal_eval(cell)
        except (ValueError, SyntaxError):
            data = None
    if isinstance(data, dict) and "ImportId" in data:
        choice = data.get("choiceId")
        return str(data["ImportId"]), str(choice) if choice is not None else None
    return "", None


def is_import_row(cells: list[str]) -> bool:
    return sum(1 for c in cells if "ImportId" in c) >= max(1, len(cells) // 2)


def is_legacy(first: list[str]) -> bool:
    return len(first) > 1 and first[0] == "V1" and first[1] == "V2"


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    first = sheet.rows[0].cells
    three = len(sheet.rows) > 2 and is_import_row(sheet.rows[2].cells)
    header_lines = 3 if three else 2
    rows = need_rows(sheet, header_lines, "Qualtrics")
    fields = first
    texts = sheet.rows[1].cells
    ids = sheet.rows[2] if three else None
    legacy = is_legacy(first)
    columns: list[_Column] = []
    private: dict[int, str] = {}
    finished = progress = None
    for col, name in enumerate(fields):
        text = clean_header(texts[col]) if col < len(texts) else ""
        key = (text if legacy else name).strip().lower()
        if not name.strip() and not text:
            continue  # the legacy form's trailing comma
        if key in META:
            if META[key]:
                private[col] = META[key]
            finished = col if key == "finished" else finished
            progress = col if key == "progress" else progress
            continue
        if name.endswith("_NPS_GROUP"):
            continue  # derived from the NPS answer itself
        import_id, choice = _import_id(ids.cell(col)) if ids else ("", None)
        columns.append(_Column(col, name.strip(), text, import_id or name.strip(), choice))
    items = _items(columns, rows)
    warnings = [tr("legacy Qualtrics export (V1..Vn header)")] if legacy else []
    return Layout(
        "qualtrics",
        items,
        rows,
        len(first),
        private,
        finished=finished,
        progress=progress,
        warnings=warnings,
        header_lines=header_lines,
    )


_QID = re.compile(r"^(QID\d+)")


def _base(import_id: str) -> str:
    """QID3-1 and QID3_TEXT -> QID3; QID42#2_1 (side-by-side) stays whole per row."""
    if "#" in import_id:
        return import_id
    match = _QID.match(import_id)
    return match.group(1) if match else import_id


def _ticks(col: int, rows: list[Row]) -> bool:
    return {r.cell(col).strip() for r in rows} <= {"", "0", "1"}


def _choice_label(column: _Column) -> str:
    head, sep, tail = column.text.rpartition(" - ")
    return tail.strip() if sep and tail.strip() else (column.choice or column.field)


def _items(columns: list[_Column], rows: list[Row]) -> list[ItemSpec]:
    items: list[ItemSpec] = []
    taken: set[str] = set()
    i = 0
    while i < len(columns):
        column = columns[i]
        if column.choice is not None:
            # 2019+ exports: choiceId marks the columns of one multi-select
            run = [c for c in columns[i:] if c.import_id == column.import_id and c.choice]
            group_text = column.text.rpartition(" - ")[0] or column.text
            items.append(
                ItemSpec(
                    unique_id(column.field.rsplit("_", 1)[0] or column.field, taken),
                    group_text,
                    [c.index for c in run],
                    "option_columns",
                    options=[_choice_label(c) for c in run],
                )
            )
            i += len(run)
            continue
        base = _base(column.import_id)
        run = [column]
        for other in columns[i + 1 :]:
            if _base(other.import_id) != base or "TEXT" in other.import_id.upper():
                break
            run.append(other)
        if (
            len(run) >= 2
            and base.startswith("QID")
            and "-" in column.import_id
            and all(_ticks(c.index, rows) for c in run)
            and any(not r.cell(c.index).strip() for c in run for r in rows)
        ):
            # 2017 exports: a multi-select is one column per choice, 1 or blank
            items.append(
                ItemSpec(
                    unique_id(base.replace("QID", "Q"), taken),
                    column.text.rpartition("-")[0] or column.text,
                    [c.index for c in run],
                    "option_columns",
                    options=[c.text.rpartition("-")[2] or c.field for c in run],
                )
            )
            i += len(run)
            continue
        for member in run:
            group = None
            if len(run) > 1:
                group = member.text.rpartition(" - ")[0] or member.text.rpartition("-")[0] or None
            shape = "text" if "TEXT" in member.import_id.upper() else "single"
            items.append(
                ItemSpec(
                    unique_id(member.field or f"C{member.index + 1}", taken),
                    member.text or member.field,
                    [member.index],
                    shape,  # type: ignore[arg-type]
                    group=group,
                )
            )
        i += len(run)
    return items
