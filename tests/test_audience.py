"""The client slice keeps only what a client may see, whatever the record kind."""

from __future__ import annotations

from generator.analyze.audience import Audience, client_slice, for_audience
from generator.model.project import Sharing
from tests import factories as f


def _mixed() -> object:
    proj = f.project(
        bac=100_000,
        goals=[f.goal("pub"), f.goal("secret", visibility="internal")],
        milestones=[
            f.milestone("m1", "2026-02-01"),
            f.milestone("m2", "2026-03-01", visibility="internal"),
        ],
        team=[f.member("pm", ("2026-01-05", "2026-06-26", 20))],
    )
    return f.data(
        proj,
        tasks=[f.task("t1", "2026-01-05", "2026-01-09", visibility="client"),
               f.task("t2", "2026-01-05", "2026-01-09")],
        risks=[f.risk("r1", "2026-01-10", 2, 2, visibility="client"),
               f.risk("r2", "2026-01-10", 5, 5)],
        changes=[f.change("c1", "2026-01-12", visibility="client"), f.change("c2", "2026-01-12")],
        costs=[f.cost("2026-01-31", 9_000)],
        updates=[f.update("2026-01-09"), f.update("2026-01-16", visibility="internal")],
    )  # fmt: skip


def test_client_slice_drops_internal_records_of_every_kind() -> None:
    sliced = client_slice(_mixed())  # type: ignore[arg-type]
    assert [g.id for g in sliced.project.goals] == ["pub"]
    assert [m.id for m in sliced.project.milestones] == ["m1"]
    assert [t.id for t in sliced.tasks] == ["t1"]  # tasks are internal unless marked
    assert [r.id for r in sliced.risks] == ["r1"]
    assert [c.id for c in sliced.changes] == ["c1"]
    assert [u.date.isoformat() for u in sliced.updates] == ["2026-01-09"]


def test_money_and_allocations_never_reach_a_client() -> None:
    sliced = client_slice(_mixed())  # type: ignore[arg-type]
    assert sliced.costs == ()
    assert sliced.project.budget is None
    assert [m.person for m in sliced.project.team] == ["pm"]
    assert sliced.project.team[0].allocations == []


def test_retrospective_only_when_the_project_shares_it() -> None:
    from generator.model.documents import Retrospective

    retro = Retrospective.model_validate(
        {
            "date": "2026-06-30",
            "went_well": ["Unbilled: 65 hours", {"text": "Fast feedback", "visibility": "client"}],
            "team_performance": "Mara carried the team.",
            "body": "Cost 69,400 EUR.",
        }
    )
    data = f.data(f.project(), retrospective=retro)
    assert client_slice(data).retrospective is None
    shared = f.data(f.project(sharing=Sharing(retrospective=True)), retrospective=retro)
    seen = client_slice(shared).retrospective
    assert seen is not None
    assert [i.text for i in seen.went_well] == ["Fast feedback"]  # items are internal unless marked
    assert seen.team_performance is None and seen.body == ""


def test_internal_audience_sees_everything() -> None:
    data = _mixed()
    assert for_audience(data, Audience.internal) is data  # type: ignore[arg-type]
