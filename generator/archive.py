"""Project archives: a reproducible zip with a MANIFEST of SHA-256 hashes, and its check.

Reproducible means the same files give the same bytes: entries sorted by name, one fixed
timestamp and permission for every entry, no directory entries, no extra fields, and a
fixed compression level (zlib's output for a level is stable across its releases in practice,
not by promise). The MANIFEST is plain UTF-8 text, readable in ten years without milepost:
"<sha256>  <size>  <path>" per line, sorted by path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.fs import write_file_atomic
from generator.i18n import tr
from generator.workspace import Workspace

MANIFEST = "MANIFEST"
EPOCH = dt.date(1980, 1, 1)  # the earliest date a zip can hold
_FILE_MODE = 0o100644 << 16  # regular file, rw-r--r--, in the high bytes of external_attr
# What reading a damaged member raises: a bad CRC, a broken deflate stream, a cut-off file,
# an unknown compression method in a corrupted header.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError)


@dataclass(frozen=True)
class ArchiveProblem:
    path: str
    kind: Literal["damaged", "missing", "extra", "unreadable"]
    detail: str

    def format(self) -> str:
        kinds = {
            "damaged": tr("damaged"),
            "missing": tr("missing"),
            "extra": tr("extra"),
            "unreadable": tr("unreadable"),
        }
        return f"{self.path}: {kinds[self.kind]}: {self.detail}"


def _check_name(name: str) -> None:
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or any(p in ("", ".", "..") for p in parts)
        or any(ord(c) < 32 for c in name)
    ):
        raise ValueError(f"archive path '{name}' must be a plain relative path (a/b.pdf)")
    if name == MANIFEST:
        raise ValueError(f"'{MANIFEST}' is written by the archive itself")


def manifest_text(files: dict[str, bytes]) -> str:
    return "".join(
        f"{hashlib.sha256(data).hexdigest()}  {len(data)}  {name}\n"
        for name, data in sorted(files.items())
    )


def build_archive(files: dict[str, bytes], *, date: dt.date | None = None) -> bytes:
    """The zip of `files` (archive path -> bytes) plus MANIFEST; same input, same bytes.

    `date` stamps every entry (e.g. the project's actual end); default 1980-01-01.
    """
    for name in files:
        _check_name(name)
    stamp = max(date or EPOCH, EPOCH)
    entries = dict(sorted(files.items()))
    entries[MANIFEST] = manifest_text(files).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits below mean the same everywhere
            info.external_attr = _FILE_MODE
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def _parse_manifest(text: str) -> tuple[dict[str, tuple[str, int]], list[ArchiveProblem]]:
    listed: dict[str, tuple[str, int]] = {}
    problems: list[ArchiveProblem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("  ", 2)
        if len(fields) != 3 or len(fields[0]) != 64 or not fields[1].isdigit():
            problems.append(
                ArchiveProblem(
                    MANIFEST,
                    "damaged",
                    tr("line {number} is not '<sha256>  <size>  <path>'", number=number),
                )
            )
            continue
        listed[fields[2]] = (fields[0].lower(), int(fields[1]))
    return listed, problems


def verify_archive(path: Path, data: bytes | None = None) -> list[ArchiveProblem]:
    """Every file checked against MANIFEST: damaged, missing and extra files; [] when intact.
    `data`: the zip's bytes when the caller has them (path then only names it)."""
    try:
        archive = zipfile.ZipFile(path if data is None else io.BytesIO(data))
    except _READ_ERRORS as exc:
        return [
            ArchiveProblem(
                str(path), "unreadable", tr("not a readable zip file ({problem})", problem=exc)
            )
        ]
    problems: list[ArchiveProblem] = []
    with archive:
        names = [info.filename for info in archive.infolist()]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        problems += [
            ArchiveProblem(n, "damaged", tr("appears more than once in the zip"))
            for n in duplicates
        ]
        if MANIFEST not in names:
            return problems + [
                ArchiveProblem(
                    MANIFEST, "missing", tr("the archive has no MANIFEST to check against")
                )
            ]
        try:
            manifest = archive.read(MANIFEST).decode("utf-8")
        except (*_READ_ERRORS, UnicodeDecodeError) as exc:
            detail = tr("cannot be read ({problem})", problem=exc)
            return problems + [ArchiveProblem(MANIFEST, "damaged", detail)]
        listed, manifest_problems = _parse_manifest(manifest)
        problems += manifest_problems
        present = set(names) - {MANIFEST}
        for name in sorted(listed):
            expected_hash, expected_size = listed[name]
            if name not in present:
                problems.append(
                    ArchiveProblem(name, "missing", tr("listed in MANIFEST, not in the zip"))
                )
                continue
            try:
                data = archive.read(name)
            except _READ_ERRORS as exc:
                detail = tr("cannot be read ({problem})", problem=exc)
                problems.append(ArchiveProblem(name, "damaged", detail))
                continue
            actual = hashlib.sha256(data).hexdigest()
            if actual != expected_hash or len(data) != expected_size:
                problems.append(
                    ArchiveProblem(
                        name,
                        "damaged",
                        tr(
                            "SHA-256 {actual}… ({size} bytes), "
                            "MANIFEST says {expected}… ({expected_size} bytes)",
                            actual=actual[:12],
                            size=len(data),
                            expected=expected_hash[:12],
                            expected_size=expected_size,
                        ),
                    )
                )
        problems += [
            ArchiveProblem(name, "extra", tr("in the zip but not listed in MANIFEST"))
            for name in sorted(present - set(listed))
        ]
    return problems


def write_archive(
    destination: Path, files: dict[str, bytes], *, date: dt.date | None = None
) -> str:
    """Write the archive atomically (readers never see half a zip); returns its SHA-256."""

    data = build_archive(files, date=date)
    write_file_atomic(destination, data)
    return hashlib.sha256(data).hexdigest()


def archive_path(workspace: Workspace, project_id: str) -> Path:
    """Where `milepost archive` writes a project's archive."""
    return workspace.output / "archive" / f"{project_id}.zip"
