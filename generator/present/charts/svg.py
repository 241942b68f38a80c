"""A small SVG writer: elements, escaping, ids, number and text-width helpers.

Built on xml.etree so every label is escaped by the serializer, never by hand.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from generator.present.charts.theme import Theme

SVG_NS = "http://www.w3.org/2000/svg"

# Characters XML 1.0 forbids; a stray one in a label would make the whole SVG unparsable.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
ELLIPSIS = "\u2026"

Attr = str | int | float | None


@dataclass(frozen=True)
class ChartMeta:
    """What every chart needs besides its data.

    id: prefix for every id in the SVG, so two charts on one page never collide.
    title, desc: the accessible name and description (already localized).
    lang: BCP 47 tag of the labels.
    width: width in CSS px; the layout is computed for it (text does not shrink).
    standalone: the SVG is its own document (a .svg file, an <img> or data: URI), so its
        root carries lang and xml:lang. A chart inlined in HTML or in a report's HTML
        leaves them out: it inherits the page's <html lang>, and the HTML syntax does not
        allow xml:lang (nor lang on svg, for the Nu checker). WeasyPrint's SVG text uses
        the font stack, which names the Simplified Chinese face first, not lang.
    """

    id: str
    title: str
    desc: str = ""
    lang: str = "en"
    width: int = 640
    standalone: bool = False


def clean_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def safe_id(prefix: str) -> str:
    cleaned = _ID_UNSAFE.sub("-", prefix).strip("-")
    if not cleaned or not cleaned[0].isalpha():
        cleaned = "c-" + cleaned
    return cleaned


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (stable bytes)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, font_size: float) -> float:
    """Estimated advance width of text in px; wide (CJK) characters count a full em."""
    total = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1.0
        elif char.isupper() or char in "mwMW@%":
            total += 0.74
        elif char in "iljtf.,:;'|!()[] ":
            total += 0.34
        else:
            total += 0.62
    return total * font_size


def truncate(text: str, max_width: float, font_size: float) -> str:
    """Shorten text to fit max_width, ending with an ellipsis when it was cut."""
    if text_width(text, font_size) <= max_width:
        return text
    budget = max_width - text_width(ELLIPSIS, font_size)
    kept = ""
    for char in text:
        if text_width(kept + char, font_size) > budget:
            break
        kept += char
    return kept.rstrip() + ELLIPSIS


def _attrs(attrs: Mapping[str, Attr]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float | int) and not isinstance(value, bool):
            out[name] = num(float(value))
        else:
            out[name] = clean_text(str(value))
    return out


def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: Attr) -> ET.Element:
    """Append a child element; attribute names use _ for - (font_size -> font-size)."""
    node = ET.SubElement(parent, tag, _attrs(attrs))
    if text is not None:
        node.text = clean_text(text)
    return node


def label(
    parent: ET.Element,
    text: str,
    x: float,
    y: float,
    *,
    max_width: float | None = None,
    font_size: float = 11,
    **attrs: Attr,
) -> ET.Element:
    """A text element; when cut to max_width the full text stays in a <title> for hover."""
    shown = truncate(text, max_width, font_size) if max_width is not None else text
    if shown == text:
        return el(parent, "text", shown, x=x, y=y, font_size=font_size, **attrs)
    # A <title> inside <text> would be drawn by some renderers; a wrapping group is safe.
    group = el(parent, "g")
    el(group, "title", text)
    return el(group, "text", shown, x=x, y=y, font_size=font_size, **attrs)


class Canvas:
    """The root <svg> with accessible title and description and the font stack.

    role: "img" for a picture; None for a chart whose parts are links (the risk heat map),
    which an image role would hide from assistive technology (axe nested-interactive): the
    svg's implicit graphics-document role keeps the name from aria-labelledby.
    """

    def __init__(
        self, meta: ChartMeta, height: float, theme: Theme, *, role: str | None = "img"
    ) -> None:
        self.meta = meta
        self.theme = theme
        self.id = safe_id(meta.id)
        self.width = meta.width
        self.height = height
        self.root = ET.Element(
            "svg",
            _attrs(
                {
                    "xmlns": SVG_NS,
                    "width": meta.width,
                    "height": height,
                    "viewBox": f"0 0 {meta.width} {num(height)}",
                    "role": role,
                    "aria-labelledby": f"{self.id}-title {self.id}-desc",
                    "lang": meta.lang if meta.standalone else None,
                    "font-family": theme.font_family,
                    "font-size": 11,
                    "fill": theme.text,
                    "class": "milepost-chart",
                }
            ),
        )
        if meta.standalone:
            self.root.set("xml:lang", meta.lang)
        el(self.root, "title", meta.title, id=f"{self.id}-title")
        el(self.root, "desc", meta.desc or meta.title, id=f"{self.id}-desc")
        self.defs = el(self.root, "defs")

    def ref(self, name: str) -> str:
        return f"{self.id}-{name}"

    def to_string(self) -> str:
        if len(self.defs) == 0:
            self.root.remove(self.defs)
        return ET.tostring(self.root, encoding="unicode", short_empty_elements=True) + "\n"
