"""milepost agenda: what needs the PM across the portfolio, most urgent first."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import REPO


def demo_copy(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    return root


def cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-w", str(root), *args])


def items(root: Path, *args: str) -> list[dict[str, Any]]:
    result = cli(root, "agenda", "--as-of", "2026-11-30", "--json", *args)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.output)["items"])


def test_demo_agenda_lists_the_past_due_client_decisions_first(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    found = items(root)
    overdue = [i for i in found if i["kind"] == "decision_overdue"]
    assert found[: len(overdue)] == overdue  # first, before anything else
    assert {i["project"] for i in overdue} == {
        "hafenbahn-carrier-portal",
        "kestrel-app",
        "jinghua-crm",
    }
    texts = [i["text"] for i in overdue]
    assert (
        "Client decision overdue since Nov 27, 2026: Approve CR-03 (go-live 26 February 2027, "
        "dedicated SAP developer in January, +38.000 €). (Dr. Katrin Albers)"
    ) in texts
    assert (
        "Client decision overdue since Nov 25, 2026: "
        "确认试点门店名单是否扩大至苏州、杭州共 20 家门店。 (何静)"
    ) in texts
    assert sum("Femke de Vries" in t or "Ruben Janssen" in t for t in texts) == 2
    assert overdue[0]["file"] == "content/projects/jinghua-crm/updates/2026-11-27.md"
    # The decision due on 4 December is not overdue: it comes later, as due soon.
    soon = next(i for i in found if "Name the SAP developer" in i["text"])
    assert soon["kind"] == "decision_due" and found.index(soon) > len(overdue)

    text = cli(root, "agenda", "--as-of", "2026-11-30").output
    lines = text.splitlines()
    assert lines[0] == "33 items need you as of Nov 30, 2026, most urgent first"
    assert lines[1].startswith(
        "  1. ! [景华家居 CRM 实施项目] Client decision overdue since Nov 25"
    )
    assert lines[2] == "         edit: content/projects/jinghua-crm/updates/2026-11-27.md"


def test_each_item_names_its_project_file_and_command(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    found = items(root)
    kinds = {i["kind"] for i in found}
    assert {
        "decision_overdue",
        "decision_due",
        "report_unsent",
        "update_missing",
        "milestone_due",
        "milestone_late",
        "allocation_ends",
        "reading_due",
        "risk_stale",
    } <= kinds
    projects = {p.name for p in (root / "content/projects").iterdir()}
    for item in found:
        assert item["project"] in projects
        assert item["file"].startswith(f"content/projects/{item['project']}/")
    missing = next(i for i in found if i["kind"] == "update_missing")
    assert missing["command"] == f"milepost draft {missing['project']} --date 2026-11-30"
    # Running the command named by the agenda writes the file it names.
    assert cli(root, *missing["command"].split()[1:]).exit_code == 0
    assert (root / missing["file"]).is_file()
    report = next(
        i for i in found if i["kind"] == "report_unsent" and i["project"] == "kestrel-app"
    )
    assert report["command"] == "milepost send weekly kestrel-app --period 2026-W48"


def test_a_report_in_the_send_ledger_is_no_longer_due(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)

    def unsent() -> set[str]:
        return {i["command"] for i in items(root) if i["kind"] == "report_unsent"}

    assert "milepost send weekly kestrel-app --period 2026-W48" in unsent()
    entry = {
        "message_id": "<1@x>",
        "recipient": "femke@kestrel.example",
        "project": "kestrel-app",
        "kind": "weekly",
        "period": "2026-W48",
        "pdf_sha256": "0" * 64,
        "sent_at": "2026-11-30T15:00:00+00:00",
    }
    (root / ".milepost").mkdir()
    (root / ".milepost/send-ledger.jsonl").write_text(json.dumps(entry) + "\n")
    left = unsent()
    assert "milepost send weekly kestrel-app --period 2026-W48" not in left
    assert "milepost send monthly kestrel-app --period 2026-11" in left


def test_agenda_in_chinese(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    result = cli(root, "--lang", "zh-CN", "agenda", "--as-of", "2026-11-30")
    lines = result.output.splitlines()
    assert lines[0] == "截至2026年11月30日，共有 33 项事务需要您处理，按紧急程度排列"
    assert lines[1] == (
        "  1. ! [景华家居 CRM 实施项目] 客户决策已逾期（截止2026年11月25日）："
        "确认试点门店名单是否扩大至苏州、杭州共 20 家门店。（决策人：何静）"
    )
    assert lines[2] == "         编辑：content/projects/jinghua-crm/updates/2026-11-27.md"
    assert "         运行：milepost draft kestrel-app --date 2026-11-30" in lines
    assert (
        "[Rider App v2] 里程碑将于2026年12月4日到期：Public beta with 500 riders" in result.output
    )
    for english in ("overdue", "edit:", "run:", "Milestone", "not sent"):
        assert english not in result.output


def test_project_filter_and_an_unknown_project(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    found = items(root, "--project", "kestrel-app")
    assert found and {i["project"] for i in found if i["kind"] != "over_allocated"} == {
        "kestrel-app"
    }
    # A person's load concerns every project they are booked on: Tobias Brandt is over
    # capacity with the Carrier Portal and Kestrel together.
    shared = [i for i in found if i["kind"] == "over_allocated"]
    assert [i["text"] for i in shared] == [
        "Tobias Brandt is booked 44 h in 2026-W49, capacity 40 h (Carrier Portal and Rider App v2)"
    ]
    result = cli(root, "agenda", "--project", "kestrel")
    assert result.exit_code == 1
    assert "did you mean 'kestrel-app'?" in result.output


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    first = cli(root, "agenda", "--as-of", "2026-11-30", "--json").output
    assert cli(root, "agenda", "--as-of", "2026-11-30", "--json").output == first


SECOND_PROJECT = {
    "content/projects/shop/project.yaml": """\
        title: Online shop
        client: acme
        manager: lena
        start: 2026-06-01
        planned_end: 2026-09-30
        team:
          - person: tom
            allocations:
              - {from: 2026-06-01, to: 2026-09-30, hours_per_week: 30}
        """,
    "content/projects/shop/risks.yaml": """\
        risks:
          - id: R1
            title: Payment provider contract not signed
            owner: lena
            raised: 2026-06-02
            probability: 4
            impact: 4
        """,
    "content/projects/relaunch/project.yaml": """\
        title: Website relaunch
        client: acme
        manager: lena
        start: 2026-06-01
        planned_end: 2026-12-18
        milestones:
          - {id: design, title: Design sign-off, planned: 2026-07-15}
        team:
          - person: tom
            allocations:
              - {from: 2026-06-01, to: 2026-08-31, hours_per_week: 20}
        """,
    "content/projects/old/project.yaml": """\
        title: Old site
        client: acme
        manager: lena
        status: closed
        start: 2026-01-05
        planned_end: 2026-03-27
        actual_end: 2026-03-27
        """,
}


def test_load_risks_allocations_and_closure_on_a_small_workspace(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace(SECOND_PROJECT)
    result = cli(root, "agenda", "--as-of", "2026-06-16", "--json")
    assert result.exit_code == 0, result.output
    found = {i["kind"]: i for i in json.loads(result.output)["items"]}
    assert found["over_allocated"]["text"] == (
        "Tom Berger is booked 50 h in 2026-W25, capacity 40 h (Online shop and Website relaunch)"
    )
    assert found["risk_unhandled"]["text"] == (
        "High risk without a plan: Payment provider contract not signed (risk score 16)"
    )
    assert found["risk_unhandled"]["file"] == "content/projects/shop/risks.yaml"
    assert found["allocation_ends"]["text"] == (
        "Allocations end on Aug 31, 2026, before the forecast end on Dec 18, 2026: Tom Berger"
    )
    assert found["closure_missing"]["text"] == "Closed without a retrospective or a client survey"
    assert found["closure_missing"]["command"] == "milepost survey import FILE --project old"


AGENDA_CHANNELS = """\
notify:
  - kind: slack
    name: team
    webhook_env: HOOK_SLACK
    audience: internal
  - kind: wecom
    name: team-cn
    webhook_env: HOOK_WECOM
    audience: internal
  - kind: teams
    name: client-room
    webhook_env: HOOK_TEAMS
  - kind: feishu
    name: weekly-only
    webhook_env: HOOK_FEISHU
    audience: internal
    events: [weekly]
"""


def test_notify_agenda_posts_to_the_team_channels_only(tmp_path: Path) -> None:
    from tests.notify_server import check_slack, check_wecom, webhook_server

    root = demo_copy(tmp_path)
    site = root / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[: text.index("notify:")] + AGENDA_CHANNELS, encoding="utf-8")
    args = ["-w", str(root), "--lang", "zh-CN", "notify", "agenda", "--as-of", "2026-11-30"]
    with webhook_server() as server:
        result = CliRunner().invoke(main, args, env=server.env())
        assert result.exit_code == 0, result.output
        # Internal channels that take the agenda: not the client's, not a weekly-only one.
        assert sorted(r.service for r in server.requests) == ["slack", "wecom"]
        slack, wecom = server.of("slack")[0], server.of("wecom")[0]
        check_slack(slack)
        check_wecom(wecom)
        body = slack.body.decode()
        assert "截至2026年11月30日，共有 33 项事务需要您处理" in body
        assert "客户决策已逾期（截止2026年11月25日）" in body
        assert "Risks not re-assessed" not in body
        # WeCom takes 4,096 bytes: the items that do not fit are counted, not cut mid-word.
        content = wecom.json["markdown"]["content"]
        assert content.endswith("项未列出)")

        again = CliRunner().invoke(main, args, env=server.env())
        assert again.exit_code == 0 and len(server.requests) == 2  # posted once a day
        assert "already posted" in again.output


def test_notify_agenda_without_a_team_channel_says_how_to_add_one(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    site = root / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("events: [weekly, closing, agenda]", "events: [weekly]"))
    result = cli(root, "notify", "agenda", "--as-of", "2026-11-30")
    assert result.exit_code == 1
    assert "events: [agenda]" in result.output
