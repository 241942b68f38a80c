"""Status cards and the five webhook adapters as pure functions: content, limits, masking."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from generator.i18n import plain_text
from generator.model.channels import NotifyChannel
from generator.publish.notify import dingtalk, feishu, slack, teams, wecom
from generator.publish.notify.card import StatusCard, build_card, card_for_project
from generator.publish.notify.sender import mask_url, retry_after
from tests.notify_server import make_portfolio

AS_OF = dt.date(2026, 11, 16)


def big_card(locale: str = "en", n: int = 300) -> StatusCard:
    return build_card(
        project_id="relaunch",
        project_title="Website relaunch",
        client="Acme",
        locale=locale,
        kind="weekly",
        period="2026-W47",
        health="red",
        reason="Late " * 50,
        highlights=[f"Highlight {i}: " + "长" * 200 for i in range(n)],
        decisions=["Approve the revised launch plan", "Sign the change request CR-7"],
        next_milestone="Beta",
        next_milestone_date=dt.date(2026, 12, 1),
        portal_url="https://status.example.com/portals/acme/relaunch/",
        pdf_url="https://status.example.com/portals/acme/relaunch/reports/weekly-2026-W47.pdf",
    )


def test_card_uses_latest_client_visible_update_and_next_open_milestone() -> None:
    card = card_for_project(make_portfolio(), "relaunch", AS_OF, "weekly", period="2026-W47")
    assert card.period == "2026-W47"
    assert card.health == "amber" and card.health_label == "At risk"
    assert card.reason == "Payment provider is late"
    assert card.highlights == ("Home page approved 0", "API done 1")
    # The chat posts plain text (plain_text drops the dates' no-break marks).
    assert tuple(map(plain_text, card.decisions)) == (
        "Confirm launch date — Jana Roth (by Nov 20, 2026)",
    )
    # "design" has an actual date; "beta" was re-forecast to Dec 1 before as_of.
    assert card.next_milestone == "Beta live"
    assert plain_text(card.next_milestone_date or "") == "Dec 1, 2026"
    assert card.pdf_url is not None and card.pdf_url.endswith("/reports/weekly-2026-W47.pdf")


def test_card_as_of_an_earlier_day_uses_the_update_of_then() -> None:
    card = card_for_project(
        make_portfolio(), "relaunch", dt.date(2026, 11, 8), "monthly", period="2026-11"
    )
    assert card.health == "green" and card.highlights == ("old",)
    assert card.period == "2026-11"
    assert card.pdf_url is not None and card.pdf_url.endswith("monthly-2026-11.pdf")
    assert plain_text(card.next_milestone_date or "") == "Nov 20, 2026"  # forecast made later


def test_update_cards_have_no_pdf_link() -> None:
    card = card_for_project(make_portfolio(), "relaunch", AS_OF, "update")
    assert card.pdf_url is None and card.portal_url is not None


@pytest.mark.parametrize(
    ("adapter", "measure", "limit"),
    [
        (teams, lambda m: len(m.json_bytes()), 28 * 1024),
        (feishu, lambda m: len(m.json_bytes()), 20_000),
        (wecom, lambda m: len(m.body["markdown"]["content"].encode()), 4096),
        (dingtalk, lambda m: len(m.body["markdown"]["text"].encode()), 4000),
    ],
)
def test_oversized_cards_are_cut_to_the_service_limit(adapter, measure, limit) -> None:  # type: ignore[no-untyped-def]
    message = adapter.render(big_card())
    text = json.dumps(message.body, ensure_ascii=False)
    assert measure(message) <= limit
    assert "… (+" in text and "more)" in text  # readers see that the list goes on
    assert "Highlight 0" in text
    # Decisions outrank highlights when something has to go.
    assert "Sign the change request CR-7" in text


def test_slack_sections_stay_under_3000_characters() -> None:
    message = slack.render(big_card())
    sections = [b for b in message.body["blocks"] if b["type"] == "section"]
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert any("… (+" in b["text"]["text"] for b in sections)
    assert len(message.body["blocks"]) <= 50


def test_short_cards_are_not_cut() -> None:
    card = big_card(n=3)
    for adapter in (slack, teams, feishu, dingtalk, wecom):
        text = json.dumps(adapter.render(card).body, ensure_ascii=False)
        assert "… (+" not in text
        assert "Highlight 2" in text


def test_slack_escapes_control_characters() -> None:
    card = build_card(
        project_id="p",
        project_title="R&D <portal>",
        client="A",
        locale="en",
        kind="update",
        period="2026-11-16",
        health=None,
        highlights=["<!channel> ping"],
    )
    text = json.dumps(slack.render(card).body)
    assert "&lt;!channel&gt; ping" in text and "<!channel>" not in text
    assert "No status reported yet" in text


def test_signatures_match_the_documented_recipes() -> None:
    # Values worked by hand from the two documented algorithms.
    import base64
    import hashlib
    import hmac

    ts = 1_794_000_000
    key = f"{ts}\nsecret".encode()
    expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert feishu.signature("secret", ts) == expected
    ms = ts * 1000
    mac = hmac.new(b"secret", f"{ms}\nsecret".encode(), hashlib.sha256).digest()
    assert dingtalk.signature("secret", ms) == base64.b64encode(mac).decode()
    signed = dingtalk.sign(dingtalk.render(big_card(n=1)), "secret", ts)
    assert signed.params == {"timestamp": str(ms), "sign": base64.b64encode(mac).decode()}


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "https://hooks.slack.com/services/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",
            "https://hooks.slack.com/services/***/***/***",
        ),
        (
            "https://open.feishu.cn/open-apis/bot/v2/hook/0d9c1b6e-3f4a-4b2c-9e8d-7a6b5c4d3e2f",
            "https://open.feishu.cn/open-apis/bot/v2/hook/***",
        ),
        (
            "https://oapi.dingtalk.com/robot/send?access_token=7e3f9a1c5b",
            "https://oapi.dingtalk.com/robot/send?access_token=***",
        ),
        (
            "https://prod-12.westeurope.logic.azure.com:443/workflows/5f2c9a7be41d4c0f/triggers/"
            "manual/paths/invoke?api-version=2016-06-01&sig=abc",
            "https://prod-12.westeurope.logic.azure.com:443/workflows/***/triggers/manual/paths/"
            "invoke?api-version=***&sig=***",
        ),
    ],
)
def test_webhook_urls_are_masked(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("30", 0) == 30
    now = dt.datetime(2026, 11, 16, 12, 0, tzinfo=dt.UTC).timestamp()
    assert retry_after("Mon, 16 Nov 2026 12:00:45 GMT", now) == 45
    assert retry_after("soon", now) is None


def test_channel_settings_are_checked() -> None:
    with pytest.raises(ValidationError, match="not signed"):
        NotifyChannel(kind="slack", name="s", webhook_env="HOOK", secret_env="SECRET")
    with pytest.raises(ValidationError):
        NotifyChannel(kind="slack", name="s", webhook_env="https://hooks.slack.com/x")
    channel = NotifyChannel(kind="dingtalk", name="d", webhook_env="HOOK", secret_env="S")
    assert channel.events == ["weekly", "monthly", "closing", "update", "agenda"]
    assert channel.audience == "client"
