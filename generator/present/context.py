"""A Lens: one project seen by one audience at the end of one day, in one language.

Every builder of present/ takes a Lens, so each value is computed from the same cut of
the data: `full` (every record, as it stood at `as_of`) for the figures every audience
shares, `seen` (analyze.audience.client_slice for a client) for every list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property

from generator.analyze.audience import Audience, for_audience
from generator.analyze.snapshot import as_of as snapshot
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import ProjectStatus
from generator.model.site import HealthRules
from generator.present import typography, wording
from generator.present.charts import Theme
from generator.present.formats import Formats, theme_of


def person_name(portfolio: Portfolio, ident: str | None) -> str:
    """A person's name from people.yaml; text that is no person id is already a name."""
    if not ident:
        return ""
    person = portfolio.people.get(ident)
    return person.name if person else ident


@dataclass(frozen=True)
class Lens:
    portfolio: Portfolio
    full: ProjectData  # every record, as it stood at the end of as_of
    seen: ProjectData  # the records this audience may see
    as_of: dt.date
    audience: Audience
    locale: str

    @property
    def client(self) -> bool:
        return self.audience == Audience.client

    @property
    def rules(self) -> HealthRules:
        return self.portfolio.site.health

    @property
    def currency(self) -> str:
        budget = self.full.project.budget
        return (budget.currency if budget else None) or self.portfolio.site.currency

    @cached_property
    def formats(self) -> Formats:
        return Formats(self.locale)

    @cached_property
    def theme(self) -> Theme:
        """The brand colours, and the typefaces of the reader's language."""
        return replace(theme_of(self.portfolio), font_family=typography.svg_stack(self.locale))

    def name(self, ident: str | None) -> str:
        return person_name(self.portfolio, ident)

    @cached_property
    def closed_on(self) -> dt.date | None:
        """The day a closed project ended, once as_of has reached it."""
        project = self.full.project
        end = project.actual_end
        if project.status == ProjectStatus.closed and end is not None and end <= self.as_of:
            return end
        return None

    @property
    def chart_day(self) -> dt.date:
        """The day charts mark with a line: as_of, or the close of a closed project (its
        charts end there instead of running on to today)."""
        return self.closed_on or self.as_of

    def chart_day_label(self, usual: str) -> str:
        """The label of chart_day's line: `usual` ("Today", "Period end"), or "Project
        closed" once the project has closed."""
        return wording.gettext(self.locale, "Project closed") if self.closed_on else usual


def lens(portfolio: Portfolio, data: ProjectData, as_of: dt.date, audience: Audience | str) -> Lens:
    """The project as it stood at the end of `as_of`, for `audience`, in its language."""
    audience = Audience(audience)
    full = snapshot(data, as_of)
    return Lens(
        portfolio=portfolio,
        full=full,
        seen=for_audience(full, audience),
        as_of=as_of,
        audience=audience,
        locale=portfolio.locale_of(data),
    )
