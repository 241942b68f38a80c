"""Header safety: a value with a line break could start a new header (Bcc: ...), so refuse it.

Python's email package rejects CR and LF in most places, but not every line separator and not
in every Python release (CVE-2024-6923), so every value bound for a header is checked here,
with the field named in the error.
"""

from __future__ import annotations

import re

# Everything str.splitlines() treats as a line break, plus NUL and other C0 controls but TAB.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


class HeaderInjectionError(ValueError):
    """A header value holds a line break or control character."""

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        shown = value if len(value) <= 60 else value[:57] + "..."
        super().__init__(
            f"{field} contains a line break or control character ({shown!r}); "
            "remove it: it could add headers to the email"
        )


def safe(field: str, value: str) -> str:
    """Return value unchanged if it can go into a header, else raise HeaderInjectionError."""
    if _FORBIDDEN.search(value):
        raise HeaderInjectionError(field, value)
    return value
