"""Worker processes die with the build that started them.

A local worker is forked by the forkserver, not by the build, and it holds the
forkserver's own "still needed" pipe: killed alone (kill -9, an out-of-memory kill), the
build would leave the forkserver and every worker waiting forever on their queues, half a
gigabyte of memory. So each worker watches a lifeline, a pipe whose only writing end the
build holds: the system closes it when the build dies, the worker's watchdog thread reads
end-of-file and the worker exits; then the forkserver and the resource tracker see their
own pipes close and exit too. On Linux the worker also asks the kernel for SIGKILL when its
parent (the forkserver) dies (prctl PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.connection import Connection

_PR_SET_PDEATHSIG = 1


def lifeline() -> tuple[Connection, Connection]:
    """(reader for the workers, writer the build keeps open while its workers may run)."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    return reader, writer


def die_with_parent(reader: Connection | None) -> None:
    """In a worker: exit as soon as the build that holds the lifeline's writer is gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the lifeline below still holds
    if reader is not None:
        threading.Thread(target=_watch, args=(reader,), name="lifeline", daemon=True).start()


def _watch(reader: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        reader.recv_bytes()  # nothing is ever sent: this returns when the build is gone
    os._exit(1)
