"""Small helpers the importers share: header cleaning, ids, private columns."""

from __future__ import annotations

import html
import re

from generator.errors import ContentError, ContentErrors
from generator.i18n import ngettext_message, tr
from generator.load.surveys.identity import identifies_respondent
from generator.load.surveys.sheet import Row, Sheet

_TAG = re.compile(r"<[^>]+>")


def clean_header(text: str) -> str:
    """Question text without HTML tags, entities or doubled spaces."""
    text = html.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def is_private_header(text: str) -> bool:
    return identifies_respondent(clean_header(text))


def need_rows(sheet: Sheet, header_lines: int, tool: str) -> list[Row]:
    if len(sheet.rows) < header_lines:
        raise ContentErrors(
            [
                ContentError(
                    sheet.path,
                    1,
                    0,
                    ngettext_message(
                        "a {tool} export has {n} header row; this file has {rows}",
                        "a {tool} export has {n} header rows; this file has {rows}",
                        header_lines,
                        tool=tool,
                        rows=len(sheet.rows),
                    ),
                    tr("is it the right file, or was it cut off?"),
                )
            ]
        )
    return sheet.rows[header_lines:]


def unique_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}.{n}", n + 1
    taken.add(candidate)
    return candidate
