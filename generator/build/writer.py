"""The atomic writer: stage a whole output tree, then swap it in.

Rules (learned from Zola, MkDocs and Pelican deleting users' folders): milepost never
deletes a file it did not write. Each tree it writes carries a manifest of its files; on
the next build only those are replaced or removed, anything else is left alone.

Over 400 lines because staging, the one-step swap (renameat2), the journal fallback and
recovery after a crash must be read together: each step's safety depends on the others.
The checks on folders found on disk live apart in folders.py.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

from generator.build.folders import (
    inside_without_links,
    is_mount_point,
    keep_folder_metadata,
    mounts_below,
    trusted,
)
from generator.errors import ContentError, ContentErrors
from generator.fs import fsync_dir, write_synced
from generator.i18n import tr
from generator.workspace import Workspace

MANIFEST = ".milepost-manifest.json"


def check_output_dir(workspace: Workspace, output: Path) -> None:
    """Refuse an output folder that is, or contains, the workspace's own files."""
    out = output.resolve()
    root = workspace.root.resolve()
    for protected in (root, workspace.content.resolve(), workspace.templates.resolve()):
        if (
            out == protected
            or protected.is_relative_to(out)
            or out.is_relative_to(protected if protected != root else out / "__never__")
        ):
            raise ContentErrors(
                [
                    ContentError(
                        str(output),
                        0,
                        0,
                        tr(
                            "refusing to write output into {output}: it is or contains {protected}",
                            output=output,
                            protected=protected,
                        ),
                        tr("use an output folder of its own, such as output/"),
                    )
                ]
            )


class StagedTree:
    """Collects the files of one output tree, then publishes them in one step.

    Files go to a staging folder as they are added, so a build of thousands of PDFs does
    not hold them all in memory; a file whose bytes equal what output/ already has from
    the last build is not written again.

    Publishing is crash-safe: a kill -9 at any moment leaves output/ as the complete old
    tree or the complete new one. Where the system can swap two folders in one step
    (Linux renameat2 RENAME_EXCHANGE), the staging folder becomes the whole new tree
    (unchanged files and files milepost did not write are hard-linked into it) and the
    two folders are exchanged. Elsewhere (output/ is a mount point, or the filesystem
    cannot exchange) the planned renames are written to a journal first and a build that
    finds the journal finishes them before doing anything else.

    The writer is not a tool against its user: it refuses an output folder with a mount
    point inside (a rename would carry the mounted files into the old tree, and its removal
    would empty them), it acts only on staging folders and journals of this user that name
    this output, every journal path stays inside its tree without passing a link, and the
    new tree keeps the owner, group and mode of the folders it replaces.
    """

    def __init__(self, output: Path, *, durable: bool = True) -> None:
        self.output = output
        # False for the preview: its tree lives in a temporary folder, and a power cut
        # loses nothing there, so it skips the fsync calls (a third of a small rebuild).
        self.durable = durable
        self.files: dict[str, str] = {}  # relpath -> sha256 of what this build publishes
        self.written: set[str] = set()  # staged files (the rest are already in place)
        self._target = output.resolve() if output.is_symlink() else output
        below = mounts_below(self._target)
        if below:
            raise _mounted_error(output, below)
        self._exchange = not is_mount_point(self._target)
        self.staging = (
            self._target.parent / f".{self._target.name}.staging"
            if self._exchange
            else self._target / STAGING_INSIDE
        )
        recover_output(output)
        self._old = _read_manifest(output)
        self._generation = _read_generation(output) or 0
        self._started = False

    def _start(self) -> None:
        if self._started:
            return
        try:
            self._target.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(self.staging):
                if not trusted(self.staging, self._target):
                    raise _untrusted_error(self.output, self.staging)
                shutil.rmtree(self.staging)  # our own leftover from an interrupted build
            self.staging.mkdir(mode=0o700)
        except OSError as exc:
            raise _write_error(self.output, exc) from None
        self._started = True

    def add(self, relpath: str, data: bytes | str, digest: str | None = None) -> None:
        """Stage a file; `digest` is its SHA-256 when the caller already knows it."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        rel = _clean(relpath)
        digest = digest or hashlib.sha256(data).hexdigest()
        self.files[rel] = digest
        if self._old.get(rel) == digest and _file_digest(self.output / rel) == digest:
            self.written.discard(rel)
            return
        self._start()
        dest = self.staging / rel
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            write_synced(dest, data, sync=self.durable)
        except OSError as exc:
            self.abandon()
            raise _write_error(self.output, exc) from None
        self.written.add(rel)

    def keep(self, relpath: str) -> bool:
        """Keep a file this tree wrote last time (a stage not rebuilt); False if it is gone."""
        rel = _clean(relpath)
        digest = self._old.get(rel)
        if digest is None or not (self.output / rel).is_file():
            return False
        self.files[rel] = digest
        return True

    def previous(self) -> dict[str, str]:
        """relpath -> sha256 of the files the last build published."""
        return dict(self._old)

    def contents(self) -> dict[str, tuple[Path, str]]:
        """relpath -> (where its bytes are now, sha256) for every file of the new tree."""
        return {
            rel: (self.staging / rel if rel in self.written else self.output / rel, digest)
            for rel, digest in self.files.items()
        }

    def foreign(self) -> dict[str, tuple[Path, str | None]]:
        """What the new tree keeps of output/ that this build did not write: files someone
        put there, links, special files (relpath -> (path, None)); folders are not listed."""
        if not self._target.is_dir():
            return {}
        found: dict[str, tuple[Path, str | None]] = {}
        for path in _entries(self._target):
            rel = path.relative_to(self._target).as_posix()
            if rel == MANIFEST or rel in self.files:
                continue
            if path.is_dir() and not path.is_symlink():
                continue
            if rel in self._old and _file_digest(path) == self._old[rel]:
                continue  # ours from last time and not wanted now: it goes
            found[rel] = (path, None)
        return found

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._started = False

    def publish(self) -> None:
        """Make the staged tree output/; files milepost wrote last time and not now go away."""
        self._start()
        manifest = {"files": dict(sorted(self.files.items())), "generation": self._generation + 1}
        try:
            if self._exchange:
                self._carry_over()
            write_synced(
                self.staging / MANIFEST,
                json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"),
                sync=self.durable,
            )
            folders = _folders(self.staging)
            if self._exchange:
                keep_folder_metadata(self.staging, self._target, folders)
            for folder in folders if self.durable else ():
                fsync_dir(folder)
            if not (self._exchange and self._swap_whole_tree()):
                self._swap_by_journal()
        except OSError as exc:
            self.abandon()
            raise _write_error(self.output, exc) from None
        self._old = dict(self.files)
        self._generation += 1
        self.written = set()

    def _carry_over(self) -> None:
        """Hard-link into the staging folder what the new tree keeps from output/."""
        if not self._target.is_dir():
            return
        for path in _entries(self._target):
            rel = path.relative_to(self._target).as_posix()
            if rel == MANIFEST or rel in self.written:
                continue
            if rel in self.files:  # unchanged or kept: the bytes already in output/
                _link(path, self.staging / rel)
            elif rel in self._old and _file_digest(path) == self._old[rel]:
                continue  # ours from last time and not wanted now: it goes with the old tree
            elif path.is_dir() and not path.is_symlink():
                # Folders come along with their files; only an empty one someone made is
                # carried as such, so folders of ours left empty do not linger.
                if not any(path.iterdir()):
                    (self.staging / rel).mkdir(parents=True, exist_ok=True)
            else:  # not ours (or changed by hand since): the new tree keeps it as it is
                _link(path, self.staging / rel)

    def _swap_whole_tree(self) -> bool:
        """Exchange staging and output/ in one step; False where the system cannot."""
        if not self._target.exists():
            os.rename(self.staging, self._target)
            self._sync(self._target.parent)
            self._started = False
            return True
        if not _rename_exchange(self.staging, self._target):
            return False
        self._sync(self._target.parent)
        old_tree = self.staging  # after the exchange it holds the previous output/
        _rescue(old_tree, self._target)
        self.abandon()
        return True

    def _sync(self, folder: Path) -> None:
        if self.durable:
            fsync_dir(folder)

    def _swap_by_journal(self) -> None:
        """Per-file renames, planned in a journal first so an interrupted swap is finished."""
        stale = [
            rel
            for rel in sorted(set(self._old) - set(self.files))
            if _file_digest(self.output / rel) == self._old[rel]
        ]
        journal = {
            "output": os.path.realpath(self._target),
            "rename": sorted(self.written),
            "remove": stale,
        }
        write_synced(
            self.staging / JOURNAL_TMP,
            json.dumps(journal, sort_keys=True).encode("utf-8"),
            private=True,
        )
        os.replace(self.staging / JOURNAL_TMP, self.staging / JOURNAL)
        fsync_dir(self.staging)
        _roll_forward(self.staging, self._target)
        self._started = False


STAGING_INSIDE = ".milepost-staging"
JOURNAL = ".milepost-journal.json"
JOURNAL_TMP = ".milepost-journal.json.tmp"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def recover_output(output: Path) -> None:
    """Finish or clear what an interrupted publish left; output/ itself is always complete.

    Only a staging folder this user made (see folders.trusted) is touched, and only a
    journal that names this very output and paths inside it is followed; anything else is
    refused with a message, so a folder planted by someone else is never acted on.
    """
    target = output.resolve() if output.is_symlink() else output
    for staging in (target.parent / f".{target.name}.staging", target / STAGING_INSIDE):
        if not os.path.lexists(staging):
            continue
        if not trusted(staging, target) or not staging.is_dir():
            raise _untrusted_error(output, staging)
        try:
            if os.path.lexists(staging / JOURNAL):
                _roll_forward(staging, target)
            elif _is_swapped_out(staging, target):
                _rescue(staging, target)
            shutil.rmtree(staging, ignore_errors=True)
        except OSError as exc:
            raise _write_error(output, exc) from None


def _journal_paths(staging: Path, target: Path) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """(source, destination) of each planned rename and each file to remove, checked:
    the journal is this user's, names this output, and no path leaves its tree."""
    journal = staging / JOURNAL
    if not trusted(journal, target):
        raise _untrusted_error(target, journal)
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("output") != os.path.realpath(target):
        raise _journal_error(target, staging, None)
    renames: list[tuple[Path, Path]] = []
    removes: list[Path] = []
    for key in ("rename", "remove"):
        entries = data.get(key, [])
        if not isinstance(entries, list):
            raise _journal_error(target, staging, None)
        for rel in entries:
            source = inside_without_links(staging, rel)
            dest = inside_without_links(target, rel)
            if source is None or dest is None:
                raise _journal_error(target, staging, rel)
            if key == "rename":
                renames.append((source, dest))
            else:
                removes.append(dest)
    return renames, removes


def _roll_forward(staging: Path, target: Path) -> None:
    renames, removes = _journal_paths(staging, target)
    for source, dest in renames:
        if source.is_file() and not source.is_symlink():  # not yet moved by the interrupted run
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, dest)
    if (staging / MANIFEST).is_file():
        os.replace(staging / MANIFEST, target / MANIFEST)
    for stale in removes:
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            _remove_empty_parents(stale.parent, target)
    fsync_dir(target)
    shutil.rmtree(staging, ignore_errors=True)


def _rescue(old_tree: Path, target: Path) -> None:
    """Move back any file of an old tree that is not ours and exists nowhere else.

    Files carried over are hard links, so they still exist in the new tree; a file the
    user added to output/ while the build ran has one link only and must not be lost.
    """
    ours = _read_manifest(old_tree)
    for path in _entries(old_tree):
        rel = path.relative_to(old_tree).as_posix()
        if rel in ours or rel in (MANIFEST, JOURNAL, JOURNAL_TMP) or path.is_dir():
            continue
        dest = inside_without_links(target, rel)
        if dest is None:
            continue
        if path.lstat().st_nlink == 1 and not os.path.lexists(dest):
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, dest)


def _rename_exchange(a: Path, b: Path) -> bool:
    libc = _libc()
    func = getattr(libc, "renameat2", None) if libc is not None else None
    if func is None:
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.EBUSY, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _entries(root: Path) -> list[Path]:
    """Everything under root without following symlinks, parents before children."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        for name in sorted(dirs):
            path = base / name
            found.append(path)
            if path.is_symlink():
                dirs.remove(name)
        found.extend(base / name for name in sorted(files))
    return [p for p in found if p.name != STAGING_INSIDE and STAGING_INSIDE not in p.parts]


def _folders(root: Path) -> list[Path]:
    return [root, *(p for p in _entries(root) if p.is_dir() and not p.is_symlink())]


def _link(source: Path, dest: Path) -> None:
    """Hard-link (or copy) a regular file into the new tree; never carry a link into it."""
    if source.is_symlink() or not source.is_file():
        raise OSError(errno.EPERM, tr("not a regular file; output trees hold no links"), source)
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, dest, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, dest, follow_symlinks=False)


def _read_generation(output: Path) -> int | None:
    """The generation of the tree's manifest; None when it has no readable one."""
    try:
        value = json.loads((output / MANIFEST).read_text()).get("generation", 0)
        return value if isinstance(value, int) else 0
    except (OSError, ValueError, AttributeError):
        return None


def _is_swapped_out(staging: Path, target: Path) -> bool:
    """True when staging holds the tree an exchange swapped out: its manifest is whole and
    older than output/'s. A manifest a kill left half-written belongs to a new tree that
    never went live; its files must not be taken for the user's (see _rescue)."""
    old = _read_generation(staging)
    return old is not None and old < (_read_generation(target) or 0)


def _clean(relpath: str) -> str:
    clean = Path(relpath)
    if clean.is_absolute() or ".." in clean.parts:
        raise ValueError(f"output path escapes the tree: {relpath}")
    return clean.as_posix()


def _file_digest(path: Path) -> str | None:
    try:
        if path.is_symlink():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _write_error(output: Path, exc: OSError) -> ContentErrors:
    return ContentErrors(
        [
            ContentError(
                str(output),
                0,
                0,
                tr("could not write the output: {problem}", problem=exc.strerror or exc),
                tr("check free disk space and permissions; the previous output is untouched"),
            )
        ]
    )


def _mounted_error(output: Path, points: list[Path]) -> ContentErrors:
    return ContentErrors(
        [
            ContentError(
                str(point),
                0,
                0,
                tr(
                    "a mount point inside the output folder: milepost never moves or "
                    "empties a mounted folder"
                ),
                tr(
                    "unmount it, or mount it outside {output} and copy the output there "
                    "after the build",
                    output=output,
                ),
            )
            for point in points
        ]
    )


def _untrusted_error(output: Path, found: Path) -> ContentErrors:
    return ContentErrors(
        [
            ContentError(
                str(found),
                0,
                0,
                tr(
                    "not left by your own build of {output}: another user owns it or may "
                    "change it, so milepost does not use it",
                    output=output,
                ),
                tr("check who created it, remove it, then build again"),
            )
        ]
    )


def _journal_error(output: Path, staging: Path, rel: object) -> ContentErrors:
    problem = (
        tr("it does not name this output folder")
        if rel is None
        else tr("it names {path}, outside the output folder or through a link", path=rel)
    )
    return ContentErrors(
        [
            ContentError(
                str(staging / JOURNAL),
                0,
                0,
                tr(
                    "refusing the journal of an interrupted build: {problem}",
                    problem=problem,
                ),
                tr(
                    "{output} is unchanged; remove {staging} and build again",
                    output=output,
                    staging=staging,
                ),
            )
        ]
    )


def _read_manifest(output: Path) -> dict[str, str]:
    try:
        data = json.loads((output / MANIFEST).read_text())
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError):
        return {}


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
