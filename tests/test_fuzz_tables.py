"""Fuzzing the table and survey readers: any bytes, any shape, any encoding.

Every case either reads or ends in ContentErrors (a message for the PM), never another
exception, and each case has a hard time limit (SIGALRM), so a hang fails the test
instead of stopping the suite. Where the input is well-formed, what is read must be what
was written.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError, ContentErrors
from generator.load.surveys import TOOLS, read_survey
from generator.load.tables import read_rows
from tests.conftest import REPO, SURVEY_EXPORTS

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CASE_SECONDS = 20  # one case of a few KB reads in milliseconds; a hang fails here
FUZZ = settings(
    max_examples=120,
    deadline=None,  # the hard limit below, not hypothesis' soft one, catches hangs
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
T = TypeVar("T")


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expired(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"a case took more than {seconds} s: the reader hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_or_refuse(call: Callable[[], T], seconds: int = CASE_SECONDS) -> T | None:
    """The value of call(), or None when it refused with messages; anything else fails."""
    with time_limit(seconds):
        try:
            return call()
        except ContentErrors as exc:
            assert exc.errors, "ContentErrors without an error"
            for error in exc.errors:
                assert isinstance(error, ContentError) and error.message and error.path
            return None


# Cells that reach the survey importers' corners: scales with labels, skips, wjx's
# separators, Qualtrics' ImportId rows, Excel's damage, e-mail addresses, quotes.
CELLS = [
    "", " ", "9", "10", "0", "-99", "-3", "NA", "N/A", "(跳过)", "3分", "10分",
    "5 (Very Well Supported)", "1 (Not supported)", "Strongly agree", "Very satisfied",
    "非常满意", "满意", "一般", "A┋B┋C", "其他〖柜台〗", "骁龙820→三星屏幕",
    '{"ImportId":"QID1"}', "{'ImportId': 'QID3-1'}", "25-Jun", "##########",
    "6/1/2026 9:00:00", "2016/12/17 14:22:55", "136秒", "10.0.0.1(上海-上海)",
    "a@b.example", "anonymous", "Action, Crime, Drama", 'say "hi"', "line\nbreak",
    "Jürgen Müller", "Très bien – merci", "张伟", "I’m", "\u00a0", "=1+1", "<strong>x</strong>",
]  # fmt: skip
HEADERS = [
    ["Timestamp", "How likely are you to recommend us?", "How satisfied are you?", "Comments"],
    ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Q1", "Q2"],
    ["#", "How likely?", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"],
    ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、推荐(0-10分)",
     "2、满意吗?"],
    ["StartDate", "EndDate", "Status", "ResponseId", "Q1", "Q2_1", "Q2_2"],
    ["V1", "V2", "V3", "Q1", "Q2"],
    ["ID", "Start time", "Completion time", "Email", "Name", "How satisfied are you?"],
    ["Zeitstempel", "Wie zufrieden sind Sie?", "Was können wir besser machen?"],
]  # fmt: skip
cell = st.one_of(st.sampled_from(CELLS), st.text(max_size=12))
row = st.lists(cell, min_size=0, max_size=9)
header = st.one_of(st.sampled_from(HEADERS), row)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "gb18030"]


@st.composite
def csv_exports(draw: st.DrawFn) -> bytes:
    """A table as some tool or spreadsheet wrote it, possibly damaged."""
    rows = [draw(header)] + draw(st.lists(row, max_size=8))
    if draw(st.booleans()):  # Qualtrics' third header row
        rows.insert(2, [f'{{"ImportId":"QID{i}"}}' for i in range(len(rows[0]))])
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([",", ";", "\t"])),
        lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
    )
    writer.writerows(rows)
    data = buffer.getvalue().encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    damage = draw(st.sampled_from(["none", "cut", "bytes"]))
    if damage == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# found by this test: an empty export read with --tool, a Qualtrics ImportId row shorter
# than the header
@example(data=b"", tool="google_forms")
@example(data=b'Timestamp,How likely?,Comments\r\n9\r\n"{""ImportId"":""QID1""}"\r\n', tool=None)
@FUZZ
@given(data=st.one_of(csv_exports(), st.binary(max_size=600)), tool=st.sampled_from([None, *TOOLS]))
def test_survey_reader_reads_or_refuses_any_export(
    tmp_path: Path, data: bytes, tool: str | None
) -> None:
    path = write(tmp_path, "export.csv", data)
    survey = read_or_refuse(lambda: read_survey(path, tool))
    if survey is not None:
        assert survey.encoding in {"utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "gb18030"}
        assert all(r.line >= 1 for r in survey.responses)


# Rows written in an encoding with a byte-order mark, or in UTF-8, read back exactly.
@FUZZ
@given(
    rows=st.lists(
        st.lists(st.text(min_size=1, max_size=10), min_size=2, max_size=5), min_size=1, max_size=6
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_rows_in_unicode_read_back_as_written(
    tmp_path: Path, rows: list[list[str]], encoding: str, delimiter: str
) -> None:
    width = len(rows[0])
    rows = [(r + ["x"] * width)[:width] for r in rows]  # one width, as exports have
    assume(all(any(c.strip() for c in r) for r in rows))
    assume(not any("\x00" in c for r in rows for c in r))
    assume(not rows[0][0].startswith("\ufeff"))  # a BOM of its own
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL).writerows(rows)
    path = write(tmp_path, "t.csv", buffer.getvalue().encode(encoding))
    read = read_or_refuse(lambda: read_rows(path, "t.csv"))
    assert read is not None
    assert [list(cells) for _line, cells in read.rows] == rows
    assert read.encoding == encoding


# Text in the words of its language, saved by Excel in that language's code page.
GERMAN = ["Jürgen", "Müller", "Größe", "Straße", "schön", "Änderung", "Öffnung", "Café",
          "Übergabe", "Prüfung", "Grüße", "zufrieden", "sehr", "gut", "Abnahme", "Qualität",
          "Frühjahr"]  # fmt: skip
CHINESE = ["张伟", "王芳", "满意", "非常满意", "一般", "项目", "验收", "交付", "沟通及时",
           "上海景华家居有限公司", "市场部", "建议", "(跳过)", "3分"]  # fmt: skip


@FUZZ
@given(
    words=st.sampled_from([(GERMAN, "cp1252"), (CHINESE, "gb18030"), (CHINESE, "gbk")]).flatmap(
        lambda pair: st.tuples(
            st.lists(
                st.lists(
                    st.lists(st.sampled_from(pair[0]), min_size=1, max_size=3),
                    min_size=3,
                    max_size=3,
                ),
                min_size=2,
                max_size=6,
            ),
            st.just(pair[1]),
        )
    ),
    delimiter=st.sampled_from([",", ";"]),
)
def test_excel_code_pages_read_back_as_written(
    tmp_path: Path, words: tuple[list[list[list[str]]], str], delimiter: str
) -> None:
    table, encoding = words
    rows = [[" ".join(cell) for cell in r] for r in table]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path = write(tmp_path, "t.csv", buffer.getvalue().encode(encoding))
    read = read_or_refuse(lambda: read_rows(path, "t.csv"))
    assert read is not None
    assert [list(cells) for _line, cells in read.rows] == rows
    assert read.encoding == ("gb18030" if encoding == "gbk" else encoding)


xlsx_cell = st.one_of(
    st.sampled_from(CELLS).filter(lambda c: c.strip() != "" and not c.startswith("=")),
    st.integers(-(10**9), 10**9),
)


@FUZZ
@given(rows=st.lists(st.lists(xlsx_cell, min_size=3, max_size=3), min_size=1, max_size=6))
def test_workbook_rows_read_back_as_written(tmp_path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for r in rows:
        book.active.append(r)
    path = tmp_path / "t.xlsx"
    book.save(path)
    read = read_or_refuse(lambda: read_rows(path, "t.xlsx"))
    assert read is not None and read.encoding == "xlsx"
    assert [list(cells) for _line, cells in read.rows] == rows


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real export (wjx, Chinese) saved as .xlsx, the seed the damage is done to."""
    from openpyxl import Workbook

    book = Workbook()
    source = SURVEY_EXPORTS / "wjx_reportgen_All_Data_Readable_CONVERTED_from_xls.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        for r in csv.reader(handle):
            book.active.append(r)
    path = tmp_path_factory.mktemp("seed") / "wjx.xlsx"
    book.save(path)
    return path.read_bytes()


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=0, max_size=16)), max_size=4),
    keep=st.floats(0.05, 1),
    tool=st.sampled_from([None, "wjx", "generic"]),
)
def test_damaged_workbooks_read_or_refuse(
    tmp_path: Path, workbook: bytes, cuts: list[tuple[float, bytes]], keep: float, tool: str | None
) -> None:
    data = bytearray(workbook)
    for where, junk in cuts:
        at = int(where * (len(data) - 1))
        data[at : at + len(junk)] = junk
    path = write(tmp_path, "wjx.xlsx", bytes(data[: max(4, int(len(data) * keep))]))
    read_or_refuse(lambda: read_survey(path, tool))


XML_PIECES = [
    '<?xml version="1.0"?>', "<!DOCTYPE x [", '<!ENTITY a "aa">', "]>", "<worksheet>",
    f'<worksheet xmlns="{MAIN_NS}">', "<sheetData>", '<row r="3">', '<c r="B3" t="s">',
    '<c r="A1" t="inlineStr"><is><t>', "</t></is>", "<v>", "7", "</v>", "</c>", "</row>",
    "&a;", "</sheetData>", "</worksheet>", '<row r="99999999999">', '<c r="ZZZZ1">',
    '<dimension ref="A1:XFD1048576"/>', '<c r="XFD1048576"><v>1</v></c>',
]  # fmt: skip


@FUZZ
@given(
    part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml",
                          "xl/styles.xml", "xl/_rels/workbook.xml.rels", "docProps/core.xml"]),
    xml=st.one_of(
        st.binary(max_size=300),
        st.lists(st.sampled_from(XML_PIECES).map(str.encode), max_size=14).map(b"".join),
    ),
)  # fmt: skip
def test_workbooks_with_odd_parts_read_or_refuse(
    tmp_path: Path, workbook: bytes, part: str, xml: bytes
) -> None:
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(io.BytesIO(workbook)) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, xml if info.filename == part else old.read(info))
    read_or_refuse(lambda: read_survey(path, "wjx"))


def test_the_time_limit_fails_a_hang() -> None:
    """The limit itself: a reader that never returns fails the case instead of the suite."""
    with pytest.raises(TimeoutError):
        read_or_refuse(signal.pause, seconds=1)


ATHERIS_HARNESS = """
import sys, tempfile, pathlib, atheris
with atheris.instrument_imports():
    from generator.errors import ContentErrors
    from generator.load.surveys import read_survey
    from generator.load.tables import read_rows
folder = pathlib.Path(tempfile.mkdtemp())
seed = pathlib.Path(sys.argv[1]).read_bytes()

def one(data: bytes) -> None:
    for name in ("export.csv", "export.xlsx"):
        path = folder / name
        # half the inputs start from a real export, so the fuzzer reaches the importers
        path.write_bytes(seed[: len(data)] + data if data[:1] == b"s" else data)
        try:
            read_rows(path, name)
            read_survey(path)
        except ContentErrors:
            pass

atheris.Setup([sys.argv[0], "-runs=" + sys.argv[2], "-max_len=2048", "-seed=1",
               "-timeout=20"], one)
atheris.Fuzz()
"""


@pytest.mark.slow
def test_atheris_finds_no_crash_or_hang_in_the_survey_readers(tmp_path: Path) -> None:
    """Coverage-guided: libFuzzer's -timeout=20 fails an input that takes longer."""
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")
    harness = tmp_path / "harness.py"
    harness.write_text(ATHERIS_HARNESS)
    seed = SURVEY_EXPORTS / "wjx_reportgen_All_Data_Readable_CONVERTED_from_xls.csv"
    proc = subprocess.run(
        [sys.executable, str(harness), str(seed), "2000"],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # where libFuzzer leaves a crash-* file
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 2000 runs" in proc.stderr
