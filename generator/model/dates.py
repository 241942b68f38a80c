"""The dates milepost plans with, without pydantic: the command line checks --as-of
before anything loads (a build that finds nothing changed loads nothing)."""

from __future__ import annotations

import datetime as dt

# A typo such as 0026 or 9999 would otherwise plan reports for centuries or overflow the
# calendar.
EARLIEST = dt.date(1970, 1, 1)
LATEST = dt.date(2200, 12, 31)


def date_in_range(value: dt.date) -> bool:
    return EARLIEST <= value <= LATEST
