"""The client's survey answers as the site's retrospective page shows them.

The values come from `report_survey.satisfaction` (the closing report's builder: waves
read and scored, comments masked and held back from a client who may not read them), so
the page and the PDF print the same figures. This module adds what the page needs on top:
the answer distributions drawn as charts, once for a desktop column and once for a phone
(the page shows one by CSS, like the project page's charts), so labels never shrink.

Reading an export can fail; the section then names the file as unreadable and the errors
come back to the caller for the build's problems, so the rest of the site still builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError
from generator.model.portfolio import ProjectData
from generator.present.charts import Theme
from generator.render import survey_charts
from generator.render.report_survey import Satisfaction, Wave, satisfaction

WIDE = 500  # px: two charts side by side in a desktop column
NARROW = 340  # px: a phone in portrait, inside a card


@dataclass(frozen=True)
class SurveySection:
    satisfaction: Satisfaction
    nps_chart: tuple[str, str] | None  # the latest wave's answers 10..0 (wide, narrow)
    csat_chart: tuple[str, str] | None  # answers 5..1 (wide, narrow)

    @property
    def latest(self) -> Wave | None:
        return self.satisfaction.latest


def survey_section(
    root: Path,
    data: ProjectData,
    locale: str,
    theme: Theme,
    *,
    client: bool,
) -> tuple[SurveySection | None, list[ContentError]]:
    """The section for one project's page (None when it has no survey export) and the
    read errors. `client`: the client's copy (comments only if the project shares them)."""
    if not data.survey_files:
        return None, []
    values, errors = satisfaction(root, data, client=client)
    latest = values.latest
    nps = csat = None
    if latest is not None:
        wide, narrow = f"survey-{data.id}", f"survey-{data.id}-s"
        nps = _pair(
            survey_charts.nps_distribution(latest, locale, wide, theme, WIDE),
            survey_charts.nps_distribution(latest, locale, narrow, theme, NARROW),
        )
        csat = _pair(
            survey_charts.csat_distribution(latest, locale, wide, theme, WIDE),
            survey_charts.csat_distribution(latest, locale, narrow, theme, NARROW),
        )
    return SurveySection(satisfaction=values, nps_chart=nps, csat_chart=csat), errors


def _pair(wide: str | None, narrow: str | None) -> tuple[str, str] | None:
    return (wide, narrow) if wide is not None and narrow is not None else None
