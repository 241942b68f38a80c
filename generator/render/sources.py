"""What a render reads besides its model: templates, the theme's static files, the logo,
survey exports and the archives the dashboard lists.

In a build, the parent process reads them and each job carries them to its worker
(`Sources`, made current for the job by `carrying`), so a worker on another machine that
cannot see the workspace's folder renders the same bytes as a local one. Outside a job
(`milepost report`, `send`, tests) they are read from disk, and so is anything a job was
not given. A file that cannot be read is an `UnreadableFile` naming it: the build stops
rather than publish a page or a report without its logo or its survey results.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.errors import ContentError, ContentErrors, display_path
from generator.i18n import tr
from generator.model.survey import Survey
from generator.workspace import BUILTIN_TEMPLATES, Workspace, template_dirs

# The theme files render/site.py (static_files) reads as bytes.
THEME_FILES = ("static/site.css", "static/sortable.js")


@dataclass(frozen=True)
class Sources:
    """Inputs a job carries to its worker."""

    templates: Mapping[str, str] = field(default_factory=dict)  # name -> source, as resolved
    theme: Mapping[str, bytes] = field(default_factory=dict)  # built-in files: "static/site.css"
    files: Mapping[str, bytes | None] = field(default_factory=dict)  # by path; None: absent
    surveys: Mapping[str, Survey | tuple[ContentError, ...]] = field(default_factory=dict)


class UnreadableFile(ContentErrors):
    """An input the render needs could not be read (missing, no permission, I/O error)."""

    def __init__(self, shown: str, exc: OSError) -> None:
        super().__init__(
            [
                ContentError(
                    shown,
                    0,
                    0,
                    tr("cannot read {file}: {problem}", file=shown, problem=exc.strerror or exc),
                    tr("check that the file exists and can be read; the output was not changed"),
                )
            ]
        )


_CARRIED: ContextVar[Sources | None] = ContextVar("milepost_sources", default=None)


@contextlib.contextmanager
def carrying(sources: Sources | None) -> Iterator[None]:
    """Renders inside the block read `sources` first (None: the disk only)."""
    token = _CARRIED.set(sources)
    try:
        yield
    finally:
        _CARRIED.reset(token)


def carried() -> Sources | None:
    return _CARRIED.get()


# -- templates --------------------------------------------------------------------------------


class TemplateLoader(jinja2.BaseLoader):
    """The workspace's templates over the built-in theme: the carried sources when there
    are any, the disk for a name they lack."""

    def __init__(self, workspace: Workspace) -> None:
        self._sources = carried()
        self._disk = jinja2.FileSystemLoader([str(p) for p in template_dirs(workspace)])

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if self._sources is not None and template in self._sources.templates:
            return self._sources.templates[template], None, lambda: True
        return self._disk.get_source(environment, template)


def template_files(workspace: Workspace, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every template of the search path by name, resolved as the loader does (the
    workspace's file first); names under the folders in `skip` are left out."""
    found: dict[str, str] = {}
    for folder in template_dirs(workspace):
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if name in found or not path.is_file() or name.startswith(skip):
                continue
            try:
                found[name] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # not a template (an image beside them): the loader cannot use it
            except OSError as exc:
                raise UnreadableFile(display_path(path, workspace.root), exc) from None
    return found


# -- files ------------------------------------------------------------------------------------


def theme_file(name: str) -> bytes:
    """A file of the built-in theme read as bytes, e.g. "static/site.css"."""
    sources = carried()
    if sources is not None and name in sources.theme:
        return sources.theme[name]
    path = BUILTIN_TEMPLATES / name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(str(path), exc) from None


def logo(workspace: Workspace, rel: str | None) -> bytes | None:
    """The logo's bytes; None when the site names none (or one outside the workspace,
    which loading refuses)."""
    if not rel:
        return None
    path = workspace.root / rel
    sources = carried()
    if sources is not None and str(path) in sources.files:
        return sources.files[str(path)]
    if not workspace.inside(path):
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(rel, exc) from None


def optional_file(workspace: Workspace, path: Path) -> bytes | None:
    """A file that may rightly be absent (a project not yet archived): None then."""
    sources = carried()
    if sources is not None and str(path) in sources.files:
        return sources.files[str(path)]
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnreadableFile(display_path(path, workspace.root), exc) from None


# -- survey exports ---------------------------------------------------------------------------


def survey(root: Path, rel: str) -> Survey:
    """One survey export, read and parsed; ContentErrors for what is wrong in it, and
    UnreadableFile when it cannot be read at all."""
    sources = carried()
    if sources is not None and rel in sources.surveys:
        found = sources.surveys[rel]
        if isinstance(found, Survey):
            return found
        raise ContentErrors(list(found))
    return parse_survey(root, rel)


def parse_survey(root: Path, rel: str) -> Survey:
    from generator.load.surveys import read_survey

    try:
        return read_survey(root / rel, display=rel)
    except OSError as exc:
        raise UnreadableFile(rel, exc) from None


def survey_or_errors(root: Path, rel: str) -> Survey | tuple[ContentError, ...]:
    """What a job carries for an export: the survey, or the errors found in its content."""
    try:
        return parse_survey(root, rel)
    except UnreadableFile:
        raise
    except ContentErrors as exc:
        return tuple(exc.errors)


def fetcher_files(sources: Sources | None) -> dict[str, bytes]:
    """Carried workspace files by file: URL, for WeasyPrint's fetcher."""
    if sources is None:
        return {}
    return {
        Path(p).absolute().as_uri(): data for p, data in sources.files.items() if data is not None
    }
