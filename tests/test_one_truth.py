"""One truth: every output of one project on one day says the same thing.

The demo workspace (content/, as of 2026-11-30) and a generated two-client portfolio (one
English, one Chinese) are rendered once per module: portal and dashboard pages, status.json,
feed.xml, badge.svg, report pages and PDFs (pdftotext), the e-mail of `send --dry-run` and
the chat cards of `notify --dry-run`. For each project and audience the project page is read
first, then every other output must print the same health label and level, percent complete
and planned, next milestone and its date, open decisions with owners and due dates, and risk
owners' names; the timeline of the weekly report must colour each milestone as the portal
of that day does. Nothing is compared with values computed here: each output is read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from generator.analyze.audience import Audience
from generator.build.report_request import report_job
from generator.load.workspace import load_workspace
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.project import Forecast
from generator.model.site import Client, Contact, ReportKind, Site
from generator.present.context import lens
from generator.present.health import health_display
from generator.publish.delivery import outgoing_reports
from generator.publish.email.texts import render_bodies
from generator.publish.notify import slack
from generator.publish.notify.card import card_for_project
from generator.render.reports import render_report, report_html
from generator.render.site import site_files
from generator.workspace import Workspace
from tests import factories as f
from tests.one_truth import (
    PortalFacts,
    bare,
    card_payloads,
    eml,
    page_text,
    pdf_text,
    portal_facts,
    report_decisions,
    timeline_colours,
)

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
WEEK_END = dt.date(2026, 11, 29)  # the end of 2026-W48, the weekly report's day
MONTH, WEEK = "2026-11", "2026-W48"
DEMO = ("hafenbahn-carrier-portal", "jinghua-crm")  # one English, one Chinese project


@dataclass
class Outputs:
    """Every output of a few projects, read as text, keyed by (project, audience)."""

    portfolio: Portfolio
    site: dict[str, bytes]  # as of AS_OF
    site_week: dict[str, bytes]  # as of the weekly report's day
    report_pages: dict[tuple[str, str, str], str] = field(default_factory=dict)  # HTML
    pdfs: dict[tuple[str, str, str], str] = field(default_factory=dict)  # pdftotext
    mails: dict[str, str] = field(default_factory=dict)  # text part, client monthly
    cards: dict[tuple[str, str], str] = field(default_factory=dict)  # monthly card

    def page(self, project: str, audience: str) -> bytes:
        return self.site[self.page_path(project, audience)]

    def page_path(self, project: str, audience: str) -> str:
        if audience == "internal":
            return f"internal/{project}/index.html"
        client = self.portfolio.projects[project].project.client
        return f"portals/{client}/{project}/index.html"

    def client_file(self, project: str, name: str) -> bytes:
        return self.site[self.page_path(project, "client").replace("index.html", name)]


def _report_pages(out: Outputs, root: Path, projects: tuple[str, ...]) -> None:
    workspace = Workspace(root)
    for project in projects:
        for kind, period in ((ReportKind.weekly, WEEK), (ReportKind.monthly, MONTH)):
            for audience in Audience:
                job = report_job(out.portfolio, kind, project, period, audience, AS_OF)
                html = report_html(workspace, out.portfolio, job)
                out.report_pages[(project, kind.value, audience.value)] = html


def _pdf(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return pdf_text(path)


# -- the demo workspace, through the command line --------------------------------------------


def _cli(root: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MILEPOST_CHAT": "https://chat.example/hook"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--workspace", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def _with_chat_channels(root: Path) -> None:
    """A client and an internal channel that take every card (dry runs post nothing)."""
    path = root / "content" / "site.yaml"
    site = yaml.safe_load(path.read_text(encoding="utf-8"))
    site["notify"] = [
        {
            "kind": "slack",
            "name": f"chat-{audience}",
            "webhook_env": "MILEPOST_CHAT",
            "audience": audience,
        }
        for audience in ("client", "internal")
    ]
    path.write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(REPO / "content", root / "content")
    _with_chat_channels(root)
    portfolio = load_workspace(root)
    workspace = Workspace(root)
    out = Outputs(
        portfolio,
        site_files(workspace, portfolio, AS_OF),
        site_files(workspace, portfolio, WEEK_END),
    )
    _report_pages(out, root, DEMO)
    outbox = root / "outbox"
    for project in DEMO:
        _cli(
            root,
            "send",
            "monthly",
            project,
            "--period",
            MONTH,
            "--as-of",
            AS_OF.isoformat(),
            "--dry-run",
            "--outbox",
            str(outbox),
        )
        mails = sorted(outbox.glob(f"{project}-monthly-*.eml"))
        assert mails, f"send wrote no mail for {project}"
        text, pdf = eml(mails[0])
        out.mails[project] = text
        assert pdf is not None
        out.pdfs[(project, "monthly", "client")] = _pdf(root / f"{project}.pdf", pdf)
        cards = card_payloads(
            _cli(
                root,
                "notify",
                "monthly",
                project,
                "--period",
                MONTH,
                "--as-of",
                AS_OF.isoformat(),
                "--dry-run",
            )
        )
        for audience in ("client", "internal"):
            out.cards[(project, audience)] = cards[f"chat-{audience}"]
    internal = root / "internal.pdf"
    _cli(
        root,
        "report",
        "monthly",
        DEMO[0],
        "--period",
        MONTH,
        "--audience",
        "internal",
        "-o",
        str(internal),
    )
    out.pdfs[(DEMO[0], "monthly", "internal")] = pdf_text(internal)
    return out


# -- a generated portfolio, through the library ---------------------------------------------

PEOPLE = (
    f.person("ana.lopez", name="Ana López", role="Project manager"),
    f.person("kai.berg", name="Kai Berg"),
    f.person("bo.chen", name="陈博", role="项目经理"),
    f.person("li.na", name="李娜"),
)


def _project(pid: str, client: str, zh: bool) -> ProjectData:
    t = lambda en, cn: cn if zh else en  # noqa: E731
    manager = "bo.chen" if zh else "ana.lopez"
    worker = "li.na" if zh else "kai.berg"
    proj = f.project(
        pid,
        start="2026-05-04",
        planned_end="2027-03-26",
        bac=120_000,
        client=client,
        manager=manager,
        title=t("Shop relaunch", "官网改版"),
        milestones=[
            f.milestone(
                "m1",
                "2026-06-15",
                actual="2026-06-19",
                title=t("Design", "设计定稿"),
                visibility="client",
            ),
            # 84 days late but not due yet: red by the health rules (15 days)
            f.milestone(
                "m2", "2026-11-02", title=t("Integration", "系统集成"), visibility="client"
            ),
            f.milestone(
                "m3", "2026-12-10", title=t("Load test", "压力测试"), visibility="internal"
            ),
            f.milestone("m4", "2027-03-01", title=t("Go-live", "正式上线"), visibility="client"),
        ],
        team=[
            f.member(manager, ("2026-05-04", "2027-03-26", 16)),
            f.member(worker, ("2026-05-04", "2027-03-26", 32)),
        ],
    )
    proj.milestones[1].forecasts.append(
        Forecast(date=dt.date(2026, 10, 20), forecast=dt.date(2027, 1, 25))
    )
    tasks = [
        f.task(
            "t1",
            "2026-05-04",
            "2026-06-12",
            hours=80,
            completed="2026-06-12",
            owner=worker,
            visibility="client",
            milestone="m1",
        ),
        f.task(
            "t2",
            "2026-06-15",
            "2026-12-18",
            hours=200,
            progress=[("2026-11-20", 40)],
            owner=worker,
            visibility="client",
            milestone="m2",
        ),
        f.task(
            "t3",
            "2026-07-01",
            "2026-11-27",
            hours=160,
            progress=[("2026-11-20", 20)],
            owner=worker,
            milestone="m3",
        ),  # internal, behind: client-only figures differ
        f.task(
            "t4",
            "2026-12-01",
            "2027-02-26",
            hours=120,
            owner=manager,
            visibility="client",
            milestone="m4",
        ),
    ]
    risks = [
        f.risk(
            "r1",
            "2026-09-01",
            4,
            4,
            owner=worker,
            visibility="client",
            title=t("Payment API late", "支付接口延期"),
        ),
        f.risk(
            "r2",
            "2026-10-01",
            3,
            3,
            owner=manager,
            visibility="client",
            title=t("Key users on holiday", "关键用户休假"),
        ),
        f.risk("r3", "2026-10-05", 5, 4, owner=worker, title=t("Budget overrun", "预算超支")),
    ]
    updates = [
        f.update(
            "2026-11-13",
            author=manager,
            health="green",
            highlights=[t("Old", "旧")],
            decisions_needed=[
                {"what": t("Old question", "旧问题"), "by": "2026-11-16", "owner": worker}
            ],
        ),
        f.update(
            "2026-11-20",
            author=manager,
            health="amber",
            health_reason=t("Integration slips", "集成延期"),
            highlights=[t("Checkout designed", "结算页面设计完成")],
            decisions_needed=[
                {
                    "what": t("Approve CR-1", "批准 CR-1"),
                    "by": "2026-11-25",
                    "owner": "kai.berg" if not zh else "li.na",
                },
                {
                    "what": t("Name a tester", "指定测试人员"),
                    "by": "2026-12-04",
                    "owner": t("Jana Roth", "赵敏"),
                },
            ],
        ),
        f.update(
            "2026-11-26",
            author=manager,
            health="red",
            visibility="internal",
            health_reason=t("Budget at risk", "预算风险"),
        ),
    ]
    changes = [
        f.change(
            "CR-1",
            "2026-11-18",
            title=t("Second payment provider", "第二家支付服务商"),
            visibility="client",
            requested_by=worker,
        ),
        f.change(
            "CR-2",
            "2026-11-19",
            title=t("Wishlist", "收藏夹"),
            visibility="client",
            requested_by=t("Jana Roth", "赵敏"),
        ),
    ]
    costs = [f.cost(f"2026-{m:02d}-28", 9_000) for m in range(5, 12)]
    return f.data(proj, tasks=tasks, risks=risks, updates=updates, changes=changes, costs=costs)


def generated_portfolio() -> Portfolio:
    clients = {
        "acme": Client(
            id="acme",
            name="Acme Retail",
            locale="en",
            contacts=[Contact(name="Jana Roth", email="jana@acme.example", reports=["monthly"])],
        ),
        "huamei": Client(
            id="huamei",
            name="华美家居",
            locale="zh-CN",
            contacts=[Contact(name="赵敏", email="zhao@huamei.example", reports=["monthly"])],
        ),
    }
    site = Site(name="Test agency", base_url="https://status.example.com")
    projects = {
        p.id: p for p in (_project("shop", "acme", False), _project("guanwang", "huamei", True))
    }
    return Portfolio(
        site=site, people={p.id: p for p in PEOPLE}, clients=clients, projects=projects
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    root = tmp_path_factory.mktemp("generated")
    (root / "content").mkdir()
    portfolio = generated_portfolio()
    workspace = Workspace(root)
    out = Outputs(
        portfolio,
        site_files(workspace, portfolio, AS_OF),
        site_files(workspace, portfolio, WEEK_END),
    )
    ids = tuple(sorted(portfolio.projects))
    _report_pages(out, root, ids)
    for project in ids:
        reports, _ = outgoing_reports(
            workspace, portfolio, ReportKind.monthly, project, MONTH, AS_OF
        )
        (report,) = reports
        out.mails[project] = render_bodies(report, report.recipients[0].name)[0]
        out.pdfs[(project, "monthly", "client")] = _pdf(root / f"{project}.pdf", report.pdf)
        for audience in ("client", "internal"):
            card = card_for_project(portfolio, project, AS_OF, "monthly", MONTH, audience)
            out.cards[(project, audience)] = slack.render(card).json_text()  # as posted
    job = report_job(portfolio, ReportKind.monthly, "shop", MONTH, Audience.internal, AS_OF)
    out.pdfs[("shop", "monthly", "internal")] = _pdf(
        root / "internal.pdf", render_report(workspace, portfolio, job)
    )
    return out


@pytest.fixture(scope="module", params=["demo", "generated"])
def outputs(request: pytest.FixtureRequest) -> Outputs:
    return request.getfixturevalue(request.param)


def _cases(out: Outputs) -> list[tuple[str, str]]:
    return sorted({(p, a) for p, _, a in out.pdfs})


# -- the tests --------------------------------------------------------------------------------


def _contains(haystack: str, *needles: str) -> list[str]:
    """The needles missing from the haystack, white space ignored."""
    flat = bare(haystack)
    return [n for n in needles if bare(n) not in flat]


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text))


def _in_table(pdf: str, *needles: str) -> list[str]:
    """The needles missing from a PDF's text where table cells wrap: each word of a needle
    (the first words of a long one, the first characters of a long Chinese word) must be
    there."""
    flat = bare(pdf)
    missing = []
    for needle in needles:
        words = needle.split()[:4]
        if any(bare(w)[:8] not in flat for w in words):
            missing.append(needle)
    return missing


def _facts(out: Outputs, project: str, audience: str) -> PortalFacts:
    facts = portal_facts(out.page(project, audience))
    assert facts.label and facts.percent and facts.planned
    return facts


def test_status_json_badge_and_feed_print_the_portal_s_status(outputs: Outputs) -> None:
    for project, _ in _cases(outputs):
        facts = _facts(outputs, project, "client")
        status = json.loads(outputs.client_file(project, "status.json"))
        health, progress = status["health"], status["progress"]
        assert (health["level"], health["label"]) == (facts.level, facts.label), project
        # status.json has one decimal, the page a whole percent: the same figure
        assert abs(progress["percent_complete"] - _number(facts.percent)) <= 0.55, project
        assert abs(progress["percent_planned"] - _number(facts.planned)) <= 0.55, project
        nxt = status["next_milestone"]
        assert (nxt["title"] if nxt else None) == facts.next_title, project
        badge = outputs.client_file(project, "badge.svg").decode()
        assert facts.label in badge, project
        feed = outputs.client_file(project, "feed.xml").decode()
        subtitle = feed.split("<subtitle>")[1].split("</subtitle>")[0]
        wanted = [facts.label, facts.percent, facts.planned]
        if facts.next_title:
            wanted += [facts.next_title, facts.next_date or ""]
        assert _contains(subtitle, *wanted) == [], (project, subtitle)


def test_pdf_mail_and_chat_card_print_the_portal_s_health_progress_and_milestone(
    outputs: Outputs,
) -> None:
    for project, audience in _cases(outputs):
        facts = _facts(outputs, project, audience)
        wanted = [facts.label, facts.percent, facts.planned]
        if facts.next_title:
            wanted += [facts.next_title, facts.next_date or ""]
        pdf = outputs.pdfs[(project, "monthly", audience)]
        assert _contains(pdf, *wanted) == [], (project, audience, "PDF")
        card = outputs.cards[(project, audience)]
        assert _contains(card, *wanted) == [], (project, audience, "chat card")
        if audience == "client":
            mail = outputs.mails[project]
            assert _contains(mail, *wanted) == [], (project, "e-mail")


def test_computed_health_shows_on_the_chat_card_when_it_differs(outputs: Outputs) -> None:
    # status.json no longer carries the computed health (a client file, issue 15): the
    # client's health comes from the presentation layer every output prints.
    for project, _ in _cases(outputs):
        data = outputs.portfolio.projects[project]
        health = health_display(lens(outputs.portfolio, data, AS_OF, Audience.client))
        if health.differs:
            card = outputs.cards[(project, "client")]
            assert _contains(card, health.computed_label) == [], project


def test_open_decisions_are_the_same_everywhere(outputs: Outputs) -> None:
    for project, audience in _cases(outputs):
        facts = _facts(outputs, project, audience)
        assert facts.decisions, (project, "the page lists no open decision")
        weekly = report_decisions(outputs.report_pages[(project, "weekly", audience)])
        monthly = report_decisions(outputs.report_pages[(project, "monthly", audience)])
        assert weekly == monthly, (project, audience, weekly, monthly)
        assert [(d.what, d.owner, d.due) for d in monthly] == [
            (d.what, d.owner, d.due) for d in facts.decisions
        ], (project, audience)
        assert [d.overdue for d in monthly] == [d.overdue for d in facts.decisions]
        texts = [outputs.cards[(project, audience)]]
        if audience == "client":
            texts.append(outputs.mails[project])
        pdf = outputs.pdfs[(project, "monthly", audience)]
        for d in facts.decisions:
            assert _in_table(pdf, d.what, d.owner, d.due) == [], (project, audience, d)
            for text in texts:
                assert _contains(text, d.what, d.owner, d.due) == [], (project, audience, d)


def test_risk_owners_are_named_alike_on_the_page_and_in_the_pdf(outputs: Outputs) -> None:
    people = outputs.portfolio.people
    for project, audience in _cases(outputs):
        facts = _facts(outputs, project, audience)
        assert facts.risk_owners, project
        pdf = outputs.pdfs[(project, "monthly", audience)]
        for title, owner in facts.risk_owners.items():
            assert owner and owner not in people, (project, title, owner)  # a name, no id
            if not _in_table(pdf, title):  # among the report's top risks
                assert _in_table(pdf, owner) == [], (project, audience, title, owner)


def test_weekly_timeline_colours_milestones_as_the_portal_of_that_day(
    outputs: Outputs,
) -> None:
    for project, audience in _cases(outputs):
        path = outputs.page_path(project, audience)
        portal = timeline_colours(outputs.site_week[path])
        report = timeline_colours(outputs.report_pages[(project, "weekly", audience)])
        assert [c for _, c in report] == [c for _, c in portal], (project, audience)


def test_no_person_id_where_a_name_is_expected(outputs: Outputs) -> None:
    """A reader never meets `kai.berg` where "Kai Berg" belongs: not in a page's text, a
    feed, status.json, a report, a PDF, an e-mail or a chat card."""
    ids = sorted(outputs.portfolio.people)
    pattern = re.compile(r"(?<![\w.@/-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w@/-])")
    texts: dict[str, str] = {}
    for path, data in outputs.site.items():
        if path.endswith(".html"):
            texts[path] = page_text(data)
        elif path.endswith((".json", ".xml", ".svg")):
            texts[path] = data.decode()
    for key, html in outputs.report_pages.items():
        texts[f"report {key}"] = page_text(html)
    texts |= {f"pdf {k}": v for k, v in outputs.pdfs.items()}
    texts |= {f"mail {k}": v for k, v in outputs.mails.items()}
    texts |= {f"card {k}": v for k, v in outputs.cards.items()}
    found = {where: sorted(set(pattern.findall(text))) for where, text in texts.items()}
    assert {k: v for k, v in found.items() if v} == {}
