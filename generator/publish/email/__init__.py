"""Report emails: build (message), send once (smtp, ledger), orchestrate (send)."""

from generator.publish.email.headers import HeaderInjectionError
from generator.publish.email.outgoing import Mailbox, OutgoingReport
from generator.publish.email.send import Outcome, SendSummary, send_reports

__all__ = [
    "HeaderInjectionError",
    "Mailbox",
    "Outcome",
    "OutgoingReport",
    "SendSummary",
    "send_reports",
]
