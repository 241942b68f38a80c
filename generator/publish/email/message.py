"""One report email: subject, plain text and HTML bodies, the PDF, threading headers.

Every header value is checked for line breaks first (headers.safe); Message-ID, Date and
References are derived from the report, never from the clock or a random source, so the
same report built twice gives the same message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.publish.email import texts
from generator.publish.email.headers import safe
from generator.publish.email.outgoing import Mailbox, OutgoingReport

FALLBACK_DOMAIN = "milepost.invalid"
SEND_HOUR = dt.time(17, 0)  # the Date header: the period's last day, end of the working day


@dataclass(frozen=True)
class Delivery:
    """One message for one envelope recipient."""

    report: OutgoingReport
    recipient: Mailbox
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


def address(field: str, mailbox: Mailbox) -> Address:
    """A checked header address; raises ValueError with the field named."""
    safe(f"{field} name", mailbox.name)
    safe(f"{field} address", mailbox.email)
    if mailbox.email.count("@") != 1:
        raise ValueError(f"{field} address '{mailbox.email}' is not an e-mail address")
    try:
        return Address(display_name=mailbox.name, addr_spec=mailbox.email)
    except (ValueError, IndexError) as exc:
        raise ValueError(f"{field} address '{mailbox.email}' is not valid: {exc}") from None


def sender_mailbox(sender: str) -> Mailbox:
    """'Name <address>' or a bare address, as site.yaml gives it."""
    safe("sender", sender)
    name, addr = parseaddr(sender)
    if not addr:
        raise ValueError(f"sender '{sender}' is not an e-mail address")
    return Mailbox(email=addr, name=name)


def _domain(sender: str) -> str:
    domain = sender_mailbox(sender).email.rpartition("@")[2]
    return domain or FALLBACK_DOMAIN


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:32]


def message_id(report: OutgoingReport, recipient: str) -> str:
    """Stable per report, recipient and PDF: a corrected PDF is a new message, not a duplicate
    that Gmail would drop for reusing an id it has seen."""
    key = _digest(
        report.project_id,
        str(report.kind),
        report.period or "",
        recipient.lower(),
        report.pdf_sha256,
    )
    return f"<{key}@{_domain(report.sender)}>"


def thread_id(report: OutgoingReport) -> str:
    """One thread per project and report kind: every weekly mail of a project replies to it."""
    return f"<{_digest(report.project_id, str(report.kind), 'thread')}@{_domain(report.sender)}>"


def message_date(report: OutgoingReport) -> str:
    moment = dt.datetime.combine(report.period_end, SEND_HOUR, ZoneInfo(report.timezone))
    return format_datetime(moment)


def _check_report(report: OutgoingReport) -> None:
    safe("client tag", report.client_tag)
    safe("project title", report.project_title)
    safe("PDF file name", report.pdf_filename)
    if "/" in report.pdf_filename or "\\" in report.pdf_filename:
        raise ValueError(f"PDF file name '{report.pdf_filename}' must not contain a folder")
    if report.portal_url is not None:
        safe("portal URL", report.portal_url)
        if not report.portal_url.startswith(("https://", "http://")):
            raise ValueError(f"portal URL '{report.portal_url}' must start with https://")


# Lines up to RFC 5322's hard limit: CPython's folding of a long quoted display name drops
# its quotes, and a name like 'Jana <x@evil> …' would then read back as another address.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def build_message(
    report: OutgoingReport,
    to: Sequence[Mailbox],
    envelope_recipient: Mailbox,
    *,
    greeting_name: str = "",
    template_dirs: Sequence[Path] | None = None,
) -> EmailMessage:
    """The email of one report for one envelope recipient (raises ValueError on bad input)."""
    _check_report(report)
    sender = sender_mailbox(report.sender)
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = safe("subject", texts.subject(report))
    msg["From"] = address("sender", sender)
    msg["To"] = [address("recipient", m) for m in to]
    cc = [m for m in report.cc if m.email.lower() not in {t.email.lower() for t in to}]
    if cc:
        msg["Cc"] = [address("cc", m) for m in cc]
    msg["Date"] = message_date(report)
    msg["Message-ID"] = message_id(report, envelope_recipient.email)
    root = thread_id(report)
    msg["In-Reply-To"] = root
    msg["References"] = root
    text, html = texts.render_bodies(report, greeting_name, template_dirs)
    # quoted-printable: 7-bit safe for any relay, whatever the line length policy allows
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    # policy.default writes a non-ASCII file name as RFC 2231 filename*=utf-8''...
    msg.add_attachment(
        report.pdf,
        maintype="application",
        subtype="pdf",
        filename=report.pdf_filename,
        params={"name": report.pdf_filename},  # some clients read only the Content-Type name
    )
    msg["Content-Language"] = report.locale  # after set_content, which drops Content-* headers
    _settle(msg)
    return msg


def _settle(msg: EmailMessage) -> None:
    """Make the bytes reproducible: boundaries derived from the Message-ID instead of random
    ones, and no MIME-Version inside the parts (Python adds it to every sub-message)."""
    seed = str(msg["Message-ID"])
    for index, part in enumerate(msg.walk()):
        if part is not msg:
            del part["MIME-Version"]
        if part.is_multipart():
            # "=_" cannot occur in base64 or quoted-printable text, so it never collides.
            part.set_boundary(f"=_milepost_{_digest(seed, str(index))}")


def deliveries(
    report: OutgoingReport, template_dirs: Sequence[Path] | None = None
) -> list[Delivery]:
    """One message per client recipient (addressed to them alone, the cc list shown in Cc),
    then one copy for each cc address that is not already a recipient (addressed like the
    client's mail), so nobody receives the same report twice."""
    out: list[Delivery] = []
    seen: set[str] = set()
    for person in _unique(report.recipients):
        seen.add(person.email.lower())
        msg = build_message(
            report, [person], person, greeting_name=person.name, template_dirs=template_dirs
        )
        out.append(Delivery(report, person, msg))
    for person in _unique(report.cc):
        if person.email.lower() in seen:
            continue
        msg = build_message(report, report.recipients, person, template_dirs=template_dirs)
        out.append(Delivery(report, person, msg))
    return out


def _unique(people: Iterable[Mailbox]) -> list[Mailbox]:
    seen: set[str] = set()
    out = []
    for person in people:
        if person.email.lower() not in seen:
            seen.add(person.email.lower())
            out.append(person)
    return out
