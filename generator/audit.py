"""The leak audit: read every file of each client tree and look for what must not be there.

A client tree (output/portals/<client>/) may hold only that client's client-visible data.
The audit knows what is forbidden from the workspace itself: other clients' names, short
names, portal titles, project titles and contacts; the text of every record marked
internal; cost amounts and cost rates; survey respondents' e-mails, names and IPs. It
reads HTML, XML, SVG, JSON and text as text (entities and JSON escapes undone) and PDFs
through pypdf, and reports each hit as "file: string (why)".

A string that is also part of what the client may see (two clients with a project called
"Website relaunch") is not forbidden: the audit looks for leaks, not coincidences.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.model.base import Visibility
from generator.model.portfolio import Portfolio, ProjectData
from generator.workspace import Workspace

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".svg", ".json", ".txt", ".css", ".js", ".csv", ".md"}
SENTENCE = re.compile(r"(?<=[.!?。！？;；])\s*|\n+")
CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    text: str
    why: str

    def format(self) -> str:
        return f"{self.file}: {self.text} ({self.why})"


@dataclass(frozen=True)
class Needle:
    text: str
    why: str
    source: str  # the regular expression, compiled only when a file needs reading
    probe: str  # a substring every match contains: a cheap test before the regex

    def found_in(self, normal: str) -> bool:
        return self.probe in normal and _compiled(self.source).search(normal) is not None


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _long_enough(text: str) -> bool:
    """Short strings match by chance; Chinese names are short and still specific."""
    return len(text) >= (2 if CJK.search(text) else 4)


def _sentences(text: str | None, minimum: int = 16) -> list[str]:
    """The sentences of a body worth looking for (short ones like 'Done.' are everywhere)."""
    if not text:
        return []
    plain = re.sub(r"[*_`#>\[\]()|]", " ", text)
    found = []
    for part in SENTENCE.split(plain):
        part = part.strip(" -\t.!?;:。！？；：")  # the sentence, not how it ends
        if len(part) >= (6 if CJK.search(part) else minimum):
            found.append(part)
    return found


def _literal(text: str, why: str) -> Needle:
    normal = _normal(text)
    escaped = re.escape(normal).replace(r"\ ", r"\s+")
    if normal[:1].isalnum() and not CJK.match(normal[:1]):
        escaped = r"(?<![\w@.])" + escaped
    if normal[-1:].isalnum() and not CJK.match(normal[-1:]):
        escaped += r"(?![\w@])"
    return Needle(text, why, escaped, normal)


def _amount(value: float, why: str) -> Needle | None:
    """A money amount in the usual spellings (12000, 12,000, 12.000, 12 000, 12000.00)."""
    if value < 1000 or value != int(value):
        return None
    digits = str(int(value))
    groups = [digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)][::-1]
    seps = r"[,.\u00a0\u202f ']?"
    body = seps.join(groups)
    pattern = rf"(?<![\d.,]){body}(?:[.,]00)?(?![\d]|[.,]\d)"
    return Needle(digits, why, pattern, groups[0])


def _rate(value: float, why: str) -> Needle:
    """A cost rate shown as money per hour or with a currency: 95/h, €95, 95 EUR, 95.00."""
    number = f"{value:g}".replace(".", r"[.,]")
    money = r"(?:€|\$|£|¥|eur|usd|cny|gbp|rmb|元)"
    pattern = (
        rf"(?:{money}\s?{number}(?:[.,]00)?(?!\d))"
        rf"|(?:(?<![\d.,]){number}(?:[.,]00)?\s?(?:{money}|/\s?h|per hour|每小时|/小时))"
    )
    return Needle(f"{value:g}", why, pattern, f"{value:g}".split(".")[0])


def _visible_texts(portfolio: Portfolio, client_id: str) -> list[str]:
    """What this client may see: a forbidden string inside one of these is a coincidence."""
    client = portfolio.clients[client_id]
    texts = [client.name, client.short_name or "", client.portal_title or ""]
    texts += [c.name for c in client.contacts] + [c.email for c in client.contacts]
    for data in portfolio.projects_of(client_id):
        texts.append(data.project.title)
        texts += [m.title for m in data.project.milestones if m.visibility == Visibility.client]
        texts += [g.title for g in data.project.goals if g.visibility == Visibility.client]
        for update in data.updates:
            if update.visibility == Visibility.client:
                texts += [*update.highlights, *update.next_steps, *update.blockers, update.body]
        texts += [t.title for t in data.tasks if t.visibility == Visibility.client]
        texts += [r.title for r in data.risks if r.visibility == Visibility.client]
        texts += [c.title for c in data.changes if c.visibility == Visibility.client]
    return [_normal(t) for t in texts if t]


def _internal_records(data: ProjectData) -> Iterator[tuple[str, str]]:
    """(text, why) of every record of a project marked internal."""
    internal = Visibility.internal
    pid = data.id
    for update in data.updates:
        if update.visibility == internal:
            why = tr("internal update {where}", where=update.source)
            for text in [*update.highlights, *update.next_steps, *update.blockers]:
                yield text, why
            for text in _sentences(update.body):
                yield text, why
    for risk in data.risks:
        if risk.visibility == internal:
            why = tr("internal risk {where}", where=f"{pid}/{risk.id}")
            yield risk.title, why
            for text in _sentences(risk.description) + _sentences(risk.plan):
                yield text, why
    for task in data.tasks:
        if task.visibility == internal:
            yield task.title, tr("internal task {where}", where=f"{pid}/{task.id}")
    for change in data.changes:
        if change.visibility == internal:
            why = tr("internal change request {where}", where=f"{pid}/{change.id}")
            yield change.title, why
            for text in _sentences(change.description) + _sentences(change.decision_note):
                yield text, why
    for note in data.notes:
        if note.visibility == internal:
            why = tr("internal note {where}", where=note.source)
            yield note.title, why
            for text in _sentences(note.body):
                yield text, why
    for meeting in data.meetings:
        if meeting.visibility == internal:
            why = tr("internal meeting notes {where}", where=meeting.source)
            yield meeting.title, why
            for text in [*meeting.decisions, *_sentences(meeting.body)]:
                yield text, why
    for goal in data.project.goals:
        if goal.visibility == internal:
            yield goal.title, tr("internal goal {where}", where=f"{pid}/{goal.id}")
    for milestone in data.project.milestones:
        if milestone.visibility == internal:
            yield milestone.title, tr("internal milestone {where}", where=f"{pid}/{milestone.id}")
    for deliverable in data.project.deliverables:
        if deliverable.visibility == internal:
            yield (
                deliverable.title,
                tr("internal deliverable {where}", where=f"{pid}/{deliverable.id}"),
            )
    for item in data.project.handover:
        if item.visibility == internal:
            yield item.item, tr("internal handover item {where}", where=pid)


def _respondents(workspace: Workspace, data: ProjectData) -> Iterator[tuple[str, str]]:
    """Respondents' e-mails, names and IPs from the project's survey exports."""
    try:
        from generator.load.surveys import read_survey
    except ImportError:  # surveys not part of this installation
        return
    for rel in data.survey_files:
        try:
            survey = read_survey(workspace.root / rel, display=rel)
        except ContentErrors:
            continue  # validate reports unreadable exports; nothing to look for here
        for fields in survey.private.fields.values():
            for key, value in fields.items():
                value = value.strip()
                if value and value.lower() not in {"anonymous", "n/a", "-", "none"}:
                    yield (
                        value,
                        tr("survey respondent {field} from {where}", field=key.lower(), where=rel),
                    )


def needles_for(workspace: Workspace, portfolio: Portfolio, client_id: str) -> list[Needle]:
    """Every string that must not appear in the client's tree, with the reason."""
    wanted: list[tuple[str, str]] = []
    for other in portfolio.clients.values():
        if other.id == client_id:
            continue
        wanted += [(other.name, tr("name of client {client}", client=other.id))]
        if other.short_name:
            wanted.append((other.short_name, tr("short name of client {client}", client=other.id)))
        if other.portal_title:
            why = tr("portal title of client {client}", client=other.id)
            wanted.append((other.portal_title, why))
        for contact in other.contacts:
            wanted.append((contact.name, tr("contact of client {client}", client=other.id)))
            why = tr("contact e-mail of client {client}", client=other.id)
            wanted.append((contact.email, why))
        for data in portfolio.projects_of(other.id):
            why = tr("project of client {client}", client=other.id)
            wanted.append((data.project.title, why))
    money: list[Needle] = []
    for data in portfolio.projects_of(client_id):
        wanted += list(_internal_records(data))
        wanted += list(_respondents(workspace, data))
        for cost in data.costs:
            why = tr("cost amount booked {date} in {project}", date=cost.date, project=data.id)
            needle = _amount(cost.amount, why)
            if needle:
                money.append(needle)
    for person in portfolio.people.values():
        if person.cost_rate:
            money.append(_rate(person.cost_rate, tr("cost rate of {person}", person=person.id)))
    visible = _visible_texts(portfolio, client_id)
    needles: dict[str, Needle] = {}
    for text, why in wanted:
        normal = _normal(text)
        if not _long_enough(normal) or normal in needles:
            continue
        if any(normal in allowed for allowed in visible):
            continue
        needles[normal] = _literal(text, why)
    return [*needles.values(), *money]


def file_text(path: Path) -> str | None:
    """The readable text of an output file, or None for a kind the audit does not read."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_text(path.read_bytes())
    if suffix not in TEXT_SUFFIXES:
        return None
    raw = path.read_bytes().decode("utf-8", "replace")
    texts = [raw, html.unescape(raw)]
    if suffix == ".json":
        with contextlib.suppress(ValueError):
            texts.append(json.dumps(json.loads(raw), ensure_ascii=False))
    return "\n".join(texts)


def pdf_text(data: bytes) -> str:
    """The text and metadata of a PDF as pypdf reads them."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        parts = [page.extract_text() or "" for page in reader.pages]
        if reader.metadata:
            parts += [str(v) for v in reader.metadata.values()]
    except Exception as exc:  # a PDF pypdf cannot read is itself worth a look
        return f"<unreadable PDF: {exc}>"
    return "\n".join(parts)


def client_pdf_texts(files: Mapping[str, bytes]) -> dict[str, str]:
    """Text of the client PDFs among a job's files, by SHA-256: the build extracts it where
    the PDF is rendered (in parallel), so the audit before publishing only reads it."""
    return {
        hashlib.sha256(data).hexdigest(): pdf_text(data)
        for rel, data in sorted(files.items())
        if rel.startswith("portals/") and rel.endswith(".pdf")
    }


class TextCache:
    """Extracted text by the file's SHA-256, kept beside the build cache: an unchanged PDF
    is read by pypdf once, not on every build (the needles change, the text does not)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def text(self, path: Path, digest: str) -> str | None:
        if path.suffix.lower() != ".pdf":
            return file_text(path)
        cached = self.folder / f"{digest}.txt"
        with contextlib.suppress(OSError):
            return cached.read_text(encoding="utf-8")
        text = file_text(path)
        if text is not None:
            self.put(digest, text)
        return text

    def put(self, digest: str, text: str) -> None:
        cached = self.folder / f"{digest}.txt"
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".tmp-{os.getpid()}")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, cached)


def text_cache(workspace: Workspace) -> TextCache:
    return TextCache(workspace.state / "cache" / "audit-text")


def audit_files(
    workspace: Workspace,
    portfolio: Portfolio,
    files: Mapping[str, tuple[Path, str]],
    shown_root: str,
    used: set[Path] | None = None,
) -> list[Finding]:
    """Findings in the client trees among `files` (output relpath -> (bytes on disk, sha256)).

    `used` collects the cache files this audit relied on, so a build can prune the rest."""
    cache = text_cache(workspace)
    # A file found clean against the same needles is clean again: a rebuild re-reads only
    # what changed (a file, or the needles of its client).
    verdicts = workspace.state / "cache" / "audit-clean"
    by_client: dict[str, list[str]] = {}
    for rel in sorted(files):
        parts = rel.split("/")
        if parts[0] == "portals" and len(parts) > 2:
            by_client.setdefault(parts[1], []).append(rel)
    findings: set[Finding] = set()
    for client, rels in sorted(by_client.items()):
        if client not in portfolio.clients:
            shown = f"{shown_root}/portals/{client}"
            why = tr("a portal for a client not in content/clients")
            findings.add(Finding(shown, client, why))
            continue
        needles = needles_for(workspace, portfolio, client)
        needles_digest = hashlib.sha256(
            repr([(n.why, n.source) for n in needles]).encode("utf-8")
        ).hexdigest()
        for rel in rels:
            path, digest = files[rel]
            clean = verdicts / hashlib.sha256(f"{digest}|{needles_digest}".encode()).hexdigest()
            if used is not None:
                used.update((clean, cache.folder / f"{digest}.txt"))
            if clean.exists():
                continue
            text = cache.text(path, digest)
            if text is None:
                continue
            normal = _normal(text)
            found = [n for n in needles if n.found_in(normal)]
            for needle in found:
                findings.add(Finding(f"{shown_root}/{rel}", needle.text, needle.why))
            if not found:
                with contextlib.suppress(OSError):
                    verdicts.mkdir(parents=True, exist_ok=True)
                    clean.touch()
    return sorted(findings)


def audit_output(
    workspace: Workspace, portfolio: Portfolio, output: Path | None = None
) -> list[Finding]:
    """Findings in every client tree under output/portals/ (what `milepost audit` checks)."""
    output = output or workspace.output
    files = {
        path.relative_to(output).as_posix(): (path, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted((output / "portals").rglob("*"))
        if path.is_file() and not path.is_symlink()
    }
    return audit_files(workspace, portfolio, files, workspace.relative(output))


def raise_on_findings(findings: list[Finding]) -> None:
    """Turn findings into errors: a leak fails the build like a content error."""
    if findings:
        raise ContentErrors(
            [
                ContentError(
                    f.file,
                    0,
                    0,
                    f"{f.text} ({f.why})",
                    tr(
                        "this client tree must not contain it: mark the record internal or "
                        "fix the template; do not publish this output"
                    ),
                )
                for f in findings
            ]
        )


def prune_audit_cache(workspace: Workspace, used: set[Path]) -> None:
    """Forget texts and verdicts of files no longer in the output."""
    for folder in ("audit-text", "audit-clean"):
        path = workspace.state / "cache" / folder
        if path.is_dir():
            for item in path.iterdir():
                if item not in used:
                    item.unlink(missing_ok=True)
