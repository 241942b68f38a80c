"""The deviations a monthly's management summary lists: the few that matter, once each.

The health rules and the month's changes often say the same thing twice ("the ERP
interface is forecast 14 days late (limit 5 days)" and "the ERP interface moved 7 days
later"; "1 high risk is open: X" and "risk grew: X"). Rules:

- one line per milestone: how late it is expected against the plan, and the move of the
  month when it moved (the move alone for one that is on plan again);
- one line for work or spending behind the plan (for a client without the index names);
- one line for the high risks, then each risk that occurred and each that grew and is not
  high already (a client reads no exposure numbers);
- each change request raised or decided in the month;
- remarks about the update routine only in the team's copy.
"""

from __future__ import annotations

from generator.analyze.health import health_view
from generator.analyze.reasons import Reason
from generator.present import wording
from generator.present.health import client_reasons
from generator.present.report import ReportView, reason_text
from generator.present.wording import N_

MOVED_LATER = N_("; moved %(days)s later this month, to %(date)s")
MOVED_EARLIER = N_("; moved %(days)s earlier this month, to %(date)s")


def deviations(report: ReportView) -> tuple[str, ...]:
    view = report.lens
    locale = view.locale
    g = wording.gettext
    found = health_view(view.full, view.as_of, view.rules, client_only=view.client)
    computed = list(found.computed.reasons)
    moves = {m.title: m for m in report.changes.milestones_moved}
    lines: list[str] = []

    def say(item: Reason) -> str | None:
        if view.client:
            found = client_reasons([item], locale)
            return found[0] if found else None
        return reason_text(view, item)

    slipped = set()
    for item in computed:
        if item.code != "milestone_slip":
            continue
        title = str(item.params["milestone"])
        slipped.add(title)
        text = say(item)
        move = moves.get(title)
        if text and move is not None:
            message = MOVED_LATER if move.days > 0 else MOVED_EARLIER
            text += g(locale, message) % {
                "days": wording.days(abs(move.days), locale),
                "date": wording.date(move.forecast, locale),
            }
        if text:
            lines.append(text)
    for title, move in moves.items():
        if title in slipped:
            continue
        item = Reason(
            "milestone_moved",
            {
                "milestone": title,
                "previous": move.previous,
                "forecast": move.forecast,
                "days": move.days,
            },
        )
        lines.append(reason_text(view, item))
    high: set[str] = set()
    for item in computed:
        if item.code == "milestone_slip":
            continue
        if item.code == "high_risks_open":
            risks = item.params["risks"]
            assert isinstance(risks, tuple | list)
            high = {str(r) for r in risks}
        text = say(item)
        if text:
            lines.append(text)
    for risk_move in report.changes.risks_occurred:
        lines.append(reason_text(view, Reason("risk_occurred", {"risk": risk_move.risk.title})))
    for risk_move in report.changes.risks_escalated:
        if risk_move.risk.title in high:
            continue
        if view.client:
            lines.append(g(locale, "Risk grew: %(risk)s") % {"risk": risk_move.risk.title})
        else:
            item = Reason(
                "risk_escalated",
                {
                    "risk": risk_move.risk.title,
                    "previous": risk_move.previous_exposure,
                    "exposure": risk_move.risk.exposure,
                },
            )
            lines.append(reason_text(view, item))
    for item in report.changes.reasons:
        if item.code in ("change_requested", "change_decided"):
            lines.append(reason_text(view, item))
        elif item.code == "risk_opened" and item.params.get("level") == "high" and not high:
            if view.client:
                lines.append(g(locale, "New high risk: %(risk)s") % {"risk": item.params["risk"]})
            else:
                lines.append(reason_text(view, item))
    return tuple(dict.fromkeys(lines))
