"""What each job carries to its worker, read once per build by the parent process.

A worker needs no folder of the workspace: on a dask cluster it may be another machine.
So the parent reads every file a job's render would read (the reading side is
generator/render/sources.py) and puts it into the job:

- a site job: the templates (site/ and any the workspace adds outside the built-in folders),
  the theme's stylesheet and script, the logo, its projects' survey exports parsed, and for
  the internal dashboard the closed projects' archives;
- a report job: the templates (reports/ and the workspace's additions), the logo, and its
  project's survey exports parsed.

Each file is read once per build (`Inputs` keeps what it read) and parsed exports are kept
by content across builds (the preview builds on every edit). A file that cannot be read
stops the build with its name (render.sources.UnreadableFile), in the parent or the worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from generator.errors import ContentError, display_path
from generator.model.portfolio import Portfolio
from generator.model.project import ProjectStatus
from generator.model.survey import Survey
from generator.render import sources
from generator.render.sources import THEME_FILES, Sources, UnreadableFile
from generator.workspace import Workspace

# Template folders a job of each stage never loads: the other outputs' and the scaffold's.
_NOT_SITE = ("init/", "email/", "reports/", "static/")
_NOT_REPORTS = ("init/", "email/", "site/", "static/")
_PARSED_KEPT = 256  # parsed survey exports kept between builds, by content

Parsed = Survey | tuple[ContentError, ...]
_parsed: dict[tuple[str, str], Parsed] = {}


class Inputs:
    """The files of one build's jobs, each read once."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._templates: dict[tuple[str, ...], dict[str, str]] = {}
        self._theme: dict[str, bytes] | None = None
        self._files: dict[str, bytes | None] = {}
        self._surveys: dict[str, Parsed] = {}

    def for_site(self, portfolio: Portfolio, internal: bool) -> Sources:
        files = self._logo(portfolio)
        if internal:
            from generator.archive import archive_path  # late: a no-change build never needs it

            for key, data in portfolio.projects.items():
                if data.project.status == ProjectStatus.closed:
                    path = archive_path(self.workspace, key)
                    files[str(path)] = self._optional(path)
        return Sources(
            templates=self._templates_without(_NOT_SITE),
            theme=self._theme_files(),
            files=files,
            surveys=self._surveys_of(portfolio),
        )

    def for_report(self, portfolio: Portfolio) -> Sources:
        return Sources(
            templates=self._templates_without(_NOT_REPORTS),
            files=self._logo(portfolio),
            surveys=self._surveys_of(portfolio),
        )

    def _templates_without(self, skip: tuple[str, ...]) -> dict[str, str]:
        if skip not in self._templates:
            self._templates[skip] = sources.template_files(self.workspace, skip)
        return self._templates[skip]

    def _theme_files(self) -> dict[str, bytes]:
        if self._theme is None:
            self._theme = {name: sources.theme_file(name) for name in THEME_FILES}
        return self._theme

    def _logo(self, portfolio: Portfolio) -> dict[str, bytes | None]:
        rel = portfolio.site.branding.logo
        if not rel:
            return {}
        path = str(self.workspace.root / rel)
        if path not in self._files:
            self._files[path] = sources.logo(self.workspace, rel)
        return {path: self._files[path]} if self._files[path] is not None else {}

    def _optional(self, path: Path) -> bytes | None:
        if str(path) not in self._files:
            self._files[str(path)] = sources.optional_file(self.workspace, path)
        return self._files[str(path)]

    def _surveys_of(self, portfolio: Portfolio) -> dict[str, Parsed]:
        return {rel: self._survey(rel) for rel in _survey_files(portfolio)}

    def _survey(self, rel: str) -> Parsed:
        if rel not in self._surveys:
            self._surveys[rel] = _parse(self.workspace, rel)
        return self._surveys[rel]


def _survey_files(portfolio: Portfolio) -> Iterable[str]:
    for data in portfolio.projects.values():
        yield from data.survey_files


def _parse(workspace: Workspace, rel: str) -> Parsed:
    """The export parsed, or the errors in its content; kept by the bytes of the export and
    of the mapping beside it, so an unchanged export is parsed once while `serve` runs."""
    from generator.load.surveys import mapping_path_for

    path = workspace.root / rel
    mapping = mapping_path_for(path)
    try:
        sha = hashlib.sha256(path.read_bytes())
        sha.update(mapping.read_bytes() if mapping.is_file() else b"")
    except OSError as exc:
        shown = display_path(Path(exc.filename), workspace.root) if exc.filename else rel
        raise UnreadableFile(shown, exc) from None
    key = (str(path), sha.hexdigest())
    if key not in _parsed:
        if len(_parsed) >= _PARSED_KEPT:
            _parsed.pop(next(iter(_parsed)))
        _parsed[key] = sources.survey_or_errors(workspace.root, rel)
    return _parsed[key]
