"""Read one cell: skipped markers, scores written with labels, and spreadsheet damage."""

from __future__ import annotations

import re

from generator.i18n import tr

# Answers that mean "no answer": counted in nobody's n.
SKIP_MARKERS = {"", "na", "n/a", "(跳过)", "跳过", "(空)", "-99", "-", "--", "(skipped)", "skipped"}
# Code export: -3 skipped by logic, -2 not shown (wjx); -1/-2 on Qualtrics NA-columns.
CODE_SKIPS = {"-3", "-2"}

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# Excel turns "6-25" into 25-Jun and "1-5" into 5-Jan; the original cannot be known for sure.
_EXCEL_DATE = re.compile(rf"^(\d{{1,2}}-({_MONTHS})|({_MONTHS})-\d{{1,2}})$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
# "4分", "4 分", "5 (Very Well Supported)", "5 - Very satisfied", "10 = extremely likely"
_LABELLED = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(?:分|points?|\(.*\)|[-–=:]\s*[^\d\s].*)$")


def is_skip(raw: str) -> bool:
    return raw.strip().lower() in SKIP_MARKERS


def damage(raw: str) -> str | None:
    """Why a cell is spreadsheet damage, or None."""
    text = raw.strip()
    if text and set(text) == {"#"}:
        return tr("the column was too narrow when the file was saved from Excel (##########)")
    if _EXCEL_DATE.match(text):
        return tr("Excel turned a range (like 6-25) into the date '{text}'", text=text)
    return None


def parse_number(raw: str) -> float | None:
    """The number in a scale answer, or None when the cell is not a number."""
    text = raw.strip()
    if _NUMBER.match(text):
        return float(text)
    match = _LABELLED.match(text)
    if match:
        return float(match.group(1))
    return None


def label_of(raw: str) -> str | None:
    """The label written beside a number ('Very Well Supported' in '5 (Very Well Supported)')."""
    match = re.match(r"^\s*[+-]?\d+(?:\.\d+)?\s*\((.+)\)\s*$", raw)
    return match.group(1).strip() if match else None


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
