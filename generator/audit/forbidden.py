"""What the workspace forbids in a client tree: one catalog of needles for the whole workspace.

`Catalog.of(workspace, portfolio)` lists every forbidden string once: every client's names,
contacts and projects, the text of every internal record of every project, every cost
amount, budget, change-request cost and cost rate, every survey respondent's identity and
the names of the environment variables and chat channels milepost is configured with.
`catalog.for_client(...)` then drops what that client may see (its own name, a title two
clients share): a string inside the client's own visible data is a coincidence, not a leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

import ahocorasick_rs
from pydantic import BaseModel

from generator.analyze.audience import client_slice
from generator.audit.needles import (
    CJK,
    Needle,
    NeedleSet,
    amounts_in,
    literal,
    long_enough,
    normal,
    rates_in,
)
from generator.errors import ContentErrors
from generator.i18n import tr
from generator.model.base import Visibility
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.site import Client
from generator.workspace import Workspace

SENTENCE = re.compile(r"(?<=[.!?。！？;；])\s*|\n+")
MARKS = re.compile(r"[*_`#>\[\]()|]")
ANONYMOUS = {"anonymous", "n/a", "-", "none", "null", "unknown"}


def _plain(text: str) -> str:
    """Markdown without its marks, as the sentences of a body are looked for."""
    return MARKS.sub(" ", text)


def _sentences(text: str | None, minimum: int = 16) -> list[str]:
    """The sentences of a body worth looking for (short ones like 'Done.' are everywhere)."""
    if not text:
        return []
    found = []
    for part in SENTENCE.split(_plain(text)):
        part = part.strip(" -\t.!?;:。！？；：")  # the sentence, not how it ends
        if len(part) >= (6 if CJK.search(part) else minimum):
            found.append(part)
    return found


def _distinctive(ident: str) -> bool:
    """An id worth looking for: 'kestrel-app' is, 'website' is a word."""
    return len(ident) >= 6 and re.search(r"[-_.\d]", ident) is not None


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a model, dataclass or container."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            yield from _strings(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)


def _identity(client: Client) -> Iterator[tuple[str, str]]:
    """Who a client is: names, contacts, the portal's title."""
    cid = client.id
    yield client.name, tr("name of client {client}", client=cid)
    if client.short_name:
        yield client.short_name, tr("short name of client {client}", client=cid)
    if client.portal_title:
        yield client.portal_title, tr("portal title of client {client}", client=cid)
    if _distinctive(cid):
        yield cid, tr("id of client {client}", client=cid)
    for contact in client.contacts:
        yield contact.name, tr("contact of client {client}", client=cid)
        yield contact.email, tr("contact e-mail of client {client}", client=cid)
        if contact.phone:
            why = tr("contact phone of client {client}", client=cid)
            yield contact.phone, why
            compact = re.sub(r"[\s().-]", "", contact.phone)
            if len(re.sub(r"\D", "", compact)) >= 7:
                yield compact, why


def _internal_records(data: ProjectData) -> Iterator[tuple[str, str]]:
    """(text, why) of every record of a project marked internal."""
    internal = Visibility.internal
    pid = data.id
    for update in data.updates:
        if update.visibility == internal:
            why = tr("internal update {where}", where=update.source)
            yield from (
                (t, why) for t in [*update.highlights, *update.next_steps, *update.blockers]
            )
            yield from ((d.what, why) for d in update.decisions_needed)
            yield from ((t, why) for t in _sentences(update.health_reason))
            yield from ((t, why) for t in _sentences(update.body))
    for risk in data.risks:
        if risk.visibility == internal:
            why = tr("internal risk {where}", where=f"{pid}/{risk.id}")
            yield risk.title, why
            notes = [h.note for h in risk.history]
            for text in [risk.description, risk.plan, *notes]:
                yield from ((t, why) for t in _sentences(text))
    for task in data.tasks:
        if task.visibility == internal:
            yield task.title, tr("internal task {where}", where=f"{pid}/{task.id}")
    for change in data.changes:
        if change.visibility == internal:
            why = tr("internal change request {where}", where=f"{pid}/{change.id}")
            yield change.title, why
            for text in (change.description, change.decision_note, change.impact.scope):
                yield from ((t, why) for t in _sentences(text))
    for note in data.notes:
        if note.visibility == internal:
            why = tr("internal note {where}", where=note.source)
            yield note.title, why
            yield from ((t, why) for t in _sentences(note.body))
    for meeting in data.meetings:
        if meeting.visibility == internal:
            why = tr("internal meeting notes {where}", where=meeting.source)
            yield meeting.title, why
            yield from (
                (t, why) for t in [*meeting.decisions, *(a.action for a in meeting.actions)]
            )
            yield from ((t, why) for t in _sentences(meeting.body))
    for cost in data.costs:
        why = tr("cost note booked {date} in {project}", date=cost.date, project=pid)
        yield from ((t, why) for t in _sentences(cost.note))
    yield from _internal_plan(data)
    yield from _retrospective(data)


def _internal_plan(data: ProjectData) -> Iterator[tuple[str, str]]:
    project, pid, internal = data.project, data.id, Visibility.internal
    for goal in project.goals:
        if goal.visibility == internal:
            yield goal.title, tr("internal goal {where}", where=f"{pid}/{goal.id}")
    for milestone in project.milestones:
        if milestone.visibility == internal:
            yield milestone.title, tr("internal milestone {where}", where=f"{pid}/{milestone.id}")
    for item in project.deliverables:
        if item.visibility == internal:
            yield item.title, tr("internal deliverable {where}", where=f"{pid}/{item.id}")
    for handover in project.handover:
        if handover.visibility == internal:
            yield handover.item, tr("internal handover item {where}", where=pid)
    for meeting in project.communication.meetings:
        if meeting.visibility == internal:
            yield meeting.title, tr("internal meeting {where}", where=pid)
    for channel in project.notify:
        why = tr("chat channel of {project}", project=pid)
        if _distinctive(channel.name):
            yield channel.name, why
        yield from ((env, why) for env in (channel.webhook_env, channel.secret_env) if env)


def _retrospective(data: ProjectData) -> Iterator[tuple[str, str]]:
    """Every point of a retrospective: what a client may read of its own project's is in its
    client slice (and so exempt in its tree); the rest is internal, or another client's."""
    retro = data.retrospective
    if retro is None:
        return
    where = retro.source or data.id
    if data.project.sharing.retrospective:
        why = tr("retrospective {where}, not for this client", where=where)
    else:
        why = tr("internal retrospective {where}", where=where)
    texts = [str(item) for item in (*retro.went_well, *retro.to_improve, *retro.lessons)]
    texts += [text for p in retro.problems for text in (p.problem, p.solution)]
    texts += [a.action for a in retro.actions]
    for text in (*texts, retro.team_performance, retro.body):
        yield from ((t, why) for t in _sentences(text))


def _respondents(workspace: Workspace, data: ProjectData) -> Iterator[tuple[str, str]]:
    """Respondents' e-mails, names and IPs from the project's survey exports."""
    from generator.load.surveys import read_survey

    for rel in data.survey_files:
        try:
            survey = read_survey(workspace.root / rel, display=rel)
        except ContentErrors:
            continue  # validate reports unreadable exports; nothing to look for here
        for values in survey.private.fields.values():
            for key, value in values.items():
                value = value.strip()
                if value.lower() in ANONYMOUS:
                    continue
                if re.fullmatch(r"[\d\s.:+-]*", value) and len(re.sub(r"\D", "", value)) < 6:
                    continue  # a row number or a short code, not an identity
                why = tr("survey respondent {field} from {where}", field=key.lower(), where=rel)
                yield value, why


def _money(portfolio: Portfolio) -> tuple[dict[int, Needle], dict[float, Needle]]:
    amounts: dict[int, Needle] = {}
    for data in portfolio.projects.values():
        pid = data.id
        for cost in data.costs:
            why = tr("cost amount booked {date} in {project}", date=cost.date, project=pid)
            _add_amount(amounts, cost.amount, why)
        if data.project.budget:
            _add_amount(amounts, data.project.budget.bac, tr("budget of {project}", project=pid))
            if data.project.budget.contract_value is not None:
                why = tr("contract value of {project}", project=pid)
                _add_amount(amounts, data.project.budget.contract_value, why)
        for change in data.changes:
            why = tr("cost of change request {where}", where=f"{pid}/{change.id}")
            if change.impact.cost:  # a shared price is in its client's visible amounts
                _add_amount(amounts, change.impact.cost, why)
    rates: dict[float, Needle] = {}
    for person in portfolio.people.values():
        if person.cost_rate:
            text = f"{person.cost_rate:g}"
            why = tr("cost rate of {person}", person=person.id)
            rates.setdefault(float(person.cost_rate), Needle(text, why, "", text))
    return amounts, rates


def _add_amount(amounts: dict[int, Needle], value: float, why: str) -> None:
    whole = abs(value)
    if whole >= 1000 and whole == int(whole):
        amounts.setdefault(int(whole), Needle(str(int(whole)), why, "", str(int(whole))))


def _settings(portfolio: Portfolio) -> Iterator[tuple[str, str]]:
    """Names of environment variables and chat channels of the workspace settings."""
    why = tr("workspace setting in content/site.yaml")
    smtp = portfolio.site.smtp
    if smtp:
        yield from ((env, why) for env in (smtp.username_env, smtp.password_env) if env)
    for channel in portfolio.site.notify:
        if _distinctive(channel.name):
            yield channel.name, why
        yield from ((env, why) for env in (channel.webhook_env, channel.secret_env) if env)


@dataclass(frozen=True)
class Visible:
    """What one client may see: a forbidden string inside it is a coincidence, not a leak."""

    text: str  # every client-visible string, normalised, joined by NUL
    amounts: frozenset[int]
    rates: frozenset[float]

    @classmethod
    def of(cls, portfolio: Portfolio, client_id: str) -> Visible:
        strings = list(_strings(portfolio.clients[client_id]))
        costs: set[int] = set()
        for data in portfolio.projects_of(client_id):
            shared = client_slice(data)
            strings += _strings(shared)
            costs |= {int(abs(c.impact.cost)) for c in shared.changes if c.impact.cost}
        # as written, and without Markdown marks as a body's sentences are looked for
        text = "\x00".join(normal(v) for s in strings if s for v in {s, _plain(s)})
        return cls(text, frozenset(amounts_in(text) | costs), frozenset(rates_in(text)))


@dataclass(frozen=True)
class Catalog:
    """Every forbidden string of the workspace, once; `for_client` picks one tree's needles."""

    literals: tuple[Needle, ...]
    amounts: dict[int, Needle]
    rates: dict[float, Needle]
    portfolio: Portfolio

    @classmethod
    def of(cls, workspace: Workspace, portfolio: Portfolio) -> Catalog:
        wanted: list[tuple[str, str]] = list(_settings(portfolio))
        for client in portfolio.clients.values():
            wanted += _identity(client)
        for data in portfolio.projects.values():
            owner = data.project.client
            why = tr("project of client {client}", client=owner)
            wanted.append((data.project.title, why))
            if _distinctive(data.id):
                wanted.append((data.id, why))
            wanted += _internal_records(data)
            wanted += _respondents(workspace, data)
        literals: dict[str, Needle] = {}
        for text, why in wanted:
            needle = literal(text, why)
            if long_enough(needle.probe) and needle.probe not in literals:
                literals[needle.probe] = needle
        amounts, rates = _money(portfolio)
        return cls(tuple(literals.values()), amounts, rates, portfolio)

    def for_client(self, client_id: str) -> NeedleSet:
        visible = Visible.of(self.portfolio, client_id)
        inside = ahocorasick_rs.AhoCorasick([n.probe for n in self.literals])
        seen = {i for i, _, _ in inside.find_matches_as_indexes(visible.text, overlapping=True)}
        return NeedleSet(
            [n for i, n in enumerate(self.literals) if i not in seen],
            {k: n for k, n in self.amounts.items() if k not in visible.amounts},
            {k: n for k, n in self.rates.items() if k not in visible.rates},
        )


def needles_for(workspace: Workspace, portfolio: Portfolio, client_id: str) -> NeedleSet:
    """Every string that must not appear in the client's tree, with the reason."""
    return Catalog.of(workspace, portfolio).for_client(client_id)
