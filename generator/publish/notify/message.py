"""What an adapter hands the sender, and the shared rules for staying under size limits."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from generator.i18n import plain_text
from generator.publish.notify.card import StatusCard

ELLIPSIS = "…"
ITEM_MAX_CHARS = 400


@dataclass(frozen=True)
class Message:
    """One webhook call: query parameters added to the channel's URL and the JSON body.

    params hold plain values; the sender URL-encodes them once when it builds the URL.
    """

    body: dict[str, Any]
    params: dict[str, str] = field(default_factory=dict)

    def json_bytes(self) -> bytes:
        return self.json_text(separators=(",", ":")).encode()

    def json_text(self, **options: Any) -> str:
        """The body as JSON; chat text is plain (a date's no-break marks dropped, so the
        chat's search finds "2026年11月30日")."""
        return plain_text(json.dumps(self.body, ensure_ascii=False, **options))


def clip(text: str, limit: int) -> str:
    """text cut to at most limit characters, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + ELLIPSIS


def clip_bytes(text: str, limit: int) -> str:
    """text cut to at most limit UTF-8 bytes on a character boundary, marked when cut."""
    if len(text.encode()) <= limit:
        return text
    budget = limit - len(ELLIPSIS.encode())
    data = text.encode()[: max(budget, 0)]
    return data.decode(errors="ignore") + ELLIPSIS


def fit_card(card: StatusCard, fits: Callable[[StatusCard], bool]) -> StatusCard:
    """The card with list items dropped from the end, highlights first, until it fits.

    Dropped items are replaced by one "… (+N more)" line so readers know the list goes on.
    Decisions needed are dropped last: they ask something of the reader.
    """
    card = replace(
        card,
        reason=clip(card.reason, ITEM_MAX_CHARS),
        highlights=tuple(clip(h, ITEM_MAX_CHARS) for h in card.highlights),
        decisions=tuple(clip(d, ITEM_MAX_CHARS) for d in card.decisions),
    )
    highlights, decisions = list(card.highlights), list(card.decisions)
    hidden_h = hidden_d = 0

    def candidate() -> StatusCard:
        h = highlights + ([card.more_line(hidden_h)] if hidden_h else [])
        d = decisions + ([card.more_line(hidden_d)] if hidden_d else [])
        return replace(card, highlights=tuple(h), decisions=tuple(d))

    while True:
        trial = candidate()
        if fits(trial):
            return trial
        if highlights:
            highlights.pop()
            hidden_h += 1
        elif decisions:
            decisions.pop()
            hidden_d += 1
        else:
            # Nothing left to drop: shorten the free text as a last resort.
            return replace(trial, reason=clip(trial.reason, 80))


# Markdown and tag characters: with a backslash before each, a text like
# "[x](javascript:…)", "<at id=all></at>" or "<@all>" shows as written instead of becoming a
# link or a mention (CommonMark escapes, which Feishu, DingTalk, WeCom and Teams honour).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")


def markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_card(card: StatusCard) -> StatusCard:
    """The card with every text that came from the workspace escaped for Markdown."""
    esc = markdown_escape
    return replace(
        card,
        project_title=esc(card.project_title),
        client=esc(card.client),
        reason=esc(card.reason),
        highlights=tuple(esc(h) for h in card.highlights),
        decisions=tuple(esc(d) for d in card.decisions),
        next_milestone=esc(card.next_milestone) if card.next_milestone else None,
    )
