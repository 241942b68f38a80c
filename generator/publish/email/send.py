"""`milepost send`: deliver report emails once each, recording every accepted message.

Order of work per message: skip it if the ledger already has it (same report, recipient and
PDF), send it, and record it in the ledger right after the server accepted it. A refused
recipient or a bad address fails that message only; the others still go out.
"""

from __future__ import annotations

import os
import re
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.fs import write_file_atomic
from generator.i18n import tr
from generator.model.site import Smtp
from generator.publish.email.ledger import Ledger, LedgerEntry, now_utc, read_ledger
from generator.publish.email.message import MAIL_POLICY, Delivery, deliveries, sender_mailbox
from generator.publish.email.outgoing import OutgoingReport
from generator.publish.email.smtp import Connection, ConnectionLostError, SmtpError

_EML_SAFE = re.compile(r"[^A-Za-z0-9@._+-]+")


@dataclass(frozen=True)
class Outcome:
    report: str  # "relaunch weekly 2026-W47"
    recipient: str
    message_id: str = ""
    detail: str = ""  # why it failed or was skipped; the .eml path in a dry run


@dataclass
class SendSummary:
    sent: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    written: list[Outcome] = field(default_factory=list)  # --dry-run: .eml files
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        return [text for text, _error in self.entries()]

    def entries(self) -> list[tuple[str, bool]]:
        """The summary's lines in the message language, each with whether it goes to stderr."""
        out = [(tr("warning: {warning}", warning=w), True) for w in self.warnings]
        for title, items, error in (
            (tr("sent: {n}"), self.sent, False),
            (tr("written: {n}"), self.written, False),
            (tr("skipped (already sent; --resend sends again): {n}"), self.skipped, False),
            (tr("FAILED: {n}"), self.failed, True),
        ):
            if not items:
                continue
            out.append((title.format(n=len(items)), error))
            for item in items:
                line = f"  {item.report} -> {item.recipient}"
                if item.detail and items is not self.skipped:
                    line += f": {item.detail}"
                out.append((line, error))
        totals = tr(
            "{sent} sent, {skipped} skipped, {failed} failed",
            sent=len(self.sent),
            skipped=len(self.skipped),
            failed=len(self.failed),
        )
        if self.written:
            totals += tr(", {written} written (dry run, nothing sent)", written=len(self.written))
        out.append((totals, False))
        return out


def send_reports(
    outgoing: Sequence[OutgoingReport],
    smtp: Smtp | None,
    ledger_path: Path,
    *,
    resend: bool,
    dry_run_outbox: Path | None,
    ssl_context: ssl.SSLContext | None = None,
    environ: Mapping[str, str] | None = None,
    template_dirs: Sequence[Path] | None = None,
    progress: Callable[[str], None] | None = None,
) -> SendSummary:
    """Send (or, with dry_run_outbox, write as .eml) every report to every recipient.

    smtp may be None only for a dry run. Credentials come from `environ` (default os.environ)
    under the names smtp.username_env / smtp.password_env.
    """
    summary = SendSummary()
    note = progress or (lambda _line: None)
    planned = _plan(outgoing, template_dirs, summary)
    if dry_run_outbox is not None:
        entries, problems = read_ledger(ledger_path)
        done = {entry.key() for entry in entries}
        summary.warnings += [
            tr("{where}: unreadable ledger line", where=f"{ledger_path}:{p.line}") for p in problems
        ]
        for delivery in planned:
            if not resend and _key(delivery) in done:
                summary.skipped.append(_outcome(delivery))
                continue
            path = _write_eml(dry_run_outbox, delivery)
            summary.written.append(_outcome(delivery, str(path)))
            note(tr("wrote {path}", path=path))
        return summary
    if smtp is None:
        raise SmtpError(tr("site.yaml has no smtp section: add host, port, security and sender"))
    with Ledger(ledger_path) as ledger:
        summary.warnings += [
            tr("{where}: unreadable ledger line (ignored)", where=f"{ledger_path}:{p.line}")
            for p in ledger.problems
        ]
        todo = []
        for delivery in planned:
            if not resend and ledger.has(*_key(delivery)):
                summary.skipped.append(_outcome(delivery))
            else:
                todo.append(delivery)
        if todo:
            _deliver(todo, smtp, ledger, summary, ssl_context, environ, note)
    return summary


def _plan(
    outgoing: Sequence[OutgoingReport],
    template_dirs: Sequence[Path] | None,
    summary: SendSummary,
) -> list[Delivery]:
    planned: list[Delivery] = []
    for report in outgoing:
        try:
            planned += deliveries(report, template_dirs)
        except ValueError as exc:  # includes HeaderInjectionError: nothing of it is sent
            for person in (*report.recipients, *report.cc):
                summary.failed.append(
                    Outcome(report.label, ascii(person.email)[1:-1], "", str(exc))
                )
    return planned


def _deliver(
    todo: list[Delivery],
    smtp: Smtp,
    ledger: Ledger,
    summary: SendSummary,
    ssl_context: ssl.SSLContext | None,
    environ: Mapping[str, str] | None,
    note: Callable[[str], None],
) -> None:
    try:
        connection = Connection(
            smtp, environ if environ is not None else os.environ, ssl_context=ssl_context
        )
        connection.open()
    except SmtpError as exc:
        summary.failed += [_outcome(d, str(exc)) for d in todo]
        return
    try:
        for index, delivery in enumerate(todo):
            try:
                connection.send(
                    delivery.message,
                    sender_mailbox(delivery.report.sender).email,
                    delivery.recipient.email,
                )
            except ConnectionLostError as exc:
                summary.failed.append(
                    _outcome(
                        delivery, tr("{problem} (check the inbox before --resend)", problem=exc)
                    )
                )
                try:
                    connection.open()
                except SmtpError as again:
                    summary.failed += [_outcome(d, str(again)) for d in todo[index + 1 :]]
                    return
                continue
            except SmtpError as exc:
                summary.failed.append(_outcome(delivery, str(exc)))
                continue
            report = delivery.report
            ledger.record(
                LedgerEntry(
                    message_id=delivery.message_id,
                    recipient=delivery.recipient.email,
                    project=report.project_id,
                    kind=str(report.kind),
                    period=report.period,
                    pdf_sha256=report.pdf_sha256,
                    sent_at=now_utc(),
                )
            )
            summary.sent.append(_outcome(delivery))
            note(
                tr(
                    "sent {report} -> {recipient}",
                    report=report.label,
                    recipient=delivery.recipient.email,
                )
            )
    finally:
        connection.close()


def _key(delivery: Delivery) -> tuple[str, str, str | None, str, str]:
    report = delivery.report
    return (
        report.project_id,
        str(report.kind),
        report.period,
        delivery.recipient.email,
        report.pdf_sha256,
    )


def _outcome(delivery: Delivery, detail: str = "") -> Outcome:
    return Outcome(delivery.report.label, delivery.recipient.email, delivery.message_id, detail)


def eml_name(delivery: Delivery) -> str:
    report = delivery.report
    parts = [report.project_id, str(report.kind), report.period or "", delivery.recipient.email]
    return _EML_SAFE.sub("_", "-".join(p for p in parts if p)) + ".eml"


def _write_eml(outbox: Path, delivery: Delivery) -> Path:
    path = outbox / eml_name(delivery)
    # CRLF line ends, as on the wire: the file opens in any mail program.
    write_file_atomic(path, delivery.message.as_bytes(policy=MAIL_POLICY))
    return path
