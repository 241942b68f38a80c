"""The demo's closed projects: their survey exports and confirmed mappings (hand-checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analyze.surveys import score_survey
from generator.load.surveys import read_survey

CONTENT = Path(__file__).resolve().parent.parent / "content" / "projects"


@pytest.mark.parametrize(
    ("project", "tool", "counts", "nps", "csat_top2", "csat_mean"),
    [
        # NPS answers 9,10,8,9,7,10,6,9,9,10: 7 promoters, 2 passives, 1 detractor
        # CSAT 5,5,4,5,4,5,3,4,5,5: 9 of 10 top-2, mean 4.5
        ("lichthof-website", "google_forms", (7, 2, 1), 60.0, 90.0, 4.5),
        # NPS 10,9,8,9,7,10,6,9,8,9: 6/3/1; CSAT 非常满意×4, 满意×5, 一般×1: 9 of 10, mean 4.3
        ("jinghua-website", "wjx", (6, 3, 1), 50.0, 90.0, 4.3),
    ],
)
def test_demo_survey_scores(
    project: str,
    tool: str,
    counts: tuple[int, int, int],
    nps: float,
    csat_top2: float,
    csat_mean: float,
) -> None:
    path = CONTENT / project / "surveys" / "client-satisfaction.csv"
    assert path.is_file(), f"the demo's survey export is missing: {path}"
    survey = read_survey(path)
    assert survey.tool == tool and survey.wave
    scores = score_survey(survey)
    assert scores.nps is not None and scores.csat is not None
    assert (scores.nps.promoters, scores.nps.passives, scores.nps.detractors) == counts
    assert scores.nps.score == pytest.approx(nps)
    assert scores.csat.top2_pct == pytest.approx(csat_top2)
    assert scores.csat.mean == pytest.approx(csat_mean)
    assert all("@" not in c.text for c in scores.comments)
