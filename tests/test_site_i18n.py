"""zh-CN is as complete as English: every message of the websites has a translation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from generator import i18n
from generator.analyze.reasons import CODES, Reason
from generator.present import wording
from tests.site_build import REPO

KEYWORDS = {"_": None, "N_": None, "g": (2,), "gettext": (2,), "ngettext": (2, 3)}
METHOD_MAP = [
    ("generator/present/**.py", "python"),
    ("generator/render/site.py", "python"),
    ("generator/render/feeds.py", "python"),
    ("templates/site/**.html", "jinja2"),
]
OPTIONS = {"templates/site/**.html": {"extensions": "jinja2.ext.i18n"}}


def site_messages() -> list[tuple[str, str]]:
    found = []
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(REPO), METHOD_MAP, OPTIONS, keywords=KEYWORDS
    ):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            found.append((filename, message))
    return found


def test_every_site_message_has_a_chinese_translation() -> None:
    messages = site_messages()
    assert len(messages) > 200  # the extraction found the templates and the modules
    zh = i18n.translations("zh-CN")
    missing = sorted({f"{f}: {m}" for f, m in messages if zh.gettext(m) == m})
    assert missing == []


def test_placeholders_survive_translation() -> None:
    zh = i18n.translations("zh-CN")
    for _, message in site_messages():
        if "%(" not in message:
            continue
        names = sorted(set(__import__("re").findall(r"%\((\w+)\)", message)))
        translated = zh.gettext(message)
        assert sorted(set(__import__("re").findall(r"%\((\w+)\)", translated))) == names, message


SAMPLE = {
    "milestone": "Go-live",
    "milestones": ("Design", "Go-live"),
    "risks": ("SAP late", "UAT staff"),
    "days": 12,
    "threshold": 5,
    "count": 2,
    "spi": 0.82,
    "cpi": 0.9,
    "exposure": 20,
    "last_update": dt.date(2026, 11, 2),
    "goal": "Conversion",
    "deadline": dt.date(2027, 1, 1),
    "start": dt.date(2026, 1, 1),
    "end": dt.date(2026, 12, 1),
    "owner": "nobody",
    "baseline": 2.0,
    "target": 1.0,
    "direction": "increase",
    "task": "Wireframes",
    "date": dt.date(2026, 11, 20),
    "variance_days": 3,
    "previous": dt.date(2026, 11, 1),
    "forecast": dt.date(2026, 11, 13),
    "risk": "SAP late",
    "level": "high",
    "change": "CR-3",
    "requested_by": "Jana",
    "decision": "approved",
}


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_reason_reads_in_both_languages(code: str) -> None:
    params = {k: SAMPLE[k] for k in CODES[code]}
    if code == "risk_escalated":
        params["previous"] = 12  # an exposure here, a date for milestone_moved
    reason = Reason(code, params)
    english = wording.reason(reason, "en")
    chinese = wording.reason(reason, "zh-CN")
    assert english and chinese and english != chinese
    assert "%(" not in english and "%(" not in chinese
    if "date" in CODES[code] and code != "task_completed":
        # A date in a sentence is printed unbreakable: no-break spaces, word joiners.
        assert "Nov\u00a020,\u00a02026" in english
        assert "2026\u2060年\u206011\u2060月\u206020\u2060日" in chinese


@pytest.mark.parametrize("kind", sorted(wording.LABELS))
def test_every_label_is_translated(kind: str) -> None:
    for value in wording.LABELS[kind]:
        assert wording.label(kind, value, "zh-CN") != wording.label(kind, value, "en")


def test_site_catalog_file_exists() -> None:
    assert Path(i18n.LOCALE_DIR / "zh_CN/LC_MESSAGES/site.po").is_file()
