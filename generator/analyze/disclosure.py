"""What in a client-visible text may disclose an internal fact: money, internal words, paths.

milepost cannot know what a PM meant a client to read, but it can point at what often
should not be there: an amount of money ("€38,000", "38,000 EUR", "¥12万", "12000元"),
words such as cost, margin, unbilled, 成本, 毛利, 未计费, 内部, a file path, or a staff rate.
`validate` and `build` list each one as a warning at its line (load/client_text.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from generator.i18n import tr

CURRENCY_CODES = (
    "EUR", "USD", "GBP", "CHF", "CNY", "RMB", "JPY", "HKD", "TWD", "SGD", "AUD", "CAD",
    "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "INR", "KRW",
)  # fmt: skip
_NUMBER = r"\d(?:[\d,.'\u202f\u00a0]*\d)?"
_SCALE = r"(?:\s?(?:k|K|m|M|mn|Mio\.?|thousand|million|千|万|萬|亿|億))?"
_SYMBOL = r"[€$£¥￥₩₹]"


def _money_pattern(codes: Iterable[str]) -> re.Pattern[str]:
    code = "|".join(sorted({c.upper() for c in codes}, key=len, reverse=True))
    return re.compile(
        rf"(?:{_SYMBOL}|\b(?:{code})\s?)[+\-−]?\s?{_NUMBER}{_SCALE}"  # €38,000  EUR 38k
        rf"|[+\-−]?{_NUMBER}{_SCALE}\s?(?:{_SYMBOL}|(?:{code})\b"  # 38,000 EUR  38k€
        r"|euros?\b|dollars?\b|pounds?\b|yuan\b|元|块钱|人民币|欧元|美元)"  # 12000元 69.4 万元
    )


# "costs us a week" is time, "internal beta" and 内部测试 are a product's test phase.
_WORDS = re.compile(
    r"\b(?:costs?(?!\s+(?:us|them|me|you|him|her)\b)|costing|margins?|unbilled"
    r"|non-billable|write-?offs?|profit(?:s|ability)?|mark-?up|overruns?"
    r"|internal(?:ly)?(?!\s+(?:beta|alpha|test(?:s|ing|ers)?|release|pilot|preview|build"
    r"|launch|rollout)\b)"
    r"|(?:hourly|daily|day|billing|cost|staff)\s+rates?|rate\s+card|cost_rate)\b"
    r"|成本|毛利|利润|未计费|内部(?!测试|试用|公测|发布)|费率|工时费|人天单价|时薪|超支",
    re.IGNORECASE,
)
# A path with a folder and a file name (surveys/export.csv, content/projects/x/notes/a.md),
# an absolute path (/home/lena/…, ~/…) or a Windows path; web addresses are not paths.
_PATH = re.compile(
    r"(?<![\w:/.@-])(?:~|\.{1,2})?/?(?:[\w.-]+/)+[\w-]+\.[A-Za-z0-9]{1,5}\b"
    r"|(?<![\w:/.])(?:~|)/(?:[\w.-]+/)+[\w.-]+"
    r"|\b[A-Za-z]:\\[\w\\. -]+"
)
_HOURLY = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:€|EUR|元|¥)?\s?(?:/|per\s+|an\s+|每)\s?(?:h|hr|hour|小时|时)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?|ftp|mailto):\S+|\bwww\.\S+", re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # a Markdown link's target is checked as a link


class Kind(StrEnum):
    money = "money"
    word = "word"
    path = "path"
    rate = "rate"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    found: str  # the words as written

    def message(self, field: str) -> str:
        messages = {
            Kind.money: tr(
                "{field} is shown to the client and names an amount of money: '{found}'",
                field=field,
                found=self.found,
            ),
            Kind.word: tr(
                "{field} is shown to the client and says '{found}'",
                field=field,
                found=self.found,
            ),
            Kind.path: tr(
                "{field} is shown to the client and names a file path: '{found}'",
                field=field,
                found=self.found,
            ),
            Kind.rate: tr(
                "{field} is shown to the client and names a staff rate: '{found}'",
                field=field,
                found=self.found,
            ),
        }
        return messages[self.kind]

    def hint(self) -> str:
        hints = {
            Kind.money: tr(
                "prices, budgets and costs are internal; to show a change request's price, "
                "set cost_visibility: client on it. If the client may read this, add the "
                "comment 'milepost: client-ok' to the line"
            ),
            Kind.word: tr(
                "is this for the client? Put internal matters in an internal update or note; "
                "if it is, add the comment 'milepost: client-ok' to the line"
            ),
            Kind.path: tr(
                "a path in your repository means nothing to the client and tells how you "
                "work; link to a web address or describe the document"
            ),
            Kind.rate: tr("staff rates are internal: leave them to people.yaml"),
        }
        return hints[self.kind]


def disclosures(text: str, currencies: Iterable[str] = ()) -> list[Finding]:
    """What in `text` may disclose an internal fact, in order of appearance, each once."""
    return [finding for _, finding in disclosures_at(text, currencies)]


def disclosures_at(
    text: str, currencies: Iterable[str] = (), shared_prices: Iterable[float] = ()
) -> list[tuple[int, Finding]]:
    """(offset, finding) for what in `text` may disclose an internal fact, each once.

    `shared_prices`: amounts the client may read (the price of a change request with
    `cost_visibility: client`); an amount equal to one of them is no finding.
    """
    plain = _LINK_TARGET.sub(lambda m: " " * len(m.group()), text)
    plain = _URL.sub(lambda m: " " * len(m.group()), plain)  # offsets stay those of `text`
    money = _money_pattern((*CURRENCY_CODES, *currencies))
    prices = tuple(shared_prices)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Finding]] = []
    # a staff rate is also an amount, and "Cost" in "Cost: €38,000" is a word: one finding
    # per stretch of text, the most specific first
    for kind, pattern in (
        (Kind.rate, _HOURLY),
        (Kind.money, money),
        (Kind.path, _PATH),
        (Kind.word, _WORDS),
    ):
        for match in pattern.finditer(plain):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if kind == Kind.money and _is_shared(match.group(), prices):
                continue
            found.append((start, Finding(kind, match.group().strip())))
    result: list[tuple[int, Finding]] = []
    said: set[tuple[Kind, str]] = set()
    for offset, finding in sorted(found, key=lambda pair: pair[0]):
        key = (finding.kind, finding.found.lower())
        if key not in said:
            said.add(key)
            result.append((offset, finding))
    return result


_AMOUNT = re.compile(r"\d(?:[\d,.'\u202f\u00a0 ]*\d)?")
_GROUPED = re.compile(r"^\d{1,3}(?:[,.'\u202f\u00a0 ]\d{3})+$")
_SCALES = (
    ("million", 1e6), ("mio", 1e6), ("mn", 1e6), ("thousand", 1e3), ("亿", 1e8),
    ("億", 1e8), ("万", 1e4), ("萬", 1e4), ("千", 1e3), ("k", 1e3), ("m", 1e6),
)  # fmt: skip


def amount(found: str) -> float | None:
    """The number an amount of money names: '€38,000' 38000, '¥12万' 120000, '5k USD' 5000."""
    match = _AMOUNT.search(found)
    if not match:
        return None
    digits = match.group()
    if _GROUPED.match(digits):
        value = float(re.sub(r"\D", "", digits))
    else:
        decimal = re.match(r"^(\d+)[.,](\d{1,2})$", digits.replace(" ", ""))
        try:
            value = (
                float(f"{decimal.group(1)}.{decimal.group(2)}")
                if decimal
                else float(re.sub(r"\D", "", digits))
            )
        except ValueError:
            return None
    rest = found[match.end() :].strip().lower()
    for word, factor in _SCALES:
        if rest.startswith(word):
            return value * factor
    return value


def _is_shared(found: str, prices: tuple[float, ...]) -> bool:
    value = amount(found)
    return value is not None and any(abs(value - abs(p)) < 0.5 for p in prices)
