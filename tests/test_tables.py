"""One reader for survey exports, CRM contacts and tracker exports: the same encoding,
delimiter and workbook rules for every caller, and the encoding named by `survey inspect`.

Excel's plain "CSV" writes Windows-1252 on a German PC and GBK on a Chinese one. The real
exports in ../shared/survey-exports are UTF-8; each test writes the bytes Excel would
write for them (the same text in the other encoding) into a temporary folder.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.load.workspace import load_workspace
from tests.conftest import SURVEY_EXPORTS

EXPORTS = sorted(SURVEY_EXPORTS.glob("*.csv"))


def inspect(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["survey", "inspect", *args, str(path)])
    return result.exit_code, result.output


def inspect_json(path: Path) -> dict[str, object]:
    code, out = inspect(path, "--json")
    assert code == 0, out
    data: dict[str, object] = json.loads(out)
    return data


def _transcoded() -> list[tuple[str, str]]:
    """(export, encoding) for every real export whose text the encoding can hold."""
    assert EXPORTS, f"no survey exports in {SURVEY_EXPORTS}"
    cases = []
    for path in EXPORTS:
        text = path.read_bytes().decode("utf-8-sig")
        for encoding in ("cp1252", "gbk", "gb18030"):
            try:
                text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if not text.isascii():
                cases.append((path.name, encoding))
    return cases


@pytest.mark.parametrize(("name", "encoding"), _transcoded())
def test_a_real_export_saved_by_excel_reads_as_the_original(
    tmp_path: Path, name: str, encoding: str
) -> None:
    original = SURVEY_EXPORTS / name
    resaved = tmp_path / name
    resaved.write_bytes(original.read_bytes().decode("utf-8-sig").encode(encoding))
    want, got = inspect_json(original), inspect_json(resaved)
    assert got.pop("encoding") == ("gb18030" if encoding == "gbk" else encoding)
    want.pop("encoding")
    if encoding != "cp1252":  # characters an ANSI save lost are lost only in Windows-1252
        want["warnings"] = [w for w in want["warnings"] if "ANSI" not in w]  # type: ignore[attr-defined]
    assert got == want


def test_the_wjx_exports_in_gbk_keep_their_chinese_questions(tmp_path: Path) -> None:
    original = SURVEY_EXPORTS / "wjx_reportgen_All_Data_Readable_CONVERTED_from_xls.csv"
    resaved = tmp_path / "问卷星.csv"
    resaved.write_bytes(original.read_bytes().decode("utf-8").encode("gbk"))
    code, out = inspect(resaved)
    assert code == 0, out
    assert "encoding: GB18030/GBK" in out
    assert "tool: wjx" in out
    assert "请问您购买的“中兴天机7”是谁在使用?" in out


# A German Google Forms export saved by Excel as "CSV (Trennzeichen-getrennt)": every
# umlaut is followed by a letter, so the Windows-1252 bytes also form valid GB18030.
GERMAN = (
    "Zeitstempel,Wie wahrscheinlich ist es (0-10) dass Sie uns weiterempfehlen?,"
    "Wie zufrieden sind Sie (1-5)?,Was können wir besser machen?\r\n"
    "6/1/2026 9:00:00,9,5,Jürgen Müller war großartig\r\n"
    "6/2/2026 9:00:00,10,4,Schöne Arbeit\r\n"
    "6/3/2026 9:00:00,6,3,Könnte schneller sein\r\n"
)


def test_a_german_excel_csv_reads_as_german_and_names_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "umfrage.csv"
    path.write_bytes(GERMAN.encode("cp1252"))
    code, out = inspect(path)
    assert code == 0, out
    assert "encoding: Windows-1252" in out
    assert "Was können wir besser machen?" in out
    assert "黵" not in out
    assert inspect_json(path)["encoding"] == "cp1252"


def test_semicolons_of_german_excel_split_survey_columns(tmp_path: Path) -> None:
    path = tmp_path / "umfrage.csv"
    rows = list(csv.reader(io.StringIO(GERMAN)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    data = inspect_json(path)
    assert data["tool"] == "google_forms"
    assert [q["text"] for q in data["questions"]] == rows[0][1:]  # type: ignore[index,union-attr]
    assert data["respondents"] == 3


CLIENT = """\
name: Acme Retail GmbH
contacts:
  - name: Jana Roth
    email: jana.roth@acme.example
"""


def test_contacts_from_a_german_excel_keep_their_umlauts(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace({"content/clients/acme.yaml": CLIENT})
    export = root / "Kontakte.csv"
    export.write_bytes(
        (
            "Vorname;Nachname;Firma;E-Mail;Position\r\n"
            "Jürgen;Müller;Acme Retail GmbH;jm@acme.example;Geschäftsführer\r\n"
        ).encode("cp1252")
    )
    result = CliRunner().invoke(
        main,
        [
            "--workspace",
            str(root),
            "import",
            "contacts",
            str(export),
            "--client",
            "acme",
            "--map",
            "first_name=Vorname",
            "--map",
            "last_name=Nachname",
            "--map",
            "email=E-Mail",
            "--map",
            "role=Position",
            "--yes",
        ],
    )
    assert result.exit_code == 0, result.output
    contacts = load_workspace(root).clients["acme"].contacts
    assert [(c.name, c.role) for c in contacts][-1] == ("Jürgen Müller", "Geschäftsführer")


def test_tasks_from_a_windows_1252_jira_export_keep_their_umlauts(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace()
    export = root / "jira.csv"
    export.write_bytes(
        (
            "Summary,Issue key,Issue Type,Status,Assignee,Created,Due date\r\n"
            "Größentabelle überarbeiten,WEB-7,Story,To Do,lena,01/Jun/26 9:00 AM,30/Jun/26\r\n"
        ).encode("cp1252")
    )
    result = CliRunner().invoke(
        main,
        ["--workspace", str(root), "import", "tasks", str(export), "--project", "relaunch"]
        + ["--as-of", "2026-06-16", "--yes"],
    )
    assert result.exit_code == 0, result.output
    tasks = load_workspace(root).projects["relaunch"].tasks
    assert "Größentabelle überarbeiten" in [t.title for t in tasks]


def test_a_survey_workbook_reads_like_its_csv(tmp_path: Path) -> None:
    from openpyxl import Workbook

    original = SURVEY_EXPORTS / "googleforms_sheets_umd_bioinformatics_checkbox_scale.csv"
    book = Workbook()
    with original.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            book.active.append(row)
    workbook = tmp_path / "responses.xlsx"
    book.save(workbook)
    want, got = inspect_json(original), inspect_json(workbook)
    assert got.pop("encoding") == "xlsx" and want.pop("encoding") == "utf-8"
    assert got == want
