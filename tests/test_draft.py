"""milepost draft: the week's update, pre-filled from the data, valid, and never overwriting."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.load.workspace import load_workspace
from generator.model.base import Visibility
from generator.model.documents import Update
from generator.model.portfolio import ProjectData
from generator.model.records import ChangeStatus
from tests.conftest import REPO

DEMO_PROJECTS = sorted(p.name for p in (REPO / "content/projects").iterdir())


def demo_copy(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    return root


def cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-w", str(root), *args])


def last_client_update(data: ProjectData, day: dt.date) -> Update | None:
    """What the client last read before `day`: the newest client-visible weekly or ad hoc."""
    seen = [
        u
        for u in data.updates
        if u.date < day and u.kind != "daily" and u.visibility == Visibility.client
    ]
    return max(seen, key=lambda u: u.date) if seen else None


def drafted(root: Path, project: str, day: str) -> Update:
    updates = load_workspace(root).projects[project].updates
    return next(u for u in updates if u.date.isoformat() == day)


@pytest.mark.parametrize("day", ["2026-10-21", "2026-11-30"])
@pytest.mark.parametrize("project", DEMO_PROJECTS)
def test_demo_draft_validates_and_carries_decisions_and_finished_tasks(
    tmp_path: Path, project: str, day: str
) -> None:
    root = demo_copy(tmp_path)
    before = load_workspace(root).projects[project]
    date = dt.date.fromisoformat(day)

    result = cli(root, "draft", project, "--date", day)
    assert result.exit_code == 0, result.output
    assert f"wrote content/projects/{project}/updates/{day}.md" in result.output
    check = cli(root, "validate")
    assert check.exit_code == 0, check.output

    update = drafted(root, project, day)
    assert update.visibility == Visibility.client
    assert update.author == before.project.manager
    previous = last_client_update(before, date)
    since = previous.date if previous else before.project.start - dt.timedelta(days=1)
    finished = [
        t.title
        for t in before.tasks
        if t.visibility == Visibility.client and t.completed and since < t.completed <= date
    ]
    for title in finished:
        assert f"Completed: {title}" in update.highlights or f"已完成：{title}" in (
            update.highlights
        )
    decided = {c.id for c in before.changes if c.status != ChangeStatus.proposed}
    still_open = [
        d
        for d in (previous.decisions_needed if previous else [])
        if not any(re.search(rf"\b{re.escape(c)}\b", d.what) for c in decided)
    ]
    carried = {(d.what, d.by, d.owner) for d in update.decisions_needed}
    for decision in still_open:
        assert (decision.what, decision.by, decision.owner) in carried
    awaiting = [
        c
        for c in before.changes
        if c.status == ChangeStatus.proposed
        and c.visibility == Visibility.client
        and c.requested <= date
    ]
    for change in awaiting:
        assert any(change.id in d.what for d in update.decisions_needed), change.id


def test_the_activity_test_dates_have_something_to_draft(tmp_path: Path) -> None:
    """A draft lists what was finished since the last client update: the Carrier Portal's
    UAT plan, done on 22 October, after the update of 9 October."""
    root = demo_copy(tmp_path)
    result = cli(root, "draft", "hafenbahn-carrier-portal", "--date", "2026-10-23", "--print")
    assert result.exit_code == 0, result.output
    assert "Completed: UAT plan and test scripts" in result.output


@pytest.mark.parametrize("project", DEMO_PROJECTS)
def test_client_draft_holds_no_internal_record(tmp_path: Path, project: str) -> None:
    root = demo_copy(tmp_path)
    data = load_workspace(root).projects[project]
    internal: list[str] = []
    internal += [t.title for t in data.tasks if t.visibility == Visibility.internal]
    internal += [r.title for r in data.risks if r.visibility == Visibility.internal]
    internal += [c.title for c in data.changes if c.visibility == Visibility.internal]
    internal += [m.title for m in data.project.milestones if m.visibility == Visibility.internal]
    internal += [g.title for g in data.project.goals if g.visibility == Visibility.internal]
    for u in data.updates:
        if u.visibility == Visibility.internal:
            internal += [*u.highlights, *u.blockers, *u.next_steps]
            internal += [d.what for d in u.decisions_needed]
            internal += [u.health_reason] if u.health_reason else []
    # A text the client may also read elsewhere is not a leak.
    visible = " ".join(
        [t.title for t in data.tasks if t.visibility == Visibility.client]
        + [r.title for r in data.risks if r.visibility == Visibility.client]
        + [m.title for m in data.project.milestones if m.visibility == Visibility.client]
    )
    secrets = [s for s in internal if s not in visible]
    assert secrets or project in ("jinghua-website",), "the demo project has internal records"
    weekly = [u.date for u in data.updates if u.kind != "daily"][-4:]
    for date in [d + dt.timedelta(days=1) for d in weekly] + [dt.date(2026, 11, 30)]:
        text = cli(root, "draft", project, "--date", date.isoformat(), "--print").output
        assert "visibility: client" in text
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{project} {date}: {leaked}"


def test_internal_draft_rolls_up_the_stand_ups(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    args = ["draft", "hafenbahn-carrier-portal", "--date", "2026-11-20", "--print"]
    internal = CliRunner().invoke(main, ["-w", str(root), *args, "--visibility", "internal"])
    assert internal.exit_code == 0, internal.output
    assert "visibility: internal" in internal.output
    assert "Tobias: delivery note posting works for the standard case" in internal.output
    assert "QA client restarted twice this morning" in internal.output  # a stand-up blocker

    client = CliRunner().invoke(main, ["-w", str(root), *args])
    assert "Tobias: delivery note posting works" not in client.stdout
    assert "left out of this client update: 2 internal stand-ups" in client.stderr


def test_second_draft_of_the_same_date_exits_1_and_changes_nothing(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    first = cli(root, "draft", "kestrel-app", "--date", "2026-11-30")
    assert first.exit_code == 0, first.output
    folder = root / "content/projects/kestrel-app/updates"
    file = folder / "2026-11-30.md"
    file.write_text(file.read_text(encoding="utf-8") + "My own words.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    second = cli(root, "draft", "kestrel-app", "--date", "2026-11-30")
    assert second.exit_code == 1
    assert "content/projects/kestrel-app/updates/2026-11-30.md: already exists" in second.output
    assert "Traceback" not in second.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_print_writes_nothing(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    result = cli(root, "draft", "kestrel-app", "--date", "2026-11-30", "--print")
    assert result.exit_code == 0
    assert result.output.startswith("---\n")
    assert "decisions_needed:" in result.output
    assert not (root / "content/projects/kestrel-app/updates/2026-11-30.md").exists()


def test_metrics_due_are_left_empty_and_change_no_reading(tmp_path: Path) -> None:
    from generator.analyze.smart import goals_progress

    root = demo_copy(tmp_path)
    day = dt.date(2026, 11, 30)
    before = {
        g.id: g.current for g in goals_progress(load_workspace(root).projects["kestrel-app"], day)
    }
    assert cli(root, "draft", "kestrel-app", "--date", "2026-11-30").exit_code == 0
    text = (root / "content/projects/kestrel-app/updates/2026-11-30.md").read_text()
    # Each goal due a reading: an empty value and a comment with the goal, its target and
    # the last reading.
    assert re.search(
        r"^  crash-free:  # 99\.5 % crash-free sessions; .*; target 99\.5%; "
        r"last 99\.1% on Nov 20, 2026$",
        text,
        flags=re.MULTILINE,
    )
    data = load_workspace(root).projects["kestrel-app"]
    assert drafted(root, "kestrel-app", "2026-11-30").metrics["crash-free"] is None
    assert {g.id: g.current for g in goals_progress(data, day)} == before


def test_blocked_task_is_drafted_with_its_note(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    result = cli(root, "draft", "hafenbahn-carrier-portal", "--date", "2026-11-27", "--print")
    assert (
        '  - "Integration: invoice status feed (CR-01): Waiting for the IDoc mapping of '
        'invoices from the Hafenbahn SAP team."' in result.output
    )


def test_chinese_project_draft_reads_as_chinese(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    result = cli(root, "draft", "jinghua-crm", "--date", "2026-11-27", "--print")
    text = result.output
    assert "# 由 `milepost draft` 根据上次周报（2026年11月20日）以来的项目数据生成。" in text
    assert "# 以下是您在2026年11月20日汇报的项目状态：请确认或修改。" in text
    assert "  - 金蝶订单接口开发（周浩，2026年11月20日到期）" in text
    assert "  - 金蝶库存接口开发：等待金蝶方确认库存字段的完成日期。" in text
    assert "    by: 2026-11-25  # 已逾期" in text
    assert "## 本周进展" in text and "## 进度、风险与需要的支持" in text
    comments = "\n".join(line for line in text.splitlines() if "#" in line)
    for english in ("Check each line", "Tasks starting", "overdue", "This week", "due "):
        assert english not in comments


def test_draft_in_a_generated_workspace_validates(tmp_path: Path) -> None:
    root = tmp_path / "agency"
    assert CliRunner().invoke(main, ["init", str(root), "--template", "software"]).exit_code == 0
    project = next(p.name for p in (root / "content/projects").iterdir())
    today = dt.date.today()
    result = cli(root, "draft", project, "--date", (today + dt.timedelta(days=7)).isoformat())
    assert result.exit_code == 0, result.output
    check = cli(root, "validate")
    assert check.exit_code == 0, check.output


def test_unknown_project_is_a_user_error(tmp_path: Path) -> None:
    root = demo_copy(tmp_path)
    result = cli(root, "draft", "kestrel")
    assert result.exit_code == 1
    assert (
        "no project 'kestrel'" in result.output and "did you mean 'kestrel-app'?" in result.output
    )
