"""The value the email package sends: one finished report and who receives it.

The lead's orchestration fills these from the workspace (due reports, rendered PDFs);
nothing here reads the workspace or renders a report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from generator.model.base import Health
from generator.model.site import ReportKind

MAX_TOP_POINTS = 3


@dataclass(frozen=True)
class Mailbox:
    """A person's address; the name is optional and may be in any script."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class OutgoingReport:
    client_name: str
    client_tag: str  # the short name in the subject: "[Acme]" / "【某客户】"
    project_id: str
    project_title: str
    locale: str  # en, zh-CN or en-XX (English text, the dates and numbers of country XX)
    kind: ReportKind
    period: str | None  # "2026-W47", "2026-11"; None for the closing report
    period_end: dt.date  # the Date header is built from it, never from the clock
    health: Health
    health_reason: str
    pdf: bytes = field(repr=False)
    pdf_filename: str
    sender: str  # "Name <address>" or a bare address (site.yaml smtp.sender)
    recipients: tuple[Mailbox, ...]
    cc: tuple[Mailbox, ...] = ()
    top_points: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    portal_url: str | None = None
    sign_off: str | None = None  # the manager's name under the summary
    # The digest's words (present.digest), so the mail says what the portal and PDF say;
    # empty: worded from `health` by the e-mail catalog.
    health_label: str = ""
    computed_label: str = ""  # the computed health, when it differs from the PM's
    completed: bool = False  # a closed project: "Completed" in neutral colours, no light
    progress: str = ""  # "40% complete, 58% planned by now"
    next_milestone: str = ""  # "Go-live (Jan 15, 2027)"
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        if len(self.top_points) > MAX_TOP_POINTS:
            raise ValueError(
                f"at most {MAX_TOP_POINTS} top points go into an email, got {len(self.top_points)}"
            )
        if self.kind != ReportKind.closing and not self.period:
            raise ValueError(f"a {self.kind} report needs a period such as 2026-W47 or 2026-11")

    @property
    def pdf_sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()

    @property
    def label(self) -> str:
        """project/kind/period, as the summary and the ledger name a report."""
        return f"{self.project_id} {self.kind}" + (f" {self.period}" if self.period else "")
