"""`send` against a real SMTP server (aiosmtpd on 127.0.0.1): delivery, the ledger, refusals,
TLS, AUTH and the dry run."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest

from generator.model.site import Smtp
from generator.publish.email import Mailbox, SendSummary, send_reports
from generator.publish.email.ledger import Ledger, LedgerBusyError, read_ledger
from tests.mailserver import (
    PASSWORD,
    USER,
    Recorder,
    Server,
    TlsCertificates,
    smtp_server,
)
from tests.report_factory import chinese_report, pdf, report

REPO = Path(__file__).resolve().parent.parent
SENDER = "projects@northwind.example"
CLIENTS = ["jana.roth@acme.example", "max.weber@acme.example"]
PM = "lena@northwind.example"


@pytest.fixture(scope="module")
def certs() -> TlsCertificates:
    return TlsCertificates()


@pytest.fixture()
def server() -> Iterator[Server]:
    with smtp_server() as running:
        yield running


def settings(server: Server, **overrides: Any) -> Smtp:
    values: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "security": "none",
        "sender": SENDER,
    }
    values.update(overrides)
    return Smtp(**values)


def send(server: Server, ledger: Path, reports: list[Any], **kwargs: Any) -> SendSummary:
    smtp = kwargs.pop("smtp", None) or settings(server)
    kwargs.setdefault("resend", False)
    kwargs.setdefault("dry_run_outbox", None)
    return send_reports(reports, smtp, ledger, **kwargs)


def two_weeks() -> list[Any]:
    return [
        report(period="2026-W46", period_end=dt.date(2026, 11, 15)),
        report(),
    ]


def test_messages_arrive_parse_thread_and_carry_the_pdf(server: Server, tmp_path: Path) -> None:
    reports = two_weeks()
    summary = send(server, tmp_path / "ledger.jsonl", reports)
    assert summary.exit_code == 0 and not summary.failed
    assert len(summary.sent) == 6  # two weeks x (two clients + the manager's copy)
    received = server.recorder.received
    assert sorted(r.rcpt_tos[0] for r in received) == sorted([*CLIENTS, PM] * 2)
    assert all(len(r.rcpt_tos) == 1 for r in received)
    roots = set()
    for item in received:
        msg = item.message
        assert msg["From"] == f"{SENDER}".join(["Northwind Projects <", ">"])
        roots.add(msg["References"])
        (attachment,) = msg.iter_attachments()
        week = "2026-W46" if "2026-W46" in msg["Subject"] else "2026-W47"
        expected = next(r.pdf for r in reports if r.period == week)
        got = attachment.get_content()
        assert hashlib.sha256(got).hexdigest() == hashlib.sha256(expected).hexdigest()
    assert len(roots) == 1, "both weeks reference the same thread root"
    ids = {item.message["Message-ID"] for item in received}
    assert len(ids) == 6


def test_second_run_sends_nothing(server: Server, tmp_path: Path) -> None:
    ledger = tmp_path / ".milepost" / "send-ledger.jsonl"
    send(server, ledger, two_weeks())
    before = len(server.recorder.received)
    again = send(server, ledger, two_weeks())
    assert len(server.recorder.received) == before
    assert not again.sent and len(again.skipped) == 6 and again.exit_code == 0
    entries, problems = read_ledger(ledger)
    assert len(entries) == 6 and not problems
    first = entries[0]
    assert first.project == "relaunch" and first.kind == "weekly" and first.period == "2026-W46"
    assert first.pdf_sha256 == hashlib.sha256(two_weeks()[0].pdf).hexdigest()
    assert first.message_id.startswith("<") and first.sent_at.endswith("+00:00")


def test_resend_and_a_changed_pdf_go_out_again(server: Server, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    send(server, ledger, [report()])
    assert len(send(server, ledger, [report()], resend=True).sent) == 3
    corrected = report(pdf=pdf("corrected figures"))
    assert len(send(server, ledger, [corrected]).sent) == 3
    assert len(server.recorder.received) == 9


def test_refused_recipient_is_reported_and_the_rest_go_out(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    with smtp_server(Recorder(refuse={CLIENTS[0]})) as server:
        summary = send(server, ledger, [report()])
        assert [f.recipient for f in summary.failed] == [CLIENTS[0]]
        assert "550" in summary.failed[0].detail
        assert sorted(s.recipient for s in summary.sent) == sorted([CLIENTS[1], PM])
        assert summary.exit_code == 1
        assert server.recorder.to(CLIENTS[0]) == []
        assert "FAILED: 1" in summary.lines()
        assert "2 sent, 0 skipped, 1 failed" in summary.lines()
    # The mailbox is fixed: the next run sends only what is missing.
    with smtp_server() as server:
        summary = send(server, ledger, [report()])
        assert [s.recipient for s in summary.sent] == [CLIENTS[0]]
        assert len(summary.skipped) == 2


def test_bad_header_value_fails_that_report_only(server: Server, tmp_path: Path) -> None:
    evil = report(project_id="intranet", project_title="Intranet\r\nBcc: spy@attacker.example")
    summary = send(server, tmp_path / "l.jsonl", [evil, report()])
    assert {f.report for f in summary.failed} == {"intranet weekly 2026-W47"}
    assert "line break" in summary.failed[0].detail
    assert len(summary.sent) == 3
    for item in server.recorder.received:
        assert all(rcpt != "spy@attacker.example" for rcpt in item.rcpt_tos)
        assert b"attacker" not in item.content


def test_chinese_report_over_the_wire(server: Server, tmp_path: Path) -> None:
    send(server, tmp_path / "l.jsonl", [chinese_report()])
    msg = server.recorder.to("wang.fang@client.example")[0].message
    assert msg["Subject"] == "【某客户】项目周报 2026年第47周 · 官网改版"
    assert msg["To"] == "王芳 <wang.fang@client.example>"
    (attachment,) = msg.iter_attachments()
    assert attachment.get_filename() == "官网改版 项目周报 2026年第47周.pdf"


def test_starttls_with_a_trusted_test_certificate(tmp_path: Path, certs: TlsCertificates) -> None:
    with smtp_server(security="starttls", certs=certs) as server:
        smtp = settings(server, security="starttls")
        summary = send(
            server, tmp_path / "l.jsonl", [report()], smtp=smtp, ssl_context=certs.client_context()
        )
        assert len(summary.sent) == 3 and not summary.failed
        assert len(server.recorder.received) == 3


def test_starttls_refuses_an_untrusted_certificate(tmp_path: Path, certs: TlsCertificates) -> None:
    with smtp_server(security="starttls", certs=certs) as server:
        smtp = settings(server, security="starttls")
        summary = send(server, tmp_path / "l.jsonl", [report()], smtp=smtp)  # system CAs only
        assert len(summary.failed) == 3 and not summary.sent
        assert "certificate verify failed" in summary.failed[0].detail
        assert server.recorder.received == []


def test_starttls_missing_on_the_server_is_an_error(server: Server, tmp_path: Path) -> None:
    summary = send(
        server, tmp_path / "l.jsonl", [report()], smtp=settings(server, security="starttls")
    )
    assert "does not offer STARTTLS" in summary.failed[0].detail
    assert server.recorder.received == []


def test_implicit_tls(tmp_path: Path, certs: TlsCertificates) -> None:
    with smtp_server(security="ssl", certs=certs) as server:
        smtp = settings(server, security="ssl")
        summary = send(
            server, tmp_path / "l.jsonl", [report()], smtp=smtp, ssl_context=certs.client_context()
        )
        assert len(summary.sent) == 3


AUTH_ENV = {"username_env": "MILEPOST_TEST_SMTP_USER", "password_env": "MILEPOST_TEST_SMTP_PASS"}


def test_auth_with_credentials_from_the_environment(tmp_path: Path, certs: TlsCertificates) -> None:
    with smtp_server(security="starttls", certs=certs, auth=True) as server:
        smtp = settings(server, security="starttls", **AUTH_ENV)
        env = {"MILEPOST_TEST_SMTP_USER": USER, "MILEPOST_TEST_SMTP_PASS": PASSWORD}
        summary = send(
            server,
            tmp_path / "l.jsonl",
            [report()],
            smtp=smtp,
            ssl_context=certs.client_context(),
            environ=env,
        )
        assert len(summary.sent) == 3
        # Without credentials the server refuses to take mail at all.
        summary = send(
            server,
            tmp_path / "other.jsonl",
            [report()],
            smtp=settings(server, security="starttls"),
            ssl_context=certs.client_context(),
        )
        assert len(summary.failed) == 3
        assert len(server.recorder.received) == 3


def _leaks(text: str) -> list[str]:
    import base64

    forms = [PASSWORD, base64.b64encode(PASSWORD.encode()).decode()]
    forms.append(base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode())
    return [f for f in forms if f in text]


@pytest.mark.parametrize("password", [PASSWORD, "wrong-" + PASSWORD])
def test_password_never_appears_in_output_or_errors(
    tmp_path: Path, certs: TlsCertificates, password: str
) -> None:
    """Run send as its own process and read everything it printed, the ledger and summary."""
    cafile = tmp_path / "ca.pem"
    certs.ca.cert_pem.write_to_path(str(cafile))
    pdf_path = tmp_path / "r.pdf"
    pdf_path.write_bytes(pdf("leak test"))
    with smtp_server(security="starttls", certs=certs, auth=True) as server:
        spec = {
            "smtp": {
                "host": server.host,
                "port": server.port,
                "security": "starttls",
                "sender": SENDER,
                **AUTH_ENV,
            },
            "cafile": str(cafile),
            "ledger": str(tmp_path / "ledger.jsonl"),
            "reports": [
                {
                    "project": "relaunch",
                    "period": "2026-W47",
                    "period_end": "2026-11-22",
                    "pdf_path": str(pdf_path),
                    "recipients": CLIENTS,
                }
            ],
        }
        (tmp_path / "spec.json").write_text(json.dumps(spec))
        env = {
            **os.environ,
            "MILEPOST_TEST_SMTP_USER": USER,
            "MILEPOST_TEST_SMTP_PASS": password,
            "PYTHONPATH": str(REPO),
        }
        result = subprocess.run(
            [sys.executable, str(REPO / "tests" / "send_runner.py"), str(tmp_path / "spec.json")],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    output = result.stdout + result.stderr
    if password == PASSWORD:
        assert result.returncode == 0, output
        assert "2 sent" in output
    else:
        assert result.returncode == 1
        assert "refused the user name or password" in output
        assert "$MILEPOST_TEST_SMTP_PASS" in output  # names the variable, not its value
    assert "Traceback" not in output
    assert _leaks(output) == []
    ledger = tmp_path / "ledger.jsonl"
    assert _leaks(ledger.read_text() if ledger.exists() else "") == []


def test_wrong_password_error_text_has_no_password(tmp_path: Path, certs: TlsCertificates) -> None:
    with smtp_server(security="starttls", certs=certs, auth=True) as server:
        env = {"MILEPOST_TEST_SMTP_USER": USER, "MILEPOST_TEST_SMTP_PASS": "nope-" + PASSWORD}
        summary = send(
            server,
            tmp_path / "l.jsonl",
            [report()],
            smtp=settings(server, security="starttls", **AUTH_ENV),
            ssl_context=certs.client_context(),
            environ=env,
        )
    text = "\n".join(summary.lines()) + repr(summary)
    assert summary.failed and _leaks(text) == []
    assert "nope-" not in text


def test_missing_environment_variable_is_named(server: Server, tmp_path: Path) -> None:
    smtp = settings(server, security="starttls", **AUTH_ENV)
    summary = send(server, tmp_path / "l.jsonl", [report()], smtp=smtp, environ={})
    assert "MILEPOST_TEST_SMTP_USER, MILEPOST_TEST_SMTP_PASS is not set" in summary.failed[0].detail


def test_password_is_not_sent_unencrypted(server: Server, tmp_path: Path) -> None:
    env = {"MILEPOST_TEST_SMTP_USER": USER, "MILEPOST_TEST_SMTP_PASS": PASSWORD}
    smtp = settings(server, security="none", **AUTH_ENV)
    summary = send(server, tmp_path / "l.jsonl", [report()], smtp=smtp, environ=env)
    assert "unencrypted" in summary.failed[0].detail
    assert server.recorder.received == []


def test_dry_run_writes_eml_files_and_sends_nothing(server: Server, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    outbox = tmp_path / "outbox"
    summary = send(server, ledger, [chinese_report()], dry_run_outbox=outbox)
    assert server.recorder.received == [] and not ledger.exists()
    files = sorted(outbox.glob("*.eml"))
    assert [f.name for f in files] == [
        "relaunch-weekly-2026-W47-lena@northwind.example.eml",
        "relaunch-weekly-2026-W47-wang.fang@client.example.eml",
    ]
    assert len(summary.written) == 2 and summary.exit_code == 0
    msg = BytesParser(policy=policy.default).parsebytes(files[1].read_bytes())
    assert msg["Subject"] == "【某客户】项目周报 2026年第47周 · 官网改版"
    assert b"\r\n" in files[1].read_bytes()
    # A dry run needs no SMTP settings, and skips what the ledger already has.
    send(server, ledger, [chinese_report()])
    again = send_reports(
        [chinese_report()], None, ledger, resend=False, dry_run_outbox=tmp_path / "o2"
    )
    assert len(again.skipped) == 2 and not again.written


def test_a_second_send_on_the_same_ledger_is_refused(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    with Ledger(ledger), pytest.raises(LedgerBusyError), Ledger(ledger):
        pass


def test_torn_last_line_is_ignored_and_does_not_merge(server: Server, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    send(server, ledger, [report(recipients=(Mailbox(CLIENTS[0]),), cc=())])
    with ledger.open("ab") as handle:
        handle.write(b'{"message_id": "<x@y>", "recipient": "max')  # a crash mid-write
    summary = send(server, ledger, [report()])
    assert [s.recipient for s in summary.sent] == [CLIENTS[1], PM]
    assert any("unreadable ledger line" in w for w in summary.warnings)
    entries, problems = read_ledger(ledger)
    assert len(entries) == 3 and [p.line for p in problems] == [2]


def test_send_command_prints_summary_and_exit_code(tmp_path: Path) -> None:
    from generator.publish.email.command import ledger_path, run_send
    from generator.workspace import Workspace

    workspace = Workspace(tmp_path)
    said: list[tuple[str, bool]] = []

    def echo(text: str, err: bool = False) -> None:
        said.append((text, err))

    with smtp_server(Recorder(refuse={PM})) as server:
        code = run_send(
            [report()], settings(server), workspace, resend=False, dry_run_outbox=None, echo=echo
        )
    assert code == 1
    assert ("FAILED: 1", True) in said
    assert ("2 sent, 0 skipped, 1 failed", False) in said
    assert ledger_path(workspace) == tmp_path / ".milepost" / "send-ledger.jsonl"
    assert len(read_ledger(ledger_path(workspace))[0]) == 2
    said.clear()
    assert run_send([], None, workspace, resend=False, dry_run_outbox=None, echo=echo) == 0
    code = run_send([report()], None, workspace, resend=False, dry_run_outbox=None, echo=echo)
    assert code == 1 and "no smtp section" in said[-1][0]
