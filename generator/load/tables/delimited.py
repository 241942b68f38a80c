"""Split the text of a CSV export into rows, each tagged with the line it starts on.

The delimiter (comma, semicolon as German Excel writes, or tab) is sniffed from the first
lines; quoting is always Excel's (`"`, doubled inside a field), because the sniffer's
quote guess is wrong for real exports. A file cut off mid-row (an unterminated quote, or
a last row shorter than the others) is an error at the line where the damage starts,
never a silently shorter table.
"""

from __future__ import annotations

import csv
import io

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr

DELIMITERS = (",", ";", "\t")
# csv.Sniffer's quote guess is quadratic in the sample: 4 KB keeps it under a second.
_SNIFF_CHARS = 4096
_SNIFF_LINES = 10


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first lines, by csv.Sniffer; else the one that splits most."""
    lines = text[:_SNIFF_CHARS].splitlines(keepends=True)
    sample = "".join(lines[:_SNIFF_LINES]) if len(lines) > 1 else text[:_SNIFF_CHARS]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in DELIMITERS and _first_record_width(sample, delimiter) > 1:
        return delimiter
    return max(DELIMITERS, key=lambda d: (_first_record_width(sample, d), d == ","))


def _first_record_width(sample: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), []))
    except csv.Error:
        return 0


def parse_delimited(text: str, path: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of every row that holds a value; ContentErrors for a damaged file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        hint = tr("the file looks cut off or a quote is not closed; export it again")
        message = tr("this row cannot be read ({problem})", problem=exc)
        raise ContentErrors([ContentError(path, start, 0, message, hint)]) from None
    if len(rows) > 1 and not text.endswith(("\n", "\r")):
        line, last = rows[-1]
        width = max(len(cells) for _line, cells in rows[:-1])
        if len(last) < width:
            raise ContentErrors(
                [
                    ContentError(
                        path,
                        line,
                        0,
                        tr(
                            "the last row has {cells} of {width} columns: the file is cut off here",
                            cells=len(last),
                            width=width,
                        ),
                        tr("export it again; the download was incomplete"),
                    )
                ]
            )
    return rows
