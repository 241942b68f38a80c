"""What a project page says before its details: who to call, the dates with the forecast
end, the budget against the work done, and for a closed project its outcome.

Rules:
- who to call: the project's manager from people.yaml, with e-mail and phone when given;
  every page of the project prints it, the client's pages included.
- forecast end: analyze.schedule.forecast_end over the milestones the reader may see (a
  client's forecast never depends on an internal milestone); shown beside the planned end
  while the project runs and the forecast is later.
- budget: the share used (AC / BAC) against the share of the work done (the progress
  figure), coloured by analyze.health.cost_level (the CPI against cpi_amber / cpi_red).
  Money (BAC, EAC, EAC − BAC) only for the team. A project that used more than its budget
  says so, closed or not.
- outcome of a closed project: "Completed" with the day it closed against the planned end,
  the closing words of its last update, goals met and deliverables accepted, and the
  budget's final share.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.analyze.earned_value import project_earned_value
from generator.analyze.health import cost_level
from generator.analyze.schedule import forecast_end
from generator.model.project import ProjectStatus
from generator.present import wording
from generator.present.context import Lens

_STATUS = {"green": "on_track", "amber": "at_risk", "red": "off_track"}


@dataclass(frozen=True)
class Caller:
    """A person to call about the project: name, role, e-mail and phone as given."""

    name: str
    role: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Dates:
    start: dt.date
    planned_end: dt.date
    forecast_end: dt.date | None  # while running and later than planned; None otherwise
    actual_end: dt.date | None
    end_variance: str  # forecast (or actual) end against the planned end: "+70 d", "on plan"
    late: bool  # the forecast or actual end is after the planned end


@dataclass(frozen=True)
class CostView:
    """The budget as a reader sees it: used against the work done, one colour rule."""

    used_text: str  # "90%"
    done_text: str  # "69%": the progress figure
    used_bar: float  # 0..100, capped for a <progress>
    done_bar: float
    level: str  # "green" | "amber" | "red": analyze.health.cost_level
    status: str  # "on_track" | "at_risk" | "off_track": a CSS class
    verdict: str  # one line in the reader's language
    over_budget: bool  # more than the budget spent (AC > BAC)
    # Over budget and its cost level not green: printed as a problem. Within the cost rule
    # it reads "Slightly over budget (2%)", in the colours of the green budget card.
    over_alarm: bool
    # The team only (None for a client):
    bac: str | None
    eac: str | None
    overrun: str | None  # EAC − BAC, signed money
    overrun_percent: str | None  # (EAC − BAC) / BAC
    eac_over: bool  # the estimate at completion exceeds the budget


@dataclass(frozen=True)
class Outcome:
    """A closed project, at the top of its page instead of the traffic light."""

    label: str  # "Completed" / "已结项"
    finished: dt.date
    schedule: str  # "2 weeks after the planned end" in the reader's words
    late: bool
    closing_words: str | None  # the reason of the last update the reader may see
    goals: str | None  # "3 of 4 goals met"
    deliverables: str | None  # "5 of 5 deliverables accepted"


def manager(view: Lens) -> Caller:
    """The project manager as a person to call."""
    ident = view.seen.project.manager
    person = view.portfolio.people.get(ident)
    if person is None:
        return Caller(ident, None, None, None)
    return Caller(person.name, person.role, person.email, person.phone)


def dates(view: Lens) -> Dates:
    project = view.seen.project
    expected = forecast_end(project.planned_end, project.milestones, view.as_of)
    running = project.status != ProjectStatus.closed and project.actual_end is None
    end = project.actual_end if not running and project.actual_end else expected
    days = (end - project.planned_end).days
    return Dates(
        start=project.start,
        planned_end=project.planned_end,
        forecast_end=expected if running and expected > project.planned_end else None,
        actual_end=project.actual_end,
        end_variance=wording.variance(days, view.locale),
        late=days > 0,
    )


def cost(view: Lens) -> CostView | None:
    """None without a budget, or for a client of a workspace that shows none
    (site.portal.budget: none)."""
    project = view.full.project
    if project.budget is None:
        return None
    if view.client and view.portfolio.site.portal.budget != "percent":
        return None
    value = project_earned_value(view.full, view.as_of)
    assert value is not None  # the project has a budget
    g = wording.gettext
    locale = view.locale
    level = cost_level(value, view.rules).value
    # A budget of 0 (internal work nobody pays for) has no share used: a dash, not 0%.
    share = value.spent_fraction
    used = share or 0.0
    done = value.earned_fraction
    over = used > 1.0
    used_text = i18n.format_pct(share, locale)
    if share is None:
        verdict = g(locale, "No budget to spend against")
    elif over and level == "green":
        verdict = g(locale, "Slightly over budget (%(over)s)") % {
            "over": i18n.format_pct(used - 1.0, locale)
        }
    elif over:
        verdict = g(locale, "%(over)s over budget") % {"over": i18n.format_pct(used - 1.0, locale)}
    elif level == "green":
        verdict = g(locale, "Spending is in line with the work done")
    else:
        verdict = g(locale, "Spending runs ahead of the work done")
    money = None if view.client else view.currency
    eac = value.eac if money else None
    return CostView(
        used_text=used_text,
        done_text=i18n.format_pct(done, locale),
        used_bar=min(100 * used, 100.0),
        done_bar=min(100 * done, 100.0),
        level=level,
        status=_STATUS[level],
        verdict=verdict,
        over_budget=over,
        over_alarm=over and level != "green",
        bac=whole_money(value.bac, money, locale) if money else None,
        eac=whole_money(eac, money, locale) if money and eac is not None else None,
        overrun=signed_money(eac - value.bac, money, locale) if money and eac is not None else None,
        overrun_percent=signed_percent((eac - value.bac) / value.bac, locale)
        if money and eac is not None and value.bac
        else None,
        eac_over=eac is not None and round(eac) > round(value.bac),
    )


def whole_money(value: float | None, currency: str, locale: str) -> str:
    """An amount rounded to whole units: a forecast has no cents."""
    return i18n.format_money(None if value is None else round(value), currency, locale)


def signed_money(value: float, currency: str, locale: str) -> str:
    """ "+€56,561", "-€4,000", "€0": an overrun or a margin with its sign."""
    whole = round(value)
    text = i18n.format_money(abs(whole), currency, locale)
    return ("+" if whole > 0 else "-" if whole < 0 else "") + text


def signed_percent(fraction: float, locale: str) -> str:
    whole = round(100 * fraction)
    text = i18n.format_pct(abs(whole) / 100, locale)
    return ("+" if whole > 0 else "-" if whole < 0 else "") + text


def outcome(view: Lens, goals_met: int, goals: int) -> Outcome | None:
    """The outcome of a closed project; None while it runs."""
    project = view.seen.project
    if project.status != ProjectStatus.closed:
        return None
    g = wording.gettext
    locale = view.locale
    finished = project.actual_end or view.as_of
    days = (finished - project.planned_end).days
    if days > 0:
        schedule = g(locale, "%(days)s after the planned end") % {
            "days": wording.days(days, locale)
        }
    elif days < 0:
        schedule = g(locale, "%(days)s before the planned end") % {
            "days": wording.days(-days, locale)
        }
    else:
        schedule = g(locale, "On the planned end date")
    updates = [u for u in view.seen.updates if u.kind != "daily" and u.date <= view.as_of]
    last = max(updates, key=lambda u: u.date) if updates else None
    deliverables = project.deliverables
    accepted = sum(1 for d in deliverables if d.status.value == "accepted")
    return Outcome(
        label=wording.label("project_status", ProjectStatus.closed, locale),
        finished=finished,
        schedule=schedule,
        late=days > 0,
        closing_words=last.health_reason if last and last.health_reason else None,
        goals=g(locale, "%(met)d of %(n)d goals met") % {"met": goals_met, "n": goals}
        if goals
        else None,
        deliverables=g(locale, "%(accepted)d of %(n)d deliverables accepted")
        % {"accepted": accepted, "n": len(deliverables)}
        if deliverables
        else None,
    )
