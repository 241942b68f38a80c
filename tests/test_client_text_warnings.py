"""Client-visible text that may disclose internal facts is listed by validate and build.

Amounts of money, words such as cost, margin or 未计费, file paths and staff rates in any field
a client output prints become `file:line: warning: …` with a hint; `--strict` makes them
errors (exit 1, nothing built). Internal records are not checked.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.analyze.disclosure import disclosures
from tests.conftest import REPO, WorkspaceFactory

UPDATE = "content/projects/relaunch/updates/2026-06-19.md"
CHANGES = "content/projects/relaunch/changes.yaml"
FILES = {
    UPDATE: """\
        ---
        date: 2026-06-19
        author: lena
        visibility: client
        highlights:
          - Checkout shipped; the extra work stays within €12,000.
          - Map the <Tab> order
        decisions_needed:
          - what: Approve CR-02 (+38,000 EUR)
        ---
        Design went well.
        约 65 小时工时未计费，成本超出预算。
        The export is in surveys/closing.csv for you.
        """,
    "content/projects/relaunch/updates/2026-06-20.md": """\
        ---
        date: 2026-06-20
        author: lena
        visibility: internal
        highlights:
          - Margin down to 12 %, 40 unbilled hours at 95 €/h.
        ---
        Internal: cost 41,000 EUR so far.
        """,
    CHANGES: """\
        changes:
          - id: CR-01
            title: Extra payment provider
            requested_by: Jana Roth
            requested: 2026-06-16
            impact: {cost: 14800}
            status: approved
            decided: 2026-06-18
            decision_note: Budget raised from 171,200 to 186,000 EUR.
            visibility: client
          - id: CR-02
            title: Second language
            requested_by: Jana Roth
            requested: 2026-06-17
            impact: {cost: 38000}
            visibility: client
        """,
}


def _warnings(text: str) -> list[str]:
    return re.findall(r"^(\S+?:\d+(?::\d+)?): warning: (.*)$", text, re.MULTILINE)


def test_validate_lists_each_client_visible_disclosure_at_its_line(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace(FILES)
    result = run_cli("--workspace", str(root), "validate")
    assert result.exit_code == 0, result.output
    found = _warnings(result.stderr)
    where = {w for w, _ in found}
    assert f"{CHANGES}:9:50" in where  # 186,000 EUR in a client-visible decision note
    messages = "\n".join(f"{w}: {m}" for w, m in found)
    assert "'186,000 EUR'" in messages
    assert (
        f"{UPDATE}:6:51: highlights is shown to the client and names an amount of money: "
        "'€12,000'" in messages
    )
    assert (
        f"{UPDATE}:9:26: what is shown to the client and names an amount of money: "
        "'+38,000 EUR'" in messages
    )
    assert f"{UPDATE}:12: the narrative is shown to the client and says '未计费'" in messages
    assert f"{UPDATE}:12: the narrative is shown to the client and says '成本'" in messages
    assert (
        f"{UPDATE}:13: the narrative is shown to the client and names a file path: "
        "'surveys/closing.csv'" in messages
    )
    assert "hint: prices, budgets and costs are internal" in result.stderr
    # the internal update, the internal cost and the <Tab> highlight are not warned about
    assert "2026-06-20.md" not in result.stderr and "Tab" not in result.stderr
    assert "6 warnings" in result.stderr
    assert "workspace is valid" in result.stdout


def test_strict_makes_them_errors_and_builds_nothing(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace(FILES)
    result = run_cli("--workspace", str(root), "validate", "--strict")
    assert result.exit_code == 1
    assert f"{UPDATE}:6:51: highlights is shown to the client" in result.stderr
    assert "warning:" not in result.stderr and "6 errors" in result.stderr
    build = run_cli("--workspace", str(root), "build", "--strict", "--only", "site", "-q")
    assert build.exit_code == 1
    assert f"{CHANGES}:9:50: decision_note is shown to the client" in build.stderr
    assert not (root / "output/portals").exists()


def test_build_prints_the_warnings_and_builds(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace(FILES)
    build = run_cli("--workspace", str(root), "build", "--only", "site", "-q", "--as-of",
                    "2026-06-30")  # fmt: skip
    assert build.exit_code == 0, build.output
    assert f"{UPDATE}:9:26: warning: what is shown to the client" in build.stderr
    assert (root / "output/portals/acme/relaunch/index.html").is_file()


def test_a_shared_price_and_a_checked_line_are_no_warning(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    files = dict(FILES)
    files[CHANGES] = (
        FILES[CHANGES]
        .replace(
            "impact: {cost: 38000}\n",
            "impact: {cost: 38000}\n            cost_visibility: client\n",
        )
        .replace(
            "decision_note: Budget raised from 171,200 to 186,000 EUR.",
            "decision_note: Budget raised to 186,000 EUR.  # milepost: client-ok",
        )
    )
    files[UPDATE] = FILES[UPDATE].replace(
        "成本超出预算。", "成本超出预算。 <!-- milepost: client-ok -->"
    )
    root = make_workspace(files)
    result = run_cli("--workspace", str(root), "validate")
    assert result.exit_code == 0
    assert "38,000" not in result.stderr  # CR-02's price is meant for the client
    assert "186,000" not in result.stderr and "未计费" not in result.stderr
    assert "€12,000" in result.stderr  # another amount still is


def test_messages_in_chinese(make_workspace: WorkspaceFactory, run_cli: Any) -> None:
    root = make_workspace(FILES)
    result = run_cli("--workspace", str(root), "--lang", "zh-CN", "validate")
    assert f"{UPDATE}:12: 警告：正文 会展示给客户，其中写有“未计费”" in result.stderr
    assert "提示：价格、预算和成本仅限内部" in result.stderr
    assert "6 个警告" in result.stderr


def test_the_demo_passes_validate_strict(run_cli: Any) -> None:
    result = run_cli("--workspace", str(REPO), "validate", "--strict")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


def test_docs_change_request_example_leaks_nothing() -> None:
    docs = (REPO / "docs/workspace.md").read_text(encoding="utf-8")
    section = docs[docs.index("## 9. `changes.yaml`") :]
    block = section[
        section.index("```yaml") + 7 : section.index("```", section.index("```yaml") + 7)
    ]
    example = yaml.safe_load(block)["changes"][0]
    assert example["visibility"] == "client"
    for key in ("title", "description", "decision_note"):
        assert disclosures(example[key]) == [], (key, example[key])
