"""Google Forms responses downloaded from Sheets as CSV: `Timestamp`, then one column per item.

Checkbox answers are joined with ", " (options may contain ", "); grid rows are separate
`Question [Row]` columns.
"""

from __future__ import annotations

import re

from generator.load.surveys.common import clean_header, is_private_header, need_rows, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.multiselect import infer_options
from generator.load.surveys.sheet import Sheet

TIMESTAMP = {"timestamp", "marca temporal", "horodateur", "zeitstempel", "时间戳记", "時間戳記"}
_GRID = re.compile(r"^(.*\S)\s*\[(.+)\]$")


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    header = sheet.rows[0].cells
    rows = need_rows(sheet, 1, "Google Forms")
    items: list[ItemSpec] = []
    private: dict[int, str] = {}
    taken: set[str] = set()
    number = 0
    for col, raw in enumerate(header):
        text = clean_header(raw)
        if text.lower() in TIMESTAMP:
            continue
        if is_private_header(text) or text.lower() in ("email address", "score"):
            private[col] = text
            continue
        number += 1
        grid = _GRID.match(text)
        cells = [r.cell(col) for r in rows]
        options = infer_options(cells)
        spec = ItemSpec(
            id=unique_id(f"Q{number}", taken),
            text=grid.group(2).strip() if grid else text,
            columns=[col],
            group=grid.group(1) if grid else None,
        )
        if options:
            spec.shape, spec.options = "joined", options
        items.append(spec)
    return Layout("google_forms", items, rows, len(header), private)
