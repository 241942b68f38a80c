"""Read the bytes of one user file: a regular file only, and never more than a bound.

A named pipe (FIFO) blocks a reader forever and `/dev/zero` never ends, so the kind of
file is checked before it is opened, opened without blocking, checked again on the open
descriptor (the path may have been swapped in between), and read up to the bound.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_regular_file(file: Path, path: str, limit: int) -> bytes:
    """The bytes of `file` (shown as `path` in messages); ContentErrors for anything else."""
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            raise ContentErrors([not_regular_file(path)])
        descriptor = os.open(file, _OPEN_FLAGS)
    except OSError as exc:
        raise ContentErrors([_unreadable(path, exc)]) from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ContentErrors([not_regular_file(path)])
            if info.st_size > limit:
                raise ContentErrors([too_big(path, info.st_size, limit)])
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ContentErrors([_unreadable(path, exc)]) from None
    if len(data) > limit:  # it grew while we read it
        raise ContentErrors([too_big(path, len(data), limit)])
    return data


def too_big(path: str, size: int, limit: int) -> ContentError:
    return ContentError(
        path,
        0,
        0,
        tr(
            "the file is {size:.1f} MB; milepost reads files up to {limit:.0f} MB",
            size=size / 1_048_576,
            limit=limit / 1_048_576,
        ),
        tr("is it the right file? split long registers or move attachments elsewhere"),
    )


def not_regular_file(path: str) -> ContentError:
    return ContentError(
        path,
        0,
        0,
        tr("this is not a regular file (a pipe, a device or a folder); milepost reads only files"),
        tr("give the path of a file saved on disk"),
    )


def _unreadable(path: str, exc: OSError) -> ContentError:
    return ContentError(
        path,
        0,
        0,
        tr("cannot read the file: {problem}", problem=exc.strerror or exc),
        tr("check that the file exists and that you may read it"),
    )
