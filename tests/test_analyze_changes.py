"""What changed between two dates (start exclusive, end inclusive)."""

from __future__ import annotations

from generator.analyze.changes import changes_between
from generator.analyze.reasons import Reason
from tests.factories import change, d, data, milestone, project, risk, task

START, END = d("2026-03-01"), d("2026-03-08")  # the week 2 to 8 March

SUBJECT = data(
    project(
        milestones=[
            milestone(
                "design",
                "2026-03-13",
                forecasts=[("2026-03-04", "2026-03-20")],
                title="Design sign-off",
            ),
            milestone("kickoff", "2026-03-02", actual="2026-03-03", title="Kick-off"),
            milestone("old", "2026-02-20", actual="2026-03-01"),  # on START: not in the window
            milestone("steady", "2026-04-01", forecasts=[("2026-03-05", "2026-04-01")]),
        ]
    ),
    tasks=[
        task("t1", "2026-02-23", "2026-03-06", completed="2026-03-06", title="Wireframes"),
        task("t0", "2026-02-23", "2026-03-01", completed="2026-03-01"),
        task("t2", "2026-03-02", "2026-03-13", completed="2026-03-09"),
    ],
    risks=[
        risk("new", "2026-03-02", 3, 5, title="Hosting migration"),
        risk(
            "shut",
            "2026-02-01",
            3,
            3,
            history=[("2026-03-05", {"status": "closed"})],
            title="Key person leave",
        ),
        risk(
            "hit",
            "2026-02-01",
            4,
            4,
            history=[("2026-03-08", {"status": "occurred"})],
            title="API vendor late",
        ),
        risk(
            "worse",
            "2026-02-01",
            2,
            3,
            history=[("2026-03-04", {"probability": 4})],
            title="Content late",
        ),
        risk("better", "2026-02-01", 4, 3, history=[("2026-03-04", {"probability": 2})]),
    ],
    changes=[
        change("cr1", "2026-03-02", title="Add blog", requested_by="Anna Weber"),
        change("cr2", "2026-02-10", decided="2026-03-07", status="rejected", title="Dark mode"),
        change("cr3", "2026-02-10", decided="2026-03-10", title="Later"),
    ],
)


def test_changes_in_the_window() -> None:
    summary = changes_between(SUBJECT, START, END, high_risk_exposure=15)
    assert [t.id for t in summary.tasks_completed] == ["t1"]
    assert [m.id for m in summary.milestones_reached] == ["kickoff"]
    assert [(m.id, m.previous, m.forecast, m.days) for m in summary.milestones_moved] == [
        ("design", d("2026-03-13"), d("2026-03-20"), 7)
    ]
    assert [r.risk.id for r in summary.risks_opened] == ["new"]
    assert summary.risks_opened[0].previous_exposure is None
    assert [r.risk.id for r in summary.risks_closed] == ["shut"]
    assert [r.risk.id for r in summary.risks_occurred] == ["hit"]
    assert [(r.risk.id, r.previous_exposure, r.risk.exposure) for r in summary.risks_escalated] == [
        ("worse", 6, 12)
    ]
    assert [c.id for c in summary.changes_requested] == ["cr1"]
    assert [(c.id, c.status) for c in summary.changes_decided] == [("cr2", "rejected")]


def test_reasons_describe_each_change_in_order() -> None:
    summary = changes_between(SUBJECT, START, END, high_risk_exposure=15)
    assert summary.reasons == (
        Reason("task_completed", {"task": "Wireframes", "date": d("2026-03-06")}),
        Reason(
            "milestone_reached",
            {"milestone": "Kick-off", "date": d("2026-03-03"), "variance_days": 1},
        ),
        Reason(
            "milestone_moved",
            {
                "milestone": "Design sign-off",
                "previous": d("2026-03-13"),
                "forecast": d("2026-03-20"),
                "days": 7,
            },
        ),
        Reason("risk_opened", {"risk": "Hosting migration", "exposure": 15, "level": "high"}),
        Reason("risk_closed", {"risk": "Key person leave"}),
        Reason("risk_occurred", {"risk": "API vendor late"}),
        Reason("risk_escalated", {"risk": "Content late", "previous": 6, "exposure": 12}),
        Reason("change_requested", {"change": "Add blog", "requested_by": "Anna Weber"}),
        Reason(
            "change_decided",
            {"change": "Dark mode", "decision": "rejected", "date": d("2026-03-07")},
        ),
    )
    assert not summary.empty


def test_a_quiet_window_is_empty() -> None:
    quiet = changes_between(SUBJECT, d("2026-03-20"), d("2026-03-27"), high_risk_exposure=15)
    assert quiet.empty and quiet.tasks_completed == ()


def test_client_view_leaves_internal_records_out() -> None:
    # Tasks, risks and change requests are internal unless marked; milestones are client.
    summary = changes_between(SUBJECT, START, END, high_risk_exposure=15, client_only=True)
    assert [r.code for r in summary.reasons] == ["milestone_reached", "milestone_moved"]
    shared = data(
        SUBJECT.project,
        tasks=[task("t", "2026-03-02", "2026-03-06", completed="2026-03-05", visibility="client")],
        changes=[change("cr", "2026-03-03", visibility="client")],
    )
    client = changes_between(shared, START, END, high_risk_exposure=15, client_only=True)
    assert [r.code for r in client.reasons] == [
        "task_completed",
        "milestone_reached",
        "milestone_moved",
        "change_requested",
    ]
