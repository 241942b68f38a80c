"""Privacy by construction: a portal holds only its client's client-visible data.

The demo is built and every file of every portal is scanned for the text of every
internal record and for every other client's names and project titles.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator import i18n
from generator.model.base import Visibility
from generator.model.portfolio import Portfolio
from tests.site_build import AS_OF, demo_portfolio, demo_site, tree_files  # noqa: F401

MIN_SNIPPET = 24  # shorter lines of a body (a heading, "Next steps") may be shared text


def normalize(text: str) -> str:
    """Compare text as a reader sees it: entities decoded, typographic quotes and dashes
    folded (Markdown's smarty extension changes them), whitespace collapsed."""
    text = html.unescape(text)
    for fancy, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                         ("\u2013", "-"), ("\u2014", "-"), ("\u2026", "...")):  # fmt: skip
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", " ", text)


def body_snippets(body: str) -> list[str]:
    """Lines of a Markdown body as plain text, long enough to be that record's own words."""
    found = []
    for line in body.splitlines():
        plain = re.sub(r"^[#>*\-\s\d.]+", "", line)
        plain = re.sub(r"[*_`]", "", plain)
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain).strip()
        if len(plain) >= MIN_SNIPPET:
            found.append(plain)
    return found


def internal_texts(portfolio: Portfolio, client_id: str, locale: str) -> dict[str, str]:
    """What must never appear in the portal of `client_id`, with where it comes from."""
    forbidden: dict[str, str] = {}
    for pid, data in portfolio.projects.items():
        currency = (
            data.project.budget.currency if data.project.budget else None
        ) or portfolio.site.currency
        for note in data.notes:
            if note.visibility == Visibility.internal:
                forbidden[note.title] = f"{pid} note title"
                for snippet in body_snippets(note.body):
                    forbidden[snippet] = f"{pid} note body"
        for meeting in data.meetings:
            if meeting.visibility == Visibility.internal:
                forbidden[meeting.title] = f"{pid} internal meeting note"
                for snippet in body_snippets(meeting.body):
                    forbidden[snippet] = f"{pid} meeting note body"
        for risk in data.risks:
            if risk.visibility == Visibility.internal:
                forbidden[risk.title] = f"{pid} internal risk"
        for update in data.updates:
            if update.visibility == Visibility.internal:
                for item in update.highlights:
                    forbidden[item] = f"{pid} internal update highlight"
                for snippet in body_snippets(update.body):
                    forbidden[snippet] = f"{pid} internal update body"
        # Internal task titles are not scanned: a PM may name the work in a client update.
        for change in data.changes:
            if change.visibility == Visibility.internal:
                forbidden[change.title] = f"{pid} internal change request"
        for milestone in data.project.milestones:
            if milestone.visibility == Visibility.internal:
                forbidden[milestone.title] = f"{pid} internal milestone"
        for cost in data.costs:
            forbidden[i18n.format_money(cost.amount, currency, locale)] = f"{pid} cost amount"
        if data.costs:
            total = sum(c.amount for c in data.costs)
            forbidden[i18n.format_money(total, currency, locale)] = f"{pid} total cost"
        for member in data.project.team:
            for allocation in member.allocations:
                hours = i18n.format_number(allocation.hours_per_week, locale)
                text = i18n.gettext(locale, "%(h)s h/week") % {"h": hours}
                forbidden[text] = f"{pid} allocation of {member.person}"
        if data.project.client != client_id:
            forbidden[data.project.title] = f"project title of client {data.project.client}"
    for person in portfolio.people.values():
        if person.cost_rate:
            rate = i18n.format_money(person.cost_rate, portfolio.site.currency, locale)
            forbidden[rate] = f"cost rate of {person.id}"
    for other in portfolio.clients.values():
        if other.id != client_id:
            forbidden[other.name] = f"name of client {other.id}"
            if other.portal_title:
                forbidden[other.portal_title] = f"portal title of client {other.id}"
            for contact in other.contacts:
                forbidden[contact.name] = f"contact of client {other.id}"
                forbidden[contact.email] = f"contact of client {other.id}"
    # Labels that only the internal pages carry.
    for label in ("Hours per week now", "Notes and meeting minutes", "Actual cost (AC)"):
        forbidden[i18n.gettext(locale, label)] = "internal-only section"
    # A client-visible change request states its price; an equal cost booking elsewhere is
    # a coincidence, not a leak.
    for data in portfolio.projects_of(client_id):
        currency = (
            data.project.budget.currency if data.project.budget else None
        ) or portfolio.site.currency
        for change in data.changes:
            if change.visibility == Visibility.client:
                forbidden.pop(i18n.format_money(change.impact.cost, currency, locale), None)
    return {normalize(k): v for k, v in forbidden.items() if k.strip()}


def portal_ids(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "portals").iterdir())


def test_every_client_has_a_portal(demo_site: Path) -> None:  # noqa: F811
    portfolio = demo_portfolio()
    assert portal_ids(demo_site) == sorted(portfolio.clients)


@pytest.mark.parametrize("client_id", sorted(demo_portfolio().clients))
def test_portal_holds_no_internal_or_foreign_text(demo_site: Path, client_id: str) -> None:  # noqa: F811
    portfolio = demo_portfolio()
    client = portfolio.clients[client_id]
    locale = client.locale or portfolio.site.locale
    forbidden = internal_texts(portfolio, client_id, locale)
    tree = demo_site / "portals" / client_id
    hits = []
    scanned = 0
    for path in tree_files(tree):
        text = normalize(path.read_bytes().decode("utf-8", errors="replace"))
        scanned += len(text)
        hits += [
            f"{path.relative_to(tree)}: {why}: {needle!r}"
            for needle, why in forbidden.items()
            if needle in text
        ]
    assert not hits, "\n".join(hits)
    assert scanned > 0


def test_scan_finds_what_it_looks_for(demo_site: Path) -> None:  # noqa: F811
    """The scan is not vacuous: internal records are in the demo and reach the internal
    site, and a client's own visible text reaches its portal."""
    portfolio = demo_portfolio()
    site_text = "".join(
        normalize(p.read_bytes().decode("utf-8", errors="replace"))
        for p in tree_files(demo_site / "internal")
    )
    kinds: set[str] = set()
    for client_id in portfolio.clients:
        forbidden = internal_texts(portfolio, client_id, portfolio.site.locale)
        for needle, why in forbidden.items():
            if needle in site_text and "client" not in why:
                kinds.add(why.split(" ", 1)[1])
    for kind in ("note title", "internal risk", "internal update highlight", "cost amount"):
        assert any(k.endswith(kind) or k == kind for k in kinds), (kind, kinds)
    data = portfolio.projects["hafenbahn-carrier-portal"]
    visible = [u for u in data.updates if u.visibility == Visibility.client and u.date <= AS_OF]
    page = normalize((demo_site / "portals/hafenbahn/hafenbahn-carrier-portal/index.html")
                     .read_text(encoding="utf-8"))  # fmt: skip
    assert normalize(visible[-1].highlights[0]) in page
    assert data.project.title in page
