"""SurveyMonkey "All individual responses" CSV: two header rows.

Row 1 holds the question over its first column and blanks over the rest; row 2 holds
`Response`, `Open-Ended Response`, `Other (please specify)`, an option label per column of
a multi-select, or the row labels of a matrix.
"""

from __future__ import annotations

from generator.i18n import tr
from generator.load.surveys.common import clean_header, is_private_header, need_rows, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.sheet import Row, Sheet

SKIPPED = {"start date", "end date"}
CONTACT_LABELS = {"name", "email", "email address", "phone", "phone number", "address", "company"}


def _is_other(label: str) -> bool:
    return label.lower().startswith("other (please specify")


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    top, sub = sheet.rows[0].cells, sheet.rows[1].cells if len(sheet.rows) > 1 else []
    rows = need_rows(sheet, 2, "SurveyMonkey")
    width = len(top)
    sub = sub + [""] * (width - len(sub))
    private: dict[int, str] = {}
    groups: list[tuple[str, list[int]]] = []
    private_group = ""  # a contact question's blank continuation columns are private too
    for col, raw in enumerate(top):
        text = clean_header(raw)
        if text and (is_private_header(text) or text.lower() in SKIPPED):
            if text.lower() not in SKIPPED:
                private[col] = text
                private_group = text
            continue
        if not text and private_group:
            private[col] = f"{private_group}: {clean_header(sub[col])}"
            continue
        private_group = ""
        if text or not groups:
            groups.append((text, [col]))
        else:
            groups[-1][1].append(col)
    items: list[ItemSpec] = []
    taken: set[str] = set()
    warnings: list[str] = []
    for number, (text, cols) in enumerate(groups, start=1):
        labels = {c: clean_header(sub[c]) for c in cols}
        if any(label.lower() in CONTACT_LABELS for label in labels.values()):
            for c in cols:
                private[c] = f"{text}: {labels[c]}"
            warnings.append(tr("'{text}' asks for contact details; it is kept private", text=text))
            continue
        items.extend(_group_items(number, text, cols, labels, rows, taken))
    return Layout("surveymonkey", items, rows, width, private, warnings=warnings, header_lines=2)


def _group_items(
    number: int,
    text: str,
    cols: list[int],
    labels: dict[int, str],
    rows: list[Row],
    taken: set[str],
) -> list[ItemSpec]:
    qid = f"Q{number}"
    other = next((c for c in cols if _is_other(labels[c])), None)
    rest = [c for c in cols if c != other]
    if len(rest) == 1 and labels[rest[0]] in ("Response", "Open-Ended Response", ""):
        shape = "text" if labels[rest[0]] == "Open-Ended Response" else "single"
        return [ItemSpec(unique_id(qid, taken), text, rest, shape, other_column=other)]  # type: ignore[arg-type]

    def ticks_label(c: int) -> bool:
        values = {r.cell(c).strip() for r in rows} - {""}
        return values <= {labels[c]}

    if rest and all(ticks_label(c) for c in rest):
        return [
            ItemSpec(
                unique_id(qid, taken),
                text,
                rest,
                "option_columns",
                options=[labels[c] for c in rest],
                other_column=other,
            )
        ]
    # a matrix (or a question with follow-up fields): one item per row label
    items = []
    for k, c in enumerate(cols, start=1):
        label = labels[c] if labels[c] not in ("Response", "") else text
        items.append(ItemSpec(unique_id(f"{qid}.{k}", taken), label, [c], group=text or None))
    return items
