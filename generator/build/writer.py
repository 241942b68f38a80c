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
    """Collects the files of one output tree, then publishes them in one step."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.files: dict[str, bytes] = {}

    def add(self, relpath: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        clean = Path(relpath)
        if clean.is_absolute() or ".." in clean.parts:
            raise ValueError(f"output path escapes the tree: {relpath}")
        self.files[clean.as_posix()] = data

    def publish(self) -> None:
        """Stage every file next to output/, then move them in; old milepost files go away."""
        self.output.mkdir(parents=True, exist_ok=True)
        staging = self.output.parent / f".{self.output.name}.staging"
        if staging.exists():
            shutil.rmtree(staging)  # our own leftover from an interrupted build
        staging.mkdir()
        try:
            for rel, data in sorted(self.files.items()):
                dest = staging / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
            manifest = {
                "files": {
                    rel: hashlib.sha256(d).hexdigest() for rel, d in sorted(self.files.items())
                }
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
            os.sync()
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise ContentErrors(
                [
                    ContentError(
                        str(self.output),
                        0,
                        0,
                        f"could not write the output: {exc.strerror or exc}",
                        "check free disk space and permissions; the previous output is untouched",
                    )
                ]
            ) from None
        self._swap(staging)

    def _swap(self, staging: Path) -> None:
        old = _read_manifest(self.output)
        # Move new files in first (each rename is atomic), then remove files we wrote last
        # time that are gone now. A crash in between leaves a complete, newer tree.
        for rel in sorted(self.files):
            dest = self.output / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, dest)
        os.replace(staging / MANIFEST, self.output / MANIFEST)
        for rel in sorted(set(old) - set(self.files)):
            stale = self.output / rel
            if stale.is_file() and not stale.is_symlink():
                stale.unlink()
                _remove_empty_parents(stale.parent, self.output)
        shutil.rmtree(staging, ignore_errors=True)


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
