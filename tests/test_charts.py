"""The chart module: what a reader sees in each SVG, determinism, escaping, edge cases,
and clean rendering through WeasyPrint in English and Chinese."""

from __future__ import annotations

import base64
import itertools
import logging
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.present.charts import (
    BudgetBurn,
    Burnup,
    BurnupWeek,
    ChartMeta,
    EarnedValue,
    EarnedValueMonth,
    GoalSeries,
    GoalTrend,
    ResourceHeatMap,
    ResourceRow,
    RiskCell,
    RiskExposure,
    RiskHeatMap,
    Sentiment,
    Status,
    SurveyBar,
    SurveyDistribution,
    Timeline,
    TimelineMilestone,
    brand_theme,
    budget_burn_chart,
    burnup_chart,
    earned_value_chart,
    goal_sparkline,
    goal_trend_chart,
    resource_heatmap_chart,
    risk_exposure_chart,
    risk_heatmap_chart,
    survey_distribution_chart,
    timeline_chart,
)
from tests import chart_samples as samples

NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script> & \"quoted\" 'single'"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{S}text")]


def meta(name: str = "c", width: int = 640) -> ChartMeta:
    return ChartMeta(id=name, title="Chart title", desc="Chart description", width=width)


def num(value: str | None) -> float:
    assert value is not None
    return float(value)


ALL = {"en": samples.all_charts(samples.EN), "zh": samples.all_charts(samples.ZH)}


# ---------------------------------------------------------------- every chart


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_is_a_standalone_accessible_svg(lang: str) -> None:
    for name, svg in ALL[lang]:
        root = parse(svg)
        assert root.tag == f"{S}svg", name
        # A heat map with linked cells is no image: its links must stay reachable.
        assert root.get("role") == (None if name == "risk-heatmap" else "img"), name
        width, height = num(root.get("width")), num(root.get("height"))
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
        assert width > 0 and height > 0
        title_id, desc_id = (root.get("aria-labelledby") or "").split()
        assert root.find(f"s:title[@id='{title_id}']", NS) is not None, name
        assert root.find(f"s:desc[@id='{desc_id}']", NS) is not None, name
        # Split the way WeasyPrint's SVG renderer does (on "," then quotes stripped, spaces
        # kept): every name must come out as a real family, the CJK one among them.
        families = [f.strip("\"'") for f in (root.get("font-family") or "").split(",")]
        assert families[:2] == ["Noto Sans", "Noto Sans CJK SC"] and families[-1] == "sans-serif"
        assert all(f == f.strip() for f in families), families
        # Numbers never leak as nan/inf, which browsers and WeasyPrint drop silently.
        assert not re.search(r'="[^"]*\b(nan|inf)\b', svg), name


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_chinese_labels_stay_text_and_only_a_standalone_svg_names_its_language() -> None:
    root = parse(dict(ALL["zh"])["timeline"])
    # Inline (in HTML or a report's HTML) the page's <html lang> applies; the HTML syntax
    # rejects xml:lang, and the Nu checker lang, on an inline svg.
    assert root.get("lang") is None and root.get(XML_LANG) is None
    alone = parse(
        timeline_chart(
            samples.timeline(samples.ZH),
            ChartMeta(id="t", title="里程碑", lang="zh-CN", standalone=True),
        )
    )
    assert alone.get("lang") == "zh-CN" and alone.get(XML_LANG) == "zh-CN"
    shown = texts(root)
    assert "需求调研完成" in shown and "今天" in shown
    assert root.find(".//s:path", NS) is None  # no glyph outlines


def test_same_input_gives_the_same_bytes() -> None:
    again = samples.all_charts(samples.EN)
    assert again == ALL["en"]


def test_ids_come_from_the_prefix_and_never_collide_on_one_page() -> None:
    seen: list[str] = []
    for lang in ("en", "zh"):
        for name, svg in ALL[lang]:
            ids = [e.get("id") for e in parse(svg).iter() if e.get("id")]
            assert all(i and i.startswith(f"{name}-") for i in ids), (name, ids)
            seen += [i for i in ids if i]
    assert len(seen) == len(set(seen))
    # Two charts with different prefixes but the same data differ only in their ids.
    a = resource_heatmap_chart(samples.resources(samples.EN), meta("load-a"))
    b = resource_heatmap_chart(samples.resources(samples.EN), meta("load-b"))
    assert a != b and a.replace("load-a", "load-b") == b
    assert 'fill="url(#load-a-over)"' in a


def test_unsafe_id_prefix_is_made_a_valid_id() -> None:
    svg = goal_sparkline(samples.goal(samples.EN), meta('1 "x"<y>', 120))
    title_id = parse(svg).find("s:title", NS).get("id")  # type: ignore[union-attr]
    assert title_id is not None and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", title_id)


# ---------------------------------------------------------------- escaping


def test_labels_with_markup_are_escaped_everywhere() -> None:
    day = date(2026, 11, 2)
    evil_meta = ChartMeta(id="x", title=EVIL, desc=EVIL)
    svgs = [
        timeline_chart(
            Timeline(
                (TimelineMilestone(EVIL, day, note=EVIL, detail=EVIL),),
                today=day,
                today_label=EVIL,
                planned_label=EVIL,
                format_month=lambda d: EVIL,
            ),
            evil_meta,
        ),
        burnup_chart(Burnup((BurnupWeek(day, 10, 5, 4),), EVIL, EVIL, EVIL), evil_meta),
        risk_heatmap_chart(
            RiskHeatMap(
                (RiskCell(3, 3, 2, href='r.html?a=1&b="2"#<x>', title=EVIL),),
                probability_label=EVIL,
                high_label=EVIL,
            ),
            evil_meta,
        ),
        resource_heatmap_chart(
            ResourceHeatMap((day,), (ResourceRow(EVIL, (1.5,)),), over_label=EVIL), evil_meta
        ),
        survey_distribution_chart(
            SurveyDistribution((SurveyBar(EVIL, 3, Sentiment.NEGATIVE),), negative_label=EVIL),
            evil_meta,
        ),
        budget_burn_chart(BudgetBurn(40, 50, EVIL, EVIL), evil_meta),
    ]
    for svg in svgs:
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)  # still well-formed XML
        assert root.find("s:title", NS).text == EVIL  # type: ignore[union-attr]
        # Drawn as text a reader sees, character for character (not only in the title).
        assert any(EVIL in shown for shown in texts(root))
    link = parse(svgs[2]).find(".//s:a", NS)
    assert link is not None and link.get("href") == 'r.html?a=1&b="2"#<x>'


def test_control_characters_do_not_break_the_xml() -> None:
    svg = burnup_chart(
        Burnup((BurnupWeek(date(2026, 1, 5), 3, 1, 1),), "scope\x00\x1b", "plan", "done\x0b"),
        meta(),
    )
    assert "scope" in texts(parse(svg))


# ---------------------------------------------------------------- timeline


def _row_x(row: ET.Element, cls: str) -> float | None:
    group = row.find(f"s:g[@class='{cls}']", NS)
    if group is None:
        return None
    shape = group[0]
    if shape.tag == f"{S}circle":
        return num(shape.get("cx"))
    first = (shape.get("points") or "").split()[0]  # diamond: top vertex is at the centre x
    return float(first.split(",")[0])


def _today_x(root: ET.Element) -> float:
    line = root.find("s:g[@class='today']/s:line", NS)
    assert line is not None
    return num(line.get("x1"))


def test_timeline_has_one_status_marker_per_milestone_in_date_order() -> None:
    root = parse(timeline_chart(samples.timeline(samples.EN), meta()))
    rows = root.findall("s:g[@class='milestone']", NS)
    data = samples.timeline(samples.EN).milestones
    assert len(rows) == len(data)
    latest = []
    for row, m in zip(rows, data, strict=True):
        actual, forecast, planned = (_row_x(row, c) for c in ("actual", "forecast", "planned"))
        assert (actual is not None) == (m.actual is not None)
        # Exactly one marker says where the milestone stands now.
        assert (actual is None) != (forecast is None)
        now = m.actual or m.forecast
        if now != m.planned:
            # Plan and current marker in the same order as their dates (early or late).
            assert planned is not None
            assert (planned < (actual or forecast or 0)) == (m.planned < now)  # type: ignore[operator]
        else:
            assert planned is None  # on plan: one marker, not two overlapping
        latest.append(actual if actual is not None else forecast)
    assert latest == sorted(latest)
    assert len(set(latest)) == len(latest)


def test_timeline_today_line_sits_between_the_right_dates() -> None:
    t = samples.timeline(samples.EN)
    root = parse(timeline_chart(t, meta()))
    rows = root.findall("s:g[@class='milestone']", NS)
    x_today = _today_x(root)
    # Design sign-off happened 16 Oct; the API milestone is forecast for 9 Dec; today is 20 Nov.
    assert _row_x(rows[1], "actual") < x_today < _row_x(rows[2], "forecast")  # type: ignore[operator]
    assert _row_x(rows[2], "planned") < _row_x(rows[2], "forecast")  # type: ignore[operator]
    assert "Today" in texts(root)


def test_timeline_axis_crosses_the_year_end_in_order() -> None:
    root = parse(timeline_chart(samples.timeline(samples.EN), meta()))
    axis = root.find("s:g[@class='x-axis']", NS)
    assert axis is not None
    labels = [(num(t.get("x")), t.text) for t in axis.findall("s:text", NS)]
    months = [text for _, text in sorted(labels) if text and not text.isdigit()]
    assert months[months.index("Dec") + 1] == "Jan"
    years = [(x, text) for x, text in labels if text and text.isdigit()]
    assert [y for _, y in sorted(years)] == ["2026", "2027"]
    jan_x = next(x for x, t in labels if t == "Jan")
    assert dict((t, x) for x, t in years)["2027"] == jan_x


def test_timeline_long_name_stands_whole_above_its_bar_on_a_narrow_chart() -> None:
    """A name wider than a third of the chart is not cut to "User acceptance test…": it
    takes its own lines above the bar (issue 15, "UX and visual d…" on a phone)."""
    long = "User acceptance testing with the client's warehouse team"
    t = Timeline(
        (
            TimelineMilestone(long, date(2026, 12, 1)),
            TimelineMilestone("Go-live", date(2027, 1, 8)),
        ),
        today=date(2026, 11, 1),
    )
    root = parse(timeline_chart(t, meta(width=340)))
    assert " ".join(s for s in texts(root) if s and s in long) == long, texts(root)
    assert not [s for s in texts(root) if s and s.endswith("\u2026")]
    # The wide layout keeps one line per name beside the bars.
    wide = parse(timeline_chart(t, meta(width=1040)))
    assert long in texts(wide)


def test_timeline_without_milestones_says_so() -> None:
    t = Timeline((), today=date(2026, 11, 1), empty_label="Noch keine Meilensteine")
    root = parse(timeline_chart(t, meta()))
    assert "Noch keine Meilensteine" in texts(root)
    assert root.find("s:g[@class='milestone']", NS) is None


# ---------------------------------------------------------------- line charts


def _series(root: ET.Element, label: str) -> ET.Element:
    found = root.find(f"s:g[@data-label='{label}']", NS)
    assert found is not None, label
    return found


def _points(series: ET.Element) -> list[tuple[float, float]]:
    line = series.find("s:polyline", NS)
    assert line is not None
    return [(float(a), float(b)) for a, b in (p.split(",") for p in line.get("points", "").split())]


def test_burnup_done_stops_at_today_and_scope_is_above_done() -> None:
    data = samples.burnup(samples.EN)
    root = parse(burnup_chart(data, meta()))
    done = _points(_series(root, "Done"))
    scope = _points(_series(root, "Scope"))
    assert len(done) == sum(1 for w in data.weeks if w.done is not None)
    assert len(scope) == len(data.weeks)
    assert [x for x, _ in done] == sorted(x for x, _ in done)
    assert done[-1][0] < _today_x(root) < scope[-1][0]
    # SVG y grows downwards: scope (460 h) is drawn above done (about 200 h).
    assert scope[-1][1] < done[-1][1]
    assert "400 h" in texts(root)


@pytest.mark.parametrize("label", ["Period end", "Project closed", "项目结项"])
def test_the_date_line_label_hides_no_data(label: str) -> None:
    """A % burn-up whose scope runs along the top and whose work reaches 100% on the day the
    line marks (a project's close): the label stays readable and neither it nor its backing
    covers any point of a series (the portal hid the last two weeks of "Done")."""
    weeks = tuple(
        BurnupWeek(date(2026, 6, 5) + timedelta(weeks=n), 100, min(100, 12 * n), min(100, 11 * n))
        for n in range(11)
    )
    data = Burnup(weeks, "Scope", "Planned", "Done", today=weeks[-1].week, today_label=label,
                  format_value=lambda v: f"{v:.0f}%")  # fmt: skip
    root = parse(burnup_chart(data, meta()))
    today = root.find("s:g[@class='today']", NS)
    assert today is not None
    text = today.find("s:text", NS)
    assert text is not None and text.text == label
    covers = [
        (num(r.get("x")), num(r.get("y")), num(r.get("x")) + num(r.get("width")),
         num(r.get("y")) + num(r.get("height")))
        for r in today.findall("s:rect", NS)
    ]  # fmt: skip
    ly = num(text.get("y"))
    covers.append((0, ly - 11, 10_000, ly + 3))  # the label's own line of text
    for name in ("Scope", "Planned", "Done"):
        points = _points(_series(root, name))
        # every point and the middle of every segment, where the line runs under a box
        samples_ = points + [
            ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in itertools.pairwise(points)
        ]
        hidden = [
            p
            for p in samples_
            for x0, y0, x1, y1 in covers
            if x0 <= p[0] <= x1 and y0 <= p[1] <= y1
        ]
        assert hidden == [], f"{name} runs under the label at {hidden}"
    assert _points(_series(root, "Done"))[-1][1] == _points(_series(root, "Scope"))[-1][1]


def test_earned_value_lines_and_formatted_money_axis() -> None:
    root = parse(earned_value_chart(samples.earned_value(samples.EN), meta()))
    pv = _points(_series(root, "Planned value"))
    ev = _points(_series(root, "Earned value"))
    ac = _points(_series(root, "Actual cost"))
    assert len(pv) == 6 and len(ev) == len(ac) == 3
    assert all(e[1] > a[1] for e, a in zip(ev, ac, strict=True))  # EV below AC: overspent
    assert "€100k" in texts(root) and "€0" in texts(root)
    # EV and AC are told apart by marker shape, not only colour.
    assert _series(root, "Earned value").find("s:circle", NS) is not None
    assert _series(root, "Actual cost").find("s:rect", NS) is not None


def test_goal_trend_shows_baseline_target_and_the_deadline_on_the_axis() -> None:
    g = samples.goal(samples.EN)
    root = parse(goal_trend_chart(GoalTrend(g), meta()))
    shown = texts(root)
    assert "Target" in shown and "Baseline" in shown
    refs = root.findall("s:g[@class='references']/s:line", NS)
    baseline_y, target_y = (num(r.get("y1")) for r in refs)
    assert target_y < baseline_y  # target 85 above baseline 62
    axis_months = [t.text for t in root.findall("s:g[@class='x-axis']/s:text", NS)]
    assert "Feb" in axis_months  # the deadline, 26 Feb, is inside the axis


def test_sparkline_has_reference_lines_and_the_last_value() -> None:
    g = samples.goal(samples.EN)
    root = parse(goal_sparkline(g, meta(width=120)))
    lines = root.findall("s:line", NS)
    baseline_y, target_y = (num(line.get("y1")) for line in lines)
    assert target_y < baseline_y
    last = root.find("s:circle", NS)
    points = root.find("s:polyline", NS).get("points").split()  # type: ignore[union-attr]
    assert last is not None and points[-1] == f"{last.get('cx')},{last.get('cy')}"
    assert len(points) == len(g.measurements)


def test_risk_exposure_line() -> None:
    data = samples.exposure(samples.EN)
    root = parse(risk_exposure_chart(data, meta()))
    points = _points(_series(root, "Open risk exposure"))
    assert len(points) == len(data.points)
    peak = max(range(len(points)), key=lambda i: -points[i][1])
    assert data.points[peak][1] == max(v for _, v in data.points)


@pytest.mark.parametrize(
    "points",
    [
        (),
        ((date(2026, 3, 2), 5.0),),
        tuple((date(2026, 3, 2) + timedelta(7 * i), 5.0) for i in range(6)),
    ],
    ids=["empty", "single", "all-equal"],
)
def test_line_charts_survive_empty_single_and_flat_series(points: tuple) -> None:
    svgs = [
        risk_exposure_chart(RiskExposure(points, "Exposure", empty_label="Nothing yet"), meta()),
        goal_trend_chart(
            GoalTrend(GoalSeries(points, 5.0, 5.0), empty_label="Nothing yet"), meta()
        ),
        goal_sparkline(GoalSeries(points, 5.0, 5.0), meta(width=120)),
        burnup_chart(
            Burnup(
                tuple(BurnupWeek(d, v, v, v) for d, v in points),
                "S",
                "P",
                "D",
                empty_label="Nothing yet",
            ),
            meta(),
        ),
        earned_value_chart(
            EarnedValue(
                tuple(EarnedValueMonth(d, v, v, v) for d, v in points),
                "PV",
                "EV",
                "AC",
                empty_label="Nothing yet",
            ),
            meta(),
        ),
    ]
    for index, svg in enumerate(svgs):
        root = parse(svg)
        assert not re.search(r'="[^"]*\b(nan|inf)\b', svg)
        if index == 2:  # the sparkline has no legend and no note: only its line and dot
            dots = root.findall(".//s:circle", NS)
            assert len(dots) == (1 if points else 0)
            assert (root.find(".//s:polyline", NS) is not None) == (len(points) > 1)
            continue
        # The series as drawn, the legend's swatches left out.
        drawn = [[mark.tag for mark in group] for group in root.findall(".//s:g[@data-label]", NS)]
        if not points:
            assert "Nothing yet" in texts(root), index  # the caller's note, not a default
            assert drawn == [], index  # and no invented points
        elif len(points) == 1:
            # A one-point series is a dot a reader can see (a circle, or a square for the
            # second series), never nothing.
            assert drawn and all(
                len(marks) == 1 and marks[0] in (f"{S}circle", f"{S}rect") for marks in drawn
            ), (index, drawn)
    if not points:
        assert texts(parse(svgs[0])) == ["Exposure", "Nothing yet"]  # legend and note only
    if len(points) == 1:
        month = [t.text for t in parse(svgs[0]).findall("s:g[@class='x-axis']/s:text", NS)]
        assert month == ["Mar", "2026"]
    flat = parse(svgs[0])
    if len(points) > 1:
        ys = {y for _, y in _points(_series(flat, "Exposure"))}
        assert len(ys) == 1


# ---------------------------------------------------------------- heat maps


def _cell(root: ET.Element, probability: int, impact: int) -> ET.Element:
    found = root.find(f".//s:g[@data-probability='{probability}'][@data-impact='{impact}']", NS)
    assert found is not None
    return found


def test_risk_heatmap_counts_sit_in_the_right_cells_with_bands_and_links() -> None:
    root = parse(risk_heatmap_chart(samples.risk_map(samples.EN), meta(width=360)))
    cells = root.findall(".//s:g[@data-probability]", NS)
    assert len(cells) == 25
    expected = {(c.probability, c.impact): c.count for c in samples.risk_map(samples.EN).cells}
    for cell in cells:
        key = (int(cell.get("data-probability", 0)), int(cell.get("data-impact", 0)))
        text = cell.find("s:text", NS)
        if key in expected:
            assert text is not None and text.text == str(expected[key])
        else:
            assert text is None
    assert "band-high" in _cell(root, 5, 4).get("class", "")
    assert "band-medium" in _cell(root, 3, 2).get("class", "")
    assert "band-low" in _cell(root, 1, 1).get("class", "")
    # Geometry a reader relies on: probability grows upwards, impact to the right.
    rect = lambda p, i: _cell(root, p, i).find("s:rect", NS)  # noqa: E731
    assert num(rect(5, 1).get("y")) < num(rect(1, 1).get("y"))  # type: ignore[union-attr]
    assert num(rect(1, 5).get("x")) > num(rect(1, 1).get("x"))  # type: ignore[union-attr]
    links = {a.get("href"): a for a in root.iter(f"{S}a")}
    assert set(links) == {"risks.html#r-7", "risks.html#high", "risks.html#medium"}
    assert root.get("role") is None and root.get("aria-labelledby")  # named, links reachable
    unlinked = parse(risk_heatmap_chart(RiskHeatMap((RiskCell(2, 2, 1),)), meta("u")))
    assert unlinked.get("role") == "img"
    assert links["risks.html#high"].find("s:g", NS).get("data-count") == "2"  # type: ignore[union-attr]
    assert {"Low", "Medium", "High", "Probability", "Impact"} <= set(texts(root))


def test_risk_heatmap_rejects_levels_outside_one_to_five() -> None:
    with pytest.raises(ValueError, match="1-5"):
        risk_heatmap_chart(RiskHeatMap((RiskCell(6, 1, 1),)), meta())


def test_resource_overallocation_is_marked_by_pattern_and_text_not_colour_alone() -> None:
    data = samples.resources(samples.EN)
    root = parse(resource_heatmap_chart(data, meta("load")))
    over = root.findall(".//s:g[@class='cell over']", NS)
    expected = sum(1 for r in data.rows for v in r.loads if v is not None and v > 1)
    assert len(over) == expected == 3
    for cell in over:
        assert cell.find("s:rect", NS).get("fill") == "url(#load-over)"  # type: ignore[union-attr]
        assert (cell.find("s:text", NS).text or "").startswith("\u25b2")  # type: ignore[union-attr]
    normal = root.findall(".//s:g[@class='cell']", NS)
    assert all("url(" not in (c.find("s:rect", NS).get("fill") or "") for c in normal)  # type: ignore[union-attr]
    lena = root.find(".//s:g[@data-person='Lena Hoffmann']", NS)
    assert lena is not None and "\u25b2135%" in texts(lena)
    assert root.find(".//s:pattern[@id='load-over']", NS) is not None


def test_resource_heatmap_rejects_rows_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="2 loads for 1 weeks"):
        resource_heatmap_chart(
            ResourceHeatMap((date(2026, 1, 5),), (ResourceRow("A", (0.5, 0.5)),)), meta()
        )


# ---------------------------------------------------------------- bars


def _bar_width(root: ET.Element, cls: str) -> float:
    group = root.find(f"s:g[@class='bar {cls}']", NS)
    assert group is not None
    return num(group.findall("s:rect", NS)[1].get("width"))


def test_budget_bars_are_proportional_and_an_overrun_shows_the_budget_end() -> None:
    root = parse(budget_burn_chart(BudgetBurn(60, 30), meta(width=420)))
    assert _bar_width(root, "budget") == pytest.approx(2 * _bar_width(root, "time"), abs=0.02)
    assert {"60%", "30%", "Budget used", "Time elapsed"} <= set(texts(root))
    over = parse(budget_burn_chart(BudgetBurn(125, 90, status=Status.OFF_TRACK), meta()))
    budget = over.find("s:g[@class='bar budget']", NS)
    assert budget is not None and budget.find("s:line", NS) is not None
    assert budget.findall("s:rect", NS)[1].get("fill") == "#c0392b"
    assert "125%" in texts(over)


def test_survey_bars_are_proportional_with_group_names() -> None:
    data = samples.nps(samples.EN)
    root = parse(survey_distribution_chart(data, meta(width=420)))
    bars = root.findall("s:g[@class='bar']", NS)
    widths = {b.get("data-count"): num(b.find("s:rect", NS).get("width")) for b in bars}  # type: ignore[union-attr]
    assert widths["6"] == pytest.approx(2 * widths["3"], abs=0.02)
    assert widths["8"] > widths["6"] > widths["5"]
    assert widths["0"] == 0
    assert {"Promoters", "Passives", "Detractors", "8 (30%)"} <= set(texts(root))
    empty = parse(survey_distribution_chart(SurveyDistribution((), empty_label="None"), meta()))
    assert texts(empty) == ["None"]


def test_brand_colours_are_used_for_the_main_series() -> None:
    theme = brand_theme("#7b2cbf", "#ff006e")
    svg = burnup_chart(samples.burnup(samples.EN), meta(), theme)
    done = _series(parse(svg), "Done").find("s:polyline", NS)
    assert done is not None and done.get("stroke") == "#7b2cbf"
    assert 'stroke="#ff006e"' in svg  # today line in the accent colour


# ---------------------------------------------------------------- WeasyPrint


@pytest.fixture
def weasy_warnings() -> list[logging.LogRecord]:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Keep(level=logging.WARNING)
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_renders_in_weasyprint_without_warnings(
    lang: str, weasy_warnings: list[logging.LogRecord]
) -> None:
    from pypdf import PdfReader
    from weasyprint import HTML

    html_lang = "zh-CN" if lang == "zh" else "en"
    parts = []
    for name, svg in ALL[lang]:
        data = base64.b64encode(svg.encode()).decode()
        parts.append(f"<h2>{name}</h2>{svg}")
        parts.append(f'<img alt="{name}" src="data:image/svg+xml;base64,{data}">')
    html = (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8"><title>t</title>'
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif} svg,img{max-width:100%}</style>"
        f"</head><body>{''.join(parts)}</body></html>"
    )
    pdf = HTML(string=html).write_pdf()
    assert [r.getMessage() for r in weasy_warnings if r.levelno >= logging.WARNING] == []
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    if lang == "zh":
        assert "需求调研完成" in text and "超负荷" in text
    else:
        assert "Discovery complete" in text and "Over-allocated" in text


def test_chinese_charts_in_weasyprint_embed_simplified_chinese_glyphs(tmp_path: Path) -> None:
    """The font list reaches WeasyPrint's SVG text: Noto Sans CJK SC, not the JP fallback."""
    import subprocess

    from weasyprint import HTML

    svgs = "".join(svg for _, svg in ALL["zh"])
    html = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title>'
        f"<style>body{{font-family:serif}}</style></head><body>{svgs}</body></html>"
    )
    path = tmp_path / "charts.pdf"
    HTML(string=html).write_pdf(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert any("Noto-Sans-CJK-SC" in n for n in names), fonts
    assert not any("CJK-JP" in n for n in names), fonts
