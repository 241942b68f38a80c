"""The typefaces of a report and its charts, by the reader's language.

Latin text is set in a real Latin text face (Inter, Debian's fonts-inter, installed by
scripts/setup.sh): set in a CJK face, English gets full-width quotes and centred
ellipses. Chinese is set in Noto Sans CJK SC first, so Chinese punctuation and the digits
between Chinese words share one face and Simplified shapes are used. Each list keeps the
other script's face as a fallback and DejaVu Sans for symbols neither has.

Both lists are unquoted (multi-word family names are valid CSS identifiers, and the
report's CSS is autoescaped); SVG charts get theirs without spaces after the commas
(WeasyPrint's SVG renderer splits on "," and strips quotes but not spaces).
"""

from __future__ import annotations

import re

LATIN = ("Inter", "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "DejaVu Sans")
CJK = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Inter")


def faces(locale: str) -> tuple[str, ...]:
    return CJK if locale.startswith("zh") else LATIN


def css_stack(locale: str) -> str:
    """For a CSS font-family: 'Inter, Noto Sans, Noto Sans CJK SC, …, sans-serif'."""
    return ", ".join(faces(locale)) + ", sans-serif"


def svg_stack(locale: str) -> str:
    """For an SVG font-family attribute: unquoted, no spaces after the commas."""
    return ",".join(faces(locale)) + ",sans-serif"


# A CJK character or full-width punctuation mark (CJK symbols, ideographs, full-width forms).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_GAP = re.compile(f"(?<=[{_CJK}])[ \t\r\n]+(?=[{_CJK}])")


def close_cjk_gaps(text: str) -> str:
    """Remove the white space between two CJK characters: YAML folding and Markdown line
    breaks turn a line end inside Chinese text into a space, which Chinese never has.
    Spaces between Chinese and Latin letters or digits stay."""
    return _GAP.sub("", text)
