"""Risk state after its history, exposure classes, trend and top open risks."""

from __future__ import annotations

from generator.analyze.risks import classify, exposure_trend, risk_state, top_risks
from generator.model.records import RiskStatus
from tests.factories import d, risk

VENDOR = risk(
    "vendor",
    "2026-01-12",
    2,
    3,
    history=[
        ("2026-02-02", {"probability": 4}),
        ("2026-02-16", {"impact": 5, "note": "payment API delayed"}),
        ("2026-03-02", {"status": "occurred"}),
    ],
    title="Payment vendor late",
)


def test_state_applies_history_up_to_the_day() -> None:
    assert risk_state(VENDOR, d("2026-01-11"), 15) is None
    first = risk_state(VENDOR, d("2026-01-20"), 15)
    assert first is not None
    assert (first.probability, first.impact, first.exposure, first.level) == (2, 3, 6, "medium")
    feb = risk_state(VENDOR, d("2026-02-20"), 15)
    assert feb is not None
    assert (feb.exposure, feb.level, feb.changed, feb.is_open) == (
        20,
        "high",
        d("2026-02-16"),
        True,
    )
    march = risk_state(VENDOR, d("2026-03-02"), 15)
    assert march is not None and march.status == RiskStatus.occurred and not march.is_open


def test_classification_follows_the_high_threshold() -> None:
    assert [classify(e, 15) for e in (4, 5, 14, 15, 25)] == [
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]
    assert [classify(e, 12) for e in (3, 4, 12)] == ["low", "medium", "high"]


def test_exposure_trend() -> None:
    other = risk("hosting", "2026-02-01", 3, 3)
    days = [d("2026-01-15"), d("2026-02-10"), d("2026-02-20"), d("2026-03-05")]
    points = exposure_trend([VENDOR, other], days, 15)
    assert [(p.open_count, p.high_count, p.total_exposure, p.max_exposure) for p in points] == [
        (1, 0, 6, 6),
        (2, 0, 12 + 9, 12),
        (2, 1, 20 + 9, 20),
        (1, 0, 9, 9),
    ]


def test_top_risks_are_open_and_ordered_by_exposure() -> None:
    risks = [
        risk("a", "2026-01-05", 3, 3),
        risk("b", "2026-01-06", 4, 4),
        risk("c", "2026-01-07", 5, 5, history=[("2026-01-20", {"status": "closed"})]),
        risk("d", "2026-01-04", 2, 5),
        risk("e", "2026-01-03", 5, 2),
    ]
    top = top_risks(risks, d("2026-02-01"), 15, limit=3)
    # d and e tie at 10: the higher impact comes first.
    assert [s.id for s in top] == ["b", "d", "e"]
