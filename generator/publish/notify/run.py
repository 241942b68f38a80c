"""`milepost notify` without the command line: one card per project and audience, posted
to the channels that take it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.i18n import tr
from generator.model.channels import NotifyChannel
from generator.model.portfolio import Portfolio, ProjectData
from generator.workspace import Workspace

ChannelChooser = Callable[[Portfolio, ProjectData], list[NotifyChannel]]


def channels_for(portfolio: Portfolio, data: ProjectData) -> list[NotifyChannel]:
    """The workspace's channels plus the project's; a project channel replaces a namesake."""
    chosen: dict[str, NotifyChannel] = {}
    for channels in (portfolio.site.notify, data.project.notify):
        for channel in channels:
            chosen[channel.name] = channel
    return list(chosen.values())


def projects_to_notify(portfolio: Portfolio, kind: str, project_id: str | None) -> list[str]:
    """The named project, else every active one (every one for a closing card)."""
    if project_id:
        return [project_id]
    return sorted(
        pid
        for pid, data in portfolio.projects.items()
        if data.project.status == "active" or kind == "closing"
    )


def run_notify(
    portfolio: Portfolio,
    state_dir: Path,
    kind: str,
    project_ids: list[str],
    *,
    as_of: dt.date,
    period: str | None,
    dry_run: bool,
    channels: ChannelChooser | None = None,
    echo: Callable[[str], None] = print,
    **sender_options: Any,
) -> int:
    """Post one card per project and audience; return the exit code (1 if any post failed)."""
    from generator.publish.notify.card import card_for_project
    from generator.publish.notify.sender import Delivery, notify

    choose = channels or channels_for
    deliveries: list[Delivery] = []
    for project_id in project_ids:
        data = portfolio.projects[project_id]
        chosen = choose(portfolio, data)
        if not chosen:
            echo(tr("{project}: no notify channels configured", project=project_id))
            continue
        for audience in ("client", "internal"):
            group = [c for c in chosen if c.audience == audience]
            if not group:
                continue
            card = card_for_project(portfolio, project_id, as_of, kind, period, audience=audience)
            deliveries += notify(
                [card], group, state_dir=state_dir, dry_run=dry_run, echo=echo, **sender_options
            )
    failed = sum(1 for d in deliveries if d.status == "failed")
    sent = sum(1 for d in deliveries if d.status == "sent")
    skipped = sum(1 for d in deliveries if d.status == "skipped")
    if not dry_run:
        echo(
            tr(
                "{sent} posted, {skipped} already posted, {failed} failed",
                sent=sent,
                skipped=skipped,
                failed=failed,
            )
        )
    return 1 if failed else 0


def agenda_channels(portfolio: Portfolio, project_id: str | None) -> list[NotifyChannel]:
    """The team's channels that take the agenda: the workspace's, plus the project's when the
    agenda is limited to one project. Never a client channel: the agenda is internal."""
    chosen = {c.name: c for c in portfolio.site.notify}
    if project_id:
        chosen |= {c.name: c for c in portfolio.projects[project_id].project.notify}
    return [c for c in chosen.values() if c.audience == "internal" and "agenda" in c.events]


def run_agenda_notify(
    workspace: Workspace,
    portfolio: Portfolio,
    *,
    as_of: dt.date,
    project_id: str | None,
    locale: str,
    dry_run: bool,
    echo: Callable[[str], None] = print,
    **sender_options: Any,
) -> int:
    """Post the agenda to the team's channels; the exit code is 1 if a post failed."""
    from generator.present import wording
    from generator.present.agenda import agenda_heading
    from generator.publish.agenda import agenda_for
    from generator.publish.notify.agenda import AgendaCard
    from generator.publish.notify.sender import notify

    channels = agenda_channels(portfolio, project_id)
    if not channels:
        echo(
            tr(
                "no internal channel takes the agenda: add one with audience: internal and "
                "events: [agenda] under notify: in content/site.yaml"
            )
        )
        return 1
    lines = agenda_for(workspace, portfolio, as_of, project_id, locale)
    card = AgendaCard(
        title=agenda_heading(len(lines), as_of, locale),
        items=tuple(f"[{line.project_title}] {line.text}" for line in lines),
        more=wording.gettext(locale, wording.N_("more")),
        period=as_of.isoformat(),
        project_id=project_id or "portfolio",
    )
    deliveries = notify(
        [card], channels, state_dir=workspace.state, dry_run=dry_run, echo=echo, **sender_options
    )
    return 1 if any(d.status == "failed" for d in deliveries) else 0
