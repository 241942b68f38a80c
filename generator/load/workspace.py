"""Read a whole workspace into one validated Portfolio, collecting every error on the way."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.front_matter import load_front_matter
from generator.load.images import allowed_suffixes, is_image
from generator.load.links import check_markdown_links, escapes
from generator.load.references import check_references
from generator.load.validation import validate
from generator.load.yaml_source import Sources, load_yaml_file
from generator.model.documents import MeetingNote, Note, Retrospective, Update
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Project
from generator.model.records import Changes, Costs, Risks, Tasks
from generator.model.site import Client, People, Site
from generator.workspace import Workspace

M = TypeVar("M", bound=BaseModel)

SURVEY_SUFFIXES = {".csv", ".xlsx", ".tsv", ".txt"}


class _Reader:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.errors: list[ContentError] = []
        self.sources = Sources()

    def rel(self, file: Path) -> str:
        return self.ws.relative(file) if self.ws.inside(file) else str(file)

    def files(self, folder: Path, pattern: str) -> list[Path]:
        """Files in a content folder, sorted; symlinks leading out of the workspace are refused."""
        if not folder.is_dir():
            return []
        found = []
        for file in sorted(folder.glob(pattern)):
            if file.name.startswith("."):
                continue
            if not self.ws.inside(file):
                self.errors.append(
                    ContentError(
                        f"{self.ws.relative(file.parent)}/{file.name}",
                        0,
                        0,
                        tr("this file links outside the workspace; milepost will not read it"),
                        tr("copy the file into the workspace instead of linking to it"),
                    )
                )
                continue
            found.append(file)
        return found

    def yaml_model(self, file: Path, model: type[M], **extra: Any) -> M | None:
        path = self.rel(file)
        data, source, errors = load_yaml_file(file, path)
        self.sources.by_file[path] = source
        self.errors.extend(errors)
        if data is None and errors:
            return None
        if isinstance(data, dict):
            data = {**data, **extra}
        elif data is None and extra:
            data = dict(extra)
        result, more = validate(model, data, source)
        # a value already reported while reading (a bad date) is not reported twice
        reported = {(e.line, e.column) for e in errors}
        self.errors.extend(e for e in more if (e.line, e.column) not in reported)
        return result if not errors else None

    def document(self, file: Path, model: type[M]) -> M | None:
        path = self.rel(file)
        meta, body, source, errors = load_front_matter(file, path)
        self.sources.by_file[path] = source
        if errors or meta is None:
            self.errors.extend(errors)
            return None
        for reserved in ("body", "source"):
            if reserved in meta:
                self.errors.append(
                    source.error(
                        (reserved,),
                        tr("'{key}' is not a front matter key", key=reserved),
                        tr("remove it"),
                    )
                )
                return None
        result, errors = validate(model, {**meta, "body": body, "source": path}, source)
        self.errors.extend(errors)
        self.errors.extend(check_markdown_links(file.read_text(encoding="utf-8-sig"), path))
        return result

    def logo(self, logo: str) -> None:
        """The logo must be an image inside the workspace (it is copied into every portal)."""
        source = self.sources.by_file["content/site.yaml"]
        file = self.ws.root / logo
        if escapes(logo) or not self.ws.inside(file):
            message = tr("the logo '{path}' is outside the workspace", path=logo)
            hint = tr("copy the image into the workspace, e.g. content/assets/, and name that path")
        elif not file.is_file():
            message = tr("the logo '{path}' does not exist", path=logo)
            hint = tr("the path is relative to the workspace folder, e.g. content/assets/logo.svg")
        elif not is_image(file):
            message = tr("the logo '{path}' is not an image", path=logo)
            hint = tr(
                "name a PNG, JPEG, SVG, WebP or GIF file ({suffixes}); it is copied into every "
                "client portal",
                suffixes=allowed_suffixes(),
            )
        else:
            return
        self.errors.append(source.error(("branding", "logo"), message, hint))

    def survey(self, rel: str) -> None:
        """Read a survey export once so that validate reports a damaged one (file:line)."""
        from generator.load.surveys import read_survey

        try:
            read_survey(self.ws.root / rel, display=rel)
        except ContentErrors as exc:
            self.errors.extend(exc.errors)

    def required(self, file: Path, what: str) -> bool:
        if _present(file):
            return True
        self.errors.append(
            ContentError(
                self.rel(file),
                0,
                0,
                tr("{what} is missing", what=what),
                tr("create {path}", path=self.rel(file)),
            )
        )
        return False


def load_workspace(root: Path) -> Portfolio:
    """Load and check everything under root/content; raise ContentErrors listing every problem."""
    workspace = Workspace(root)
    reader = _Reader(workspace)
    content = workspace.content
    if not content.is_dir():
        raise ContentErrors(
            [
                ContentError(
                    str(root),
                    0,
                    0,
                    tr("this folder has no content/ folder, so it is not a milepost workspace"),
                    tr("run 'milepost init' to create one, or pass --workspace DIR"),
                )
            ]
        )

    site = None
    if reader.required(content / "site.yaml", tr("the site settings file")):
        site = reader.yaml_model(content / "site.yaml", Site)
    people_doc = None
    if reader.required(content / "people.yaml", tr("the team file")):
        people_doc = reader.yaml_model(content / "people.yaml", People)

    clients: dict[str, Client] = {}
    client_files = reader.files(content / "clients", "*.yaml")
    for file in client_files:
        client = reader.yaml_model(file, Client, id=file.stem)
        if client:
            clients[client.id] = client

    projects: dict[str, ProjectData] = {}
    for folder in reader.files(content / "projects", "*"):
        if folder.is_dir():
            data = _load_project(reader, folder)
            if data:
                projects[data.id] = data

    if site is not None and site.branding.logo:
        reader.logo(site.branding.logo)
    if site is None or people_doc is None:
        raise ContentErrors(reader.errors)
    people = {p.id: p for p in people_doc.people}
    portfolio = Portfolio(site=site, people=people, clients=clients, projects=projects)
    known_clients = {f.stem for f in client_files}  # an invalid client file is reported once
    reader.errors.extend(check_references(portfolio, people_doc, reader.sources, known_clients))
    if reader.errors:
        raise ContentErrors(reader.errors)
    return portfolio


def _load_project(reader: _Reader, folder: Path) -> ProjectData | None:
    if not reader.required(folder / "project.yaml", "project.yaml"):
        return None
    project = reader.yaml_model(folder / "project.yaml", Project, id=folder.name)

    def register(name: str, model: type[M]) -> M | None:
        file = folder / name
        return reader.yaml_model(file, model) if _present(file) else None

    tasks = register("tasks.yaml", Tasks)
    risks = register("risks.yaml", Risks)
    changes = register("changes.yaml", Changes)
    costs = register("costs.yaml", Costs)
    updates = _documents(reader, reader.files(folder / "updates", "*.md"), Update)
    meetings = _documents(reader, reader.files(folder / "meetings", "*.md"), MeetingNote)
    notes = _documents(reader, reader.files(folder / "notes", "*.md"), Note)
    retro = None
    if _present(folder / "retrospective.md"):
        retro = reader.document(folder / "retrospective.md", Retrospective)
    survey_folder = reader.files(folder / "surveys", "*")
    exports = {f.stem for f in survey_folder if f.suffix.lower() in SURVEY_SUFFIXES}
    # a .yaml beside an export of the same name is its mapping; alone, it is a survey itself
    # an export that is not a regular file (a pipe) is read too, so that it is reported
    surveys = tuple(
        reader.rel(f)
        for f in survey_folder
        if (f.suffix.lower() in SURVEY_SUFFIXES and not f.is_dir())
        or (f.is_file() and f.suffix == ".yaml" and f.stem not in exports)
    )
    for survey in surveys:
        reader.survey(survey)
    if project is None:
        return None
    return ProjectData(
        project=project,
        tasks=tuple(tasks.tasks) if tasks else (),
        risks=tuple(risks.risks) if risks else (),
        changes=tuple(changes.changes) if changes else (),
        costs=tuple(sorted(costs.costs, key=lambda c: c.date)) if costs else (),
        updates=tuple(sorted(updates, key=lambda u: (u.date, u.source))),
        meetings=tuple(sorted(meetings, key=lambda m: (m.date, m.source))),
        notes=tuple(sorted(notes, key=lambda n: (n.date, n.source))),
        retrospective=retro,
        survey_files=surveys,
    )


def _present(file: Path) -> bool:
    """There, as a file or as something else that is not a folder (a pipe is then named)."""
    return file.exists() and not file.is_dir()


def _documents(reader: _Reader, files: Iterable[Path], model: type[M]) -> list[M]:
    loaded = (reader.document(f, model) for f in files)
    return [doc for doc in loaded if doc is not None]
