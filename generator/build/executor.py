"""Running jobs: a local process pool, or any concurrent.futures.Executor (dask.distributed).

Workers only render: each job comes back as bytes, and the parent alone writes output/
and the cache. A local worker sets up WeasyPrint's FontConfiguration once (initializer)
and is replaced after RECYCLE_AFTER jobs, because WeasyPrint keeps the memory a render
used. On Linux the pool forks from a forkserver that has already imported WeasyPrint, so a
new worker starts in milliseconds instead of paying the second-long import again.
Workers die with the build (generator/build/lifeline.py), even when it is killed alone.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from generator.build.inputs import Inputs
from generator.build.lifeline import die_with_parent, lifeline
from generator.build.plan import Job, materialize, resolve
from generator.errors import ContentError, ContentErrors

CANCEL_POLL_SECONDS = 0.1  # how soon a cancelled build stops waiting for its jobs
RECYCLE_AFTER = 64  # jobs per worker process; measured in benchmarks/RESULTS.md
IN_FLIGHT_PER_WORKER = 3  # jobs submitted ahead per worker: enough to keep it busy
# One job at a time per process: renderers keep per-process state that is not safe to share
# between threads (WeasyPrint's fonts, the Markdown converter). A local worker runs one job
# anyway; a dask worker started with several threads would otherwise lay out a PDF with
# another render's font metrics (measured: different bytes). Give dask workers one thread
# each and more processes (README, "On a cluster").
_ONE_JOB_AT_A_TIME = threading.Lock()


@dataclass(frozen=True)
class Result:
    key: str
    files: dict[str, bytes] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    errors: tuple[ContentError, ...] = ()
    crash: str | None = None  # a worker traceback: a bug, re-raised in the parent
    seconds: float = 0.0
    texts: dict[str, str] = field(default_factory=dict)  # client PDF text by SHA-256


class BuildCancelled(Exception):
    """The build was cancelled (the preview saw a new edit); nothing was published."""


def warm_worker(pdf: bool, parent: Connection | None = None, nice: int = 0) -> None:
    """Initializer of a local worker: exit with the build (its lifeline `parent`), one
    FontConfiguration for all its renders, and the niceness the pool asked for."""
    die_with_parent(parent)
    if nice:
        os.nice(nice)
    if pdf:
        from generator.render.pdf import font_config

        font_config()


def execute(job: Job) -> Result:
    """Run one job where it lands (worker process, dask worker); never raises."""
    with _ONE_JOB_AT_A_TIME:
        return _execute(job)


def _execute(job: Job) -> Result:
    from generator.render.environment import recording
    from generator.render.sources import carrying

    start = time.perf_counter()
    try:
        with recording() as templates, carrying(job.sources):
            output = resolve(job.runner)(job.workspace, job.payload)
    except ContentErrors as exc:
        return Result(job.key, errors=tuple(exc.errors))
    except Exception:
        return Result(job.key, crash=f"{job.label}:\n{traceback.format_exc()}")
    outside = sorted(rel for rel in output.files if not job.owns(rel))
    if outside:
        return Result(job.key, crash=f"{job.label} wrote outside its outputs: {outside[:3]}")
    from generator.audit import client_pdf_texts

    return Result(
        job.key,
        files=output.files,
        templates=dict(templates),
        problems=output.problems,
        seconds=time.perf_counter() - start,
        texts=client_pdf_texts(output.files),
    )


class _RecyclingPool(cf.ProcessPoolExecutor):
    """A process pool that replaces every worker retiring at max_tasks_per_child.

    CPython 3.11 to 3.15b3 (gh-115634) decides whether to replace a retired worker from a
    count of idle workers that can be stale, so the pool can end with no worker and its
    queued jobs wait forever: the preview's warm pool, whose rounds are cancelled by
    edits, hung so with 205 reports to go. Here the pool is simply kept at full strength.
    """

    def _adjust_process_count(self) -> None:
        if len(self._processes) < self._max_workers:  # type: ignore[attr-defined]
            self._spawn_process()  # type: ignore[attr-defined]


class InlineExecutor(cf.Executor):
    """Runs each job in this process as it is submitted."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def workers_for(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


SITE_MODULES = ["generator.build.plan", "generator.render.site"]
PDF_MODULES = ["weasyprint", "generator.render.reports", "generator.render.pdf"]


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork is unsafe with max_tasks_per_child (and with threads); spawn is the portable
    # choice, and macOS must not fork after WeasyPrint's libraries are loaded.
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        # What the forkserver imports when it starts (later calls change nothing): all
        # of it, since one process (the preview, a test run) may build PDFs later.
        ctx.set_forkserver_preload(SITE_MODULES + PDF_MODULES)
        return ctx
    return multiprocessing.get_context("spawn")


def prestart(pdf: bool) -> None:
    """Start the pool's forkserver now, while the build loads and plans, instead of after:
    with WeasyPrint (about a second) for a build with reports, without it for `--only
    site` (a command builds once). Linux only; elsewhere pools spawn."""
    if sys.platform.startswith("linux"):
        from multiprocessing import forkserver

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(SITE_MODULES + (PDF_MODULES if pdf else []))
        forkserver.ensure_running()


@contextmanager
def make_executor(
    spec: str | None, jobs: int, *, pdf: bool, nice: int = 0, inline: bool = False
) -> Iterator[cf.Executor]:
    """The executor named by --executor: None or 'local' for a process pool of `jobs`
    workers (at niceness `nice`; `pdf`: they import WeasyPrint), or this process when
    `inline`; 'dask://HOST:PORT' for a running dask.distributed scheduler."""
    if spec and spec.startswith("dask://"):
        try:
            from distributed import Client
        except ImportError:
            raise ContentErrors(
                [
                    ContentError(
                        "--executor",
                        0,
                        0,
                        "dask.distributed is not installed",
                        "pip install 'milepost[dask]'",
                    )
                ]
            ) from None
        client = Client("tcp://" + spec.removeprefix("dask://"), set_as_default=False)
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    if spec not in (None, "", "local"):
        raise ContentErrors(
            [
                ContentError(
                    "--executor",
                    0,
                    0,
                    f"unknown executor '{spec}'",
                    "use 'local' (the default) or dask://HOST:PORT",
                )
            ]
        )
    if inline:
        here = InlineExecutor()
        try:
            yield here
        finally:
            here.shutdown()
        return
    reader, writer = lifeline()
    pool = _RecyclingPool(
        max_workers=workers_for(jobs),
        mp_context=_pool_context(),
        initializer=warm_worker,
        initargs=(pdf, reader, nice),
        max_tasks_per_child=RECYCLE_AFTER,
    )
    try:
        yield pool
    except BaseException:
        writer.close()  # interrupted or failed: the workers stop now, mid-render
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        writer.close()
        reader.close()


def run_jobs(
    executor: cf.Executor,
    jobs: Sequence[Job],
    *,
    window: int,
    on_done: Callable[[Job, Result], None],
    cancel: threading.Event | None = None,
) -> None:
    """Submit jobs keeping at most `window` in flight; hand each result to on_done as it
    arrives (so the parent holds few PDFs at a time). A crashed job stops the build, and
    so does `cancel` (BuildCancelled) within CANCEL_POLL_SECONDS; jobs not started are
    dropped, a job a worker has begun finishes there and is forgotten."""
    pending: dict[cf.Future[Result], Job] = {}
    inputs = Inputs(jobs[0].workspace) if jobs else None
    queue = iter(jobs)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < window:
                job = next(queue, None)
                if job is None:
                    exhausted = True
                    break
                assert inputs is not None
                pending[executor.submit(execute, materialize(job, inputs))] = job
            if not pending:
                return
            timeout = CANCEL_POLL_SECONDS if cancel is not None else None
            done, _ = cf.wait(pending, timeout=timeout, return_when=cf.FIRST_COMPLETED)
            if cancel is not None and cancel.is_set():
                raise BuildCancelled
            for future in done:
                job = pending.pop(future)
                result = future.result()
                if result.crash:
                    raise RuntimeError(f"build job failed: {result.crash}")
                on_done(job, result)
    finally:
        for future in pending:
            future.cancel()
