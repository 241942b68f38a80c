"""Budget state: share used against time elapsed, earned value figures and their charts.

Rules: the share used (AC / BAC) and the time elapsed come from the full project, so a
client and the team read the same shares; a client sees only those two shares, and only
when the workspace allows it (site.portal.budget: percent). Whether the spending runs
ahead of the calendar is analyze.health.budget_level, with the thresholds of the
workspace's health settings (budget_amber_gap, budget_red_gap). Money figures and the
earned value analysis are internal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.analyze.earned_value import (
    EarnedValue,
    actual_cost,
    earned_value_series,
    project_earned_value,
)
from generator.analyze.health import budget_level
from generator.analyze.periods import completed_periods, month_of
from generator.analyze.schedule import elapsed_fraction
from generator.present import charts, wording
from generator.present.charts import ChartMeta, Status
from generator.present.context import Lens
from generator.present.formats import both

_STATUS = {"green": "on_track", "amber": "at_risk", "red": "off_track"}
_CHART = {"on_track": Status.ON_TRACK, "at_risk": Status.AT_RISK, "off_track": Status.OFF_TRACK}


@dataclass(frozen=True)
class EarnedValueFigures:
    currency: str
    bac: str
    pv: str
    ev: str
    ac: str
    sv: str
    cv: str
    spi: str
    cpi: str
    eac: str
    etc: str
    vac: str
    tcpi: str
    spent: str  # AC / BAC as a percentage
    sv_negative: bool
    cv_negative: bool
    vac_negative: bool


@dataclass(frozen=True)
class EarnedValueRow:
    """One month of the earned value table of a monthly report."""

    date: dt.date
    figures: EarnedValueFigures


@dataclass(frozen=True)
class BudgetView:
    used_fraction: float | None  # AC / BAC
    elapsed_fraction: float  # share of the planned duration gone by
    used_text: str
    elapsed_text: str
    used_percent_bar: float  # 0..100, capped for a progress bar
    status: str  # "on_track" | "at_risk" | "off_track"
    earned_value: EarnedValueFigures | None  # internal only
    spent_in_period: str | None  # internal only, when asked for a period


def _money(value: float | None, currency: str, locale: str) -> str:
    return i18n.format_money(value, currency, locale)


def figures(value: EarnedValue, currency: str, locale: str) -> EarnedValueFigures:
    def m(x: float | None) -> str:
        return _money(x, currency, locale)

    return EarnedValueFigures(
        currency=currency,
        bac=m(value.bac),
        pv=m(value.pv),
        ev=m(value.ev),
        ac=m(value.ac),
        sv=m(value.sv),
        cv=m(value.cv),
        spi=wording.index(value.spi, locale),
        cpi=wording.index(value.cpi, locale),
        eac=m(value.eac),
        etc=m(value.etc),
        vac=m(value.vac),
        tcpi=wording.index(value.tcpi, locale),
        spent=i18n.format_pct(value.spent_fraction, locale),
        sv_negative=value.sv < 0,
        cv_negative=value.cv < 0,
        vac_negative=value.vac is not None and value.vac < 0,
    )


def budget(view: Lens, since: dt.date | None = None) -> BudgetView | None:
    """None when the project has no budget or the reader may see nothing of it.

    `since`: the first day of a report's period, for the cost booked in it (internal)."""
    full = view.full
    if full.project.budget is None:
        return None
    if view.client and view.portfolio.site.portal.budget != "percent":
        return None
    value = project_earned_value(full, view.as_of)
    assert value is not None  # the project has a budget
    project = full.project
    elapsed = elapsed_fraction(project.start, project.actual_end or project.planned_end, view.as_of)
    used = value.spent_fraction
    status = _STATUS[budget_level(used, elapsed, view.rules).value]
    locale = view.locale
    spent = None
    if since is not None and not view.client:
        booked = actual_cost(full, view.as_of) - actual_cost(full, since - dt.timedelta(1))
        spent = _money(booked, view.currency, locale)
    return BudgetView(
        used_fraction=used,
        elapsed_fraction=elapsed,
        used_text=i18n.format_pct(used, locale),
        elapsed_text=i18n.format_pct(elapsed, locale),
        used_percent_bar=min(100 * (used or 0.0), 100.0),
        status=status,
        earned_value=None if view.client else figures(value, view.currency, locale),
        spent_in_period=spent,
    )


def burn_chart(view: Lens, state: BudgetView, width: int = 520) -> str:
    g = wording.gettext
    locale = view.locale
    data = charts.BudgetBurn(
        budget_used=100 * (state.used_fraction or 0.0),
        time_elapsed=100 * state.elapsed_fraction,
        budget_label=g(locale, "Budget used"),
        time_label=g(locale, "Time elapsed"),
        status=_CHART[state.status],
        format_percent=view.formats.percent,
    )
    meta = ChartMeta(
        id=f"{view.full.id}-budget",
        title=g(locale, "Budget used against time elapsed"),
        desc=g(locale, "%(used)s of the budget used, %(elapsed)s of the time elapsed")
        % {"used": state.used_text, "elapsed": state.elapsed_text},
        lang=locale,
        width=width,
    )
    return charts.budget_burn_chart(data, meta, view.theme)


def ev_rows(view: Lens, last: int = 6) -> tuple[EarnedValueRow, ...]:
    """The last months of earned value, for the team's monthly table."""
    if view.client:
        return ()
    series = earned_value_series(view.full, view.as_of)[-last:]
    return tuple(
        EarnedValueRow(p.date, figures(p.value, view.currency, view.locale)) for p in series
    )


def ev_chart(
    view: Lens, *, today_label: str, width: int | None = None
) -> tuple[str, str] | tuple[None, None]:
    """Cumulative PV, EV and AC by month; the planned value runs on to the planned end."""
    if view.client or view.full.project.budget is None:
        return None, None
    g = wording.gettext
    locale = view.locale
    full = view.full
    series = earned_value_series(full, view.as_of)
    months = [charts.EarnedValueMonth(p.date, p.value.pv, p.value.ev, p.value.ac) for p in series]
    last = series[-1].date if series else full.project.start
    end = month_of(full.project.planned_end).end
    for month in completed_periods("month", last + dt.timedelta(days=1), end):
        value = project_earned_value(full, month.end)
        if value is not None:
            months.append(charts.EarnedValueMonth(month.end, value.pv))
    data = charts.EarnedValue(
        months=tuple(months),
        pv_label=g(locale, "Planned value (PV)"),
        ev_label=g(locale, "Earned value (EV)"),
        ac_label=g(locale, "Actual cost (AC)"),
        format_money=view.formats.money(view.currency),
        today=view.chart_day,
        today_label=today_label,
        empty_label=g(locale, "No data yet"),
        format_month=view.formats.month,
        format_year=view.formats.year,
    )
    meta = ChartMeta(
        id=f"{full.id}-ev",
        title=g(locale, "Earned value"),
        desc=g(locale, "Planned value, earned value and actual cost by month"),
        lang=locale,
    )
    return both(charts.earned_value_chart, data, meta, view.theme, width)
