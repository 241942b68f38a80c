"""snapshot.as_of: the project exactly as it stood at the end of a day."""

from __future__ import annotations

import datetime as dt

from generator.analyze.earned_value import project_earned_value
from generator.analyze.snapshot import as_of
from generator.model.documents import MeetingNote, Note, Retrospective
from generator.model.portfolio import ProjectData
from generator.model.project import Acceptance, Deliverable, ProjectStatus
from generator.model.records import ChangeStatus, TaskStatus
from tests.factories import (
    change,
    cost,
    d,
    data,
    goal,
    milestone,
    project,
    risk,
    task,
    update,
)

DAY = d("2026-02-15")


def full() -> ProjectData:
    return data(
        project(
            bac=10000,
            status="closed",
            actual_end="2026-03-31",
            goals=[goal("g1", measurements=[("2026-02-01", 2.5), ("2026-03-01", 3.1)])],
            milestones=[
                milestone(
                    "m1",
                    "2026-02-10",
                    forecasts=[("2026-01-20", "2026-02-12"), ("2026-02-20", "2026-02-25")],
                    actual="2026-02-26",
                    acceptance="accepted",
                    accepted_on="2026-03-02",
                    accepted_by="Client CTO",
                ),
                milestone(
                    "m0",
                    "2026-01-20",
                    actual="2026-01-20",
                    acceptance="accepted",
                    accepted_on="2026-01-22",
                ),
            ],
            deliverables=[
                Deliverable(
                    id="dl",
                    title="Design system",
                    delivered_on=d("2026-02-26"),
                    accepted_on=d("2026-03-02"),
                    status="accepted",
                ),
            ],
        ),
        tasks=[
            task("early", "2026-01-05", "2026-01-30", completed="2026-01-29"),
            task(
                "late",
                "2026-02-02",
                "2026-02-27",
                completed="2026-02-27",
                progress=[("2026-02-10", 40), ("2026-02-20", 80)],
            ),
            task("future", "2026-03-02", "2026-03-20", completed="2026-03-20"),
        ],
        risks=[
            risk(
                "r1",
                "2026-01-10",
                3,
                4,
                history=[("2026-02-01", {"probability": 4}), ("2026-03-01", {"status": "closed"})],
            ),
            risk("r2", "2026-02-20", 2, 2),
        ],
        changes=[
            change("c1", "2026-02-01", decided="2026-02-18", decided_by="CTO"),
            change("c2", "2026-01-15", decided="2026-01-20", status="rejected"),
            change("c3", "2026-02-16"),
        ],
        costs=[cost("2026-01-31", 3000), cost("2026-02-15", 1000), cost("2026-02-28", 2500)],
        updates=[update("2026-02-13", health="amber"), update("2026-02-20", health="red")],
        meetings=[
            MeetingNote(date=d("2026-02-15"), title="Steering"),
            MeetingNote(date=d("2026-02-16"), title="Review"),
        ],
        notes=[Note(date=d("2026-02-16"), title="Later")],
        retrospective=Retrospective(date=d("2026-04-02")),
    )


def test_later_records_are_dropped_and_earlier_ones_kept() -> None:
    snap = as_of(full(), DAY)
    assert [u.date for u in snap.updates] == [d("2026-02-13")]
    assert [m.title for m in snap.meetings] == ["Steering"]
    assert snap.notes == ()
    assert snap.retrospective is None
    assert [c.amount for c in snap.costs] == [3000, 1000]
    assert [r.id for r in snap.risks] == ["r1"]
    assert [h.date for h in snap.risks[0].history] == [d("2026-02-01")]
    assert [c.id for c in snap.changes] == ["c1", "c2"]
    assert [m.date for m in snap.project.goals[0].measurements] == [d("2026-02-01")]


def test_completions_after_the_day_are_reverted() -> None:
    tasks = {t.id: t for t in as_of(full(), DAY).tasks}
    assert tasks["early"].status == TaskStatus.done
    late = tasks["late"]
    assert (late.status, late.completed) == (TaskStatus.in_progress, None)
    assert [r.percent for r in late.progress] == [40]
    assert (tasks["future"].status, tasks["future"].completed) == (TaskStatus.todo, None)


def test_milestones_decisions_and_status_are_reverted() -> None:
    snap = as_of(full(), DAY)
    m1 = next(m for m in snap.project.milestones if m.id == "m1")
    assert [f.forecast for f in m1.forecasts] == [d("2026-02-12")]
    assert (m1.actual, m1.acceptance, m1.accepted_on, m1.accepted_by) == (
        None,
        Acceptance.pending,
        None,
        None,
    )
    m0 = next(m for m in snap.project.milestones if m.id == "m0")
    assert (m0.actual, m0.acceptance) == (d("2026-01-20"), Acceptance.accepted)
    c1 = snap.changes[0]
    assert (c1.status, c1.decided, c1.decided_by) == (ChangeStatus.proposed, None, None)
    assert snap.changes[1].status == ChangeStatus.rejected
    assert (snap.project.status, snap.project.actual_end) == (ProjectStatus.active, None)
    deliverable = snap.project.deliverables[0]
    assert (deliverable.delivered_on, deliverable.accepted_on) == (None, None)
    assert deliverable.status == "in_progress"


def test_closed_only_from_the_actual_end() -> None:
    assert as_of(full(), d("2026-03-31")).project.status == ProjectStatus.closed
    assert as_of(full(), d("2026-03-30")).project.status == ProjectStatus.active


def test_snapshot_gives_the_same_analysis_as_the_day_itself_and_is_stable() -> None:
    later = full()
    snap = as_of(later, DAY)
    assert project_earned_value(snap, DAY) == project_earned_value(later, DAY)
    # Rebuilding the past from even later data changes nothing.
    assert as_of(as_of(later, d("2026-03-10")), DAY) == snap
    assert as_of(snap, DAY) == snap


def test_nothing_changes_when_everything_is_in_the_past() -> None:
    whole = full()
    assert as_of(whole, d("2027-01-01")) == whole


def test_snapshots_compose_on_every_day() -> None:
    whole = full()
    start = d("2026-01-01")
    for n in range(0, 120, 3):
        day = start + dt.timedelta(days=n)
        for later in (day, day + dt.timedelta(days=9), day + dt.timedelta(days=40)):
            assert as_of(as_of(whole, later), day) == as_of(whole, day), (day, later)


def test_on_hold_since_keeps_earlier_days_active() -> None:
    paused = data(project(status="on_hold", on_hold_since=d("2026-03-02")))
    assert as_of(paused, d("2026-03-01")).project.status == ProjectStatus.active
    assert as_of(paused, d("2026-03-02")).project.status == ProjectStatus.on_hold
