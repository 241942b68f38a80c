"""Turn pydantic's validation errors into messages a PM understands, at the right line."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import ContentError
from generator.i18n import tr
from generator.load.salvage import Salvaged, salvage
from generator.load.yaml_source import Loc, SourceMap, yaml11_surprise

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, source: SourceMap) -> tuple[M | None, list[ContentError]]:
    """Validate loaded YAML against a model; every problem becomes a positioned ContentError."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [
            source.error(
                (),
                tr("expected keys and values here, found {found}", found=_kind(data)),
                _top_hint(model),
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = [_explain(model, err, source) for err in exc.errors(include_url=False)]
        return None, errors


def validate_lenient(
    model: type[M], data: Any, source: SourceMap
) -> tuple[M | None, list[ContentError], Salvaged[M] | None]:
    """Like `validate`, but with errors also returns the valid part of the data (see
    salvage.py), for the checks across files."""
    if not isinstance(data, dict):
        result, errors = validate(model, data, source)
        return result, errors, None
    try:
        return model.model_validate(data), [], None
    except ValidationError as exc:
        first = exc.errors(include_url=False)
    part = salvage(model, data, first)
    errors = [_explain(model, err, source) for err in first + part.later_errors]
    return part.model, errors, part


def _top_hint(model: type[BaseModel]) -> str:
    names = ", ".join(f"'{n}:'" for n in list(model.model_fields)[:4])
    return tr("the file should start with keys such as {keys}", keys=names)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, str):
        return tr("the text '{text}'", text=value[:40])
    return tr("the value {value}", value=repr(value))


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
    found = _kind(value)

    if kind == "extra_forbidden":
        allowed = _field_names_at(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = tr("did you mean '{name}'?", name=close[0]) if close else ""
        if not hint and allowed:
            hint = tr("allowed keys here: {keys}", keys=", ".join(allowed))
        return source.error(loc, tr("unknown key '{key}'", key=key), hint, at_key=True)
    if kind == "missing":
        message = tr("missing required key '{key}'", key=key)
        return source.error(loc[:-1], message, tr("add '{key}:' here", key=key))
    if kind in ("string_type", "str_type"):
        surprise = yaml11_surprise(raw)
        if surprise:
            message = tr("{key}: {surprise}, but text is expected here", key=key, surprise=surprise)
            return source.error(
                loc, message, tr('put it in quotes: {key}: "{raw}"', key=key, raw=raw)
            )
        return source.error(
            loc,
            tr("{key} must be text, got {found}", key=key, found=found),
            tr("write the text on the same line as the key, in quotes if it has a colon"),
        )
    if kind == "locale":
        return source.error(loc, f"{key}: {ctx.get('problem', '')}", str(ctx.get("hint", "")))
    if kind == "year_out_of_range":
        return source.error(
            loc,
            tr(
                "{key}: {value} is outside the dates milepost plans with ({earliest} to {latest})",
                key=key,
                value=value,
                earliest=ctx.get("earliest"),
                latest=ctx.get("latest"),
            ),
            tr("check the year; write dates as YYYY-MM-DD, for example 2026-11-20"),
        )
    if kind == "single_line":
        return source.error(
            loc,
            tr("{key} must be one line, without line breaks or control characters", key=key),
            tr("names and addresses go into e-mail headers; write it on one line"),
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        shown = raw if raw is not None else value
        message = tr("{key}: '{value}' is not a date", key=key, value=shown)
        return source.error(loc, message, date_hint())
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        surprise = yaml11_surprise(raw)
        if surprise:
            message = tr(
                "{key}: {surprise}, but one of {expected} is expected here",
                key=key,
                surprise=surprise,
                expected=expected,
            )
            return source.error(
                loc, message, tr('put it in quotes: {key}: "{raw}"', key=key, raw=raw)
            )
        message = tr(
            "{key} must be one of {expected}, got '{value}'",
            key=key,
            expected=expected,
            value=value,
        )
        return source.error(loc, message, _choice_hint(expected, value))
    bounds = {
        "less_than_equal": ("{key} must be at most {limit}, got {value}", "le"),
        "greater_than_equal": ("{key} must be at least {limit}, got {value}", "ge"),
        "greater_than": ("{key} must be more than {limit}, got {value}", "gt"),
        "less_than": ("{key} must be less than {limit}, got {value}", "lt"),
    }
    if kind in bounds:
        text, limit = bounds[kind]
        return source.error(
            loc,
            tr(text, key=key, limit=_plain_number(ctx.get(limit)), value=value),
            tr("see docs/workspace.md for the scale of '{key}'", key=key),
        )
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float"):
        return source.error(
            loc,
            tr("{key} must be a number, got {found}", key=key, found=found),
            tr("write a plain number without units or quotes, like 40 or 12.5"),
        )
    if kind == "finite_number":
        return source.error(
            loc,
            tr("{key} must be a finite number, got {found}", key=key, found=found),
            tr("write a plain number without units or quotes, like 40 or 12.5"),
        )
    if kind in ("bool_type", "bool_parsing"):
        return source.error(
            loc,
            tr("{key} must be true or false, got {found}", key=key, found=found),
            tr("write {key}: true or {key}: false", key=key),
        )
    if kind == "list_type":
        message = tr(
            "{key} must be a list (lines starting with '- '), got {found}", key=key, found=found
        )
        return source.error(loc, message, tr("put each item on its own line, starting with '- '"))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return source.error(
            loc,
            tr("{key} must be a group of keys, got {found}", key=key, found=found),
            tr("write the keys on the lines below '{key}:', indented by two spaces", key=key),
        )
    if kind == "string_pattern_mismatch":
        message = tr("{key}: '{value}' has the wrong form", key=key, value=value)
        return source.error(loc, message, _pattern_hint(key))
    if kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
        # a whole record's check (end before start) speaks for itself; a field's names the key
        on_field = bool(loc) and isinstance(loc[-1], str)
        return source.error(
            loc,
            f"{key}: {message}" if on_field else message,
            tr("correct this record; docs/workspace.md explains each key"),
        )
    if kind == "string_too_short":
        return source.error(
            loc,
            tr("{key} must not be empty", key=key),
            tr("write the text, or remove the key if it is optional"),
        )
    return source.error(
        loc, f"{key}: {err['msg']}", tr("docs/workspace.md lists the allowed values")
    )


def _plain_number(value: Any) -> Any:
    """A bound as a reader writes it: 1,000,000,000,000,000 rather than 1e+15 or 1000000.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and abs(value) >= 10_000 else value


def _choice_hint(expected: str, value: Any) -> str:
    """The allowed value the user meant ('Friday' -> 'Fri', 'Green' -> 'green'), else how
    the allowed values are spelled."""
    allowed = re.findall(r"'([^']*)'", expected)
    text = str(value).strip()
    folded = {choice.casefold(): choice for choice in allowed}
    meant = folded.get(text.casefold())
    if meant is None:
        prefixes = [c for c in allowed if len(c) >= 3 and text.casefold().startswith(c.casefold())]
        close = difflib.get_close_matches(text.casefold(), list(folded), n=1)
        meant = prefixes[0] if len(prefixes) == 1 else folded[close[0]] if close else None
    if meant is not None:
        return tr("did you mean '{name}'?", name=meant)
    if allowed and all(c == c.lower() for c in allowed):
        return tr("values are lower case and spelled as listed")
    return tr("write one of the values exactly as listed")


def date_hint() -> str:
    return tr("write dates as YYYY-MM-DD, for example 2026-11-20")


def _pattern_hint(key: str) -> str:
    hints = {
        "email": tr("an e-mail address like name@example.com"),
        "currency": tr("a three-letter currency code like EUR, USD or CNY"),
        "time": tr("a time like 09:30 (in quotes)"),
        "primary_color": tr('a colour like "#1f3a5f" (in quotes)'),
        "accent_color": tr('a colour like "#d9822b" (in quotes)'),
    }
    default = tr("use letters, digits, '-' and '_' only (ids appear in file names and links)")
    return hints.get(key, default)
