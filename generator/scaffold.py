"""`milepost init` and `milepost new project`: a workspace, or one more project, from a
standard-process template.

Templates live in templates/init/<name>/ (plus _common/); their files are Jinja templates
with dates relative to the start (`{{ start | days(14) }}`), so a new project looks current.
The sample people of _common/people.yaml (pm, lead, designer) and the example client are
what `init` writes; `new project` puts the workspace's own client, its contacts and a
manager in their place, edited with the YAML round trip so the templates' comments stay.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.model.schemas import write_schemas
from generator.workspace import BUILTIN_TEMPLATES

INIT_DIR = BUILTIN_TEMPLATES / "init"


def project_templates() -> list[str]:
    return sorted(p.name for p in INIT_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


def init_workspace(directory: Path, template: str, today: dt.date | None = None) -> list[str]:
    """Write the workspace; refuse to overwrite any existing file. Returns lines to print."""
    _check_template(template, str(directory))
    files = {directory / rel: text for rel, text in _render(template, today).items()}
    existing = [p for p in [*files, directory / "content"] if p.exists()]
    if existing:
        raise ContentErrors(
            [
                ContentError(
                    str(existing[0]),
                    0,
                    0,
                    tr("this folder already has a workspace; milepost init never overwrites files"),
                    tr("choose an empty folder"),
                )
            ]
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_schemas(directory / "schemas")
    (directory / "output").mkdir(exist_ok=True)
    return [
        tr(
            "created a workspace in {directory} with a '{template}' project",
            directory=directory,
            template=template,
        ),
        tr("next: {commands}", commands=f"cd {directory} && milepost validate && milepost build"),
    ]


def _check_template(template: str, where: str) -> None:
    if template not in project_templates():
        raise ContentErrors(
            [
                ContentError(
                    where,
                    0,
                    0,
                    tr("unknown project template '{template}'", template=template),
                    tr("choose one of: {templates}", templates=", ".join(project_templates())),
                )
            ]
        )


def _render(template: str, today: dt.date | None, common: bool = True) -> dict[str, str]:
    """The template's files by workspace-relative path, dates starting this week's Monday."""
    today = today or dt.date.today()
    start = today - dt.timedelta(days=today.weekday())  # the Monday of this week
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["days"] = _days_after
    values = {"start": start.isoformat(), "today": today.isoformat()}
    files: dict[str, str] = {}
    roots = (INIT_DIR / "_common", INIT_DIR / template) if common else (INIT_DIR / template,)
    for source_root in roots:
        for source in sorted(source_root.rglob("*")):
            if source.is_dir():
                continue
            rel = env.from_string(source.relative_to(source_root).as_posix()).render(values)
            files[rel] = env.from_string(source.read_text(encoding="utf-8")).render(values)
    return files


def _days_after(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


SAMPLE_MANAGER = "pm"  # the sample people of templates/init/_common/people.yaml
PROJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class NewProject:
    folder: str  # content/projects/<id>, relative to the workspace
    files: dict[str, str]  # workspace-relative path -> text
    manager: str


def plan_new_project(
    root: Path,
    project_id: str,
    client_id: str,
    template: str,
    *,
    today: dt.date | None = None,
    manager: str | None = None,
    title: str | None = None,
) -> NewProject:
    """The files of a new project for an existing workspace; nothing is written here."""
    import yaml

    folder = f"content/projects/{project_id}"
    if not PROJECT_ID.match(project_id):
        raise _error(
            folder,
            tr("'{id}' cannot be a project id", id=project_id),
            tr("use letters, digits, '-', '_' and '.', e.g. acme-website"),
        )
    if (root / folder).exists():
        raise _error(
            folder,
            tr("already exists; milepost never overwrites it"),
            tr("choose another project id"),
        )
    _check_template(template, "--template")
    clients = sorted(p.stem for p in (root / "content/clients").glob("*.yaml"))
    if client_id not in clients:
        close = difflib.get_close_matches(client_id, clients, n=1)
        raise _error(
            f"content/clients/{client_id}.yaml",
            tr("no client '{client}'", client=client_id),
            tr("did you mean '{name}'?", name=close[0])
            if close
            else tr("clients in this workspace: {clients}", clients=", ".join(clients)),
        )
    client = yaml.safe_load((root / f"content/clients/{client_id}.yaml").read_text("utf-8"))
    contacts = [
        str(c["email"])
        for c in (client or {}).get("contacts") or []
        if isinstance(c, dict) and c.get("email")
    ]
    people = _people(root)
    manager = manager or _default_manager(root, client_id, people)
    if manager not in people:
        close = difflib.get_close_matches(manager, list(people), n=1)
        raise _error(
            "content/people.yaml",
            tr("no person '{person}'", person=manager),
            tr("did you mean '{name}'?", name=close[0])
            if close
            else tr("add them to content/people.yaml first"),
        )
    files: dict[str, str] = {}
    for rel, text in _render(template, today, common=False).items():
        inside = rel.split("/", 3)[3]  # content/projects/<sample>/<inside>
        files[f"{folder}/{inside}"] = _adapt(inside, text, client_id, manager, contacts, title)
    return NewProject(folder, files, manager)


def _error(path: str, message: str, hint: str) -> ContentErrors:
    return ContentErrors([ContentError(path, 0, 0, message, hint)])


def _people(root: Path) -> dict[str, str]:
    """Person id -> role, read leniently (validate reports a broken people.yaml)."""
    import yaml

    data = yaml.safe_load((root / "content/people.yaml").read_text(encoding="utf-8")) or {}
    return {
        str(p["id"]): str(p.get("role", ""))
        for p in data.get("people") or []
        if isinstance(p, dict) and p.get("id")
    }


def _default_manager(root: Path, client_id: str, people: dict[str, str]) -> str:
    """The manager of the client's latest project, else the first project manager, else the
    first person of people.yaml."""
    import yaml

    latest: tuple[str, str] | None = None
    for file in sorted((root / "content/projects").glob("*/project.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        if data.get("client") == client_id and data.get("manager") in people:
            key = (str(data.get("start", "")), str(data["manager"]))
            latest = max(latest, key) if latest else key
    if latest:
        return latest[1]
    for person, role in people.items():
        if "manager" in role.casefold() or "项目经理" in role:
            return person
    return next(iter(people), SAMPLE_MANAGER)


def _adapt(
    inside: str,
    text: str,
    client_id: str,
    manager: str,
    contacts: list[str],
    title: str | None,
) -> str:
    """A template file with the workspace's client, contacts and manager in place of the
    sample ones; the other sample people (lead, designer) leave their tasks unassigned."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from generator.integrations import yamlfile

    if inside.startswith("updates/"):
        return re.sub(r"(?m)^author: .*$", f"author: {manager}", text, count=1)
    if not inside.endswith(".yaml"):
        return text
    data, _ = yamlfile.load_text(text, inside)
    if not isinstance(data, CommentedMap):
        return text
    if inside == "project.yaml":
        data["client"] = client_id
        data["manager"] = manager
        if title:
            data["title"] = title
        for goal in data.get("goals") or []:
            goal["owner"] = manager
        team = [m for m in data.get("team") or [] if m.get("person") == SAMPLE_MANAGER]
        for member in team:
            member["person"] = manager
        data["team"] = CommentedSeq(team)
        communication = data.get("communication")
        if isinstance(communication, CommentedMap):
            emails = CommentedSeq(contacts)
            emails.fa.set_flow_style()
            communication["contacts"] = emails
    for key in ("tasks", "risks"):
        for item in data.get(key) or []:
            if item.get("owner") == SAMPLE_MANAGER or key == "risks":
                item["owner"] = manager
            elif "owner" in item:
                del item["owner"]
    return yamlfile.dump(data, text)
