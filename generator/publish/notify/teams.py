"""Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received").

Workflows accept only Adaptive Cards, sent as a message whose attachments array holds the
card with contentType application/vnd.microsoft.card.adaptive. Teams caps a message at
about 28 KB, so the whole payload is kept under that.
"""

from __future__ import annotations

from typing import Any

from generator.publish.notify.card import StatusCard
from generator.publish.notify.message import Message, fit_card, markdown_card

CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_BYTES = 28 * 1024
CARD_VERSION = "1.4"
COLOR = {"green": "Good", "amber": "Warning", "red": "Attention"}


def _list(heading: str, items: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"type": "TextBlock", "text": heading, "weight": "Bolder", "wrap": True},
        {"type": "TextBlock", "text": "\n".join(f"- {i}" for i in items), "wrap": True},
    ]


def _payload(card: StatusCard) -> dict[str, Any]:
    words = card.labels
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": card.title,
            "size": "Large",
            "weight": "Bolder",
            "wrap": True,
        },
        {
            "type": "TextBlock",
            "text": card.client_line,
            "isSubtle": True,
            "spacing": "None",
            "wrap": True,
        },
        {
            "type": "TextBlock",
            "text": card.health_line,
            "color": COLOR.get(card.health or "", "Default"),
            "weight": "Bolder",
            "wrap": True,
        },
        *(
            {"type": "TextBlock", "text": line, "spacing": "None", "wrap": True}
            for line in card.status_lines[1:]
        ),
        {
            "type": "FactSet",
            "facts": [
                {"title": words["health"], "value": card.health_label},
                {"title": words["next_milestone"], "value": card.milestone_line},
            ],
        },
    ]
    if card.highlights:
        body += _list(words["highlights"], card.highlights)
    if card.decisions:
        body += _list(words["decisions"], card.decisions)
    actions = [
        {"type": "Action.OpenUrl", "title": words[key], "url": url}
        for key, url in (("portal", card.portal_url), ("pdf", card.pdf_url))
        if url
    ]
    content: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        content["actions"] = actions
    return {
        "type": "message",
        "attachments": [{"contentType": CONTENT_TYPE, "contentUrl": None, "content": content}],
    }


def render(card: StatusCard) -> Message:
    card = fit_card(
        markdown_card(card), lambda c: len(Message(_payload(c)).json_bytes()) <= MAX_BYTES
    )
    return Message(body=_payload(card))


def check_response(status: int, text: str) -> str | None:
    """A Workflows trigger answers 202 Accepted (200 on some tenants)."""
    if status in (200, 202):
        return None
    return f"Teams answered {status}: {text.strip()[:200]}"
