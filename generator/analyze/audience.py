"""What a client may see of a project: the one place where client outputs are filtered.

Every client page, feed, JSON file, PDF and e-mail is rendered from `client_slice`, never
from the full project, so an internal record cannot reach a client by a template's mistake.
Costs, cost rates and people's allocations are internal whatever their flags say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from typing import Protocol, TypeVar

from generator.model.base import Visibility
from generator.model.portfolio import ProjectData
from generator.model.project import Communication, Project, TeamMember


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


def client_slice(data: ProjectData) -> ProjectData:
    """The project with only its client-visible records; no money, no allocations."""
    project = data.project
    return replace(
        data,
        project=_client_project(project),
        tasks=client_visible(data.tasks),
        risks=client_visible(data.risks),
        changes=client_visible(data.changes),
        costs=(),
        updates=client_visible(data.updates),
        meetings=client_visible(data.meetings),
        notes=client_visible(data.notes),
        retrospective=data.retrospective if project.sharing.retrospective else None,
    )


def for_audience(data: ProjectData, audience: Audience) -> ProjectData:
    return client_slice(data) if audience == Audience.client else data
