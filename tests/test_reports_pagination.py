"""How the demo's client reports break into pages, measured in the PDF (pypdf).

What the reader sees on each page: the lowest line of body text (above the running
footer), and where each heading stands (the PDF outline is made from the headings).
- no page before the last is more than a third empty (a kept-together block, e.g. a chart
  with its heading, waiting for the next page), unless the sign-off with the handover rows
  it keeps is taller than the space left;
- no heading stands at the foot of a page with fewer than two lines of its table, chart or
  list after it (unless its section ends there);
- the closing report's sign-off comes with the end of the section before it, never alone;
- the closing's milestone timeline has a heading of its own, on the chart's page.
Seven reports, en and zh-CN: weekly (a full week and the kick-off week), monthly, closing.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.site import ReportKind
from generator.render.reports import render_report
from generator.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
MM = 72 / 25.4
FOOTER = 20 * MM  # the page's bottom margin: running footer below it
HEADER = 22 * MM
LINE = 9.5 * 1.5  # one line of body text, in pt

REPORTS = {
    "weekly-en": ("weekly", "hafenbahn-carrier-portal", "2026-W48"),
    "kickoff-en": ("weekly", "hafenbahn-carrier-portal", "2026-W19"),
    "monthly-en": ("monthly", "hafenbahn-carrier-portal", "2026-11"),
    "weekly-zh": ("weekly", "jinghua-crm", "2026-W48"),
    "monthly-zh": ("monthly", "jinghua-crm", "2026-11"),
    "closing-en": ("closing", "lichthof-website", None),
    "closing-zh": ("closing", "jinghua-website", None),
}


@dataclass(frozen=True)
class Page:
    height: float
    lines: tuple[tuple[float, str], ...]  # (baseline y from the page's foot, text), body only

    @property
    def lowest(self) -> float:
        return min((y for y, _ in self.lines), default=self.height)


@dataclass(frozen=True)
class Heading:
    title: str
    page: int  # 0-based
    top: float


def _page(page: pypdf.PageObject) -> Page:
    height = float(page.mediabox.height)
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = cm[5] + tm[5] * cm[3]
        if text.strip() and FOOTER < y < height - HEADER + 2:
            found.append((y, text.strip()))

    page.extract_text(visitor_text=visit)
    return Page(height, tuple(found))


def _pages(reader: pypdf.PdfReader) -> list[Page]:
    return [_page(page) for page in reader.pages]


def _headings(reader: pypdf.PdfReader) -> list[Heading]:
    out: list[Heading] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                top = float(item.get("/Top") or 0)
                out.append(Heading(str(item.title), reader.get_destination_page_number(item), top))

    walk(reader.outline)
    return out


@pytest.fixture(scope="module")
def reports() -> dict[str, pypdf.PdfReader]:
    portfolio = load_workspace(REPO)
    out = {}
    for key, (kind, project, period) in REPORTS.items():
        job = report_job(portfolio, ReportKind(kind), project, period, Audience.client, AS_OF)
        out[key] = pypdf.PdfReader(io.BytesIO(render_report(Workspace(REPO), portfolio, job)))
    return out


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_no_page_before_the_last_is_mostly_empty(
    reports: dict[str, pypdf.PdfReader], key: str
) -> None:
    pages = _pages(reports[key])
    assert len(pages) >= 2
    chain = _signoff_chain(reports[key], pages)
    for number, page in enumerate(pages[:-1], 1):
        body = page.height - HEADER - FOOTER
        used = (page.height - HEADER - page.lowest) / body
        if chain is not None and number == chain[0] and page.lowest - FOOTER < chain[1]:
            continue  # the sign-off with the rows it keeps cannot fit in what is left
        assert used >= 0.65, f"{key}: page {number} is {1 - used:.0%} empty"


SIGNOFF = ("Sign-off", "签字确认")


def _one_heading(reader: pypdf.PdfReader, titles: tuple[str, ...]) -> Heading:
    """The report's one heading with one of these titles (en, zh)."""
    found = [h for h in _headings(reader) if h.title in titles]
    assert len(found) == 1, [h.title for h in _headings(reader)]
    return found[0]


def _signoff_chain(reader: pypdf.PdfReader, pages: list[Page]) -> tuple[int, float] | None:
    """The page (1-based) before the one holding the sign-off, and the height of what that
    page holds from its first line down to the sign-off's end: the rows the sign-off keeps
    and the sign-off block, which do not break."""
    found = [h for h in _headings(reader) if h.title in SIGNOFF]
    if not found or found[0].page == 0:
        return None
    page = pages[found[0].page]
    top = max(y for y, _ in page.lines)
    return found[0].page, top - page.lowest + LINE


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_every_heading_has_its_content_below_it_on_its_page(
    reports: dict[str, pypdf.PdfReader], key: str
) -> None:
    reader = reports[key]
    pages = _pages(reader)
    headings = _headings(reader)
    assert len(headings) >= 5
    for index, h in enumerate(headings):
        page = pages[h.page]
        after = headings[index + 1] if index + 1 < len(headings) else None
        if after is not None and after.page == h.page:
            continue  # its section (or a sub-heading) ends on this page
        if after is not None and after.page == h.page + 1:
            spilled = [y for y, _ in pages[after.page].lines if y > after.top]
            if not spilled:
                continue  # all of its content is on this page, however short
        lines = {round(y) for y, _ in page.lines if y < h.top - 1.5 * LINE}
        assert len(lines) >= 2, (
            f"{key}: '{h.title}' stands at the foot of page {h.page + 1} "
            f"with {len(lines)} line(s) of its content"
        )


@pytest.mark.parametrize("key", ["closing-en", "closing-zh"])
def test_sign_off_comes_with_the_end_of_the_section_before_it(
    reports: dict[str, pypdf.PdfReader], key: str
) -> None:
    reader = reports[key]
    pages = _pages(reader)
    h = _one_heading(reader, SIGNOFF)
    assert h.page == len(pages) - 1  # the last section
    above = [text for y, text in pages[h.page].lines if y > h.top + LINE / 2]
    assert above, f"{key}: the sign-off stands alone on the last page"


@pytest.mark.parametrize("key", ["closing-en", "closing-zh"])
def test_closing_timeline_has_its_heading_on_the_chart_page(
    reports: dict[str, pypdf.PdfReader], key: str
) -> None:
    reader = reports[key]
    pages = _pages(reader)
    h = _one_heading(reader, ("Milestone timeline", "里程碑时间线"))
    legend = [y for y, text in pages[h.page].lines if text in ("Planned", "计划") and y < h.top]
    assert legend, f"{key}: the timeline is not on the page of its heading"
