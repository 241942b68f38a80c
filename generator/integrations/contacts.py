"""`milepost import contacts`: merge a CRM contacts export into content/clients/<client>.yaml.

Contacts are matched by e-mail, case-insensitively. Name, role and phone are updated from
the export; the report subscriptions the PM set (`reports:`) and everything else in the
file are kept, comments and key order included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.integrations import yamlfile
from generator.integrations.table import Row, Table, parse_mapping
from generator.model.site import Client

FIELDS = ("name", "first_name", "last_name", "email", "role", "phone", "account")
UPDATED = ("name", "role", "phone")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Column names as each CRM writes them in its contacts export; the first non-empty wins.
PRESETS: dict[str, dict[str, list[str]]] = {
    "zoho": {
        "name": ["Full Name", "Contact Name"],
        "first_name": ["First Name"],
        "last_name": ["Last Name"],
        "email": ["Email"],
        "role": ["Title"],
        "phone": ["Phone", "Mobile"],
        "account": ["Account Name"],
    },
    "fxiaoke": {
        "name": ["姓名", "联系人姓名", "联系人名称"],
        "email": ["邮箱", "电子邮箱", "邮件"],
        "role": ["职务", "职位"],
        "phone": ["手机", "手机号", "电话"],
        "account": ["客户名称"],
    },
}


def detect_preset(table: Table) -> str | None:
    if table.has("姓名") or table.has("客户名称"):
        return "fxiaoke"
    if table.has("Last Name") and table.has("Email"):
        return "zoho"
    return None


@dataclass(frozen=True)
class ImportedContact:
    line: int
    name: str
    email: str
    role: str | None
    phone: str | None


@dataclass
class ContactPlan:
    """What an import would change, and the file text after the change."""

    path: str
    old_text: str
    new_text: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def summary(self) -> str:
        return tr(
            "{path}: contacts {added} added, {updated} updated, {unchanged} unchanged",
            path=self.path,
            added=len(self.added),
            updated=len(self.updated),
            unchanged=self.unchanged,
        )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number read from a numeric Excel cell
    return str(value).strip()


def _columns(preset: str | None, mapping: dict[str, list[str]]) -> dict[str, list[str]]:
    columns = {k: list(v) for k, v in PRESETS.get(preset or "", {}).items()}
    columns.update(mapping)
    return columns


def read_contacts(
    table: Table, columns: dict[str, list[str]], account: str | None
) -> tuple[list[ImportedContact], list[str], list[ContentError]]:
    if not any(table.has(c) for c in columns.get("email", [])):
        raise ContentErrors(
            [
                ContentError(
                    table.path,
                    1,
                    0,
                    tr("no e-mail column found (contacts are matched by e-mail)"),
                    tr(
                        "columns in the file: {columns}; "
                        'name the right one with --map email="Column"',
                        columns=", ".join(h for h in table.headers if h),
                    ),
                )
            ]
        )
    contacts: list[ImportedContact] = []
    notes: list[str] = []
    errors: list[ContentError] = []
    seen: dict[str, int] = {}

    def cell(row: Row, key: str) -> str:
        return _text(row.get(*columns.get(key, [])))

    for row in table.rows:
        if account and cell(row, "account").casefold() != account.casefold():
            continue
        email = cell(row, "email")
        name = cell(row, "name")
        if not name:
            first, last = cell(row, "first_name"), cell(row, "last_name")
            name = " ".join(p for p in (first, last) if p)
        if not email:
            where = f"{table.path}:{row.line}"
            notes.append(
                tr("{where}: skipped {name}: no e-mail", where=where, name=name)
                if name
                else tr("{where}: skipped a row: no e-mail", where=where)
            )
            continue
        if not EMAIL.match(email):
            errors.append(
                ContentError(
                    table.path,
                    row.line,
                    0,
                    tr("'{email}' is not an e-mail address", email=email),
                    tr("correct it in the CRM or remove the row"),
                )
            )
            continue
        if not name:
            errors.append(
                ContentError(
                    table.path,
                    row.line,
                    0,
                    tr("no name for {email}", email=email),
                    tr("add the name"),
                )
            )
            continue
        key = email.casefold()
        if key in seen:
            notes.append(
                tr(
                    "{where}: {email} also on line {line}; the later row wins",
                    where=f"{table.path}:{row.line}",
                    email=email,
                    line=seen[key],
                )
            )
            contacts = [c for c in contacts if c.email.casefold() != key]
        seen[key] = row.line
        contacts.append(
            ImportedContact(
                row.line, name, email, cell(row, "role") or None, cell(row, "phone") or None
            )
        )
    return contacts, notes, errors


def plan_contacts(
    workspace_root: Path,
    table: Table,
    client_id: str,
    *,
    preset: str | None = None,
    mapping: tuple[str, ...] = (),
    account: str | None = None,
) -> ContactPlan:
    """Compute the merged client file without writing it."""
    rel = f"content/clients/{client_id}.yaml"
    file = workspace_root / rel
    if not file.is_file():
        raise ContentErrors(
            [
                ContentError(
                    rel,
                    0,
                    0,
                    tr("there is no client '{client}'", client=client_id),
                    tr("create {path} first", path=rel),
                )
            ]
        )
    preset = preset or detect_preset(table)
    columns = _columns(preset, parse_mapping(mapping, FIELDS))
    imported, notes, errors = read_contacts(table, columns, account)
    if errors:
        raise ContentErrors(errors)

    data, old_text = yamlfile.load(file, rel)
    if not isinstance(data, CommentedMap):
        raise ContentErrors([ContentError(rel, 1, 0, tr("expected a mapping with 'name:'"), "")])
    contacts = data.get("contacts")
    if contacts is None:
        contacts = CommentedSeq()
        data["contacts"] = contacts
    by_email = {
        str(c.get("email", "")).casefold(): c for c in contacts if isinstance(c, CommentedMap)
    }
    plan = ContactPlan(rel, old_text, old_text, notes=notes)
    for contact in imported:
        existing = by_email.get(contact.email.casefold())
        values = {"name": contact.name, "role": contact.role, "phone": contact.phone}
        if existing is None:
            entry = CommentedMap()
            entry["name"] = contact.name
            entry["email"] = contact.email
            for key in ("role", "phone"):
                if values[key]:
                    entry[key] = values[key]
            contacts.append(yamlfile.match_style(entry, contacts))
            by_email[contact.email.casefold()] = entry
            plan.added.append(contact.email)
            continue
        changed = False
        for key in UPDATED:
            value = values[key]
            if value and str(existing.get(key, "")) != value:
                existing[key] = value
                changed = True
        if changed:
            plan.updated.append(contact.email)
        else:
            plan.unchanged += 1

    plan.new_text = yamlfile.dump(data, old_text) if (plan.added or plan.updated) else old_text
    _check(plan, client_id)
    return plan


def _check(plan: ContactPlan, client_id: str) -> None:
    """Refuse to write a client file that milepost itself would then reject."""
    import yaml

    try:
        Client.model_validate({**(yaml.safe_load(plan.new_text) or {}), "id": client_id})
    except Exception as exc:
        raise ContentErrors(
            [
                ContentError(
                    plan.path,
                    0,
                    0,
                    tr("the merged file would not be valid: {problem}", problem=exc),
                    tr("fix the export"),
                )
            ]
        ) from None
