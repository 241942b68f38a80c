"""A local webhook server for the notify tests, and checks of each service's payload format.

The checks restate what each service documents for its incoming webhooks (field names,
types, size limits, signatures), independently of the adapters under test.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from generator.model.base import Health
from generator.model.documents import Decision, Update
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Forecast, Milestone, Project
from generator.model.site import Client, Site

OK = {
    "slack": (200, {}, "ok"),
    "teams": (202, {}, ""),
    "feishu": (200, {}, '{"code":0,"msg":"success","data":{}}'),
    "dingtalk": (200, {}, '{"errcode":0,"errmsg":"ok"}'),
    "wecom": (200, {}, '{"errcode":0,"errmsg":"ok"}'),
}

# Token-like parts of each webhook URL; none may ever appear in milepost's output.
TOKENS = {
    "slack": "/slack/services/T0AB12CD3/B0EF45GH6/q8xK2mZ9pL4vN7rT1sW3yB5d",
    "teams": (
        "/teams/workflows/5f2c9a7be41d4c0f8a6b3e9d2c1f0a7b/triggers/manual/paths/invoke"
        "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Zq9XwT4mS3cretSig"
    ),
    "feishu": "/feishu/open-apis/bot/v2/hook/0d9c1b6e-3f4a-4b2c-9e8d-7a6b5c4d3e2f",
    "dingtalk": "/dingtalk/robot/send?access_token=7e3f9a1c5b2d8e4f6a0b9c3d7e1f5a2b",
    "wecom": "/wecom/cgi-bin/webhook/send?key=693a91f6-7e1b-4bc4-97a0-0ec2bcfa5aaa",
}
SECRET_TOKENS = [
    "q8xK2mZ9pL4vN7rT1sW3yB5d",
    "Zq9XwT4mS3cretSig",
    "5f2c9a7be41d4c0f8a6b3e9d2c1f0a7b",
    "0d9c1b6e-3f4a-4b2c-9e8d-7a6b5c4d3e2f",
    "7e3f9a1c5b2d8e4f6a0b9c3d7e1f5a2b",
    "693a91f6-7e1b-4bc4-97a0-0ec2bcfa5aaa",
]
FEISHU_SECRET = "feishuSigningSecret42"
DINGTALK_SECRET = "SECdingtalk0c1d2e3f4a5b6c7d8e9f"


@dataclass
class Received:
    service: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Recorder:
    requests: list[Received] = field(default_factory=list)
    # service -> responses to give in turn; the last one repeats.
    script: dict[str, list[tuple[int, dict[str, str], str]]] = field(default_factory=dict)
    port: int = 0

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.port}{TOKENS[service]}"

    def env(self) -> dict[str, str]:
        env = {f"HOOK_{s.upper()}": self.url(s) for s in TOKENS}
        env["FEISHU_SECRET"] = FEISHU_SECRET
        env["DINGTALK_SECRET"] = DINGTALK_SECRET
        return env

    def of(self, service: str) -> list[Received]:
        return [r for r in self.requests if r.service == service]


@contextmanager
def webhook_server() -> Iterator[Recorder]:
    recorder = Recorder()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            parts = urlsplit(self.path)
            service = parts.path.split("/")[1]
            with lock:
                recorder.requests.append(
                    Received(service, parts.path, parts.query, dict(self.headers), body)
                )
                queue = recorder.script.get(service)
                if queue:
                    status, headers, text = queue.pop(0) if len(queue) > 1 else queue[0]
                else:
                    status, headers, text = OK[service]
            data = text.encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorder.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- documented formats -------------------------------------------------------------------


def check_slack(r: Received) -> None:
    body = r.json
    assert isinstance(body["text"], str) and body["text"]
    blocks = body["blocks"]
    assert isinstance(blocks, list) and 0 < len(blocks) <= 50
    for block in blocks:
        kind = block["type"]
        assert kind in {"header", "section", "context", "actions", "divider"}
        if kind == "header":
            assert block["text"]["type"] == "plain_text"
            assert len(block["text"]["text"]) <= 150
        if kind == "section":
            assert block["text"]["type"] == "mrkdwn"
            assert len(block["text"]["text"]) <= 3000
        if kind == "context":
            assert 1 <= len(block["elements"]) <= 10
        if kind == "actions":
            for button in block["elements"]:
                assert button["type"] == "button"
                assert button["text"]["type"] == "plain_text"
                assert len(button["text"]["text"]) <= 75
                assert button["url"].startswith("http")


def check_teams(r: Received) -> None:
    assert len(r.body) <= 28 * 1024
    body = r.json
    assert body["type"] == "message"
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert isinstance(card["version"], str)
    assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    for element in card["body"]:
        assert element["type"] in {"TextBlock", "FactSet", "Container", "ColumnSet"}
        if element["type"] == "TextBlock":
            assert isinstance(element["text"], str)
        if element["type"] == "FactSet":
            for fact in element["facts"]:
                assert set(fact) == {"title", "value"}
    for action in card.get("actions", []):
        assert action["type"] == "Action.OpenUrl" and action["url"].startswith("http")


def feishu_sign(timestamp: str, secret: str) -> str:
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def check_feishu(r: Received, secret: str | None = None) -> None:
    assert len(r.body) <= 20_000
    body = r.json
    assert body["msg_type"] == "interactive"
    card = body["card"]
    assert card["header"]["title"]["tag"] == "plain_text"
    assert card["header"]["template"] in {
        "blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine",
        "violet", "purple", "indigo", "grey",
    }  # fmt: skip
    for element in card["elements"]:
        assert element["tag"] in {"div", "hr", "action", "note", "markdown"}
        if element["tag"] == "div":
            assert element["text"]["tag"] in {"lark_md", "plain_text"}
        if element["tag"] == "action":
            for button in element["actions"]:
                assert button["tag"] == "button" and button["url"].startswith("http")
    if secret:
        assert body["timestamp"].isdigit() and len(body["timestamp"]) == 10  # seconds
        assert body["sign"] == feishu_sign(body["timestamp"], secret)


def dingtalk_sign(timestamp: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def check_dingtalk(r: Received, secret: str | None = None) -> None:
    body = r.json
    assert body["msgtype"] == "markdown"
    assert isinstance(body["markdown"]["title"], str) and body["markdown"]["title"]
    assert isinstance(body["markdown"]["text"], str)
    query = parse_qs(r.query)
    assert query["access_token"] == ["7e3f9a1c5b2d8e4f6a0b9c3d7e1f5a2b"]
    if secret:
        (timestamp,) = query["timestamp"]
        assert timestamp.isdigit() and len(timestamp) == 13  # milliseconds
        (sign,) = query["sign"]
        assert sign == dingtalk_sign(timestamp, secret)
        # base64 '+', '/' and '=' must arrive URL-encoded, not raw.
        raw_sign = r.query.split("sign=")[1].split("&")[0]
        assert not set("+/=") & set(raw_sign)


def check_wecom(r: Received) -> None:
    body = r.json
    assert body["msgtype"] == "markdown"
    content = body["markdown"]["content"]
    assert isinstance(content, str) and len(content.encode("utf-8")) <= 4096


# --- a small portfolio --------------------------------------------------------------------


def make_portfolio(locale: str = "en", highlights: int = 2) -> Portfolio:
    zh = locale == "zh-CN"
    site = Site(name="Northwind", base_url="https://status.example.com")
    client = Client(id="acme", name="上海景华家居" if zh else "Acme Retail", locale=locale)
    project = Project(
        id="relaunch",
        title="官网改版" if zh else "Website relaunch",
        client="acme",
        manager="lena",
        start=dt.date(2026, 6, 1),
        planned_end=dt.date(2026, 12, 18),
        milestones=[
            Milestone(
                id="design", title="Design", planned=dt.date(2026, 7, 1), actual=dt.date(2026, 7, 2)
            ),
            Milestone(
                id="beta",
                title="测试版上线" if zh else "Beta live",
                planned=dt.date(2026, 11, 20),
                forecasts=[Forecast(date=dt.date(2026, 11, 10), forecast=dt.date(2026, 12, 1))],
            ),
            Milestone(id="launch", title="Launch", planned=dt.date(2026, 12, 15)),
        ],
    )
    words = (
        ["完成首页设计评审", "商品目录接口联调完成"] if zh else ["Home page approved", "API done"]
    )
    items = [words[i % 2] + f" {i}" for i in range(highlights)]
    updates = (
        Update(
            date=dt.date(2026, 11, 6),
            author="lena",
            visibility="client",
            health=Health.green,
            highlights=["old"],
        ),
        Update(
            date=dt.date(2026, 11, 13),
            author="lena",
            visibility="client",
            health=Health.amber,
            health_reason="支付服务商延迟交付" if zh else "Payment provider is late",
            highlights=items,
            decisions_needed=[
                Decision(
                    what="确认上线日期" if zh else "Confirm launch date",
                    by=dt.date(2026, 11, 20),
                    owner="赵敏" if zh else "Jana Roth",
                )
            ],
        ),
        Update(
            date=dt.date(2026, 11, 14),
            author="lena",
            visibility="internal",
            health=Health.red,
            health_reason="internal only: budget overrun",
            highlights=["internal secret highlight"],
        ),
    )
    return Portfolio(
        site=site,
        people={},
        clients={"acme": client},
        projects={"relaunch": ProjectData(project=project, updates=updates)},
    )
