"""`milepost serve`: build into a temporary folder, serve it, rebuild and reload on edits.

The browser polls a version number (a tiny script, injected only here, never in a real
build); each rebuild bumps it. A content error replaces every page with an error page
that lists file:line messages until the file is fixed.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator.errors import ContentErrors
from generator.i18n import message_language, ngettext_message, tr
from generator.workspace import Workspace

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
    """A temporary build folder that is removed on exit, and nothing else."""
    folder = Path(tempfile.mkdtemp(prefix="milepost-serve-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
    with preview_folder() as folder:
        state = PreviewState(folder)
        rebuild(root, state, as_of)
        handler = partial(_Handler, state=state)
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        echo(tr("building into {folder}", folder=folder))
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        echo(tr("serving {address} (Ctrl-C to stop)", address=address))
        watched = [str(p) for p in (workspace.content, workspace.templates) if p.is_dir()]
        stop = stop or threading.Event()
        try:
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
            server.shutdown()
            server.server_close()
