"""What a client may see of a project: the one place where client outputs are filtered.

Every client page, feed, JSON file, PDF and e-mail is rendered from `client_slice`, never
from the full project, so an internal record cannot reach a client by a template's mistake.
Costs, cost rates and people's allocations are internal whatever their flags say. A change
request's price reaches the client only with `cost_visibility: client` (else its cost is
None); a retrospective shows the client only the points marked `visibility: client`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from typing import Protocol, TypeVar

from generator.model.base import Visibility
from generator.model.documents import Retrospective
from generator.model.portfolio import ProjectData
from generator.model.project import Communication, Project, TeamMember
from generator.model.records import ChangeRequest


class Audience(StrEnum):
    client = "client"
    internal = "internal"


class _Visible(Protocol):
    @property
    def visibility(self) -> Visibility: ...


V = TypeVar("V", bound=_Visible)


def client_visible(records: Iterable[V]) -> tuple[V, ...]:
    return tuple(r for r in records if r.visibility == Visibility.client)


def _client_project(project: Project) -> Project:
    communication = project.communication
    return project.model_copy(
        update={
            "budget": None,
            "goals": list(client_visible(project.goals)),
            "milestones": list(client_visible(project.milestones)),
            "deliverables": list(client_visible(project.deliverables)),
            "handover": list(client_visible(project.handover)),
            "team": [TeamMember(person=m.person, role=m.role) for m in project.team],
            "communication": Communication(
                channels=communication.channels,
                meetings=list(client_visible(communication.meetings)),
                contacts=communication.contacts,
            ),
        }
    )


def _client_retrospective(retro: Retrospective | None, shared: bool) -> Retrospective | None:
    """The points marked for the client; never the team's performance (it appraises people)."""
    if retro is None or not shared:
        return None
    return retro.model_copy(
        update={
            "went_well": list(client_visible(retro.went_well)),
            "to_improve": list(client_visible(retro.to_improve)),
            "lessons": list(client_visible(retro.lessons)),
            "problems": list(client_visible(retro.problems)),
            "actions": list(client_visible(retro.actions)),
            "team_performance": None,
            "body": retro.body if retro.narrative_visibility == Visibility.client else "",
        }
    )


def _client_change(change: ChangeRequest) -> ChangeRequest:
    """A change request's price reaches the client only when the PM opted in."""
    if change.cost_visibility == Visibility.client:
        return change
    return change.model_copy(update={"impact": change.impact.model_copy(update={"cost": None})})


def client_slice(data: ProjectData) -> ProjectData:
    """The project with only its client-visible records; no money, no allocations."""
    project = data.project
    return replace(
        data,
        project=_client_project(project),
        tasks=client_visible(data.tasks),
        risks=client_visible(data.risks),
        changes=tuple(_client_change(c) for c in client_visible(data.changes)),
        costs=(),
        updates=client_visible(data.updates),
        meetings=client_visible(data.meetings),
        notes=client_visible(data.notes),
        retrospective=_client_retrospective(data.retrospective, project.sharing.retrospective),
    )


def for_audience(data: ProjectData, audience: Audience) -> ProjectData:
    return client_slice(data) if audience == Audience.client else data
