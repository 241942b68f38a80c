"""The demo workspace's websites built once per test session into a temporary folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio
from generator.render.site import site_files
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 26)


def demo_portfolio() -> Portfolio:
    return load_workspace(REPO)


def build_sites(root: Path, target: Path, as_of: dt.date = AS_OF) -> dict[str, bytes]:
    """Render the sites of the workspace at `root` and write them under `target`."""
    files = site_files(Workspace(root), load_workspace(root), as_of)
    for rel, data in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/-like folder with internal/ and portals/<client>/ of the demo workspace."""
    target = tmp_path_factory.mktemp("site")
    build_sites(REPO, target)
    return target


def tree_files(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*") if p.is_file())
