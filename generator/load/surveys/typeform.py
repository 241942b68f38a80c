"""Typeform CSV: `#` (response token) first, `Start Date (UTC)`, `Submit Date (UTC)`,
`Network ID` last. Headers keep HTML; each multi-select option is its own column named by
the bare label, holding the label when ticked.
"""

from __future__ import annotations

from generator.i18n import tr
from generator.load.surveys.common import clean_header, need_rows, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.sheet import Row, Sheet

PRIVATE = {"#", "network id"}
SKIPPED = {"start date (utc)", "submit date (utc)", "tags", "ending", "response type"}


def _ticks_own_label(col: int, label: str, rows: list[Row]) -> bool:
    return {r.cell(col).strip() for r in rows} - {""} <= {label}


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    header = [clean_header(h) for h in sheet.rows[0].cells]
    rows = need_rows(sheet, 1, "Typeform")
    private = {c: h for c, h in enumerate(header) if h.lower() in PRIVATE}
    columns = [c for c, h in enumerate(header) if h.lower() not in PRIVATE | SKIPPED]
    # runs of option columns: two or more neighbours that only ever hold their own label
    runs: list[list[int]] = []
    for col in columns:
        if _ticks_own_label(col, header[col], rows):
            labels = [header[c] for c in runs[-1]] if runs else []
            if runs and runs[-1][-1] == col - 1 and header[col] not in labels:
                runs[-1].append(col)
                continue
            runs.append([col])
    multi = {run[0]: run for run in runs if len(run) >= 2}
    in_run = {c for run in multi.values() for c in run}
    items: list[ItemSpec] = []
    taken: set[str] = set()
    warnings: list[str] = []
    number = 0
    for col in columns:
        if col in in_run and col not in multi:
            continue
        number += 1
        qid = unique_id(f"Q{number}", taken)
        if col in multi:
            run = multi[col]
            labels = [header[c] for c in run]
            text = "Multi-select: " + " / ".join(labels[:3]) + (" / …" if len(labels) > 3 else "")
            items.append(ItemSpec(qid, text, run, "option_columns", options=labels))
            warnings.append(
                tr(
                    "{id}: Typeform does not export the text of multi-select questions; "
                    "it is named after its options",
                    id=qid,
                )
            )
        else:
            items.append(ItemSpec(qid, header[col], [col]))
    submitted = next((c for c, h in enumerate(header) if h.lower() == "submit date (utc)"), None)
    result = Layout("typeform", items, rows, len(header), private, warnings=warnings)
    if submitted is not None:
        result.submitted = submitted
    return result
