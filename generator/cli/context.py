"""What every command shares: the workspace, the message language, today's date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.i18n import set_message_language
from generator.workspace import Workspace

if TYPE_CHECKING:  # pydantic loads slowly: imported where used, so --help stays fast
    from generator.model.portfolio import Portfolio


class Context:
    """The workspace and language of this run; `--workspace` and `--lang` may come before or
    after the command name, and the one written later wins."""

    def __init__(self, workspace: Path, lang: str | None) -> None:
        self.explicit_lang = lang
        self.workspace = Workspace(workspace.resolve())
        self.lang = "en"
        self._apply_language()

    def use_workspace(self, folder: Path) -> None:
        self.workspace = Workspace(folder.resolve())
        self._apply_language()

    def use_lang(self, lang: str) -> None:
        self.explicit_lang = lang
        self._apply_language()

    def _apply_language(self) -> None:
        self.lang = self.explicit_lang or workspace_locale(self.workspace)
        set_message_language(self.lang)

    def load(self) -> Portfolio:
        """The checked workspace; its warnings go to stderr and the command goes on."""
        import click

        from generator.load.workspace import load_workspace

        portfolio = load_workspace(self.workspace.root)
        for warning in portfolio.warnings:
            click.echo(warning.format(warning=True), err=True)
        return portfolio

    def load_and_warn(self, strict: bool) -> Portfolio:
        """For validate and build: the workspace's warnings and those about client-visible
        text, printed with their count; with --strict they are errors (exit 1)."""
        return self.load_and_warn_lines(strict)[0]

    def load_and_warn_lines(self, strict: bool) -> tuple[Portfolio, list[str]]:
        """load_and_warn, and the lines it printed (a build keeps them for its stamp)."""
        import click

        from generator.client_text import client_text_warnings
        from generator.errors import ContentErrors
        from generator.i18n import ngettext_message
        from generator.load.workspace import read_workspace

        portfolio, sources = read_workspace(self.workspace.root)
        found = client_text_warnings(portfolio, sources, self.workspace.root)
        warnings = sorted({*portfolio.warnings, *found})
        if strict and warnings:
            raise ContentErrors(warnings)
        lines = [warning.format(warning=True) for warning in warnings]
        if warnings:
            lines.append(ngettext_message("{n} warning", "{n} warnings", len(warnings)))
        for line in lines:
            click.echo(line, err=True)
        return portfolio, lines

    def project_ids(self) -> list[str]:
        """The project folders of the workspace (each holds a project.yaml), without loading."""
        folder = self.workspace.projects_dir()
        return sorted(p.parent.name for p in folder.glob("*/project.yaml"))


def _lenient_site(workspace: Workspace) -> dict[str, object]:
    """site.yaml read leniently, for a language or time zone before the workspace is checked.

    A site.yaml that links out of the workspace, or is a pipe or a device, is not read here
    either (reading a pipe would hang); the loader reports it."""
    import yaml

    from generator.load.yaml_source import read_bytes

    file = workspace.content / "site.yaml"
    if not workspace.inside(file):
        return {}
    data, errors = read_bytes(file, "content/site.yaml")
    try:
        site = None if errors else yaml.safe_load(data.decode("utf-8-sig"))
    except (ValueError, yaml.YAMLError):
        return {}
    return site if isinstance(site, dict) else {}


def workspace_locale(workspace: Workspace) -> str:
    """The site's locale, read leniently: messages about a broken site.yaml need a language."""
    locale = _lenient_site(workspace).get("locale")
    return locale if isinstance(locale, str) and locale in ("en", "zh-CN") else "en"


def workspace_timezone(workspace: Workspace) -> str:
    """The site's time zone, read leniently, for commands that do not load the workspace."""
    zone = _lenient_site(workspace).get("timezone")
    if not isinstance(zone, str) or not zone:
        return "UTC"
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(zone)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return "UTC"
    return zone


def today(timezone: str) -> dt.date:
    """The default of --as-of: SOURCE_DATE_EPOCH if set, else today in the time zone."""
    from zoneinfo import ZoneInfo

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), ZoneInfo(timezone)).date()
    return dt.datetime.now(ZoneInfo(timezone)).date()
