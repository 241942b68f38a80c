"""Post status cards to chat webhooks: retries, a ledger against double posts, no leaks.

Webhook URLs and secrets come only from environment variables. Both are credentials, so
nothing printed here shows a secret or the token part of a URL (see `mask_url`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from generator.model.channels import ChannelKind, NotifyChannel
from generator.publish.notify import agenda, dingtalk, feishu, slack, teams, wecom
from generator.publish.notify.agenda import AgendaCard
from generator.publish.notify.card import StatusCard
from generator.publish.notify.message import Message

ADAPTERS: dict[ChannelKind, ModuleType] = {
    ChannelKind.slack: slack,
    ChannelKind.teams: teams,
    ChannelKind.feishu: feishu,
    ChannelKind.dingtalk: dingtalk,
    ChannelKind.wecom: wecom,
}

LEDGER_NAME = "notify-ledger.jsonl"
Card = StatusCard | AgendaCard  # a project's status, or the PM's agenda
MAX_ATTEMPTS = 4
BACKOFF_SECONDS = 2.0
MAX_WAIT_SECONDS = 120.0
TIMEOUT_SECONDS = 15.0

# Path segments that name an endpoint rather than identify a secret hook.
_PLAIN_SEGMENT = re.compile(r"^[a-z][a-z-]{0,15}$|^v[0-9]$")


def mask_url(url: str) -> str:
    """The URL with every token-like path segment and every query value replaced by ***."""
    parts = urllib.parse.urlsplit(url)
    segments = [s if (not s or _PLAIN_SEGMENT.match(s)) else "***" for s in parts.path.split("/")]
    query = "&".join(
        f"{name}=***" for name, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    )
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, "/".join(segments), query, ""))


@dataclass(frozen=True)
class Delivery:
    channel: str
    project: str
    kind: str
    period: str
    status: str  # sent | skipped | failed | dry-run
    detail: str = ""

    def format(self) -> str:
        text = f"[{self.status}] {self.channel}: {self.project} {self.kind} {self.period}"
        return f"{text} ({self.detail})" if self.detail else text


class Ledger:
    """JSON lines of accepted posts; a line is fsynced before the next post starts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.keys: set[str] = set()
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    self.keys.add(json.loads(line)["key"])
                except (ValueError, KeyError, TypeError):
                    continue  # a torn last line from a crash: that post is simply retried

    @staticmethod
    def key(channel: NotifyChannel, card: Card) -> str:
        return f"{channel.name}|{card.project_id}|{card.kind}|{card.period}"

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def record(self, key: str, card: Card, when: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "key": key,
            "project": card.project_id,
            "kind": card.kind,
            "period": card.period,
            "digest": card.digest(),
            "posted_at": dt.datetime.fromtimestamp(when, dt.UTC).isoformat(timespec="seconds"),
        }
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.keys.add(key)


def build_message(channel: NotifyChannel, card: Card, secret: str | None, now: float) -> Message:
    adapter = ADAPTERS[channel.kind]
    message: Message = (
        agenda.render(channel.kind, card) if isinstance(card, AgendaCard) else adapter.render(card)
    )
    if secret and hasattr(adapter, "sign"):
        message = adapter.sign(message, secret, now)
    return message


def with_params(url: str, params: Mapping[str, str]) -> str:
    if not params:
        return url
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + joiner + urllib.parse.urlencode(params)


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now, 0.0)


Poster = Callable[[str, bytes, float], tuple[int, dict[str, str], str]]


def urllib_post(url: str, data: bytes, timeout: float) -> tuple[int, dict[str, str], str]:
    """POST JSON; returns status, headers and body text, for error statuses too."""
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "milepost"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        body = exc.read().decode(errors="replace") if exc.fp else ""
        return exc.code, dict(exc.headers or {}), body


@dataclass
class Sender:
    """Delivers cards to channels. Time, sleep and the HTTP call are injectable for tests."""

    ledger: Ledger
    env: Mapping[str, str]
    post: Poster = urllib_post
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    max_attempts: int = MAX_ATTEMPTS
    backoff: float = BACKOFF_SECONDS
    timeout: float = TIMEOUT_SECONDS

    def deliver(self, channel: NotifyChannel, card: Card) -> Delivery:
        def result(status: str, detail: str = "") -> Delivery:
            return Delivery(channel.name, card.project_id, card.kind, card.period, status, detail)

        key = Ledger.key(channel, card)
        if key in self.ledger:
            return result("skipped", "already posted; see .milepost/" + LEDGER_NAME)
        url = self.env.get(channel.webhook_env, "").strip()
        if not url:
            return result("failed", f"environment variable {channel.webhook_env} is not set")
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            return result("failed", f"{channel.webhook_env} does not hold an http(s) URL")
        secret = None
        if channel.secret_env:
            secret = self.env.get(channel.secret_env, "").strip()
            if not secret:
                return result("failed", f"environment variable {channel.secret_env} is not set")

        problem = ""
        for attempt in range(1, self.max_attempts + 1):
            # Signed webhooks reject old timestamps, so each attempt signs afresh.
            message = build_message(channel, card, secret, self.clock())
            target = with_params(url, message.params)
            try:
                status, headers, text = self.post(target, message.json_bytes(), self.timeout)
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                status, headers, text = 0, {}, ""
                problem = f"could not reach {mask_url(url)}: {type(reason).__name__}"
            if status:
                adapter = ADAPTERS[channel.kind]
                error = adapter.check_response(status, text)
                if error is None:
                    self.ledger.record(key, card, self.clock())
                    note = f"after {attempt} attempts" if attempt > 1 else ""
                    return result("sent", note)
                problem = f"{error} from {mask_url(url)}"
                if status != 429 and status < 500:
                    return result("failed", problem)
            if attempt == self.max_attempts:
                break
            lowered = {k.lower(): v for k, v in headers.items()}
            wait = retry_after(lowered.get("retry-after"), self.clock()) if status == 429 else None
            if wait is None:
                wait = self.backoff * 2 ** (attempt - 1)
            self.sleep(min(wait, MAX_WAIT_SECONDS))
        return result("failed", f"{problem} (gave up after {self.max_attempts} attempts)")


def dry_run_text(channel: NotifyChannel, card: Card, env: Mapping[str, str]) -> str:
    """What would be posted, with the URL masked and no signature computed."""
    url = env.get(channel.webhook_env, "")
    where = mask_url(url) if url else f"(${channel.webhook_env} is not set)"
    message = build_message(channel, card, None, 0.0)
    lines = [f"--- {channel.name} ({channel.kind}) -> {where}"]
    if channel.secret_env:
        lines.append(f"    signed at send time with ${channel.secret_env}")
    lines.append(message.json_text(indent=2))
    return "\n".join(lines)


def notify(
    cards: Iterable[Card],
    channels: list[NotifyChannel],
    *,
    state_dir: Path,
    env: Mapping[str, str] | None = None,
    dry_run: bool = False,
    echo: Callable[[str], None] = print,
    sender: Sender | None = None,
) -> list[Delivery]:
    """Post each card to each channel that takes its kind; one failure stops nothing else."""
    env = os.environ if env is None else env
    ledger = Ledger(state_dir / LEDGER_NAME)
    sender = sender or Sender(ledger=ledger, env=env)
    deliveries: list[Delivery] = []
    for card in cards:
        for channel in channels:
            if card.kind not in channel.events:
                continue
            if dry_run:
                echo(dry_run_text(channel, card, env))
                delivery = Delivery(
                    channel.name, card.project_id, card.kind, card.period, "dry-run"
                )
            else:
                delivery = sender.deliver(channel, card)
            deliveries.append(delivery)
            echo(delivery.format())
    return deliveries
