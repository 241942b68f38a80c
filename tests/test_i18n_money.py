"""Money in pages, reports and e-mails: whole units, an amount with cents rounded half up."""

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
        (1234.5, "EUR", "en", "€1,235"),
        (128940.41, "EUR", "en", "€128,940"),
        (128940.41, "EUR", "en-DE", "128.940\xa0€"),
        (-56560.89, "EUR", "en", "-€56,561"),
        (-0.4, "EUR", "en", "€0"),
        (880000, "CNY", "zh-CN", "¥880,000"),
        (880000, "EUR", "zh-CN", "€880,000"),
        (99.99, "CNY", "zh-CN", "¥100"),
        (880000, "CNY", "en", "CN¥880,000"),
    ],
)
def test_amounts_print_in_whole_units(
    value: float, currency: str, locale: str, expected: str
) -> None:
    assert i18n.format_money(value, currency, locale) == expected


def test_no_amount_is_a_dash() -> None:
    assert i18n.format_money(None, "EUR", "en") == "—"
