"""The dashboard's archive list: every closed project and the state of its archive.

Computed from the model, not from a directory listing: each closed project is a row, and
its archive is looked for where `milepost archive` writes it (output/archive/<id>.zip).
So a closed project that was never archived shows as such (with the command to run), and
a stray zip of no closed project is not listed as if it were one.

Per archive: the SHA-256 of the zip, the date its entries carry (`milepost archive` stamps
them with the project's actual end, which keeps the zip reproducible; the file's mtime
would change the dashboard on every copy), its size and file count, and whether every file
still matches the MANIFEST (`verify_archive`, the same check as `milepost archive --verify`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.units import format_unit

from generator import i18n
from generator.render import sources
from generator.workspace import Workspace

EPOCH = dt.date(1980, 1, 1)  # a zip's earliest date: no date was given


@dataclass(frozen=True)
class ArchiveRow:
    project_id: str
    title: str
    client: str
    closed: dt.date | None  # the project's actual end
    path: str  # relative to output/, e.g. "archive/lichthof-website.zip"
    archived: bool
    date: dt.date | None  # the date the archive's entries carry
    sha256: str | None
    size: str | None  # "1.2 MB", localized
    files: int | None  # files listed in the MANIFEST's zip, MANIFEST itself left out
    problems: tuple[str, ...]  # from verify_archive; () when intact


def archive_file(workspace: Workspace, project_id: str) -> Path:
    from generator.archive import archive_path

    return archive_path(workspace, project_id)


def archive_rows(
    workspace: Workspace,
    projects: Iterable[tuple[str, str, str, dt.date | None]],
    locale: str,
) -> list[ArchiveRow]:
    """One row per closed project, given as (id, title, client name, actual end)."""
    rows = [_row(workspace, *project, locale=locale) for project in projects]
    rows.sort(key=lambda r: (-(r.closed or dt.date.min).toordinal(), r.title))
    return rows


def _row(
    workspace: Workspace,
    project_id: str,
    title: str,
    client: str,
    closed: dt.date | None,
    *,
    locale: str,
) -> ArchiveRow:
    from generator.archive import MANIFEST, verify_archive

    path = archive_file(workspace, project_id)
    rel = path.relative_to(workspace.output).as_posix()
    data = sources.optional_file(workspace, path)
    if data is None:
        return ArchiveRow(project_id, title, client, closed, rel, False, None, None, None, None, ())
    problems = tuple(p.format() for p in verify_archive(path, data))
    date = None
    count = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            count = sum(1 for i in infos if i.filename != MANIFEST)
            stamps = {dt.date(*i.date_time[:3]) for i in infos}
            date = min(stamps) if stamps else None
    except (zipfile.BadZipFile, OSError, ValueError):
        pass  # verify_archive already says why
    return ArchiveRow(
        project_id=project_id,
        title=title,
        client=client,
        closed=closed,
        path=rel,
        archived=True,
        date=None if date is None or date <= EPOCH else date,
        sha256=hashlib.sha256(data).hexdigest(),
        size=_size(len(data), locale),
        files=count,
        problems=problems,
    )


def _size(size: int, locale: str) -> str:
    babel = i18n.babel_locale(locale)
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", "short", locale=babel)
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=babel)
