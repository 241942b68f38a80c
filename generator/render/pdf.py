"""HTML to PDF with WeasyPrint: tagged, reproducible, with every warning caught.

WeasyPrint is imported inside the functions: `import weasyprint` costs about a second
and `milepost --help` must stay fast. One FontConfiguration serves every render of a
process (fonts are looked up once). Metadata (title, author, description, keywords,
dates, language) comes from the HTML head, so the templates own it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()
_FONT_CONFIG: Any = None
_IMAGE_CACHE: dict[str, Any] = {}


class PdfWarnings(Exception):
    """WeasyPrint logged warnings (missing glyph, unsupported CSS, broken SVG...)."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("; ".join(self.messages))


@dataclass(frozen=True)
class PdfAttachment:
    """A file embedded in the PDF; the fixed dates keep the bytes the same on every build."""

    name: str
    data: bytes
    description: str
    created: dt.datetime
    mime_type: str = "application/octet-stream"
    relationship: str = "Source"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect every message of level WARNING or above from the 'weasyprint' loggers."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def font_config() -> Any:
    """The process-wide FontConfiguration (created on first use)."""
    global _FONT_CONFIG
    with _LOCK:
        if _FONT_CONFIG is None:
            from weasyprint.text.fonts import FontConfiguration

            _FONT_CONFIG = FontConfiguration()
        return _FONT_CONFIG


def html_to_pdf(
    html: str,
    base_url: Path,
    *,
    variant: str | None = None,
    attachments: Sequence[PdfAttachment] = (),
    strict: bool = True,
) -> tuple[bytes, list[str]]:
    """Render `html` (with its own <style>) to PDF bytes, and the warnings WeasyPrint logged.

    With `strict`, any warning raises PdfWarnings instead: tests use it, builds report the
    warnings as problems and keep the PDF.
    """
    import weasyprint
    import weasyprint.urls

    files = [
        weasyprint.Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            created=a.created,
            modified=a.created,
            relationship=a.relationship,
        )
        for a in attachments
    ]
    options: dict[str, Any] = {
        "pdf_variant": variant,
        "pdf_tags": True,
        "attachments": files,
        "cache": _IMAGE_CACHE,
    }
    with weasyprint_warnings() as messages:
        # Files and data: URLs only: a report never makes a network request, whatever its text.
        fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"file", "data"})
        document = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render(
            font_config=font_config(), **options
        )
        pdf = document.write_pdf(**options)
    assert pdf is not None
    if strict and messages:
        raise PdfWarnings(messages)
    return pdf, list(messages)
