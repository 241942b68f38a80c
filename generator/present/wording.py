"""Words for the reader: every Reason code and every enum label, in en and zh-CN.

analyze/ hands over codes and parameters; this module turns them into sentences through
gettext (catalog: generator/locale/zh_CN/LC_MESSAGES/site.po), with dates, numbers and
lists formatted by Babel for the reader's locale. The site, the PDF reports and the
e-mails all word things here, so a health reason reads the same everywhere.

Message ids are marked with `N_` so `pybabel extract -k N_` finds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from babel.lists import format_list
from babel.numbers import format_decimal

from generator import i18n
from generator.analyze.reasons import Reason


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, don't translate"
    return message


def gettext(locale: str, message: str) -> str:
    return i18n.gettext(locale, message)


def ngettext(locale: str, singular: str, plural: str, n: int) -> str:
    return i18n.ngettext(locale, singular, plural, n)


# -- enum labels -------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "health": {
        "green": N_("On track"),
        "amber": N_("At risk"),
        "red": N_("Off track"),
    },
    "project_status": {
        "active": N_("Active"),
        "on_hold": N_("On hold"),
        "closed": N_("Completed"),
    },
    "milestone_state": {
        "done": N_("Reached"),
        "done_late": N_("Reached late"),
        "on_track": N_("On plan"),
        "slipping": N_("Slipping"),
        "late": N_("Late"),
        "overdue": N_("Overdue"),
    },
    "acceptance": {
        "pending": N_("Pending"),
        "accepted": N_("Accepted"),
        "rejected": N_("Rejected"),
    },
    "deliverable_status": {
        "planned": N_("Planned"),
        "in_progress": N_("In progress"),
        "delivered": N_("Delivered"),
        "accepted": N_("Accepted"),
        "rejected": N_("Rejected"),
    },
    "task_state": {
        "todo": N_("To do"),
        "in_progress": N_("In progress"),
        "blocked": N_("Blocked"),
        "done": N_("Done"),
    },
    "risk_level": {
        "low": N_("Low"),
        "medium": N_("Medium"),
        "high": N_("High"),
    },
    "risk_status": {
        "open": N_("Open"),
        "closed": N_("Closed"),
        "occurred": N_("Occurred"),
    },
    "risk_kind": {
        "risk": N_("Risk"),
        "issue": N_("Issue"),
    },
    "response": {
        "avoid": N_("Avoid"),
        "mitigate": N_("Mitigate"),
        "transfer": N_("Transfer"),
        "accept": N_("Accept"),
        "escalate": N_("Escalate"),
    },
    "change_status": {
        "proposed": N_("Awaiting decision"),
        "approved": N_("Approved"),
        "rejected": N_("Rejected"),
        "withdrawn": N_("Withdrawn"),
    },
    "verdict": {
        "met": N_("Met"),
        "partly_met": N_("Partly met"),
        "missed": N_("Not yet met"),
        "on_the_way": N_("On the way"),
        "not_measured": N_("Not measured yet"),
    },
    "cadence": {
        "daily": N_("Daily"),
        "weekly": N_("Weekly"),
        "biweekly": N_("Every two weeks"),
        "monthly": N_("Monthly"),
        "quarterly": N_("Quarterly"),
        "milestone": N_("At each milestone"),
        "once": N_("Once"),
    },
    "update_kind": {
        "weekly": N_("Weekly update"),
        "daily": N_("Daily update"),
        "adhoc": N_("Update"),
    },
    "visibility": {
        "client": N_("Client-visible"),
        "internal": N_("Internal"),
    },
    "improvement_status": {
        "open": N_("Open"),
        "in_progress": N_("In progress"),
        "done": N_("Done"),
        "dropped": N_("Dropped"),
    },
    "cost_category": {
        "labour": N_("Labour"),
        "labor": N_("Labour"),
        "licences": N_("Licences"),
        "licenses": N_("Licences"),
        "subcontractor": N_("Subcontractors"),
        "travel": N_("Travel"),
        "research": N_("Research"),
        "hardware": N_("Hardware"),
        "hosting": N_("Hosting"),
        "other": N_("Other"),
    },
    "meeting_kind": {
        "steering": N_("Steering committee"),
        "status": N_("Status meeting"),
        "workshop": N_("Workshop"),
        "review": N_("Review"),
        "kickoff": N_("Kick-off"),
        "retrospective": N_("Retrospective"),
        "other": N_("Meeting"),
    },
}

# The text symbol that goes with each health level, so health never relies on colour.
HEALTH_ICON = {"green": "\u2713", "amber": "!", "red": "\u2715"}


def label(kind: str, value: object, locale: str) -> str:
    """The localized label of an enum value, e.g. label("health", "amber", "zh-CN")."""
    key = str(getattr(value, "value", value))
    try:
        message = LABELS[kind][key]
    except KeyError:
        return key
    return gettext(locale, message)


# -- numbers, days, dates ----------------------------------------------------------------


def number(value: float | None, locale: str, max_digits: int = 2) -> str:
    """A measured value: grouped, decimals only when the value has them."""
    return i18n.format_number(value, locale, max_digits, exact=False)


TIGHT_UNITS = frozenset({"%", "‰", "°"})


def unit_gap(unit: str) -> str:
    """The space between a number and its unit: none before a percent sign ("49%")."""
    return "" if unit in TIGHT_UNITS else " "


def with_unit(value: float | None, unit: str, locale: str) -> str:
    text = number(value, locale)
    return f"{text}{unit_gap(unit)}{unit}" if unit and value is not None else text


def days(n: int, locale: str) -> str:
    """'3 days' / '3 天'."""
    return ngettext(locale, "%(n)d day", "%(n)d days", n) % {"n": n}


def variance(n: int, locale: str) -> str:
    """Signed variance in days for tables: '+12 d', '−3 d', 'on plan'."""
    if n == 0:
        return gettext(locale, "on plan")
    sign = "+" if n > 0 else "\u2212"
    return gettext(locale, "%(sign)s%(n)d d") % {"sign": sign, "n": abs(n)}


def date(day: dt.date | None, locale: str, style: str = "medium") -> str:
    """A date as every output prints it (see i18n.format_date: it never breaks a line)."""
    return i18n.format_date(day, locale, style)


def names(items: Iterable[str], locale: str) -> str:
    """'A, B and C' / 'A、B和C'."""
    values = list(items)
    if not values:
        return ""
    return format_list(values, style="standard", locale=i18n.babel_locale(locale))


def index(value: float | None, locale: str) -> str:
    """An EV index such as SPI 0.87 (never "-0.00")."""
    if value is not None and abs(value) < 0.005:
        value = 0.0
    return i18n.format_number(value, locale, 2)


# -- reasons -----------------------------------------------------------------------------


def reason(item: Reason, locale: str) -> str:
    """One sentence (without a final full stop) for a Reason, in the reader's language."""
    p = item.params
    g = gettext
    code = item.code
    if code == "milestone_slip":
        return g(locale, "%(milestone)s is forecast %(days)s late (limit %(threshold)s)") % {
            "milestone": p["milestone"],
            "days": days(_int(p["days"]), locale),
            "threshold": days(_int(p["threshold"]), locale),
        }
    if code == "milestones_overdue":
        count = _int(p["count"])
        text = ngettext(
            locale,
            "%(count)d milestone is overdue: %(names)s (up to %(days)s)",
            "%(count)d milestones are overdue: %(names)s (up to %(days)s)",
            count,
        )
        return text % {
            "count": count,
            "names": names(_strs(p["milestones"]), locale),
            "days": days(_int(p["days"]), locale),
        }
    if code == "spi_low":
        return g(locale, "Schedule performance (SPI) is %(spi)s, at or below %(threshold)s") % {
            "spi": index(_float(p["spi"]), locale),
            "threshold": index(_float(p["threshold"]), locale),
        }
    if code == "cpi_low":
        return g(locale, "Cost performance (CPI) is %(cpi)s, at or below %(threshold)s") % {
            "cpi": index(_float(p["cpi"]), locale),
            "threshold": index(_float(p["threshold"]), locale),
        }
    if code == "high_risks_open":
        count = _int(p["count"])
        text = ngettext(
            locale,
            "%(count)d high risk is open: %(names)s",
            "%(count)d high risks are open: %(names)s",
            count,
        )
        return text % {"count": count, "names": names(_strs(p["risks"]), locale)}
    if code == "update_stale":
        return g(locale, "No status update for %(days)s (last on %(date)s)") % {
            "days": days(_int(p["days"]), locale),
            "date": date(_date(p["last_update"]), locale),
        }
    if code == "no_client_update":
        return g(locale, "No status update yet, %(days)s after the start") % {
            "days": days(_int(p["days"]), locale)
        }
    if code in _GOAL_SIMPLE:
        return g(locale, _GOAL_SIMPLE[code]) % {"goal": p["goal"]}
    if code == "goal_deadline_outside":
        return g(
            locale, "Goal “%(goal)s”: deadline %(deadline)s is outside %(start)s – %(end)s"
        ) % {
            "goal": p["goal"],
            "deadline": date(_date(p["deadline"]), locale),
            "start": date(_date(p["start"]), locale),
            "end": date(_date(p["end"]), locale),
        }
    if code == "goal_unknown_owner":
        return g(locale, "Goal “%(goal)s”: owner “%(owner)s” is not in people.yaml") % {
            "goal": p["goal"],
            "owner": p["owner"],
        }
    if code == "goal_target_not_ahead":
        message = (
            N_("Goal “%(goal)s”: the target %(target)s is not above the baseline %(baseline)s")
            if p["direction"] == "increase"
            else N_("Goal “%(goal)s”: the target %(target)s is not below the baseline %(baseline)s")
        )
        return g(locale, message) % {
            "goal": p["goal"],
            "target": number(_float(p["target"]), locale),
            "baseline": number(_float(p["baseline"]), locale),
        }
    if code == "task_completed":
        return g(locale, "Completed: %(task)s") % {"task": p["task"]}
    if code == "milestone_reached":
        n = _int(p["variance_days"])
        if n > 0:
            message = N_("Milestone reached: %(milestone)s on %(date)s, %(days)s late")
        elif n < 0:
            message = N_("Milestone reached: %(milestone)s on %(date)s, %(days)s early")
        else:
            message = N_("Milestone reached: %(milestone)s on %(date)s, as planned")
        return g(locale, message) % {
            "milestone": p["milestone"],
            "date": date(_date(p["date"]), locale),
            "days": days(abs(n), locale),
        }
    if code == "milestone_moved":
        n = _int(p["days"])
        message = (
            N_("%(milestone)s moved %(days)s later, from %(previous)s to %(forecast)s")
            if n > 0
            else N_("%(milestone)s moved %(days)s earlier, from %(previous)s to %(forecast)s")
        )
        return g(locale, message) % {
            "milestone": p["milestone"],
            "days": days(abs(n), locale),
            "previous": date(_date(p["previous"]), locale),
            "forecast": date(_date(p["forecast"]), locale),
        }
    if code == "risk_opened":
        return g(locale, "New risk: %(risk)s (risk score %(exposure)d, %(level)s)") % {
            "risk": p["risk"],
            "exposure": _int(p["exposure"]),
            "level": label("risk_level", p["level"], locale),
        }
    if code == "risk_closed":
        return g(locale, "Risk closed: %(risk)s") % {"risk": p["risk"]}
    if code == "risk_occurred":
        return g(locale, "Risk occurred and became an issue: %(risk)s") % {"risk": p["risk"]}
    if code == "risk_escalated":
        return g(locale, "Risk grew: %(risk)s (risk score %(previous)d → %(exposure)d)") % {
            "risk": p["risk"],
            "previous": _int(p["previous"]),
            "exposure": _int(p["exposure"]),
        }
    if code == "change_requested":
        return g(locale, "Change requested: %(change)s (by %(by)s)") % {
            "change": p["change"],
            "by": p["requested_by"],
        }
    if code == "change_decided":
        decision = label("change_status", p["decision"], locale)
        when = p["date"]
        if isinstance(when, dt.date):
            return g(locale, "Change %(change)s: %(decision)s on %(date)s") % {
                "change": p["change"],
                "decision": decision,
                "date": date(when, locale),
            }
        return g(locale, "Change %(change)s: %(decision)s") % {
            "change": p["change"],
            "decision": decision,
        }
    raise ValueError(f"no wording for reason code {code!r}")


_GOAL_SIMPLE = {
    "goal_no_metric": N_("Goal “%(goal)s” has no metric to measure"),
    "goal_no_target": N_("Goal “%(goal)s” has no target value"),
    "goal_no_baseline": N_("Goal “%(goal)s” has no baseline value"),
    "goal_no_deadline": N_("Goal “%(goal)s” has no deadline"),
    "goal_no_owner": N_("Goal “%(goal)s” has no owner"),
}


def reasons(items: Iterable[Reason], locale: str) -> tuple[str, ...]:
    return tuple(reason(r, locale) for r in items)


def _int(value: object) -> int:
    assert isinstance(value, int), value
    return value


def _float(value: object) -> float:
    assert isinstance(value, int | float), value
    return float(value)


def _date(value: object) -> dt.date:
    assert isinstance(value, dt.date), value
    return value


def _strs(value: object) -> list[str]:
    assert isinstance(value, tuple | list), value
    return [str(v) for v in value]


def signed(value: float | None, locale: str) -> str:
    """A score or change with its sign, whole numbers: "+50", "-12", "0" (never "+0")."""
    if value is None:
        return "\u2014"
    whole = round(value)
    if whole == 0:
        return "0"
    return format_decimal(whole, format="+#,##0;-#,##0", locale=i18n.babel_locale(locale))
