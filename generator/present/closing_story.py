"""What the closing report says beyond its tables, so that every section is fed by data or
left out: the change-request sentence, the problems the schedule shows, the team section's
title, which sections have anything to say, and the seal of a Chinese sign-off.

Problems come from the retrospective's problems (those the reader may see), the issues and
risks that occurred, and every re-forecast with its reason: a project that moved its dates
seven times had problems, whatever else was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import i18n
from generator.model.records import ChangeStatus
from generator.present import wording
from generator.present.closing import Closing
from generator.present.portal import signed_money, signed_percent
from generator.present.report import ReportView
from generator.present.team import Contribution, contributions
from generator.present.wording import N_


@dataclass(frozen=True)
class ScheduleProblem:
    milestone: str
    reason: str
    moved: str  # "+7 d"
    when: str  # the date of the re-forecast


@dataclass(frozen=True)
class FinalCost:
    """The money of a finished project, for the team: actuals, not forecasts. At closure
    the earned value is the budget of the work done and the cost at completion is the
    actual cost, so the closing report prints no EAC, CPI or SPI."""

    budget: str  # BAC
    actual: str  # AC at closure
    actual_share: str  # AC / BAC
    variance: str  # BAC − AC, signed: negative is an overrun
    overrun: bool
    contract: str | None  # what the client pays (budget.contract_value)
    margin: str | None  # contract − AC, signed
    margin_share: str | None  # margin / contract
    loss: bool


@dataclass(frozen=True)
class ClosingStory:
    changes_sentence: str
    schedule_problems: tuple[ScheduleProblem, ...]  # every re-forecast that names a reason
    unexplained_moves: int  # re-forecasts without a reason
    has_problems: bool
    team_title: str
    team: tuple[Contribution, ...]  # who did what; empty: the team table is left out
    has_team: bool  # the team section has a table, a performance note or what went well
    has_lessons: bool
    has_handover: bool
    seal: bool  # Chinese practice: room for the company seal (盖章) in the sign-off
    money: FinalCost | None  # the team's copy of a project with a budget


def changes_sentence(report: ReportView, closing: Closing) -> str:
    view = report.lens
    locale = view.locale
    g = wording.gettext
    count = len(closing.all_changes)
    approved = [c for c in view.seen.changes if c.status == ChangeStatus.approved]
    total = wording.ngettext(
        locale, "%(count)d change request in total", "%(count)d change requests in total", count
    ) % {"count": count}
    if not approved:
        return g(locale, "%(total)s; none was approved.") % {"total": total}
    days = sum(c.impact.schedule_days for c in approved)
    if days == 0:
        return g(locale, "%(total)s; the approved ones did not move the schedule.") % {
            "total": total
        }
    message = LATER if days > 0 else EARLIER
    return g(locale, message) % {"total": total, "days": wording.days(abs(days), locale)}


LATER = N_("%(total)s; the approved ones moved the schedule %(days)s later.")
EARLIER = N_("%(total)s; the approved ones moved the schedule %(days)s earlier.")


def closing_story(report: ReportView, closing: Closing) -> ClosingStory:
    view = report.lens
    locale = view.locale
    retro = closing.retrospective
    problems = tuple(
        ScheduleProblem(
            r.milestone, r.slip.reason, r.slip.variance, wording.date(r.slip.date, locale)
        )
        for r in closing.slip_reasons
        if r.slip.reason
    )
    unexplained = sum(1 for r in closing.slip_reasons if not r.slip.reason)
    has_lessons = bool(retro and (retro.lessons or retro.to_improve or retro.actions))
    team = contributions(view, report.team)
    performance = bool(report.internal and retro and retro.team_performance)
    return ClosingStory(
        changes_sentence=changes_sentence(report, closing),
        schedule_problems=problems,
        unexplained_moves=unexplained,
        has_problems=bool((retro and retro.problems) or closing.issues or problems or unexplained),
        team_title=wording.gettext(locale, TEAM_INTERNAL if report.internal else TEAM_CLIENT),
        team=team,
        has_team=bool(team or performance or (retro and retro.went_well)),
        has_lessons=has_lessons,
        has_handover=bool(closing.handover or closing.open_risks),
        seal=locale.startswith("zh"),
        money=None if view.client else final_cost(report),
    )


def final_cost(report: ReportView) -> FinalCost | None:
    view = report.lens
    budget = view.full.project.budget
    if budget is None:
        return None
    locale = view.locale
    currency = view.currency
    actual = sum(c.amount for c in view.full.costs)
    contract = budget.contract_value
    margin = None if contract is None else contract - actual
    return FinalCost(
        budget=i18n.format_money(budget.bac, currency, locale),
        actual=i18n.format_money(actual, currency, locale),
        actual_share=i18n.format_pct(actual / budget.bac, locale) if budget.bac else "\u2014",
        variance=signed_money(budget.bac - actual, currency, locale),
        overrun=actual > budget.bac,
        contract=None if contract is None else i18n.format_money(contract, currency, locale),
        margin=None if margin is None else signed_money(margin, currency, locale),
        margin_share=signed_percent(margin / contract, locale)
        if margin is not None and contract
        else None,
        loss=margin is not None and margin < 0,
    )


TEAM_INTERNAL = N_("Team performance")
TEAM_CLIENT = N_("Project team")
