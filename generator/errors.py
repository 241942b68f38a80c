"""User errors are values: each one names a file, a line and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the user's files, printed like a compiler message."""

    path: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str = ""

    def format(self, warning: bool = False) -> str:
        """`path:line:col: message` and the hint below; a warning says so after the place."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        from generator.i18n import tr  # late: errors.py stays importable on its own

        text = f"{where}: {self.message}"
        if warning:
            text = f"{where}: {_label(tr('warning:'))}{self.message}"
        if self.hint:
            text += f"\n    {_label(tr('hint:'))}{self.hint}"
        return text


def _label(label: str) -> str:
    """ "hint: " in English; "提示：" in Chinese, whose full-width colon holds the space."""
    return label if label.endswith("：") else label + " "


class ContentErrors(Exception):
    """Raised when loading or checking found one or more user errors."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(e.format() for e in self.errors))


def display_path(path: Path, root: Path) -> str:
    """Path as the user knows it: relative to the workspace when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def unknown_project(project_id: str, known: list[str]) -> ContentErrors:
    """The one message for a project id that names no project, with the nearest id."""
    import difflib

    from generator.i18n import tr

    close = difflib.get_close_matches(project_id, known, n=1)
    if close:
        hint = tr("did you mean '{name}'?", name=close[0])
    elif known:
        hint = tr("projects in this workspace: {projects}", projects=", ".join(sorted(known)))
    else:
        hint = tr("there is no project under content/projects/ yet")
    message = tr("no project '{project}'", project=project_id)
    return ContentErrors([ContentError(f"content/projects/{project_id}", 0, 0, message, hint)])
