"""Earned value management (PMBOK): PV, EV, AC and the indices derived from them.

A ratio whose denominator is zero (no planned value yet, nothing spent, budget fully
spent) is None: "not defined yet" is different from zero and the report says so. A budget
of zero (internal work nobody pays for) leaves every ratio undefined: EV and PV are zero
however the work goes, so an index of 0.00 would read as a disaster that is not one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.analyze.periods import completed_periods
from generator.analyze.progress import percent_complete, planned_percent
from generator.model.portfolio import ProjectData


@dataclass(frozen=True)
class EarnedValue:
    bac: float  # budget at completion
    planned_fraction: float  # 0..1 of the work planned by now
    earned_fraction: float  # 0..1 of the work actually done
    pv: float
    ev: float
    ac: float
    sv: float  # EV - PV; negative: behind schedule
    cv: float  # EV - AC; negative: over budget
    spi: float | None  # EV / PV
    cpi: float | None  # EV / AC
    eac: float | None  # BAC / CPI: the current cost efficiency continues
    eac_atypical: float  # AC + (BAC - EV): the remaining work goes to plan
    etc: float | None  # EAC - AC
    vac: float | None  # BAC - EAC
    tcpi: float | None  # (BAC - EV) / (BAC - AC): efficiency needed to finish on budget
    spent_fraction: float | None  # AC / BAC, for "% of budget used"


@dataclass(frozen=True)
class EarnedValuePoint:
    date: dt.date
    key: str  # the month ("2026-11"), or the as_of date for the last, partial point
    value: EarnedValue


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def earned_value(
    bac: float, planned_fraction: float, earned_fraction: float, actual_cost: float
) -> EarnedValue:
    pv = bac * planned_fraction
    ev = bac * earned_fraction
    ac = actual_cost
    cpi = _ratio(ev, ac) if bac else None
    eac = _ratio(bac, cpi) if cpi else None
    return EarnedValue(
        bac=bac,
        planned_fraction=planned_fraction,
        earned_fraction=earned_fraction,
        pv=pv,
        ev=ev,
        ac=ac,
        sv=ev - pv,
        cv=ev - ac,
        spi=_ratio(ev, pv),
        cpi=cpi,
        eac=eac,
        eac_atypical=ac + (bac - ev),
        etc=None if eac is None else eac - ac,
        vac=None if eac is None else bac - eac,
        tcpi=_ratio(bac - ev, bac - ac) if bac else None,
        spent_fraction=_ratio(ac, bac),
    )


def actual_cost(data: ProjectData, as_of: dt.date) -> float:
    return sum(c.amount for c in data.costs if c.date <= as_of)


def project_earned_value(data: ProjectData, as_of: dt.date) -> EarnedValue | None:
    """Earned value at the end of `as_of`; None when the project has no budget."""
    if data.project.budget is None:
        return None
    tasks = list(data.tasks)
    return earned_value(
        data.project.budget.bac,
        planned_percent(tasks, as_of) / 100,
        percent_complete(tasks, as_of) / 100,
        actual_cost(data, as_of),
    )


def earned_value_series(data: ProjectData, as_of: dt.date) -> list[EarnedValuePoint]:
    """One point per month end from the project start, plus `as_of` if mid-month."""
    budget = data.project.budget
    start = data.project.start
    if budget is None or as_of < start:
        return []
    points: list[EarnedValuePoint] = []
    for month in completed_periods("month", start, as_of):
        value = project_earned_value(data, month.end)
        assert value is not None  # budget checked above
        points.append(EarnedValuePoint(month.end, month.key, value))
    if not points or points[-1].date != as_of:
        value = project_earned_value(data, as_of)
        assert value is not None
        points.append(EarnedValuePoint(as_of, as_of.isoformat(), value))
    return points
