"""The no-change check: a build that finds everything as the last one left it stops early.

After a build publishes, its stamp (`.milepost/stamp.json`) records one digest over what
shapes the output: the options (as-of date, --only, output folder, message language) and
the file status (type, size, modification and change times, inode) of every file the build
reads (content/, the workspace's templates/, the logo, milepost's own code and theme) and
of everything in output/, what the build published and anything else found there. It also
keeps what the build printed: the warnings of loading, the warnings of the jobs and how many
jobs there were. The next `milepost build` stats the same files; when the digest is the
same it prints what the last build printed, with every job reused, and stops: no loading,
no planning, no audit (the tree is the one the last build audited). Anything different,
`--clean`, or `--strict` with warnings, and the whole build runs, reusing its cache job by
job.

Like make and git, this trusts file times. A file changed in the same clock tick as the
build read it could keep its times and size, so (like git's "racy" check) a build writes no
stamp when a file it read changed in the two seconds before it started.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from generator.fs import write_file_atomic
from generator.workspace import BUILTIN_TEMPLATES, PACKAGE_DIR, Workspace

STAMP = "stamp.json"
FORMAT = 1
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Stamp:
    digest: str
    timezone: str  # of the build; the default --as-of of the next one is today there
    warnings: tuple[str, ...]  # what loading printed on stderr, as printed
    problems: tuple[str, ...]  # the jobs' warnings
    jobs: int  # jobs the build planned (run or reused)
    skipped: int  # jobs of the stage --only left out
    files: tuple[str, ...]  # files outside content/ the build read (the logo), relative


def read(workspace: Workspace) -> Stamp | None:
    """The last build's stamp, or None (no stamp, or one this milepost cannot read)."""
    try:
        data = json.loads((workspace.state / STAMP).read_text(encoding="utf-8"))
        if data.pop("format") != FORMAT:
            return None
        for name in ("warnings", "problems", "files"):
            data[name] = tuple(str(item) for item in data[name])
        return Stamp(**data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def forget(workspace: Workspace) -> None:
    """A build is starting: the old stamp no longer speaks for output/."""
    with contextlib.suppress(OSError):
        (workspace.state / STAMP).unlink(missing_ok=True)


def unchanged(
    workspace: Workspace, last: Stamp, as_of: dt.date, only: str | None, lang: str
) -> bool:
    """True when the files and options are exactly those of the build that wrote `last`."""
    digest, _ = state(workspace, as_of, only, lang, last.files)
    return digest == last.digest


def record(
    workspace: Workspace,
    started_ns: int,
    stamp: Stamp,
    as_of: dt.date,
    only: str | None,
    lang: str,
) -> bool:
    """Write the stamp of a build that has just published (digest taken now); False when a
    file it read changed too close to its start to be trusted later (nothing written)."""
    digest, newest = state(workspace, as_of, only, lang, stamp.files)
    if newest >= started_ns - RACY_NS:
        return False
    data = {"format": FORMAT, **asdict(stamp), "digest": digest}
    try:
        write_file_atomic(
            workspace.state / STAMP,
            json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"),
        )
    except OSError:
        return False  # costs the next build its shortcut, nothing else
    return True


def now_ns() -> int:
    return time.time_ns()


def state(
    workspace: Workspace, as_of: dt.date, only: str | None, lang: str, files: Iterable[str]
) -> tuple[str, int]:
    """The digest of the options and of the status of every file that shapes the output,
    and the newest modification or change time (ns) among the files a build reads."""
    lines = [f"{FORMAT}|{as_of.isoformat()}|{only}|{lang}|{workspace.output}"]
    newest = 0
    inputs = [
        ("content", workspace.content),
        ("templates", workspace.templates),
        ("theme", BUILTIN_TEMPLATES),
        ("milepost", PACKAGE_DIR),
    ]
    for name, root in inputs:
        newest = max(newest, _walk(str(root), name, lines))
    for rel in sorted(set(files)):
        newest = max(newest, _one(str(workspace.root / rel), f"file/{rel}", lines))
    _walk(str(workspace.output), "output", lines)
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest(), newest


def _walk(root: str, name: str, lines: list[str]) -> int:
    """A line per entry below root (sorted, folders not followed through links, __pycache__
    left out) appended to `lines`; returns the newest time seen."""
    newest = 0
    folders = [(root, name)]
    while folders:
        folder, shown = folders.pop()
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            lines.append(f"{shown}|absent")  # absent or unreadable: that too is a state
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            rel = f"{shown}/{entry.name}"
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                lines.append(f"{rel}|missing")
                continue
            newest = max(newest, _line(rel, st, lines))
            if stat.S_ISLNK(st.st_mode):
                newest = max(newest, _one(entry.path, rel + "|target", lines))
            elif stat.S_ISDIR(st.st_mode):
                folders.append((entry.path, rel))
    return newest


def _one(path: str, shown: str, lines: list[str]) -> int:
    try:
        st = os.stat(path)
    except OSError:
        lines.append(f"{shown}|missing")
        return 0
    return _line(shown, st, lines)


def _line(shown: str, st: os.stat_result, lines: list[str]) -> int:
    lines.append(
        f"{shown}|{stat.S_IFMT(st.st_mode)}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}"
        f"|{st.st_ino}"
    )
    return max(st.st_mtime_ns, st.st_ctime_ns)
