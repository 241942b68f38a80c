"""The project data a closing PDF carries as a PDF/A-3 attachment (`<project>-project-data.json`).

The internal closing report attaches every record of the project. The client's attaches an
explicit allow-list of client-visible fields (CLIENT_FIELDS, documented in docs/reports.md):
a field is in the client's file only because it is named here, so a field added to a model
later stays internal until someone decides the client may see it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel

from generator.analyze.audience import Audience, client_slice
from generator.model.portfolio import ProjectData
from generator.render.pdf import PdfAttachment


def _fields(*names: str, **nested: Any) -> dict[str, Any]:
    """A pydantic `include` spec: these fields, and these nested ones."""
    return {**dict.fromkeys(names, True), **nested}


def _each(spec: dict[str, Any]) -> dict[str, Any]:
    return {"__all__": spec}


# What a client's closing PDF may carry, record by record.
CLIENT_FIELDS: dict[str, dict[str, Any]] = {
    "project": _fields(
        "id", "title", "client", "status", "start", "planned_end", "actual_end", "summary",
        goals=_each(
            _fields(
                "id", "title", "metric", "unit", "baseline", "target", "direction", "deadline",
                measurements=_each(_fields("date", "value")),
            )
        ),
        milestones=_each(
            _fields(
                "id", "title", "planned", "actual", "acceptance", "accepted_on", "accepted_by",
                forecasts=_each(_fields("date", "forecast", "reason")),
            )
        ),
        deliverables=_each(
            _fields(
                "id", "title", "milestone", "due", "status", "delivered_on", "accepted_on",
                "accepted_by",
            )
        ),
        handover=_each(_fields("item", "owner", "due")),
    ),
    "tasks": _fields(
        "id", "title", "owner", "milestone", "start", "due", "status", "completed",
        progress=_each(_fields("date", "percent")),
    ),
    "risks": _fields(
        "id", "title", "description", "kind", "owner", "raised", "probability", "impact",
        "response", "plan",
        history=_each(_fields("date", "probability", "impact", "status", "note")),
    ),
    "changes": _fields(
        "id", "title", "description", "requested_by", "requested", "status", "decided",
        "decided_by", "decision_note",
        impact=_fields("scope", "schedule_days", "cost"),  # cost: see client_data
    ),
    "updates": _fields(
        "date", "kind", "author", "health", "health_reason", "highlights", "next_steps",
        "blockers", "metrics", "body",
        decisions_needed=_each(_fields("what", "by", "owner")),
    ),
    "meetings": _fields(
        "date", "title", "kind", "attendees", "decisions", "body",
        actions=_each(_fields("action", "owner", "due", "status")),
    ),
    "notes": _fields("date", "title", "body"),
    "retrospective": _fields(
        "date", "went_well", "to_improve", "lessons", "body",
        problems=_each(_fields("problem", "solution")),
        actions=_each(_fields("id", "action", "owner", "due", "status")),
    ),
}  # fmt: skip


def _dump(value: Any, include: Any = None) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, include=include)
    if isinstance(value, tuple | list):
        return [_dump(v, include) for v in value]
    return value


def internal_data(data: ProjectData) -> dict[str, Any]:
    """Every record of the project, for the team's own archive copy."""
    return {
        "project": _dump(data.project),
        "tasks": _dump(data.tasks),
        "risks": _dump(data.risks),
        "changes": _dump(data.changes),
        "costs": _dump(data.costs),
        "updates": _dump(data.updates),
        "meetings": _dump(data.meetings),
        "notes": _dump(data.notes),
        "retrospective": _dump(data.retrospective),
    }


def client_data(data: ProjectData) -> dict[str, Any]:
    """The client-visible records of the project, with the fields CLIENT_FIELDS names only."""
    shared = client_slice(data)
    goals = {g.id for g in shared.project.goals}
    milestones = {m.id for m in shared.project.milestones}
    payload = {
        key: _dump(getattr(shared, key), CLIENT_FIELDS[key])
        for key in ("project", "tasks", "risks", "changes", "updates", "meetings", "notes")
    }
    payload["retrospective"] = _dump(shared.retrospective, CLIENT_FIELDS["retrospective"])
    # references to records the client does not see are cut, not dangling
    for record in [*payload["tasks"], *payload["project"]["deliverables"]]:
        if record.get("milestone") not in milestones:
            record["milestone"] = None
    for update in payload["updates"]:
        update["metrics"] = {k: v for k, v in update["metrics"].items() if k in goals}
    # a change request's price is there only when the PM shares it (cost_visibility: client)
    for change in payload["changes"]:
        if change["impact"].get("cost") is None:
            change["impact"].pop("cost", None)
    return payload


def closing_attachment(data: ProjectData, audience: Audience, day: dt.date) -> PdfAttachment:
    """The JSON file attached to the closing PDF of `audience` (fixed dates, same bytes)."""
    payload = internal_data(data) if audience == Audience.internal else client_data(data)
    text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return PdfAttachment(
        name=f"{data.id}-project-data.json",
        data=text.encode("utf-8"),
        description="Project data at closing (milepost)",
        created=dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC),
        mime_type="application/json",
        relationship="Source",
    )
