"""The build: plan every output as a job, reuse what the cache holds, render the rest in
parallel, publish through the atomic writer (generator/build/engine.py does the work)."""

from __future__ import annotations

import datetime as dt

from generator.analyze.update_gaps import UpdateGap, update_gaps
from generator.build.engine import run_build
from generator.build.lock import build_lock
from generator.i18n import tr
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
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
    problems = list(report.problems)
    if only != "site":
        problems += [gap_message(gap) for gap in update_gaps(portfolio, as_of)]
    return "\n".join([*(f"warning: {p}" for p in problems), report.summary()])


WEEK_GAP = (
    "content/projects/{project}/updates/: the client's weekly report {period} has no client "
    "status update of that week (last: {last}); it carries forward the open decisions and "
    "next steps. Write one with: milepost draft {project} --date {date}"
)
MONTH_GAP = (
    "content/projects/{project}/updates/: the client's monthly report {period} has no client "
    "status update of that month (last: {last}); it carries forward the open decisions and "
    "next steps. Write one with: milepost draft {project} --date {date}"
)


def gap_message(gap: UpdateGap) -> str:
    """The PM's warning: which client report has no update of its period, and the fix."""
    day = gap.period.end
    while day.weekday() > 4 and day > gap.period.start:  # the period's last working day
        day -= dt.timedelta(days=1)
    return tr(
        WEEK_GAP if gap.kind == ReportKind.weekly else MONTH_GAP,
        project=gap.project,
        period=gap.period.key,
        last=gap.last_update.isoformat() if gap.last_update else tr("none"),
        date=day.isoformat(),
    )
