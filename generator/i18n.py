"""Languages: gettext catalogs (en, zh_CN) and Babel formats for dates, numbers and money.

Catalogs live as .po files in generator/locale/<lang>/LC_MESSAGES/ (one file per part of
the product: site.po, reports.po, email.po, cli.po ...); they are merged and compiled in
memory on first use, so a checkout and an installed wheel behave the same without a
separate compile step. The portals, the PDFs and the command line share one merged catalog,
so a message reads the same in every output: a msgid has one translation across the files
(tests/test_i18n.py checks it; the client's wording, never the engine's). The e-mail catalog
is compiled alone by publish.email.texts (a mail's short labels, such as "Status:", read
differently) and stays out of the shared one.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency as _babel_currency
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "milepost"
SUPPORTED = ("en", "zh-CN")
OWN_CATALOGS = frozenset({"email"})  # compiled alone by the output they belong to


@functools.lru_cache(maxsize=16)  # Locale.parse normalises the tag on every call
def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


@functools.lru_cache(maxsize=8)
def translations(locale: str) -> Translations:
    """Compiled catalog for a locale ('en' needs none: the source strings are English)."""
    return compile_catalogs(shared_catalogs(locale), locale)


def shared_catalogs(locale: str) -> list[Path]:
    """The .po files of the shared catalog: every part of the product but the e-mail's."""
    folder = LOCALE_DIR / locale.replace("-", "_") / "LC_MESSAGES"
    if not folder.is_dir():
        return []
    return [po for po in sorted(folder.glob("*.po")) if po.stem not in OWN_CATALOGS]


def compile_catalogs(files: list[Path], locale: str) -> Translations:
    """One in-memory catalog from .po files; a later file's translation wins (Babel's
    Catalog keeps the first one on assignment, so the older message is deleted first)."""
    if not files:
        return Translations()
    catalog = None
    for po in files:
        with po.open("rb") as handle:
            part = read_po(handle, locale=locale.replace("-", "_"))
        if catalog is None:
            catalog = part
            continue
        for message in part:
            if message.id and message.string:
                catalog.delete(message.id, message.context)
                catalog[message.id] = message
    assert catalog is not None
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def gettext(locale: str, message: str) -> str:
    return translations(locale).gettext(message)


def ngettext(locale: str, singular: str, plural: str, n: int) -> str:
    return translations(locale).ngettext(singular, plural, n)


def format_date(day: dt.date | None, locale: str, style: str = "medium") -> str:
    if day is None:
        return "—"
    return _babel_date(day, format=style, locale=babel_locale(locale))


def format_number(value: float | int | None, locale: str, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(locale))


def format_money(value: float | Decimal | None, currency: str, locale: str) -> str:
    """The locale's currency format; a whole amount without its cents (€186,000, ¥5,000)."""
    if value is None:
        return "—"
    babel = babel_locale(locale)
    if value != int(value):
        return _babel_currency(value, currency, locale=babel, format_type="standard")
    pattern = babel.currency_formats["standard"].pattern
    whole = _DECIMALS.sub("", pattern)  # "¤#,##0.00" -> "¤#,##0", per sub-pattern
    return _babel_currency(value, currency, format=whole, locale=babel, currency_digits=False)


_DECIMALS = re.compile(r"\.[0#]+")


def format_pct(value: float | None, locale: str, digits: int = 0) -> str:
    """value is a fraction (0.42 -> 42 %)."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(value, format=pattern, locale=babel_locale(locale))


# The language of command-line messages (errors, summaries): English unless --lang or the
# workspace's locale says otherwise. A context variable, so library code needs no argument.
_MESSAGE_LANGUAGE: ContextVar[str] = ContextVar("milepost_message_language", default="en")


def set_message_language(locale: str) -> None:
    _MESSAGE_LANGUAGE.set(locale if locale in SUPPORTED else "en")


def message_language() -> str:
    """The language of command-line messages now ('en' or 'zh-CN')."""
    return _MESSAGE_LANGUAGE.get()


def tr(message: str, **params: object) -> str:
    """Translate a CLI message into the message language, then fill in its {params}."""
    text = gettext(_MESSAGE_LANGUAGE.get(), message)
    return text.format(**params) if params else text


def ngettext_message(singular: str, plural: str, n: int, **params: object) -> str:
    """The singular or plural form for n in the message language, with {n} and the {params}."""
    return ngettext(_MESSAGE_LANGUAGE.get(), singular, plural, n).format(n=n, **params)
