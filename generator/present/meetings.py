"""The communication plan as a reader sees it: meetings, the next dates, channels, contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import get_day_names

from generator import i18n
from generator.analyze.meetings import WEEKDAYS, upcoming_meetings
from generator.model.project import Meeting
from generator.model.site import Contact
from generator.present import wording
from generator.present.context import Lens


@dataclass(frozen=True)
class MeetingPlanRow:
    title: str
    cadence: str
    cadence_label: str
    weekday: str | None  # localized weekday name
    time: str | None
    duration_minutes: int
    channel: str | None
    attendees: str  # names, joined in the reader's language
    visibility: str


@dataclass(frozen=True)
class MeetingOccurrence:
    date: dt.date
    weekday: str  # the short weekday name
    time: str | None
    title: str
    duration_minutes: int
    channel: str | None


@dataclass(frozen=True)
class ChannelRow:
    name: str
    purpose: str | None


@dataclass(frozen=True)
class ContactRow:
    name: str
    role: str | None
    email: str
    phone: str | None


def _weekday_name(short: str | None, locale: str) -> str | None:
    if short is None:
        return None
    return get_day_names("wide", locale=i18n.babel_locale(locale))[WEEKDAYS.index(short)]


def meeting_row(view: Lens, m: Meeting) -> MeetingPlanRow:
    locale = view.locale
    return MeetingPlanRow(
        title=m.title,
        cadence=m.cadence,
        cadence_label=wording.label("cadence", m.cadence, locale),
        weekday=_weekday_name(m.weekday, locale),
        time=m.time,
        duration_minutes=m.duration_minutes,
        channel=m.channel,
        attendees=wording.names((view.name(a) for a in m.attendees), locale),
        visibility=m.visibility.value,
    )


def meeting_rows(view: Lens) -> tuple[MeetingPlanRow, ...]:
    return tuple(meeting_row(view, m) for m in view.seen.project.communication.meetings)


def upcoming(view: Lens) -> tuple[MeetingOccurrence, ...]:
    return tuple(
        MeetingOccurrence(
            o.date,
            i18n.format_date(o.date, view.locale, "EEE"),
            o.meeting.time,
            o.meeting.title,
            o.meeting.duration_minutes,
            o.meeting.channel,
        )
        for o in upcoming_meetings(view.seen, view.as_of)
    )


def channel_rows(view: Lens) -> tuple[ChannelRow, ...]:
    return tuple(ChannelRow(c.name, c.purpose) for c in view.seen.project.communication.channels)


def contact_rows(contacts: Sequence[Contact], emails: Sequence[str]) -> tuple[ContactRow, ...]:
    """The client's contacts the project names (in its order), else all of them."""
    chosen = [c for c in contacts if c.email in emails] if emails else list(contacts)
    if emails:
        chosen.sort(key=lambda c: emails.index(c.email))
    return tuple(ContactRow(c.name, c.role, c.email, c.phone) for c in chosen)
