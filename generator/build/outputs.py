"""Outputs of a few planned jobs, reusing the build cache: what `send` and `archive` need.

They read the same bytes a build writes (same job keys, same cache), so an e-mailed PDF
is the PDF on the portal, and nothing renders twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.build.cache import Entry
from generator.build.engine import cache_of
from generator.build.executor import execute
from generator.build.inputs import Inputs
from generator.build.plan import REPORTS, Templates, materialize, plan
from generator.errors import ContentErrors
from generator.model.portfolio import Portfolio
from generator.workspace import Workspace


def report_outputs(
    workspace: Workspace, portfolio: Portfolio, as_of: dt.date, labels: Iterable[str]
) -> dict[str, dict[str, bytes]]:
    """Files of the report jobs with these labels, by label; cached ones are not re-rendered."""
    wanted = set(labels)
    cache = cache_of(workspace)
    templates = Templates(workspace)
    found: dict[str, dict[str, bytes]] = {}
    inputs = Inputs(workspace)
    for job in plan(workspace, portfolio, as_of, (REPORTS,)):
        if job.label not in wanted:
            continue
        entry = cache.get(job.key)
        if entry is None or not templates.unchanged(entry.templates):
            result = execute(materialize(job, inputs))
            if result.errors:
                raise ContentErrors(list(result.errors))
            if result.crash:
                raise RuntimeError(result.crash)
            entry = Entry(result.files, result.templates, result.problems)
            cache.put(job.key, entry)
        found[job.label] = entry.files
    return found
