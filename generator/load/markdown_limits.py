"""How much work one Markdown text may ask of the renderer, checked before it runs.

Python-Markdown is super-linear on some inputs (measured on this machine): 4,000 unclosed
`[` in one paragraph take 10 s, 10,000 links in a document 7 s, 50,000 `&amp;` in one
paragraph 31 s, and a list nested 600 levels deep exhausts the recursion limit. A build
renders each text for several pages and reports, so one pasted log could stall it. The
limits below are far above what a person writes, and each costs under a second at worst;
the scan itself is linear. The loader reports a text over a limit at its file:line, and the
renderer shows such a text as plain text instead of running Markdown on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.i18n import tr

MAX_CHARACTERS = 200_000  # about 30,000 words
MAX_DEPTH = 16  # list or quote levels
MAX_INDENT = 4 * MAX_DEPTH  # columns of indentation before a line's text
MAX_BRACKETS = 2_000  # '[' in a text: links, images, reference definitions
MAX_BRACKETS_PER_PARAGRAPH = 250
MAX_MARKUP = 10_000  # characters that may start inline markup: ` * _ < & [
MAX_MARKUP_PER_PARAGRAPH = 2_500
MAX_TABLE_ROWS = 1_000  # lines with a "|": up to a millisecond each
MAX_TAGS = 500  # '<' before a letter, '/', '!' or '?': raw HTML (2,000 take 2.5 s)
_MARKUP = "`*_<&["
# What opens a nested block at the start of a line: `> `, `- `, `* `, `+ `, `1. `, `1) `;
# "- - - a" or "> > a" nests as deep as indentation does.
_OPENERS = re.compile(r"^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+")
_OPENER = re.compile(r">|[-*+]|\d{1,9}[.)]")
_TAG = re.compile(r"<[A-Za-z/!?]")


@dataclass(frozen=True)
class TooComplex:
    line: int  # 1-based, counted from the start of the scanned text
    message: str


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def markdown_too_complex(text: str) -> TooComplex | None:
    """The first limit `text` exceeds, with the line where it does; None when it is fine."""
    brackets = markup = tags = rows = paragraph = paragraph_markup = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            paragraph = paragraph_markup = 0
            continue
        if _indent(line) > MAX_INDENT:
            return TooComplex(
                number,
                tr("this line is nested more than {n} levels deep", n=MAX_DEPTH),
            )
        openers = _OPENERS.match(line)
        if openers and len(_OPENER.findall(openers.group())) > MAX_DEPTH:
            return TooComplex(
                number,
                tr("this line is nested more than {n} levels deep", n=MAX_DEPTH),
            )
        opened = line.count("[")
        brackets += opened
        paragraph += opened
        marks = sum(line.count(c) for c in _MARKUP)
        markup += marks
        paragraph_markup += marks
        tags += len(_TAG.findall(line))
        rows += "|" in line
        if paragraph > MAX_BRACKETS_PER_PARAGRAPH:
            return TooComplex(
                number,
                tr(
                    "this paragraph has more than {n} '[' (links or brackets)",
                    n=MAX_BRACKETS_PER_PARAGRAPH,
                ),
            )
        if brackets > MAX_BRACKETS:
            return TooComplex(
                number,
                tr("the text has more than {n} '[' (links or brackets)", n=f"{MAX_BRACKETS:,}"),
            )
        if paragraph_markup > MAX_MARKUP_PER_PARAGRAPH:
            return TooComplex(
                number,
                tr(
                    "this paragraph has more than {n} markup characters (` * _ < & [)",
                    n=f"{MAX_MARKUP_PER_PARAGRAPH:,}",
                ),
            )
        if tags > MAX_TAGS:
            return TooComplex(
                number, tr("the text has more than {n} HTML tags ('<' before a letter)", n=MAX_TAGS)
            )
        if rows > MAX_TABLE_ROWS:
            return TooComplex(
                number,
                tr("the text has more than {n} table rows", n=f"{MAX_TABLE_ROWS:,}"),
            )
        if markup > MAX_MARKUP:
            return TooComplex(
                number,
                tr(
                    "the text has more than {n} markup characters (` * _ < & [)",
                    n=f"{MAX_MARKUP:,}",
                ),
            )
    if len(text) > MAX_CHARACTERS:
        return TooComplex(
            text.count("\n", 0, MAX_CHARACTERS) + 1,
            tr(
                "the text is {n} characters long; milepost renders at most {limit} per file",
                n=f"{len(text):,}",
                limit=f"{MAX_CHARACTERS:,}",
            ),
        )
    return None


def limits_hint() -> str:
    return tr(
        "split the text into several files, or put long logs and data in an attachment "
        "instead of the Markdown"
    )
