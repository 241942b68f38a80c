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
