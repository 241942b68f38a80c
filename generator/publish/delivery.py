"""What `send` and `archive` deliver: which reports, to whom, with what summary and files."""

from __future__ import annotations

import datetime as dt
from email.utils import quote
from pathlib import Path

from generator.analyze.audience import Audience
from generator.analyze.report_schedule import ReportJob, due_reports
from generator.build.outputs import report_outputs
from generator.build.report_request import report_job
from generator.errors import ContentError, ContentErrors, unknown_project
from generator.i18n import tr
from generator.model.base import Health
from generator.model.portfolio import Portfolio
from generator.model.project import ProjectStatus
from generator.model.site import ReportKind
from generator.present.digest import digest
from generator.publish.email.outgoing import MAX_TOP_POINTS, Mailbox, OutgoingReport
from generator.workspace import Workspace


def _projects_for(portfolio: Portfolio, kind: ReportKind, project_id: str | None) -> list[str]:
    if project_id:
        return [project_id]
    wanted = ProjectStatus.closed if kind == ReportKind.closing else ProjectStatus.active
    return sorted(k for k, d in portfolio.projects.items() if d.project.status == wanted)


def client_report_jobs(
    portfolio: Portfolio,
    kind: ReportKind,
    project_id: str | None,
    period: str | None,
    as_of: dt.date,
) -> list[ReportJob]:
    """The client report of each project for the period; without a project, every project
    with that report due (active ones for weekly and monthly, closed ones for closing)."""
    due = {j.label for j in due_reports(portfolio, as_of)}
    jobs = []
    for pid in _projects_for(portfolio, kind, project_id):
        job = report_job(portfolio, kind, pid, period, Audience.client, as_of)
        if job.label in due or project_id:
            jobs.append(job)
    return jobs


def _fallback_sender(name: str) -> str:
    """'"Name" <milepost@localhost>': quoted, so a name with <, > or , stays the name."""
    return f'"{quote(name)}" <milepost@localhost>'


def outgoing_reports(
    workspace: Workspace,
    portfolio: Portfolio,
    kind: ReportKind,
    project_id: str | None,
    period: str | None,
    as_of: dt.date,
) -> tuple[list[OutgoingReport], list[str]]:
    """One message per report with its subscribed contacts; notes for projects skipped."""
    site = portfolio.site
    jobs = client_report_jobs(portfolio, kind, project_id, period, as_of)
    pdfs = report_outputs(workspace, portfolio, as_of, [j.label for j in jobs])
    outgoing: list[OutgoingReport] = []
    notes: list[str] = []
    for job in jobs:
        full = portfolio.projects[job.project]
        client = portfolio.clients[job.client]
        recipients = tuple(Mailbox(c.email, c.name) for c in client.contacts if kind in c.reports)
        if not recipients:
            notes.append(
                tr(
                    "{project}: no contact of {client} receives {kind} reports",
                    project=job.project,
                    client=client.name,
                    kind=tr(kind.value),
                )
            )
            continue
        told = digest(portfolio, full, job.day, Audience.client)
        health = told.health
        nxt = told.next_milestone
        manager = portfolio.people.get(full.project.manager)
        cc: tuple[Mailbox, ...] = ()
        if site.smtp and site.smtp.cc_manager and manager and manager.email:
            cc = (Mailbox(manager.email, manager.name),)
        portal = site.portal_url(client.id, job.project)
        locale = portfolio.locale_of(full)
        outgoing.append(
            OutgoingReport(
                client_name=client.name,
                client_tag=client.tag,
                project_id=job.project,
                project_title=full.project.title,
                locale=locale,
                kind=kind,
                period=job.period.key if job.period else None,
                period_end=job.day,
                health=Health(health.level),
                health_reason=health.reason,
                pdf=pdfs[job.label][job.paths[0]],
                pdf_filename=f"{job.project}-{job.filename}",
                sender=site.smtp.sender if site.smtp else _fallback_sender(site.name),
                recipients=recipients,
                cc=cc,
                top_points=told.highlights[:MAX_TOP_POINTS],
                decisions=told.decision_lines,
                portal_url=portal,
                sign_off=manager.name if manager else None,
                timezone=site.timezone,
                health_label=health.label,
                computed_label=health.computed_label if health.differs else "",
                completed=health.completed,
                progress=told.progress_text,
                next_milestone=f"{nxt.title} ({told.next_milestone_date})" if nxt else "",
            )
        )
    return outgoing, notes


def archive_files(
    workspace: Workspace, portfolio: Portfolio, project_id: str, as_of: dt.date
) -> dict[str, bytes]:
    """Everything the archive of a closed project holds, by path inside the zip."""
    from generator.render.site import site_files

    data = portfolio.projects.get(project_id)
    if data is None:
        raise unknown_project(project_id, list(portfolio.projects))
    if data.project.status != ProjectStatus.closed:
        raise ContentErrors(
            [
                ContentError(
                    f"content/projects/{project_id}/project.yaml",
                    0,
                    0,
                    tr("project '{id}' is not closed", id=project_id),
                    tr("only a closed project (status: closed, with actual_end) is archived"),
                )
            ]
        )
    files: dict[str, bytes] = {}
    jobs = [j for j in due_reports(portfolio, as_of) if j.project == project_id]
    outputs = report_outputs(workspace, portfolio, as_of, [j.label for j in jobs])
    for job in jobs:
        files[f"reports/{job.filename}"] = outputs[job.label][job.paths[0]]
    portal = f"portals/{data.project.client}/"
    for rel, content in site_files(workspace, portfolio, as_of).items():
        inside = rel.removeprefix(portal)
        if rel.startswith(portal) and (
            inside.startswith(f"{project_id}/") or "/" not in inside or inside.startswith("static/")
        ):
            files[f"portal/{inside}"] = content
    folder = workspace.content / "projects" / project_id
    exports = {workspace.root / rel for rel in data.survey_files}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or not workspace.inside(path):
            continue
        rel = path.relative_to(folder).as_posix()
        if path in exports:
            # The raw export names its respondents (e-mails, IPs): the archive keeps the
            # answers, parsed, with contact details masked, and never the raw file.
            files[f"source/{rel}.answers.json"] = _survey_answers(workspace, path)
        else:
            files[f"source/{rel}"] = path.read_bytes()
    return files


def _survey_answers(workspace: Workspace, path: Path) -> bytes:
    import json

    from generator.analyze.surveys import mask_contacts
    from generator.load.surveys import read_survey

    survey = read_survey(path, display=workspace.relative(path))
    data = survey.model_dump(mode="json")
    for response in data["responses"]:
        for answer in response["answers"].values():
            answer["raw"] = mask_contacts(answer["raw"])
            if answer.get("other"):
                answer["other"] = mask_contacts(answer["other"])
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
