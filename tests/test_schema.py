"""`milepost schema` writes JSON Schemas that validate every file of the demo workspace."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.load.front_matter import load_front_matter
from tests.conftest import REPO

CONTENT = REPO / "content"


def _plain(value: Any) -> Any:
    """YAML dates become the ISO strings an editor's schema validator sees."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _schema_of(path: Path) -> str:
    rel = path.relative_to(CONTENT)
    if rel.parts[0] == "clients":
        return "client"
    if rel.parts[0] == "projects":
        if len(rel.parts) == 3:
            return rel.stem if rel.name != "project.yaml" else "project"
        return {"updates": "update", "meetings": "meeting", "notes": "note"}[rel.parts[2]]
    return rel.stem


def demo_files() -> list[Path]:
    files = [CONTENT / "site.yaml", CONTENT / "people.yaml"]
    files += sorted((CONTENT / "clients").glob("*.yaml"))
    for project in sorted((CONTENT / "projects").iterdir()):
        files += [
            project / f"{name}.yaml" for name in ("project", "tasks", "risks", "changes", "costs")
        ]
        for folder in ("updates", "meetings", "notes"):
            files += sorted((project / folder).glob("*.md"))
        files.append(project / "retrospective.md")
    return [f for f in files if f.is_file()]


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from click.testing import CliRunner

    from generator.cli import main

    out = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(main, ["schema", str(out)])
    assert result.exit_code == 0, result.output
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in out.iterdir()}


def test_schema_writes_one_file_per_kind(schemas: dict[str, Any]) -> None:
    assert set(schemas) == {
        "site", "people", "client", "project", "tasks", "risks", "changes", "costs",
        "update", "meeting", "note", "retrospective",
    }  # fmt: skip


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_demo_file_validates_against_its_schema(path: Path, schemas: dict[str, Any]) -> None:
    if path.suffix == ".md":
        data, _, _, errors = load_front_matter(path, str(path))
        assert not errors
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(_plain(data), schemas[_schema_of(path)])


def test_schema_rejects_what_the_loader_rejects(schemas: dict[str, Any]) -> None:
    bad = {"risks": [{"id": "R1", "title": "x", "owner": "a", "raised": "2026-01-01",
                      "probability": 7, "impact": 2}]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError, match="7 is greater than the maximum of 5"):
        jsonschema.validate(bad, schemas["risks"])
