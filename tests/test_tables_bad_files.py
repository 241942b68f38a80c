"""Bad table files given to `survey inspect`, `import contacts` and `import tasks`, or left
in a project's surveys/ folder: a message naming the file with a hint and exit 1, never a
traceback, a hang or a read without end.

Each test makes its bad file itself: a copy of a real export saved as .xlsx, then cut off,
holed, stuffed with an entity bomb or an external entity, or unpacking to 60 MB; a named
pipe (os.mkfifo); /dev/zero; a sparse file past the size bound.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import REPO, SURVEY_EXPORTS

SOURCE = SURVEY_EXPORTS / "googleforms_sheets_umd_bioinformatics_checkbox_scale.csv"
SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CALLERS = ("survey", "contacts", "tasks")


def real_workbook(folder: Path, name: str = "responses.xlsx") -> Path:
    """A real Google Forms export as Excel would save it."""
    from openpyxl import Workbook

    book = Workbook()
    with SOURCE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            book.active.append(row)
    path = folder / name
    book.save(path)
    return path


def with_part(workbook: Path, target: Path, part: str, data: bytes) -> Path:
    """A copy of `workbook` whose `part` holds `data`."""
    with zipfile.ZipFile(workbook) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            body = data if info.filename == part else old.read(info)
            new.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
    return target


def command(caller: str, root: Path, file: Path) -> list[str]:
    if caller == "survey":
        return ["survey", "inspect", str(file)]
    if caller == "contacts":
        return ["--workspace", str(root), "import", "contacts", str(file), "--client", "acme"]
    return ["--workspace", str(root), "import", "tasks", str(file), "--project", "relaunch"]


def assert_refused(code: int, output: str, file: Path, *words: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output, output
    assert f"{file}:" in output and "hint:" in output, output
    for word in words:
        assert word in output, output


def run(caller: str, root: Path, file: Path) -> Result:
    return CliRunner().invoke(main, command(caller, root, file))


def refused(result: Result, file: Path, *words: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert_refused(result.exit_code, result.output, file, *words)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_a_cut_off_workbook(make_workspace: Callable[..., Path], caller: str, keep: float) -> None:
    root = make_workspace()
    whole = real_workbook(root, "whole.xlsx").read_bytes()
    cut = root / "responses.xlsx"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    refused(run(caller, root, cut), cut, "cut off or damaged")


@pytest.mark.parametrize("caller", CALLERS)
def test_a_workbook_with_a_hole_in_its_sheet(
    make_workspace: Callable[..., Path], caller: str
) -> None:
    """A download that kept the zip directory but lost bytes inside the sheet."""
    root = make_workspace()
    whole = real_workbook(root, "whole.xlsx")
    holed = bytearray(whole.read_bytes())
    with zipfile.ZipFile(whole) as archive:
        info = archive.getinfo(SHEET)
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    holed[middle : middle + 64] = bytes(64)
    file = root / "responses.xlsx"
    file.write_bytes(bytes(holed))
    refused(run(caller, root, file), file)


def billion_laughs(root_element: str) -> bytes:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root_element} [{"".join(entities)}]>\n'
        f'<{root_element} xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        f"<is><t>&lol9;</t></is></c></row></sheetData></{root_element}>"
    ).encode()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("part", "root_element"),
    [(SHEET, "worksheet"), ("xl/workbook.xml", "workbook"), ("[Content_Types].xml", "Types")],
)
def test_an_entity_bomb_in_a_workbook(
    make_workspace: Callable[..., Path], caller: str, part: str, root_element: str
) -> None:
    root = make_workspace()
    file = with_part(
        real_workbook(root, "whole.xlsx"), root / "laughs.xlsx", part, billion_laughs(root_element)
    )
    started = time.monotonic()
    refused(run(caller, root, file), file, part, "never writes")
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("caller", CALLERS)
def test_an_external_entity_in_a_workbook_reads_no_local_file(
    make_workspace: Callable[..., Path], caller: str
) -> None:
    root = make_workspace()
    secret = root / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    sheet = (
        f'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        '<is><t>Timestamp</t></is></c></row><row r="2"><c r="A1" t="inlineStr">'
        "<is><t>&xxe;</t></is></c></row></sheetData></worksheet>"
    ).encode()
    file = with_part(real_workbook(root, "whole.xlsx"), root / "xxe.xlsx", SHEET, sheet)
    result = run(caller, root, file)
    refused(result, file, SHEET)
    assert "TOPSECRET" not in result.output


@pytest.mark.timeout(60)
@pytest.mark.parametrize("caller", CALLERS)
def test_a_zip_bomb_is_refused_by_its_unpacked_size(
    make_workspace: Callable[..., Path], caller: str
) -> None:
    root = make_workspace()
    padding = b"<!--" + b" " * (60 * 1024 * 1024) + b"-->"
    sheet = b'<?xml version="1.0"?>' + padding + f'<worksheet xmlns="{MAIN_NS}"/>'.encode()
    file = with_part(real_workbook(root, "whole.xlsx"), root / "bomb.xlsx", SHEET, sheet)
    assert file.stat().st_size < 1024 * 1024
    refused(run(caller, root, file), file, "unpacks to 60 MB")


@pytest.mark.timeout(60)  # a hang fails here, not at the suite's limit
def test_a_sheet_that_claims_a_million_rows_reads_in_seconds(tmp_path: Path) -> None:
    """A 2 KB sheet whose dimension and last row claim the whole Excel grid."""
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><dimension ref="A1:XFD1048576"/>'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Timestamp</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>How satisfied are you overall?</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>6/1/2026 9:00:00</t></is></c>'
        '<c r="B2"><v>4</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    file = with_part(real_workbook(tmp_path, "whole.xlsx"), tmp_path / "grid.xlsx", SHEET, sheet)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["survey", "inspect", str(file)])
    assert time.monotonic() - started < 30
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert str(file) in result.output


# A pipe blocks a reader that opens it; these run the CLI in a process of its own, with a
# time limit, so that a hang fails the test instead of stopping the suite.
def run_process(args: list[str], cwd: Path) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"milepost {' '.join(args)} hung")
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize("caller", CALLERS)
def test_a_named_pipe_is_refused_without_waiting(
    make_workspace: Callable[..., Path], caller: str
) -> None:
    root = make_workspace()
    pipe = root / "export.csv"
    os.mkfifo(pipe)
    code, output = run_process(command(caller, root, pipe), root)
    assert_refused(code, output, pipe, "not a regular file")


@pytest.mark.parametrize("caller", CALLERS)
def test_dev_zero_is_refused_without_reading_it(
    make_workspace: Callable[..., Path], caller: str
) -> None:
    root = make_workspace()
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    code, output = run_process(command(caller, root, zero), root)
    assert_refused(code, output, zero, "not a regular file")


@pytest.mark.parametrize("caller", CALLERS)
def test_a_file_past_the_size_bound_is_not_read(
    make_workspace: Callable[..., Path], caller: str
) -> None:
    root = make_workspace()
    big = root / "export.csv"
    with big.open("wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)
    refused(run(caller, root, big), big, "51.0 MB", "up to 50 MB")


def test_a_named_pipe_in_a_projects_surveys_folder_fails_validate(
    make_workspace: Callable[..., Path],
) -> None:
    root = make_workspace()
    surveys = root / "content/projects/relaunch/surveys"
    surveys.mkdir()
    os.mkfifo(surveys / "final.csv")
    code, output = run_process(["--workspace", str(root), "validate"], root)
    assert code == 1, output
    assert "content/projects/relaunch/surveys/final.csv: this is not a regular file" in output
    assert "Traceback" not in output
