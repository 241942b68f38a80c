"""The build's worker pool replaces every worker that retires after its quota of jobs."""

from __future__ import annotations

import concurrent.futures as cf
import os

import pytest

from generator.build import executor


@pytest.mark.timeout(60)  # stock 3.11 hangs here: fail, do not hold the suite
def test_a_pool_whose_workers_retire_often_runs_every_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CPython's own pool (3.11 to 3.15b3, gh-115634) stops after the first worker retires:
    one worker, two jobs per worker, ten jobs ran two and then waited forever."""
    monkeypatch.setattr(executor, "RECYCLE_AFTER", 2)
    with executor.make_executor(None, 1, pdf=False) as pool:
        futures = [pool.submit(os.getpid) for _ in range(10)]
        done, waiting = cf.wait(futures, timeout=40)
        assert not waiting, f"{len(waiting)} of 10 jobs never ran"
        assert len({f.result() for f in done}) == 5  # five workers, two jobs each
