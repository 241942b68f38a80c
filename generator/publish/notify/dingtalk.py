"""DingTalk custom robot: a markdown message (msgtype "markdown" with a title and a text).

Signed robots ("加签"): HMAC-SHA256 with the secret as key over `timestamp + "\\n" + secret`
(timestamp in milliseconds), base64-encoded, then sent URL-encoded as the `sign` query
parameter next to `timestamp`. DingTalk documents no size for a markdown text; the text is
kept under 4,000 bytes, as for WeCom, so it shows in full on phones.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from generator.publish.notify.card import StatusCard
from generator.publish.notify.message import Message, clip, clip_bytes, fit_card, markdown_card

MAX_TEXT_BYTES = 4000
TITLE_MAX = 64
COLOR = {"green": "#2e7d32", "amber": "#ef6c00", "red": "#c62828"}


def _text(card: StatusCard) -> str:
    words = card.labels
    health = card.health_line
    if card.health in COLOR:
        health = f'<font color="{COLOR[card.health]}">{health}</font>'
    parts = [
        f"#### {card.title}",
        card.client_line,
        f"**{words['health']}**{words['colon']}{health}",
        *card.status_lines[1:],
    ]
    if card.highlights:
        parts.append(
            f"**{words['highlights']}**\n\n" + "\n".join(f"- {h}" for h in card.highlights)
        )
    if card.decisions:
        parts.append(f"**{words['decisions']}**\n\n" + "\n".join(f"- {d}" for d in card.decisions))
    parts.append(f"**{words['next_milestone']}**{words['colon']}{card.milestone_line}")
    links = [
        f"[{words[key]}]({url})"
        for key, url in (("portal", card.portal_url), ("pdf", card.pdf_url))
        if url
    ]
    if links:
        parts.append(" · ".join(links))
    return "\n\n".join(parts)


def render(card: StatusCard) -> Message:
    title = card.title
    card = fit_card(markdown_card(card), lambda c: len(_text(c).encode()) <= MAX_TEXT_BYTES)
    return Message(
        body={
            "msgtype": "markdown",
            "markdown": {
                "title": clip(title, TITLE_MAX),
                "text": clip_bytes(_text(card), MAX_TEXT_BYTES),
            },
        }
    )


def signature(secret: str, timestamp_ms: int) -> str:
    """The base64 signature; the sender URL-encodes it with the other query parameters."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def sign(message: Message, secret: str, now: float) -> Message:
    timestamp_ms = int(now * 1000)
    params = {
        **message.params,
        "timestamp": str(timestamp_ms),
        "sign": signature(secret, timestamp_ms),
    }
    return Message(body=message.body, params=params)


def check_response(status: int, text: str) -> str | None:
    """DingTalk answers 200 with {"errcode": 0} on success."""
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        data = {}
    code = data.get("errcode", 0) if isinstance(data, dict) else 0
    if status == 200 and code == 0:
        return None
    msg = data.get("errmsg", "") if isinstance(data, dict) else ""
    return f"DingTalk answered {status}, errcode {code}: {msg or text.strip()[:200]}"
