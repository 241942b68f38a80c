"""The build cache: job key -> the files the job produced, kept in .milepost/cache/.

One file per job, written atomically (temp file, fsync, rename), so a build killed
half-way leaves either a whole entry or none. Every entry carries its key, the size and
SHA-256 of each file and of the templates the job loaded; an entry that does not check
out (truncated, edited, another version's format) is treated as missing, never used.

The format is a header line of JSON followed by the file bytes: no pickle, because the
cache sits in a folder someone could copy between machines.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.fs import write_file_atomic

MAGIC = b"milepost-cache 1\n"
SUFFIX = ".entry"


@dataclass(frozen=True)
class Entry:
    """What one job produced: files by output relpath, the templates it read, its warnings."""

    files: dict[str, bytes]
    templates: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    digests: dict[str, str] = field(default_factory=dict, compare=False)  # SHA-256 by relpath


def encode(key: str, entry: Entry) -> bytes:
    blobs: list[bytes] = []
    index: dict[str, int] = {}  # a report written to two paths is stored once
    listing = []
    for rel, data in sorted(entry.files.items()):
        digest = hashlib.sha256(data).hexdigest()
        if digest not in index:
            index[digest] = len(blobs)
            blobs.append(data)
        listing.append([rel, index[digest], digest])
    header = {
        "key": key,
        "files": listing,
        "blobs": [len(b) for b in blobs],
        "templates": entry.templates,
        "problems": list(entry.problems),
    }
    line = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return MAGIC + line + b"\n" + b"".join(blobs)


def decode(key: str, raw: bytes) -> Entry | None:
    """The entry, or None when anything about it is off."""
    if not raw.startswith(MAGIC):
        return None
    end = raw.find(b"\n", len(MAGIC))
    if end < 0:
        return None
    try:
        header = json.loads(raw[len(MAGIC) : end])
        if header["key"] != key:
            return None
        sizes = [int(n) for n in header["blobs"]]
        body = memoryview(raw)[end + 1 :]
        if sum(sizes) != len(body):
            return None
        blobs, offset = [], 0
        for size in sizes:
            blobs.append(bytes(body[offset : offset + size]))
            offset += size
        actual = [hashlib.sha256(blob).hexdigest() for blob in blobs]  # each blob once
        files, digests = {}, {}
        for rel, index, digest in header["files"]:
            if actual[index] != digest:
                return None
            files[str(rel)] = blobs[index]
            digests[str(rel)] = digest
        templates = {str(k): str(v) for k, v in header["templates"].items()}
        problems = tuple(str(p) for p in header["problems"])
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return Entry(files, templates, problems, digests)


class Cache:
    """Entries under `folder`, one file per key, two-character fan-out like git objects."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + SUFFIX)

    def get(self, key: str) -> Entry | None:
        try:
            raw = self.path(key).read_bytes()
        except OSError:
            return None
        return decode(key, raw)

    def put(self, key: str, entry: Entry) -> None:
        # A cache that cannot be written costs speed, not correctness.
        with contextlib.suppress(OSError):
            write_file_atomic(self.path(key), encode(key, entry), durable=False)

    def keys(self) -> set[str]:
        if not self.folder.is_dir():
            return set()
        return {p.name[: -len(SUFFIX)] for p in self.folder.glob(f"??/*{SUFFIX}")}

    def prune(self, keep: Iterable[str]) -> int:
        """Remove entries (and our own stray temp files) not in `keep`; return how many."""
        wanted = set(keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for sub in self.folder.glob("??"):
            for item in sub.iterdir():
                name = item.name
                ours_tmp = name.startswith(".") and f"{SUFFIX}.tmp-" in name
                stale = name.endswith(SUFFIX) and name[: -len(SUFFIX)] not in wanted
                if item.is_file() and (ours_tmp or stale):
                    item.unlink(missing_ok=True)
                    removed += 1
        return removed
