"""What the atomic writer checks and keeps about folders, so it cannot be turned against
the user: mount points it must not move, staging folders someone else made, journal
paths that lead out of their tree, and the owner, group and mode of the folders a build
replaces.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_WRITE_BITS = stat.S_IWGRP | stat.S_IWOTH


def mount_points() -> list[str] | None:
    """Every mount point of this system (Linux /proc/self/mountinfo); None elsewhere."""
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return None
    points = []
    for line in lines:
        fields = line.split()
        if len(fields) > 4:
            points.append(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4]))
    return points


def is_mount_point(path: Path) -> bool:
    """True for a mount point, bind mounts of the same filesystem included (ismount misses
    those)."""
    if os.path.ismount(path):
        return True
    return os.path.realpath(path) in (mount_points() or [])


def mounts_below(folder: Path) -> list[Path]:
    """The mount points strictly inside folder (bind mounts and other filesystems)."""
    if not folder.is_dir():
        return []
    real = os.path.realpath(folder)
    points = mount_points()
    if points is not None:
        below = {p for p in points if p.startswith(real.rstrip("/") + "/")}
        return sorted(Path(p) for p in below)
    # No mount table: a folder on another device than its parent is a mount point.
    found: list[Path] = []
    for base, dirs, _files in os.walk(folder):
        device = os.lstat(base).st_dev
        for name in list(dirs):
            path = Path(base) / name
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                dirs.remove(name)
            elif info.st_dev != device or os.path.ismount(path):
                found.append(path)
                dirs.remove(name)
    return sorted(found)


def trusted(path: Path, target: Path) -> bool:
    """True when path is a real folder or file of this user that grants nobody a write
    access the output folder itself does not grant: milepost made it, or could have.

    A staging folder or a journal found beside output/ may have been planted by another
    user (a world-writable parent such as /tmp); milepost never acts on one that fails this.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
        return False
    if info.st_uid != os.geteuid():
        return False
    try:
        base = os.lstat(target)
        allowed, group = base.st_mode & _WRITE_BITS, base.st_gid
    except OSError:
        allowed, group = 0, -1
    extra = info.st_mode & _WRITE_BITS & ~allowed
    if extra:
        return False
    return not (info.st_mode & stat.S_IWGRP) or info.st_gid == group


def inside_without_links(root: Path, rel: object) -> Path | None:
    """root/rel when rel is a plain relative path whose every existing part below root is
    a real folder (the last part may be anything but a folder link); None otherwise."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
        return None
    pure = PurePosixPath(rel)
    if pure.is_absolute() or any(part in ("..", ".", "") for part in rel.split("/")):
        return None
    current = root
    for part in pure.parts[:-1]:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return root / pure  # the rest does not exist yet: nothing to follow
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):  # a link or a file on the way
            return None
    return root / pure


@dataclass(frozen=True)
class FolderMeta:
    """Owner, group and permission bits of one folder."""

    uid: int
    gid: int
    mode: int

    @classmethod
    def of(cls, path: Path) -> FolderMeta | None:
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            return None
        return cls(info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode))

    def apply(self, path: Path) -> None:
        """Give path this owner (where allowed), group and mode."""
        try:
            os.chown(path, self.uid, self.gid, follow_symlinks=False)
        except PermissionError:  # not root: keep what we may, the group if we are in it
            with contextlib.suppress(PermissionError):
                os.chown(path, -1, self.gid, follow_symlinks=False)
        os.chmod(path, self.mode)


def default_folder_mode() -> int:
    """The mode a new folder gets from the umask (0o755 under the usual umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def keep_folder_metadata(new_tree: Path, old_tree: Path, folders: list[Path]) -> None:
    """Give each folder of new_tree the owner, group and mode of the folder it replaces in
    old_tree; a folder that is new takes the group and mode of its parent.

    folders: new_tree and the folders below it, parents before children.
    """
    made: dict[Path, FolderMeta] = {}
    for folder in folders:
        meta = FolderMeta.of(old_tree / folder.relative_to(new_tree))
        if meta is None:  # a new folder: like its parent
            parent = made.get(folder.parent)
            if parent is None:  # the whole tree is new: as any new folder is made
                os.chmod(folder, default_folder_mode())
                made[folder] = FolderMeta.of(folder) or FolderMeta(0, 0, 0o755)
                continue
            meta = parent
        meta.apply(folder)
        made[folder] = meta
