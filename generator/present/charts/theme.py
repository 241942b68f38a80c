"""Colours and type for charts: brand colours are parameters, status colours are fixed.

The status palette is chosen from the Okabe-Ito set (safe for the common colour-vision
deficiencies) and darkened for 3:1 contrast on white; charts never rely on it alone:
every status also has a shape or a text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Unquoted names, no space after the commas. WeasyPrint's SVG renderer (svg/text.py) splits
# the attribute on "," and strips quotes but not spaces, so "'Noto Sans', 'Noto Sans CJK SC'"
# became the unknown family " 'Noto Sans CJK SC" and Chinese fell back to fontconfig's
# default, Noto Sans CJK JP (Japanese glyph shapes). Unquoted multi-word names are valid CSS,
# so browsers read the same list. The CJK face comes before any generic family.
FONT_STACK = "Noto Sans,Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif"


class Status(StrEnum):
    """The status a mark can carry; the text that goes with it is the caller's label."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Theme:
    primary: str = "#1f3a5f"
    accent: str = "#d9822b"
    text: str = "#1f2933"
    muted: str = "#6b7280"
    grid: str = "#e5e7eb"
    axis: str = "#9ca3af"
    surface: str = "#ffffff"
    on_track: str = "#0b7a5c"
    at_risk: str = "#a15c00"
    off_track: str = "#c0392b"
    done: str = "#1f3a5f"
    neutral: str = "#9ca3af"
    # Heat map bands: one hue family with clearly different lightness, so the order
    # survives greyscale printing and colour-blind eyes.
    band_low: str = "#e6f0ea"
    band_medium: str = "#f7d79b"
    band_high: str = "#cf5a3c"
    band_high_text: str = "#ffffff"
    font_family: str = FONT_STACK  # SVG font-family: unquoted, no spaces after the commas

    def status(self, status: Status) -> str:
        return {
            Status.ON_TRACK: self.on_track,
            Status.AT_RISK: self.at_risk,
            Status.OFF_TRACK: self.off_track,
            Status.DONE: self.done,
            Status.NEUTRAL: self.neutral,
        }[status]


DEFAULT_THEME = Theme()


def brand_theme(primary: str, accent: str) -> Theme:
    """The default theme with the workspace's brand colours (site.yaml branding)."""
    return Theme(primary=primary, accent=accent, done=primary)
