"""Read a whole workspace into one validated Portfolio, collecting every error on the way.

Just over 400 lines: the order of reading (site, people, clients, each project's files,
then references) is the one thing a reader of this module needs to see whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.files import not_regular_file
from generator.load.front_matter import body_lines, parse_front_matter, read_text
from generator.load.images import allowed_suffixes, is_image
from generator.load.links import check_markdown_links, escapes
from generator.load.markdown_limits import limits_hint, markdown_too_complex
from generator.load.plausibility import plausibility_warnings
from generator.load.references import check_references
from generator.load.validation import validate_lenient
from generator.load.yaml_source import Sources, load_yaml_file
from generator.model.base import RESERVED_SLUGS, SLUG_PATTERN
from generator.model.documents import MeetingNote, Note, Retrospective, Update
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Project
from generator.model.records import Changes, Costs, Risks, Tasks
from generator.model.site import Client, People, Site
from generator.workspace import Workspace

M = TypeVar("M", bound=BaseModel)

_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_. ].*)?\.md$")
SURVEY_SUFFIXES = {".csv", ".xlsx", ".tsv", ".txt"}
SLUG = re.compile(SLUG_PATTERN)


class _Reader:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.errors: list[ContentError] = []
        self.sources = Sources()
        self.refusals: set[Path] = set()
        # ids of records left out of a file with errors: references to them are not errors
        self.unreadable_ids: dict[str, set[str]] = {}
        self.warnings: list[ContentError] = []

    def rel(self, file: Path) -> str:
        return self.ws.relative(file) if self.ws.inside(file) else self.shown(file)

    def shown(self, file: Path) -> str:
        """The path as the user wrote it, relative to the workspace, links not followed."""
        try:
            return file.relative_to(self.ws.root).as_posix()
        except ValueError:
            return str(file)

    def refused(self, file: Path) -> bool:
        """Report (once) and return True for a file milepost must not read: a link that
        leads out of the workspace, or a pipe, socket or device (reading one hangs)."""
        if file in self.refusals:
            return True
        error = None
        if not self.ws.inside(file):
            error = ContentError(
                self.shown(file),
                0,
                0,
                tr("this file links outside the workspace; milepost will not read it"),
                tr("copy the file into the workspace instead of linking to it"),
            )
        else:
            try:
                mode = file.stat().st_mode
            except OSError:
                return False  # missing: the caller says what it needed
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                error = not_regular_file(self.shown(file))
        if error is None:
            return False
        self.refusals.add(file)
        self.errors.append(error)
        return True

    def present(self, file: Path) -> bool:
        """True for a file that exists (a dangling link too) and may be read."""
        return os.path.lexists(file) and not self.refused(file)

    def files(self, folder: Path, pattern: str) -> list[Path]:
        """Entries of a content folder, sorted; links out of the workspace, pipes and devices
        are refused with a message and never opened."""
        if not folder.is_dir() or self.refused(folder):
            return []
        return [
            file
            for file in sorted(folder.glob(pattern))
            if not file.name.startswith(".") and not self.refused(file)
        ]

    def yaml_model(self, file: Path, model: type[M], **extra: Any) -> M | None:
        if self.refused(file):
            return None
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
        result, more, salvaged = validate_lenient(model, data, source)
        # a value already reported while reading (a bad date) is not reported twice
        reported = {(e.line, e.column) for e in errors}
        self.errors.extend(e for e in more if (e.line, e.column) not in reported)
        if salvaged is not None:
            self.unreadable_ids[path] = salvaged.dropped_ids
            self.sources.originals[path] = salvaged.original
        return result  # with errors, the valid part: only checked across files, never used

    def document(self, file: Path, model: type[M]) -> M | None:
        if self.refused(file):
            return None
        path = self.rel(file)
        text, errors = read_text(file, path)
        if errors:
            self.errors.extend(errors)
            return None
        meta, body, source, errors = parse_front_matter(text, path)
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
        result, errors, _salvaged = validate_lenient(
            model, {**meta, "body": body, "source": path}, source
        )
        self.errors.extend(errors)
        self.errors.extend(check_markdown_links(text, path))
        body_text, before = body_lines(text)  # only the body is Markdown
        too_complex = markdown_too_complex(body_text)
        if too_complex is not None:
            line = before + too_complex.line
            self.errors.append(ContentError(path, line, 1, too_complex.message, limits_hint()))
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
        from generator.load.surveys import mapping_path_for, read_survey

        file = self.ws.root / rel
        if self.refused(file) or self.refused(mapping_path_for(file)):
            return
        try:
            read_survey(file, display=rel)
        except ContentErrors as exc:
            self.errors.extend(exc.errors)

    def update_name(self, update: Update) -> None:
        """An update is named after its date (2026-11-20.md, 2026-11-20-client.md): warn when
        the name is no date, or another date than the one in its front matter."""
        name = Path(update.source).name
        match = _DATED_NAME.match(name)
        named = None
        if match:
            try:
                named = dt.date.fromisoformat(match[1])
            except ValueError:
                named = None
        if named == update.date:
            return
        if named is None:
            message = tr("the file name '{name}' is not a date", name=name)
        else:
            message = tr(
                "the file name says {named}, but date: says {date}",
                named=named.isoformat(),
                date=update.date.isoformat(),
            )
        hint = tr(
            "name an update after its date, e.g. {name}; the date: line is what counts",
            name=f"{update.date.isoformat()}.md",
        )
        self.warnings.append(self.sources.error(update.source, ("date",), message, hint))

    def required(self, file: Path, what: str) -> bool:
        if self.refused(file):
            return False
        if file.is_file():
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
    return read_workspace(root)[0]


def read_workspace(root: Path) -> tuple[Portfolio, Sources]:
    """The workspace and where each of its values sits in the files (for later checks)."""
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
    ids = _Ids(reader)
    all_client_files = reader.files(content / "clients", "*.yaml")
    client_files = [f for f in all_client_files if ids.usable(f, f.stem, "client")]
    for file in client_files:
        client = reader.yaml_model(file, Client, id=file.stem)
        if client:
            clients[client.id] = client

    projects: dict[str, ProjectData] = {}
    for folder in reader.files(content / "projects", "*"):
        if folder.is_dir() and ids.usable(folder, folder.name, "project"):
            data = _load_project(reader, folder)
            if data:
                projects[data.id] = data

    if site is not None and site.branding.logo:
        reader.logo(site.branding.logo)
    if site is None or people_doc is None:
        raise ContentErrors(reader.errors)
    people = {p.id: p for p in people_doc.people}
    portfolio = Portfolio(site=site, people=people, clients=clients, projects=projects)
    known_clients = {f.stem for f in all_client_files}  # a refused client is reported once
    reader.errors.extend(
        check_references(
            portfolio, people_doc, reader.sources, known_clients, reader.unreadable_ids
        )
    )
    if reader.errors:
        raise ContentErrors(reader.errors)
    warnings = plausibility_warnings(portfolio, reader.sources) + reader.warnings
    return dataclasses.replace(portfolio, warnings=tuple(sorted(warnings))), reader.sources


class _Ids:
    """Client and project ids come from file and folder names and name folders of the output:
    they must be plain slugs, not a folder the output uses, and unique ignoring case (on
    macOS and Windows `Acme` and `acme` are the same folder)."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.seen: dict[tuple[str, str], str] = {}

    def usable(self, path: Path, name: str, kind: str) -> bool:
        problem, hint = self._problem(name, kind)
        if problem:
            self.reader.errors.append(ContentError(self.reader.shown(path), 0, 0, problem, hint))
            return False
        self.seen[(kind, name.casefold())] = name
        return True

    def _problem(self, name: str, kind: str) -> tuple[str, str]:
        suggestion = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-_") or "my-" + kind
        rename = tr("rename it, for example to '{name}'", name=suggestion)
        if not SLUG.match(name) or len(name) > 64:
            messages = {
                "client": tr(
                    "'{name}' cannot be a client id: use letters, digits, '-' and '_' "
                    "(it names folders and pages of the output)",
                    name=name,
                ),
                "project": tr(
                    "'{name}' cannot be a project id: use letters, digits, '-' and '_' "
                    "(it names folders and pages of the output)",
                    name=name,
                ),
            }
            return messages[kind], rename
        if name.casefold() in RESERVED_SLUGS:
            return tr("'{name}' is a name milepost's output uses itself", name=name), rename
        other = self.seen.get((kind, name.casefold()))
        if other is not None:
            return (
                tr(
                    "'{name}' differs from '{other}' only in upper and lower case; "
                    "they would be the same folder on macOS and Windows",
                    name=name,
                    other=other,
                ),
                tr("rename one of them"),
            )
        return "", ""


def _load_project(reader: _Reader, folder: Path) -> ProjectData | None:
    if not reader.required(folder / "project.yaml", "project.yaml"):
        return None
    project = reader.yaml_model(folder / "project.yaml", Project, id=folder.name)

    def register(name: str, model: type[M]) -> M | None:
        file = folder / name
        return reader.yaml_model(file, model) if reader.present(file) else None

    tasks = register("tasks.yaml", Tasks)
    risks = register("risks.yaml", Risks)
    changes = register("changes.yaml", Changes)
    costs = register("costs.yaml", Costs)
    updates = _documents(reader, reader.files(folder / "updates", "*.md"), Update)
    for update in updates:
        reader.update_name(update)
    meetings = _documents(reader, reader.files(folder / "meetings", "*.md"), MeetingNote)
    notes = _documents(reader, reader.files(folder / "notes", "*.md"), Note)
    retro = None
    if reader.present(folder / "retrospective.md"):
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


def _documents(reader: _Reader, files: Iterable[Path], model: type[M]) -> list[M]:
    loaded = (reader.document(f, model) for f in files)
    return [doc for doc in loaded if doc is not None]
