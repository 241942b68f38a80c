"""Round-trip YAML edits: comments, key order and quoting stay as the user wrote them."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.errors import ContentError, ContentErrors
from generator.fs import write_file_atomic
from generator.i18n import tr


def _indent_of(text: str) -> tuple[int, int]:
    """(sequence, offset) as the file writes its lists, so untouched lines stay as they are."""
    match = re.search(r"^( *)- \S", text, flags=re.MULTILINE)
    dash = len(match.group(1)) if match else 2
    return dash + 2, dash


def round_trip() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def load(file: Path, path: str) -> tuple[Any, str]:
    text = file.read_text(encoding="utf-8") if file.is_file() else ""
    try:
        data = round_trip().load(text) if text.strip() else None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise ContentErrors(
            [
                ContentError(
                    path,
                    line,
                    0,
                    tr("cannot read YAML: {problem}", problem=exc),
                    tr("fix the file first"),
                )
            ]
        ) from None
    return data, text


def dump(data: Any, original: str) -> str:
    yaml = round_trip()
    sequence, offset = _indent_of(original)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def diff(old: str, new: str, path: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(lines)


def write(file: Path, text: str) -> None:
    write_file_atomic(file, text.encode("utf-8"))
