"""Markdown to safe HTML: Python-Markdown renders, nh3 (ammonia) keeps an allow-list.

Update narratives are written by people and shown to clients, so the HTML that reaches a
page holds only formatting tags: no script or style, no event handlers (on*), no
javascript: or data: URLs, no iframes or forms. Raw HTML in the Markdown is not trusted.

Only narratives (the bodies of updates, notes, meetings and the retrospective) are Markdown.
Every other field (titles, highlights, next steps, blockers, decisions, retrospective items)
is plain text: templates escape it, so `Fixed the <Enter> key` reads as written.
"""

from __future__ import annotations

import functools
import html

import markdown as _markdown
import nh3

from generator.load.markdown_limits import markdown_too_complex

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "del", "sup", "sub", "abbr", "dl", "dt", "dd",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "smarty"]
# One converter, reset between texts: building one costs more than converting a text.
_CONVERTER = _markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def _shift_headings(html: str) -> str:
    """Narratives sit inside a page section: their headings move one level down (# -> h2 ...)."""
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>")
        html = html.replace(f"</h{level}>", f"</h{level + 1}>")
    return html


@functools.lru_cache(maxsize=4096)  # an update shows on several pages and in its reports
def to_html(text: str) -> str:
    """Sanitised HTML for a Markdown text; the same text always gives the same bytes.

    A text over the limits of load.markdown_limits (which `validate` reports with its line)
    is shown as plain text: Python-Markdown would take minutes on it."""
    if not text.strip():
        return ""
    if markdown_too_complex(text) is not None:
        return "<p>" + html.escape(text.strip()).replace("\n", "<br>\n") + "</p>"
    rendered = _CONVERTER.reset().convert(text)
    cleaned = nh3.clean(
        _shift_headings(rendered),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()
