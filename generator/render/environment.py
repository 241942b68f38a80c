"""The Jinja environment: workspace templates over the built-in theme, localized filters."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import jinja2
import jinja2.bccache

from generator import i18n
from generator.render.sources import TemplateLoader
from generator.workspace import Workspace

# The recording scopes open in this thread (see `recording`); the build opens one per job.
# A context variable, not a module list: a dask worker runs several jobs at once in threads.
_SCOPES: ContextVar[tuple[dict[str, str], ...]] = ContextVar("milepost_scopes", default=())


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect name -> hash of every template any RecordingLoader loads inside the block.

    Renderers make their own environments, so the build cannot ask one env what a job used.
    """
    scope: dict[str, str] = {}
    token = _SCOPES.set((*_SCOPES.get(), scope))
    try:
        yield scope
    finally:
        _SCOPES.reset(token)


def template_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class RecordingLoader(jinja2.BaseLoader):
    """The workspace's templates over the built-in theme (or the sources a build job carries,
    see render/sources.py), remembering which templates were loaded and their hashes.

    The build cache keys each output on the templates it used (as Lektor does).
    """

    def __init__(self, workspace: Workspace) -> None:
        self._inner = TemplateLoader(workspace)
        self.loaded: dict[str, str] = {}

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self._inner.get_source(environment, template)
        digest = template_hash(source)
        self.loaded[template] = digest
        for scope in _SCOPES.get():
            scope[template] = digest
        return source, filename, uptodate


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates shared by every environment of this process.

    Renderers make a fresh environment per page or report (their filters close over that
    render's data), so without this each render would parse and compile its templates
    again. Entries are keyed by template file and checked against its source's hash.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(workspace: Workspace, locale: str) -> jinja2.Environment:
    """One environment per locale: templates say {{ _('Milestones') }}, filters format values."""
    loader = RecordingLoader(workspace)
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg", "htm"], default=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    translations = i18n.translations(locale)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["locale"] = locale
    env.globals["lang"] = locale
    env.filters.update(_filters(locale))
    return env


def _filters(locale: str) -> dict[str, Callable[..., Any]]:
    def date(value: dt.date | None, style: str = "medium") -> str:
        return i18n.format_date(value, locale, style)

    def number(value: float | None, digits: int = 0) -> str:
        return i18n.format_number(value, locale, digits)

    def money(value: float | None, currency: str) -> str:
        return i18n.format_money(value, currency, locale)

    def pct(value: float | None, digits: int = 0) -> str:
        return i18n.format_pct(value, locale, digits)

    return {"date": date, "number": number, "money": money, "pct": pct}


def loaded_templates(env: jinja2.Environment) -> dict[str, str]:
    loader = env.loader
    return dict(loader.loaded) if isinstance(loader, RecordingLoader) else {}
