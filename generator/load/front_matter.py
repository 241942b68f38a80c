"""Markdown files with a YAML front matter block between '---' lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.i18n import tr
from generator.load.yaml_source import SourceMap, decode_text, parse_yaml, read_bytes


def load_front_matter(
    file: Path, path: str
) -> tuple[dict[str, Any] | None, str, SourceMap, list[ContentError]]:
    """Return (front matter, body, positions, errors); positions count lines of the whole file."""
    text, errors = read_text(file, path)
    if errors:
        return None, "", SourceMap(path), errors
    return parse_front_matter(text, path)


def read_text(file: Path, path: str) -> tuple[str, list[ContentError]]:
    """A workspace text file, bounded and decoded (UTF-8); errors say why it cannot be read."""
    data, errors = read_bytes(file, path)
    if errors:
        return "", errors
    return decode_text(data, path)


def parse_front_matter(
    text: str, path: str
) -> tuple[dict[str, Any] | None, str, SourceMap, list[ContentError]]:
    """load_front_matter for a text already read."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return (
            None,
            "",
            SourceMap(path),
            [
                ContentError(
                    path,
                    1,
                    1,
                    tr("the file does not start with front matter"),
                    tr("begin with a line '---', the keys (date:, …), then another '---' line"),
                )
            ],
        )
    try:
        end = _closing_line(lines)
    except StopIteration:
        return (
            None,
            "",
            SourceMap(path),
            [
                ContentError(
                    path,
                    1,
                    1,
                    tr("the front matter is not closed"),
                    tr("add a line '---' after the last key"),
                )
            ],
        )
    meta, source, errors = parse_yaml("\n".join(lines[1:end]), path, line_offset=1)
    if meta is None and not errors:
        meta = {}
    if meta is not None and not isinstance(meta, dict):
        errors.append(
            ContentError(
                path,
                2,
                1,
                tr("the front matter must be keys and values"),
                tr("write one 'key: value' per line between the '---' lines"),
            )
        )
        meta = None
    body = "\n".join(lines[end + 1 :]).strip("\n") + "\n"
    blank = 0
    while end + 1 + blank < len(lines) and lines[end + 1 + blank] == "":
        blank += 1
    source.body_line = end + 2 + blank
    return meta, body, source, errors


def _closing_line(lines: list[str]) -> int:
    """Index of the line that closes the front matter; StopIteration when there is none."""
    return next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))


def body_lines(text: str) -> tuple[str, int]:
    """The Markdown below the front matter, unstripped, and how many lines come before it."""
    lines = text.split("\n")
    try:
        first = _closing_line(lines) + 1 if lines and lines[0].strip() == "---" else 0
    except StopIteration:
        first = len(lines)
    return "\n".join(lines[first:]), first
