"""What each tracker's task export calls a field, and how it writes dates, hours and statuses."""

from __future__ import annotations

import datetime as dt
import re

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.integrations.table import Cell, Table, norm
from generator.model.records import TaskStatus

FIELDS = (
    "id",
    "title",
    "owner",
    "status",
    "status_category",
    "start",
    "due",
    "completed",
    "created",
    "estimate",
    "progress",
    "milestone",
)

PRESETS: dict[str, dict[str, list[str]]] = {
    # Jira "Export CSV (all fields)": time tracking in seconds, dates like 20/Nov/26 2:03 PM.
    "jira": {
        "id": ["Issue key", "Key"],
        "title": ["Summary"],
        "owner": ["Assignee"],
        "status": ["Status"],
        "status_category": ["Status Category"],
        "start": ["Start date", "Custom field (Start date)", "Custom field (Start Date)"],
        "due": ["Due date", "Due Date"],
        "completed": ["Resolved", "Resolution date"],
        "created": ["Created"],
        "estimate": ["Original estimate", "Original Estimate"],
        "milestone": ["Fix versions", "Fix Version/s"],
    },
    "zoho-projects": {
        "id": ["Task ID", "Key"],
        "title": ["Task Name"],
        "owner": ["Owner", "Task Owner"],
        "status": ["Custom Status", "Status"],
        "start": ["Start Date"],
        "due": ["Due Date", "End Date"],
        "completed": ["Completion Date", "Completed On"],
        "created": ["Created Time", "Created Date"],
        "estimate": ["Work Hours"],
        "progress": ["% Completed", "Completion Percentage"],
        "milestone": ["Milestone", "Milestone Name", "Task List"],
    },
    "worktile": {
        "id": ["编号", "任务编号", "ID"],
        "title": ["标题", "任务标题", "任务名称"],
        "owner": ["负责人"],
        "status": ["状态"],
        "start": ["开始时间", "开始日期"],
        "due": ["截止时间", "截止日期"],
        "completed": ["完成时间"],
        "created": ["创建时间"],
        "estimate": ["预估工时", "计划工时"],
        "progress": ["进度", "完成进度"],
        "milestone": ["里程碑", "所属里程碑", "迭代"],
    },
    "generic": {name: [name] for name in FIELDS} | {"estimate": ["estimate_hours", "estimate"]},
}
ESTIMATE_IN_SECONDS = {"jira"}

STATUS_WORDS: dict[TaskStatus, tuple[str, ...]] = {
    TaskStatus.todo: (
        "to do", "todo", "open", "backlog", "new", "selected for development", "not started",
        "reopened", "未开始", "待处理", "待办", "新建", "打开", "重新打开",
    ),
    TaskStatus.in_progress: (
        "in progress", "in_progress", "in review", "review", "testing", "qa",
        "进行中", "处理中", "开发中", "测试中", "审核中",
    ),
    TaskStatus.blocked: (
        "blocked", "on hold", "waiting", "impeded", "已阻塞", "阻塞", "挂起", "暂停", "搁置",
    ),
    TaskStatus.done: (
        "done", "closed", "resolved", "completed", "complete", "已完成", "已关闭", "已解决", "完成",
    ),
}  # fmt: skip

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%d/%b/%y %I:%M %p",
    "%d/%b/%y",
    "%d/%b/%Y %I:%M %p",
    "%d/%b/%Y",
    "%m/%d/%Y",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%m-%d-%Y",
    "%m-%d-%Y %I:%M %p",
    "%Y年%m月%d日",
    "%Y年%m月%d日 %H:%M",
)


def detect_preset(table: Table) -> str | None:
    if table.has("Issue key") or (table.has("Summary") and table.has("Issue id")):
        return "jira"
    if table.has("Task Name") and (table.has("Task ID") or table.has("% Completed")):
        return "zoho-projects"
    if table.has("标题") and table.has("负责人"):
        return "worktile"
    if table.has("id") and table.has("title"):
        return "generic"
    return None


def status_table(extra: tuple[str, ...]) -> dict[str, TaskStatus]:
    """Tracker status words (case-insensitive) -> milepost status; --status TEXT=STATUS wins."""
    table = {norm(word): status for status, words in STATUS_WORDS.items() for word in words}
    for pair in extra:
        text, sep, value = pair.rpartition("=")
        if not sep or value.strip() not in TaskStatus.__members__:
            raise ContentErrors(
                [
                    ContentError(
                        "--status",
                        0,
                        0,
                        tr("'{pair}' is not TEXT=STATUS", pair=pair),
                        tr(
                            "STATUS is one of todo, in_progress, blocked, done; "
                            'e.g. --status "Waiting for client=blocked"'
                        ),
                    )
                ]
            )
        table[norm(text)] = TaskStatus(value.strip())
    return table


def parse_date(value: Cell, date_format: str | None = None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ((date_format,) if date_format else ()) + DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(tr("'{text}' is not a date milepost can read", text=text)) from None


def parse_hours(value: Cell, seconds: bool) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().lower()
        if re.fullmatch(r"\d+:\d{2}", text):  # Zoho Projects writes work hours as hh:mm
            hours, minutes = text.split(":")
            return int(hours) + int(minutes) / 60
        text = re.sub(r"\s*(h|hrs?|hours?|小时|工时)$", "", text)
        number = float(text.replace(",", ""))
    return number / 3600 if seconds else number


def parse_percent(value: Cell) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        number = float(value)
        # An Excel cell formatted as percent holds a fraction: 0.45 is 45 %.
        return number * 100 if 0 < number < 1 else number
    return float(str(value).strip().rstrip("%").strip())


def clean_id(value: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", value.strip().lstrip("#")).strip("-")
    return text[:64]
