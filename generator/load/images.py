"""What kind of image a file is, judged by its bytes and its name together.

The logo is copied into every client tree, so a file that only claims to be an image (a
`costs.yaml`, or a YAML file renamed `logo.png`) must not pass: the suffix names the kind,
and the first bytes must be that kind's signature (Pillow reads the raster formats' headers;
an SVG is XML whose root element is <svg>).
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError

IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
SVG_SUFFIX = ".svg"
_SVG_ROOT = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>|<\?[^>]*\?>)\s*)*<svg[\s>/]",
    re.DOTALL | re.IGNORECASE,
)


def allowed_suffixes() -> str:
    return ", ".join(sorted({*IMAGE_SUFFIXES, SVG_SUFFIX}))


def is_image(path: Path) -> bool:
    """True when the suffix is an image kind milepost uses and the bytes are that kind."""
    suffix = path.suffix.lower()
    if suffix == SVG_SUFFIX:
        with path.open("rb") as handle:
            head = handle.read(65536)
        text = head.decode("utf-8-sig", "replace")
        return _SVG_ROOT.match(text) is not None
    expected = IMAGE_SUFFIXES.get(suffix)
    if expected is None:
        return False
    try:
        with Image.open(path) as image:
            return image.format == expected
    except (UnidentifiedImageError, OSError, ValueError):
        return False
