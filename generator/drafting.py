"""`milepost draft`: the week's status update, pre-filled from the data, as a new file.

The facts come from analyze.draft, the text from render.draft_update; this module picks the
file name and writes it without ever replacing a file that exists.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from generator.analyze.audience import Audience
from generator.analyze.draft import draft_facts
from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.model.documents import Update
from generator.model.portfolio import Portfolio
from generator.present.context import lens
from generator.render.draft_update import draft_text


@dataclass(frozen=True)
class Draft:
    path: str  # relative to the workspace
    text: str
    hidden_standups: tuple[Update, ...]  # internal stand-ups a client draft leaves out


def draft_update(portfolio: Portfolio, project_id: str, day: dt.date, audience: Audience) -> Draft:
    data = portfolio.projects[project_id]
    facts = draft_facts(data, day, audience, portfolio.site.health.high_risk_exposure)
    # The health and decisions to restate are those of the updates before this one.
    before = replace(
        data, updates=tuple(u for u in data.updates if u.date < day or u.kind == "daily")
    )
    text = draft_text(portfolio, data, facts, lens(portfolio, before, day, audience))
    path = f"content/projects/{project_id}/updates/{day.isoformat()}.md"
    return Draft(path, text, facts.hidden_standups)


def write_new_file(root: Path, rel: str, text: str) -> None:
    """Create `rel` with `text`; a file already there is an error and stays as it was.

    The text goes to a temporary file first and is linked into place, which fails if the
    name exists: no half-written file, and no race with an editor saving the same name."""
    target = root / rel
    if target.exists() or target.is_symlink():
        raise exists_error(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, target)
    except FileExistsError:
        raise exists_error(rel) from None
    finally:
        tmp.unlink(missing_ok=True)


def exists_error(rel: str) -> ContentErrors:
    return ContentErrors(
        [
            ContentError(
                rel,
                0,
                0,
                tr("already exists; milepost never overwrites it"),
                tr("edit that file, or use --print to see the draft without writing it"),
            )
        ]
    )
