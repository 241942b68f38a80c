"""The build machinery with small job kinds of its own: executor, template recording, cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.cache import Cache, Entry
from generator.build.executor import Result, execute, make_executor, run_jobs
from generator.build.plan import Job
from generator.build.progress import Progress, summary_line
from generator.errors import ContentErrors
from generator.workspace import Workspace


def _job(ws: Workspace, runner: str, payload: object, outputs: tuple[str, ...], key: str) -> Job:
    return Job("site", "toy", key, f"tests.build_toy_jobs:{runner}", ws, payload, outputs, key)


def _run(jobs: list[Job], workers: int) -> dict[str, Result]:
    results: dict[str, Result] = {}
    with make_executor(None, workers, pdf=False) as pool:
        run_jobs(pool, jobs, window=workers * 2, on_done=lambda j, r: results.update({j.key: r}))
    return results


def test_pool_returns_every_result_as_bytes_and_two_workers_match_one(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    jobs = [_job(ws, "echo", (f"out/{i}.txt", f"text {i}"), ("out/",), f"k{i}") for i in range(9)]
    one, two = _run(jobs, 1), _run(jobs, 2)
    assert set(one) == {f"k{i}" for i in range(9)}
    assert one["k3"].files == {"out/3.txt": b"text 3"}
    assert one["k3"].problems == ("echoed out/3.txt",)
    assert {k: r.files for k, r in one.items()} == {k: r.files for k, r in two.items()}


def test_worker_records_the_templates_a_job_loaded(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "toy.html").write_text("{% include 'part.html' %}{{ value }}")
    (tmp_path / "templates" / "part.html").write_text("part:")
    ws = Workspace(tmp_path)
    result = execute(_job(ws, "templated", ("a.html", "toy.html"), ("a.html",), "t"))
    assert result.files == {"a.html": b"part:a.html"}
    assert set(result.templates) == {"toy.html", "part.html"}


def test_a_job_writing_outside_its_outputs_or_crashing_stops_the_build(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    stray = _job(ws, "echo", ("portals/other/x.txt", "x"), ("portals/mine/",), "s")
    assert "outside its outputs" in (execute(stray).crash or "")
    with pytest.raises(RuntimeError, match="a bug in a renderer"):
        _run([_job(ws, "boom", None, ("x",), "b")], 1)


def test_unknown_executor_is_a_user_error() -> None:
    with (
        pytest.raises(ContentErrors, match="unknown executor"),
        make_executor("ftp://x", 1, pdf=False),
    ):
        pass


def test_cache_round_trip_and_damaged_entries_are_ignored(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    entry = Entry(
        {"a.pdf": b"%PDF same", "b/a.pdf": b"%PDF same", "c.html": b"<p>"},
        {"reports/weekly.html": "ab12"},
        ("a warning",),
    )
    cache.put("k1", entry)
    assert cache.get("k1") == entry
    assert cache.get("k2") is None
    path = cache.path("k1")
    whole = path.read_bytes()
    path.write_bytes(whole[:-3])  # half-written
    assert cache.get("k1") is None
    path.write_bytes(whole.replace(b"%PDF same", b"%PDF evil"))  # same size, other bytes
    assert cache.get("k1") is None
    path.write_bytes(b"")
    assert cache.get("k1") is None
    cache.put("k1", entry)
    # an entry stored under another key's name is not that key's result
    cache.path("k3").parent.mkdir(parents=True, exist_ok=True)
    cache.path("k3").write_bytes(cache.path("k1").read_bytes())
    assert cache.get("k3") is None


def test_prune_keeps_the_wanted_entries_and_removes_our_temp_files(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    for key in ("aa1", "aa2", "bb1"):
        cache.put(key, Entry({"x": key.encode()}))
    leftover = cache.path("aa1").with_name(".aa9.entry.tmp-123")
    leftover.write_bytes(b"half")
    foreign = cache.path("aa1").with_name("notes.txt")
    foreign.write_text("not ours")
    assert cache.prune(["aa1", "bb1"]) == 2
    assert cache.keys() == {"aa1", "bb1"}
    assert foreign.exists()


def test_progress_plain_lines_in_ci_and_silence_when_quiet() -> None:
    import io

    stream = io.StringIO()
    progress = Progress(20, stream=stream, tty=False)
    for _ in range(20):
        progress.advance("job")
    lines = stream.getvalue().splitlines()
    assert 1 <= len(lines) <= 11
    assert lines[-1].startswith("20/20 jobs")
    bar = io.StringIO()
    tty = Progress(3, stream=bar, tty=True)
    for _ in range(3):
        tty.advance("report")
    assert "[" in bar.getvalue() and "3/3" in bar.getvalue()
    quiet = io.StringIO()
    silent = Progress(5, stream=quiet, quiet=True)
    for _ in range(5):
        silent.advance()
    assert quiet.getvalue() == ""
    assert summary_line(3, 40, 2) == "built 3, reused 40 from cache, skipped 2"
