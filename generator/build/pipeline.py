"""The build: plan every output as a job, reuse what the cache holds, render the rest in
parallel, publish through the atomic writer (generator/build/engine.py does the work).

A build that finds nothing changed since the last one stops before loading anything
(generator/build/stamp.py); this module imports the heavy parts only when it must build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from generator.build import stamp
from generator.build.lock import build_lock
from generator.workspace import Workspace

if TYPE_CHECKING:
    from generator.analyze.update_gaps import UpdateGap
    from generator.model.portfolio import Portfolio

# Loads and checks the workspace, printing its warnings; returns them as printed.
Loader = Callable[[], "tuple[Portfolio, list[str]]"]


def build_all(
    workspace: Workspace,
    load: Loader,
    as_of: dt.date | None,
    today: Callable[[str], dt.date],
    *,
    only: str | None = None,
    jobs: int = 0,
    clean: bool = False,
    quiet: bool = False,
    executor: str | None = None,
    wait: bool = True,
    strict: bool = False,
    lang: str = "en",
) -> tuple[list[str], str]:
    """Build the output tree. Returns the loading warnings the caller must print (only when
    the build stopped early: otherwise `load` printed them) and, for the terminal, the jobs'
    warnings and the one-line summary. `as_of` None: `today` in the workspace's time zone.

    One build at a time per workspace: a second one waits for the first (or, with
    wait=False, stops with a message)."""
    from generator.build.progress import summary_line

    with build_lock(workspace, wait=wait):
        last = None if clean else stamp.read(workspace)
        if last is not None and not (strict and last.warnings):
            day = as_of or today(last.timezone)
            if stamp.unchanged(workspace, last, day, only, lang):
                summary = summary_line(0, last.jobs, last.skipped)
                return list(last.warnings), _text(last.problems, summary)
        stamp.forget(workspace)
        started = stamp.now_ns()
        if executor in (None, "", "local"):
            from generator.build.executor import prestart, workers_for

            if only != "site" or workers_for(jobs) > 1:  # else the pages render here
                prestart(pdf=only != "site")
        portfolio, warnings = load()
        day = as_of or today(portfolio.site.timezone)
        from generator.build.engine import run_build

        report = run_build(
            workspace,
            portfolio,
            day,
            only=only,
            jobs=jobs,
            clean=clean,
            quiet=quiet,
            executor=executor,
        )
        problems = list(report.problems)
        if only != "site":
            from generator.analyze.update_gaps import update_gaps

            problems += [gap_message(gap) for gap in update_gaps(portfolio, day)]
        logo = portfolio.site.branding.logo
        done = stamp.Stamp(
            digest="",
            timezone=portfolio.site.timezone,
            warnings=tuple(warnings),
            problems=tuple(problems),
            jobs=len(report.ran) + len(report.reused),
            skipped=report.skipped,
            files=(logo,) if logo else (),
        )
        stamp.record(workspace, started, done, day, only, lang)
    return [], _text(problems, report.summary())


def _text(problems: tuple[str, ...] | list[str], summary: str) -> str:
    if not problems:
        return summary
    from generator.i18n import tr  # late: a build that stops early imports little

    return "\n".join([*(tr("warning: {problem}", problem=p) for p in problems), summary])


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
    from generator.i18n import tr
    from generator.model.site import ReportKind

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
