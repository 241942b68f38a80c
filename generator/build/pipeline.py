"""The build: plan every output as a job, reuse what the cache holds, render the rest in
parallel, publish through the atomic writer (generator/build/engine.py does the work)."""

from __future__ import annotations

import datetime as dt

from generator.build.engine import run_build
from generator.build.lock import build_lock
from generator.model.portfolio import Portfolio
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
    executor: str | None = None,
    wait: bool = True,
) -> str:
    """Build the output tree; return the warnings and the one-line summary for the terminal.

    One build at a time per workspace: a second one waits for the first (or, with
    wait=False, stops with a message)."""
    with build_lock(workspace, wait=wait):
        report = run_build(
            workspace,
            portfolio,
            as_of,
            only=only,
            jobs=jobs,
            clean=clean,
            quiet=quiet,
            executor=executor,
        )
    return "\n".join([*(f"warning: {p}" for p in report.problems), report.summary()])
