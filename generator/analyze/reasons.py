"""Structured explanations: a stable code and its parameters, worded later by the renderer.

analyze/ never writes sentences: the renderer turns each Reason into en or zh-CN text
through gettext, formatting dates, numbers and lists with Babel for the reader's locale.
Names of things (milestone, goal, risk, task and change titles) are the user's own text.

Every code and its parameters (exactly these keys; `Reason` refuses others):

Health (health.py; each comes with the level it pushed the project to)
  milestone_slip      milestone: str, days: int, threshold: int
                      an open milestone is forecast `days` late; `threshold` is the
                      slip_amber_days or slip_red_days rule that was reached
  milestones_overdue  count: int, milestones: tuple[str, ...], days: int
                      open milestones whose date has passed; `days` = the longest overdue
  spi_low             spi: float, threshold: float
                      schedule performance index at or below the rule
  cpi_low             cpi: float, threshold: float
                      cost performance index at or below the rule
  high_risks_open     count: int, risks: tuple[str, ...], exposure: int
                      open risks with exposure (P x I) of at least `exposure`
  update_stale        days: int, last_update: datetime.date, threshold: int
                      no client-visible update for `days` days
  no_client_update    days: int, threshold: int
                      no client-visible update at all, `days` days after the start

SMART lint (smart.py; each names the goal by its title)
  goal_no_metric         goal: str                 no metric to measure
  goal_no_target         goal: str                 no target value
  goal_no_baseline       goal: str                 no baseline value
  goal_no_deadline       goal: str                 no deadline
  goal_deadline_outside  goal: str, deadline: datetime.date, start: datetime.date,
                         end: datetime.date        deadline outside start..end of the project
  goal_no_owner          goal: str                 nobody owns the goal
  goal_unknown_owner     goal: str, owner: str     owner is not a person of the workspace
  goal_target_not_ahead  goal: str, baseline: float, target: float, direction: str
                         the target is not beyond the baseline in the goal's direction
                         ("increase" or "decrease")

What changed between two dates (changes.py)
  task_completed     task: str, date: datetime.date
  milestone_reached  milestone: str, date: datetime.date, variance_days: int
  milestone_moved    milestone: str, previous: datetime.date, forecast: datetime.date,
                     days: int  (days > 0: later, < 0: earlier)
  risk_opened        risk: str, exposure: int, level: str ("low" | "medium" | "high")
  risk_closed        risk: str
  risk_occurred      risk: str  (the risk became an issue)
  risk_escalated     risk: str, previous: int, exposure: int  (exposure went up)
  change_requested   change: str, requested_by: str
  change_decided     change: str, decision: str ("approved" | "rejected" | "withdrawn"),
                     date: datetime.date | None
"""

from __future__ import annotations

from dataclasses import dataclass, field

CODES: dict[str, frozenset[str]] = {
    code: frozenset(params.split())
    for code, params in {
        "milestone_slip": "milestone days threshold",
        "milestones_overdue": "count milestones days",
        "spi_low": "spi threshold",
        "cpi_low": "cpi threshold",
        "high_risks_open": "count risks exposure",
        "update_stale": "days last_update threshold",
        "no_client_update": "days threshold",
        "goal_no_metric": "goal",
        "goal_no_target": "goal",
        "goal_no_baseline": "goal",
        "goal_no_deadline": "goal",
        "goal_deadline_outside": "goal deadline start end",
        "goal_no_owner": "goal",
        "goal_unknown_owner": "goal owner",
        "goal_target_not_ahead": "goal baseline target direction",
        "task_completed": "task date",
        "milestone_reached": "milestone date variance_days",
        "milestone_moved": "milestone previous forecast days",
        "risk_opened": "risk exposure level",
        "risk_closed": "risk",
        "risk_occurred": "risk",
        "risk_escalated": "risk previous exposure",
        "change_requested": "change requested_by",
        "change_decided": "change decision date",
    }.items()
}


@dataclass(frozen=True)
class Reason:
    """Why something is so, as data: `code` from CODES and its parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        expected = CODES.get(self.code)
        if expected is None:
            raise ValueError(f"unknown reason code {self.code!r}")
        if set(self.params) != expected:
            raise ValueError(
                f"reason {self.code!r} takes {sorted(expected)}, got {sorted(self.params)}"
            )
