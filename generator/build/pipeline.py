"""The build: load once, render every output into one staged tree, then publish it."""

from __future__ import annotations

import datetime as dt

from generator.build.writer import StagedTree, check_output_dir
from generator.model.portfolio import Portfolio
from generator.render.site import site_files
from generator.workspace import Workspace


def build_all(
    workspace: Workspace,
    portfolio: Portfolio,
    as_of: dt.date,
    *,
    only: str | None = None,
    jobs: int = 0,
    clean: bool = False,
    quiet: bool = False,
) -> str:
    """Build the output tree; return the one-line summary for the terminal."""
    check_output_dir(workspace, workspace.output)
    tree = StagedTree(workspace.output)
    pages = 0
    if only in (None, "site"):
        for rel, data in site_files(workspace, portfolio, as_of).items():
            tree.add(rel, data)
            pages += rel.endswith(".html")
    tree.publish()
    where = workspace.relative(workspace.output)
    return f"built {pages} pages as of {as_of.isoformat()} into {where}/"
