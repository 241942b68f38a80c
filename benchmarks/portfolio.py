"""Generate a valid milepost workspace of a given size, for benchmarks and build tests.

Defaults (issue 8): 10 clients, 50 projects (half zh-CN), 26 weeks of ~300-word updates
(every fourth with a table), 40 tasks, 15 risks with history, 10 milestones, monthly
costs, and 10 closed projects with a Google Forms survey export and a retrospective.
Everything comes from a seeded random generator: the same arguments give the same files.

    python benchmarks/portfolio.py OUT [--clients 10] [--projects 50] [--weeks 26] ...
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

AS_OF = dt.date(2026, 11, 27)  # a Friday; build with --as-of AS_OF for stable output

EN_WORDS = [
    "release",
    "sprint",
    "review",
    "design",
    "content",
    "migration",
    "search",
    "accessibility",
    "payment",
    "checkout",
    "onboarding",
    "analytics",
    "dashboard",
    "integration",
    "testing",
    "feedback",
    "rollout",
    "performance",
    "editors",
    "launch",
    "backlog",
    "estimate",
    "scope",
    "vendor",
    "approval",
    "staging",
    "api",
    "customers",
    "workshop",
    "prototype",
    "copy",
    "translation",
    "hosting",
    "security",
    "audit",
    "training",
]
ZH_WORDS = [
    "需求",
    "设计",
    "开发",
    "测试",
    "上线",
    "迁移",
    "搜索",
    "支付",
    "接口",
    "数据",
    "客户",
    "反馈",
    "培训",
    "验收",
    "进度",
    "风险",
    "预算",
    "供应商",
    "审批",
    "原型",
    "文案",
    "翻译",
    "性能",
    "安全",
    "审计",
    "部署",
    "服务器",
    "运营",
    "会员",
    "小程序",
]

PEOPLE = [
    ("anna.keller", "Anna Keller", "Managing Director", 98),
    ("jonas.weber", "Jonas Weber", "Senior Project Manager", 74),
    ("lea.hoffmann", "Lea Hoffmann", "Project Manager", 66),
    ("mara.schulz", "Mara Schulz", "UX Lead", 71),
    ("tobias.brandt", "Tobias Brandt", "Tech Lead", 78),
    ("priya.nair", "Priya Nair", "Frontend Developer", 62),
    ("chen.yu", "陈宇", "项目经理", 52),
    ("lin.xiaoyu", "林晓雨", "UI/UX 设计师", 41),
    ("zhou.hao", "周浩", "全栈开发工程师", 44),
    ("wang.lei", "王磊", "解决方案架构师", 58),
]
EN_TEAM = [p[0] for p in PEOPLE[:6]]
ZH_TEAM = [p[0] for p in PEOPLE[6:]]


@dataclass(frozen=True)
class Size:
    clients: int = 10
    projects: int = 50
    weeks: int = 26
    tasks: int = 40
    risks: int = 15
    milestones: int = 10
    closed: int = 10
    words: int = 300


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rng: random.Random, zh: bool, words: int) -> str:
    pool = ZH_WORDS if zh else EN_WORDS
    picked = [rng.choice(pool) for _ in range(words)]
    if zh:
        return "".join(picked) + "。"
    return " ".join(picked).capitalize() + "."


def _paragraphs(rng: random.Random, zh: bool, words: int) -> str:
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(40, 70))
        sentences = [_sentence(rng, zh, 10) for _ in range(max(1, n // 10))]
        out.append(("" if zh else " ").join(sentences))
        left -= n
    return "\n\n".join(out)


def _table(rng: random.Random, zh: bool) -> str:
    head = "| 事项 | 负责人 | 状态 |" if zh else "| Item | Owner | State |"
    rows = [head, "|---|---|---|"]
    for i in range(5):
        rows.append(f"| {_sentence(rng, zh, 3)} | P{i} | {rng.choice(['ok', 'late', 'open'])} |")
    return "\n".join(rows)


def _site(root: Path) -> None:
    (root / "content" / "site.yaml").write_text(
        "name: Benchmark Studio\n"
        "base_url: https://status.bench.example\n"
        "locale: en\n"
        "timezone: Europe/Berlin\n"
        "currency: EUR\n",
        encoding="utf-8",
    )
    lines = ["people:"]
    for ident, name, role, rate in PEOPLE:
        lines += [
            f"  - id: {ident}",
            f"    name: {name}",
            f"    role: {role}",
            f"    email: {ident}@bench.example",
            "    capacity_hours: 40",
            f"    cost_rate: {rate}",
        ]
    (root / "content" / "people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _client(root: Path, index: int, zh: bool) -> str:
    ident = f"client-{index:02d}"
    name = f"客户{index:02d}有限公司" if zh else f"Client {index:02d} GmbH"
    text = (
        f"name: {name}\n"
        f"locale: {'zh-CN' if zh else 'en'}\n"
        "contacts:\n"
        f"  - name: Contact {index}\n"
        f"    email: contact{index}@client{index}.example.com\n"
        "    reports: [weekly, monthly, closing]\n"
    )
    folder = root / "content" / "clients"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ident}.yaml").write_text(text, encoding="utf-8")
    return ident


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _project(
    root: Path, rng: random.Random, size: Size, index: int, client: str, zh: bool, closed: bool
) -> None:
    ident = f"project-{index:03d}"
    folder = root / "content" / "projects" / ident
    (folder / "updates").mkdir(parents=True, exist_ok=True)
    team = ZH_TEAM if zh else EN_TEAM
    manager = team[0]
    last_friday = AS_OF - dt.timedelta(weeks=12 if closed else 0)
    first_friday = last_friday - dt.timedelta(weeks=size.weeks - 1)
    start = _monday(first_friday)
    length = size.weeks + (0 if closed else 14)
    planned_end = start + dt.timedelta(weeks=length, days=-3)
    actual_end = last_friday if closed else None
    span = (planned_end - start).days
    title = f"项目 {index:03d} 官网改版" if zh else f"Project {index:03d} relaunch"

    lines = [
        f"title: {title}",
        f"client: {client}",
        f"manager: {manager}",
        f"status: {'closed' if closed else 'active'}",
        f"start: {start}",
        f"planned_end: {planned_end}",
    ]
    if actual_end:
        lines.append(f"actual_end: {actual_end}")
    lines += [
        f"summary: {_q(_sentence(rng, zh, 25))}",
        "budget:",
        f"  bac: {rng.randint(60, 240) * 1000}",
        "  currency: EUR",
        "goals:",
        "  - id: conversion",
        f"    title: {_q('转化率提升' if zh else 'More visitors convert')}",
        "    metric: conversion rate",
        "    unit: '%'",
        "    baseline: 1.5",
        "    target: 3",
        "    direction: increase",
        f"    deadline: {planned_end}",
        f"    owner: {manager}",
        "    measurements:",
        f"      - {{date: {min(start + dt.timedelta(days=14), first_friday)}, value: 1.6}}",
        f"      - {{date: {first_friday + dt.timedelta(weeks=size.weeks // 2)}, value: 2.1}}",
        "milestones:",
    ]
    milestones = []
    for m in range(size.milestones):
        planned = start + dt.timedelta(days=span * (m + 1) // size.milestones)
        mid = f"m{m + 1:02d}"
        milestones.append(mid)
        lines += [
            f"  - id: {mid}",
            f"    title: {_q(_sentence(rng, zh, 3))}",
            f"    planned: {planned}",
        ]
        if planned <= last_friday:
            slip = rng.choice([0, 0, 0, 3, 7])
            actual = min(planned + dt.timedelta(days=slip), last_friday)
            if slip:
                made = planned - dt.timedelta(days=10)
                lines += [
                    "    forecasts:",
                    f"      - {{date: {max(made, start)}, forecast: {actual}}}",
                ]
            lines += [
                f"    actual: {actual}",
                "    acceptance: accepted",
                f"    accepted_on: {actual}",
            ]
    lines += ["team:"]
    for person in team:
        lines += [
            f"  - person: {person}",
            "    allocations:",
            f"      - {{from: {start}, to: {actual_end or planned_end}, hours_per_week: 8}}",
        ]
    (folder / "project.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    tasks = ["tasks:"]
    for t in range(size.tasks):
        t_start = start + dt.timedelta(days=span * t // size.tasks)
        due = t_start + dt.timedelta(days=14)
        row = (
            f"  - {{id: T{t + 1:03d}, title: {_q(_sentence(rng, zh, 4))}, "
            f"owner: {rng.choice(team)}, "
            f"milestone: {milestones[t * size.milestones // size.tasks]}, start: {t_start}, "
            f"due: {due}, estimate_hours: {rng.randint(8, 60)}"
        )
        if due <= last_friday - dt.timedelta(days=3):
            done = min(due + dt.timedelta(days=rng.choice([0, 0, 2, 5])), last_friday)
            row += f", status: done, completed: {done}"
        elif t_start <= last_friday:
            row += ", status: in_progress"
        row += f", visibility: {rng.choice(['client', 'internal'])}}}"
        tasks.append(row)
    (folder / "tasks.yaml").write_text("\n".join(tasks) + "\n", encoding="utf-8")

    risks = ["risks:"]
    for r in range(size.risks):
        raised = start + dt.timedelta(days=rng.randint(0, max(1, (last_friday - start).days - 20)))
        risks += [
            f"  - id: R{r + 1:02d}",
            f"    title: {_q(_sentence(rng, zh, 5))}",
            f"    owner: {rng.choice(team)}",
            f"    raised: {raised}",
            f"    probability: {rng.randint(1, 5)}",
            f"    impact: {rng.randint(1, 5)}",
            f"    plan: {_q(_sentence(rng, zh, 8))}",
            "    history:",
            f"      - {{date: {raised + dt.timedelta(days=7)}, probability: {rng.randint(1, 5)}, "
            f"impact: {rng.randint(1, 5)}}}",
            f"      - {{date: {raised + dt.timedelta(days=14)}, probability: {rng.randint(1, 5)}}}",
        ]
        if rng.random() < 0.3:
            risks.append(f"      - {{date: {raised + dt.timedelta(days=20)}, status: closed}}")
        risks.append(f"    visibility: {rng.choice(['client', 'internal'])}")
    (folder / "risks.yaml").write_text("\n".join(risks) + "\n", encoding="utf-8")

    costs = ["costs:"]
    day = start
    while day <= last_friday:
        month_end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
            days=1
        )
        costs.append(
            f"  - {{date: {min(month_end, last_friday)}, amount: {rng.randint(8, 20) * 1000}, "
            "category: labour}"
        )
        day = month_end + dt.timedelta(days=1)
    (folder / "costs.yaml").write_text("\n".join(costs) + "\n", encoding="utf-8")

    for w in range(size.weeks):
        friday = first_friday + dt.timedelta(weeks=w)
        health = rng.choice(["green", "green", "green", "amber", "red"])
        front = [
            "---",
            f"date: {friday}",
            f"author: {manager}",
            f"health: {health}",
            f"health_reason: {_q(_sentence(rng, zh, 6))}",
            f"visibility: {'internal' if w % 7 == 6 else 'client'}",  # see `internal` below
            "highlights:",
            *[f"  - {_q(_sentence(rng, zh, 8))}" for _ in range(3)],
            "next_steps:",
            *[f"  - {_q(_sentence(rng, zh, 6))}" for _ in range(2)],
            "metrics:",
            f"  conversion: {1.5 + w * 0.05:.2f}",
            "---",
        ]
        body = _paragraphs(rng, zh, size.words - 60)
        internal = w % 7 == 6
        if w % 4 == 0 and not internal:
            # Internal updates get no table: its header row would also be in client ones,
            # and the leak audit rightly cannot tell the two apart.
            body += "\n\n" + _table(rng, zh)
        (folder / "updates" / f"{friday}.md").write_text(
            "\n".join(front) + "\n" + body + "\n", encoding="utf-8"
        )

    if closed:
        assert actual_end is not None
        retro = [
            "---",
            f"date: {actual_end + dt.timedelta(days=5)}",
            "went_well:",
            *[f"  - {_q(_sentence(rng, zh, 8))}" for _ in range(3)],
            "to_improve:",
            *[f"  - {_q(_sentence(rng, zh, 8))}" for _ in range(2)],
            "lessons:",
            *[f"  - {_q(_sentence(rng, zh, 8))}" for _ in range(3)],
            "---",
            _paragraphs(rng, zh, 120),
        ]
        (folder / "retrospective.md").write_text("\n".join(retro) + "\n", encoding="utf-8")
        (folder / "surveys").mkdir(exist_ok=True)
        rows = [
            "Timestamp,Email Address,How likely are you to recommend us to a colleague?,"
            '"Overall, how satisfied are you with the project?",What should we do differently?'
        ]
        when = actual_end + dt.timedelta(days=3)
        for n in range(8):
            rows.append(
                f"{when.month}/{when.day}/{when.year} 9:{10 + n}:00,person{n}@client.example.com,"
                f"{rng.randint(5, 10)},{rng.randint(2, 5)},{_q(_sentence(rng, zh, 6))}"
            )
        (folder / "surveys" / "client-satisfaction.csv").write_text(
            "\n".join(rows) + "\n", encoding="utf-8"
        )


def generate(root: Path, size: Size = Size(), seed: int = 8) -> Path:
    """Write the workspace under root (created; must not hold a content/ folder yet)."""
    rng = random.Random(seed)
    (root / "content" / "projects").mkdir(parents=True, exist_ok=False)
    _site(root)
    zh_clients = {c for c in range(size.clients) if c % 2 == 1}
    clients = [_client(root, c, c in zh_clients) for c in range(size.clients)]
    # Half the projects zh-CN: project i belongs to client i % clients.
    for p in range(size.projects):
        c = p % size.clients
        zh = (c in zh_clients) if size.clients > 1 else p % 2 == 1
        closed = p >= size.projects - size.closed
        _project(root, rng, size, p, clients[c], zh, closed)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    defaults = Size()
    for name in Size.__dataclass_fields__:
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    args = parser.parse_args()
    size = Size(**{name: getattr(args, name) for name in Size.__dataclass_fields__})
    generate(args.out, size)
    print(f"wrote {args.out} ({size}); build with --as-of {AS_OF}")


if __name__ == "__main__":
    main()
