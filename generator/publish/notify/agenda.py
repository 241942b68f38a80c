"""`milepost notify agenda`: the PM's agenda as one chat message for the team's channels.

An agenda names internal records (risks, allocations, every client's projects), so it goes
only to channels whose audience is `internal` and whose `events` take `agenda`. One message
per channel and day: the notify ledger keys it by channel, "agenda" and the date. Each
service gets the shape its other cards use; items that do not fit its size limit are
dropped from the end and counted in a last "… (+N more)" line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.model.channels import ChannelKind
from generator.publish.notify import dingtalk, feishu, slack, teams, wecom
from generator.publish.notify.message import Message, clip, clip_bytes, markdown_escape


@dataclass(frozen=True)
class AgendaCard:
    """The agenda as plain, localized text: a title and one line per item."""

    title: str
    items: tuple[str, ...]
    more: str  # "more" in the reader's language, for the "… (+N more)" line
    period: str  # the agenda's date, YYYY-MM-DD
    project_id: str = "portfolio"  # or the project the agenda was limited to
    kind: str = "agenda"

    def digest(self) -> str:
        text = json.dumps([self.title, self.items], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _fit(card: AgendaCard, fits: Callable[[list[str]], bool]) -> list[str]:
    """The lines with items dropped from the end until they fit, and a count of those."""
    items = [clip(i, 400) for i in card.items]
    hidden = 0
    while True:
        lines = items + ([f"… (+{hidden} {card.more})"] if hidden else [])
        if fits(lines) or not items:
            return lines
        items.pop()
        hidden += 1


def _slack(card: AgendaCard) -> Message:
    def sections(lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            text = f"• {slack.escape(line)}"
            if out and len(out[-1]) + len(text) + 1 <= slack.SECTION_MAX:
                out[-1] += "\n" + text
            else:
                out.append(text)
        return out

    lines = _fit(card, lambda ls: len(sections(ls)) <= slack.MAX_BLOCKS - 1)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(card.title, 150)}}
    ]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": s}} for s in sections(lines)]
    return Message(body={"text": clip(card.title, slack.SECTION_MAX), "blocks": blocks})


def _teams(card: AgendaCard) -> Message:
    def payload(lines: list[str]) -> dict[str, Any]:
        body: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": card.title, "size": "Large", "weight": "Bolder"}
        ]
        body += [
            {"type": "TextBlock", "text": markdown_escape(line), "wrap": True} for line in lines
        ]
        content = {
            "type": "AdaptiveCard",
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": teams.CARD_VERSION,
            "body": body,
        }
        return {
            "type": "message",
            "attachments": [{"contentType": teams.CONTENT_TYPE, "content": content}],
        }

    lines = _fit(card, lambda ls: len(Message(payload(ls)).json_bytes()) <= teams.MAX_BYTES)
    return Message(body=payload(lines))


def _feishu(card: AgendaCard) -> Message:
    def payload(lines: list[str]) -> dict[str, Any]:
        text = "\n".join(f"- {markdown_escape(line)}" for line in lines)
        return {
            "msg_type": "interactive",
            "card": {
                "config": {"wide_screen_mode": True},
                "header": {
                    "title": {"tag": "plain_text", "content": card.title},
                    "template": "blue",
                },
                "elements": [{"tag": "markdown", "content": text}],
            },
        }

    limit = feishu.MAX_BYTES - 300  # room for the signature fields
    lines = _fit(card, lambda ls: len(Message(payload(ls)).json_bytes()) <= limit)
    return Message(body=payload(lines))


def _markdown_text(card: AgendaCard, lines: list[str], heading: str) -> str:
    return "\n".join(
        [f"{heading} {markdown_escape(card.title)}", *(f"- {markdown_escape(x)}" for x in lines)]
    )


def _dingtalk(card: AgendaCard) -> Message:
    limit = dingtalk.MAX_TEXT_BYTES

    lines = _fit(card, lambda ls: len(_markdown_text(card, ls, "####").encode()) <= limit)
    text = clip_bytes(_markdown_text(card, lines, "####"), limit)
    title = clip(card.title, dingtalk.TITLE_MAX)
    return Message(body={"msgtype": "markdown", "markdown": {"title": title, "text": text}})


def _wecom(card: AgendaCard) -> Message:
    limit = wecom.MAX_CONTENT_BYTES
    lines = _fit(card, lambda ls: len(_markdown_text(card, ls, "##").encode()) <= limit)
    content = clip_bytes(_markdown_text(card, lines, "##"), limit)
    return Message(body={"msgtype": "markdown", "markdown": {"content": content}})


RENDER: dict[ChannelKind, Callable[[AgendaCard], Message]] = {
    ChannelKind.slack: _slack,
    ChannelKind.teams: _teams,
    ChannelKind.feishu: _feishu,
    ChannelKind.dingtalk: _dingtalk,
    ChannelKind.wecom: _wecom,
}


def render(kind: ChannelKind, card: AgendaCard) -> Message:
    return RENDER[kind](card)
