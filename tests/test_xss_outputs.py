"""XSS payloads in every text field, through the outputs beyond the portal: e-mails, PDFs and
chat cards. Nothing executes or escapes its context; the payload stays readable as text.
"""

from __future__ import annotations

import datetime as dt
import email
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType

import pytest
import weasyprint.urls

from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio
from generator.model.site import ReportKind
from generator.publish.delivery import outgoing_reports
from generator.publish.email.message import deliveries
from generator.publish.email.outgoing import OutgoingReport
from generator.publish.notify import dingtalk, feishu, slack, teams, wecom
from generator.publish.notify.card import card_for_project
from generator.publish.notify.message import markdown_escape
from generator.workspace import Workspace
from tests.test_xss import _Inspector
from tests.xss_workspace import MARKER, XSS_URL, write_workspace

AS_OF = dt.date(2026, 11, 20)
HEADERS = {
    "Subject", "From", "To", "Cc", "Date", "Message-ID", "In-Reply-To", "References",
    "MIME-Version", "Content-Type", "Content-Language",
}  # fmt: skip


@dataclass
class Outputs:
    root: Path
    portfolio: Portfolio
    reports: list[OutgoingReport]
    fetched: list[str]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outputs]:
    root = write_workspace(tmp_path_factory.mktemp("xss-out") / "ws")
    portfolio = load_workspace(root)
    fetched: list[str] = []
    real = weasyprint.urls.URLFetcher.fetch

    def spy(self: weasyprint.urls.URLFetcher, url: str, *args: object, **kw: object) -> object:
        fetched.append(url)
        return real(self, url, *args, **kw)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.urls.URLFetcher, "fetch", spy)
        reports = []
        for kind, period in ((ReportKind.weekly, "2026-W46"), (ReportKind.closing, None)):
            found, notes = outgoing_reports(
                Workspace(root), portfolio, kind, "relaunch", period, AS_OF
            )
            assert notes == [] and len(found) == 1
            reports += found
    yield Outputs(root, portfolio, reports, fetched)


def _messages(outputs: Outputs) -> list[EmailMessage]:
    return [
        email.message_from_bytes(d.message.as_bytes(), policy=policy.default)  # type: ignore[misc]
        for report in outputs.reports
        for d in deliveries(report)
    ]


def test_pdf_rendering_fetches_nothing_outside_the_workspace(outputs: Outputs) -> None:
    inside = outputs.root.as_uri() + "/"
    strays = [u for u in outputs.fetched if not u.startswith((inside, "data:"))]
    assert strays == []


def test_pdfs_show_the_payload_as_text(outputs: Outputs, tmp_path: Path) -> None:
    for report in outputs.reports:
        pdf = tmp_path / report.pdf_filename
        pdf.write_bytes(report.pdf)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "alert(1)" in text and "<script>" in text, report.pdf_filename
        assert XSS_URL in text


def test_email_headers_are_the_expected_ones_and_hold_the_names(outputs: Outputs) -> None:
    messages = _messages(outputs)
    assert messages
    for msg in messages:
        assert set(msg.keys()) <= HEADERS, sorted(set(msg.keys()) - HEADERS)
        assert "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>" in str(msg["Subject"])
        for part in msg.walk():
            assert set(part.keys()) <= HEADERS | {
                "Content-Transfer-Encoding",
                "Content-Disposition",
            }


def test_email_addresses_read_back_as_written(outputs: Outputs) -> None:
    for report, msg in zip(
        [r for r in outputs.reports for _ in deliveries(r)], _messages(outputs), strict=True
    ):
        to = msg["To"].addresses  # type: ignore[union-attr]
        assert [(a.display_name, a.addr_spec) for a in to] == [
            (m.name, m.email) for m in report.recipients
        ]
        sender = msg["From"].addresses[0]  # type: ignore[union-attr]
        assert sender.addr_spec == "milepost@localhost"
        assert sender.display_name == outputs.portfolio.site.name


def test_email_html_part_has_no_executable_markup(outputs: Outputs) -> None:
    for msg in _messages(outputs):
        html = msg.get_body(("html",))
        plain = msg.get_body(("plain",))
        assert html is not None and plain is not None
        inspector = _Inspector()
        inspector.feed(html.get_content())  # type: ignore[attr-defined]
        assert inspector.problems == []
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.get_content()  # type: ignore[attr-defined]
        assert MARKER in plain.get_content()  # type: ignore[attr-defined]


def test_a_pdf_never_opens_a_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even HTML that asks for a remote image or stylesheet: the fetcher refuses the scheme."""
    from generator.render.pdf import html_to_pdf

    opened: list[str] = []
    monkeypatch.setattr(
        "urllib.request.OpenerDirector.open",
        lambda self, url, *a, **k: opened.append(str(getattr(url, "full_url", url))),
    )
    html = (
        f'<link rel=stylesheet href="{XSS_URL}.css"><p>x</p><img src="{XSS_URL}.png">'
        f"<p style=\"background: url('{XSS_URL}.gif')\">y</p>"
    )
    _pdf, warnings = html_to_pdf(html, Path("/tmp"), strict=False)
    assert opened == []
    assert any(XSS_URL in w for w in warnings), warnings  # the author learns why it is missing


# A Markdown link or an HTML tag / mention that is not preceded by an escaping backslash.
_LIVE_LINK = re.compile(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\((?:javascript|data|https?):")
_LIVE_TAG = re.compile(r"(?<!\\)<(?:at[\s>]|@|!channel|script|img|svg|a\s)", re.IGNORECASE)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if value.get("tag") == "plain_text":  # Feishu shows these as written, not as Markdown
            return []
        return [s for k, v in value.items() if k != "title" or v is None for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("adapter", [dingtalk, feishu, wecom, teams])
def test_markdown_chat_cards_hold_no_live_link_tag_or_mention(
    outputs: Outputs, adapter: ModuleType
) -> None:
    card = card_for_project(outputs.portfolio, "relaunch", AS_OF, "weekly", period="2026-W47")
    assert "[click](javascript:alert(1))" in card.highlights  # the payloads reached the card
    assert any("<at id=all></at>" in d for d in card.decisions)
    message = adapter.render(card)
    posted = json.loads(message.json_bytes())  # valid JSON: what the chat receives
    texts = _strings(posted)  # DingTalk's plain "title" is left out
    joined = "\n".join(texts)
    # Our own markup stays: DingTalk and WeCom colour the health with <font>.
    assert _LIVE_LINK.findall(joined) == []
    assert _LIVE_TAG.findall(joined) == []
    assert markdown_escape("[click](javascript:alert(1))") in joined  # shown, as text


def test_slack_card_holds_no_live_link_or_mention(outputs: Outputs) -> None:
    card = card_for_project(outputs.portfolio, "relaunch", AS_OF, "weekly", period="2026-W47")
    message = slack.render(card)
    mrkdwn = [
        s
        for block in message.body["blocks"]
        if block["type"] in ("section", "context")
        for s in _strings(block)
        if s not in ("mrkdwn", "section", "context")
    ]
    joined = "\n".join(mrkdwn)
    assert "<!channel>" not in joined and "<https://xss.example" not in joined
    assert "&lt;!channel&gt;" in joined  # shown, as text


def test_markdown_escape_keeps_the_text_readable() -> None:
    assert markdown_escape("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert markdown_escape("<at id=all></at> a_b *c*") == r"\<at id=all\>\</at\> a\_b \*c\*"
    assert markdown_escape("里程碑 2.0 – done") == "里程碑 2.0 – done"
