"""A client's locale picks the dates and numbers; the text is English or Chinese.

`en-DE` is English text with the dates and numbers of Germany ("30 Nov 2026", "186.000 €",
"0,73"), one date style through the whole report. A locale of a language milepost has no
text for (`de-DE`) is refused by `validate` with the file, the line and the locale to use.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import REPO

CLIENT = "content/clients/hafenbahn.yaml"
PROJECT = "hafenbahn-carrier-portal"
US_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}")


def _demo_with_locale(root: Path, locale: str) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    client = root / CLIENT
    text = client.read_text(encoding="utf-8")
    text, found = re.subn(r"(?m)^locale: .*$", f"locale: {locale}", text)
    if not found:
        text = text.replace("\nname:", f"\nlocale: {locale}\nname:", 1)
    client.write_text(text, encoding="utf-8")
    return root


def _monthly_text(root: Path) -> str:
    pdf = root / "monthly.pdf"
    args = ["-w", str(root), "report", "monthly", PROJECT, "--period", "2026-11"]
    args += ["--audience", "internal", "--as-of", "2026-11-30", "-o", str(pdf)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_en_de_reports_in_english_with_german_dates_and_numbers(tmp_path: Path) -> None:
    text = _monthly_text(_demo_with_locale(tmp_path, "en-DE"))
    flat = re.sub(r"\s+", " ", text)
    # English text ...
    assert "Monthly status report" in flat and "Decisions needed from the client" in flat
    # ... with the day before the month, in the masthead, the tiles and the tables ...
    assert "Status as of 30 Nov 2026" in flat
    assert re.search(r"Planned end .*18 Dec 2026", flat)
    # ... and no US-style date anywhere: one date style per report (what the PM typed aside).
    assert US_DATE.findall(flat) == []
    # Numbers and money grouped and decimal the German way.
    assert re.search(r"Schedule performance \(SPI\) is \d,\d\d, at or below 0,85", flat)
    amounts = re.findall(r"-?\d[\d.,]* €", flat)
    assert "186.000 €" in amounts
    assert amounts and all(not re.search(r",\d{3}\b", a) for a in amounts), amounts


def test_en_gb_dates_are_british_and_numbers_english(tmp_path: Path) -> None:
    flat = re.sub(r"\s+", " ", _monthly_text(_demo_with_locale(tmp_path, "en-GB")))
    assert "Status as of 30 Nov 2026" in flat and US_DATE.findall(flat) == []
    assert re.search(r"Schedule performance \(SPI\) is \d\.\d\d", flat)
    assert "€186,000" in flat


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        (
            "en",
            "locale: 'de-DE': milepost writes its text in English (en) or Chinese (zh-CN) only",
            "hint: use en-DE for English text with the dates and numbers of Germany",
        ),
        (
            "zh-CN",
            "locale: 'de-DE'：milepost 只能以英文（en）或中文（zh-CN）撰写文本",
            "请使用 en-DE",
        ),
    ],
)
def test_a_german_locale_is_refused_with_the_locale_to_use(
    tmp_path: Path, lang: str, message: str, hint: str
) -> None:
    root = _demo_with_locale(tmp_path, "de-DE")
    line = next(
        n
        for n, text in enumerate((root / CLIENT).read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("locale:")
    )
    result = CliRunner().invoke(main, ["-w", str(root), "--lang", lang, "validate"])
    assert result.exit_code == 1
    assert f"{CLIENT}:{line}:9: {message}" in result.output
    assert hint in result.output
    assert "Traceback" not in result.output
