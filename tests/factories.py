"""Compact builders of model values for tests; dates may be given as ISO strings.

Defaults make a valid record, keyword arguments pass straight to the model, so a test
states only what it is about: task("t1", "2026-01-05", "2026-01-09", hours=16).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from generator.model.documents import Update
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import (
    Allocation,
    Budget,
    Forecast,
    Goal,
    Measurement,
    Milestone,
    Project,
    TeamMember,
)
from generator.model.records import ChangeRequest, Cost, Risk, RiskChange, Task
from generator.model.site import Client, Person, Site

DateLike = dt.date | str


def d(value: DateLike) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def project(
    id: str = "p1",
    start: DateLike = "2026-01-05",
    planned_end: DateLike = "2026-06-26",
    bac: float | None = None,
    client: str = "acme",
    **kw: Any,
) -> Project:
    budget = Budget(bac=bac) if bac is not None else None
    return Project(
        id=id,
        title=kw.pop("title", f"Project {id}"),
        client=client,
        manager=kw.pop("manager", "pm"),
        start=d(start),
        planned_end=d(planned_end),
        budget=budget,
        **kw,
    )


def milestone(
    id: str,
    planned: DateLike,
    forecasts: Iterable[tuple[DateLike, DateLike]] = (),
    actual: DateLike | None = None,
    **kw: Any,
) -> Milestone:
    """forecasts: (made on, forecast date) pairs."""
    return Milestone(
        id=id,
        title=kw.pop("title", f"Milestone {id}"),
        planned=d(planned),
        forecasts=[Forecast(date=d(m), forecast=d(f)) for m, f in forecasts],
        actual=d(actual) if actual else None,
        **kw,
    )


def task(
    id: str,
    start: DateLike,
    due: DateLike,
    hours: float = 8,
    completed: DateLike | None = None,
    progress: Iterable[tuple[DateLike, float]] = (),
    **kw: Any,
) -> Task:
    readings = [{"date": d(day), "percent": pct} for day, pct in progress]
    status = kw.pop("status", "done" if completed else ("in_progress" if readings else "todo"))
    return Task(
        id=id,
        title=kw.pop("title", f"Task {id}"),
        start=d(start),
        due=d(due),
        estimate_hours=hours,
        status=status,
        completed=d(completed) if completed else None,
        progress=readings,
        **kw,
    )


def risk(
    id: str,
    raised: DateLike,
    probability: int,
    impact: int,
    history: Iterable[tuple[DateLike, dict[str, Any]]] = (),
    **kw: Any,
) -> Risk:
    """history: (date, {"probability"|"impact"|"status": value}) re-assessments."""
    return Risk(
        id=id,
        title=kw.pop("title", f"Risk {id}"),
        owner=kw.pop("owner", "pm"),
        raised=d(raised),
        probability=probability,
        impact=impact,
        history=[RiskChange(date=d(day), **change) for day, change in history],
        **kw,
    )


def change(
    id: str, requested: DateLike, decided: DateLike | None = None, **kw: Any
) -> ChangeRequest:
    return ChangeRequest(
        id=id,
        title=kw.pop("title", f"Change {id}"),
        requested_by=kw.pop("requested_by", "client"),
        requested=d(requested),
        decided=d(decided) if decided else None,
        status=kw.pop("status", "approved" if decided else "proposed"),
        **kw,
    )


def cost(day: DateLike, amount: float) -> Cost:
    return Cost(date=d(day), amount=amount)


def update(day: DateLike, **kw: Any) -> Update:
    return Update(
        date=d(day),
        author=kw.pop("author", "pm"),
        visibility=kw.pop("visibility", "client"),
        source=kw.pop("source", f"updates/{d(day)}.md"),
        **kw,
    )


def goal(id: str = "g1", **kw: Any) -> Goal:
    """A complete SMART goal unless keywords take parts away (owner=None, ...)."""
    measurements = [Measurement(date=d(day), value=v) for day, v in kw.pop("measurements", ())]
    fields: dict[str, Any] = {
        "title": f"Goal {id}",
        "metric": "conversion rate",
        "unit": "%",
        "baseline": 2.0,
        "target": 4.0,
        "deadline": d("2026-06-01"),
        "owner": "pm",
    }
    fields.update(kw)
    if isinstance(fields["deadline"], str):
        fields["deadline"] = d(fields["deadline"])
    return Goal(id=id, measurements=measurements, **fields)


def member(person: str, *allocations: tuple[DateLike, DateLike, float]) -> TeamMember:
    """allocations: (from, to, hours per week)."""
    return TeamMember(
        person=person,
        allocations=[
            Allocation.model_validate({"from": d(a), "to": d(b), "hours_per_week": h})
            for a, b, h in allocations
        ],
    )


def person(id: str, capacity: float = 40, **kw: Any) -> Person:
    return Person(
        id=id,
        name=kw.pop("name", id.title()),
        role=kw.pop("role", "Engineer"),
        capacity_hours=capacity,
        **kw,
    )


def data(proj: Project | None = None, **registers: Any) -> ProjectData:
    """ProjectData with tasks=, risks=, changes=, costs=, updates=, ... as any iterables."""
    fields: dict[str, Any] = {
        k: v if k == "retrospective" else tuple(v) for k, v in registers.items()
    }
    return ProjectData(project=proj or project(), **fields)


def portfolio(*projects: ProjectData, people: Iterable[Person] = ()) -> Portfolio:
    return Portfolio(
        site=Site(name="Test agency"),
        people={p.id: p for p in people},
        clients={"acme": Client(id="acme", name="Acme")},
        projects={p.id: p for p in projects},
    )
