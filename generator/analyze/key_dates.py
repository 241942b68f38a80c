"""The key dates of a project on a given day: planned end, expected end, next milestone.

The expected end is the actual end once the project is closed; before that the planned end,
or later when an open milestone is forecast after it (a project cannot end before its last
milestone). Callers pass the milestones the reader may see, so a client's expected end is
never moved by an internal milestone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.analyze.schedule import MilestoneStatus, milestone_statuses, next_milestone
from generator.model.project import Milestone, Project


@dataclass(frozen=True)
class KeyDates:
    planned_end: dt.date
    expected_end: dt.date  # the actual end once closed
    finished: bool  # the project has an actual end by the day
    end_variance_days: int  # expected minus planned end; positive means late
    next_milestone: MilestoneStatus | None


def expected_end(
    project: Project, milestones: Iterable[Milestone], as_of: dt.date
) -> tuple[dt.date, bool]:
    """(the end as known at `as_of`, whether it has happened)."""
    if project.actual_end is not None and project.actual_end <= as_of:
        return project.actual_end, True
    forecasts = [s.forecast for s in milestone_statuses(milestones, as_of) if not s.done]
    return max([project.planned_end, *forecasts]), False


def key_dates(project: Project, as_of: dt.date) -> KeyDates:
    """The key dates of `project` (as the reader may see it) at the end of `as_of`."""
    end, finished = expected_end(project, project.milestones, as_of)
    return KeyDates(
        planned_end=project.planned_end,
        expected_end=end,
        finished=finished,
        end_variance_days=(end - project.planned_end).days,
        next_milestone=None if finished else next_milestone(project.milestones, as_of),
    )
