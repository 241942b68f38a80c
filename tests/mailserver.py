"""A real SMTP server for the email tests: aiosmtpd on 127.0.0.1, a free port, optional
STARTTLS / implicit TLS with a trustme CA, AUTH, refused recipients and a pause hook."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "mailer@agency.example"
PASSWORD = "s3cr3t-Pa55word-7f4c"


@dataclass
class Received:
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.content)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps every accepted message, refuses addresses in `refuse`."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    # Pause: when message number `pause_at` (1-based) arrives, record it, set `paused`, then
    # hold the reply until `release` is set (the client never learns it was accepted).
    pause_at: int | None = None
    paused: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address.lower() in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.received.append(Received(list(envelope.rcpt_tos), bytes(envelope.content)))
            count = len(self.received)
        if self.pause_at is not None and count == self.pause_at:
            self.paused.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
        return "250 2.0.0 accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)  # aiosmtpd then replies 235 or 535


@dataclass
class Server:
    host: str
    port: int
    recorder: Recorder


class TlsCertificates:
    """A throwaway CA and a certificate for 127.0.0.1 / localhost."""

    def __init__(self) -> None:
        self.ca = trustme.CA()
        self.cert = self.ca.issue_cert("127.0.0.1", "localhost")

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.cert.configure_cert(context)
        return context

    def client_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        return context


@contextmanager
def smtp_server(
    recorder: Recorder | None = None,
    *,
    security: str = "none",
    certs: TlsCertificates | None = None,
    auth: bool = False,
) -> Iterator[Server]:
    recorder = recorder or Recorder()
    port = free_port()
    kwargs: dict[str, Any] = {}
    if security == "starttls":
        assert certs is not None
        kwargs.update(tls_context=certs.server_context(), require_starttls=True)
    elif security == "ssl":
        assert certs is not None
        kwargs.update(ssl_context=certs.server_context())
    if auth:
        # aiosmtpd only counts STARTTLS as TLS; on an implicit-TLS port the socket is TLS anyway.
        kwargs.update(
            authenticator=authenticator, auth_required=True, auth_require_tls=security != "ssl"
        )
    controller = Controller(recorder, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield Server("127.0.0.1", port, recorder)
    finally:
        recorder.release.set()
        controller.stop()
