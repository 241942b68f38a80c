"""Turn an importer's layout and the mapping file into a Survey value.

Just over 400 lines: each question kind's reading and its mapping checks share the
error positions of the mapping file, so they stay together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import ContentError, ContentErrors
from generator.i18n import ngettext_message, tr
from generator.load.surveys.identity import identifies_respondent
from generator.load.surveys.kinds import Inferred, infer
from generator.load.surveys.layout import ItemSpec, Layout
from generator.load.surveys.mapping import KIND_OF, QuestionMapping, SurveyMapping
from generator.load.surveys.multiselect import infer_options, split_known
from generator.load.surveys.sheet import Row, Sheet
from generator.load.surveys.values import CODE_SKIPS, EMAIL, damage, is_skip, parse_number
from generator.load.yaml_source import SourceMap
from generator.model.survey import (
    Answer,
    DamagedCell,
    Question,
    QuestionKind,
    RespondentData,
    Response,
    Survey,
)

_BRACKETED = re.compile(r"〖(.*?)〗")  # wjx: text typed into an "other" option
_ASKS_CONTACT = re.compile(r"e-?mail|邮箱|邮件|phone|电话|手机", re.IGNORECASE)
SCORED = {QuestionKind.nps, QuestionKind.csat, QuestionKind.ces, QuestionKind.likert}
NUMERIC = SCORED | {QuestionKind.rating, QuestionKind.number}


def code_warning() -> str:
    return tr(
        "this is a wjx 按选项序号 (code) export: the numbers are option positions, not scores "
        "(an answer of 3分 on a 0-10 item reads 4 here); nothing is scored from it unless the "
        "mapping file gives each code its score in `labels:`. Prefer the 按选项文本 (text) export."
    )


@dataclass
class _Context:
    sheet: Sheet
    layout: Layout
    mapping: SurveyMapping
    source: SourceMap | None
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    damaged: list[DamagedCell] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # mapping entries that matched


def build_survey(
    sheet: Sheet, layout: Layout, mapping: SurveyMapping | None, source: SourceMap | None
) -> Survey:
    ctx = _Context(sheet, layout, mapping or SurveyMapping(), source)
    rows = _checked_rows(ctx)
    if layout.code_export:
        ctx.warnings.append(code_warning())
    questions: list[Question] = []
    answers: dict[int, dict[str, Answer]] = {row.line: {} for row in rows}
    private = RespondentData(
        fields={
            row.line: {
                name: row.cells[col] for col, name in layout.private.items() if row.cells[col]
            }
            for row in rows
        }
    )
    for spec in layout.items:
        entry = _entry_for(ctx, spec)
        if entry is not None and entry.kind == "ignore":
            continue
        identity = identifies_respondent(spec.text)
        emails = not identity and _holds_emails(spec, rows)
        if (entry is not None and entry.kind == "private") or identity or emails:
            for row in rows:
                kept = " | ".join(row.cells[c] for c in spec.columns if row.cells[c])
                if kept:
                    private.fields.setdefault(row.line, {})[spec.text] = kept
            if entry is None or entry.kind not in (None, "private"):
                ctx.warnings.append(_private_warning(spec, identity))
            continue
        question, per_row = _read_item(ctx, spec, entry, rows)
        questions.append(question)
        for line, answer in per_row.items():
            answers[line][question.id] = answer
    _unused_entries(ctx)
    if ctx.errors:
        raise ContentErrors(ctx.errors)
    responses = tuple(
        Response(line=row.line, complete=_complete(layout, row.cells), answers=answers[row.line])
        for row in rows
    )
    if ctx.damaged:
        lines = sorted({d.line for d in ctx.damaged})
        shown = ", ".join(str(n) for n in lines[:8]) + (" …" if len(lines) > 8 else "")
        ctx.warnings.append(
            ngettext_message(
                "{n} cell damaged by a spreadsheet re-save (lines {lines}); "
                "it is not counted. Export the survey again from the tool.",
                "{n} cells damaged by a spreadsheet re-save (lines {lines}); "
                "they are not counted. Export the survey again from the tool.",
                len(ctx.damaged),
                lines=shown,
            )
        )
    return Survey(
        source=sheet.path,
        tool=layout.tool,
        encoding=sheet.encoding,
        questions=tuple(questions),
        responses=responses,
        damaged=tuple(ctx.damaged),
        warnings=tuple(layout.warnings + ctx.warnings),
        wave=ctx.mapping.wave,
        date=ctx.mapping.date,
        invited=ctx.mapping.invited,
        private=private,
    )


def _private_warning(spec: ItemSpec, identity: bool) -> str:
    if identity:
        return tr(
            "{id} ('{text}') identifies the respondent; it is kept private and never shown",
            id=spec.id,
            text=spec.text[:60],
        )
    return tr("{id} holds e-mail addresses; it is kept private and never shown", id=spec.id)


def _checked_rows(ctx: _Context) -> list[Row]:
    width = ctx.layout.width
    rows = []
    for row in ctx.layout.rows:
        cells = row.cells
        if len(cells) < width:
            ctx.errors.append(
                ContentError(
                    ctx.sheet.path,
                    row.line,
                    0,
                    _width_message(len(cells), width),
                    tr("a cell may hold an unquoted line break, or the file was cut; export again"),
                )
            )
            continue
        if any(c.strip() for c in cells[width:]):
            ctx.errors.append(
                ContentError(
                    ctx.sheet.path,
                    row.line,
                    width + 1,
                    _width_message(len(cells), width),
                    tr("a cell may hold an unquoted comma; export the file again"),
                )
            )
            continue
        rows.append(type(row)(row.line, cells[:width]))
    if ctx.errors:
        raise ContentErrors(ctx.errors)
    return rows


def _width_message(cells: int, width: int) -> str:
    return ngettext_message(
        "this row has {n} column, the header has {width}",
        "this row has {n} columns, the header has {width}",
        cells,
        width=width,
    )


def _entry_for(ctx: _Context, spec: ItemSpec) -> QuestionMapping | None:
    entry = ctx.mapping.for_question(spec.id, spec.text)
    if entry is None:
        return None
    index = ctx.mapping.questions.index(entry)
    ctx.used.add(index)
    if entry.text and entry.text.strip().lower() not in spec.text.strip().lower():
        ctx.errors.append(
            _mapping_error(
                ctx,
                ("questions", index, "text"),
                tr(
                    "{id} in the export reads '{found}', not '{expected}'",
                    id=spec.id,
                    found=spec.text[:80],
                    expected=entry.text[:80],
                ),
                tr(
                    "the export's columns changed since this mapping was written; "
                    "run `milepost survey inspect` and update the ids"
                ),
            )
        )
    return entry


def _unused_entries(ctx: _Context) -> None:
    known = ", ".join(s.id for s in ctx.layout.items[:12])
    for index, entry in enumerate(ctx.mapping.questions):
        if index not in ctx.used:
            message = (
                tr("no question of the export has id '{id}'", id=entry.id)
                if entry.id
                else tr("no question of the export has match '{match}'", match=entry.match)
            )
            ctx.errors.append(
                _mapping_error(
                    ctx,
                    ("questions", index),
                    message,
                    tr(
                        "question ids here: {ids} …; `milepost survey inspect` lists them all",
                        ids=known,
                    ),
                )
            )


def _mapping_error(
    ctx: _Context, loc: tuple[str | int, ...], message: str, hint: str
) -> ContentError:
    if ctx.source is None:
        return ContentError("mapping", 0, 0, message, hint)
    return ctx.source.error(loc, message, hint)


def _holds_emails(spec: ItemSpec, rows: list[Row]) -> bool:
    values = [row.cells[c].strip() for row in rows for c in spec.columns]
    values = [v for v in values if v and not is_skip(v)]
    with_email = sum(1 for v in values if EMAIL.fullmatch(v))
    asks = bool(_ASKS_CONTACT.search(spec.text))
    return with_email > 0 and (asks or with_email * 2 >= len(values))


def _complete(layout: Layout, cells: list[str]) -> bool:
    if layout.finished is not None:
        value = cells[layout.finished].strip().lower()
        if value in ("0", "false", "no"):
            return False
    if layout.submitted is not None and not cells[layout.submitted].strip():
        return False
    if layout.progress is not None:
        number = parse_number(cells[layout.progress])
        if number is not None and number < 100:
            return False
    return True


def _read_item(
    ctx: _Context,
    spec: ItemSpec,
    entry: QuestionMapping | None,
    rows: list[Row],
) -> tuple[Question, dict[int, Answer]]:
    if spec.shape in ("option_columns", "rank_columns", "joined", "rank_joined"):
        return _read_choices(ctx, spec, entry, rows)
    col = spec.columns[0]
    cells = [row.cells[col] for row in rows]
    code = ctx.layout.code_export
    cells_for_kind = [c for c in cells if c.strip() not in CODE_SKIPS] if code else cells
    guess = (
        Inferred(QuestionKind.text)
        if spec.shape == "text"
        else infer(spec.text, cells_for_kind, spec.group is not None)
    )
    if code and guess.kind in NUMERIC:
        # option positions are not scores: keep them as choices
        guess = Inferred(QuestionKind.single_choice, options=sorted({c for c in cells_for_kind}))
    kind = guess.kind
    scale, labels = guess.scale, dict(guess.labels)
    if entry is not None:
        if entry.kind:
            kind = KIND_OF[entry.kind]
        if entry.labels:
            labels = {k.strip().lower(): v for k, v in entry.labels.items()}
        if entry.scale:
            scale = entry.scale
        elif kind == QuestionKind.nps:
            scale = (0, 10)
        elif kind == QuestionKind.csat:
            scale = (1, 5)
        elif kind in NUMERIC and scale is None and labels:
            scale = (int(min(labels.values())), int(max(labels.values())))
    question = Question(
        id=spec.id,
        text=spec.text,
        kind=kind,
        group=spec.group,
        options=tuple(guess.options),
        scale=scale,
        labels=labels,
        column=col + 1,
    )
    per_row: dict[int, Answer] = {}
    off_scale: list[str] = []
    for row in rows:
        raw = row.cells[col]
        per_row[row.line] = _answer(ctx, question, raw, row.line, col, off_scale)
    if off_scale:
        sample = ", ".join(f"'{v}'" for v in sorted(set(off_scale))[:5])
        ctx.warnings.append(
            ngettext_message(
                "{id}: {n} answer not on the {kind} scale ({sample}) is not counted; "
                "give its number in the mapping's `labels:`",
                "{id}: {n} answers not on the {kind} scale ({sample}) are not counted; "
                "give their numbers in the mapping's `labels:`",
                len(off_scale),
                id=spec.id,
                kind=kind.value,
                sample=sample,
            )
        )
    return question, per_row


def _answer(
    ctx: _Context, question: Question, raw: str, line: int, col: int, off_scale: list[str]
) -> Answer:
    why = damage(raw)
    if why:
        ctx.damaged.append(
            DamagedCell(line=line, column=col + 1, question=question.id, value=raw, reason=why)
        )
        return Answer(raw=raw, skipped=True)
    code_skip = ctx.layout.code_export and raw.strip() in CODE_SKIPS
    if is_skip(raw) or code_skip:
        return Answer(raw=raw, skipped=True)
    if question.kind in NUMERIC:
        number = question.labels.get(raw.strip().lower())
        if number is None and not ctx.layout.code_export:
            number = parse_number(raw)
        low_high = question.scale
        if number is None or (low_high and not low_high[0] <= number <= low_high[1]):
            off_scale.append(raw.strip())
            return Answer(raw=raw, skipped=True)
        return Answer(raw=raw, number=number)
    if question.kind == QuestionKind.single_choice:
        typed = "; ".join(_BRACKETED.findall(raw)) or None
        return Answer(raw=raw, choices=(_BRACKETED.sub("", raw).strip(),), other=typed)
    return Answer(raw=raw)


def _read_choices(
    ctx: _Context,
    spec: ItemSpec,
    entry: QuestionMapping | None,
    rows: list[Row],
) -> tuple[Question, dict[int, Answer]]:
    options = list(entry.options) if entry and entry.options else list(spec.options)
    ranked = spec.shape in ("rank_columns", "rank_joined")
    if spec.shape == "joined" and not options:
        options = infer_options([row.cells[spec.columns[0]] for row in rows], spec.separator) or []
    per_row: dict[int, Answer] = {}
    for row in rows:
        other = row.cells[spec.other_column].strip() if spec.other_column is not None else ""
        if spec.shape in ("joined", "rank_joined"):
            raw = row.cells[spec.columns[0]]
            if is_skip(raw):
                per_row[row.line] = Answer(raw=raw, skipped=True)
                continue
            if spec.shape == "rank_joined":
                choices = [c.strip() for c in raw.split(spec.separator) if c.strip()]
                per_row[row.line] = Answer(raw=raw, choices=tuple(choices))
                continue
            bracketed = _BRACKETED.findall(raw)
            chosen, typed = split_known(_BRACKETED.sub("", raw), options, spec.separator)
            typed_parts = [t for t in (*bracketed, typed, other) if t and not is_skip(t)]
            per_row[row.line] = Answer(
                raw=raw, choices=tuple(chosen), other="; ".join(typed_parts) or None
            )
            continue
        cells = [row.cells[c].strip() for c in spec.columns]
        if all(c == "" or c in CODE_SKIPS or c == "-99" for c in cells) and not other:
            per_row[row.line] = Answer(skipped=True)
            continue
        if ranked:
            ranks = [(parse_number(c), o) for c, o in zip(cells, spec.options, strict=True)]
            chosen = [
                o
                for n, o in sorted((r for r in ranks if r[0] and r[0] > 0), key=lambda r: r[0] or 0)
            ]
        else:
            chosen = [o for c, o in zip(cells, spec.options, strict=True) if c not in ("", "0")]
        per_row[row.line] = Answer(
            raw=" | ".join(cells),
            choices=tuple(chosen),
            other=other if not is_skip(other) else None,
        )
    question = Question(
        id=spec.id,
        text=spec.text,
        kind=QuestionKind.ranking if ranked else QuestionKind.multi_choice,
        group=spec.group,
        options=tuple(options),
        column=spec.columns[0] + 1,
    )
    return question, per_row
