"""`milepost serve`: build into a temporary folder, serve it, rebuild and reload on edits.

The pages come first and the reports follow in the background (generator/publish/
preview_builder.py); until they are done every page carries a note naming the reports
still coming. `/` is a start page linking the internal dashboard and each client portal.
The browser polls a version number (a tiny script, injected only here, never in a real
build); each published build bumps it. A content error replaces every page with an
error page that lists file:line messages until the file is fixed.

The preview holds everything, costs and internal notes included, so it is private: the
build folder lives inside a folder only this user may enter (tempfile.mkdtemp, mode
0700), staging folder and journal included; it is removed on Ctrl-C, SIGTERM and SIGHUP;
and the server answers only requests addressed to 127.0.0.1, localhost or [::1], so a web
page whose name resolves to 127.0.0.1 (DNS rebinding) cannot read it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from generator.i18n import tr
from generator.publish.preview_pages import (
    RELOAD_PATH,
    RELOAD_SCRIPT,
    STYLE,
    STYLE_PATH,
    VERSION_PATH,
    for_preview,
    waiting_page,
    with_note,
)
from generator.publish.preview_state import PreviewState
from generator.workspace import Workspace

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def loopback_host(host: str | None, port: int) -> bool:
    """True when a request's Host header names this machine's loopback address and port
    (or no port); anything else may be DNS rebinding and gets 421."""
    if not host:
        return False
    name = host.strip().lower()
    return any(name in (loopback, f"{loopback}:{port}") for loopback in LOOPBACK_NAMES)


class _Handler(SimpleHTTPRequestHandler):
    state: PreviewState

    def __init__(self, *args: Any, state: PreviewState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, directory=str(state.folder), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # quiet: the terminal shows rebuilds, not every request

    def parse_request(self) -> bool:
        """Every method: refuse a Host that is not this machine's loopback address."""
        if not super().parse_request():
            return False
        if loopback_host(self.headers.get("Host"), self.state.port):
            return True
        body = self.state.misdirected.encode()
        self.close_connection = True
        self._send(body, "text/plain; charset=utf-8", status=HTTPStatus.MISDIRECTED_REQUEST)
        return False

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        fixed = {
            RELOAD_PATH: (RELOAD_SCRIPT, "text/javascript"),
            STYLE_PATH: (STYLE, "text/css"),
            VERSION_PATH: (str(self.state.version), "text/plain"),
        }
        if path in fixed:
            text, kind = fixed[path]
            self._send(text.encode(), kind)
            return
        state = self.state
        with state.lock:
            errors, error_html, ready, note = (
                bool(state.errors),
                state.page,
                state.ready,
                state.note,
            )
            start, waiting, report_waiting = state.start, state.waiting, state.report_waiting
            pending = bool(state.pending)
        html_page = path.endswith("/") or path.endswith(".html")
        if errors and html_page:
            self._send(error_html.encode(), "text/html; charset=utf-8", status=500)
            return
        if not ready and (html_page or path.endswith(".pdf")):
            self._send(waiting.encode(), "text/html; charset=utf-8", status=503)
            return
        if path == "/":
            self._send(with_note(start, note), "text/html; charset=utf-8")
            return
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._send(for_preview(target.read_bytes(), note), "text/html; charset=utf-8")
            return
        if target.suffix == ".pdf" and pending and not target.is_file():
            self._send(report_waiting.encode(), "text/html; charset=utf-8", status=503)
            return
        super().do_GET()

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def preview_folder() -> Iterator[Path]:
    """A build folder inside a private temporary folder (mode 0700, this user's), so that
    neither the preview nor its staging folder can be read or prepared by another user;
    the whole private folder, and nothing else, is removed on exit."""
    private = Path(tempfile.mkdtemp(prefix="milepost-serve-"))
    try:
        yield private / "site"
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the preview like Ctrl-C, so its folder is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, _interrupt) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def serve(
    root: Path,
    port: int,
    as_of: dt.date | None,
    echo: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """Serve until Ctrl-C, SIGTERM (or `stop` is set); rebuild on each change in content/
    or templates/."""
    from watchfiles import watch

    from generator.publish.preview_builder import PreviewBuilder

    workspace = Workspace(root)
    with stop_on_signals(), preview_folder() as folder:
        state = PreviewState(folder, waiting=waiting_page())
        state.misdirected = tr(
            "milepost serve answers only requests to 127.0.0.1, localhost or [::1] on its port"
        )
        builder = PreviewBuilder(root, state, as_of, echo)
        server: ThreadingHTTPServer | None = None
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, state=state))
            state.port = server.server_port
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            echo(tr("building into {folder}", folder=folder))
            address = f"http://127.0.0.1:{server.server_port}/"
            echo(tr("serving {address} (Ctrl-C to stop)", address=address))
            builder.start()
            watched = [str(p) for p in (workspace.content, workspace.templates) if p.is_dir()]
            stop = stop or threading.Event()
            for _changes in watch(*watched, stop_event=stop, debounce=200, rust_timeout=500):
                builder.request()
        except KeyboardInterrupt:
            pass
        finally:
            if server is not None:
                server.shutdown()
                server.server_close()
            builder.stop()
