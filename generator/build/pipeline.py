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
    reports = 0
    problems: list[str] = []
    if only in (None, "reports"):
        reports, problems = _add_reports(workspace, portfolio, as_of, tree, jobs)
    _keep_other_stages(tree, only)
    tree.publish()
    where = workspace.relative(workspace.output)
    summary = f"built {pages} pages and {reports} reports as of {as_of.isoformat()} into {where}/"
    return "\n".join([*(f"warning: {p}" for p in problems), summary])


def _add_reports(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date, tree: StagedTree, jobs: int
) -> tuple[int, list[str]]:
    """Every due PDF report; client copies also go into the client's portal."""
    import os

    from generator.render.reports import due_reports, render_reports

    due = due_reports(portfolio, as_of)
    workers = jobs or os.cpu_count() or 1
    files, problems = render_reports(workspace, portfolio, due, workers)
    for rel, pdf in files.items():
        tree.add(rel, pdf)
    return len(due), problems


def _keep_other_stages(tree: StagedTree, only: str | None) -> None:
    """With --only, the files of the stage not rebuilt stay as the last build wrote them."""
    if only is None:
        return
    for rel in tree.previous():
        is_report = rel.endswith(".pdf") and (rel.startswith("reports/") or "/reports/" in rel)
        if rel not in tree.files and is_report != (only == "reports"):
            tree.keep(rel)
