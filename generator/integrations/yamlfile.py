"""Round-trip YAML edits: comments, key order and quoting stay as the user wrote them.

What milepost writes into a workspace should read as if a person had typed it: no anchors
and aliases (`due: &id001 2026-11-20` / `completed: *id001` when two fields hold the same
date), and a new list entry in the style its neighbours are written in (`{id: T1, ...}` on
one line when most of them are, a block otherwise).
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap
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
    # A person writes a repeated value twice; an alias (&id001 / *id001) reads as noise.
    yaml.representer.ignore_aliases = lambda data: True
    return yaml


def _is_flow(node: Any) -> bool:
    return isinstance(node, CommentedBase) and bool(node.fa.flow_style())


def match_style(entry: CommentedMap, siblings: Iterable[Any]) -> CommentedMap:
    """Write `entry` on one line, `{id: T1, ...}`, when most of its siblings are written so
    and it holds no list, map or comment of its own; otherwise it stays a block."""
    maps = [s for s in siblings if isinstance(s, CommentedMap) and s is not entry]
    flow = sum(1 for s in maps if _is_flow(s))
    simple = not any(isinstance(v, dict | list) for v in entry.values()) and not entry.ca.items
    if maps and simple and flow * 2 > len(maps):
        entry.fa.set_flow_style()
    return entry


def load(file: Path, path: str) -> tuple[Any, str]:
    return load_text(file.read_text(encoding="utf-8") if file.is_file() else "", path)


def load_text(text: str, path: str) -> tuple[Any, str]:
    """The round-trip data of a YAML text (None when empty), and the text."""
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
