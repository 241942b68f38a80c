"""The valid part of a file that has errors, so `validate` reports every error in one run.

A file with a schema error is still checked across files (references, dates) with what
is valid in it: an unknown or broken key is left out, and a list item that cannot be read
without it (a task without a title) is left out whole. The ids of the items left out
count as known, so a reference to a record that has its own error is not reported twice.
The salvaged model is only ever used for these checks: loading fails on the first error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_ROUNDS = 6
_GONE = object()  # a list item to remove once the round's drops are done


@dataclass
class Salvaged(Generic[M]):
    model: M | None
    dropped_ids: set[str] = field(default_factory=set)
    # errors found once the broken parts were left out (e.g. a check across two fields)
    later_errors: list[ErrorDetails] = field(default_factory=list)
    # per list (by its place in the file): index in the salvaged model -> index in the file
    index_maps: dict[Loc, dict[int, int]] = field(default_factory=dict)

    def original(self, loc: Loc) -> Loc:
        """Where a place in the salvaged model is in the file (items left out shift lists)."""
        out: list[str | int] = []
        for part in loc:
            if isinstance(part, int):
                part = self.index_maps.get(tuple(out), {}).get(part, part)
            out.append(part)
        return tuple(out)


def salvage(model: type[M], data: dict[str, Any], first: list[ErrorDetails]) -> Salvaged[M]:
    """Leave out what `first` (pydantic's errors) points at until the rest validates."""
    current = _copy(data)
    origin = _list_origins(current)
    result: Salvaged[M] = Salvaged(None)
    seen: set[Loc] = set()
    errors = first
    for _ in range(_ROUNDS):
        for err in errors:
            loc = _clean(err["loc"])
            whole = err["type"] == "missing" or loc in seen
            if not _drop(current, loc, whole, result.dropped_ids):
                return Salvaged(None, result.dropped_ids, result.later_errors)
            seen.add(loc)
        _sweep(current)
        try:
            result.model = model.model_validate(current)
            result.index_maps = _index_maps(current, (), origin)
            return result
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            result.later_errors += [
                e for e in errors if e["type"] != "missing" and _clean(e["loc"]) not in seen
            ]
    return Salvaged(None, result.dropped_ids, result.later_errors)


def _clean(loc: tuple[Any, ...]) -> Loc:
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _drop(data: dict[str, Any], loc: Loc, whole_item: bool, dropped: set[str]) -> bool:
    """Leave out the key at loc, or the list item around it; False when nothing can go."""
    path: list[tuple[Any, Any]] = []
    node: Any = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            break
        path.append((node, part))
        node = node[part]
    if whole_item or (path and len(path) < len(loc) and not isinstance(path[-1][0], list)):
        lists = [i for i, (container, _key) in enumerate(path) if isinstance(container, list)]
        if not lists:
            return False
        path = path[: lists[-1] + 1]
    if not path:
        return False
    container, key = path[-1]
    if isinstance(container, list):
        item = container[key]
        if isinstance(item, dict):
            ident = item.get("id", item.get("person"))
            if isinstance(ident, str):
                dropped.add(ident)
        container[key] = _GONE
    else:
        del container[key]
    return True


def _list_origins(value: Any) -> dict[int, int]:
    """The index of every list item that is a container, by object identity."""
    origin: dict[int, int] = {}
    if isinstance(value, dict):
        for item in value.values():
            origin.update(_list_origins(item))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict | list):
                origin[id(item)] = index
            origin.update(_list_origins(item))
    return origin


def _index_maps(value: Any, where: Loc, origin: dict[int, int]) -> dict[Loc, dict[int, int]]:
    maps: dict[Loc, dict[int, int]] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            maps.update(_index_maps(item, (*where, key), origin))
    elif isinstance(value, list):
        moved = {new: origin.get(id(item), new) for new, item in enumerate(value)}
        if any(new != old for new, old in moved.items()):
            maps[where] = moved
        for new, item in enumerate(value):
            maps.update(_index_maps(item, (*where, moved[new]), origin))
    return maps


def _sweep(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _sweep(item)
    elif isinstance(value, list):
        value[:] = [v for v in value if v is not _GONE]
        for item in value:
            _sweep(item)
