"""问卷星 (wjx.cn) exports: `序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP` (order varies),
then `N、question` columns.

按选项文本 (text): multi-select joined with ┋, ranking with →, other-text in 〖…〗, skipped
cells `(跳过)`, scores like `3分`. 按选项序号 (codes): `第N题(option)` 0/1 or rank columns, and
numbers that are option positions, not scores; `-3`/`-2` for skipped or not shown.
"""

from __future__ import annotations

import re

from generator.load.surveys.common import clean_header, need_rows, unique_id
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import SurveyMapping
from generator.load.surveys.sheet import Row, Sheet

META_PRIVATE = {
    "序号": "序号 (response number)",
    "来自ip": "IP",
    "用户id": "user ID",
    "昵称": "nickname",
}
META_SKIPPED = {"提交答卷时间", "所用时间", "来源", "来源详情", "总分", "答题时长"}
_NUMBERED = re.compile(r"^(\d+)[、.．]\s*(.*)$", re.S)
_OPTION_COL = re.compile(r"^第(\d+)题[(（](.*)[)）]$", re.S)
_TYPE_NOTE = re.compile(
    r"\s*[(（](?:单选题|多选题|填空题|矩阵单选题|矩阵多选题|排序题|量表题)[^)）]*[)）]"
)


def is_code_export(header: list[str], rows: list[Row]) -> bool:
    if any(_OPTION_COL.match(clean_header(h)) for h in header):
        return True
    cells = [c.strip() for r in rows for c in r.cells[6:]]
    text_marks = any("分" in c or c == "(跳过)" or "┋" in c or "→" in c for c in cells)
    return not text_marks and any(c in ("-3", "-2") for c in cells)


def _question_text(text: str) -> str:
    return _TYPE_NOTE.sub("", text).strip()


def layout(sheet: Sheet, mapping: SurveyMapping) -> Layout:
    header = [clean_header(h) for h in sheet.rows[0].cells]
    rows = need_rows(sheet, 1, "问卷星 (wjx)")
    private: dict[int, str] = {}
    items: list[ItemSpec] = []
    taken: set[str] = set()
    matrix: tuple[str, str] | None = None  # (id, question) while reading a matrix's rows
    matrix_rows = 0
    col = 0
    while col < len(header):
        text = header[col]
        key = text.lower()
        if key in META_PRIVATE:
            private[col] = META_PRIVATE[key]
            col += 1
            continue
        if key in META_SKIPPED:
            col += 1
            continue
        option = _OPTION_COL.match(text)
        if option:
            number = option.group(1)
            run = [col]
            while run[-1] + 1 < len(header):
                nxt = _OPTION_COL.match(header[run[-1] + 1])
                if not nxt or nxt.group(1) != number:
                    break
                run.append(run[-1] + 1)
            labels = [_OPTION_COL.match(header[c]).group(2) for c in run]  # type: ignore[union-attr]
            values = {r.cell(c).strip() for r in rows for c in run}
            ranked = any(v.isdigit() and int(v) > 1 for v in values)
            items.append(
                ItemSpec(
                    unique_id(f"Q{number}", taken),
                    f"第{number}题",
                    run,
                    "rank_columns" if ranked else "option_columns",
                    options=labels,
                )
            )
            matrix = None
            col = run[-1] + 1
            continue
        numbered = _NUMBERED.match(text)
        cells = [r.cell(col) for r in rows]
        if numbered:
            number, question = numbered.group(1), _question_text(numbered.group(2))
            if "—" in question or "矩阵" in text:
                stem, _, first_row = question.rpartition("—")
                stem = stem or question
                matrix, matrix_rows = (number, stem), 1
                items.append(
                    ItemSpec(
                        unique_id(f"Q{number}.1", taken),
                        first_row or f"{stem} (row 1)",
                        [col],
                        group=stem,
                    )
                )
                col += 1
                continue
            matrix = None
            items.append(_item(unique_id(f"Q{number}", taken), question, col, cells))
        elif matrix is not None:
            matrix_rows += 1
            items.append(
                ItemSpec(
                    unique_id(f"Q{matrix[0]}.{matrix_rows}", taken), text, [col], group=matrix[1]
                )
            )
        else:
            items.append(_item(unique_id(f"C{col + 1}", taken), _question_text(text), col, cells))
        col += 1
    code = is_code_export(sheet.rows[0].cells, rows)
    return Layout("wjx", items, rows, len(header), private, code_export=code)


def _item(qid: str, text: str, col: int, cells: list[str]) -> ItemSpec:
    if any("→" in c for c in cells):
        return ItemSpec(qid, text, [col], "rank_joined", separator="→")
    if any("┋" in c for c in cells) or "多选" in text:
        options: list[str] = []
        for cell in cells:
            for part in re.sub(r"〖.*?〗", "", cell).split("┋"):
                part = part.strip()
                if part and part != "(跳过)" and part not in options:
                    options.append(part)
        return ItemSpec(qid, text, [col], "joined", options=options, separator="┋")
    return ItemSpec(qid, text, [col])
