"""The build plan: every output is a Job keyed by a hash of exactly what it depends on.

A job is a plain picklable work item: a runner (named "module:function", imported where
the job runs), the workspace, a payload holding the job's slice of the model, and the
output paths it owns. Its key hashes that slice, the settings it reads, the files it reads
outside the model (logo, static assets, survey exports), and milepost itself (version
and the hash of its code and message catalogs). Templates are not in the key: the worker
records the templates a job loaded and the cache stores their hashes with the result;
the next build checks those hashes against the templates on disk (Lektor's approach).

A report sees its project as it stood at the end of its period (snapshot.as_of), so its
payload and its key are that snapshot: editing this week's update leaves last month's
report alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import importlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from generator import __version__
from generator.build.inputs import Inputs
from generator.model.portfolio import Portfolio, ProjectData
from generator.render.sources import Sources
from generator.workspace import PACKAGE_DIR, Workspace, template_dirs

SITE = "site"
REPORTS = "reports"
STAGES = (SITE, REPORTS)


@dataclass(frozen=True)
class Output:
    """What a runner returns: files by output relpath, and warnings worth showing."""

    files: dict[str, bytes]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    """One unit of work. `outputs` are exact relpaths, or folders ending in '/' it owns."""

    stage: str
    kind: str
    label: str
    runner: str
    workspace: Workspace
    payload: Any
    outputs: tuple[str, ...]
    key: str
    sources: Sources | None = None  # what the worker reads besides the payload (materialize)

    def owns(self, relpath: str) -> bool:
        return any(
            relpath.startswith(out) if out.endswith("/") else relpath == out for out in self.outputs
        )


def resolve(runner: str) -> Callable[[Workspace, Any], Output]:
    module, _, name = runner.partition(":")
    func: Callable[[Workspace, Any], Output] = getattr(importlib.import_module(module), name)
    return func


# -- fingerprints ---------------------------------------------------------------------------


def _canon(value: Any) -> Any:
    """A JSON-able, order-independent form of model values (sets sorted, dates as text)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canon(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_canon(v) for v in value)
    if isinstance(value, enum.Enum):
        return _canon(value.value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    return value


def digest(*parts: Any) -> str:
    text = json.dumps(_canon(parts), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def code_fingerprint() -> str:
    """milepost's version and the hash of its code and catalogs: a change to either
    (even without a version bump, as in development) invalidates every cached result."""
    sha = hashlib.sha256(__version__.encode())
    for pattern in ("**/*.py", "locale/**/*.po", "locale/**/*.mo"):
        for file in sorted(PACKAGE_DIR.glob(pattern)):
            if "__pycache__" in file.parts:
                continue
            sha.update(file.relative_to(PACKAGE_DIR).as_posix().encode())
            sha.update(file.read_bytes())
    return sha.hexdigest()


def static_fingerprint(workspace: Workspace) -> str:
    """Files the site copies without Jinja (CSS, scripts): the loader cannot record them."""
    parts = []
    for folder in template_dirs(workspace):
        for file in sorted((folder / "static").rglob("*")):
            if file.is_file():
                parts.append((file.relative_to(folder).as_posix(), file_digest(file)))
    return digest(parts)


def archive_fingerprint(workspace: Workspace, portfolio: Portfolio) -> str:
    """The closed projects' archives in output/archive/, which the dashboard lists with their
    hashes: archiving a project (outside the build) must refresh the cached dashboard."""
    from generator.render.archive_list import archive_file

    closed = sorted(k for k, d in portfolio.projects.items() if d.project.status == "closed")
    return digest([(k, file_digest(archive_file(workspace, k))) for k in closed])


class Fingerprints:
    """Hashes of model values for one planning pass, each project computed once."""

    def __init__(self, workspace: Workspace, portfolio: Portfolio) -> None:
        self.workspace = workspace
        self.portfolio = portfolio
        self.code = code_fingerprint()
        site = portfolio.site
        logo = workspace.root / site.branding.logo if site.branding.logo else None
        logo = logo if logo and workspace.inside(logo) else None  # the loader refuses others
        self.settings = digest(site, portfolio.people, logo and file_digest(logo))
        self._projects: dict[str, str] = {}
        self._clients = {key: digest(c) for key, c in portfolio.clients.items()}

    def project(self, data: ProjectData) -> str:
        """The project's records, and the bytes of its survey exports (read when rendering)."""
        found = self._projects.get(data.id)
        if found is None:
            surveys = [(f, file_digest(self.workspace.root / f)) for f in data.survey_files]
            found = self._projects[data.id] = digest(data, surveys)
        return found

    def snapshot(self, data: ProjectData) -> str:
        """A snapshot is a new value each time: not memoised by id."""
        surveys = [(f, file_digest(self.workspace.root / f)) for f in data.survey_files]
        return digest(data, surveys)

    def client(self, client_id: str) -> str:
        return self._clients[client_id]

    def portfolio_of(self, projects: Iterable[ProjectData], clients: Iterable[str]) -> str:
        return digest(
            self.settings,
            sorted((c, self._clients[c]) for c in clients),
            sorted((p.id, self.project(p)) for p in projects),
        )


def key_of(fp: Fingerprints, kind: str, *parts: Any) -> str:
    return digest(kind, fp.code, fp.settings, *parts)


# -- templates ------------------------------------------------------------------------------


class Templates:
    """Current hashes of templates by name, resolved like the build's Jinja loader."""

    def __init__(self, workspace: Workspace) -> None:
        from generator.render.environment import template_hash

        self._hash = template_hash
        self._loader = jinja2.FileSystemLoader([str(p) for p in template_dirs(workspace)])
        self._env = jinja2.Environment()
        self._known: dict[str, str | None] = {}

    def current(self, name: str) -> str | None:
        if name not in self._known:
            try:
                source, _, _ = self._loader.get_source(self._env, name)
                self._known[name] = self._hash(source)
            except jinja2.TemplateNotFound:
                self._known[name] = None
        return self._known[name]

    def unchanged(self, recorded: dict[str, str]) -> bool:
        return all(self.current(name) == sha for name, sha in recorded.items())


# -- the site -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SitePayload:
    portfolio: Portfolio
    as_of: dt.date
    client: str | None  # None: the internal dashboard
    project: str | None = None  # None: the tree's home page, stylesheet and logo
    single: bool = False  # the project is its portal's only one


def site_jobs(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date, fp: Fingerprints
) -> list[Job]:
    """The internal dashboard and each client portal, each as a job for its home page and
    one per project folder: an edited update renders its project's pages and the two home
    pages again, not the whole site.

    A job sees only what its pages may show: a portal's home page a portfolio holding the
    client's projects, a project folder one holding that project alone (and its client);
    what it cannot see cannot change it.
    """
    statics = static_fingerprint(workspace)
    everything = fp.portfolio_of(portfolio.projects.values(), portfolio.clients)
    jobs = [
        _site_job(
            workspace,
            "internal dashboard",
            SitePayload(portfolio, as_of, None),
            ("internal/index.html", "internal/robots.txt", "internal/static/"),
            key_of(
                fp,
                "site-internal",
                as_of,
                statics,
                archive_fingerprint(workspace, portfolio),
                everything,
            ),
        )
    ]
    for key in sorted(portfolio.projects):
        data = portfolio.projects[key]
        alone = _sliced(portfolio, data.project.client, [data])
        jobs.append(
            _site_job(
                workspace,
                f"internal dashboard {key}",
                SitePayload(alone, as_of, None, key),
                (f"internal/{key}/",),
                key_of(
                    fp,
                    "site-internal-project",
                    key,
                    as_of,
                    fp.portfolio_of([data], [data.project.client]),
                ),
            )
        )
    for client_id in sorted(portfolio.clients):
        projects = portfolio.projects_of(client_id)
        root = f"portals/{client_id}/"
        jobs.append(
            _site_job(
                workspace,
                f"portal {client_id}",
                SitePayload(_sliced(portfolio, client_id, projects), as_of, client_id),
                (root + "index.html", root + "robots.txt", root + "static/"),
                key_of(
                    fp,
                    "site-portal",
                    client_id,
                    as_of,
                    statics,
                    fp.portfolio_of(projects, [client_id]),
                ),
            )
        )
        single = len(projects) == 1
        for data in projects:
            jobs.append(
                _site_job(
                    workspace,
                    f"portal {client_id} {data.id}",
                    SitePayload(
                        _sliced(portfolio, client_id, [data]), as_of, client_id, data.id, single
                    ),
                    (f"{root}{data.id}/",),
                    key_of(
                        fp,
                        "site-portal-project",
                        client_id,
                        data.id,
                        as_of,
                        single,
                        fp.portfolio_of([data], [client_id]),
                    ),
                )
            )
    return jobs


def _sliced(portfolio: Portfolio, client_id: str, projects: Iterable[ProjectData]) -> Portfolio:
    return dataclasses.replace(
        portfolio,
        clients={client_id: portfolio.clients[client_id]},
        projects={p.id: p for p in projects},
    )


def _site_job(
    workspace: Workspace, label: str, payload: SitePayload, outputs: tuple[str, ...], key: str
) -> Job:
    kind = "portal" if payload.client else "internal"
    runner = "generator.build.plan:run_site"
    return Job(SITE, kind, label, runner, workspace, payload, outputs, key)


def run_site(workspace: Workspace, payload: SitePayload) -> Output:
    from generator.render import site

    problems: list[str] = []  # unreadable survey exports: the pages say so, the build warns
    portfolio, as_of, client, project = (
        payload.portfolio,
        payload.as_of,
        payload.client,
        payload.project,
    )
    if client is None:
        files = (
            site.internal_index_files(workspace, portfolio, as_of)
            if project is None
            else site.internal_project_files(workspace, portfolio, project, as_of, problems)
        )
        return Output({f"internal/{rel}": data for rel, data in files.items()}, tuple(problems))
    files = (
        site.portal_index_files(workspace, portfolio, client, as_of)
        if project is None
        else site.portal_project_files(
            workspace, portfolio, client, project, as_of, payload.single, problems
        )
    )
    tree = {f"portals/{client}/{rel}": data for rel, data in files.items()}
    return Output(tree, tuple(problems))


# -- the reports ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPayload:
    portfolio: Portfolio  # site, people, the one client, the project as of the period's end
    job: Any  # generator.analyze.report_schedule.ReportJob


@dataclass(frozen=True)
class PlannedReport:
    """A report job as planned: the whole portfolio by reference, no snapshot yet.

    The snapshot is cut only when the job is handed to a worker (`materialize`), so a
    plan of 1,600 reports holds 1,600 small values, not 1,600 copies of project data."""

    portfolio: Portfolio
    job: Any  # generator.analyze.report_schedule.ReportJob


def materialize(job: Job, inputs: Inputs) -> Job:
    """The job with everything its worker needs, and nothing more (see PlannedReport): its
    payload, and the files its render reads (templates, logo, parsed survey exports...),
    so a worker that cannot see the workspace renders the same bytes (build/inputs.py)."""
    payload = job.payload
    if isinstance(payload, SitePayload):
        carried = inputs.for_site(payload.portfolio, internal=payload.client is None)
        return dataclasses.replace(job, sources=carried)
    if not isinstance(payload, PlannedReport):
        return job
    from generator.analyze import snapshot

    portfolio, report = payload.portfolio, payload.job
    data = snapshot.as_of(portfolio.projects[report.project], report.day)
    sliced = dataclasses.replace(
        portfolio,
        clients={report.client: portfolio.clients[report.client]},
        projects={data.id: data},
    )
    return dataclasses.replace(
        job, payload=ReportPayload(sliced, report), sources=inputs.for_report(sliced)
    )


def report_jobs(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date, fp: Fingerprints
) -> list[Job]:
    from generator.analyze import snapshot
    from generator.analyze.report_schedule import due_reports

    jobs = []
    snapshots: dict[tuple[str, dt.date], str] = {}  # digests only: see PlannedReport
    for report in due_reports(portfolio, as_of):
        at = (report.project, report.day)
        if at not in snapshots:
            data = snapshot.as_of(portfolio.projects[report.project], report.day)
            snapshots[at] = fp.snapshot(data)
        data_fp = snapshots[at]
        jobs.append(
            Job(
                REPORTS,
                f"report-{report.kind.value}",
                report.label,
                "generator.build.plan:run_report",
                workspace,
                PlannedReport(portfolio, report),
                tuple(report.paths),
                key_of(fp, "report", report, fp.client(report.client), data_fp),
            )
        )
    return jobs


def run_report(workspace: Workspace, payload: ReportPayload) -> Output:
    from generator.render.reports import render_report

    problems: list[str] = []
    pdf = render_report(workspace, payload.portfolio, payload.job, problems=problems)
    return Output({path: pdf for path in payload.job.paths}, tuple(problems))


def plan(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date, stages: Iterable[str] = STAGES
) -> list[Job]:
    """Every job of a build at `as_of`, in a stable order."""
    fp = Fingerprints(workspace, portfolio)
    wanted = set(stages)
    jobs: list[Job] = []
    if SITE in wanted:
        jobs += site_jobs(workspace, portfolio, as_of, fp)
    if REPORTS in wanted:
        jobs += report_jobs(workspace, portfolio, as_of, fp)
    return jobs
