"""A small generated workspace with a closed project, its closing survey and a logo."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.portfolio import Size, generate

REPO = Path(__file__).resolve().parents[1]
SIZE = Size(clients=1, projects=2, weeks=2, tasks=6, risks=3, milestones=3, closed=1, words=60)
LOGO = "content/assets/logo.svg"
CLOSED = "project-001"
SURVEY = f"content/projects/{CLOSED}/surveys/client-satisfaction.csv"


def generate_with_logo(root: Path) -> Path:
    generate(root, SIZE)
    (root / "content" / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / LOGO, root / LOGO)
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"branding:\n  logo: {LOGO}\n", "utf-8")
    return root
