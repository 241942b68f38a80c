"""The logo is copied into every client portal, so it must be an image, checked by its bytes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

SITE = "name: Test Agency\ntimezone: Europe/Berlin\ncurrency: EUR\nbranding:\n  logo: {logo}\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#1f3a5f").save(buffer, format="PNG")
    return buffer.getvalue()


def _validate(make_workspace: Any, run_cli: Any, logo: str, files: dict[str, Any]) -> Any:
    root: Path = make_workspace({"content/site.yaml": SITE.format(logo=logo), **files})
    return run_cli("--workspace", str(root), "validate")


COSTS = "costs:\n  - date: 2026-06-30\n    amount: 12000\n"


@pytest.mark.parametrize(
    ("logo", "files"),
    [
        ("content/projects/relaunch/costs.yaml", {"content/projects/relaunch/costs.yaml": COSTS}),
        ("content/assets/logo.png", {"content/assets/logo.png": COSTS}),  # renamed, not a PNG
        ("content/assets/logo.svg", {"content/assets/logo.svg": "<html><p>hi</p></html>"}),
        ("content/assets/logo.jpg", {"content/assets/logo.jpg": _png()}),  # a PNG named .jpg
    ],
    ids=["costs.yaml", "yaml-named-png", "html-named-svg", "png-named-jpg"],
)
def test_a_logo_that_is_not_an_image_is_a_validation_error(
    make_workspace: Any, run_cli: Any, logo: str, files: dict[str, Any]
) -> None:
    result = _validate(make_workspace, run_cli, logo, files)
    assert result.exit_code == 1
    assert f"content/site.yaml:5:9: the logo '{logo}' is not an image" in result.stderr
    assert "PNG, JPEG, SVG, WebP or GIF" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("logo", "data"),
    [
        ("content/assets/logo.png", _png()),
        (
            "content/assets/logo.svg",
            '<?xml version="1.0"?>\n<!-- brand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        ),
    ],
    ids=["png", "svg"],
)
def test_a_real_image_is_accepted(make_workspace: Any, run_cli: Any, logo: str, data: Any) -> None:
    result = _validate(make_workspace, run_cli, logo, {logo: data})
    assert result.exit_code == 0, result.stderr
