"""Localized wording of report emails: the subject, period and health labels, the body.

Strings come from the gettext catalog generator/locale/<lang>/LC_MESSAGES/email.po (English
is the source language), the month names from Babel's CLDR data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from pathlib import Path

import jinja2
from babel.support import Translations

from generator.i18n import LOCALE_DIR, compile_catalogs, format_month, language, plain_text
from generator.model.base import Health
from generator.model.site import ReportKind
from generator.publish.email.outgoing import OutgoingReport
from generator.workspace import BUILTIN_TEMPLATES

DOMAIN = "email"
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

_KIND = {
    ReportKind.weekly: "Weekly status",
    ReportKind.monthly: "Monthly status",
    ReportKind.closing: "Closing report",
}
_HEALTH = {Health.green: "On track", Health.amber: "At risk", Health.red: "Off track"}
# Inline colours (mail clients ignore style sheets): background, text.
HEALTH_COLORS = {
    Health.green: ("#e3f4e8", "#1d6b36"),
    Health.amber: ("#fdf0dc", "#8a5300"),
    Health.red: ("#fbe3e3", "#a11d1d"),
}
COMPLETED_COLORS = ("#f3f4f6", "#1f2937")  # a closed project: no traffic light


def catalog_path(locale: str) -> Path:
    return LOCALE_DIR / language(locale).replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=8)
def translations(locale: str) -> Translations:
    """The email catalog alone: a mail's short labels read differently from the site's."""
    po = catalog_path(locale)
    return compile_catalogs([po] if po.is_file() else [], language(locale))


def _(locale: str, message: str) -> str:
    return translations(locale).gettext(message)


def period_label(kind: ReportKind, period: str | None, locale: str) -> str:
    """'2026-W47' / '2026年第47周', 'November 2026' / '2026年11月'; '' for closing."""
    if kind == ReportKind.closing or not period:
        return ""
    if kind == ReportKind.weekly and (match := _WEEK.match(period)):
        year, week = int(match[1]), int(match[2])
        return _(locale, "%(year)d-W%(week)02d") % {"year": year, "week": week}
    if kind == ReportKind.monthly and (match := _MONTH.match(period)):
        first = dt.date(int(match[1]), int(match[2]), 1)
        return plain_text(format_month(first, locale))  # a subject line: plain spaces
    example = "2026-W47" if kind == ReportKind.weekly else "2026-11"
    raise ValueError(f"period '{period}' of a {kind} report must look like {example}")


def kind_label(kind: ReportKind, locale: str) -> str:
    return _(locale, _KIND[kind])


def health_label(health: Health, locale: str) -> str:
    return _(locale, _HEALTH[health])


def subject(report: OutgoingReport) -> str:
    values = {
        "tag": report.client_tag,
        "kind": kind_label(report.kind, report.locale),
        "period": period_label(report.kind, report.period, report.locale),
        "title": report.project_title,
    }
    if report.kind == ReportKind.closing:
        return _(report.locale, "[%(tag)s] %(kind)s · %(title)s") % values
    return _(report.locale, "[%(tag)s] %(kind)s %(period)s · %(title)s") % values


@functools.lru_cache(maxsize=16)
def _environment(locale: str, dirs: tuple[Path, ...], autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env


def render_bodies(
    report: OutgoingReport, recipient_name: str, template_dirs: Sequence[Path] | None = None
) -> tuple[str, str]:
    """The plain-text and the HTML body of one report email."""
    dirs = tuple(template_dirs) if template_dirs else (BUILTIN_TEMPLATES,)
    background, color = COMPLETED_COLORS if report.completed else HEALTH_COLORS[report.health]
    context = {
        "lang": report.locale,
        "kind": str(report.kind),
        "subject": subject(report),
        "recipient_name": recipient_name,
        "client_name": report.client_name,
        "project_title": report.project_title,
        "period_label": period_label(report.kind, report.period, report.locale),
        "health_label": report.health_label or health_label(report.health, report.locale),
        "health_reason": report.health_reason,
        "computed_label": report.computed_label,
        "progress": report.progress,
        "next_milestone": report.next_milestone,
        "health_background": background,
        "health_color": color,
        "top_points": list(report.top_points),
        "decisions": list(report.decisions),
        "portal_url": report.portal_url,
        "pdf_filename": report.pdf_filename,
        "sign_off": report.sign_off,
    }
    name = f"email/{report.kind}"
    text = _environment(report.locale, dirs, False).get_template(f"{name}.txt").render(context)
    html = _environment(report.locale, dirs, True).get_template(f"{name}.html").render(context)
    # A mail is searched in the reader's mail program: its dates carry plain spaces and no
    # joiners (i18n.unbreakable), so "2026年11月25日" finds it.
    return plain_text(text), plain_text(html)
