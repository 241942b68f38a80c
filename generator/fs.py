"""Writing files so that a crash never leaves half of one: the one place that does it.

Every package that writes into the workspace (the build, reports, archives, e-mail
outboxes, the import commands, caches) writes through these functions."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path: Path, data: bytes, *, private: bool = False, sync: bool = True) -> None:
    """Write a file and force its bytes to disk before returning (no rename). A symlink in
    its place is refused; `private` files are readable by their owner only. `sync=False`
    (the preview's throwaway tree) leaves the bytes to the page cache."""
    mode = 0o600 if private else 0o666  # the umask applies
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
    with open(fd, "wb") as handle:
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def temp_name(target: Path) -> Path:
    """The temporary file beside `target` that write_file_atomic renames into place."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def write_file_atomic(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write one file so that readers see the old or the new content, never half of it.
    `durable=False` (caches) skips making the rename itself survive a power cut."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(target)
    try:
        write_synced(tmp, data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(target.parent)
