"""Survey scores a PM can quote: NPS, CSAT, CES, Likert items, response rate, comments, trend.

Pure: takes a parsed Survey, returns values. Only complete responses are scored; partial
ones are counted apart. Below SMALL_SAMPLE answers there is no headline number, only counts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass, field

from generator.model.survey import Answer, Question, QuestionKind, Survey

SMALL_SAMPLE = 10
Z95 = 1.959963984540054
NOTHING = {"no", "nope", "none", "n/a", "na", "nothing", "-", ".", "无", "没有", "暂无", "否"}


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# International or local phone numbers: 7+ digits with spaces, dots, dashes or parentheses.
PHONE = re.compile(r"(?<![\w])(\+?\d[\d ().-]{6,}\d)(?![\w])")


def mask_contacts(text: str) -> str:
    """Replace e-mail addresses and phone numbers so a quoted comment identifies nobody."""
    text = EMAIL.sub("[email]", text)

    def phone(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(1))
        # 9+ digits (or +country code): years like 2020-2021 stay readable
        enough = digits >= 9 or (match.group(1).startswith("+") and digits >= 7)
        return "[phone]" if enough else match.group(0)

    return PHONE.sub(phone, text)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson(successes: int, n: int, z: float = Z95) -> Interval | None:
    """Wilson score interval for a proportion, as fractions 0..1; None when n is 0."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class NpsScore:
    question: str
    n: int
    promoters: int
    passives: int
    detractors: int
    score: float | None  # percentage points, -100..100; None below SMALL_SAMPLE
    ci95: Interval | None  # same units
    headline: bool

    @property
    def counts_text(self) -> str:
        return f"{self.promoters} of {self.n} promoters, {self.detractors} of {self.n} detractors"


def nps(question: str, values: list[float]) -> NpsScore:
    n = len(values)
    promoters = sum(1 for v in values if v >= 9)
    detractors = sum(1 for v in values if v <= 6)
    passives = n - promoters - detractors
    if n < SMALL_SAMPLE:
        return NpsScore(question, n, promoters, passives, detractors, None, None, False)
    p_plus, p_minus = promoters / n, detractors / n
    diff = p_plus - p_minus
    # answers scored +1/0/-1: variance p+ + p- - (p+ - p-)^2
    se = math.sqrt(max(0.0, p_plus + p_minus - diff * diff) / n)
    low = max(-1.0, diff - Z95 * se)
    high = min(1.0, diff + Z95 * se)
    return NpsScore(
        question,
        n,
        promoters,
        passives,
        detractors,
        100 * diff,
        Interval(100 * low, 100 * high),
        True,
    )


@dataclass(frozen=True)
class CsatScore:
    """Top-2-box share on a 5-point scale (4 or 5), with the mean beside it."""

    question: str
    n: int
    top2: int
    top2_pct: float | None
    mean: float | None
    ci95: Interval | None  # of top2_pct, in percent
    headline: bool
    distribution: dict[int, int] = field(default_factory=dict)


def csat(question: str, values: list[float]) -> CsatScore:
    n = len(values)
    top2 = sum(1 for v in values if v >= 4)
    dist = {p: sum(1 for v in values if v == p) for p in range(1, 6)}
    if n < SMALL_SAMPLE:
        return CsatScore(question, n, top2, None, None, None, False, dist)
    interval = wilson(top2, n)
    assert interval is not None
    return CsatScore(
        question,
        n,
        top2,
        100 * top2 / n,
        statistics.fmean(values),
        Interval(100 * interval.low, 100 * interval.high),
        True,
        dist,
    )


@dataclass(frozen=True)
class CesScore:
    question: str
    n: int
    scale: tuple[int, int]
    mean: float | None
    headline: bool


@dataclass(frozen=True)
class LikertItem:
    question: str
    text: str
    group: str | None
    scale: tuple[int, int]
    n: int
    distribution: dict[int, int]
    median: float | None
    top2: int
    top2_pct: float | None
    ci95: Interval | None  # of top2_pct, in percent


def likert(question: Question, values: list[float]) -> LikertItem:
    scale = question.scale or (int(min(values, default=1)), int(max(values, default=5)))
    n = len(values)
    dist = {p: sum(1 for v in values if v == p) for p in range(scale[0], scale[1] + 1)}
    top2 = sum(1 for v in values if v >= scale[1] - 1)
    interval = wilson(top2, n) if n >= SMALL_SAMPLE else None
    return LikertItem(
        question.id,
        question.text,
        question.group,
        scale,
        n,
        dist,
        statistics.median(values) if values else None,
        top2,
        100 * top2 / n if n >= SMALL_SAMPLE else None,
        Interval(100 * interval.low, 100 * interval.high) if interval else None,
    )


@dataclass(frozen=True)
class Comment:
    question: str
    text: str  # e-mails and phone numbers masked


@dataclass(frozen=True)
class ResponseRate:
    invited: int
    complete: int
    pct: float
    ci95: Interval | None


@dataclass(frozen=True)
class SurveyScores:
    source: str
    tool: str
    wave: str | None
    date: dt.date | None
    respondents: int
    complete: int
    partial: int
    response_rate: ResponseRate | None
    nps: NpsScore | None
    csat: CsatScore | None
    ces: CesScore | None
    likert: tuple[LikertItem, ...]
    comments: tuple[Comment, ...]
    warnings: tuple[str, ...]

    @property
    def small_sample(self) -> bool:
        return self.complete < SMALL_SAMPLE


def answered_numbers(survey: Survey, question: Question) -> list[float]:
    """Numbers given to a question by complete responses (skipped and damaged cells left out)."""
    values: list[float] = []
    for response in survey.responses:
        if not response.complete:
            continue
        answer: Answer | None = response.answers.get(question.id)
        if answer is not None and not answer.skipped and answer.number is not None:
            values.append(answer.number)
    return values


def _first(survey: Survey, kind: QuestionKind) -> Question | None:
    return next((q for q in survey.questions if q.kind == kind), None)


def _comments(survey: Survey) -> tuple[Comment, ...]:
    found: list[Comment] = []
    for question in survey.questions:
        if question.kind != QuestionKind.text:
            continue
        for response in survey.responses:
            answer = response.answers.get(question.id)
            if answer is None or answer.skipped:
                continue
            text = " ".join(answer.raw.split())
            if len(text) < 3 or text.lower().strip(".! ") in NOTHING:
                continue
            found.append(Comment(question.id, mask_contacts(text)))
    return tuple(found)


def score_survey(survey: Survey) -> SurveyScores:
    complete = survey.complete_count
    rate = None
    if survey.invited:
        interval = wilson(min(complete, survey.invited), survey.invited)
        rate = ResponseRate(
            survey.invited,
            complete,
            100 * complete / survey.invited,
            Interval(100 * interval.low, 100 * interval.high) if interval else None,
        )
    nps_q = _first(survey, QuestionKind.nps)
    csat_q = _first(survey, QuestionKind.csat)
    ces_q = _first(survey, QuestionKind.ces)
    ces_score = None
    if ces_q is not None:
        values = answered_numbers(survey, ces_q)
        ces_score = CesScore(
            ces_q.id,
            len(values),
            ces_q.scale or (1, 7),
            statistics.fmean(values) if len(values) >= SMALL_SAMPLE else None,
            len(values) >= SMALL_SAMPLE,
        )
    items = tuple(
        likert(q, answered_numbers(survey, q))
        for q in survey.questions
        if q.kind == QuestionKind.likert or (q.kind == QuestionKind.csat and q is not csat_q)
    )
    return SurveyScores(
        source=survey.source,
        tool=survey.tool,
        wave=survey.wave,
        date=survey.date,
        respondents=len(survey.responses),
        complete=complete,
        partial=len(survey.responses) - complete,
        response_rate=rate,
        nps=nps(nps_q.id, answered_numbers(survey, nps_q)) if nps_q else None,
        csat=csat(csat_q.id, answered_numbers(survey, csat_q)) if csat_q else None,
        ces=ces_score,
        likert=items,
        comments=_comments(survey),
        warnings=survey.warnings,
    )


@dataclass(frozen=True)
class TrendPoint:
    wave: str
    date: dt.date | None
    n: int
    nps: float | None
    nps_ci95: Interval | None
    csat_top2_pct: float | None
    nps_change: float | None  # against the previous wave with a headline NPS
    csat_change: float | None


def survey_trend(scores: list[SurveyScores]) -> list[TrendPoint]:
    """Waves of one project, oldest first (undated waves last, by name)."""
    ordered = sorted(
        scores, key=lambda s: (s.date is None, s.date or dt.date.min, s.wave or s.source)
    )
    points: list[TrendPoint] = []
    last_nps: float | None = None
    last_csat: float | None = None
    for s in ordered:
        nps_value = s.nps.score if s.nps else None
        csat_value = s.csat.top2_pct if s.csat else None
        points.append(
            TrendPoint(
                wave=s.wave or s.source,
                date=s.date,
                n=s.complete,
                nps=nps_value,
                nps_ci95=s.nps.ci95 if s.nps else None,
                csat_top2_pct=csat_value,
                nps_change=(
                    nps_value - last_nps if nps_value is not None and last_nps is not None else None
                ),
                csat_change=(
                    csat_value - last_csat
                    if csat_value is not None and last_csat is not None
                    else None
                ),
            )
        )
        last_nps = nps_value if nps_value is not None else last_nps
        last_csat = csat_value if csat_value is not None else last_csat
    return points
