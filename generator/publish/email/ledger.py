"""The send ledger: one JSON line per message the SMTP server accepted.

It lives in the workspace's state folder (.milepost/send-ledger.jsonl), outside output/,
so a clean build never removes it. Each line is written with one write() on an O_APPEND
descriptor and fsynced before the next message goes out: a crash loses no accepted message
and can at worst leave the message in flight unrecorded (sent again on the next run).
A lock stops two `send` runs from working on the same ledger at the same time.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

from generator.fs import fsync_dir

LEDGER_NAME = "send-ledger.jsonl"


class LedgerBusyError(RuntimeError):
    """Another `send` holds the ledger."""


@dataclass(frozen=True)
class LedgerEntry:
    message_id: str
    recipient: str
    project: str
    kind: str
    period: str | None
    pdf_sha256: str
    sent_at: str  # UTC, ISO 8601: when the server accepted the message

    def key(self) -> tuple[str, str, str, str, str]:
        return _key(self.project, self.kind, self.period, self.recipient, self.pdf_sha256)


def _key(
    project: str, kind: str, period: str | None, recipient: str, pdf_sha256: str
) -> tuple[str, str, str, str, str]:
    return (project, kind, period or "", recipient.lower(), pdf_sha256)


@dataclass(frozen=True)
class LedgerProblem:
    line: int
    text: str


def read_ledger(path: Path) -> tuple[list[LedgerEntry], list[LedgerProblem]]:
    """Every complete entry, and the lines that are not (a torn last line, a hand edit)."""
    entries: list[LedgerEntry] = []
    problems: list[LedgerProblem] = []
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return entries, problems
    lines = data.split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        complete = number < len(lines)  # the last chunk has no newline after it
        try:
            record = json.loads(raw.decode("utf-8"))
            entry = LedgerEntry(**record) if complete and isinstance(record, dict) else None
        except (ValueError, TypeError):
            entry = None
        if entry is None:
            problems.append(LedgerProblem(number, raw.decode("utf-8", "replace")[:200]))
        else:
            entries.append(entry)
    return entries, problems


class Ledger:
    """Open with `with Ledger(path) as ledger:`; holds an exclusive lock until closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._keys: set[tuple[str, str, str, str, str]] = set()
        self.problems: list[LedgerProblem] = []

    def __enter__(self) -> Ledger:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LedgerBusyError(
                f"{self.path} is locked: another `milepost send` is running"
            ) from None
        self._fd = fd
        if created:
            fsync_dir(self.path.parent)
        entries, self.problems = read_ledger(self.path)
        self._keys = {entry.key() for entry in entries}
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            # A torn last line from a crash: end it, so the next entry starts on its own line.
            os.write(fd, b"\n")
            os.fsync(fd)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # also releases the lock
            self._fd = None

    def has(
        self, project: str, kind: str, period: str | None, recipient: str, pdf_sha256: str
    ) -> bool:
        return _key(project, kind, period, recipient, pdf_sha256) in self._keys

    def record(self, entry: LedgerEntry) -> None:
        """Append one line and force it to disk before returning."""
        if self._fd is None:
            raise RuntimeError("the ledger is not open")
        line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n"
        data = line.encode("utf-8")
        written = os.write(self._fd, data)  # one write: a kill cannot split the line
        while written < len(data):  # short writes happen only on a nearly full disk
            written += os.write(self._fd, data[written:])
        os.fsync(self._fd)
        self._keys.add(entry.key())


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
