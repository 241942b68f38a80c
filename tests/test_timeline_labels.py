"""The milestone timeline's "Period end" label never covers a milestone's text.

What the reader sees, measured on the SVG: each <text>'s box from its position, anchor,
font size and the chart's own width estimate. The label of the today line must not overlap
any other text: a milestone's name, its note ("+12 d"), the legend or the axis. Checked on
the kick-off weeks of the demo (where the period end stands at the very left, by the first
milestone) and on a chart whose first milestone is forecast for the period end itself.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

import pytest

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.site import ReportKind
from generator.present import charts, milestones
from generator.present.charts import ChartMeta
from generator.present.charts.svg import text_width
from generator.present.formats import REPORT
from generator.render.reports import job_view
from tests.conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]  # left, top, right, bottom


def _boxes(svg: str) -> tuple[list[Box], list[tuple[str, Box]]]:
    """(the today label's boxes, every other text with its box)."""
    root = ET.fromstring(svg)
    today: list[Box] = []
    others: list[tuple[str, Box]] = []

    def walk(node: ET.Element, in_today: bool) -> None:
        in_today = in_today or "today" in (node.get("class") or "").split()
        if node.tag == f"{SVG}text" and (node.text or "").strip():
            text = node.text or ""
            size = float(node.get("font-size") or 12)
            x, y = float(node.get("x") or 0), float(node.get("y") or 0)
            width = text_width(text, size)
            anchor = node.get("text-anchor") or "start"
            left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            box = (left, y - 0.8 * size, left + width, y + 0.2 * size)
            if in_today:
                today.append(box)
            else:
                others.append((text, box))
        for child in node:
            walk(child, in_today)

    walk(root, False)
    return today, others


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crossed(svg: str) -> list[str]:
    today, others = _boxes(svg)
    assert today, "the chart has no today label"
    return [text for text, box in others for t in today if _overlaps(t, box)]


@pytest.mark.parametrize(
    ("project", "week", "label"),
    [
        ("hafenbahn-carrier-portal", "2026-W19", "Period end"),
        ("jinghua-crm", "2026-W32", "报告期末"),
    ],
)
def test_kick_off_week_timeline_keeps_the_period_end_label_clear(
    project: str, week: str, label: str
) -> None:
    portfolio = load_workspace(REPO)
    job = report_job(
        portfolio, ReportKind.weekly, project, week, Audience.client, dt.date(2026, 11, 30)
    )
    report = job_view(portfolio, job)
    svg = milestones.timeline(
        report.lens,
        report.milestones,
        chart_id="t",
        today_label=label,
        width=REPORT,
    )[0]
    assert label in svg
    assert _crossed(svg) == []


NAMES = {
    "en": ("Discovery signed off", "Discovery and service blueprint signed off by the client"),
    "zh-CN": ("蓝图确认", "业务蓝图设计确认及经销商返利规则财务部补充确认"),
}


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
@pytest.mark.parametrize("long_names", [False, True], ids=["names-left", "names-above"])
def test_period_end_on_the_first_milestone_keeps_both_labels_apart(
    locale: str, long_names: bool
) -> None:
    """The first milestone is forecast for the period end, 12 days late: its marker and
    its note stand right at the today line."""
    end = dt.date(2026, 5, 10)
    name = NAMES[locale][long_names]
    rows = (
        charts.TimelineMilestone(
            name, dt.date(2026, 4, 28), forecast=end, status=charts.Status.AT_RISK, note="+12 d"
        ),
        charts.TimelineMilestone(NAMES[locale][0] + " 2", dt.date(2026, 9, 4)),
    )
    data = charts.Timeline(
        rows, today=end, today_label="报告期末" if locale != "en" else "Period end"
    )
    svg = charts.timeline_chart(
        data, ChartMeta(id="t", title="Milestones", lang=locale, width=REPORT)
    )
    assert _crossed(svg) == []


def _texts_the_line_strikes(svg: str) -> tuple[list[str], list[str]]:
    """(texts the today line runs through, those of them with nothing opaque between the
    line and the text): a rect drawn after the line that covers the text's box."""
    root = ET.fromstring(svg)
    painted = list(root.iter())  # document order is paint order
    line = next(n for n in root.iter(f"{SVG}g") if n.get("class") == "today").find(f"{SVG}line")
    assert line is not None
    x, top, bottom = (
        float(line.get("x1") or 0),
        float(line.get("y1") or 0),
        float(line.get("y2") or 0),
    )
    _, others = _boxes(svg)
    struck = [(t, b) for t, b in others if b[0] < x < b[2] and top < b[1] and b[3] < bottom]
    backings = [
        (
            float(r.get("x") or 0),
            float(r.get("y") or 0),
            float(r.get("width") or 0),
            float(r.get("height") or 0),
        )
        for r in painted[painted.index(line) :]
        if r.tag == f"{SVG}rect"
    ]

    def covered(box: Box) -> bool:
        return any(
            rx <= min(x - 1, box[0])
            and max(x + 1, box[0]) <= rx + w
            and ry <= box[1]
            and box[3] <= ry + h
            for rx, ry, w, h in backings
        )

    return [t for t, _ in struck], [t for t, b in struck if not covered(b)]


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_a_variance_note_the_period_end_runs_through_stays_readable(locale: str) -> None:
    """The closing report's case: a milestone reached 14 days late a week before the
    project closed; its "+14 d" reaches the period-end line."""
    rows = (
        charts.TimelineMilestone(
            NAMES[locale][0], dt.date(2026, 3, 20), actual=dt.date(2026, 3, 20)
        ),
        charts.TimelineMilestone(
            NAMES[locale][0] + " 2",
            dt.date(2026, 7, 24),
            actual=dt.date(2026, 8, 7),
            status=charts.Status.DONE,
            note="+14 d" if locale == "en" else "+14 天",
        ),
    )
    data = charts.Timeline(rows, today=dt.date(2026, 8, 14), today_label="Period end")
    svg = charts.timeline_chart(
        data, ChartMeta(id="t", title="Milestones", lang=locale, width=REPORT)
    )
    struck, unreadable = _texts_the_line_strikes(svg)
    assert struck, "the case must put a note under the line"
    assert unreadable == []
