"""The one-screen summary `milepost validate` prints for a clean workspace."""

from __future__ import annotations

import datetime as dt

from generator.analyze.health import computed_health
from generator.analyze.risks import risk_states
from generator.analyze.smart import lint_goals
from generator.i18n import message_language, tr
from generator.model.portfolio import Portfolio
from generator.present import wording


def validation_summary(portfolio: Portfolio, as_of: dt.date) -> str:
    projects = sorted(portfolio.projects.values(), key=lambda d: d.id)
    rules = portfolio.site.health
    names = {"active": tr("active"), "on_hold": tr("on hold"), "closed": tr("closed")}
    by_status: dict[str, int] = {}
    for data in projects:
        by_status[data.project.status] = by_status.get(data.project.status, 0) + 1
    status_text = ", ".join(f"{n} {names[s]}" for s, n in sorted(by_status.items()))
    states = [s for d in projects for s in risk_states(d.risks, as_of, rules.high_risk_exposure)]
    open_risks = [s for s in states if s.is_open]
    high = sum(1 for s in open_risks if s.level == "high")
    findings = {d.id: lint_goals(d, portfolio.people) for d in projects}
    lines = [
        tr("{name}: workspace is valid (as of {date})", name=portfolio.site.name, date=as_of),
        tr("  clients    {n}", n=len(portfolio.clients)),
        tr("  projects   {n} ({detail})", n=len(projects), detail=status_text or tr("none")),
        tr("  people     {n}", n=len(portfolio.people)),
        tr("  updates    {n}", n=sum(len(d.updates) for d in projects)),
        tr("  open risks {n} ({high} high)", n=len(open_risks), high=high),
        tr("  SMART      {n} findings", n=sum(len(f) for f in findings.values())),
    ]
    for data in projects:
        if data.project.status != "active":
            continue
        health = computed_health(data, as_of, rules).health
        lines.append(f"    {data.id:<24} {tr(health.value)}")
    for project_id, items in findings.items():
        for item in items:
            lines.append(f"    {project_id}: {wording.reason(item.reason, message_language())}")
    return "\n".join(lines)
