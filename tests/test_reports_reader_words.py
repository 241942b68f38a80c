"""What a client and a senior PM read in the demo's reports (issue 14, second review):
one European date style for the German clients, whole money and hours, client words for
risks, a full stop after the plain status sentence, and a meeting action that is an open
decision listed once (under the decisions)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main
from tests.conftest import REPO

AS_OF = "2026-11-30"
US_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4}")
CASES = {
    "cp-client": ("weekly", "hafenbahn-carrier-portal", "2026-W48", "client"),
    "cp-internal": ("weekly", "hafenbahn-carrier-portal", "2026-W48", "internal"),
    "crm-client": ("weekly", "jinghua-crm", "2026-W48", "client"),
    "kestrel-client": ("weekly", "kestrel-app", "2026-W48", "client"),
    "jw-closing-internal": ("closing", "jinghua-website", None, "internal"),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("reader-words")
    found = {}
    for key, (kind, project, period, audience) in CASES.items():
        pdf = out / f"{key}.pdf"
        args = ["-w", str(REPO), "report", kind, project, "--audience", audience]
        args += ["--as-of", AS_OF, "-o", str(pdf)]
        args += ["--period", period] if period else []
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        found[key] = pdf
    return found


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pages(pdf: Path) -> list[str]:
    return [_flat(p.extract_text() or "") for p in PdfReader(pdf).pages]


def _section(text: str, start: str, end: str | None = None) -> str:
    flat = _flat(text)
    assert start in flat, start
    rest = flat[flat.index(start) :]
    return rest[: rest.index(end)] if end and end in rest else rest


# -- 1. Dates: the German clients read "15 Jan 2027", as the PM writes "15 January" --------


@pytest.mark.parametrize("key", ["cp-client", "cp-internal"])
def test_german_clients_read_one_european_date_style(pdfs: dict[str, Path], key: str) -> None:
    flat = _flat(_text(pdfs[key]))
    # The PM's prose on page 1 and the engine's dates read day before month ...
    assert "integration forecast 15 January, go-live 26 February" in flat
    assert "15 Jan 2027" in flat and "26 Feb 2027" in flat and "Status as of 29 Nov 2026" in flat
    # ... with no US-style date anywhere, and the amounts the German way.
    assert US_DATE.findall(flat) == []
    assert "+38.000 €" in flat and "38,000" not in flat


def test_a_us_client_keeps_us_dates(pdfs: dict[str, Path]) -> None:
    flat = _flat(_text(pdfs["kestrel-client"]))
    assert US_DATE.search(flat) and "Status as of Nov 29, 2026" in flat


# -- 2. Numbers: money in whole units, team hours in whole hours ---------------------------


def test_earned_value_prints_whole_euros_like_every_other_amount(pdfs: dict[str, Path]) -> None:
    budget = _section(_text(pdfs["cp-internal"]), "Budget at completion (BAC)", "Risks and issues")
    assert "Earned value (EV) 128.940 €" in budget
    assert "Planned value (PV) 175.061 €" in budget
    amounts = re.findall(r"-?\d[\d.,]* €", budget)
    assert len(amounts) >= 6 and [a for a in amounts if re.search(r",\d+ €", a)] == [], amounts


def test_team_hours_are_whole_hours(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["jw-closing-internal"])
    table = text[text.index("计划工时") :].split("\n\n\n")[0]  # up to the next section
    rows = [line for line in table.splitlines()[1:] if re.match(r"\S", line)]  # one a person
    hours = [line.split()[-1] for line in rows]  # the last column
    assert len(hours) == 4 and all(re.fullmatch(r"\d[\d,]*", h) for h in hours), hours
    assert "515" in hours and "515.2" not in text


# -- 3. Client words for risks; the plain status sentence ends with a full stop ----------


def test_clients_read_risk_scores_not_exposure(pdfs: dict[str, Path]) -> None:
    en = _flat(_text(pdfs["cp-client"]))
    assert "Top open risks Risk or issue Owner Risk score Level" in en
    assert "5 × 5 = 25" in en and "exposure" not in en.lower()
    zh = _flat(_text(pdfs["crm-client"]))
    assert "主要未关闭风险" in zh and "风险值" in zh
    assert "风险敞口" not in zh and "概率 × 影响" not in zh


def test_the_plain_status_sentence_ends_with_a_full_stop_on_page_1(
    make_workspace: Any, tmp_path: Path
) -> None:
    root = make_workspace()
    pdf = tmp_path / "weekly.pdf"
    args = ["-w", str(root), "report", "weekly", "relaunch", "--period", "2026-W24"]
    result = CliRunner().invoke(main, [*args, "--as-of", "2026-06-14", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    page1 = _pages(pdf)[0]
    assert "Milestones, work and risks are going to plan." in page1


# -- 4. A meeting action that is an open decision is listed once, under the decisions ------


@pytest.mark.parametrize("key", ["cp-client", "cp-internal"])
def test_a_decision_is_not_repeated_as_a_meeting_action(pdfs: dict[str, Path], key: str) -> None:
    pages = _pages(pdfs[key])
    whole = " ".join(pages)
    # Page 1 asks for both decisions ...
    assert "Approve CR-03" in pages[0] and "Name the SAP developer" in pages[0]
    assert whole.count("CR-03 (go-live") == 1
    # ... and the steering committee's actions that are the same items are not listed again,
    assert "Decide on CR-03" not in whole
    assert "Confirm the dedicated SAP developer" not in whole
    # while an action that is no decision stays under the meeting actions.
    actions = whole[whole.index("Open actions from meetings") :]
    assert "Name an owner for the SAP FI IDoc mapping" in actions
