"""One build at a time per workspace: an advisory lock on `.milepost/build.lock`.

Two builds writing one output/ at once would interleave their trees. The lock is an
flock(2) on a file in the workspace's state folder: the system releases it when its
holder exits or dies (kill -9 included), so a crashed build never leaves it stuck. Where
flock does not exist (Windows) builds are not serialised.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.workspace import Workspace

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "build.lock"


@contextmanager
def build_lock(workspace: Workspace, *, wait: bool, stream: TextIO | None = None) -> Iterator[None]:
    """Hold the workspace's build lock; if another build holds it, wait (saying so) or,
    with wait=False, stop with a message."""
    if fcntl is None:
        yield
        return
    path = workspace.state / LOCK_FILE
    try:
        workspace.state.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise ContentErrors(
            [
                ContentError(
                    str(path),
                    0,
                    0,
                    tr("cannot open the build lock: {problem}", problem=exc.strerror or exc),
                    tr("milepost keeps its own files in .milepost/; check its permissions"),
                )
            ]
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise ContentErrors(
                    [
                        ContentError(
                            str(path),
                            0,
                            0,
                            tr("another build of this workspace is running"),
                            tr("wait until it has finished, or leave out --no-wait to wait"),
                        )
                    ]
                ) from None
            print(
                tr("another build of this workspace is running, waiting for it to finish…"),
                file=stream or sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
