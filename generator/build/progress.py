"""Build progress: a bar with counts and ETA on a terminal, a few plain lines in CI.

Plain lines appear at every tenth of the work (and at least every 30 seconds), so a CI
log of a 3,000-report build stays short. `quiet` prints nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from generator.i18n import tr

BAR_WIDTH = 28
REDRAW_SECONDS = 0.1
PLAIN_EVERY_SECONDS = 30.0


def interactive(stream: TextIO) -> bool:
    """A terminal that is not CI (CI runners sometimes fake a TTY)."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class Progress:
    def __init__(
        self,
        total: int,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        tty: bool | None = None,
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = interactive(self.stream) if tty is None else tty
        self.count = 0
        self.label = ""
        self.start = time.perf_counter()
        self._last_draw = 0.0
        self._next_tenth = 1
        self._last_line = self.start

    def eta(self, now: float) -> float | None:
        if self.count == 0:
            return None
        return (now - self.start) / self.count * (self.total - self.count)

    def advance(self, label: str = "") -> None:
        self.count += 1
        self.label = label  # the job just done
        if self.quiet or self.total == 0:
            return
        now = time.perf_counter()
        if self.tty:
            if now - self._last_draw >= REDRAW_SECONDS or self.count == self.total:
                self._draw(now, label)
                self._last_draw = now
            return
        tenth = self.count * 10 // self.total
        if tenth >= self._next_tenth or now - self._last_line >= PLAIN_EVERY_SECONDS:
            self._next_tenth = tenth + 1
            self._last_line = now
            self.stream.write(self._status(now) + "\n")
            self.stream.flush()

    def _status(self, now: float) -> str:
        eta = self.eta(now)
        status = tr(
            "{count}/{total} jobs, {elapsed}",
            count=self.count,
            total=self.total,
            elapsed=_duration(now - self.start),
        )
        if eta is not None and self.count < self.total:
            status += tr(", about {eta} left", eta=_duration(eta))
        return status

    def _draw(self, now: float, label: str) -> None:
        filled = BAR_WIDTH * self.count // max(self.total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        eta = self.eta(now)
        tail = f" ETA {_duration(eta)}" if eta is not None and self.count < self.total else ""
        text = f"[{bar}] {self.count}/{self.total}{tail} {label}"
        width = 100
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()

    def close(self) -> None:
        if not self.quiet and self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()


def summary_line(built: int, reused: int, skipped: int) -> str:
    return tr(
        "built {built}, reused {reused} from cache, skipped {skipped}",
        built=built,
        reused=reused,
        skipped=skipped,
    )
