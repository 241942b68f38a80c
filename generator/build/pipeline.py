"""The build: plan every output as a job, reuse what the cache holds, render the rest in
parallel, publish through the atomic writer (generator/build/engine.py does the work)."""

from __future__ import annotations

import datetime as dt

from generator.build.engine import run_build
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
) -> str:
    """Build the output tree; return the warnings and the one-line summary for the terminal."""
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
