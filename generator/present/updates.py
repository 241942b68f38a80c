"""Status updates as a reader sees them: health, highlights, next steps, decisions asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.present import wording
from generator.present.context import Lens
from generator.present.markdown import to_html


@dataclass(frozen=True)
class AskedDecision:
    """A decision as one update asked for it (the open ones: present.decisions)."""

    what: str
    by: dt.date | None
    owner: str  # a name


@dataclass(frozen=True)
class UpdateView:
    slug: str  # file name without extension: the date, "-2" etc. for a second one that day
    date: dt.date
    kind: str
    kind_label: str
    author: str  # the person's name
    health: str | None
    health_label: str | None
    health_icon: str | None
    health_reason: str | None
    highlights: tuple[str, ...]  # plain text: templates escape it, never strip it
    next_steps: tuple[str, ...]
    blockers: tuple[str, ...]
    decisions: tuple[AskedDecision, ...]
    body: str  # the Markdown narrative as written
    body_html: str  # sanitised
    summary: str  # plain text for feeds and lists: the first highlight or narrative line
    visibility: str


def _plain(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line.lstrip("#").strip()


def update_views(view: Lens) -> tuple[UpdateView, ...]:
    """The updates the reader may see, newest first; of two on one day the later-listed
    one is newer. Slugs stay stable because they count from the oldest update of that day."""
    locale = view.locale
    ordered = sorted(enumerate(view.seen.updates), key=lambda iu: (iu[1].date, iu[0]))
    per_day: dict[dt.date, int] = {}
    views = []
    for _, u in ordered:
        n = per_day[u.date] = per_day.get(u.date, 0) + 1
        slug = u.date.isoformat() + ("" if n == 1 else f"-{n}")
        health = u.health.value if u.health else None
        views.append(
            UpdateView(
                slug=slug,
                date=u.date,
                kind=u.kind,
                kind_label=wording.label("update_kind", u.kind, locale),
                author=view.name(u.author),
                health=health,
                health_label=wording.label("health", health, locale) if health else None,
                health_icon=wording.HEALTH_ICON[health] if health else None,
                health_reason=u.health_reason,
                highlights=tuple(u.highlights),
                next_steps=tuple(u.next_steps),
                blockers=tuple(u.blockers),
                decisions=tuple(
                    AskedDecision(d.what, d.by, view.name(d.owner)) for d in u.decisions_needed
                ),
                body=u.body,
                body_html=to_html(u.body),
                summary=u.health_reason or (u.highlights[0] if u.highlights else _plain(u.body)),
                visibility=u.visibility.value,
            )
        )
    return tuple(reversed(views))
