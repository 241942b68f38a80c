"""The whole workspace as one validated value."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import ContentError
from generator.model.documents import MeetingNote, Note, Retrospective, Update
from generator.model.project import Project
from generator.model.records import ChangeRequest, Cost, Risk, Task
from generator.model.site import Client, Person, Site


@dataclass(frozen=True)
class ProjectData:
    """One project with every register and document that belongs to it."""

    project: Project
    tasks: tuple[Task, ...] = ()
    risks: tuple[Risk, ...] = ()
    changes: tuple[ChangeRequest, ...] = ()
    costs: tuple[Cost, ...] = ()
    updates: tuple[Update, ...] = ()  # oldest first
    meetings: tuple[MeetingNote, ...] = ()
    notes: tuple[Note, ...] = ()
    retrospective: Retrospective | None = None
    survey_files: tuple[str, ...] = ()  # workspace-relative paths of survey exports

    @property
    def id(self) -> str:
        return self.project.id


@dataclass(frozen=True)
class Portfolio:
    site: Site
    people: dict[str, Person]
    clients: dict[str, Client]
    projects: dict[str, ProjectData] = field(default_factory=dict)
    # valid but probably mistaken values, printed by validate and build as warnings
    warnings: tuple[ContentError, ...] = ()

    def projects_of(self, client_id: str) -> list[ProjectData]:
        return [p for p in self.projects.values() if p.project.client == client_id]

    def locale_of(self, data: ProjectData) -> str:
        client = self.clients[data.project.client]
        return data.project.locale or client.locale or self.site.locale
