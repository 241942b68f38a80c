"""Where a workspace keeps its content, templates, output and state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUILTIN_TEMPLATES = PACKAGE_DIR / "templates"


@dataclass(frozen=True)
class Workspace:
    root: Path
    output_dir: Path | None = None  # `milepost serve` builds into a temporary folder

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        """The workspace's own templates; a file here overrides the built-in one of that path."""
        return self.root / "templates"

    @property
    def output(self) -> Path:
        return self.output_dir or self.root / "output"

    @property
    def state(self) -> Path:
        """milepost's own files in the workspace: cache, send ledger (outside output/)."""
        return self.root / ".milepost"

    def projects_dir(self) -> Path:
        return self.content / "projects"

    def inside(self, path: Path) -> bool:
        """True when path (after resolving symlinks) stays inside the workspace root."""
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        return True

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def template_dirs(workspace: Workspace) -> list[Path]:
    """Template search path: the workspace first, then the built-in theme."""
    dirs = []
    if (
        workspace.templates.is_dir()
        and workspace.templates.resolve() != BUILTIN_TEMPLATES.resolve()
    ):
        dirs.append(workspace.templates)
    dirs.append(BUILTIN_TEMPLATES)
    return dirs
