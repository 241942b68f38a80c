"""Report emails as a mail program sees them: subject, bodies, attachment, threading, headers."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator.model.base import Health
from generator.model.site import ReportKind
from generator.publish.email import HeaderInjectionError, Mailbox, texts
from generator.publish.email.message import Delivery, deliveries
from generator.workspace import BUILTIN_TEMPLATES
from tests.report_factory import chinese_report, pdf, report

MONTHLY = {"kind": ReportKind.monthly, "period": "2026-11", "period_end": dt.date(2026, 11, 30)}
CLOSING = {"kind": ReportKind.closing, "period": None, "period_end": dt.date(2026, 12, 18)}


def parse(delivery: Delivery) -> EmailMessage:
    """Through bytes and back, as the receiving side does."""
    parsed = BytesParser(policy=policy.default).parsebytes(delivery.message.as_bytes())
    assert isinstance(parsed, EmailMessage)
    return parsed


def first(rep: object) -> EmailMessage:
    return parse(deliveries(rep)[0])  # type: ignore[arg-type]


def bodies(msg: EmailMessage) -> tuple[str, str]:
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


@pytest.mark.parametrize(
    ("overrides", "subject"),
    [
        ({}, "[Acme] Weekly status 2026-W47 · Website relaunch"),
        (MONTHLY, "[Acme] Monthly status November 2026 · Website relaunch"),
        (CLOSING, "[Acme] Closing report · Website relaunch"),
    ],
)
def test_english_subjects(overrides: dict[str, object], subject: str) -> None:
    assert first(report(**overrides))["Subject"] == subject


@pytest.mark.parametrize(
    ("overrides", "subject"),
    [
        ({}, "【某客户】项目周报 2026年第47周 · 官网改版"),
        (MONTHLY, "【某客户】项目月报 2026年11月 · 官网改版"),
        (CLOSING, "【某客户】结项报告 · 官网改版"),
    ],
)
def test_chinese_subjects_decode(overrides: dict[str, object], subject: str) -> None:
    msg = first(chinese_report(**overrides))
    assert msg["Subject"] == subject
    raw = deliveries(chinese_report(**overrides))[0].message.as_bytes()
    assert raw.isascii(), "headers and bodies must be MIME-encoded for 7-bit transport"


def test_single_digit_week_reads_naturally() -> None:
    rep = chinese_report(period="2027-W05", period_end=dt.date(2027, 2, 7))
    assert "2027年第5周" in first(rep)["Subject"]
    assert "2027-W05" in first(report(period="2027-W05"))["Subject"]


def test_pdf_attachment_is_intact_and_named_in_rfc2231() -> None:
    rep = chinese_report()
    msg = first(rep)
    attachments = list(msg.iter_attachments())
    assert len(attachments) == 1
    part = attachments[0]
    assert part.get_content_type() == "application/pdf"
    assert part.get_filename() == "官网改版 项目周报 2026年第47周.pdf"
    raw = deliveries(rep)[0].message.as_string()
    assert re.search(r"filename\*(0\*)?=utf-8''%E5%AE%98", raw), "RFC 2231 encoding"
    assert part.get_param("name") == "官网改版 项目周报 2026年第47周.pdf"  # for older Outlook
    data = part.get_content()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(rep.pdf).hexdigest()


def test_addresses_date_and_language() -> None:
    rep = report()
    msgs = [parse(d) for d in deliveries(rep)]
    assert [m["To"] for m in msgs] == [
        "Jana Roth <jana.roth@acme.example>",
        "Max Weber <max.weber@acme.example>",
        # The manager's own copy, addressed like the client's message.
        "Jana Roth <jana.roth@acme.example>, Max Weber <max.weber@acme.example>",
    ]
    for msg in msgs:
        assert msg["From"] == "Northwind Projects <projects@northwind.example>"
        assert msg["Cc"] == "Lena Hoffmann <lena@northwind.example>"
        # The period's last day, end of the working day in the workspace's time zone.
        assert msg["Date"].datetime == dt.datetime(
            2026, 11, 22, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
        )
        assert msg["Content-Language"] == "en"


def test_each_recipient_gets_exactly_one_message() -> None:
    pm = Mailbox("lena@northwind.example", "Lena")
    rep = report(recipients=(Mailbox("a@acme.example"), pm, Mailbox("A@acme.example")), cc=(pm,))
    assert [d.recipient.email for d in deliveries(rep)] == ["a@acme.example", pm.email]


def test_message_ids_are_stable_and_distinct() -> None:
    ids = [d.message_id for d in deliveries(report())]
    assert ids == [d.message_id for d in deliveries(report())]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"<[0-9a-f]{32}@northwind\.example>", i) for i in ids)
    other_week = report(period="2026-W46", period_end=dt.date(2026, 11, 15))
    assert not set(ids) & {d.message_id for d in deliveries(other_week)}
    corrected = report(pdf=pdf("corrected"))
    assert not set(ids) & {d.message_id for d in deliveries(corrected)}


def test_weekly_mails_of_a_project_thread_together() -> None:
    week46 = first(report(period="2026-W46", period_end=dt.date(2026, 11, 15)))
    week47 = first(report())
    root = week47["References"]
    assert root == week46["References"] == week47["In-Reply-To"]
    assert root not in (week46["Message-ID"], week47["Message-ID"])
    assert first(report(**MONTHLY))["References"] != root
    assert first(report(project_id="intranet"))["References"] != root


def test_same_report_gives_same_bytes() -> None:
    one = [d.message.as_bytes() for d in deliveries(chinese_report())]
    two = [d.message.as_bytes() for d in deliveries(chinese_report())]
    assert one == two


def test_bodies_carry_health_points_decisions_and_link() -> None:
    text, html = bodies(first(report()))
    for body in (text, html):
        assert "Dear Jana Roth," in body
        assert "Here is the weekly status report for Website relaunch, week 2026-W47." in body
        assert "At risk" in body
        assert "Milestone M2 (design sign-off) slipped 5 days." in body
        assert "Checkout redesign shipped to staging" in body
        assert "Approve the extra payment provider by 2026-11-27" in body
        assert "relaunch-weekly-2026-W47.pdf" in body
        assert "Lena Hoffmann" in body
    assert 'href="https://status.northwind.example/acme/relaunch/"' in html
    assert "Project portal: https://status.northwind.example/acme/relaunch/" in text
    assert "<style" not in html and "<table" in html  # inline CSS, table layout


def test_closing_and_monthly_have_their_own_intro() -> None:
    closing_text, _ = bodies(first(report(**CLOSING)))
    assert "Website relaunch is complete. Here is the closing report." in closing_text
    monthly_text, _ = bodies(first(chinese_report(**MONTHLY)))
    assert "现发送官网改版项目月报（2026年11月），请查阅。" in monthly_text


def test_optional_parts_are_left_out() -> None:
    rep = report(top_points=(), decisions=(), portal_url=None, health=Health.green)
    text, html = bodies(first(rep))
    assert "Highlights" not in html and "Decisions needed" not in text
    assert "href=" not in html and "Project portal" not in text
    assert "On track" in text


def test_chinese_bodies_have_no_english_left() -> None:
    text, html = bodies(first(chinese_report(health=Health.red)))
    assert "王芳，您好：" in text
    assert "严重偏离" in text and "严重偏离" in html
    assert "本期要点" in html and "需要您决策的事项" in html
    visible = re.sub(r"<[^>]+>", " ", html) + text
    # Links, addresses and file names are data, and "PDF" is what Chinese readers call it too.
    visible = re.sub(r"https?://\S+|[\w.+-]+@[\w.-]+|\S+\.pdf|PDF", " ", visible)
    english = re.findall(r"[A-Za-z]{3,}", visible)
    assert english == [], f"untranslated words in the zh-CN email: {english}"


def test_every_email_string_has_a_chinese_translation() -> None:
    extracted = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(BUILTIN_TEMPLATES / "email"),
            method_map=[("*.html", "jinja2"), ("*.txt", "jinja2")],
            options_map={"*": {"newstyle_gettext": "true"}},
        )
    }
    python_strings = {
        *texts._KIND.values(),
        *texts._HEALTH.values(),
        "[%(tag)s] %(kind)s %(period)s · %(title)s",
        "[%(tag)s] %(kind)s · %(title)s",
        "%(year)d-W%(week)02d",
    }
    with texts.catalog_path("zh-CN").open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    assert extracted, "no strings found in templates/email"
    assert extracted | python_strings <= translated


def test_html_escapes_what_the_content_says() -> None:
    rep = report(
        top_points=("<script>alert(1)</script>",),
        health_reason='<img src=x onerror="alert(1)">',
    )
    _, html = bodies(first(rep))
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<img" not in html


def test_portal_link_must_be_http() -> None:
    with pytest.raises(ValueError, match="portal URL"):
        deliveries(report(portal_url="javascript:alert(1)"))


INJECTIONS = [
    "x\r\nBcc: evil@attacker.example",
    "x\nBcc: evil@attacker.example",
    "x\rBcc: evil@attacker.example",
    "x\u2028Bcc: evil@attacker.example",
    "x\x85Bcc: evil@attacker.example",
    "x\x00y",
]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize(
    "field",
    [
        "client_tag",
        "project_title",
        "recipient name",
        "recipient address",
        "cc name",
        "cc address",
        "sender",
        "pdf_filename",
        "portal_url",
    ],
)
def test_line_breaks_in_header_values_are_refused(field: str, payload: str) -> None:
    overrides: dict[str, object]
    if field == "recipient name":
        overrides = {"recipients": (Mailbox("a@acme.example", payload),)}
    elif field == "recipient address":
        overrides = {"recipients": (Mailbox(f"a@acme.example{payload}"),)}
    elif field == "cc name":
        overrides = {"cc": (Mailbox("pm@northwind.example", payload),)}
    elif field == "cc address":
        overrides = {"cc": (Mailbox(f"pm@northwind.example{payload}"),)}
    elif field == "sender":
        overrides = {"sender": f"Projects <projects@northwind.example>{payload}"}
    elif field == "portal_url":
        overrides = {"portal_url": f"https://status.example/{payload}"}
    else:
        overrides = {field: payload}
    with pytest.raises(HeaderInjectionError):
        deliveries(report(**overrides))


def test_too_many_top_points_are_refused() -> None:
    with pytest.raises(ValueError, match="at most 3"):
        report(top_points=("a", "b", "c", "d"))


def test_workspace_template_overrides_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "email").mkdir()
    (tmp_path / "email" / "weekly.txt").write_text("Custom weekly for {{ project_title }}\n")
    rep = report()
    msg = parse(deliveries(rep, [tmp_path, BUILTIN_TEMPLATES])[0])
    text, html = bodies(msg)
    assert text.strip() == "Custom weekly for Website relaunch"
    assert "Here is the weekly status report" in html  # not overridden: the built-in one


@pytest.mark.parametrize(
    ("kind", "period"),
    [(ReportKind.weekly, "2026-11"), (ReportKind.monthly, "2026-W47"), (ReportKind.weekly, "W47")],
)
def test_period_must_fit_the_report_kind(kind: ReportKind, period: str) -> None:
    with pytest.raises(ValueError, match="must look like"):
        deliveries(report(kind=kind, period=period))
