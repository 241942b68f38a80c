"""The preview's builds: pages first, reports in the background, a render pool kept warm.

One thread builds, so the preview's tree is written by one build at a time. Each round
loads the workspace, builds the pages (published at once: the browser shows them while
the reports render) and then the reports, in a process pool that stays up while the
preview runs so an edit does not pay the workers' start again. An edit cancels the round
in progress (nothing half-built is published; what was rendered stays in the cache) and
starts a new one with the pages first.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextvars
import datetime as dt
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import ContentErrors
from generator.i18n import ngettext_message, tr
from generator.workspace import Workspace

if TYPE_CHECKING:
    from generator.build.plan import Job
    from generator.build.progress import Progress
    from generator.publish.preview_state import PreviewState


PDF_WORKER_NICENESS = 19


class PreviewBuilder:
    def __init__(
        self,
        root: Path,
        state: PreviewState,
        as_of: dt.date | None,
        echo: Callable[[str], None],
        jobs: int = 0,
    ) -> None:
        self.root = root
        self.state = state
        self.as_of = as_of
        self.echo = echo
        self.jobs = jobs
        self._wake = threading.Event()
        self._cancel = threading.Event()
        self._stopping = threading.Event()
        self._pool: cf.Executor | None = None
        context = contextvars.copy_context()  # the message language, for pages and echo
        self._thread = threading.Thread(
            target=context.run, args=(self._run,), name="preview-builder", daemon=True
        )

    def start(self) -> None:
        self._wake.set()
        self._thread.start()

    def request(self) -> None:
        """Something changed: drop the round in progress and build again, pages first."""
        self._cancel.set()
        self._wake.set()

    def stop(self) -> None:
        """Stop building; a report being rendered is dropped, its worker stops at once."""
        self._stopping.set()
        self.request()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        from generator.build.executor import make_executor

        try:
            while True:
                # The pool lives as long as the preview: its workers stay warm between
                # edits, at a lower priority so that after an edit the pages come first.
                # A worker that dies (killed, out of memory, milepost upgraded under it)
                # breaks the pool: a new one renders the round again.
                nice = PDF_WORKER_NICENESS
                with make_executor(None, self.jobs, pdf=True, nice=nice) as pool:
                    self._pool = pool
                    try:
                        self._loop()
                    except BrokenProcessPool:
                        self.echo(tr("a report worker stopped; starting new ones"))
                        self._wake.set()
        except _Stopping:
            pass

    def _loop(self) -> None:
        """Build a round whenever woken; leave only by _Stopping (the pool then stops its
        workers at once instead of waiting for their renders), or by BrokenProcessPool."""
        from concurrent.futures.process import BrokenProcessPool

        from generator.build.executor import BuildCancelled

        while True:
            self._wake.wait()
            if self._stopping.is_set():
                raise _Stopping
            self._wake.clear()
            self._cancel.clear()
            try:
                self._round()
            except BuildCancelled:
                continue
            except BrokenProcessPool:
                raise  # _run starts new workers
            except Exception:  # a bug: keep serving and show it, rather than stop the preview
                self.state.failed(
                    [
                        tr("milepost failed (a bug, please report it):")
                        + "\n"
                        + traceback.format_exc()
                    ]
                )

    def _round(self) -> None:
        from generator.analyze.report_schedule import due_reports
        from generator.build.engine import run_build
        from generator.build.plan import REPORTS, SITE
        from generator.load.workspace import load_workspace
        from generator.publish.preview_pages import start_page

        workspace = Workspace(self.root, output_dir=self.state.folder)
        try:
            portfolio = load_workspace(self.root)
            day = self.as_of or dt.date.today()
            # Named before the new pages appear, so that none of them lacks the note.
            pending = [_shown(r.paths[0]) for r in due_reports(portfolio, day)]
            self.state.reports_left(pending)
            run_build(
                workspace,
                portfolio,
                day,
                only=SITE,
                quiet=True,
                cancel=self._cancel,
                durable=False,
            )
        except ContentErrors as exc:
            self._failed(exc)
            return
        portals = [(cid, client.name) for cid, client in sorted(portfolio.clients.items())]
        self.state.pages_ready(start_page(portfolio.site.name, portals), pending)
        self.echo(tr("rebuilt"))

        # The note names the reports still to render; until the tree with all of them is
        # published it never goes empty (the last one is audited and published then).
        left: dict[str, str] = {}  # job label -> report name

        def planned(jobs: Sequence[Job]) -> None:
            left.update((job.label, _shown(job.outputs[0])) for job in jobs)
            if left:
                self.state.reports_left(list(left.values()))

        def progressed(progress: Progress) -> None:
            if len(left) > 1:
                left.pop(progress.label, None)
                self.state.reports_left(list(left.values()))

        try:
            run_build(
                workspace,
                portfolio,
                day,
                only=REPORTS,
                quiet=True,
                pool=self._pool,
                cancel=self._cancel,
                on_plan=planned,
                on_progress=progressed,
                durable=False,
            )
        except ContentErrors as exc:
            self._failed(exc)
            return
        self.state.reports_ready()
        self.echo(tr("reports rendered"))

    def _failed(self, exc: ContentErrors) -> None:
        self.state.failed([e.format() for e in exc.errors])
        count = len(exc.errors)
        self.echo(ngettext_message("rebuilt: {n} error", "rebuilt: {n} errors", count))


class _Stopping(Exception):
    """The preview is stopping."""


def _shown(path: str) -> str:
    """How the note names a report: project/file.pdf."""
    return path.removeprefix("reports/")
