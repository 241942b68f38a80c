"""Read YAML with the position of every value, and refuse what PyYAML would silently accept.

PyYAML keeps the last of two duplicate keys, reads `NO` as false and `1:30` as 90, and
expands alias bombs. We compose the node tree ourselves, so every value keeps its line
and column, duplicates are errors and aliases are counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.files import read_regular_file

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 60

Loc = tuple[str | int, ...]

# YAML 1.1 forms that surprise people when a text was meant.
_YAML11_BOOL = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass
class SourceMap:
    """Where each value of a loaded YAML document sits in its file."""

    path: str
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    line_offset: int = 0
    body_line: int = 0  # a Markdown file: the line where the body below the front matter starts

    def position(self, loc: Loc, at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value (or its key) at loc, else of its parent."""
        probe = tuple(loc)
        while probe:
            found = (self.keys if at_key else self.positions).get(probe) or self.positions.get(
                probe
            )
            if found:
                return found[0] + self.line_offset, found[1]
            probe = probe[:-1]
        line, col = self.positions.get((), (1, 1))
        return line + self.line_offset, col

    def error(self, loc: Loc, message: str, hint: str = "", at_key: bool = False) -> ContentError:
        line, col = self.position(loc, at_key)
        return ContentError(self.path, line, col, message, hint)


# libyaml composes about 15x faster; PyYAML's own parser words its errors better, so a
# file libyaml refuses is parsed again by it for the message.
_FastComposer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, loader_class: type[yaml.SafeLoader]) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.errors: list[ContentError] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(
                tr("the file expands to too many values (is an alias repeated many times?)")
            )
        if depth > MAX_DEPTH:
            raise _TooBig(tr("values are nested more than {depth} levels deep", depth=MAX_DEPTH))
        self.source.positions[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.errors.append(
                    self.source_error(
                        key_node,
                        tr("merge keys (<<) are not supported"),
                        tr("write the values out in full"),
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(
                    self.source_error(
                        key_node,
                        tr("a key must be plain text"),
                        tr("write the key as a plain word followed by a colon, like 'title:'"),
                    )
                )
                continue
            key = str(key_node.value)
            if key in result:
                first = self.source.keys.get((*loc, key), (0, 0))[0]
                self.errors.append(
                    self.source_error(
                        key_node,
                        tr(
                            "duplicate key '{key}' (first defined on line {line})",
                            key=key,
                            line=first,
                        ),
                        tr("YAML keeps only one of them; remove or rename the other"),
                    )
                )
                continue
            result[key] = self.build(value_node, (*loc, key), depth + 1)
            self.source.keys[(*loc, key)] = _mark(key_node)
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if not node.style:  # plain (PyYAML says None, libyaml "")
            self.source.raw[loc] = node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                value = self.constructor.construct_object(node)
            except ValueError as exc:
                self.errors.append(
                    self.source_error(
                        node,
                        tr(
                            "'{value}' is not a real date ({problem})",
                            value=node.value,
                            problem=exc,
                        ),
                        tr("write dates as YYYY-MM-DD, for example 2026-02-28"),
                    )
                )
                return node.value
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                return value
            return value
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError) as exc:
            self.errors.append(
                self.source_error(
                    node, tr("cannot read '{value}': {problem}", value=node.value, problem=exc)
                )
            )
            return node.value

    def source_error(self, node: yaml.Node, message: str, hint: str = "") -> ContentError:
        line, col = _mark(node)
        return ContentError(self.source.path, line + self.source.line_offset, col, message, hint)


class _TooBig(Exception):
    pass


def yaml11_surprise(raw: str | None) -> str | None:
    """Explain how YAML 1.1 reads a plain scalar that was probably meant as text."""
    if raw is None:
        return None
    if _YAML11_BOOL.match(raw) and raw.lower() not in {"true", "false"}:
        value = raw.lower() in {"y", "yes", "on"}
        return tr("YAML reads {raw} as the boolean {value}", raw=raw, value=str(value).lower())
    if _SEXAGESIMAL.match(raw):
        return tr("YAML 1.1 reads {raw} as a base-60 number", raw=raw)
    if re.match(r"^0[0-7]+$", raw):
        return tr("YAML reads {raw} as an octal number", raw=raw)
    if re.match(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$", raw):
        return tr("YAML reads {raw} as a number", raw=raw)
    return None


def _syntax_error(path: str, exc: yaml.MarkedYAMLError, line_offset: int) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + line_offset) if mark else 0
    col = (mark.column + 1) if mark else 0
    problem = exc.problem or str(exc)
    hint = tr("check the indentation and the colons on this line and the one above")
    if "'\\t'" in problem or "\t" in problem:
        problem = tr("a tab character is used for indentation")
        hint = tr("YAML allows only spaces for indentation; replace the tab with spaces")
    elif "expected <block end>" in problem:
        hint = tr("this line is indented differently from the lines around it")
    elif "could not find expected ':'" in problem:
        hint = tr("a key needs a colon and a space after it, like 'title: Website relaunch'")
    elif "found undefined alias" in problem:
        hint = tr("an alias (*name) needs an anchor (&name) defined above it")
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    return ContentError(path, line, col, tr("YAML syntax error: {problem}", problem=problem), hint)


def decode_text(data: bytes, path: str) -> tuple[str, list[ContentError]]:
    """Decode a workspace text file; we write UTF-8 and say so when a file is not."""
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "", [
                ContentError(
                    path,
                    1,
                    1,
                    tr("the file is UTF-16"),
                    tr("save it as UTF-8 (most editors: 'Save with encoding')"),
                )
            ]
        return "", [
            ContentError(path, 1, 1, tr("this is not a text file"), tr("is it the right file?"))
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = tr("save it as UTF-8")
        try:
            data.decode("gb18030")
            hint = tr("it looks like GBK/GB18030 (an Excel or Windows save); save it as UTF-8")
        except UnicodeDecodeError:
            pass
        return "", [ContentError(path, line, 1, tr("the file is not valid UTF-8 text"), hint)]
    return text.replace("\r\n", "\n"), []


def read_bytes(
    file: Path, path: str, limit: int = MAX_FILE_BYTES
) -> tuple[bytes, list[ContentError]]:
    """The bytes of a regular file of at most `limit` bytes, or the errors saying why not."""
    try:
        return read_regular_file(file, path, limit), []
    except ContentErrors as exc:
        return b"", list(exc.errors)


def parse_yaml(
    text: str, path: str, line_offset: int = 0
) -> tuple[Any, SourceMap, list[ContentError]]:
    """Parse one YAML document; return (data, positions, errors). Never raises for bad input."""
    source = SourceMap(path, line_offset=line_offset)
    try:
        try:
            node = _compose(text, _FastComposer)
        except yaml.YAMLError:
            node = _compose(text, yaml.SafeLoader)  # raises again, with PyYAML's wording
    except yaml.MarkedYAMLError as exc:
        return None, source, [_syntax_error(path, exc, line_offset)]
    except yaml.YAMLError as exc:
        return (
            None,
            source,
            [
                ContentError(
                    path,
                    1 + line_offset,
                    1,
                    tr("YAML error: {problem}", problem=exc),
                    tr("check the indentation and the colons on this line and the one above"),
                )
            ],
        )
    except RecursionError:
        return (
            None,
            source,
            [_too_deep(path, line_offset)],
        )
    if node is None:
        return None, source, []
    builder = _Builder(source)
    try:
        data = builder.build(node, ())
    except _TooBig as exc:
        return (
            None,
            source,
            [
                ContentError(
                    path,
                    1 + line_offset,
                    1,
                    tr("refused: {problem}", problem=exc),
                    tr("remove the anchors and aliases, or flatten the nesting"),
                )
            ],
        )
    except RecursionError:
        return (
            None,
            source,
            [_too_deep(path, line_offset)],
        )
    return data, source, builder.errors


def load_yaml_file(file: Path, path: str) -> tuple[Any, SourceMap, list[ContentError]]:
    data, errors = read_bytes(file, path)
    if errors:
        return None, SourceMap(path), errors
    text, errors = decode_text(data, path)
    if errors:
        return None, SourceMap(path), errors
    return parse_yaml(text, path)


def _too_deep(path: str, line_offset: int) -> ContentError:
    return ContentError(
        path,
        1 + line_offset,
        1,
        tr("values are nested more than {depth} levels deep", depth=MAX_DEPTH),
        tr("flatten the structure: milepost files need only a few levels"),
    )


@dataclass
class Sources:
    """Where each loaded record came from, for errors found after validation."""

    by_file: dict[str, SourceMap] = field(default_factory=dict)
    # for a file read with errors: where a place in its salvaged model is in the file
    originals: dict[str, Callable[[Loc], Loc]] = field(default_factory=dict)

    def position(self, path: str, loc: Loc) -> tuple[int, int]:
        source = self.by_file.get(path, SourceMap(path))
        return source.position(self.originals.get(path, _same)(loc))

    def error(self, path: str, loc: Loc, message: str, hint: str = "") -> ContentError:
        source = self.by_file.get(path, SourceMap(path))
        return source.error(self.originals.get(path, _same)(loc), message, hint)


def _same(loc: Loc) -> Loc:
    return loc
