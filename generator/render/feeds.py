"""Machine-readable outputs of a portal project: Atom feed, status.json and a badge.

All three are built from a client ProjectView, so they carry nothing the status page
does not. status.json follows the schema in docs/status-json.md (STATUS_SCHEMA here).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator.i18n import plain_text
from generator.model.site import Site
from generator.present import wording
from generator.present.charts.svg import text_width
from generator.present.charts.theme import FONT_STACK, Theme
from generator.present.project import ProjectView
from generator.present.updates import UpdateView

ATOM = "http://www.w3.org/2005/Atom"
STATUS_SCHEMA_VERSION = 2
HEALTH_COLORS = {
    "green": Theme.on_track,
    "amber": Theme.at_risk,
    "red": Theme.off_track,
}


def _stamp(day: dt.date, site: Site) -> str:
    """Midnight of `day` in the workspace's time zone, RFC 3339 (a date has no clock time)."""
    moment = dt.datetime.combine(day, dt.time(), ZoneInfo(site.timezone))
    return moment.isoformat()


def _tag(site: Site, view: ProjectView, specific: str) -> str:
    host = urlsplit(site.base_url).hostname if site.base_url else None
    return f"tag:{host or 'milepost.invalid'},{view.start.isoformat()}:{view.id}{specific}"


def _entry_title(view: ProjectView, update: UpdateView) -> str:
    day = wording.date(update.date, view.locale, "long")
    if update.health_label:
        return f"{update.kind_label} · {day} · {update.health_label}"
    return f"{update.kind_label} · {day}"


def _entry_html(view: ProjectView, update: UpdateView) -> str:
    g = wording.gettext
    parts = []
    if update.health_reason:
        parts.append(f"<p><strong>{_esc(update.health_reason)}</strong></p>")
    if update.highlights:
        items = "".join(f"<li>{_esc(h)}</li>" for h in update.highlights)
        parts.append(f"<h2>{_esc(g(view.locale, 'Highlights'))}</h2><ul>{items}</ul>")
    if update.body_html:
        parts.append(update.body_html)
    return "\n".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _status_line(view: ProjectView) -> str:
    """The feed's subtitle: the project's health, progress and next milestone, as the
    project page prints them."""
    g = wording.gettext
    locale = view.locale
    parts = [
        g(locale, "Status updates"),
        f"{view.health.icon} {view.health.label}",
        g(locale, "%(done)s complete, %(planned)s planned by now")
        % {"done": view.progress.percent_text, "planned": view.progress.planned_text},
    ]
    nxt = view.next_milestone
    if nxt:
        when = wording.date(nxt.forecast, locale)
        parts.append(g(locale, "next milestone: %(title)s") % {"title": f"{nxt.title} ({when})"})
    return " \u00b7 ".join(parts)


def atom_feed(view: ProjectView, site: Site, portal_title: str, client_id: str) -> bytes:
    """The project's updates as an Atom feed, newest first. Links are absolute when the site
    has a base_url (feed readers resolve relative links poorly), else relative to the feed."""
    base = site.portal_url(client_id, view.id) or ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("xml:lang", view.locale)
    if base:
        feed.set("xml:base", base)  # for relative links inside the entries' HTML

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    sub(feed, "id", _tag(site, view, ""))
    sub(feed, "title", f"{view.title} · {portal_title}")
    sub(feed, "subtitle", _status_line(view))
    latest = view.updates[0].date if view.updates else view.start
    sub(feed, "updated", _stamp(latest, site))
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}index.html")
    sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}feed.xml")
    author = sub(feed, "author")
    sub(author, "name", view.manager or site.name)
    sub(feed, "generator", "milepost")
    for update in view.updates:
        entry = sub(feed, "entry")
        sub(entry, "id", _tag(site, view, f"/updates/{update.slug}"))
        sub(entry, "title", _entry_title(view, update))
        sub(entry, "updated", _stamp(update.date, site))
        sub(entry, "published", _stamp(update.date, site))
        href = f"{base}updates/{update.slug}.html"
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        who = sub(entry, "author")
        sub(who, "name", update.author or view.manager or site.name)
        if update.summary:
            sub(entry, "summary", update.summary)
        sub(entry, "content", _entry_html(view, update), type="html")
    ET.indent(feed)
    # A feed reader shows and searches plain text: dates without their no-break marks.
    body = plain_text(ET.tostring(feed, encoding="unicode"))
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode()


def status_document(view: ProjectView) -> dict[str, Any]:
    """The status.json document (see STATUS_SCHEMA and docs/status-json.md)."""
    nxt = view.next_milestone
    health = view.health
    return {
        "schema_version": STATUS_SCHEMA_VERSION,
        "project": {"id": view.id, "title": view.title, "status": view.status},
        "as_of": view.as_of.isoformat(),
        "updated_at": view.last_update.isoformat() if view.last_update else None,
        "locale": view.locale,
        # What the page says: no health rules, thresholds or earned value (the team's).
        "health": {"level": health.level, "label": health.label, "reason": health.reason},
        "dates": {
            "start": view.dates.start.isoformat(),
            "planned_end": view.dates.planned_end.isoformat(),
            "forecast_end": view.dates.forecast_end.isoformat()
            if view.dates.forecast_end
            else None,
            "actual_end": view.dates.actual_end.isoformat() if view.dates.actual_end else None,
        },
        "progress": {
            "percent_complete": round(view.progress.percent, 1),
            "percent_planned": round(view.progress.planned_percent, 1),
        },
        "next_milestone": None
        if nxt is None
        else {
            "title": nxt.title,
            "planned": nxt.planned.isoformat(),
            "forecast": nxt.forecast.isoformat(),
            "variance_days": nxt.variance_days,
            "state": nxt.state,
        },
        "links": {
            "page": "index.html",
            "feed": "feed.xml",
            "badge": "badge.svg",
            "latest_update": f"updates/{view.updates[0].slug}.html" if view.updates else None,
        },
    }


def status_json(view: ProjectView) -> bytes:
    text = json.dumps(status_document(view), ensure_ascii=False, indent=2, sort_keys=True)
    return (plain_text(text) + "\n").encode()  # for programs: plain spaces in the text


def badge_svg(view: ProjectView) -> bytes:
    """A shields-style badge: "status | ✓ On track", colour and symbol together."""
    health = view.health
    left = wording.gettext(view.locale, "status")
    right = f"{health.icon} {health.label}"
    size = 11
    lw = round(text_width(left, size) + 14)
    rw = round(text_width(right, size) + 14)
    width = lw + rw
    color = HEALTH_COLORS[health.level]
    title = f"{view.title}: {health.label}"
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" \
viewBox="0 0 {width} 20" role="img" aria-label="{_attr(title)}">
<title>{_esc(title)}</title>
<rect width="{lw}" height="20" rx="3" fill="#3f4a56"/>
<rect x="{lw}" width="{rw}" height="20" rx="3" fill="{color}"/>
<rect x="{lw}" width="4" height="20" fill="{color}"/>
<g fill="#ffffff" font-family="{_attr(FONT_STACK)}" font-size="{size}" text-anchor="middle">
<text x="{lw / 2:g}" y="14">{_esc(left)}</text>
<text x="{lw + rw / 2:g}" y="14">{_esc(right)}</text>
</g>
</svg>
"""
    return svg.encode()


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


STATUS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "milepost project status",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "schema_version",
        "project",
        "as_of",
        "updated_at",
        "locale",
        "health",
        "dates",
        "progress",
        "next_milestone",
        "links",
    ],
    "properties": {
        "schema_version": {"const": STATUS_SCHEMA_VERSION},
        "project": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "status"],
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "status": {"enum": ["active", "on_hold", "closed"]},
            },
        },
        "as_of": {"type": "string", "format": "date"},
        "updated_at": {"type": ["string", "null"], "format": "date"},
        "locale": {"type": "string", "pattern": "^(en|zh-CN|en-[A-Z]{2})$"},
        "health": {
            "type": "object",
            "additionalProperties": False,
            "required": ["level", "label", "reason"],
            "properties": {
                "level": {"enum": ["green", "amber", "red"]},
                "label": {"type": "string"},
                "reason": {"type": "string"},
            },
        },
        "dates": {
            "type": "object",
            "additionalProperties": False,
            "required": ["start", "planned_end", "forecast_end", "actual_end"],
            "properties": {
                "start": {"type": "string", "format": "date"},
                "planned_end": {"type": "string", "format": "date"},
                "forecast_end": {"type": ["string", "null"], "format": "date"},
                "actual_end": {"type": ["string", "null"], "format": "date"},
            },
        },
        "progress": {
            "type": "object",
            "additionalProperties": False,
            "required": ["percent_complete", "percent_planned"],
            "properties": {
                "percent_complete": {"type": "number", "minimum": 0, "maximum": 100},
                "percent_planned": {"type": "number", "minimum": 0, "maximum": 100},
            },
        },
        "next_milestone": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["title", "planned", "forecast", "variance_days", "state"],
                    "properties": {
                        "title": {"type": "string"},
                        "planned": {"type": "string", "format": "date"},
                        "forecast": {"type": "string", "format": "date"},
                        "variance_days": {"type": "integer"},
                        "state": {"enum": ["on_track", "slipping", "overdue"]},
                    },
                },
            ]
        },
        "links": {
            "type": "object",
            "additionalProperties": False,
            "required": ["page", "feed", "badge", "latest_update"],
            "properties": {
                "page": {"type": "string"},
                "feed": {"type": "string"},
                "badge": {"type": "string"},
                "latest_update": {"type": ["string", "null"]},
            },
        },
    },
}
