"""Which jobs run after each kind of edit, on a small generated workspace with real reports."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from benchmarks.portfolio import AS_OF, Size, generate
from generator.build.engine import BuildReport, cache_of, run_build
from generator.load.workspace import load_workspace
from generator.workspace import BUILTIN_TEMPLATES, Workspace

SIZE = Size(clients=1, projects=2, weeks=2, tasks=6, risks=3, milestones=3, closed=1, words=60)


def build(root: Path, **options: object) -> BuildReport:
    portfolio = load_workspace(root)
    return run_build(Workspace(root), portfolio, AS_OF, quiet=True, **options)  # type: ignore[arg-type]


def outputs(root: Path) -> dict[str, bytes]:
    out = root / "output"
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".milepost")
    }


def labels(jobs: list) -> set[str]:
    return {job.label for job in jobs}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport, dict[str, bytes]]:
    """One cold build (--jobs 2) shared by the tests; each test copies the workspace."""
    root = tmp_path_factory.mktemp("ws") / "w"
    generate(root, SIZE)
    first = build(root, jobs=2)
    return root, first, outputs(root)


@pytest.fixture
def ws(built: tuple[Path, BuildReport, dict[str, bytes]], tmp_path: Path) -> Path:
    copy = tmp_path / "w"
    shutil.copytree(built[0], copy, symlinks=True)
    return copy


def test_cold_build_runs_every_job_and_writes_reports_and_portals(built: tuple) -> None:
    _, first, files = built
    assert first.reused == [] and len(first.ran) > 4
    assert any(rel.startswith("reports/project-001/closing") for rel in files)
    assert any(rel.startswith("portals/client-00/project-000/reports/weekly-") for rel in files)
    assert "internal/index.html" in files


def test_no_change_runs_nothing_and_keeps_the_bytes(ws: Path, built: tuple) -> None:
    before = outputs(ws)
    again = build(ws, jobs=2)
    assert again.ran == []
    assert len(again.reused) == len(built[1].ran)
    assert outputs(ws) == before


def test_edited_update_reruns_its_week_its_project_pages_and_the_home_pages(ws: Path) -> None:
    updates = sorted((ws / "content/projects/project-000/updates").glob("*.md"))
    sunday = AS_OF - dt.timedelta(days=AS_OF.weekday() + 1)
    target = [u for u in updates if dt.date.fromisoformat(u.stem) <= sunday][-1]
    target.write_text(target.read_text() + "\nEdited after the meeting.\n")
    week = dt.date.fromisoformat(target.stem).isocalendar()
    key = f"{week.year}-W{week.week:02d}"
    again = build(ws, jobs=2)
    # the other projects' pages are not rendered again
    assert labels(again.ran) == {
        "internal dashboard",
        "internal dashboard project-000",
        "portal client-00",
        "portal client-00 project-000",
        f"project-000 weekly {key} client",
        f"project-000 weekly {key} internal",
    }


def test_edited_report_template_reruns_exactly_the_reports_using_it(ws: Path) -> None:
    override = ws / "templates/reports/closing.html"
    override.parent.mkdir(parents=True)
    source = (BUILTIN_TEMPLATES / "reports/closing.html").read_text(encoding="utf-8")
    override.write_text(source + "{# edited #}\n", encoding="utf-8")
    again = build(ws, jobs=2)
    assert labels(again.ran) == {"project-001 closing client", "project-001 closing internal"}
    # a template every report includes reaches every report, and nothing of the site
    shared = ws / "templates/reports/report.css"
    shared.write_text(
        (BUILTIN_TEMPLATES / "reports/report.css").read_text(encoding="utf-8") + "/* x */\n"
    )
    third = build(ws, jobs=2)
    assert third.ran and all(job.stage == "reports" for job in third.ran)
    assert len(third.ran) == len([j for j in again.reused + again.ran if j.stage == "reports"])


def test_clean_reruns_everything_with_the_same_bytes(ws: Path, built: tuple) -> None:
    again = build(ws, jobs=2, clean=True)
    assert again.reused == [] and len(again.ran) == len(built[1].ran)
    assert outputs(ws) == built[2]


def test_damaged_cache_entries_are_ignored_and_rebuilt(ws: Path, built: tuple) -> None:
    cache = cache_of(Workspace(ws))
    first = built[1]
    internal = next(j for j in first.ran if j.label == "internal dashboard")
    report = next(j for j in first.ran if j.stage == "reports")
    whole = cache.path(internal.key).read_bytes()
    cache.path(internal.key).write_bytes(whole[: len(whole) // 2])  # half-written
    cache.path(report.key).write_bytes(b"milepost-cache 1\n{not json")
    again = build(ws, jobs=2)
    assert labels(again.ran) == {internal.label, report.label}
    assert outputs(ws) == built[2]
    assert build(ws, jobs=2).ran == []  # and the rebuilt entries are good again


def test_jobs_1_gives_the_same_bytes_as_jobs_2(ws: Path, built: tuple) -> None:
    build(ws, jobs=1, clean=True)
    assert outputs(ws) == built[2]


def test_only_site_keeps_the_reports_and_counts_them_skipped(ws: Path, built: tuple) -> None:
    again = build(ws, jobs=2, only="site", clean=True)
    assert {j.stage for j in again.ran} == {"site"}
    assert again.skipped == len([j for j in built[1].ran if j.stage == "reports"])
    assert outputs(ws) == built[2]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_bytes(ws: Path, built: tuple) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        again = build(ws, clean=True, executor=f"dask://{address}")
    assert len(again.ran) == len(built[1].ran)
    assert outputs(ws) == built[2]
