"""Scores against hand-computed values (worked out on paper; see each comment)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from generator.analyze.surveys import (
    csat,
    likert,
    mask_contacts,
    nps,
    score_survey,
    survey_trend,
    wilson,
)
from generator.model.survey import Answer, Question, QuestionKind, Response, Survey


def test_nps_with_interval_matches_hand_computation() -> None:
    # 10 promoters, 6 passives, 4 detractors of 20: p+ .5, p- .2, NPS 30
    # Var = .5 + .2 - .3^2 = .61; SE = sqrt(.61/20) = .17464; 1.96 SE = .34229
    values = [10.0] * 5 + [9.0] * 5 + [8.0] * 3 + [7.0] * 3 + [6.0, 3.0, 0.0, 5.0]
    score = nps("Q1", values)
    assert (score.promoters, score.passives, score.detractors, score.n) == (10, 6, 4, 20)
    assert score.score == pytest.approx(30.0)
    assert score.ci95 is not None
    assert score.ci95.low == pytest.approx(-4.229, abs=0.01)
    assert score.ci95.high == pytest.approx(64.229, abs=0.01)
    assert score.headline


def test_nps_all_detractors_is_minus_100_with_no_spread() -> None:
    score = nps("Q1", [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0])
    assert score.score == pytest.approx(-100.0)
    assert score.ci95 is not None
    assert (score.ci95.low, score.ci95.high) == pytest.approx((-100.0, -100.0))


def test_nps_n_zero_and_one_show_counts_not_a_score() -> None:
    empty = nps("Q1", [])
    assert (empty.n, empty.score, empty.ci95, empty.headline) == (0, None, None, False)
    one = nps("Q1", [9.0])
    assert one.score is None and not one.headline
    assert one.counts_text == "1 of 1 promoters, 0 of 1 detractors"


def test_nps_below_ten_answers_has_counts_only() -> None:
    score = nps("Q1", [10.0, 9.0, 9.0, 7.0, 3.0, 2.0, 8.0, 8.0, 10.0])
    assert score.score is None
    assert (score.promoters, score.passives, score.detractors) == (4, 3, 2)


def test_csat_top2_box_mean_and_wilson() -> None:
    values = [5.0, 5.0, 4.0, 4.0, 4.0, 3.0, 3.0, 2.0, 1.0, 5.0]  # 6 of 10 chose 4-5; sum 36
    score = csat("Q2", values)
    assert score.top2 == 6 and score.top2_pct == pytest.approx(60.0)
    assert score.mean == pytest.approx(3.6)
    assert score.ci95 is not None
    # Wilson 6/10: 0.3127 .. 0.8318
    assert score.ci95.low == pytest.approx(31.27, abs=0.01)
    assert score.ci95.high == pytest.approx(83.18, abs=0.01)
    assert score.distribution == {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}


def test_csat_small_sample_keeps_counts() -> None:
    score = csat("Q2", [5.0, 2.0, 4.0])
    assert (score.n, score.top2, score.top2_pct, score.mean) == (3, 2, None, None)


def test_likert_distribution_median_top2() -> None:
    q = Question(id="Q3", text="Clear reports", kind=QuestionKind.likert, scale=(1, 5))
    values = [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0, 5.0, 5.0, 5.0, 3.0]
    item = likert(q, values)
    assert item.distribution == {1: 1, 2: 2, 3: 2, 4: 2, 5: 4}
    assert item.median == 4.0  # sorted: 1 2 2 3 3 [4] 4 5 5 5 5
    assert item.top2 == 6 and item.top2_pct == pytest.approx(600 / 11)
    small = likert(q, [4.0, 5.0])
    assert small.top2_pct is None and small.distribution[5] == 1 and small.median == 4.5
    none = likert(q, [])
    assert none.n == 0 and none.median is None


def test_wilson_edges() -> None:
    assert wilson(0, 0) is None
    full = wilson(5, 5)
    assert full is not None and full.high == pytest.approx(1.0) and full.low > 0.5


def _survey(
    answers: list[tuple[float | None, bool]],
    invited: int | None = None,
    comments: list[str] | None = None,
) -> Survey:
    questions = [
        Question(id="Q1", text="How likely to recommend?", kind=QuestionKind.nps, scale=(0, 10)),
        Question(id="Q2", text="Anything else?", kind=QuestionKind.text),
    ]
    responses = []
    for i, (value, complete) in enumerate(answers):
        text = (comments or [])[i] if comments and i < len(comments) else ""
        responses.append(
            Response(
                line=i + 2,
                complete=complete,
                answers={
                    "Q1": Answer(raw=str(value), number=value, skipped=value is None),
                    "Q2": Answer(raw=text, skipped=not text),
                },
            )
        )
    return Survey(
        source="s.csv",
        tool="generic",
        encoding="utf-8",
        questions=tuple(questions),
        responses=tuple(responses),
        invited=invited,
    )


def test_partial_responses_are_counted_apart_and_not_scored() -> None:
    rows: list[tuple[float | None, bool]] = [(10.0, True)] * 10 + [(0.0, False)] * 3
    scores = score_survey(_survey(rows, invited=20))
    assert (scores.respondents, scores.complete, scores.partial) == (13, 10, 3)
    assert scores.nps is not None and scores.nps.score == pytest.approx(100.0)
    assert scores.response_rate is not None
    assert scores.response_rate.pct == pytest.approx(50.0)


def test_comments_mask_emails_and_phone_numbers() -> None:
    survey = _survey(
        [(9.0, True), (8.0, True), (7.0, True)],
        comments=[
            "Call me on +49 30 1234567 or mail jana.roth@acme.example",
            "n/a",
            "Worked well in 2020-2021, ring 138 0013 8000",
        ],
    )
    comments = [c.text for c in score_survey(survey).comments]
    assert comments == [
        "Call me on [phone] or mail [email]",
        "Worked well in 2020-2021, ring [phone]",
    ]
    assert mask_contacts("张先生 13800138000 反馈") == "张先生 [phone] 反馈"


def test_trend_orders_waves_and_computes_changes() -> None:
    first = score_survey(_survey([(10.0, True)] * 5 + [(5.0, True)] * 5))  # NPS 0
    final = score_survey(_survey([(10.0, True)] * 8 + [(5.0, True)] * 2))  # NPS 60
    first = replace(first, wave="Pulse", date=dt.date(2026, 3, 1))
    final = replace(final, wave="Final", date=dt.date(2026, 6, 1))
    trend = survey_trend([final, first])
    assert [p.wave for p in trend] == ["Pulse", "Final"]
    assert trend[0].nps == pytest.approx(0.0) and trend[0].nps_change is None
    assert trend[1].nps_change == pytest.approx(60.0)
