"""Which tool wrote an export, from its header markers (`--tool` overrides)."""

from __future__ import annotations

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.surveys import msforms, qualtrics
from generator.load.surveys.common import clean_header
from generator.load.surveys.sheet import Sheet

RULES = """\
- qualtrics: a row of `{"ImportId": …}` cells under two header rows, or the legacy V1, V2 … row
  with ResponseID below it, or StartDate/EndDate/ResponseId field names
- surveymonkey: the first header cells are `Respondent ID, Collector ID`
- typeform: the first header cell is `#` and a `Network ID` or `Submit Date (UTC)` column exists
- wjx: `序号` and `提交答卷时间` in the header
- msforms: `ID, Start time, Completion time` first, or (header lost) a first row holding an
  ID, two date-times and an e-mail or `anonymous`
- google_forms: the first header cell is `Timestamp` (or its translation)
- generic: anything else, when a mapping file says `tool: generic`
"""


def detect_tool(sheet: Sheet) -> str:
    if not sheet.rows:
        raise ContentErrors([ContentError(sheet.path, 1, 0, tr("the export is empty"))])
    first = [clean_header(c) for c in sheet.rows[0].cells]
    lowered = [c.lower() for c in first]
    second = sheet.rows[1].cells if len(sheet.rows) > 1 else []
    third = sheet.rows[2].cells if len(sheet.rows) > 2 else []
    if third and qualtrics.is_import_row(third):
        return "qualtrics"
    if qualtrics.is_legacy(first) and any(c.strip().lower() == "responseid" for c in second):
        return "qualtrics"
    if lowered[:2] == ["respondent id", "collector id"]:
        return "surveymonkey"
    if first and first[0] == "#" and ("network id" in lowered or "submit date (utc)" in lowered):
        return "typeform"
    if "序号" in first and "提交答卷时间" in first:
        return "wjx"
    if msforms.has_header(first) or msforms.looks_headerless(sheet.rows[0].cells):
        return "msforms"
    from generator.load.surveys.google_forms import TIMESTAMP

    if lowered and lowered[0] in TIMESTAMP:
        return "google_forms"
    if {"startdate", "enddate", "responseid"} <= set(lowered):
        return "qualtrics"
    raise ContentErrors(
        [
            ContentError(
                sheet.path,
                1,
                1,
                tr("cannot tell which survey tool wrote this file from its header"),
                tr(
                    "pass --tool (google_forms, surveymonkey, msforms, typeform, qualtrics, wjx, "
                    "generic) or write `tool:` in the mapping file"
                ),
            )
        ]
    )
