"""Money in pages and reports: whole amounts without cents, cents kept when there are some."""

from __future__ import annotations

import pytest

from generator import i18n


@pytest.mark.parametrize(
    ("value", "currency", "locale", "expected"),
    [
        (186000, "EUR", "en", "€186,000"),
        (186000.0, "EUR", "en", "€186,000"),
        (-5000, "EUR", "en", "-€5,000"),
        (0, "EUR", "en", "€0"),
        (1234.5, "EUR", "en", "€1,234.50"),
        (880000, "CNY", "zh-CN", "¥880,000"),
        (880000, "EUR", "zh-CN", "€880,000"),
        (99.99, "CNY", "zh-CN", "¥99.99"),
        (880000, "CNY", "en", "CN¥880,000"),
    ],
)
def test_whole_amounts_print_without_decimals(
    value: float, currency: str, locale: str, expected: str
) -> None:
    assert i18n.format_money(value, currency, locale) == expected


def test_no_amount_is_a_dash() -> None:
    assert i18n.format_money(None, "EUR", "en") == "—"
