"""What the preview server shows, shared by the builder thread and the server's threads."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.publish.preview_pages import error_page, pending_note, report_waiting_page


@dataclass
class PreviewState:
    """What the server shows: the build folder, a version, the last error if any, and the
    reports still being rendered. Pages are rendered by the builder, in the message
    language (handler threads do not see it), and only sent by the handler."""

    folder: Path
    version: int = 0
    errors: list[str] = field(default_factory=list)
    page: str = ""  # the error page
    ready: bool = False  # pages of a build are published
    start: str = ""  # the start page at /
    waiting: str = ""  # shown until the first pages are ready
    report_waiting: str = ""  # shown for a report still being rendered
    pending: list[str] = field(default_factory=list)  # reports still coming
    note: str = ""  # the note naming them, on every page
    lock: threading.Lock = field(default_factory=threading.Lock)
    misdirected: str = "milepost serve answers only 127.0.0.1 and localhost"
    port: int = 0  # the port served, the only one a request's Host header may name

    def pages_ready(self, start: str, pending: Sequence[str]) -> None:
        note, report_waiting = pending_note(pending), report_waiting_page()
        with self.lock:
            self.errors = []
            self.ready = True
            self.start = start
            self.pending, self.note, self.report_waiting = list(pending), note, report_waiting
            self.version += 1

    def reports_left(self, pending: Sequence[str]) -> None:
        note = pending_note(pending)
        with self.lock:
            self.pending, self.note = list(pending), note

    def reports_ready(self) -> None:
        with self.lock:
            self.pending, self.note = [], ""
            self.version += 1

    def failed(self, errors: list[str]) -> None:
        page = error_page(errors)
        with self.lock:
            self.errors = errors
            self.page = page
            self.pending, self.note = [], ""
            self.version += 1
