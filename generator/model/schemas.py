"""JSON Schema files for editors (VS Code's YAML extension reads `# yaml-language-server`)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.model.documents import MeetingNote, Note, Retrospective, Update
from generator.model.project import Project
from generator.model.records import Changes, Costs, Risks, Tasks
from generator.model.site import Client, People, Site

# front matter documents: the Markdown body and source are not keys the user writes
_DOCUMENT_FIELDS = ("body", "source")

SCHEMAS: dict[str, type[BaseModel]] = {
    "site": Site,
    "people": People,
    "client": Client,
    "project": Project,
    "tasks": Tasks,
    "risks": Risks,
    "changes": Changes,
    "costs": Costs,
    "update": Update,
    "meeting": MeetingNote,
    "note": Note,
    "retrospective": Retrospective,
}


def schema_for(name: str) -> dict[str, object]:
    model = SCHEMAS[name]
    schema = model.model_json_schema(by_alias=True)
    props = schema.get("properties", {})
    assert isinstance(props, dict)
    # ids of clients and projects come from file and folder names
    if name in ("client", "project"):
        props.pop("id", None)
    if issubclass(model, (Update, MeetingNote, Note, Retrospective)):
        for key in _DOCUMENT_FIELDS:
            props.pop(key, None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"milepost {name}"
    return schema


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = directory / f"{name}.schema.json"
        path.write_text(json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written
