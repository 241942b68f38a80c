"""The pages only the preview shows: the start page at `/`, a page while the first build
runs, the content-error page, the note on each page that lists the reports still being
rendered, and the small changes the preview makes to a built page (reload script, note).

They are rendered where the build runs, in the message language; the server's threads
only send them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.i18n import message_language, ngettext_message, tr

RELOAD_PATH = "/__milepost__/reload.js"
VERSION_PATH = "/__milepost__/version"
STYLE_PATH = "/__milepost__/preview.css"
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
STYLE = """body.milepost-preview{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222}
.milepost-preview h1{font-size:1.3rem}.milepost-preview li{margin:.4rem 0}
.milepost-preview .error h1{color:#b3261e}
.milepost-preview pre{white-space:pre-wrap;margin:0}
.milepost-preview .error li{padding:.6rem;background:#fdf1f0;border-left:4px solid #b3261e}
.milepost-preview-note{position:fixed;bottom:0;left:0;right:0;z-index:9999;margin:0;
padding:.5rem 1rem;background:#fff8e1;border-top:2px solid #f9a825;color:#222;
font:14px/1.4 system-ui,sans-serif}
"""
SHOWN_NAMES = 6  # report names listed in the note; the rest are counted
# Built pages allow no connection; the preview's reload script polls its own server.
_CSP_FROM = "default-src 'none';"
_CSP_TO = "default-src 'none'; connect-src 'self';"


def _page(title: str, body: str, extra_class: str = "") -> str:
    return f"""<!doctype html>
<html lang="{message_language()}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="stylesheet" href="{STYLE_PATH}"></head>
<body class="milepost-preview"><div class="{extra_class}">{body}</div>
<script src="{RELOAD_PATH}"></script></body></html>"""


def error_page(errors: list[str]) -> str:
    items = "\n".join(f"<li><pre>{html.escape(e)}</pre></li>" for e in errors)
    heading = html.escape(
        ngettext_message(
            "The workspace has {n} error; fix it and this page reloads.",
            "The workspace has {n} errors; fix them and this page reloads.",
            len(errors),
        )
    )
    return _page(tr("milepost: content errors"), f"<h1>{heading}</h1>\n<ol>{items}</ol>", "error")


def waiting_page() -> str:
    """Shown while the first pages are built."""
    heading = html.escape(tr("Building the preview…"))
    text = html.escape(tr("This page reloads as soon as the first pages are ready."))
    return _page(tr("milepost preview"), f"<h1>{heading}</h1><p>{text}</p>")


def report_waiting_page() -> str:
    """Shown for a report that the background build has not finished yet."""
    heading = html.escape(tr("This report is still being rendered."))
    text = html.escape(tr("This page reloads when it is ready."))
    return _page(tr("milepost preview"), f"<h1>{heading}</h1><p>{text}</p>")


def start_page(workspace_name: str, portals: Sequence[tuple[str, str]]) -> str:
    """`/`: the internal dashboard and each client portal, (client id, client name)."""
    title = tr("Preview of {name}", name=workspace_name)
    internal = html.escape(tr("Internal dashboard"))
    internal_note = html.escape(tr("what the team sees: every client, costs and internal notes"))
    links = "\n".join(
        f'<li><a href="/portals/{html.escape(cid)}/index.html">{html.escape(name)}</a></li>'
        for cid, name in portals
    )
    body = (
        f"<h1>{html.escape(title)}</h1>"
        f'<p><a href="/internal/index.html">{internal}</a> — {internal_note}</p>'
        f"<h2>{html.escape(tr('Client portals'))}</h2>"
        f"<p>{html.escape(tr('what each client sees'))}</p><ul>{links}</ul>"
    )
    return _page(title, body)


def pending_note(pending: Sequence[str]) -> str:
    """The note on every page while reports are rendered in the background."""
    if not pending:
        return ""
    names = ", ".join(pending[:SHOWN_NAMES])
    if len(pending) > SHOWN_NAMES:
        names += " " + tr("and {n} more", n=len(pending) - SHOWN_NAMES)
    text = ngettext_message(
        "{n} report is still being rendered: {names}. This page reloads when it is ready.",
        "{n} reports are still being rendered: {names}. This page reloads when they are ready.",
        len(pending),
        names=names,
    )
    return f'<p class="milepost-preview-note" role="status">{html.escape(text)}</p>'


def with_note(page: str, note: str) -> bytes:
    """One of the preview's own pages with the note on reports still coming."""
    return page.replace("</body>", note + "</body>", 1).encode()


def for_preview(page: bytes, note: str) -> bytes:
    """A built page as the preview serves it: the note, the style and reload script added,
    and the page's Content-Security-Policy opened to the reload script's polling."""
    tail = f'{note}<link rel="stylesheet" href="{STYLE_PATH}"><script src="{RELOAD_PATH}"></script>'
    page = page.replace(_CSP_FROM.encode(), _CSP_TO.encode(), 1)
    return page.replace(b"</body>", tail.encode() + b"</body>", 1)
