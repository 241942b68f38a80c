"""The contents list of a report: which sections the report holds, in order, with their
titles in the reader's language. Templates print it; they do not decide it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.present import wording
from generator.present.wording import N_


@dataclass(frozen=True)
class ContentsEntry:
    anchor: str  # the id of the section's heading
    title: str


def _entries(locale: str, sections: list[tuple[str, str, bool]]) -> tuple[ContentsEntry, ...]:
    return tuple(
        ContentsEntry(anchor, wording.gettext(locale, title))
        for anchor, title, present in sections
        if present
    )


def monthly_contents(
    locale: str, *, internal: bool, satisfaction: bool
) -> tuple[ContentsEntry, ...]:
    return _entries(
        locale,
        [
            ("management", N_("Management summary"), True),
            ("trend", N_("Key milestone trend"), True),
            ("progress", N_("Progress against plan"), True),
            ("ev", N_("Earned value"), internal),
            ("goals", N_("Goal trends"), True),
            ("risks", N_("Risks and issues"), True),
            ("changes", N_("Change requests"), True),
            ("resources", N_("Resource use"), internal),
            ("satisfaction", N_("Client satisfaction trend"), satisfaction),
            ("next", N_("Next month"), True),
        ],
    )


def closing_contents(
    locale: str,
    *,
    internal: bool,
    team_title: str,
    team: bool,
    problems: bool,
    satisfaction: bool,
    lessons: bool,
    handover: bool,
) -> tuple[ContentsEntry, ...]:
    entries = _entries(
        locale,
        [
            ("executive", N_("Executive summary"), True),
            ("goals", N_("Objectives achieved"), True),
            ("schedule", N_("Schedule: planned and actual"), True),
            ("cost", N_("Cost: planned and actual"), internal),
            ("deliverables", N_("Deliverables and acceptance"), True),
            ("changes", N_("Change requests"), True),
            ("problems", N_("Problems and how they were solved"), problems),
        ],
    )
    if team:
        entries += (ContentsEntry("team", team_title),)
    return entries + _entries(
        locale,
        [
            ("satisfaction", N_("Client satisfaction"), satisfaction),
            ("lessons", N_("Lessons learned and improvement actions"), lessons),
            ("handover", N_("Open items and handover"), handover),
            ("signoff", N_("Sign-off"), True),
        ],
    )
