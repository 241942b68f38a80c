"""Any CSV with one header row and one column per question; the mapping file says what is what.

Columns named like personal data (Email, Name, IP Address…) are kept private; multi-select
cells joined with ", " or ";" are split against the options the mapping lists or the
column shows.
"""

from __future__ import annotations

from generator.load.surveys.common import clean_header, is_private_header, need_rows, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.multiselect import infer_options
from generator.load.surveys.sheet import Sheet

SKIPPED = {"timestamp", "date", "submitted", "submitted at", "start time", "end time", "时间"}


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    header = [clean_header(h) for h in sheet.rows[0].cells]
    rows = need_rows(sheet, 1, "CSV")
    private = {c: h for c, h in enumerate(header) if is_private_header(h)}
    items: list[ItemSpec] = []
    taken: set[str] = set()
    number = 0
    for col, text in enumerate(header):
        if col in private or text.lower() in SKIPPED:
            continue
        number += 1
        spec = ItemSpec(unique_id(f"Q{number}", taken), text or f"Column {col + 1}", [col])
        entry = mapping.for_question(spec.id, spec.text)
        cells = [r.cell(col) for r in rows]
        for separator in (", ", ";"):
            options = (entry.options if entry and entry.options else None) or infer_options(
                cells, separator
            )
            if options and any(separator in c for c in cells):
                spec.shape, spec.options, spec.separator = "joined", list(options), separator
                break
        items.append(spec)
    return Layout("generic", items, rows, len(header), private)
