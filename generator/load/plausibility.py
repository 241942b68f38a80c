"""Warnings about values that are valid but probably typos: a project that would plan
thousands of reports, or that starts years before anyone wrote an update about it.

`start: 1990-01-01` for 2026 is a valid date, and a build would then render decades of weekly
reports without a word. These are warnings (validate and build go on), with file:line.
"""

from __future__ import annotations

from generator.errors import ContentError
from generator.i18n import tr
from generator.load.yaml_source import Sources
from generator.model.portfolio import Portfolio, ProjectData

MAX_PLANNED_REPORTS = 400  # weekly and monthly reports over a project's planned life
MAX_DAYS_BEFORE_FIRST_UPDATE = 366


def planned_report_count(data: ProjectData) -> int:
    """Weekly plus monthly reports from the start to the (actual or planned) end."""
    project = data.project
    start, end = project.start, project.actual_end or project.planned_end
    weeks = (end - start).days // 7 + 1
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return max(weeks, 0) + max(months, 0)


def plausibility_warnings(portfolio: Portfolio, sources: Sources) -> list[ContentError]:
    warnings = []
    for key in sorted(portfolio.projects):
        data = portfolio.projects[key]
        path = f"content/projects/{key}/project.yaml"
        project = data.project
        count = planned_report_count(data)
        if count > MAX_PLANNED_REPORTS:
            warnings.append(
                sources.error(
                    path,
                    ("start",),
                    tr(
                        "from {start} to {end} this project plans {n} weekly and monthly reports",
                        start=project.start,
                        end=project.actual_end or project.planned_end,
                        n=f"{count:,}",
                    ),
                    tr("check the years of start and planned_end; a build renders every report"),
                )
            )
        if data.updates:
            first = data.updates[0].date
            if (first - project.start).days > MAX_DAYS_BEFORE_FIRST_UPDATE:
                warnings.append(
                    sources.error(
                        path,
                        ("start",),
                        tr(
                            "the project starts on {start}, {years} years before its first "
                            "update ({first})",
                            start=project.start,
                            years=(first - project.start).days // 365,
                            first=first,
                        ),
                        tr("check the year of start"),
                    )
                )
    return warnings
