"""Slack incoming webhook: Block Kit blocks plus a plain `text` fallback for notifications.

Limits from Slack's Block Kit reference: at most 50 blocks; a section's text at most 3,000
characters; a header's plain_text at most 150; a button's text at most 75.
"""

from __future__ import annotations

from typing import Any

from generator.publish.notify.card import StatusCard
from generator.publish.notify.message import Message, clip, fit_card

SECTION_MAX = 3000
HEADER_MAX = 150
BUTTON_MAX = 75
MAX_BLOCKS = 50


def escape(text: str) -> str:
    """Slack mrkdwn treats &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _list_section(heading: str, items: tuple[str, ...]) -> str:
    return f"*{escape(heading)}*\n" + "\n".join(f"• {escape(i)}" for i in items)


def _sections(card: StatusCard) -> list[str]:
    words = card.labels
    status = "\n".join(escape(line) for line in card.status_lines)
    texts = [f"*{escape(words['health'])}*\n{status}"]
    if card.highlights:
        texts.append(_list_section(words["highlights"], card.highlights))
    if card.decisions:
        texts.append(_list_section(words["decisions"], card.decisions))
    texts.append(f"*{escape(words['next_milestone'])}*\n{escape(card.milestone_line)}")
    return texts


def render(card: StatusCard) -> Message:
    card = fit_card(card, lambda c: all(len(t) <= SECTION_MAX for t in _sections(c)))
    words = card.labels
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": clip(card.title, HEADER_MAX), "emoji": True},
        },
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": escape(card.client_line),
                }
            ],
        },
    ]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": t}} for t in _sections(card)]
    buttons = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": clip(words[key], BUTTON_MAX)},
            "url": url,
        }
        for key, url in (("portal", card.portal_url), ("pdf", card.pdf_url))
        if url
    ]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    fallback = f"{card.title}: {card.health_line}"
    return Message(body={"text": clip(fallback, SECTION_MAX), "blocks": blocks[:MAX_BLOCKS]})


def check_response(status: int, text: str) -> str | None:
    """Slack answers 200 with the body "ok"; anything else names the problem."""
    if status == 200 and text.strip() in ("", "ok"):
        return None
    return f"Slack answered {status}: {text.strip()[:200]}"
