"""Static SVG charts shared by the web portals and the PDF reports.

Every function takes plain frozen dataclasses (numbers, dates, already-localized
strings), a ChartMeta (id prefix, accessible title and description, language, width)
and an optional Theme, and returns a standalone <svg> string. See docs/charts.md.
"""

from generator.present.charts.axes import LegendItem
from generator.present.charts.budget import BudgetBurn, budget_burn_chart
from generator.present.charts.burnup import Burnup, BurnupWeek, burnup_chart
from generator.present.charts.earned_value import EarnedValue, EarnedValueMonth, earned_value_chart
from generator.present.charts.goals import GoalSeries, GoalTrend, goal_sparkline, goal_trend_chart
from generator.present.charts.line import LineChart, Reference, Role, Series, line_chart
from generator.present.charts.resource_heatmap import (
    ResourceHeatMap,
    ResourceRow,
    resource_heatmap_chart,
)
from generator.present.charts.risk_exposure import RiskExposure, risk_exposure_chart
from generator.present.charts.risk_heatmap import Band, RiskCell, RiskHeatMap, risk_heatmap_chart
from generator.present.charts.survey import (
    Sentiment,
    SurveyBar,
    SurveyDistribution,
    survey_distribution_chart,
)
from generator.present.charts.svg import ChartMeta
from generator.present.charts.theme import DEFAULT_THEME, Status, Theme, brand_theme
from generator.present.charts.timeline import Timeline, TimelineMilestone, timeline_chart

__all__ = [
    "DEFAULT_THEME",
    "Band",
    "BudgetBurn",
    "Burnup",
    "BurnupWeek",
    "ChartMeta",
    "EarnedValue",
    "EarnedValueMonth",
    "GoalSeries",
    "GoalTrend",
    "LegendItem",
    "LineChart",
    "Reference",
    "ResourceHeatMap",
    "ResourceRow",
    "RiskCell",
    "RiskExposure",
    "RiskHeatMap",
    "Role",
    "Sentiment",
    "Series",
    "Status",
    "SurveyBar",
    "SurveyDistribution",
    "Theme",
    "Timeline",
    "TimelineMilestone",
    "brand_theme",
    "budget_burn_chart",
    "burnup_chart",
    "earned_value_chart",
    "goal_sparkline",
    "goal_trend_chart",
    "line_chart",
    "resource_heatmap_chart",
    "risk_exposure_chart",
    "risk_heatmap_chart",
    "survey_distribution_chart",
    "timeline_chart",
]
