"""One build: plan, reuse what the cache holds, run the rest, write through the atomic writer.

The parent process plans, reads and writes; the executor's workers only render.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from generator.build.cache import Cache, Entry
from generator.build.executor import (
    IN_FLIGHT_PER_WORKER,
    Result,
    make_executor,
    run_jobs,
    workers_for,
)
from generator.build.plan import REPORTS, SITE, STAGES, Job, Templates, plan
from generator.build.progress import Progress, summary_line
from generator.build.writer import StagedTree, check_output_dir
from generator.errors import ContentError, ContentErrors
from generator.model.portfolio import Portfolio
from generator.workspace import Workspace

DASK_WINDOW = 64


@dataclass
class BuildReport:
    """What a build did, job by job; tests and the benchmark read it."""

    ran: list[Job] = field(default_factory=list)
    reused: list[Job] = field(default_factory=list)
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    files: int = 0

    def summary(self) -> str:
        return summary_line(len(self.ran), len(self.reused), self.skipped)


def cache_of(workspace: Workspace) -> Cache:
    return Cache(workspace.state / "cache")


def _other_stage(tree: StagedTree, portfolio: Portfolio, as_of: dt.date, only: str) -> int:
    """Keep what the stage not rebuilt wrote last time; return how many jobs that skips."""
    from generator.analyze.report_schedule import due_reports

    report_paths = {p for r in due_reports(portfolio, as_of) for p in r.paths}
    if only == SITE:
        for rel in report_paths:
            tree.keep(rel)
        return len({r.label for r in due_reports(portfolio, as_of)})
    site_roots = ["internal/"] + [f"portals/{c}/" for c in portfolio.clients]
    for rel in tree.previous():
        if rel not in report_paths and any(rel.startswith(root) for root in site_roots):
            tree.keep(rel)
    return 1 + len(portfolio.clients)


# Pages take milliseconds each: a few site jobs render here, sooner than workers start;
# a whole site (a cold build, --only site --clean) is worth two processes. Measured in
# benchmarks/RESULTS.md.
SITE_JOBS_FOR_A_POOL = 8


def _batches(spec: str | None, stale: list[Job]) -> list[tuple[list[Job], bool]]:
    """The jobs in the order they run, each batch with whether it runs in this process.
    With local workers, reports to render and a few pages (an edit), the pages render
    here first, while the pool's forkserver (started as the build began) is still
    importing WeasyPrint. Many pages go to the workers, which are recycled: this process
    keeps its memory for the plan."""
    site = [job for job in stale if job.stage != REPORTS]
    reports = [job for job in stale if job.stage == REPORTS]
    if spec in (None, "", "local") and reports and 0 < len(site) < SITE_JOBS_FOR_A_POOL:
        return [(site, True), (reports, False)]
    return [(stale, False)] if stale else []


@contextmanager
def _executor(
    spec: str | None, jobs: int, batch: Sequence[Job], pool: cf.Executor | None, here: bool
) -> Iterator[cf.Executor]:
    """This process for `here`, the given warm pool for PDF work, else an executor made
    for this batch."""
    pdf = any(job.stage == REPORTS for job in batch)
    if pool is not None and pdf:
        yield pool
        return
    inline = here or (not pdf and (len(batch) < SITE_JOBS_FOR_A_POOL or workers_for(jobs) == 1))
    with make_executor(spec, jobs, pdf=pdf, inline=inline) as made:
        yield made


def run_build(
    workspace: Workspace,
    portfolio: Portfolio,
    as_of: dt.date,
    *,
    only: str | None = None,
    jobs: int = 0,
    clean: bool = False,
    quiet: bool = False,
    executor: str | None = None,
    stream: TextIO | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_plan: Callable[[Sequence[Job]], None] | None = None,
    pool: cf.Executor | None = None,
    cancel: threading.Event | None = None,
    durable: bool = True,
) -> BuildReport:
    """One build. The preview passes `pool`, a running process pool for report jobs that
    it keeps warm between builds, and `cancel`, set when an edit makes this build moot;
    `on_plan` hears which jobs are about to run; `durable=False` (its throwaway tree)
    publishes without forcing the files to disk."""
    check_output_dir(workspace, workspace.output)
    stages = (only,) if only else STAGES
    planned = plan(workspace, portfolio, as_of, stages)
    cache = cache_of(workspace)
    templates = Templates(workspace)
    tree = StagedTree(workspace.output, durable=durable)
    report = BuildReport()
    stale: list[Job] = []
    for job in planned:
        entry = None if clean else cache.get(job.key)
        if (
            entry is not None
            and templates.unchanged(entry.templates)
            and all(job.owns(rel) for rel in entry.files)
        ):
            for rel, data in entry.files.items():
                tree.add(rel, data, entry.digests.get(rel))
            report.files += len(entry.files)
            report.problems += entry.problems
            report.reused.append(job)
        else:
            stale.append(job)
    if only:
        report.skipped = _other_stage(tree, portfolio, as_of, only)

    from generator.audit import text_cache

    texts = text_cache(workspace)
    errors: list[ContentError] = []
    progress = Progress(len(stale), quiet=quiet, stream=stream or sys.stderr)
    if on_plan:
        on_plan(stale)

    def done(job: Job, result: Result) -> None:
        progress.advance(job.label)
        if on_progress:
            on_progress(progress)
        if result.errors:
            errors.extend(result.errors)
            return
        cache.put(job.key, Entry(result.files, result.templates, result.problems))
        for digest, text in result.texts.items():
            texts.put(digest, text)
        for rel, data in result.files.items():
            tree.add(rel, data)
        report.files += len(result.files)
        report.problems += result.problems
        report.ran.append(job)

    window = (
        DASK_WINDOW
        if executor and executor.startswith("dask://")
        else workers_for(jobs) * IN_FLIGHT_PER_WORKER
    )
    try:
        for batch, here in _batches(executor, stale):
            with _executor(executor, jobs, batch, pool, here) as running:
                run_jobs(running, batch, window=window, on_done=done, cancel=cancel)
    except BaseException:
        tree.abandon()
        raise
    finally:
        progress.close()
    if errors:
        tree.abandon()
        raise ContentErrors(errors)
    # The privacy audit reads the new tree before it is published: a leak never reaches
    # output/, and the build fails with the file and the string.
    from generator.audit import audit_files, prune_audit_cache, raise_on_findings

    audit_cache: set[Path] = set()
    # what the new tree keeps of output/ that milepost did not write is checked too: a link
    # or a file someone put into a client tree is published with it
    tree_files = {**tree.foreign(), **tree.contents()}
    findings = audit_files(
        workspace, portfolio, tree_files, workspace.relative(workspace.output), audit_cache
    )
    if findings:
        tree.abandon()
        raise_on_findings(findings)
    tree.publish()
    if only is None:
        cache.prune(job.key for job in planned)
        prune_audit_cache(workspace, audit_cache)
    return report
