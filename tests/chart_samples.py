"""Sample chart inputs in English and Chinese, shared by test_charts and the chart gallery."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

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
from generator.present.charts.axes import english_month

TODAY = date(2026, 11, 20)
START = date(2026, 9, 7)  # project spans the year end

EN = {
    "lang": "en",
    "milestones": (
        "Discovery complete",
        "Design sign-off",
        "Carrier API integration & <testing>",
        "User acceptance testing with the client's warehouse team",
        "Go-live",
    ),
    "planned": "Planned",
    "forecast": "Forecast",
    "actual": "Actual",
    "today": "Today",
    "scope": "Scope",
    "done": "Done",
    "plan": "Plan",
    "pv": "Planned value",
    "ev": "Earned value",
    "ac": "Actual cost",
    "baseline": "Baseline",
    "target": "Target",
    "measured": "Measured",
    "probability": "Probability",
    "impact": "Impact",
    "low": "Low",
    "medium": "Medium",
    "high": "High",
    "budget": "Budget used",
    "time": "Time elapsed",
    "exposure": "Open risk exposure",
    "load": "Load",
    "over": "Over-allocated",
    "people": ("Lena Hoffmann", "Tom Berger", "Aylin Demir", "Jonas Weber"),
    "detractors": "Detractors",
    "passives": "Passives",
    "promoters": "Promoters",
    "late": "+12 d",
    "early": "−3 d",
    "month": english_month,
    "year": lambda d: str(d.year),
    "money": lambda v: f"€{v / 1000:,.0f}k" if v else "€0",
    "hours": lambda v: f"{v:,.0f} h",
}

ZH = {
    **EN,
    "lang": "zh-CN",
    "milestones": (
        "需求调研完成",
        "设计评审通过",
        "承运商接口集成与测试",
        "客户仓储团队用户验收测试",
        "正式上线",
    ),
    "planned": "计划",
    "forecast": "预测",
    "actual": "实际",
    "today": "今天",
    "scope": "范围",
    "done": "已完成",
    "plan": "计划",
    "pv": "计划价值",
    "ev": "挣值",
    "ac": "实际成本",
    "baseline": "基线",
    "target": "目标",
    "measured": "实测",
    "probability": "发生概率",
    "impact": "影响程度",
    "low": "低",
    "medium": "中",
    "high": "高",
    "budget": "预算已用",
    "time": "时间已过",
    "exposure": "未关闭风险敞口",
    "load": "负荷",
    "over": "超负荷",
    "people": ("王芳", "李强", "张伟", "陈静"),
    "detractors": "贬损者",
    "passives": "被动者",
    "promoters": "推荐者",
    "late": "+12天",
    "early": "−3天",
    "month": lambda d: f"{d.month}月",
    "year": lambda d: f"{d.year}年",
    "money": lambda v: f"¥{v / 10000:,.0f}万" if v else "¥0",
    "hours": lambda v: f"{v:,.0f} 小时",
}


def meta(name: str, lang: str, width: int = 640) -> ChartMeta:
    return ChartMeta(
        id=f"{name}-{lang}", title=f"{name} chart", desc=f"{name} ({lang})", lang=lang, width=width
    )


def timeline(t: dict) -> Timeline:
    names = t["milestones"]
    return Timeline(
        milestones=(
            TimelineMilestone(
                names[0],
                date(2026, 9, 25),
                actual=date(2026, 9, 22),
                status=Status.DONE,
                note=t["early"],
            ),
            TimelineMilestone(
                names[1], date(2026, 10, 16), actual=date(2026, 10, 16), status=Status.DONE
            ),
            TimelineMilestone(
                names[2],
                date(2026, 11, 27),
                forecast=date(2026, 12, 9),
                status=Status.AT_RISK,
                note=t["late"],
            ),
            TimelineMilestone(names[3], date(2027, 1, 15), forecast=date(2027, 1, 15)),
            TimelineMilestone(
                names[4],
                date(2027, 2, 1),
                forecast=date(2027, 2, 26),
                status=Status.OFF_TRACK,
                note="+25d",
            ),
        ),
        today=TODAY,
        planned_label=t["planned"],
        forecast_label=t["forecast"],
        actual_label=t["actual"],
        today_label=t["today"],
        format_month=t["month"],
        format_year=t["year"],
    )


def burnup(t: dict) -> Burnup:
    weeks = []
    for i in range(22):
        day = START + timedelta(weeks=i)
        scope = 400.0 if i < 6 else 460.0
        done = min(scope, i * 19.0 + (i > 4) * 8) if day <= TODAY else None
        weeks.append(BurnupWeek(day, scope, planned=min(460.0, i * 22.0), done=done))
    return Burnup(
        tuple(weeks),
        t["scope"],
        t["plan"],
        t["done"],
        today=TODAY,
        today_label=t["today"],
        format_value=t["hours"],
        format_month=t["month"],
        format_year=t["year"],
    )


def goal(t: dict) -> GoalSeries:
    values = (62.0, 61.0, 64.0, 67.0, 66.0, 71.0, 73.0)
    return GoalSeries(
        measurements=tuple((START + timedelta(weeks=2 * i), v) for i, v in enumerate(values)),
        baseline=62.0,
        target=85.0,
        baseline_label=t["baseline"],
        target_label=t["target"],
        measured_label=t["measured"],
        deadline=date(2027, 2, 26),
    )


def risk_map(t: dict) -> RiskHeatMap:
    cells = (
        RiskCell(5, 4, 1, href="risks.html#r-7", title="R-7"),
        RiskCell(4, 4, 2, href="risks.html#high"),
        RiskCell(3, 4, 3, href="risks.html#medium"),
        RiskCell(2, 2, 4),
        RiskCell(1, 5, 1),
        RiskCell(3, 2, 2),
    )
    return RiskHeatMap(cells, t["probability"], t["impact"], t["low"], t["medium"], t["high"])


def budget(t: dict) -> BudgetBurn:
    return BudgetBurn(58.0, 47.0, t["budget"], t["time"], status=Status.AT_RISK)


def earned_value(t: dict) -> EarnedValue:
    months = []
    for i, pv in enumerate((20e3, 55e3, 95e3, 140e3, 180e3, 210e3)):
        month = date(2026 + (8 + i) // 12, (8 + i) % 12 + 1, 1)
        ev = pv * 0.88 if month <= TODAY else None
        ac = pv * 0.97 if month <= TODAY else None
        months.append(EarnedValueMonth(month, pv, ev, ac))
    return EarnedValue(
        tuple(months),
        t["pv"],
        t["ev"],
        t["ac"],
        format_money=t["money"],
        today=TODAY,
        today_label=t["today"],
        format_month=t["month"],
        format_year=t["year"],
    )


def exposure(t: dict) -> RiskExposure:
    values = (18.0, 24.0, 31.0, 29.0, 36.0, 33.0, 27.0, 22.0, 25.0, 21.0, 19.0)
    return RiskExposure(
        tuple((START + timedelta(weeks=i), v) for i, v in enumerate(values)),
        t["exposure"],
        format_month=t["month"],
        format_year=t["year"],
    )


def resources(t: dict) -> ResourceHeatMap:
    weeks = tuple(TODAY - timedelta(days=TODAY.weekday()) + timedelta(weeks=i) for i in range(10))
    loads = (
        (0.8, 0.9, 1.0, 1.2, 1.35, 0.9, 0.6, 0.5, None, None),
        (0.5, 0.5, 0.6, 0.7, 0.7, 0.8, 1.1, 1.0, 0.9, 0.4),
        (1.0, 1.0, 1.0, 0.9, 0.6, 0.3, 0.2, None, None, 0.3),
        (0.2, 0.3, 0.4, 0.4, 0.4, 0.5, 0.5, 0.6, 0.6, 0.6),
    )
    rows = tuple(ResourceRow(p, load) for p, load in zip(t["people"], loads, strict=True))
    return ResourceHeatMap(weeks, rows, t["load"], t["over"])


def nps(t: dict) -> SurveyDistribution:
    counts = (0, 0, 1, 0, 1, 2, 1, 3, 5, 8, 6)
    bars = tuple(
        SurveyBar(
            str(score),
            count,
            Sentiment.NEGATIVE
            if score <= 6
            else Sentiment.NEUTRAL
            if score <= 8
            else Sentiment.POSITIVE,
        )
        for score, count in reversed(list(enumerate(counts)))
    )
    return SurveyDistribution(bars, t["detractors"], t["passives"], t["promoters"])


def all_charts(t: dict) -> list[tuple[str, str]]:
    """(name, svg) of every chart, in the order a report page would show them."""
    lang = t["lang"]
    makers: list[tuple[str, Callable[[], str]]] = [
        ("timeline", lambda: timeline_chart(timeline(t), meta("timeline", lang))),
        ("burnup", lambda: burnup_chart(burnup(t), meta("burnup", lang))),
        ("sparkline", lambda: goal_sparkline(goal(t), meta("sparkline", lang, 120))),
        (
            "goal-trend",
            lambda: goal_trend_chart(
                GoalTrend(
                    goal(t),
                    today=TODAY,
                    today_label=t["today"],
                    format_month=t["month"],
                    format_year=t["year"],
                    format_value=lambda v: f"{v:.0f}%",
                ),
                meta("goal-trend", lang),
            ),
        ),
        ("risk-heatmap", lambda: risk_heatmap_chart(risk_map(t), meta("risk-heatmap", lang, 360))),
        ("budget", lambda: budget_burn_chart(budget(t), meta("budget", lang, 420))),
        ("earned-value", lambda: earned_value_chart(earned_value(t), meta("earned-value", lang))),
        ("risk-exposure", lambda: risk_exposure_chart(exposure(t), meta("risk-exposure", lang))),
        ("resources", lambda: resource_heatmap_chart(resources(t), meta("resources", lang))),
        ("survey", lambda: survey_distribution_chart(nps(t), meta("survey", lang, 420))),
    ]
    return [(name, make()) for name, make in makers]
