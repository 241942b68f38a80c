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
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from babel import Locale, localedata
from babel import core as babel_core
from babel.dates import format_date as _babel_date
from babel.dates import format_interval, format_skeleton
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


# -- which locales a workspace may name ------------------------------------------------
#
# The text of every output comes from one of two catalogs, English or Chinese. Dates and
# numbers follow the full locale: "en-DE" is English text with the dates and numbers of
# Germany ("15 Jan 2027", "1.234,5", "186.000 €"), "en-GB" English with British dates.
# A locale of another language ("de-DE") is refused: milepost has no German text.

_REGION_TAG = re.compile(r"^en[-_]([A-Za-z]{2}|[0-9]{3})$")


def language(locale: str) -> str:
    """The language of the text for a locale: 'zh-CN' or 'en' (also for 'en-DE')."""
    return "zh-CN" if locale == "zh-CN" else "en"


def check_locale(value: str) -> tuple[str, str, str]:
    """(the locale as written canonically, "", "") when milepost can use it, else
    ("", problem, hint) in the message language."""
    text = value.strip()
    if text in SUPPORTED:
        return text, "", ""
    match = _REGION_TAG.match(text)
    if match:
        region = match[1].upper()
        if localedata.exists(f"en_{region}"):
            return f"en-{region}", "", ""
        return (
            "",
            tr("'{value}' is not a region Babel knows dates for", value=value),
            tr("use en, en-US, en-GB, en-DE ... (a two-letter country code) or zh-CN"),
        )
    try:
        parsed = Locale.parse(text.replace("-", "_"))
    except (ValueError, TypeError, babel_core.UnknownLocaleError):
        return (
            "",
            tr("'{value}' is not a locale", value=value),
            tr(
                "use en (English), zh-CN (Chinese) or en-DE (English with the dates and numbers "
                "of Germany)"
            ),
        )
    if parsed.language == "zh":
        return (
            "",
            tr("'{value}': the Chinese text is Simplified Chinese", value=value),
            tr("use zh-CN"),
        )
    region = parsed.territory or _likely_region(parsed.language)
    problem = tr(
        "'{value}': milepost writes its text in English (en) or Chinese (zh-CN) only",
        value=value,
    )
    if region and localedata.exists(f"en_{region}"):
        country = babel_locale(message_language()).territories.get(region, region)
        return (
            "",
            problem,
            tr(
                "use en-{region} for English text with the dates and numbers of {country}",
                region=region,
                country=country,
            ),
        )
    return "", problem, tr("use en or zh-CN")


def _likely_region(language_code: str) -> str | None:
    likely = str(babel_core.get_global("likely_subtags").get(language_code, ""))
    parts = likely.split("_")
    return parts[-1] if len(parts) > 1 and parts[-1].isupper() else None


@functools.lru_cache(maxsize=8)
def translations(locale: str) -> Translations:
    """Compiled catalog for a locale's language ('en' needs none: the source strings are
    English; 'en-DE' reads the English text)."""
    return compile_catalogs(shared_catalogs(locale), language(locale))


def shared_catalogs(locale: str) -> list[Path]:
    """The .po files of the shared catalog: every part of the product but the e-mail's."""
    folder = LOCALE_DIR / language(locale).replace("-", "_") / "LC_MESSAGES"
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


# -- dates and numbers: the one place they are formatted ----------------------------------
#
# A date never breaks across lines ("Jan 15, / 2027", "2026年12月4 / 日"): the formatters
# below return it with no-break spaces for its spaces and a WORD JOINER (U+2060) wherever
# a line could otherwise break inside it (between Chinese characters and digits). Browsers
# and WeasyPrint honour both, text extraction (pdftotext, pypdf) does not see the joiner,
# and the text works in any output, unlike a <span> that autoescaping would print.
# Plain-text files a person edits or greps (a draft update, the terminal) take
# `plain_text` of what they print.

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
_CJK_CHAR = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_BREAKABLE = re.compile(
    f"(?<=[{_CJK_CHAR}])(?=[^\\s{WORD_JOINER}])|(?<=[^\\s{WORD_JOINER}])(?=[{_CJK_CHAR}])"
)


def unbreakable(text: str) -> str:
    """The text with no line-break opportunity inside: "Jan\u00a015,\u00a02027"."""
    return _BREAKABLE.sub(WORD_JOINER, text.replace(" ", NBSP))


def plain_text(text: str) -> str:
    """Undo `unbreakable` for plain-text output: joiners dropped, ordinary spaces."""
    return text.replace(WORD_JOINER, "").replace(NBSP, " ")


def format_date(day: dt.date | None, locale: str, style: str = "medium") -> str:
    """A date in the locale's style (a Babel style name or a pattern), never broken."""
    if day is None:
        return "—"
    return unbreakable(_babel_date(day, format=style, locale=babel_locale(locale)))


def format_month(day: dt.date, locale: str, skeleton: str = "yMMMM") -> str:
    """The month of a day: "November 2026" / "2026年11月" ("yMMM": "Nov 2026"), never broken."""
    return unbreakable(format_skeleton(skeleton, day, locale=babel_locale(locale)))


def format_day_month(day: dt.date, locale: str) -> str:
    """A day without its year: "Jan 15" / "15 Jan" (en-GB, en-DE) / "1月15日", never broken."""
    return unbreakable(format_skeleton("MMMd", day, locale=babel_locale(locale)))


def format_span(start: dt.date, end: dt.date, locale: str) -> str:
    """A date range: "Nov 23 – 29, 2026" / "2026年11月23日至29日"; a line may break only
    at the thin spaces around the dash."""
    return unbreakable(format_interval(start, end, "yMMMd", locale=babel_locale(locale)))


def format_number(
    value: float | int | None, locale: str, digits: int = 0, *, exact: bool = True
) -> str:
    """A grouped number with `digits` decimals; with exact=False only the decimals it has
    ("1,234.5", never "1,234.50")."""
    if value is None:
        return "—"
    decimals = ("0" if exact else "#") * digits
    pattern = "#,##0" + ("." + decimals if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(locale))


def format_money(value: float | Decimal | None, currency: str, locale: str) -> str:
    """The locale's currency format in whole units, the one rule for money in pages,
    reports and e-mails: an amount is rounded half up and printed without cents
    (€186,000, €128,940 for 128,940.41, ¥5,000)."""
    if value is None:
        return "—"
    babel = babel_locale(locale)
    whole = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole == 0:
        whole = Decimal(0)  # never "-€0"
    pattern = babel.currency_formats["standard"].pattern
    pattern = _DECIMALS.sub("", pattern)  # "¤#,##0.00" -> "¤#,##0", per sub-pattern
    return _babel_currency(whole, currency, format=pattern, locale=babel, currency_digits=False)


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
