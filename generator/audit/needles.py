"""Needles: the strings a client tree must not hold, and how they are found in a file.

A literal needle (a name, a sentence of an internal note) is matched after NFKC, case folding
and whitespace collapsing, at word boundaries; money is matched as numbers: every amount a
text spells (12000, 12,000, 12.000, 12 000, 12'000.00) and every rate next to a currency or
"/h". A `NeedleSet` finds all of one client's needles in a file in one pass (Aho-Corasick
over the literals, then a boundary check of each candidate).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import ahocorasick_rs

CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A number as people write money: 12000, 12,000, 12.000, 12 000, 12'000, 12,000.00.
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[,.' ]\d+)*")
MONEY = r"(?:€|\$|£|¥|元|(?<![a-z])(?:eur|usd|cny|gbp|chf|rmb)(?![a-z]))"
PER_HOUR = r"(?:/\s?h(?:r|our)?\b|per hour|an hour|每小时|/小时)"
_RATE_NUMBER = r"(\d+(?:[.,]\d{1,2})?)(?!\d|[.,]\d)"
RATE = re.compile(rf"{MONEY}\s?{_RATE_NUMBER}|(?<![\d.,]){_RATE_NUMBER}\s?(?:{MONEY}|{PER_HOUR})")


@dataclass(frozen=True)
class Needle:
    text: str  # as written in the workspace
    why: str
    source: str  # the regular expression over normal text, compiled when a probe matched
    probe: str  # a substring every match contains: what the automaton looks for

    def found_in(self, folded: str) -> bool:
        return self.probe in folded and _compiled(self.source).search(folded) is not None


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def normal(text: str) -> str:
    """Text as compared: NFKC, whitespace collapsed, case folded."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def long_enough(text: str) -> bool:
    """Short strings match by chance; Chinese names are short and still specific."""
    return len(text) >= (2 if CJK.search(text) else 4)


def literal(text: str, why: str) -> Needle:
    folded = normal(text)
    escaped = re.escape(folded).replace(r"\ ", r"\s+")
    if folded[:1].isalnum() and not CJK.match(folded[:1]):
        escaped = r"(?<![\w@.])" + escaped
    if folded[-1:].isalnum() and not CJK.match(folded[-1:]):
        escaped += r"(?![\w@])"
    return Needle(text, why, escaped, folded)


def amounts_in(text: str) -> set[int]:
    """Whole amounts of 1,000 and more written in text, in the usual spellings."""
    found: set[int] = set()
    for match in NUMBER.finditer(text):
        parts = re.split(r"([,.' ])", match.group())
        groups, seps = parts[0::2], parts[1::2]
        if len(groups) > 1 and len(groups[-1]) == 2 and seps[-1] in ",.":
            if groups[-1] != "00":
                continue  # 12,000.50 is not 12,000
            groups, seps = groups[:-1], seps[:-1]
        # every run of groups that a reader could take for one number
        for i in range(len(groups)):
            if i and seps[i - 1] != " ":
                continue
            for j in range(i, len(groups)):
                if j > i and len(groups[j]) != 3:
                    break
                if j + 1 < len(groups) and seps[j] != " ":
                    continue
                value = int("".join(groups[i : j + 1]))
                if value >= 1000:
                    found.add(value)
    return found


def rates_in(text: str) -> set[float]:
    """Numbers written as money per hour or next to a currency: €95, 95 EUR, 95/h."""
    found = set()
    for match in RATE.finditer(text):
        number = (match.group(1) or match.group(2)).replace(",", ".")
        found.add(float(number))
    return found


class NeedleSet:
    """The needles of one client tree, searched all at once."""

    def __init__(
        self, literals: list[Needle], amounts: dict[int, Needle], rates: dict[float, Needle]
    ) -> None:
        self.literals = literals
        self.amounts = amounts
        self.rates = rates
        self._automaton = ahocorasick_rs.AhoCorasick([n.probe for n in literals])
        self._raw: dict[int, tuple[ahocorasick_rs.AhoCorasick, list[Needle]]] = {}
        key = repr(
            [
                [(n.why, n.source) for n in literals],
                sorted((k, n.why) for k, n in amounts.items()),
                sorted((k, n.why) for k, n in rates.items()),
            ]
        )
        self.digest = hashlib.sha256(key.encode("utf-8")).hexdigest()

    def __len__(self) -> int:
        return len(self.literals) + len(self.amounts) + len(self.rates)

    def search(self, text: str) -> list[Needle]:
        """The needles in a readable text (compared after `normal`)."""
        folded = normal(text)
        hits = {i for i, _, _ in self._automaton.find_matches_as_indexes(folded, overlapping=True)}
        found = [self.literals[i] for i in sorted(hits) if self.literals[i].found_in(folded)]
        found += [self.amounts[v] for v in sorted(amounts_in(folded) & self.amounts.keys())]
        found += [self.rates[v] for v in sorted(rates_in(folded) & self.rates.keys())]
        return found

    def search_raw(self, text: str, units: int) -> list[Needle]:
        """Needles written exactly as in the workspace inside bytes that are not text (`text`
        holds them decoded; `units` is the code unit size). Only needles of six bytes and more:
        shorter ones turn up in binary data by chance."""
        if units not in self._raw:
            long = [n for n in self.literals if _size(n.text, units) >= 6]
            self._raw[units] = (ahocorasick_rs.AhoCorasick([n.text for n in long]), long)
        automaton, needles = self._raw[units]
        hits = {i for i, _, _ in automaton.find_matches_as_indexes(text, overlapping=True)}
        return [needles[i] for i in sorted(hits)]


def _size(text: str, units: int) -> int:
    """Bytes of text in UTF-8 (units 1) or UTF-16 (units 2)."""
    return len(text.encode("utf-8" if units == 1 else "utf-16-le"))
