"""Turn pydantic's validation errors into messages a PM understands, at the right line."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import ContentError
from generator.load.yaml_source import Loc, SourceMap, yaml11_surprise

M = TypeVar("M", bound=BaseModel)

DATE_HINT = "write dates as YYYY-MM-DD, for example 2026-11-20"


def validate(model: type[M], data: Any, source: SourceMap) -> tuple[M | None, list[ContentError]]:
    """Validate loaded YAML against a model; every problem becomes a positioned ContentError."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [
            source.error(
                (), f"expected keys and values here, found {_kind(data)}", _top_hint(model)
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = [_explain(model, err, source) for err in exc.errors(include_url=False)]
        return None, errors


def _top_hint(model: type[BaseModel]) -> str:
    names = list(model.model_fields)[:4]
    return "the file should start with keys such as " + ", ".join(f"'{n}:'" for n in names)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    return f"the value {value!r}"


def _key_name(loc: Loc) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "value"


def _field_names_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names of the keys allowed in the mapping at loc (for 'did you mean')."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                for candidate in current.model_fields.values():
                    if candidate.alias == part:
                        field = candidate
                if field is None:
                    return []
            current = field.annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] to reach the model or list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def _explain(model: type[BaseModel], err: Any, source: SourceMap) -> ContentError:
    loc: Loc = tuple(
        p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
    )
    kind = err["type"]
    key = _key_name(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    raw = source.raw.get(loc)

    if kind == "extra_forbidden":
        allowed = _field_names_at(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else ""
        if not hint and allowed:
            hint = "allowed keys here: " + ", ".join(allowed)
        return source.error(loc, f"unknown key '{key}'", hint, at_key=True)
    if kind == "missing":
        return source.error(loc[:-1], f"missing required key '{key}'", f"add '{key}:' here")
    if kind in ("string_type", "str_type"):
        surprise = yaml11_surprise(raw)
        if surprise:
            return source.error(
                loc,
                f"{key}: {surprise}, but text is expected here",
                f'put it in quotes: {key}: "{raw}"',
            )
        return source.error(loc, f"{key} must be text, got {_kind(value)}")
    if kind.startswith("date") or kind.startswith("datetime"):
        shown = raw if raw is not None else value
        return source.error(loc, f"{key}: '{shown}' is not a date", DATE_HINT)
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return source.error(loc, f"{key} must be one of {expected}, got '{value}'")
    if kind in ("less_than_equal", "greater_than_equal", "greater_than", "less_than"):
        bounds = {
            "less_than_equal": f"at most {ctx.get('le')}",
            "greater_than_equal": f"at least {ctx.get('ge')}",
            "greater_than": f"more than {ctx.get('gt')}",
            "less_than": f"less than {ctx.get('lt')}",
        }[kind]
        return source.error(loc, f"{key} must be {bounds}, got {value}")
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float"):
        return source.error(loc, f"{key} must be a number, got {_kind(value)}")
    if kind in ("bool_type", "bool_parsing"):
        return source.error(loc, f"{key} must be true or false, got {_kind(value)}")
    if kind in ("list_type",):
        return source.error(
            loc, f"{key} must be a list (lines starting with '- '), got {_kind(value)}"
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return source.error(loc, f"{key} must be a group of keys, got {_kind(value)}")
    if kind == "string_pattern_mismatch":
        return source.error(loc, f"{key}: '{value}' has the wrong form", _pattern_hint(key))
    if kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
        # a whole record's check (end before start) speaks for itself; a field's names the key
        on_field = bool(loc) and isinstance(loc[-1], str)
        return source.error(loc, f"{key}: {message}" if on_field else message)
    if kind in ("string_too_short",):
        return source.error(loc, f"{key} must not be empty")
    return source.error(loc, f"{key}: {err['msg']}")


def _pattern_hint(key: str) -> str:
    hints = {
        "email": "an e-mail address like name@example.com",
        "currency": "a three-letter currency code like EUR, USD or CNY",
        "time": "a time like 09:30 (in quotes)",
        "primary_color": 'a colour like "#1f3a5f" (in quotes)',
        "accent_color": 'a colour like "#d9822b" (in quotes)',
    }
    return hints.get(
        key, "use letters, digits, '-' and '_' only (ids appear in file names and links)"
    )
