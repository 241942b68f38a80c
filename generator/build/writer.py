"""The atomic writer: stage a whole output tree, then swap it in.

Rules (learned from Zola, MkDocs and Pelican deleting users' folders): milepost never
deletes a file it did not write. Each tree it writes carries a manifest of its files; on
the next build only those are replaced or removed, anything else is left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from generator.errors import ContentError, ContentErrors
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
                        f"refusing to write output into {output}: it is or contains {protected}",
                        "use an output folder of its own, such as output/",
                    )
                ]
            )


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_atomic(target: Path, data: bytes) -> None:
    """Write one file so that readers see the old or the new content, never half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    _fsync_dir(target.parent)


class StagedTree:
    """Collects the files of one output tree, then publishes them in one step.

    Files go to a staging folder as they are added, so a build of thousands of PDFs does
    not hold them all in memory; a file whose bytes equal what output/ already has from
    the last build is not written again.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.files: dict[str, str] = {}  # relpath -> sha256 of what this build publishes
        self.written: set[str] = set()  # staged files (the rest are already in place)
        self.staging = output.parent / f".{output.name}.staging"
        self._old = _read_manifest(output)
        self._started = False

    def _start(self) -> None:
        if self._started:
            return
        self.output.mkdir(parents=True, exist_ok=True)
        if self.staging.exists():
            shutil.rmtree(self.staging)  # our own leftover from an interrupted build
        self.staging.mkdir()
        self._started = True

    def add(self, relpath: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        rel = _clean(relpath)
        digest = hashlib.sha256(data).hexdigest()
        self.files[rel] = digest
        if self._old.get(rel) == digest and _file_digest(self.output / rel) == digest:
            self.written.discard(rel)
            return
        self._start()
        dest = self.staging / rel
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
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

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._started = False

    def publish(self) -> None:
        """Move the staged files in; files milepost wrote last time and not now go away."""
        self._start()
        try:
            manifest = {"files": dict(sorted(self.files.items()))}
            (self.staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
            os.sync()
        except OSError as exc:
            self.abandon()
            raise _write_error(self.output, exc) from None
        self._swap()

    def _swap(self) -> None:
        # Move new files in first (each rename is atomic), then remove files we wrote last
        # time that are gone now. A crash in between leaves a complete, newer tree.
        for rel in sorted(self.written):
            dest = self.output / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / rel, dest)
        os.replace(self.staging / MANIFEST, self.output / MANIFEST)
        for rel in sorted(set(self._old) - set(self.files)):
            stale = self.output / rel
            if stale.is_file() and not stale.is_symlink():
                stale.unlink()
                _remove_empty_parents(stale.parent, self.output)
        self.abandon()
        self._old = dict(self.files)
        self.written = set()


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
                f"could not write the output: {exc.strerror or exc}",
                "check free disk space and permissions; the previous output is untouched",
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
