"""The one set of locale formatters for what charts print: months, years, numbers, shares,
compact money. The site and the PDF reports draw their charts with these, so an axis reads
the same in both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from babel.dates import format_skeleton
from babel.numbers import format_compact_currency

from generator import i18n
from generator.model.portfolio import Portfolio
from generator.present import charts, wording
from generator.present.charts import ChartMeta, Theme

WIDE = 1040  # px: the content column of a desktop page
NARROW = 340  # px: a phone in portrait (375 px less the page and card margins), drawn 1:1
REPORT = 640  # px: the text column of an A4 or Letter page


@dataclass(frozen=True)
class Formats:
    locale: str

    def month(self, day: dt.date) -> str:
        return format_skeleton("MMM", day, locale=i18n.babel_locale(self.locale))

    def year(self, day: dt.date) -> str:
        return format_skeleton("y", day, locale=i18n.babel_locale(self.locale))

    def percent(self, value: float) -> str:
        """A share given as 0..100."""
        return i18n.format_pct(value / 100, self.locale)

    def number(self, value: float) -> str:
        return wording.number(value, self.locale, 1)

    def money(self, currency: str) -> Callable[[float], str]:
        babel = i18n.babel_locale(self.locale)

        def fmt(value: float) -> str:
            text = format_compact_currency(value, currency, locale=babel, fraction_digits=0)
            return text.replace("\xa0", " ")

        return fmt


def theme_of(portfolio: Portfolio) -> Theme:
    branding = portfolio.site.branding
    return charts.brand_theme(branding.primary_color, branding.accent_color)


def both(
    chart: Callable[[Any, ChartMeta, Theme], str],
    data: Any,
    meta: ChartMeta,
    theme: Theme,
    width: int | None = None,
) -> tuple[str, str]:
    """The chart laid out for a desktop column and for a phone (the page shows one by CSS);
    with `width` (a report's column) one layout, given twice."""
    if width is not None:
        svg = chart(data, replace(meta, width=width), theme)
        return svg, svg
    wide = chart(data, replace(meta, width=WIDE), theme)
    narrow = chart(data, replace(meta, id=meta.id + "-s", width=NARROW), theme)
    return wide, narrow
