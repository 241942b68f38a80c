"""milepost import tasks: Jira, Zoho Projects, Worktile and mapped exports into tasks.yaml."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.load.workspace import load_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "integrations"

TASKS = """\
# Tasks of the relaunch. WEB-1 is shown on the client portal.
tasks:
  - id: T1
    title: Wireframes
    owner: tom
    milestone: design
    start: 2026-06-01
    due: 2026-06-20
    estimate_hours: 40
  - id: WEB-1
    title: Old title
    owner: lena
    start: 2026-06-01
    due: 2026-06-30
    status: in_progress
    visibility: client   # agreed with the client
    progress:
      - date: 2026-06-10
        percent: 20
"""

# Jira Cloud "Export CSV (all fields)": multi-valued fields repeat their column (Sprint),
# times are seconds, dates look like 12/Jun/26 3:04 PM.
JIRA = (FIXTURES / "jira-issues.csv").read_text(encoding="utf-8")


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), "import", "tasks", *args, "--as-of", "2026-06-16"]
    )
    return result.exit_code, result.output


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def tasks_yaml(root: Path) -> str:
    return (root / "content/projects/relaunch/tasks.yaml").read_text(encoding="utf-8")


def test_jira_export_updates_by_id_and_keeps_milepost_fields(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"content/projects/relaunch/tasks.yaml": TASKS})
    export = write(root, "Jira.csv", JIRA)
    code, out = run(root, str(export), "--project", "relaunch", "--yes")
    assert code == 0, out
    text = tasks_yaml(root)
    assert text.startswith("# Tasks of the relaunch. WEB-1 is shown on the client portal.")
    assert "visibility: client   # agreed with the client" in text
    tasks = {t.id: t for t in load_workspace(root).projects["relaunch"].tasks}
    assert list(tasks) == [
        "T1",
        "WEB-1",
        "WEB-2",
        "WEB-3",
        "WEB-4",
    ]  # order kept, new ones appended
    assert tasks["T1"].title == "Wireframes"  # not in the export: left alone
    web1 = tasks["WEB-1"]
    assert (web1.title, web1.owner, web1.status, web1.visibility) == (
        "Product list page",
        "tom",  # "Tom Berger" found by name in people.yaml
        "in_progress",
        "client",
    )
    assert web1.estimate_hours == 16  # 57,600 seconds
    assert web1.milestone == "design"  # the fix version names the milestone's title
    assert [(p.date.isoformat(), p.percent) for p in web1.progress] == [("2026-06-10", 20)]
    web2 = tasks["WEB-2"]
    assert (web2.status, web2.completed, web2.owner) == ("done", dt.date(2026, 6, 19), "lena")
    assert web2.start == dt.date(2026, 6, 2)  # no start date column: the created day
    web3 = tasks["WEB-3"]
    assert web3.status == "todo" and web3.owner is None
    assert "unmapped status 'Waiting for vendor' on WEB-3" in out
    assert "unknown person 'Ghost User' on WEB-3" in out
    assert "unknown milestone 'Phase 2' on WEB-3" in out
    assert "WEB-4 has no due date: imported with a placeholder" in out
    web4 = tasks["WEB-4"]  # a backlog item without a date: the project's end, marked
    assert (web4.due, web4.start, web4.status) == (
        dt.date(2026, 12, 18),
        dt.date(2026, 6, 4),
        "todo",
    )
    assert "due: 2026-12-18  # placeholder: no due date in the export; set the real date" in text
    assert "3 added, 1 updated, 0 unchanged, 1 only in milepost" in out

    # Re-import: nothing changes.
    code, out = run(root, str(export), "--project", "relaunch", "--yes")
    assert code == 0 and "nothing to change" in out
    assert tasks_yaml(root) == text


def test_status_option_maps_a_custom_status(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace({"content/projects/relaunch/tasks.yaml": TASKS})
    export = write(root, "Jira.csv", JIRA)
    code, out = run(
        root, str(export), "--project", "relaunch", "--status", "Waiting for vendor=blocked", "-y"
    )
    assert code == 0, out
    tasks = {t.id: t for t in load_workspace(root).projects["relaunch"].tasks}
    assert tasks["WEB-3"].status == "blocked"
    assert "unmapped status" not in out


# Zoho Projects' task export: US dates (MM-dd-yyyy), work hours as hh:mm, % Completed.
ZOHO = (FIXTURES / "zoho-projects-tasks.csv").read_text(encoding="utf-8")


def test_zoho_projects_export_with_progress(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace(
        {
            "content/people.yaml": """\
                people:
                  - id: lena
                    name: Lena Hoffmann
                    role: Project manager
                    email: Lena.Hoffmann@example.com
                  - id: tom
                    name: Tom Berger
                    role: Developer
                """,
            "content/projects/relaunch/tasks.yaml": None,
        }
    )
    export = write(root, "tasks_export.csv", ZOHO)
    code, out = run(root, str(export), "--project", "relaunch", "--yes")
    assert code == 0, out
    tasks = {t.id: t for t in load_workspace(root).projects["relaunch"].tasks}
    t1, t2 = tasks["REL-T1"], tasks["REL-T2"]
    assert (t1.start, t1.due, t1.estimate_hours, t1.milestone) == (
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 24),
        42.5,
        "design",
    )
    assert [(p.date, p.percent) for p in t1.progress] == [(dt.date(2026, 6, 16), 60)]
    assert (t2.owner, t2.status, t2.completed) == ("lena", "done", dt.date(2026, 6, 11))


def test_worktile_xlsx_with_chinese_headers(make_workspace: Callable[..., Path]) -> None:
    from openpyxl import Workbook

    root = make_workspace(
        {
            "content/people.yaml": """\
                people:
                  - id: lena
                    name: Lena Hoffmann
                    role: Project manager
                  - id: chen.yu
                    name: 陈宇
                    role: 项目经理
                """,
            "content/projects/relaunch/tasks.yaml": None,
        }
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "标题", "状态", "负责人", "开始时间", "截止时间", "预估工时", "进度"])
    sheet.append(
        [
            "CRM-12",
            "客户数据迁移",
            "进行中",
            "陈宇",
            dt.datetime(2026, 6, 2),
            dt.datetime(2026, 6, 30),
            "24h",
            0.35,
        ]
    )
    sheet.append(
        [
            "CRM-13",
            "销售报表",
            "已完成",
            "陈宇",
            dt.datetime(2026, 6, 1),
            dt.datetime(2026, 6, 10),
            8,
            1,
        ]
    )
    book.save(root / "worktile-任务.xlsx")
    code, out = run(root, str(root / "worktile-任务.xlsx"), "--project", "relaunch", "--yes")
    assert code == 0, out
    tasks = {t.id: t for t in load_workspace(root).projects["relaunch"].tasks}
    assert tasks["CRM-12"].title == "客户数据迁移"
    assert (tasks["CRM-12"].owner, tasks["CRM-12"].status) == ("chen.yu", "in_progress")
    assert tasks["CRM-12"].estimate_hours == 24
    assert [p.percent for p in tasks["CRM-12"].progress] == [35]
    # Done without a completion date: the due date, as it is already past.
    assert (tasks["CRM-13"].status, tasks["CRM-13"].completed) == ("done", dt.date(2026, 6, 10))


def test_generic_mapping_and_dry_run(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace()
    before = tasks_yaml(root)
    export = write(
        root,
        "plan.csv",
        """\
        Ref,Task,Who,State,From,To,Hours
        T1,Wireframes v2,Tom Berger,Doing,2026-06-01,2026-06-25,48
        """,
    )
    code, out = run(
        root,
        str(export),
        "--project",
        "relaunch",
        "--map",
        "id=Ref",
        "--map",
        "title=Task",
        "--map",
        "owner=Who",
        "--map",
        "status=State",
        "--map",
        "start=From",
        "--map",
        "due=To",
        "--map",
        "estimate=Hours",
        "--status",
        "Doing=in_progress",
        "--dry-run",
    )
    assert code == 0, out
    assert "-    title: Wireframes" in out and "+    title: Wireframes v2" in out
    assert "+    status: in_progress" in out
    assert "dry run: nothing written" in out
    assert tasks_yaml(root) == before


def test_unreadable_date_names_file_and_line(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace()
    export = write(
        root,
        "Jira.csv",
        """\
        Summary,Issue key,Status,Due date
        Fine,WEB-1,To Do,30/Jun/26
        Broken,WEB-2,To Do,next Tuesday
        """,
    )
    code, out = run(root, str(export), "--project", "relaunch", "--yes")
    assert code == 1
    assert "Jira.csv:3: WEB-2: 'next Tuesday' is not a date milepost can read" in out
    assert "--date-format" in out


def test_unknown_export_asks_for_a_preset(make_workspace: Callable[..., Path]) -> None:
    root = make_workspace()
    export = write(root, "x.csv", "A,B\n1,2\n")
    code, out = run(root, str(export), "--project", "relaunch")
    assert code == 1 and "cannot tell which tracker wrote this export" in out


def test_placeholder_due_date_gives_way_to_the_pms_date(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"content/projects/relaunch/tasks.yaml": TASKS})
    export = write(root, "Jira.csv", JIRA)
    assert run(root, str(export), "--project", "relaunch", "--yes")[0] == 0
    file = root / "content/projects/relaunch/tasks.yaml"
    marked = "due: 2026-12-18  # placeholder: no due date in the export; set the real date"
    file.write_text(tasks_yaml(root).replace(marked, "due: 2026-09-30  # agreed in the review"))
    code, out = run(root, str(export), "--project", "relaunch", "--yes")
    assert code == 0 and "nothing to change" in out  # the PM's date and comment stay
    assert "due: 2026-09-30  # agreed in the review" in tasks_yaml(root)


# Jira Cloud export for the demo's Kestrel app: Labels and Sprint repeat their column, an
# item resolved without a Resolved date (so due and completed are the same day) and a
# backlog item without a due date.
JIRA_KESTREL = FIXTURES / "jira-kestrel.csv"


def test_jira_import_into_the_demo_reads_like_a_person_wrote_it(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    shutil.copytree(REPO / "content", tmp_path / "content")
    file = tmp_path / "content/projects/kestrel-app/tasks.yaml"
    before = file.read_text(encoding="utf-8")

    def import_once() -> tuple[int, str]:
        result = CliRunner().invoke(
            main,
            ["-w", str(tmp_path), "import", "tasks", str(JIRA_KESTREL)]
            + ["--project", "kestrel-app", "--as-of", "2026-11-30", "--yes"],
        )
        return result.exit_code, result.output

    code, out = import_once()
    assert code == 0, out
    text = file.read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text  # no YAML anchors or aliases
    assert text.startswith(before.rstrip("\n"))  # comments and every line kept as written
    added = text[len(before.rstrip("\n")) :].strip().splitlines()
    # The file writes simple tasks on one line: so are the new ones.
    assert added[0] == (
        "- {id: KES-101, title: Beta feedback widget in the app, owner: priya.nair, "
        "milestone: public-beta, start: 2026-11-02, due: 2026-11-20, estimate_hours: 12, "
        "status: done, completed: 2026-11-20}"
    )
    assert "due: 2027-01-29  # placeholder: no due date in the export; set the real date" in text
    tasks = {t.id: t for t in load_workspace(tmp_path).projects["kestrel-app"].tasks}
    assert tasks["KES-103"].due == dt.date(2027, 1, 29)  # the project's planned end

    code, out = import_once()
    assert code == 0 and "nothing to change" in out, out
    assert file.read_text(encoding="utf-8") == text
