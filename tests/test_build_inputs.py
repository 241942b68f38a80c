"""A build never publishes a page or a report without an input it could not read.

Each job carries the files its render reads (build/inputs.py); the parent reads them. A
file that is gone by then (deleted or unmounted while the build runs, after loading
checked it) stops the build with the file's name, exit 1, and output/ stays as it was.
The export's content going bad is another matter: the page names it (tests/test_site_survey).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from benchmarks.portfolio import AS_OF
from generator.build.engine import run_build
from generator.build.executor import execute
from generator.build.plan import SITE, plan
from generator.errors import ContentErrors
from generator.load.workspace import load_workspace
from generator.render.sources import Sources, UnreadableFile
from generator.workspace import Workspace
from tests.logo_workspace import CLOSED, LOGO, REPO, SURVEY, generate_with_logo


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = generate_with_logo(tmp_path / "ws")
    run_build(Workspace(root), load_workspace(root), AS_OF, only=SITE, quiet=True)
    return root


def _tree(root: Path) -> dict[str, bytes]:
    out = root / "output"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _build_after_losing(root: Path, rel: str, only: str | None = SITE) -> ContentErrors:
    portfolio = load_workspace(root)
    (root / rel).unlink()
    with pytest.raises(ContentErrors) as err:
        run_build(Workspace(root), portfolio, AS_OF, only=only, clean=True, quiet=True)
    return err.value


def test_the_site_built_has_the_logo_and_the_survey_results(root: Path) -> None:
    files = _tree(root)
    assert files["internal/static/logo.svg"] == (root / LOGO).read_bytes()
    page = files[f"internal/{CLOSED}/retrospective.html"].decode()
    assert "survey__figures" in page and "survey__unreadable" not in page


@pytest.mark.parametrize("lost", [SURVEY, LOGO])
def test_a_site_input_gone_after_loading_fails_the_build_with_its_name(
    root: Path, lost: str
) -> None:
    before = _tree(root)
    error = _build_after_losing(root, lost)
    assert [(e.path, e.message) for e in error.errors] == [
        (lost, f"cannot read {lost}: No such file or directory")
    ]
    assert _tree(root) == before  # nothing published


def test_a_report_whose_logo_is_gone_fails_the_build_with_its_name(root: Path) -> None:
    error = _build_after_losing(root, LOGO, only="reports")
    assert [e.path for e in error.errors] == [LOGO]
    assert not (root / "output" / "reports").exists()


def test_a_job_that_was_not_given_its_input_reads_the_disk_and_names_what_is_missing(
    root: Path,
) -> None:
    """The worker's side: a job without the logo (as on a machine without the workspace)."""
    portfolio = load_workspace(root)
    job = next(j for j in plan(Workspace(root), portfolio, AS_OF, (SITE,)) if j.kind == "internal")
    assert execute(job).errors == ()  # nothing carried: read from this machine's disk
    (root / LOGO).unlink()
    result = execute(dataclasses.replace(job, sources=Sources()))
    assert [(e.path, e.message) for e in result.errors] == [
        (LOGO, f"cannot read {LOGO}: No such file or directory")
    ]
    assert result.files == {}


def test_an_image_a_report_cannot_read_stops_the_render_with_its_name(tmp_path: Path) -> None:
    """Not a warning beside a PDF without the image: WeasyPrint's fetch failure is an error."""
    from generator.render.pdf import html_to_pdf

    logo = (tmp_path / "assets" / "logo.png").as_uri()
    html = f'<html lang="en"><p>Report</p><img alt="Logo" src="{logo}"></html>'
    with pytest.raises(UnreadableFile) as err:
        html_to_pdf(html, tmp_path, strict=False)
    assert [(e.path, e.message) for e in err.value.errors] == [
        ("assets/logo.png", "cannot read assets/logo.png: No such file or directory")
    ]
    # What a job carries is served from memory: the same file: URL renders.
    svg = (REPO / LOGO).read_bytes()
    pdf, warnings = html_to_pdf(
        html.replace("logo.png", "logo.svg"),
        tmp_path,
        strict=False,
        files={(tmp_path / "assets" / "logo.svg").as_uri(): svg},
    )
    assert pdf.startswith(b"%PDF") and warnings == []
