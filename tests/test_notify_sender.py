"""milepost notify against a local webhook server: formats, signatures, retries, ledger."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.model.channels import NotifyChannel
from generator.publish.notify.run import run_notify
from generator.publish.notify.sender import Ledger, Sender
from tests.notify_server import (
    DINGTALK_SECRET,
    FEISHU_SECRET,
    SECRET_TOKENS,
    Recorder,
    check_dingtalk,
    check_feishu,
    check_slack,
    check_teams,
    check_wecom,
    make_portfolio,
    webhook_server,
)

AS_OF = dt.date(2026, 11, 23)  # a Monday: the cards report the week that just ended, W47
NOW = 1_794_000_000.0  # a fixed clock, so signatures are reproducible


def channels(audience: str = "client") -> list[NotifyChannel]:
    return [
        NotifyChannel(kind="slack", name="slack-team", webhook_env="HOOK_SLACK", audience=audience),
        NotifyChannel(
            kind="teams", name="teams-client", webhook_env="HOOK_TEAMS", audience=audience
        ),
        NotifyChannel(
            kind="feishu",
            name="feishu-group",
            webhook_env="HOOK_FEISHU",
            secret_env="FEISHU_SECRET",
            audience=audience,
        ),
        NotifyChannel(
            kind="dingtalk",
            name="dingtalk-group",
            webhook_env="HOOK_DINGTALK",
            secret_env="DINGTALK_SECRET",
            audience=audience,
        ),
        NotifyChannel(
            kind="wecom", name="wecom-group", webhook_env="HOOK_WECOM", audience=audience
        ),
    ]


class Run:
    """One `notify` run with a recording sleep and output, against the local server."""

    def __init__(self, server: Recorder, state: Path) -> None:
        self.server = server
        self.state = state
        self.sleeps: list[float] = []
        self.output: list[str] = []

    def __call__(
        self,
        kind: str = "weekly",
        dry_run: bool = False,
        chans: list[NotifyChannel] | None = None,
        locale: str = "en",
        env: dict[str, str] | None = None,
    ) -> int:
        ledger = Ledger(self.state / "notify-ledger.jsonl")
        sender = Sender(
            ledger=ledger,
            env=env if env is not None else self.server.env(),
            clock=lambda: NOW,
            sleep=self.sleeps.append,
        )
        chosen = chans if chans is not None else channels()
        return run_notify(
            make_portfolio(locale),
            self.state,
            kind,
            ["relaunch"],
            as_of=AS_OF,
            period=None,
            dry_run=dry_run,
            channels=lambda _p, _d: chosen,
            echo=self.output.append,
            sender=sender,
            env=env if env is not None else self.server.env(),
        )

    @property
    def text(self) -> str:
        return "\n".join(self.output)


@pytest.fixture
def server() -> Recorder:
    with webhook_server() as recorder:
        yield recorder


@pytest.fixture
def run(server: Recorder, tmp_path: Path) -> Run:
    return Run(server, tmp_path / ".milepost")


def test_each_service_receives_its_documented_payload(run: Run, server: Recorder) -> None:
    assert run() == 0
    assert sorted(r.service for r in server.requests) == [
        "dingtalk",
        "feishu",
        "slack",
        "teams",
        "wecom",
    ]
    (slack,) = server.of("slack")
    check_slack(slack)
    check_teams(server.of("teams")[0])
    check_feishu(server.of("feishu")[0], secret=FEISHU_SECRET)
    check_dingtalk(server.of("dingtalk")[0], secret=DINGTALK_SECRET)
    check_wecom(server.of("wecom")[0])
    assert slack.headers["Content-Type"].startswith("application/json")
    # The card says what the latest client-visible update says, not the internal one.
    text = json.dumps(slack.json)
    assert "Payment provider is late" in text
    assert "internal" not in text
    assert "Beta live" in text and "Dec 1, 2026" in text  # the latest forecast, localized
    assert "https://status.example.com/portals/acme/relaunch/reports/weekly-2026-W47.pdf" in text
    assert "5 posted, 0 already posted, 0 failed" in run.text


def test_signature_is_checked_against_the_secret(run: Run, server: Recorder) -> None:
    """A wrong secret gives a signature the service would reject: the check is not vacuous."""
    env = {**server.env(), "FEISHU_SECRET": "another", "DINGTALK_SECRET": "another"}
    run(env=env, chans=[c for c in channels() if c.kind in ("feishu", "dingtalk")])
    with pytest.raises(AssertionError):
        check_feishu(server.of("feishu")[0], secret=FEISHU_SECRET)
    with pytest.raises(AssertionError):
        check_dingtalk(server.of("dingtalk")[0], secret=DINGTALK_SECRET)


def test_429_then_success_waits_as_told(run: Run, server: Recorder) -> None:
    server.script["slack"] = [(429, {"Retry-After": "7"}, "rate_limited"), (200, {}, "ok")]
    assert run(chans=channels()[:1]) == 0
    assert len(server.of("slack")) == 2
    assert run.sleeps == [7.0]
    assert "[sent] slack-team" in run.text and "after 2 attempts" in run.text


def test_a_failing_channel_does_not_stop_the_others(run: Run, server: Recorder) -> None:
    server.script["teams"] = [(500, {}, "Internal Server Error")]
    assert run() == 1
    assert len(server.of("teams")) == 4  # retried with backoff, then given up
    assert run.sleeps == [2.0, 4.0, 8.0]
    for service in ("slack", "feishu", "dingtalk", "wecom"):
        assert len(server.of(service)) == 1
    assert "[failed] teams-client" in run.text
    assert "4 posted, 0 already posted, 1 failed" in run.text
    # The failed channel is not in the ledger, so the next run tries it again.
    server.script["teams"] = [(202, {}, "")]
    assert run() == 0
    assert len(server.of("teams")) == 5
    assert len(server.of("slack")) == 1


def test_service_error_code_in_a_200_answer_is_a_failure(run: Run, server: Recorder) -> None:
    server.script["feishu"] = [(200, {}, '{"code":19021,"msg":"sign match fail"}')]
    assert run(chans=[channels()[2]]) == 1
    assert len(server.of("feishu")) == 1  # a client error is not retried
    assert "code 19021: sign match fail" in run.text


def test_the_ledger_prevents_a_second_post(run: Run, server: Recorder, tmp_path: Path) -> None:
    assert run() == 0
    assert run() == 0
    assert len(server.requests) == 5
    assert run.text.count("[skipped]") == 5
    lines = (tmp_path / ".milepost" / "notify-ledger.jsonl").read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    assert {e["key"] for e in entries} == {f"{c.name}|relaunch|weekly|2026-W47" for c in channels()}
    # Another kind or period is another card.
    assert run(kind="monthly") == 0
    assert len(server.requests) == 10


def test_dry_run_prints_payloads_and_posts_nothing(
    run: Run, server: Recorder, tmp_path: Path
) -> None:
    assert run(dry_run=True) == 0
    assert server.requests == []
    assert not (tmp_path / ".milepost" / "notify-ledger.jsonl").exists()
    assert '"blocks"' in run.text and '"msg_type": "interactive"' in run.text
    assert '"msgtype": "markdown"' in run.text
    assert "signed at send time with $DINGTALK_SECRET" in run.text
    for secret in [*SECRET_TOKENS, FEISHU_SECRET, DINGTALK_SECRET]:
        assert secret not in run.text
    assert "127.0.0.1" in run.text  # the host is shown, the token is not


def test_errors_never_show_the_webhook_token(run: Run, server: Recorder) -> None:
    server.script = {
        s: [(500, {}, "boom")] for s in ("slack", "teams", "feishu", "dingtalk", "wecom")
    }
    assert run() == 1
    assert run.text.count("[failed]") == 5
    for secret in [*SECRET_TOKENS, FEISHU_SECRET, DINGTALK_SECRET]:
        assert secret not in run.text


def test_unreachable_webhook_is_retried_then_reported(run: Run, server: Recorder) -> None:
    env = {**server.env(), "HOOK_SLACK": "http://127.0.0.1:9/services/T1/B2/secretpart0123456"}
    assert run(env=env, chans=channels()[:1]) == 1
    assert "could not reach http://127.0.0.1:9/services/***/***/***" in run.text
    assert "secretpart0123456" not in run.text


def test_missing_environment_variable_fails_only_that_channel(run: Run, server: Recorder) -> None:
    env = server.env()
    del env["HOOK_WECOM"]
    assert run(env=env) == 1
    assert "environment variable HOOK_WECOM is not set" in run.text
    assert len(server.requests) == 4


def test_chinese_card_for_a_zh_cn_project(run: Run, server: Recorder) -> None:
    assert run(locale="zh-CN") == 0
    feishu = server.of("feishu")[0].json["card"]
    assert feishu["header"]["title"]["content"] == "项目周报 · 官网改版"
    assert feishu["header"]["template"] == "orange"
    text = json.dumps(feishu, ensure_ascii=False)
    assert "存在风险：支付服务商延迟交付" in text  # the label every output prints
    assert "本期进展" in text and "完成首页设计评审 0" in text
    assert "待决策事项" in text and "确认上线日期 — 赵敏 (截止 2026年11月20日，已逾期)" in text
    assert "测试版上线 (2026年12月1日)" in text
    wecom = server.of("wecom")[0].json["markdown"]["content"]
    assert "**下一里程碑**" in wecom and "[下载 PDF 报告](" in wecom
    dingtalk = server.of("dingtalk")[0].json["markdown"]
    assert dingtalk["title"] == "项目周报 · 官网改版"
    assert "客户：上海景华家居" in dingtalk["text"]


def test_internal_channel_sees_the_internal_update(run: Run, server: Recorder) -> None:
    assert run(chans=channels("internal")[:1]) == 0
    text = json.dumps(server.of("slack")[0].json)
    assert "internal only: budget overrun" in text
