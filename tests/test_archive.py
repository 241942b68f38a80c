"""Project archives: reproducible bytes, a MANIFEST that matches, and a check that finds damage."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
import weasyprint

from generator.archive import MANIFEST, build_archive, verify_archive


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return weasyprint.HTML(string="<h1>Closing report</h1><p>结项报告</p>").write_pdf()


@pytest.fixture()
def files(pdf: bytes) -> dict[str, bytes]:
    return {
        "reports/closing.pdf": pdf,
        "reports/weekly-2026-W47.pdf": pdf + b"\n% another",
        "source/project.yaml": "title: 官网改版\n".encode(),
        "portal/index.html": b"<!doctype html><title>Status</title>",
        "source/updates/2026-11-20.md": b"---\ndate: 2026-11-20\n---\nDone.\n",
    }


def _rewrite(src: Path, dest: Path, change: dict[str, bytes | None]) -> None:
    """Copy a zip, replacing (bytes) or dropping (None) some members; others unchanged."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                data = change.pop(info.filename)
                if data is not None:
                    new.writestr(info, data)
            else:
                new.writestr(info, old.read(info.filename))
        for name, data in change.items():
            assert data is not None
            new.writestr(name, data)


def test_same_files_give_same_bytes_whatever_the_order(files: dict[str, bytes]) -> None:
    reordered = dict(reversed(list(files.items())))
    assert build_archive(files) == build_archive(reordered)


def test_entries_are_sorted_with_fixed_time_and_permissions(files: dict[str, bytes]) -> None:
    data = build_archive(files, date=dt.date(2026, 12, 18))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted([*files, MANIFEST])
    assert {i.date_time for i in infos} == {(2026, 12, 18, 0, 0, 0)}
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
    # A different date changes the bytes; the default is the zip epoch.
    assert data != build_archive(files)


def test_manifest_lists_hash_and_size_of_every_file(
    tmp_path: Path, files: dict[str, bytes]
) -> None:
    path = tmp_path / "relaunch.zip"
    path.write_bytes(build_archive(files))
    with zipfile.ZipFile(path) as archive:
        lines = archive.read(MANIFEST).decode("utf-8").splitlines()
        assert archive.testzip() is None
    assert len(lines) == len(files)
    for line in lines:
        digest, size, name = line.split("  ", 2)
        assert digest == hashlib.sha256(files[name]).hexdigest()
        assert int(size) == len(files[name])
    assert verify_archive(path) == []


def test_chinese_file_names_survive(tmp_path: Path, pdf: bytes) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(build_archive({"reports/结项报告.pdf": pdf}))
    with zipfile.ZipFile(path) as archive:
        assert archive.read("reports/结项报告.pdf") == pdf
    assert verify_archive(path) == []


@pytest.mark.parametrize("name", ["/etc/passwd", "../x", "a/../b", "a\\b", "", "a//b", MANIFEST])
def test_unsafe_or_reserved_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        build_archive({name: b"x"})


def test_changed_file_is_reported_damaged(tmp_path: Path, files: dict[str, bytes]) -> None:
    good = tmp_path / "good.zip"
    good.write_bytes(build_archive(files))
    bad = tmp_path / "bad.zip"
    _rewrite(good, bad, {"source/project.yaml": b"title: tampered\n"})
    problems = verify_archive(bad)
    assert [(p.path, p.kind) for p in problems] == [("source/project.yaml", "damaged")]


def test_flipped_byte_in_compressed_data_is_reported_damaged(
    tmp_path: Path, files: dict[str, bytes]
) -> None:
    data = bytearray(build_archive(files))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("reports/closing.pdf")
    # The member's data starts after its 30-byte local header, name and extra field.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path = tmp_path / "flipped.zip"
    path.write_bytes(bytes(data))
    problems = verify_archive(path)
    assert [(p.path, p.kind) for p in problems] == [("reports/closing.pdf", "damaged")]


def test_missing_and_extra_files_are_reported(tmp_path: Path, files: dict[str, bytes]) -> None:
    good = tmp_path / "good.zip"
    good.write_bytes(build_archive(files))
    bad = tmp_path / "bad.zip"
    _rewrite(good, bad, {"portal/index.html": None, "notes.txt": b"smuggled"})
    problems = {(p.path, p.kind) for p in verify_archive(bad)}
    assert problems == {("portal/index.html", "missing"), ("notes.txt", "extra")}


def test_archive_without_manifest_is_reported(tmp_path: Path, files: dict[str, bytes]) -> None:
    good = tmp_path / "good.zip"
    good.write_bytes(build_archive(files))
    bad = tmp_path / "bad.zip"
    _rewrite(good, bad, {MANIFEST: None})
    assert [(p.path, p.kind) for p in verify_archive(bad)] == [(MANIFEST, "missing")]


def test_truncated_or_foreign_file_is_unreadable(tmp_path: Path, files: dict[str, bytes]) -> None:
    data = build_archive(files)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    text = tmp_path / "notes.zip"
    text.write_text("not a zip")
    for path in (cut, text, tmp_path / "absent.zip"):
        problems = verify_archive(path)
        assert [p.kind for p in problems] == ["unreadable"], path


def test_write_and_verify_command(tmp_path: Path, files: dict[str, bytes]) -> None:
    from generator.archive import write_archive
    from generator.publish.email.command import run_verify

    dest = tmp_path / "output" / "archive" / "relaunch.zip"
    digest = write_archive(dest, files, date=dt.date(2026, 12, 18))
    assert digest == hashlib.sha256(dest.read_bytes()).hexdigest()
    said: list[tuple[str, bool]] = []

    def echo(text: str, err: bool = False) -> None:
        said.append((text, err))

    assert run_verify(dest, echo) == 0
    bad = tmp_path / "bad.zip"
    _rewrite(dest, bad, {"portal/index.html": b"changed"})
    said.clear()
    assert run_verify(bad, echo) == 1
    assert (f"{bad}: portal/index.html: damaged: " in said[0][0]) and said[0][1]
    assert said[-1] == (f"1 problem in {bad}", True)
