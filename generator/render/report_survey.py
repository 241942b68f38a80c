"""The client-satisfaction section of the reports: survey waves read, scored and made ready.

Reading happens here (render/ may do I/O; analyze/ stays pure): each of the project's
survey exports goes through `read_survey` (in a build, the parent parses it and the job
carries the result: render/sources.py) and `score_survey`. Respondent names, e-mails,
IPs and IDs never leave the Survey (they live in its private part); comments are masked
by the analysis and shown only to the internal audience, or to the client when
project.sharing.survey_comments allows it.

Which waves a report sees:
- the closing report: every wave in the project's surveys/ folder (the closing survey is
  usually sent after the handover, so its date may follow the project's end);
- a monthly report: the dated waves closed by the end of its month (an undated wave cannot
  be placed in time, so it stays out), shown as a trend when there are two or more.

An export whose content cannot be read (damaged, cut off) does not stop the report: the
section names it as unreadable and the ContentError goes to the caller, which puts it in
the build's problems. A file that cannot be opened at all (gone, no permission, or not on
the machine that renders) stops the build with its name: results must not go missing
silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.analyze.surveys import (
    SurveyScores,
    TrendPoint,
    answered_numbers,
    score_survey,
    survey_trend,
)
from generator.errors import ContentError, ContentErrors
from generator.model.portfolio import ProjectData
from generator.model.survey import QuestionKind, Survey
from generator.render import sources
from generator.render.sources import UnreadableFile

MAX_COMMENTS = 5  # verbatim comments quoted in a report


@dataclass(frozen=True)
class LikertRow:
    text: str
    n: int
    counts: tuple[int, ...]  # one per scale point, lowest first
    median: float | None
    top2: int
    top2_share: float | None  # 0..1; None below the small-sample limit


@dataclass(frozen=True)
class LikertTable:
    scale: tuple[int, ...]  # the scale points, lowest first
    group: str | None
    rows: tuple[LikertRow, ...]


@dataclass(frozen=True)
class Wave:
    """One survey wave, scored, with the few extras the report shows."""

    source: str
    name: str
    scores: SurveyScores
    nps_counts: tuple[int, ...]  # answers 0..10 among complete responses
    csat_counts: tuple[int, ...]  # answers 1..5
    likert: tuple[LikertTable, ...]
    response_share: float | None  # complete / invited, 0..1
    csat_share: float | None  # top-2-box, 0..1; None below the small-sample limit
    csat_interval: tuple[float, float] | None  # its Wilson 95% interval, 0..1


@dataclass(frozen=True)
class TrendRow:
    point: TrendPoint
    nps_counts: tuple[int, int, int] | None  # promoters, n, detractors when no headline NPS
    csat_share: float | None  # top-2-box, 0..1


@dataclass(frozen=True)
class Satisfaction:
    waves: tuple[Wave, ...]  # readable waves, oldest first
    trend: tuple[TrendRow, ...]  # only with two or more waves
    unreadable: tuple[str, ...]  # workspace-relative paths of exports that could not be read
    comments: tuple[str, ...]  # masked, at most MAX_COMMENTS, in the export's order
    comments_total: int
    comments_shown: bool  # the audience may read the comments
    comments_internal_only: bool  # shown here, but not in the client's copy

    @property
    def latest(self) -> Wave | None:
        return self.waves[-1] if self.waves else None

    @property
    def has_data(self) -> bool:
        return bool(self.waves or self.unreadable)


def read_waves(
    root: Path, data: ProjectData
) -> tuple[list[tuple[str, Survey]], list[ContentError]]:
    """Every survey export of the project, read; exports whose content is wrong come back as
    errors. An export that cannot be read at all raises UnreadableFile (the build stops)."""
    found: list[tuple[str, Survey]] = []
    errors: list[ContentError] = []
    for rel in data.survey_files:
        try:
            found.append((rel, sources.survey(root, rel)))
        except UnreadableFile:
            raise
        except ContentErrors as exc:
            errors += exc.errors
    return found, errors


def _counts(values: Sequence[float], low: int, high: int) -> tuple[int, ...]:
    return tuple(sum(1 for v in values if v == point) for point in range(low, high + 1))


def _wave(rel: str, survey: Survey) -> Wave:
    scores = score_survey(survey)
    nps_q = next((q for q in survey.questions if q.kind == QuestionKind.nps), None)
    nps_counts = _counts(answered_numbers(survey, nps_q), 0, 10) if nps_q else ()
    csat_counts = (
        tuple(scores.csat.distribution.get(p, 0) for p in range(1, 6)) if scores.csat else ()
    )
    tables: dict[tuple[tuple[int, int], str | None], list[LikertRow]] = {}
    for item in scores.likert:
        low, high = item.scale
        tables.setdefault((item.scale, item.group), []).append(
            LikertRow(
                text=item.text,
                n=item.n,
                counts=tuple(item.distribution.get(p, 0) for p in range(low, high + 1)),
                median=item.median,
                top2=item.top2,
                top2_share=None if item.top2_pct is None else item.top2_pct / 100,
            )
        )
    likert = tuple(
        LikertTable(tuple(range(scale[0], scale[1] + 1)), group, tuple(rows))
        for (scale, group), rows in tables.items()
    )
    rate = scores.response_rate
    csat = scores.csat
    return Wave(
        source=rel,
        name=scores.wave or Path(rel).stem,
        scores=scores,
        nps_counts=nps_counts,
        csat_counts=csat_counts,
        likert=likert,
        response_share=rate.pct / 100 if rate else None,
        csat_share=csat.top2_pct / 100 if csat and csat.top2_pct is not None else None,
        csat_interval=(csat.ci95.low / 100, csat.ci95.high / 100) if csat and csat.ci95 else None,
    )


def _order(wave: Wave) -> tuple[bool, dt.date, str]:
    # The order survey_trend uses, so its points line up with the waves one for one.
    scores = wave.scores
    return (scores.date is None, scores.date or dt.date.min, scores.wave or scores.source)


def _trend(waves: Sequence[Wave]) -> tuple[TrendRow, ...]:
    if len(waves) < 2:
        return ()
    rows = []
    for wave, point in zip(waves, survey_trend([w.scores for w in waves]), strict=True):
        nps = wave.scores.nps
        counts = (nps.promoters, nps.n, nps.detractors) if nps and not nps.headline else None
        rows.append(
            TrendRow(
                point=point,
                nps_counts=counts,
                csat_share=None if point.csat_top2_pct is None else point.csat_top2_pct / 100,
            )
        )
    return tuple(rows)


def _pick_comments(texts: Sequence[str]) -> tuple[str, ...]:
    """The longest few (they carry the most), quoted in the order the export has them."""
    if len(texts) <= MAX_COMMENTS:
        return tuple(texts)
    ranked = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))[:MAX_COMMENTS]
    return tuple(texts[i] for i in sorted(ranked))


def satisfaction(
    root: Path,
    data: ProjectData,
    *,
    client: bool,
    until: dt.date | None = None,
) -> tuple[Satisfaction, list[ContentError]]:
    """The section's values and the read errors (for the build's problems).

    `until`: only waves dated on or before it (the monthly report); None takes every wave.
    """
    surveys, errors = read_waves(root, data)
    waves = [_wave(rel, s) for rel, s in surveys]
    if until is not None:
        waves = [w for w in waves if w.scores.date is not None and w.scores.date <= until]
    waves.sort(key=_order)
    latest = waves[-1] if waves else None
    texts = [c.text for c in latest.scores.comments] if latest else []
    shared = data.project.sharing.survey_comments
    shown = not client or shared
    return (
        Satisfaction(
            waves=tuple(waves),
            trend=_trend(waves),
            unreadable=tuple(sorted({e.path for e in errors})),
            comments=_pick_comments(texts) if shown else (),
            comments_total=len(texts),
            comments_shown=shown,
            comments_internal_only=not client and not shared,
        ),
        errors,
    )
