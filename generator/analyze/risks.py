"""Risk register as of a day: current assessment, exposure (probability x impact), trend.

Levels on the 5x5 matrix: high from the rules' `high_risk_exposure` (15 by default),
medium from a third of that (5 by default, the classic green/amber line), low below.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.model.base import Visibility
from generator.model.records import Risk, RiskStatus

RiskLevel = Literal["low", "medium", "high"]


@dataclass(frozen=True)
class RiskState:
    id: str
    title: str
    kind: str  # "risk" or "issue"
    owner: str
    response: str
    raised: dt.date
    visibility: Visibility
    probability: int
    impact: int
    status: RiskStatus
    exposure: int
    level: RiskLevel
    changed: dt.date  # the last assessment applied (raised date if never re-assessed)

    @property
    def is_open(self) -> bool:
        return self.status == RiskStatus.open


@dataclass(frozen=True)
class ExposurePoint:
    date: dt.date
    open_count: int
    high_count: int
    total_exposure: int  # sum over open risks
    max_exposure: int  # 0 when nothing is open


def classify(exposure: int, high_risk_exposure: int) -> RiskLevel:
    if exposure >= high_risk_exposure:
        return "high"
    if exposure >= max(1, math.ceil(high_risk_exposure / 3)):
        return "medium"
    return "low"


def risk_state(risk: Risk, as_of: dt.date, high_risk_exposure: int) -> RiskState | None:
    """The risk after every re-assessment made by `as_of`; None if not raised yet."""
    if risk.raised > as_of:
        return None
    probability, impact, status, changed = (
        risk.probability,
        risk.impact,
        RiskStatus.open,
        risk.raised,
    )
    for change in sorted((h for h in risk.history if h.date <= as_of), key=lambda h: h.date):
        probability = change.probability or probability
        impact = change.impact or impact
        status = change.status or status
        changed = change.date
    exposure = probability * impact
    return RiskState(
        id=risk.id,
        title=risk.title,
        kind=risk.kind,
        owner=risk.owner,
        response=risk.response,
        raised=risk.raised,
        visibility=risk.visibility,
        probability=probability,
        impact=impact,
        status=status,
        exposure=exposure,
        level=classify(exposure, high_risk_exposure),
        changed=changed,
    )


def risk_states(risks: Iterable[Risk], as_of: dt.date, high_risk_exposure: int) -> list[RiskState]:
    """Every risk raised by `as_of`, in register order."""
    states = (risk_state(r, as_of, high_risk_exposure) for r in risks)
    return [s for s in states if s is not None]


def top_risks(
    risks: Iterable[Risk], as_of: dt.date, high_risk_exposure: int, limit: int = 5
) -> list[RiskState]:
    """Open risks, highest exposure first (then impact, then oldest)."""
    open_ = [s for s in risk_states(risks, as_of, high_risk_exposure) if s.is_open]
    open_.sort(key=lambda s: (-s.exposure, -s.impact, s.raised, s.id))
    return open_[:limit]


def exposure_trend(
    risks: Sequence[Risk], dates: Iterable[dt.date], high_risk_exposure: int
) -> list[ExposurePoint]:
    points = []
    for day in dates:
        open_ = [s for s in risk_states(risks, day, high_risk_exposure) if s.is_open]
        points.append(
            ExposurePoint(
                date=day,
                open_count=len(open_),
                high_count=sum(1 for s in open_ if s.level == "high"),
                total_exposure=sum(s.exposure for s in open_),
                max_exposure=max((s.exposure for s in open_), default=0),
            )
        )
    return points
