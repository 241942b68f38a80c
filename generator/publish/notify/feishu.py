"""Feishu / Lark custom bot: an interactive card (msg_type "interactive").

Signature verification (optional, per bot): the string `timestamp + "\\n" + secret` is the
HMAC-SHA256 key of an empty message; the digest, base64-encoded, goes into the body as
`sign` next to `timestamp` (seconds, as a string). The request body may not exceed 20 KB.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from generator.publish.notify.card import StatusCard
from generator.publish.notify.message import Message, fit_card, markdown_card

MAX_BYTES = 20_000
TEMPLATE = {"green": "green", "amber": "orange", "red": "red"}


def _md(text: str) -> dict[str, Any]:
    return {"tag": "div", "text": {"tag": "lark_md", "content": text}}


def _payload(plain: StatusCard) -> dict[str, Any]:
    """lark_md blocks get the escaped texts; plain_text title and note the texts as written."""
    card = markdown_card(plain)
    words = card.labels
    elements: list[dict[str, Any]] = [
        _md(f"**{words['health']}**\n" + "\n".join(card.status_lines)),
    ]
    if card.highlights:
        items = "\n".join(f"- {h}" for h in card.highlights)
        elements.append(_md(f"**{words['highlights']}**\n{items}"))
    if card.decisions:
        items = "\n".join(f"- {d}" for d in card.decisions)
        elements.append(_md(f"**{words['decisions']}**\n{items}"))
    elements.append(_md(f"**{words['next_milestone']}**\n{card.milestone_line}"))
    buttons = [
        {
            "tag": "button",
            "text": {"tag": "plain_text", "content": words[key]},
            "type": "primary" if key == "portal" else "default",
            "url": url,
        }
        for key, url in (("portal", card.portal_url), ("pdf", card.pdf_url))
        if url
    ]
    if buttons:
        elements += [{"tag": "hr"}, {"tag": "action", "actions": buttons}]
    elements.append(
        {
            "tag": "note",
            "elements": [
                {
                    "tag": "plain_text",
                    "content": plain.client_line,
                }
            ],
        }
    )
    return {
        "msg_type": "interactive",
        "card": {
            "config": {"wide_screen_mode": True},
            "header": {
                "title": {"tag": "plain_text", "content": plain.title},
                "template": TEMPLATE.get(card.health or "", "grey"),
            },
            "elements": elements,
        },
    }


# Room kept for the timestamp and sign fields added when the bot checks signatures.
_SIGN_ROOM = 80


def render(card: StatusCard) -> Message:
    card = fit_card(
        card, lambda c: len(Message(_payload(c)).json_bytes()) <= MAX_BYTES - _SIGN_ROOM
    )
    return Message(body=_payload(card))


def signature(secret: str, timestamp: int) -> str:
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def sign(message: Message, secret: str, now: float) -> Message:
    timestamp = int(now)
    body = {**message.body, "timestamp": str(timestamp), "sign": signature(secret, timestamp)}
    return Message(body=body, params=message.params)


def check_response(status: int, text: str) -> str | None:
    """Feishu answers 200 with {"code": 0} on success and a non-zero code otherwise."""
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        data = {}
    code = data.get("code", data.get("StatusCode", 0)) if isinstance(data, dict) else 0
    if status == 200 and code == 0:
        return None
    msg = data.get("msg", "") if isinstance(data, dict) else ""
    return f"Feishu answered {status}, code {code}: {msg or text.strip()[:200]}"
