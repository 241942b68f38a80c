"""The SMTP connection: site.yaml's host, port and security; credentials from the environment.

The user name and password are read only from the environment variables that site.yaml names
(smtp.username_env, smtp.password_env), never from a file. They are never printed: every
error leaving this module passes through `Redactor`, which removes them and their base64 forms
(AUTH PLAIN and LOGIN carry them base64-encoded).
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import TracebackType

from generator.model.site import Smtp


class SmtpError(Exception):
    """A failure to report to the user; its text never holds a credential."""


class RecipientRefusedError(SmtpError):
    """The server refused this recipient; other recipients can still be sent to."""


class ConnectionLostError(SmtpError):
    """The connection is gone; the message may or may not have been accepted."""


@dataclass(frozen=True)
class Credentials:
    username: str = field(repr=False)
    password: str = field(repr=False)


def credentials_from_env(smtp: Smtp, environ: Mapping[str, str]) -> Credentials | None:
    """The named environment variables' values, or None when site.yaml names none."""
    if not smtp.username_env and not smtp.password_env:
        return None
    missing = [
        name for name in (smtp.username_env, smtp.password_env) if not name or not environ.get(name)
    ]
    if not smtp.username_env or not smtp.password_env:
        raise SmtpError(
            "site.yaml smtp: set both username_env and password_env (the names of the "
            "environment variables holding the SMTP user name and password), or neither"
        )
    if missing:
        raise SmtpError(
            f"environment variable {', '.join(str(m) for m in missing)} is not set: "
            "export the SMTP credentials before running `milepost send`"
        )
    return Credentials(environ[smtp.username_env], environ[smtp.password_env])


class Redactor:
    """Removes credentials, plain and base64-encoded, from any text shown to the user."""

    def __init__(self, credentials: Credentials | None) -> None:
        secrets: set[str] = set()
        if credentials:
            user, password = credentials.username, credentials.password
            for value in (user, password, f"\0{user}\0{password}", f"{user}\0{user}\0{password}"):
                secrets.add(value)
                secrets.add(base64.b64encode(value.encode("utf-8")).decode("ascii"))
        # Longest first, so a base64 blob is removed whole before any part of it.
        self._secrets = sorted((s for s in secrets if len(s) >= 3), key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error
        text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        return f"{exc.smtp_code} {text}"
    return str(exc) or type(exc).__name__


class Connection:
    """`with Connection(smtp, environ) as conn: conn.send(msg, to)`."""

    def __init__(
        self,
        smtp: Smtp,
        environ: Mapping[str, str],
        *,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.settings = smtp
        self.credentials = credentials_from_env(smtp, environ)
        self.redact = Redactor(self.credentials)
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.timeout = timeout
        self._client: smtplib.SMTP | None = None
        if self.credentials and smtp.security == "none":
            raise SmtpError(
                "site.yaml smtp: refusing to send the SMTP password unencrypted; "
                "set security: starttls or ssl"
            )

    def __enter__(self) -> Connection:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _fail(self, what: str, exc: BaseException) -> SmtpError:
        where = f"{self.settings.host}:{self.settings.port}"
        return SmtpError(self.redact(f"{what} ({where}): {_describe(exc)}"))

    def open(self) -> None:
        s = self.settings
        client: smtplib.SMTP | None = None
        try:
            if s.security == "ssl":
                client = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=self.timeout, context=self.ssl_context
                )
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            client.ehlo()
            if s.security == "starttls":
                if not client.has_extn("starttls"):
                    raise SmtpError(
                        f"the SMTP server {s.host}:{s.port} does not offer STARTTLS; "
                        "set security: ssl (usually port 465) or ask the mail admin"
                    )
                client.starttls(context=self.ssl_context)
                client.ehlo()
            if self.credentials:
                client.login(self.credentials.username, self.credentials.password)
        except SmtpError:
            _quit(client)
            raise
        except smtplib.SMTPAuthenticationError as exc:
            _quit(client)
            raise self._fail(
                "the SMTP server refused the user name or password from "
                f"${s.username_env} / ${s.password_env}",
                exc,
            ) from None
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            _quit(client)
            raise self._fail("could not connect to the SMTP server", exc) from None
        self._client = client

    def close(self) -> None:
        _quit(self._client)
        self._client = None

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Hand one message for one recipient to the server; returns once it is accepted."""
        if self._client is None:
            self.open()
        assert self._client is not None
        try:
            refused = self._client.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            reason = "; ".join(
                f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
                for code, text in exc.recipients.values()
            )
            raise RecipientRefusedError(self.redact(f"refused {recipient}: {reason}")) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._client = None
            raise ConnectionLostError(
                self.redact(f"connection lost while sending to {recipient}: {_describe(exc)}")
            ) from None
        except smtplib.SMTPException as exc:
            # Sender or data refused: this message failed, the connection may still serve.
            self._reset()
            raise SmtpError(self.redact(f"not sent to {recipient}: {_describe(exc)}")) from None
        if refused:
            raise RecipientRefusedError(self.redact(f"refused {recipient}: {refused}"))

    def _reset(self) -> None:
        try:
            if self._client is not None:
                self._client.rset()
        except (smtplib.SMTPException, OSError):
            self.close()


def _quit(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):  # a timeout is an OSError
        client.close()
