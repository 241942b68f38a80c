"""A build that finds nothing changed stops early, and says what a full build would say.

generator/build/stamp.py: the build's stamp is a digest of the options and of the status of
every file it read and of output/. These tests run the real command and check what a user
sees: the same lines as a full build when nothing changed, and a full build (with its
renders, its restored files, its audit) after any change.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from benchmarks.portfolio import AS_OF
from generator.build import stamp
from generator.cli import main
from generator.load import workspace as loader
from generator.workspace import BUILTIN_TEMPLATES
from tests.logo_workspace import CLOSED, LOGO, generate_with_logo

UPDATES = "content/projects/project-000/updates"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with a load warning, built once (site only, so no PDFs: fast)."""
    monkeypatch.setattr(stamp, "RACY_NS", 0)  # its files were all written a moment ago
    root = generate_with_logo(tmp_path / "ws")
    first = sorted((root / UPDATES).glob("*.md"))[0]
    shutil.copyfile(first, root / UPDATES / "notes.md")  # an update named after no date
    assert _build(root).exit_code == 0
    return root


def _build(root: Path, *args: str) -> Result:
    options = ["--as-of", AS_OF.isoformat(), "--only", "site", "--quiet", *args]
    return CliRunner().invoke(main, ["--workspace", str(root), "build", *options])


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time a build loads the workspace."""
    seen: list[Path] = []
    real = loader.read_workspace

    def counting(folder: Path, *args: Any, **kwargs: Any) -> Any:
        seen.append(folder)
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(loader, "read_workspace", counting)
    return seen


def test_nothing_changed_prints_what_a_full_build_prints_without_loading(
    root: Path, loads: list[Path]
) -> None:
    quick = _build(root)
    assert quick.exit_code == 0 and loads == []
    assert quick.stdout == "built 0, reused 6 from cache, skipped 12\n"  # site jobs
    assert "notes.md" in quick.stderr and "1 warning" in quick.stderr
    (root / ".milepost" / stamp.STAMP).unlink()
    full = _build(root)
    assert loads == [root]
    assert (full.exit_code, full.stdout, full.stderr) == (0, quick.stdout, quick.stderr)


def _same_size_edit(root: Path) -> None:
    update = sorted((root / UPDATES).glob("2*.md"))[-1]
    text = update.read_text(encoding="utf-8")
    at = text.index("e", text.index("health_reason:") + 16)  # a letter of its reason
    update.write_text(text[:at] + "E" + text[at + 1 :], encoding="utf-8")


def _override_template(root: Path) -> None:
    page = root / "templates" / "site" / "update.html"
    page.parent.mkdir(parents=True)
    page.write_text((BUILTIN_TEMPLATES / "site" / "update.html").read_text() + "<!-- ours -->")


CHANGES: dict[str, Callable[[Path], object]] = {
    "an update edited, same size": _same_size_edit,
    "a workspace template added": _override_template,
    "the logo replaced": lambda root: (root / LOGO).write_bytes((root / LOGO).read_bytes() + b" "),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_changed_input_builds_again(root: Path, loads: list[Path], change: str) -> None:
    CHANGES[change](root)
    result = _build(root)
    assert result.exit_code == 0 and loads == [root]
    assert not result.stdout.startswith("built 0,")


def test_another_date_builds_again(root: Path, loads: list[Path]) -> None:
    result = _build(root, "--as-of", "2026-12-04")
    assert result.exit_code == 0 and loads == [root]


def test_a_published_file_deleted_is_written_again(root: Path, loads: list[Path]) -> None:
    page = root / "output" / "internal" / CLOSED / "retrospective.html"
    before = page.read_bytes()
    page.unlink()
    assert _build(root).exit_code == 0 and loads == [root]
    assert page.read_bytes() == before


def test_a_link_put_into_a_client_tree_is_still_refused(root: Path) -> None:
    """The audit runs again: what the last build audited is not what output/ holds now."""
    link = root / "output" / "portals" / "client-00" / "costs.yaml"
    os.symlink(root / "content" / "people.yaml", link)
    result = _build(root)
    assert result.exit_code == 1
    assert "portals/client-00/costs.yaml" in result.stderr


def test_clean_and_strict_with_warnings_never_take_the_shortcut(
    root: Path, loads: list[Path]
) -> None:
    assert _build(root, "--clean").stdout.startswith("built 6,")
    assert _build(root, "--strict").exit_code == 1  # the warning is an error under --strict
    assert len(loads) == 2


def test_a_file_changed_just_before_the_build_leaves_no_stamp(
    root: Path, monkeypatch: pytest.MonkeyPatch, loads: list[Path]
) -> None:
    monkeypatch.setattr(stamp, "RACY_NS", 2_000_000_000)  # as shipped
    _same_size_edit(root)  # its times may equal those of a later edit on a coarse clock
    assert _build(root).exit_code == 0
    assert not (root / ".milepost" / stamp.STAMP).exists()
    assert _build(root).exit_code == 0 and loads == [root, root]  # built in full again
