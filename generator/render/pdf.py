"""HTML to PDF with WeasyPrint: tagged, reproducible, with every warning caught.

WeasyPrint is imported inside the functions: `import weasyprint` costs about a second
and `milepost --help` must stay fast. One FontConfiguration serves every render of a
process (fonts are looked up once). Metadata (title, author, description, keywords,
dates, language) comes from the HTML head, so the templates own it.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
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


@functools.cache
def _fetcher_class() -> Any:
    """WeasyPrint's fetcher for file: and data: URLs only (a report never makes a network
    request, whatever its text), serving the given files from memory. A file: URL that
    cannot be read stops the render: a FatalURLFetchingError with the path and the OSError."""
    import mimetypes
    import urllib.request

    import weasyprint.urls

    class Unreadable(weasyprint.urls.FatalURLFetchingError):
        def __init__(self, path: Path, error: OSError) -> None:
            super().__init__(str(path))
            self.path = path
            self.error = error

    class Fetcher(weasyprint.urls.URLFetcher):
        def __init__(self, files: Mapping[str, bytes]) -> None:
            super().__init__(allowed_protocols={"file", "data"})
            self.files = files

        def fetch(self, url: str, headers: Any = None) -> Any:
            data = self.files.get(url)
            if data is not None:
                mime = mimetypes.guess_type(url)[0]  # as urllib's file handler says it
                return weasyprint.urls.URLFetcherResponse(
                    url, data, {"Content-Type": mime} if mime else {}
                )
            try:
                return super().fetch(url, headers)
            except OSError as exc:  # urllib's URLError is one
                if not url.startswith("file:"):
                    raise
                reason = getattr(exc, "reason", None)
                path = Path(urllib.request.url2pathname(url.removeprefix("file:")))
                raise Unreadable(path, reason if isinstance(reason, OSError) else exc) from None

    return Fetcher


def html_to_pdf(
    html: str,
    base_url: Path,
    *,
    variant: str | None = None,
    attachments: Sequence[PdfAttachment] = (),
    strict: bool = True,
    files: Mapping[str, bytes] | None = None,
) -> tuple[bytes, list[str]]:
    """Render `html` (with its own <style>) to PDF bytes, and the warnings WeasyPrint logged.

    With `strict`, any warning raises PdfWarnings instead: tests use it, builds report the
    warnings as problems and keep the PDF. `files` are the bytes of file: URLs the HTML
    names (the logo a build job carries). A file: URL that cannot be read raises
    UnreadableFile naming it: a report never goes out without its logo.
    """
    import weasyprint
    import weasyprint.urls

    embedded = [
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
        "attachments": embedded,
        "cache": _IMAGE_CACHE,
    }
    with weasyprint_warnings() as messages:
        fetcher = _fetcher_class()(files or {})
        try:
            document = weasyprint.HTML(
                string=html, base_url=str(base_url), url_fetcher=fetcher
            ).render(font_config=font_config(), **options)
        except weasyprint.urls.FatalURLFetchingError as exc:
            path, error = getattr(exc, "path", None), getattr(exc, "error", None)
            if path is None or error is None:
                raise
            from generator.errors import display_path
            from generator.render.sources import UnreadableFile

            raise UnreadableFile(display_path(path, base_url), error) from None
        pdf = document.write_pdf(**options)
    assert pdf is not None
    if strict and messages:
        raise PdfWarnings(messages)
    return pdf, list(messages)
