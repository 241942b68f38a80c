"""The neutral status card: plain, already localized values that every adapter lays out.

`card_for_project` prints the project's digest (present.digest): the health label and
reason the portal and the reports print, the computed health beside the PM's, progress,
the next milestone and the open decisions with owners and dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field

from generator.analyze.periods import parse_period
from generator.analyze.report_schedule import last_complete_period
from generator.i18n import format_date
from generator.model.portfolio import Portfolio, ProjectData
from generator.model.site import ReportKind
from generator.present import wording
from generator.present.digest import digest

KINDS = ("weekly", "monthly", "closing", "update")

# Card labels per locale. Kept here rather than in the gettext catalogs because a chat
# card is a handful of fixed words and must not depend on catalog compilation.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "weekly": "Weekly status",
        "monthly": "Monthly status",
        "closing": "Closing report",
        "update": "Status update",
        "health": "Health",
        "unknown": "No status reported yet",
        "computed": "Computed from the plan",
        "progress": "Progress",
        "highlights": "Highlights",
        "decisions": "Decisions needed",
        "next_milestone": "Next milestone",
        "no_milestone": "All milestones reached",
        "portal": "Open the project page",
        "pdf": "Download the PDF report",
        "client": "Client",
        "more": "more",
        "colon": ": ",
    },
    "zh-CN": {
        "weekly": "项目周报",
        "monthly": "项目月报",
        "closing": "结项报告",
        "update": "项目动态",
        "health": "项目状态",
        "unknown": "尚无状态汇报",
        "computed": "按计划数据计算",
        "progress": "进度",
        "highlights": "本期进展",
        "decisions": "待决策事项",
        "next_milestone": "下一里程碑",
        "no_milestone": "所有里程碑均已完成",
        "portal": "查看项目页面",
        "pdf": "下载 PDF 报告",
        "client": "客户",
        "more": "项未列出",
        "colon": "：",
    },
}

HEALTH_MARK = {"green": "🟢", "amber": "🟠", "red": "🔴", "completed": "✅", None: "⚪"}


def labels(locale: str) -> dict[str, str]:
    return LABELS.get(locale, LABELS["en"])


@dataclass(frozen=True)
class StatusCard:
    """What a chat message says about one project; every text is final and localized."""

    project_id: str
    project_title: str
    client: str
    locale: str
    kind: str
    period: str
    health: str | None  # green | amber | red | completed (closed), None when nobody reported one
    health_label: str
    reason: str
    computed_health: str | None = None  # set when the computed health differs
    computed_label: str = ""
    progress: str = ""  # "40% complete, 58% planned by now"
    highlights: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    next_milestone: str | None = None
    next_milestone_date: str | None = None
    portal_url: str | None = None
    pdf_url: str | None = None
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return f"{self.labels[self.kind]} · {self.project_title}"

    @property
    def health_line(self) -> str:
        mark = HEALTH_MARK.get(self.health, "⚪")
        line = f"{mark} {self.health_label}"
        return f"{line}{self.labels['colon']}{self.reason}" if self.reason else line

    @property
    def status_lines(self) -> tuple[str, ...]:
        """The health line, the computed health when it differs, and progress."""
        lines = [self.health_line]
        colon = self.labels["colon"]
        if self.computed_health:
            mark = HEALTH_MARK.get(self.computed_health, "⚪")
            lines.append(f"{self.labels['computed']}{colon}{mark} {self.computed_label}")
        if self.progress:
            lines.append(f"{self.labels['progress']}{colon}{self.progress}")
        return tuple(lines)

    @property
    def client_line(self) -> str:
        return f"{self.labels['client']}{self.labels['colon']}{self.client} · {self.period}"

    @property
    def milestone_line(self) -> str:
        if not self.next_milestone:
            return self.labels["no_milestone"]
        if self.next_milestone_date:
            return f"{self.next_milestone} ({self.next_milestone_date})"
        return self.next_milestone

    def more_line(self, hidden: int) -> str:
        """The marker put in place of list items dropped to respect a size limit."""
        return f"… (+{hidden} {self.labels['more']})"

    def digest(self) -> str:
        """Stable fingerprint of the card's content, recorded in the notify ledger."""
        data = asdict(self)
        data.pop("labels")
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def build_card(
    *,
    project_id: str,
    project_title: str,
    client: str,
    locale: str,
    kind: str,
    period: str,
    health: str | None,
    reason: str = "",
    highlights: list[str] | tuple[str, ...] = (),
    decisions: list[str] | tuple[str, ...] = (),
    next_milestone: str | None = None,
    next_milestone_date: dt.date | None = None,
    portal_url: str | None = None,
    pdf_url: str | None = None,
    computed_health: str | None = None,
    progress: str = "",
    health_label: str = "",
) -> StatusCard:
    """A card from plain values; labels and dates are localized here, once."""
    if kind not in KINDS:
        raise ValueError(f"unknown card kind {kind!r}; use one of {', '.join(KINDS)}")
    words = labels(locale)
    loc = locale if locale in LABELS else "en"
    return StatusCard(
        project_id=project_id,
        project_title=project_title,
        client=client,
        locale=locale,
        kind=kind,
        period=period,
        health=health,
        health_label=health_label
        or (wording.label("health", health, loc) if health else words["unknown"]),
        reason=(reason or "").strip(),
        computed_health=computed_health,
        computed_label=wording.label("health", computed_health, loc) if computed_health else "",
        progress=progress,
        highlights=tuple(h.strip() for h in highlights if h.strip()),
        decisions=tuple(d.strip() for d in decisions if d.strip()),
        next_milestone=next_milestone,
        next_milestone_date=(
            format_date(next_milestone_date, locale) if next_milestone_date else None
        ),
        portal_url=portal_url,
        pdf_url=pdf_url,
        labels=words,
    )


def default_period(data: ProjectData, kind: str, as_of: dt.date) -> str:
    """The period a card reports on when the user names none: for a weekly or monthly
    card the last one complete by as_of, the report `build` and `send` publish for it."""
    if kind in ("weekly", "monthly"):
        return last_complete_period(data, ReportKind(kind), as_of).key
    if kind == "closing":
        return "closing"
    return as_of.isoformat()


def report_file(kind: str, period: str) -> str | None:
    """File name of the PDF that goes with a card (the output contract's names)."""
    if kind in ("weekly", "monthly"):
        return f"{kind}-{period}.pdf"
    if kind == "closing":
        return "closing.pdf"
    return None


def card_for_project(
    portfolio: Portfolio,
    project_id: str,
    as_of: dt.date,
    kind: str,
    period: str | None = None,
    audience: str = "client",
) -> StatusCard:
    """The card of one project: its digest at the end of the period (or `as_of` if earlier)."""
    data = portfolio.projects[project_id]
    project = data.project
    period = period or default_period(data, kind, as_of)
    day = as_of
    if kind in ("weekly", "monthly"):
        try:
            day = min(as_of, parse_period(period).end)
        except ValueError:
            day = as_of
    told = digest(portfolio, data, day, audience)
    pdf_url = None
    portal_url = portfolio.site.portal_url(project.client, project.id)
    if portal_url:
        pdf = report_file(kind, period)
        if pdf:
            pdf_url = f"{portal_url}reports/{pdf}"
    health = told.health
    nxt = told.next_milestone
    return build_card(
        project_id=project.id,
        project_title=project.title,
        client=told.client_name,
        locale=told.locale,
        kind=kind,
        period=period,
        # a closed project has no traffic light: a neutral mark and "Completed"
        health="completed" if health.completed else health.level,
        health_label=health.label if health.completed else "",
        reason=health.reason,
        highlights=told.highlights,
        decisions=told.decision_lines,
        next_milestone=nxt.title if nxt else None,
        next_milestone_date=(nxt.actual or nxt.forecast) if nxt else None,
        portal_url=portal_url,
        pdf_url=pdf_url,
        computed_health=health.computed_level if health.differs else None,
        progress=told.progress_text,
    )
