"""Run the audit over output trees and report what it found as "file: string (why)"."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.audit.forbidden import Catalog
from generator.audit.needles import NeedleSet
from generator.audit.readers import Contents, text_cache
from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.model.portfolio import Portfolio
from generator.workspace import Workspace


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    text: str
    why: str
    hint: str = field(default="", compare=False)  # how to fix it, when not a leak

    def format(self) -> str:
        return f"{self.file}: {self.text} ({self.why})"


def _kind(path: Path) -> str | None:
    """None for a regular file; else why the entry may not be in an output tree."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return tr("could not be read: {problem}", problem=exc.strerror or exc)
    if stat.S_ISLNK(mode):
        return tr("a symbolic link: output trees hold files, never links")
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return tr("not a regular file (a pipe, socket or device)")


def _search(needles: NeedleSet, contents: Contents) -> list[tuple[str, str]]:
    found = [(n.text, n.why) for n in needles.search(contents.text)] if contents.text else []
    for raw, units in ((contents.raw8, 1), (contents.raw16, 2)):
        if raw:
            found += [(n.text, n.why) for n in needles.search_raw(raw, units)]
    if contents.unreadable:
        found.append((contents.unreadable, tr("part of this file could not be read")))
    return found


def audit_files(
    workspace: Workspace,
    portfolio: Portfolio,
    files: Mapping[str, tuple[Path, str | None]],
    shown_root: str,
    used: set[Path] | None = None,
) -> list[Finding]:
    """Findings among `files` (output relpath -> (where its bytes are, SHA-256 or None)):
    a link or special file anywhere, and any forbidden string in a client tree.

    `used` collects the cache files this audit relied on, so a build can prune the rest."""
    cache = text_cache(workspace)
    # A file found clean against the same needles is clean again: a rebuild re-reads only
    # what changed (a file, or the needles of its client).
    verdicts = workspace.state / "cache" / "audit-clean"
    findings: set[Finding] = set()
    by_client: dict[str, list[str]] = {}
    for rel in sorted(files):
        problem = _kind(files[rel][0])
        if problem is not None:
            target = _link_target(files[rel][0])
            hint = tr("remove it or put a regular file there: deploy tools follow links")
            findings.add(Finding(f"{shown_root}/{rel}", target, problem, hint))
            continue
        parts = rel.split("/")
        if parts[0] == "portals" and len(parts) > 2 and not files[rel][0].is_dir():
            by_client.setdefault(parts[1], []).append(rel)
    catalog = Catalog.of(workspace, portfolio) if by_client else None
    for client, rels in sorted(by_client.items()):
        if client not in portfolio.clients:
            why = tr("a portal for a client not in content/clients")
            findings.add(Finding(f"{shown_root}/portals/{client}", client, why))
            continue
        assert catalog is not None
        needles = catalog.for_client(client)
        for rel in rels:
            path, digest = files[rel]
            try:
                digest = digest or hashlib.sha256(path.read_bytes()).hexdigest()
                clean = verdicts / hashlib.sha256(f"{digest}|{needles.digest}".encode()).hexdigest()
                if used is not None:
                    used.update((clean, cache.file(digest)))
                if clean.exists():
                    continue
                found = _search(needles, cache.contents(path, digest))
            except OSError as exc:
                found = [(str(exc.strerror or exc), tr("could not be read"))]
            for text, why in found:
                findings.add(Finding(f"{shown_root}/{rel}", text, why))
            if not found:
                with contextlib.suppress(OSError):
                    verdicts.mkdir(parents=True, exist_ok=True)
                    clean.touch()
    return sorted(findings)


def _link_target(path: Path) -> str:
    with contextlib.suppress(OSError):
        return "-> " + os.readlink(path)
    return path.name


def tree_entries(root: Path) -> dict[str, Path]:
    """Every file, link and special file under root, links not followed."""
    found: dict[str, Path] = {}
    for folder, dirs, names in os.walk(root):
        base = Path(folder)
        for name in [*dirs, *names]:
            path = base / name
            if name in names or path.is_symlink():
                found[path.relative_to(root).as_posix()] = path
    return found


def audit_output(
    workspace: Workspace, portfolio: Portfolio, output: Path | None = None
) -> list[Finding]:
    """Findings in every tree under output/ (what `milepost audit` checks): links and special
    files anywhere, forbidden strings in the client trees under output/portals/."""
    output = output or workspace.output
    files: dict[str, tuple[Path, str | None]] = {
        rel: (path, None) for rel, path in tree_entries(output).items()
    }
    return audit_files(workspace, portfolio, files, workspace.relative(output))


def raise_on_findings(findings: list[Finding]) -> None:
    """Turn findings into errors: a leak fails the build like a content error."""
    if findings:
        raise ContentErrors(
            [
                ContentError(
                    f.file,
                    0,
                    0,
                    f"{f.text} ({f.why})",
                    f.hint
                    or tr(
                        "this client tree must not contain it: mark the record internal or "
                        "fix the template; do not publish this output"
                    ),
                )
                for f in findings
            ]
        )


def prune_audit_cache(workspace: Workspace, used: set[Path]) -> None:
    """Forget texts and verdicts of files no longer in the output."""
    for folder in ("audit-text", "audit-clean"):
        path = workspace.state / "cache" / folder
        if path.is_dir():
            for item in path.iterdir():
                if item not in used:
                    item.unlink(missing_ok=True)
