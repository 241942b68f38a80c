"""The client portal and the director's dashboard as their readers see them (issue 15).

The demo is built once for this module as of 2026-11-30 and opened in Debian's Chromium:
where the decisions box sits in the first screen at 1280×800 and 375×812, overdue flags,
names and contacts, a completed project, phones (no sideways scroll, no text under 11 px),
the dark theme's computed colours, printing (page.pdf()), Chinese typography and axe,
in English (Hafenbahn, Kestrel, Lichthof) and Chinese (Jinghua).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.i18n import plain_text
from tests.browser.test_site_browser import ARGS, AXE, CHROMIUM
from tests.site_build import REPO, build_sites

pytestmark = pytest.mark.browser

AS_OF = dt.date(2026, 11, 30)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
CARRIER = "portals/hafenbahn/hafenbahn-carrier-portal/index.html"
CRM = "portals/jinghua/jinghua-crm/index.html"  # zh-CN
KESTREL = "portals/kestrel-cycles/kestrel-app/index.html"
LICHTHOF = "portals/stiftung-lichthof/lichthof-website/index.html"  # closed, en
GUANWANG = "portals/jinghua/jinghua-website/index.html"  # closed, zh-CN
DASHBOARD = "internal/index.html"
# One page of each type, in both languages.
PAGE_TYPES = [
    "portals/hafenbahn/index.html",
    "portals/jinghua/index.html",
    CARRIER,
    CRM,
    "portals/hafenbahn/hafenbahn-carrier-portal/updates/2026-11-20.html",
    "portals/jinghua/jinghua-crm/updates/2026-11-20.html",
    "portals/jinghua/jinghua-website/retrospective.html",
    "internal/lichthof-website/retrospective.html",
    LICHTHOF,
    DASHBOARD,
]

# Everything with text that a reader sees, with its rendered size in CSS px: HTML text at
# its computed font size, SVG text scaled by the chart's transform to the screen.
SMALL_TEXT_JS = """(limit) => {
  const small = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
      if (n.tagName === 'DETAILS' && !n.open && n !== el
          && !n.querySelector('summary').contains(el)) return false;
    }
    return true;
  };
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size = size * Math.hypot(m.a, m.b);
    }
    const what = el.textContent.trim().slice(0, 40);
    if (size < limit - 0.05) small.push(`${el.tagName} ${size.toFixed(1)}px: ${what}`);
  }
  return small;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's sites as of 2026-11-30, built once for this module."""
    target = tmp_path_factory.mktemp("portal-site")
    build_sites(REPO, target, AS_OF)
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def people() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((REPO / "content/people.yaml").read_text(encoding="utf-8"))
    return {p["id"]: p for p in data["people"]}


class Pages:
    """One browser context per viewport and colour scheme, one reusable tab each."""

    def __init__(self, browser: Any, site: Path) -> None:
        self.browser, self.site, self.tabs = browser, site, {}

    def open(self, rel: str, viewport: dict[str, int] = DESKTOP, scheme: str = "light") -> Any:
        key = (viewport["width"], viewport["height"], scheme)
        if key not in self.tabs:
            context = self.browser.new_context(viewport=viewport, color_scheme=scheme)
            self.tabs[key] = context.new_page()
        page = self.tabs[key]
        page.goto((self.site / rel).as_uri())
        return page

    def close(self) -> None:
        for page in self.tabs.values():
            page.context.close()


@pytest.fixture(scope="module")
def pages(browser: Any, site: Path) -> Iterator[Pages]:
    found = Pages(browser, site)
    yield found
    found.close()


def text(page: Any) -> str:
    return page.evaluate("document.body.innerText")


# -- decisions first -------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "375x812"])
@pytest.mark.parametrize(
    "rel,heading",
    [
        (CARRIER, "Decisions needed from you"),
        (CRM, "需要您决策的事项"),
        ("portals/hafenbahn/index.html", "Decisions needed from you"),
        ("portals/jinghua/index.html", "需要您决策的事项"),
    ],
)
def test_decisions_box_is_in_the_first_screen(
    pages: Pages, rel: str, heading: str, viewport: dict[str, int]
) -> None:
    """Its heading and its first decision, owner and date included, are visible without
    scrolling (it sat 1,100 px down on a desktop and 2,200 px on a phone)."""
    page = pages.open(rel, viewport)
    box = page.locator(".decision-box")
    assert heading in box.locator("h2").inner_text()
    first = box.locator("li").first.bounding_box()
    assert first is not None
    assert first["y"] + first["height"] <= viewport["height"], (rel, first)


@pytest.mark.parametrize("rel,flag", [(CARRIER, "Overdue"), (KESTREL, "Overdue"), (CRM, "已逾期")])
def test_past_due_decisions_are_flagged_and_the_others_are_not(
    pages: Pages, rel: str, flag: str
) -> None:
    page = pages.open(rel)
    items = page.locator(".decision-box li")
    flagged = 0
    for n in range(items.count()):
        item = items.nth(n)
        due = item.locator(".decisions__due time")
        late = due.count() > 0 and dt.date.fromisoformat(due.get_attribute("datetime")) < AS_OF
        shown = item.locator(".pill--overdue").count() > 0
        assert shown == late, item.inner_text()
        if shown:
            assert item.locator(".pill--overdue").inner_text() == flag
            flagged += 1
    assert flagged >= 1


def test_apple_account_renewal_reads_overdue(pages: Pages) -> None:
    """The example of the issue: due 27 November, expiring 2 December, read on 30 November."""
    page = pages.open(KESTREL)
    item = page.locator(".decision-box li", has_text="Renew the Apple developer account")
    assert "Overdue" in item.inner_text() and "Ruben Janssen" in item.inner_text()


def test_past_due_deliverables_are_flagged(pages: Pages, site: Path) -> None:
    found = 0
    for rel in (CARRIER, KESTREL, CRM, "portals/hafenbahn/hafenbahn-design-system/index.html"):
        page = pages.open(rel)
        rows = page.locator("#deliverables tbody tr")
        for n in range(rows.count()):
            row = rows.nth(n)
            due = row.locator("td.date").inner_text()
            state = row.locator(".dstatus").get_attribute("class") or ""
            open_ = not any(s in state for s in ("delivered", "accepted"))
            iso = row.locator("td.date time")
            late = (
                open_
                and iso.count()
                and dt.date.fromisoformat(iso.get_attribute("datetime")) < AS_OF
            )
            assert (row.locator(".pill--overdue").count() > 0) == bool(late), (rel, due)
            found += bool(late)
    assert found >= 1


def test_forecast_end_stands_next_to_the_planned_end(pages: Pages) -> None:
    page = pages.open(CARRIER)
    dates = plain_text(page.locator(".page-head .dates").inner_text())  # as the eye reads it
    # Hafenbahn reads en-DE: the day before the month, as in its reports and e-mails.
    assert "4 May 2026 – 18 Dec 2026" in dates
    assert "forecast end 26 Feb 2027" in dates and "+70" in dates


# -- people, contact, client-only values ------------------------------------------------------


@pytest.mark.parametrize("rel", PAGE_TYPES)
def test_people_appear_by_name_never_by_id(pages: Pages, people: dict[str, Any], rel: str) -> None:
    shown = text(pages.open(rel))
    assert [i for i in people if re.search(rf"(?<![\w@.]){re.escape(i)}(?![\w@])", shown)] == []


@pytest.mark.parametrize(
    "rel,manager",
    [
        ("portals/hafenbahn/index.html", "jonas.weber"),
        (CARRIER, "jonas.weber"),
        ("portals/hafenbahn/hafenbahn-carrier-portal/updates/2026-11-20.html", "jonas.weber"),
        (CRM, "chen.yu"),
        ("portals/jinghua/jinghua-website/retrospective.html", "chen.yu"),
        (LICHTHOF, "lea.hoffmann"),
    ],
)
def test_every_client_page_says_who_to_call(
    pages: Pages, people: dict[str, Any], rel: str, manager: str
) -> None:
    page = pages.open(rel)
    who = page.locator(".who").first
    person = people[manager]
    assert person["name"] in who.inner_text()
    assert who.locator(f'a[href="mailto:{person["email"]}"]').is_visible()
    assert who.locator(".who__phone").inner_text() == person["phone"]
    label = who.locator(".who__label").inner_text()
    assert label == ("联系人：" if "jinghua" in rel else "Who to call:")


def test_client_page_keeps_the_team_s_health_check_and_earned_value(pages: Pages) -> None:
    """The PM reports Off track for the Carrier Portal; the client reads the PM's words,
    not the computed reasons with their limits, nor SPI, CPI or money."""
    page = pages.open(CARRIER)
    shown = text(page)
    for internal in ("health check computes", "limit 15", "SPI", "CPI", "EAC"):
        assert internal not in shown
    # Money: a change request's price is the client's, the budget's amounts are not.
    assert (
        "€" not in page.locator("#budget").inner_text() + page.locator(".status-card").inner_text()
    )
    internal_page = text(pages.open("internal/hafenbahn-carrier-portal/index.html"))
    assert "SPI" in internal_page and "EAC" in internal_page


def test_client_status_json_carries_no_thresholds_or_earned_value(site: Path) -> None:
    for path in sorted((site / "portals").glob("*/*/status.json")):
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw)
        assert set(data["health"]) == {"level", "label", "reason"}, path
        for word in ("computed", "limit", "threshold", "SPI", "CPI", "阈值", "earned"):
            assert word not in raw, (path, word)
    carrier = json.loads((site / CARRIER).with_name("status.json").read_text(encoding="utf-8"))
    assert carrier["dates"]["forecast_end"] == "2027-02-26"


def test_client_budget_is_used_against_work_done(pages: Pages) -> None:
    page = pages.open(CARRIER)
    budget = page.locator("#budget").inner_text()
    assert "90%" in budget and "69%" in budget and "of the work done" in budget
    internal = pages.open("internal/hafenbahn-carrier-portal/index.html")
    card = internal.locator("#budget .budget")
    # CPI 0.77: red, with the estimate at completion over the budget.
    assert "budget--off_track" in (card.get_attribute("class") or "")
    amounts = plain_text(card.inner_text())  # a German client: German amounts (en-DE)
    assert "242.561 €" in amounts and "+56.561 €" in amounts


@pytest.mark.parametrize("rel,label", [(LICHTHOF, "Completed"), (GUANWANG, "已结项")])
def test_closed_project_reads_completed(pages: Pages, rel: str, label: str) -> None:
    page = pages.open(rel, PHONE)
    outcome = page.locator(".outcome")
    assert outcome.locator("h2").inner_text().endswith(label)
    box = outcome.bounding_box()
    assert box is not None and box["y"] < PHONE["height"]
    assert outcome.locator('a[href$="closing.pdf"]').count() == 1
    shown = text(page)
    for stale in ("On track", "进展正常", "days ago", "天前", "Upcoming meetings", "近期会议"):
        assert stale not in shown, stale
    assert page.locator(".status-card").count() == 0
    assert page.locator("#communication table").count() == 0  # no meeting plan


def test_closed_project_shared_retrospective_is_linked_at_the_top(pages: Pages) -> None:
    page = pages.open(GUANWANG)
    assert page.locator('.outcome a[href="retrospective.html"]').count() == 1


def test_project_closed_over_budget_says_so(pages: Pages) -> None:
    assert "6% over budget" in pages.open(LICHTHOF).locator(".outcome").inner_text()


def test_a_one_project_portal_opens_its_project(pages: Pages) -> None:
    page = pages.open("portals/kestrel-cycles/index.html")
    page.wait_for_url(re.compile(r"kestrel-app/index\.html$"))
    assert page.locator("h1").inner_text() == "Rider App v2"
    assert page.locator(".breadcrumb").count() == 0  # no "All projects" that leads back here


def test_feed_json_and_badge_sit_in_one_quiet_block(pages: Pages) -> None:
    page = pages.open(CARRIER)
    block = page.locator("details.integrate")
    assert block.locator("summary").inner_text() == "Subscribe / integrate"
    for href in ("feed.xml", "status.json", "badge.svg"):
        assert page.locator(f'a[href="{href}"]').count() == 1
        assert block.locator(f'a[href="{href}"]').count() == 1
    assert not block.locator('a[href="feed.xml"]').is_visible()  # folded until asked for


# -- the director's dashboard -----------------------------------------------------------------


def test_dashboard_lists_open_client_decisions_late_first(pages: Pages) -> None:
    items = pages.open(DASHBOARD).locator("#client-decisions li")
    late = [items.nth(n).locator(".pill--overdue").count() > 0 for n in range(items.count())]
    # 5 of the 7 open client decisions were past due on 30 November: they come first.
    assert sum(late) == 5 and late == sorted(late, reverse=True)


def test_dashboard_lists_milestones_of_the_next_six_weeks(pages: Pages) -> None:
    items = pages.open(DASHBOARD).locator("#ahead li")
    days = [dt.date.fromisoformat(t) for t in items.locator(".ahead__date time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))")]  # fmt: skip
    assert days and all(d <= AS_OF + dt.timedelta(weeks=6) for d in days)
    projects = set(items.locator(".ahead__project").all_inner_texts())
    assert {"Rider App v2", "景华家居 CRM 实施项目"} <= projects


def test_dashboard_shows_money_pm_and_trend(pages: Pages) -> None:
    page = pages.open(DASHBOARD)
    carrier = page.locator("#money tr", has_text="Carrier Portal")
    assert "+€56,561" in carrier.inner_text() and "-€18,561" in carrier.inner_text()
    assert carrier.locator(".pill--overdue").count() >= 1  # over budget, marked
    row = page.locator("table.portfolio tbody tr", has_text="Carrier Portal")
    assert "PM: Jonas Weber" in row.inner_text()
    assert row.locator(".trend__dot").count() == 4
    assert row.locator(".trend .visually-hidden").inner_text().endswith("a week ago (Off track)")


def test_dashboard_load_table_splits_hours_by_project_and_warns_of_gaps(pages: Pages) -> None:
    page = pages.open(DASHBOARD)
    table = page.locator("table.load-table")
    assert table.locator("thead th").count() == 7  # person and six weeks
    tobias = table.locator("tr", has_text="Tobias Brandt")
    assert "Carrier Portal:" in tobias.inner_text() and "Rider App v2:" in tobias.inner_text()
    # The heat map says the same on hover: the cell's title splits the week by project.
    titles = page.locator("#load svg g.cell > title").all_text_contents()
    assert (
        "Tobias Brandt, week of Nov 30, 2026: 44 h of 40 h; Carrier Portal: 32 h; "
        "Rider App v2: 12 h"
    ) in plain_text(" ".join(titles))
    gaps = plain_text(page.locator(".load-gaps").inner_text())
    assert "Carrier Portal is forecast to end on Feb 26, 2027" in gaps and "Tobias Brandt" in gaps


def test_over_allocation_in_the_load_chart_matches_the_open_risk(pages: Pages) -> None:
    page = pages.open(DASHBOARD)
    # The Carrier Portal's open risk: Tobias is over-allocated from 30 November to 18
    # December (SAP rework, 32 h on the portal plus 12 h on Kestrel).
    risk = page.locator("#risks tbody tr", has_text="Tech lead over-allocated")
    assert risk.count() == 1 and "Carrier Portal" in risk.inner_text()
    heads = page.locator("table.load-table thead th").all_text_contents()[1:]
    row = page.locator("table.load-table tbody tr", has_text="Tobias Brandt")
    over = [c.locator(".pill--overdue").count() > 0 for c in row.locator("td").all()]
    assert [plain_text(h) for h, o in zip(heads, over, strict=True) if o] == [
        "Week 49 · Nov 30",
        "Week 50 · Dec 7",
        "Week 51 · Dec 14",
    ]
    findings = page.locator("#load ul.findings").inner_text()
    assert "Tobias Brandt in 2026-W49: 44 h of 40 h" in findings
    # The heat map colours those weeks as over capacity and says so on hover.
    titles = plain_text(" ".join(page.locator("#load svg g.cell > title").all_text_contents()))
    for week in ("Nov 30", "Dec 7", "Dec 14"):
        assert f"Tobias Brandt, week of {week}, 2026: 44 h of 40 h" in titles
    # Nobody else is over capacity, and no other open risk says anyone is: Jinghua's
    # 资源 risk is about Wang Lei being the only configuration consultant, not his load.
    over_rows = page.locator("table.load-table tbody tr").filter(has=page.locator(".pill--overdue"))
    assert over_rows.count() == 1 and "Tobias Brandt" in over_rows.inner_text()


# -- phones, dark theme, print ----------------------------------------------------------------


@pytest.mark.parametrize("rel", PAGE_TYPES)
def test_phone_has_no_sideways_scroll_and_no_text_under_11px(pages: Pages, rel: str) -> None:
    page = pages.open(rel, PHONE)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"scrolls sideways by {overflow}px"
    assert page.evaluate(SMALL_TEXT_JS, 11) == []


@pytest.mark.parametrize("rel", [CARRIER, CRM, DASHBOARD])
def test_desktop_has_no_text_under_11px(pages: Pages, rel: str) -> None:
    assert pages.open(rel, DESKTOP).evaluate(SMALL_TEXT_JS, 11) == []


def _luminance(css: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("rel", [CARRIER, CRM, DASHBOARD])
def test_dark_theme_follows_the_system_setting_charts_included(pages: Pages, rel: str) -> None:
    page = pages.open(rel, DESKTOP, "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    color = page.evaluate("getComputedStyle(document.body).color")
    assert _luminance(background) < 0.15 and _luminance(color) > 0.75
    card = page.evaluate("getComputedStyle(document.querySelector('.card')).backgroundColor")
    assert _luminance(card) < 0.2
    # Chart ink (labels, axes, notes) turns light; figures inside a heat map's tinted
    # cells keep their dark ink.
    fills = page.evaluate(
        "Array.from(document.querySelectorAll('.chart svg text'))"
        ".filter(t => t.getBBox().width && !t.closest('g.cell'))"
        ".map(t => getComputedStyle(t).fill)"
    )
    assert fills and min(_luminance(f) for f in fills if f.startswith("rgb")) > 0.35
    light = pages.open(rel, DESKTOP, "light")
    assert _luminance(light.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.9


def _pdf_pages(page: Any) -> list[tuple[float, float, str, float]]:
    """Each printed page on A4 (or the page's own @page size): width, height, its text and
    how far down the page its text reaches (0 = nothing, 1 = the bottom edge)."""
    pypdf = pytest.importorskip("pypdf")
    page.emulate_media(media="print")
    data = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    printed = []
    for p in pypdf.PdfReader(io.BytesIO(data)).pages:
        height = float(p.mediabox.height)
        lows: list[float] = []

        def visit(txt: str, cm: Any, tm: Any, *_: Any, lows: list[float] = lows) -> None:
            if txt.strip():
                lows.append(cm[5] + tm[5] * cm[3])  # the baseline's y, from the bottom

        words = p.extract_text(visitor_text=visit) or ""
        reach = (height - min(lows)) / height if lows else 0.0
        printed.append((float(p.mediabox.width), height, words, reach))
    return printed


def _half_empty(printed: list[tuple[float, float, str, float]]) -> list[str]:
    """Pages before the last whose text stops in the upper half of the page."""
    return [
        f"page {n} of {len(printed)}: text reaches {reach:.0%} down"
        for n, (_, _, _, reach) in enumerate(printed[:-1], start=1)
        if reach < 0.5
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "rel",
    [
        CARRIER,
        CRM,
        GUANWANG,
        "portals/hafenbahn/hafenbahn-carrier-portal/updates/2026-11-20.html",
    ],
)
def test_project_page_prints_cleanly(pages: Pages, rel: str) -> None:
    printed = _pdf_pages(pages.open(rel))
    assert len(printed) <= 12
    # A long card (the latest update) breaks between paragraphs instead of leaving the
    # page above it half empty.
    assert _half_empty(printed) == []
    for _, _, words, _ in printed:
        assert len(words.split()) > 15, "a page that is almost empty"
    assert "Subscribe / integrate" not in " ".join(p[2] for p in printed)
    if rel in (CARRIER, CRM):
        first = printed[0][2]
        assert ("Decisions needed from you" in first) or ("需要您决策的事项" in first)


def test_printed_milestones_keep_short_chinese_labels_on_one_line(pages: Pages) -> None:
    """The Jinghua CRM's milestones table printed on A4: its acceptance column (验收) was
    squeezed until 已验收 / 待验收 broke one character per line; a short label stays whole."""
    every = "\n".join(w for _, _, w, _ in _pdf_pages(pages.open(CRM)))
    header = next(line for line in every.splitlines() if "预测或实际" in line)
    assert re.search(r"状态\s*验收", header), header
    table = every[every.index(header) :]
    end = re.search(r"项[目⽬][目⽬]标", table)  # the next section; pypdf may give ⽬ for 目
    table = table[: end.start()] if end else table
    data = yaml.safe_load((REPO / "content/projects/jinghua-crm/project.yaml").read_text())
    labels = re.findall(r"[已待]验收", table)
    assert len(labels) == len(data["milestones"]), (labels, table)


@pytest.mark.slow
def test_dashboard_prints_landscape_without_the_sort_hint(pages: Pages) -> None:
    printed = _pdf_pages(pages.open(DASHBOARD))
    assert all(w > h for w, h, _, _ in printed), "the dashboard prints in landscape"
    every = " ".join(p[2] for p in printed)
    assert "Select a column heading to sort." not in every
    assert "Open client decisions" in printed[0][2]
    assert _half_empty(printed) == []
    for _, _, words, _ in printed:
        assert len(words.split()) > 15, "a page that is almost empty"


# -- Chinese ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rel", [CRM, "portals/jinghua/index.html", GUANWANG])
def test_chinese_typography(pages: Pages, rel: str) -> None:
    page = pages.open(rel, PHONE)
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.lstrip('"').startswith("Noto Sans CJK SC"), family
    italic = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => "
        "getComputedStyle(e).fontStyle === 'italic' && /[\\u4e00-\\u9fff]/.test(e.textContent))"
        ".map(e => e.textContent.slice(0, 30))"
    )
    assert italic == []
    broken = page.evaluate(
        "Array.from(document.querySelectorAll('time')).filter(t => t.getClientRects().length > 1)"
        ".map(t => t.textContent)"
    )
    assert broken == [], "a date broken over two lines"
    shown = text(page)
    assert re.findall(r"\d\s+%", shown) == []
    assert re.findall(r"[\u4e00-\u9fff]: ", shown) == [], "a half-width colon after Chinese"


def test_chinese_column_names(pages: Pages) -> None:
    heads = pages.open(CRM).locator("#deliverables thead th").all_inner_texts()
    assert heads == ["交付物", "截止日期", "状态", "验收"]


# -- accessibility ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "rel,viewport",
    [
        (CARRIER, PHONE),
        (CRM, DESKTOP),
        ("portals/jinghua/index.html", PHONE),
        (LICHTHOF, DESKTOP),
        (DASHBOARD, DESKTOP),
    ],
)
def test_axe_is_clean(
    browser: Any, site: Path, rel: str, viewport: dict[str, int], scheme: str
) -> None:
    context = browser.new_context(bypass_csp=True, viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto((site / rel).as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    context.close()
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert found == []
