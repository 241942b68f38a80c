"""The one-screen summary `milepost validate` prints for a clean workspace."""

from __future__ import annotations

import datetime as dt

from generator.model.portfolio import Portfolio


def validation_summary(portfolio: Portfolio, as_of: dt.date) -> str:
    projects = list(portfolio.projects.values())
    updates = sum(len(p.updates) for p in projects)
    open_risks = sum(
        1
        for p in projects
        for r in p.risks
        if not r.history or r.history[-1].status in (None, "open")
    )
    by_status: dict[str, int] = {}
    for data in projects:
        by_status[data.project.status] = by_status.get(data.project.status, 0) + 1
    status_text = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(by_status.items()))
    lines = [
        f"{portfolio.site.name}: workspace is valid (as of {as_of.isoformat()})",
        f"  clients   {len(portfolio.clients)}",
        f"  projects  {len(projects)} ({status_text or 'none'})",
        f"  people    {len(portfolio.people)}",
        f"  updates   {updates}",
        f"  open risks {open_risks}",
    ]
    return "\n".join(lines)
