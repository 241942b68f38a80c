"""OutgoingReport values for the email tests, with real (small) PDFs from WeasyPrint."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import weasyprint

from generator.model.base import Health
from generator.model.site import ReportKind
from generator.publish.email import Mailbox, OutgoingReport


@functools.lru_cache(maxsize=16)
def pdf(text: str = "Weekly status") -> bytes:
    return weasyprint.HTML(string=f"<h1>{text}</h1><p>官网改版 · Website relaunch</p>").write_pdf()


PERIOD_ENDS = {"2026-W46": dt.date(2026, 11, 15), "2026-W47": dt.date(2026, 11, 22)}


def report(**overrides: Any) -> OutgoingReport:
    values: dict[str, Any] = {
        "client_name": "Acme Retail GmbH",
        "client_tag": "Acme",
        "project_id": "relaunch",
        "project_title": "Website relaunch",
        "locale": "en",
        "kind": ReportKind.weekly,
        "period": "2026-W47",
        "period_end": dt.date(2026, 11, 22),
        "health": Health.amber,
        "health_reason": "Milestone M2 (design sign-off) slipped 5 days.",
        "pdf_filename": "relaunch-weekly-2026-W47.pdf",
        "sender": "Northwind Projects <projects@northwind.example>",
        "recipients": (
            Mailbox("jana.roth@acme.example", "Jana Roth"),
            Mailbox("max.weber@acme.example", "Max Weber"),
        ),
        "cc": (Mailbox("lena@northwind.example", "Lena Hoffmann"),),
        "top_points": ("Checkout redesign shipped to staging", "Load test passed at 2x peak"),
        "decisions": ("Approve the extra payment provider by 2026-11-27",),
        "portal_url": "https://status.northwind.example/acme/relaunch/",
        "sign_off": "Lena Hoffmann",
        "timezone": "Europe/Berlin",
    }
    values.update(overrides)
    if "pdf" not in values:
        values["pdf"] = pdf(f"{values['project_id']} {values['kind']} {values['period']}")
    return OutgoingReport(**values)


def chinese_report(**overrides: Any) -> OutgoingReport:
    values: dict[str, Any] = {
        "client_name": "某客户有限公司",
        "client_tag": "某客户",
        "project_title": "官网改版",
        "locale": "zh-CN",
        "health_reason": "设计评审里程碑延期 5 天。",
        "pdf_filename": "官网改版 项目周报 2026年第47周.pdf",
        "recipients": (Mailbox("wang.fang@client.example", "王芳"),),
        "cc": (Mailbox("lena@northwind.example", "项目经理 李娜"),),
        "top_points": ("结算页改版已上线测试环境", "压力测试通过"),
        "decisions": ("请于 11 月 27 日前确认新增支付渠道",),
        "sign_off": "李娜",
        "timezone": "Asia/Shanghai",
    }
    values.update(overrides)
    return report(**values)
