"""A date never breaks across lines: in sentences and bullets of a report as in its tables.

What the reader sees: pdftotext's lines. The weekly lists every milestone that moved in
the week as a bullet "<title>: <from date> → <to date> (+n d)"; milestones with titles of
growing length push the dates across the whole width of the line, so some date falls at
a line end. Each printed date must stand whole on one line.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import WorkspaceFactory

WORDS = {
    "en": "Integration test of the payment and shipping interfaces with the partner systems",
    "zh-CN": "支付与物流接口同合作伙伴系统的联调测试及上线前数据迁移验证与培训安排确认和验收",
}
# A whole date as each locale prints it; the same date with a line break inside is what
# the reader must never see.
WHOLE = {"en": r"[A-Z][a-z]{2} \d{1,2}, \d{4}", "zh-CN": r"\d{4}年\d{1,2}月\d{1,2}日"}


def _milestones(locale: str) -> str:
    words = WORDS[locale].split() if locale == "en" else list(WORDS[locale])
    lines = ["milestones:"]
    for n in range(1, 25):
        # English grows by a word (up to 13 words), Chinese by a character from 16 to 39.
        title = " ".join(words[:n]) if locale == "en" else "".join(words[: n + 15])
        lines += [
            f"  - id: m{n}",
            f"    title: {title} {n}",
            "    planned: 2026-12-04",
            "    forecasts:",
            f"      - {{date: 2026-11-18, forecast: 2027-01-{n + 4:02d}}}",
        ]
    return "\n".join(lines) + "\n"


def _workspace(make_workspace: WorkspaceFactory, locale: str) -> Path:
    project = f"""\
title: Carrier portal
client: acme
manager: lena
start: 2026-06-01
planned_end: 2027-03-26
{_milestones(locale)}"""
    client = f"""\
name: Acme Retail GmbH
short_name: Acme
locale: {locale}
contacts:
  - name: Jana Roth
    email: jana.roth@acme.example
    reports: [weekly, monthly]
"""
    return make_workspace(
        {
            "content/projects/relaunch/project.yaml": project,
            "content/clients/acme.yaml": client,
            "content/projects/relaunch/tasks.yaml": "tasks: []\n",
        }
    )


def _lines(root: Path, run_cli: object, locale: str) -> str:
    pdf = root / f"weekly-{locale}.pdf"
    args = ["-w", str(root), "report", "weekly", "relaunch", "--period", "2026-W47"]
    result = run_cli(*args, "--as-of", "2026-11-30", "-o", str(pdf))  # type: ignore[operator]
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_dates_in_bullets_never_break_across_lines(
    make_workspace: WorkspaceFactory, run_cli: object, locale: str
) -> None:
    root = _workspace(make_workspace, locale)
    text = _lines(root, run_cli, locale)
    glue = " " if locale == "en" else ""
    joined = re.sub(r"[ \t]*\n[ \t]*", glue, text)
    whole = re.compile(WHOLE[locale])
    # Every moved milestone's bullet is there, with its new date ...
    moved = "Jan 28, 2027" if locale == "en" else "2027年1月28日"
    assert moved in joined
    printed = whole.findall(joined)
    assert len(printed) >= 48  # two dates in each of the 24 bullets, at least
    # ... and each date the reader meets stands on one line.
    broken = Counter(printed) - Counter(whole.findall(text))
    assert not broken, f"dates broken across lines: {sorted(broken)}"
