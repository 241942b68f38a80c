"""The answer distributions of a survey wave as charts, for the retrospective page and the
closing report: NPS answers 10 down to 0, CSAT answers 5 down to 1, labels localized."""

from __future__ import annotations

from collections.abc import Sequence

from generator import i18n
from generator.analyze.surveys import SMALL_SAMPLE
from generator.present import charts, wording
from generator.render.report_survey import Wave

REPORT_WIDTH = 640


def _distribution(
    locale: str,
    chart_id: str,
    title: str,
    bars: Sequence[charts.SurveyBar],
    labels: tuple[str, str, str],
    theme: charts.Theme,
    width: int,
) -> str:
    g = wording.gettext
    n = sum(b.count for b in bars)
    data = charts.SurveyDistribution(
        bars=tuple(bars),
        negative_label=labels[0],
        neutral_label=labels[1],
        positive_label=labels[2],
        empty_label=g(locale, "No answers yet"),
        format_count=lambda count, share: f"{count} ({i18n.format_pct(share, locale)})",
    )
    desc = g(locale, "Number of answers per scale point (n = %(n)d).") % {"n": n}
    if n < SMALL_SAMPLE:
        desc += " " + g(locale, "Fewer than 10 answers: read the counts, not the shape.")
    meta = charts.ChartMeta(id=chart_id, title=title, desc=desc, lang=locale, width=width)
    return charts.survey_distribution_chart(data, meta, theme)


def nps_distribution(
    wave: Wave, locale: str, prefix: str, theme: charts.Theme, width: int = REPORT_WIDTH
) -> str | None:
    """Answers 10 down to 0, bracketed as promoters, passives and detractors."""
    if not wave.nps_counts:
        return None
    sentiment = charts.Sentiment
    bars = [
        charts.SurveyBar(
            str(point),
            wave.nps_counts[point],
            sentiment.POSITIVE
            if point >= 9
            else sentiment.NEUTRAL
            if point >= 7
            else sentiment.NEGATIVE,
        )
        for point in range(10, -1, -1)
    ]
    g = wording.gettext
    labels = (g(locale, "Detractors"), g(locale, "Passives"), g(locale, "Promoters"))
    title = g(locale, "Likelihood to recommend (0–10)")
    return _distribution(locale, f"{prefix}-nps", title, bars, labels, theme, width)


def csat_distribution(
    wave: Wave, locale: str, prefix: str, theme: charts.Theme, width: int = REPORT_WIDTH
) -> str | None:
    """Answers 5 down to 1, bracketed as satisfied, neutral and dissatisfied."""
    if not wave.csat_counts:
        return None
    sentiment = charts.Sentiment
    bars = [
        charts.SurveyBar(
            str(point),
            wave.csat_counts[point - 1],
            sentiment.POSITIVE
            if point >= 4
            else sentiment.NEUTRAL
            if point == 3
            else sentiment.NEGATIVE,
        )
        for point in range(5, 0, -1)
    ]
    g = wording.gettext
    labels = (g(locale, "Dissatisfied"), g(locale, "Neutral"), g(locale, "Satisfied"))
    title = g(locale, "Overall satisfaction (1–5)")
    return _distribution(locale, f"{prefix}-csat", title, bars, labels, theme, width)
