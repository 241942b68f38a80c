"""WeCom (企业微信) group robot: a markdown message whose content is at most 4,096 bytes.

WeCom's markdown knows three font colours: info (green), warning (orange-red) and
comment (grey).
"""

from __future__ import annotations

import json

from generator.publish.notify.card import StatusCard
from generator.publish.notify.message import Message, clip_bytes, fit_card, markdown_card

MAX_CONTENT_BYTES = 4096
COLOR = {"green": "info", "amber": "warning", "red": "warning"}


def _content(card: StatusCard) -> str:
    words = card.labels
    health = card.health_line
    color = COLOR.get(card.health or "", "comment")
    lines = [
        f"## {card.title}",
        f'<font color="comment">{card.client_line}</font>',
        f'**{words["health"]}**{words["colon"]}<font color="{color}">{health}</font>',
        *card.status_lines[1:],
    ]
    if card.highlights:
        lines.append(f"**{words['highlights']}**")
        lines += [f"> {h}" for h in card.highlights]
    if card.decisions:
        lines.append(f"**{words['decisions']}**")
        lines += [f"> {d}" for d in card.decisions]
    lines.append(f"**{words['next_milestone']}**{words['colon']}{card.milestone_line}")
    links = [
        f"[{words[key]}]({url})"
        for key, url in (("portal", card.portal_url), ("pdf", card.pdf_url))
        if url
    ]
    if links:
        lines.append(" | ".join(links))
    return "\n".join(lines)


def render(card: StatusCard) -> Message:
    card = fit_card(markdown_card(card), lambda c: len(_content(c).encode()) <= MAX_CONTENT_BYTES)
    content = clip_bytes(_content(card), MAX_CONTENT_BYTES)  # a very long title
    return Message(body={"msgtype": "markdown", "markdown": {"content": content}})


def check_response(status: int, text: str) -> str | None:
    """WeCom answers 200 with {"errcode": 0, "errmsg": "ok"} on success."""
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        data = {}
    code = data.get("errcode", 0) if isinstance(data, dict) else 0
    if status == 200 and code == 0:
        return None
    msg = data.get("errmsg", "") if isinstance(data, dict) else ""
    return f"WeCom answered {status}, errcode {code}: {msg or text.strip()[:200]}"
