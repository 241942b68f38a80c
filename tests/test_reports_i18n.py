"""Every string of the report templates and report modules has a Chinese translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file

from generator import i18n

REPO = Path(__file__).resolve().parent.parent
JINJA = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
MODULES = [
    "render/reports.py",
    "render/report_survey.py",
    "render/survey_charts.py",
    "present/report.py",
    "present/monthly.py",
    "present/closing.py",
    "present/budget.py",
    "present/goals.py",
    "present/milestones.py",
    "present/progress.py",
    "present/front_page.py",
    "present/plain_words.py",
    "present/standing.py",
    "present/deviations.py",
    "present/closing_story.py",
]


def _messages() -> set[str]:
    found: set[str] = set()
    for template in sorted((REPO / "templates" / "reports").glob("*.html")):
        for _, message, _, _ in extract_from_file(
            "jinja2.ext:babel_extract", template, options=JINJA
        ):
            found.add(message if isinstance(message, str) else message[0])
    for name in MODULES:
        path = REPO / "generator" / name
        for _, message, _, _ in extract_from_file(
            "python", path, keywords={"N_": None, "_": None, "gettext": (2,), "g": (2,)}
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_report_strings_are_all_translated() -> None:
    messages = _messages()
    assert len(messages) > 150  # the extraction really found the templates' strings
    catalog = i18n.translations("zh-CN")
    missing = sorted(m for m in messages if catalog.gettext(m) == m)
    assert missing == []
