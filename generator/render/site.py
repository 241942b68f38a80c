"""The static sites: one portal per client and the internal dashboard."""

from __future__ import annotations

import datetime as dt

from generator.model.portfolio import Portfolio
from generator.render.environment import make_environment
from generator.workspace import Workspace


def site_files(workspace: Workspace, portfolio: Portfolio, as_of: dt.date) -> dict[str, bytes]:
    """Every file of output/internal and output/portals/<client>, by relative path."""
    files: dict[str, bytes] = {}
    env = make_environment(workspace, portfolio.site.locale)
    page = env.get_template("site/internal_index.html").render(
        site=portfolio.site, portfolio=portfolio, as_of=as_of
    )
    files["internal/index.html"] = page.encode()
    for client in portfolio.clients.values():
        locale = client.locale or portfolio.site.locale
        env = make_environment(workspace, locale)
        projects = sorted(
            portfolio.projects_of(client.id), key=lambda d: (d.project.status == "closed", d.id)
        )
        page = env.get_template("site/portal_index.html").render(
            site=portfolio.site, client=client, projects=projects, as_of=as_of
        )
        files[f"portals/{client.id}/index.html"] = page.encode()
    return files
