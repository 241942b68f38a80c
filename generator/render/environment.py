"""The Jinja environment: workspace templates over the built-in theme, localized filters."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from generator import i18n
from generator.fs import write_file_atomic
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
    """Compiled templates shared by every environment of this process, and kept between
    runs in the user's cache folder.

    Renderers make a fresh environment per page or report (their filters close over that
    render's data), so without this each render would parse and compile its templates
    again; and each run (a build, every worker it starts) would pay the compilation of
    the theme, about half a second. Entries are named by template, source hash, Jinja's
    version and this module's bytes (which hold the options that shape the compiled
    code). The folder is the user's own (like pip's cache), never the workspace's: a
    workspace can come from someone else, and compiled code is code.
    """

    def __init__(self, folder: Path | None) -> None:
        self._store: dict[str, bytes] = {}
        self._folder = folder

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path | None:
        if self._folder is None:
            return None
        name = f"{_SIGNATURE}|{bucket.key}|{bucket.checksum}"
        return self._folder / (hashlib.sha256(name.encode()).hexdigest() + ".jinja")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is None:
            path = self._file(bucket)
            try:
                code = path.read_bytes() if path is not None else None
            except OSError:
                code = None
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # checks Jinja's magic and the source hash
            except (EOFError, ValueError, TypeError, pickle.UnpicklingError):  # damaged: compile
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._store[bucket.key] = code
        path = self._file(bucket)
        if path is not None:
            with contextlib.suppress(OSError):  # no cache folder: compiled again next run
                write_file_atomic(path, code, durable=False)


def _cache_folder() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "milepost" / f"templates-py{sys.version_info[0]}{sys.version_info[1]}"


_SIGNATURE = hashlib.sha256(jinja2.__version__.encode() + Path(__file__).read_bytes()).hexdigest()
_COMPILED = _CompiledTemplates(_cache_folder())


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
