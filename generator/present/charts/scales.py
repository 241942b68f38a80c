"""Scales from data to pixels: numbers with "nice" ticks, dates with month ticks."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


def nice_step(span: float, target_ticks: int) -> float:
    raw = span / max(target_ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


@dataclass(frozen=True)
class LinearScale:
    lo: float
    hi: float
    px_lo: float
    px_hi: float

    @classmethod
    def nice(
        cls,
        values: Iterable[float],
        px_lo: float,
        px_hi: float,
        *,
        include_zero: bool = True,
        ticks: int = 4,
    ) -> LinearScale:
        data = list(values)
        lo = min(data, default=0.0)
        hi = max(data, default=1.0)
        if include_zero:
            lo, hi = min(lo, 0.0), max(hi, 0.0)
        if hi == lo:
            # All-equal values: give the line some air instead of dividing by zero.
            pad = abs(hi) * 0.5 or 1.0
            lo, hi = (lo if include_zero and lo == 0 else lo - pad), hi + pad
        step = nice_step(hi - lo, ticks)
        return cls(math.floor(lo / step) * step, math.ceil(hi / step) * step, px_lo, px_hi)

    def __call__(self, value: float) -> float:
        return self.px_lo + (value - self.lo) / (self.hi - self.lo) * (self.px_hi - self.px_lo)

    def ticks(self, target: int = 4) -> list[float]:
        step = nice_step(self.hi - self.lo, target)
        count = round((self.hi - self.lo) / step)
        return [self.lo + i * step for i in range(count + 1)]


@dataclass(frozen=True)
class DateScale:
    start: date
    end: date
    px_lo: float
    px_hi: float

    @classmethod
    def covering(cls, dates: Iterable[date], px_lo: float, px_hi: float) -> DateScale:
        """A scale from the first to the last date, padded to whole months around them."""
        data = sorted(dates)
        if not data:
            raise ValueError("a date scale needs at least one date")
        start = data[0].replace(day=1)
        end = _next_month(data[-1].replace(day=1))
        return cls(start, end, px_lo, px_hi)

    @classmethod
    def exact(cls, dates: Iterable[date], px_lo: float, px_hi: float) -> DateScale:
        data = sorted(dates)
        if not data:
            raise ValueError("a date scale needs at least one date")
        start, end = data[0], data[-1]
        if start == end:
            start, end = start - timedelta(days=3), end + timedelta(days=4)
        return cls(start, end, px_lo, px_hi)

    def __call__(self, day: date) -> float:
        span = (self.end - self.start).days
        return self.px_lo + (day - self.start).days / span * (self.px_hi - self.px_lo)

    def month_ticks(self, max_ticks: int) -> list[date]:
        """First days of months in range, thinned to every 2nd/3rd/6th/12th month to fit."""
        months: list[date] = []
        current = self.start.replace(day=1)
        if current < self.start:
            current = _next_month(current)
        while current <= self.end:
            months.append(current)
            current = _next_month(current)
        for every in (1, 2, 3, 6, 12):
            kept = [m for m in months if (m.month - 1) % every == 0]
            if len(kept) <= max_ticks:
                return kept
        return months[:: max(1, len(months) // max_ticks)]


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
