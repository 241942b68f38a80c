"""`milepost serve`: build into a temporary folder, serve it, rebuild and reload on edits.

The browser polls a version number (a tiny script, injected only here, never in a real
build); each rebuild bumps it. A content error replaces every page with an error page
that lists file:line messages until the file is fixed.

The preview holds everything, costs and internal notes included, so it is private: the
build folder lives inside a folder only this user may enter (tempfile.mkdtemp, mode
0700), staging folder and journal included; it is removed on Ctrl-C, SIGTERM and SIGHUP;
and the server answers only requests addressed to 127.0.0.1, localhost or [::1], so a web
page whose name resolves to 127.0.0.1 (DNS rebinding) cannot read it.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from generator.errors import ContentErrors
from generator.i18n import message_language, ngettext_message, tr
from generator.workspace import Workspace

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
RELOAD_PATH = "/__milepost__/reload.js"
VERSION_PATH = "/__milepost__/version"
RELOAD_SCRIPT = """(function () {
  var seen = null;
  function poll() {
    fetch("VERSION_PATH", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) { location.reload(); } seen = v; })
      .catch(function () {}).finally(function () { setTimeout(poll, 500); });
  }
  poll();
})();
""".replace("VERSION_PATH", VERSION_PATH)


@dataclass
class PreviewState:
    """What the server shows: the build folder, a version, and the last error if any."""

    folder: Path
    version: int = 0
    errors: list[str] = field(default_factory=list)
    # Rendered where the build failed: handler threads do not see the message language.
    page: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    misdirected: str = "milepost serve answers only 127.0.0.1 and localhost"
    port: int = 0  # the port served, the only one a request's Host header may name

    def succeeded(self) -> None:
        with self.lock:
            self.errors = []
            self.version += 1

    def failed(self, errors: list[str]) -> None:
        page = error_page(errors)
        with self.lock:
            self.errors = errors
            self.page = page
            self.version += 1


def loopback_host(host: str | None, port: int) -> bool:
    """True when a request's Host header names this machine's loopback address and port
    (or no port); anything else may be DNS rebinding and gets 421."""
    if not host:
        return False
    name = host.strip().lower()
    return any(name in (loopback, f"{loopback}:{port}") for loopback in LOOPBACK_NAMES)


def error_page(errors: list[str]) -> str:
    items = "\n".join(f"<li><pre>{html.escape(e)}</pre></li>" for e in errors)
    title = html.escape(tr("milepost: content errors"))
    heading = html.escape(
        ngettext_message(
            "The workspace has {n} error; fix it and this page reloads.",
            "The workspace has {n} errors; fix them and this page reloads.",
            len(errors),
        )
    )
    return f"""<!doctype html>
<html lang="{message_language()}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222}}
h1{{color:#b3261e;font-size:1.3rem}}pre{{white-space:pre-wrap;margin:0}}
li{{margin:.6rem 0;padding:.6rem;background:#fdf1f0;border-left:4px solid #b3261e}}</style>
</head><body><h1>{heading}</h1>
<ol>{items}</ol><script src="{RELOAD_PATH}"></script></body></html>"""


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
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            self._send(RELOAD_SCRIPT.encode(), "text/javascript")
            return
        if path == VERSION_PATH:
            self._send(str(self.state.version).encode(), "text/plain")
            return
        with self.state.lock:
            errors, error_html = list(self.state.errors), self.state.page
        if errors and (path.endswith("/") or path.endswith(".html")):
            self._send(error_html.encode(), "text/html; charset=utf-8", status=500)
            return
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            page = target.read_bytes()
            tag = f'<script src="{RELOAD_PATH}"></script></body>'.encode()
            self._send(page.replace(b"</body>", tag, 1), "text/html; charset=utf-8")
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


def rebuild(root: Path, state: PreviewState, as_of: dt.date | None) -> None:
    from generator.build.pipeline import build_all
    from generator.load.workspace import load_workspace

    try:
        portfolio = load_workspace(root)
        day = as_of or dt.date.today()
        build_all(Workspace(root, output_dir=state.folder), portfolio, day, quiet=True)
    except ContentErrors as exc:
        state.failed([e.format() for e in exc.errors])
        return
    except Exception:  # a bug: keep serving and show it, rather than stop the preview
        state.failed(
            [tr("milepost failed (a bug, please report it):") + "\n" + traceback.format_exc()]
        )
        return
    state.succeeded()


def serve(
    root: Path,
    port: int,
    as_of: dt.date | None,
    echo: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """Serve until Ctrl-C (or `stop` is set); rebuild on each change in content/ or templates/."""
    from watchfiles import watch

    workspace = Workspace(root)
    with stop_on_signals(), preview_folder() as folder:
        state = PreviewState(folder)
        state.misdirected = tr(
            "milepost serve answers only requests to 127.0.0.1, localhost or [::1] on its port"
        )
        server: ThreadingHTTPServer | None = None
        try:
            rebuild(root, state, as_of)
            server = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, state=state))
            state.port = server.server_port
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            echo(tr("building into {folder}", folder=folder))
            address = f"http://127.0.0.1:{server.server_address[1]}/"
            echo(tr("serving {address} (Ctrl-C to stop)", address=address))
            watched = [str(p) for p in (workspace.content, workspace.templates) if p.is_dir()]
            stop = stop or threading.Event()
            for _changes in watch(*watched, stop_event=stop, debounce=200, rust_timeout=500):
                rebuild(root, state, as_of)
                count = len(state.errors)
                echo(
                    ngettext_message("rebuilt: {n} error", "rebuilt: {n} errors", count)
                    if count
                    else tr("rebuilt")
                )
        except KeyboardInterrupt:
            pass
        finally:
            if server is not None:
                server.shutdown()
                server.server_close()
