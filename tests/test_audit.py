"""The leak audit catches what a client tree must not hold, and a clean build passes it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.audit import audit_output
from generator.load.workspace import load_workspace
from generator.workspace import Workspace
from tests.corpus_cases import BASE

MILEPOST = str(Path(sys.executable).parent / "milepost")
REPO = Path(__file__).resolve().parent.parent

GLOBEX = {
    "content/clients/globex.yaml": (
        "name: Globex Corporation\nshort_name: Globex\nportal_title: Globex status\n"
        "contacts:\n  - name: Hank Scorpio\n    email: hank@globex.example\n"
    ),
    "content/projects/volcano/project.yaml": (
        "title: Volcano lair intranet\nclient: globex\nmanager: lena\n"
        "start: 2026-06-01\nplanned_end: 2026-12-18\n"
    ),
    "content/projects/relaunch/notes/2026-06-20-pricing.md": (
        "---\ndate: 2026-06-20\ntitle: Pricing strategy for the renewal\n---\n"
        "We will raise the day rate after the relaunch ships.\n"
    ),
}


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MILEPOST, "--workspace", str(root), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit") / "ws"
    shutil.copytree(BASE, root)
    for rel, text in GLOBEX.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    result = _run(root, "build", "--only", "site", "--as-of", "2026-11-20")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def workspace(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(built, root, symlinks=True)
    return root


def test_a_clean_build_passes_the_audit(workspace: Path) -> None:
    result = _run(workspace, "audit")
    assert result.returncode == 0, result.stderr
    assert "no leaks" in result.stdout


PLANTS = [
    ("Globex Corporation", "name of client globex"),
    ("Hank Scorpio", "contact of client globex"),
    ("hank@globex.example", "contact e-mail of client globex"),
    ("Volcano lair intranet", "project of client globex"),
    ("Payment provider API changes", "internal risk relaunch/R1"),
    ("Wireframes", "internal task relaunch/T1"),
    ("Add a store locator", "internal change request relaunch/CR1"),
    ("Pricing strategy for the renewal", "internal note"),
    ("We will raise the day rate after the relaunch ships", "internal note"),
    ("Budget: 12,000.00 EUR", "cost amount booked 2026-06-30 in relaunch"),
    ("Lena bills 95 €/h", "cost rate of lena"),
]


@pytest.mark.parametrize(("text", "why"), PLANTS, ids=[p[1] for p in PLANTS])
def test_a_planted_leak_is_caught_with_file_string_and_reason(
    workspace: Path, text: str, why: str
) -> None:
    page = workspace / "output/portals/acme/index.html"
    html = page.read_text()
    page.write_text(html.replace("</body>", f"<p>{text}</p></body>"))
    result = _run(workspace, "audit")
    assert result.returncode == 1, result.stdout
    assert "output/portals/acme/index.html: " in result.stderr
    assert f"({why}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_leak_escaped_in_json_or_entities_is_still_caught(workspace: Path) -> None:
    status = next((workspace / "output/portals/acme").rglob("status.json"))
    status.write_text('{"note": "Globex \\u0043orporation"}')
    page = workspace / "output/portals/acme/index.html"
    page.write_text(page.read_text() + "<!-- Hank&#32;Scorpio -->")
    findings = audit_output(Workspace(workspace), load_workspace(workspace))
    texts = {(Path(f.file).name, f.text) for f in findings}
    assert ("status.json", "Globex Corporation") in texts
    assert ("index.html", "Hank Scorpio") in texts


def test_a_leak_inside_a_pdf_is_caught(workspace: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    pdf = workspace / "output/portals/acme/relaunch/reports/weekly.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string="<p>Risk: Payment provider API changes</p>").write_pdf(pdf)
    findings = audit_output(Workspace(workspace), load_workspace(workspace))
    assert any(f.file.endswith("weekly.pdf") and "internal risk" in f.why for f in findings)


def test_the_other_clients_own_tree_may_name_it(workspace: Path) -> None:
    page = workspace / "output/portals/globex/index.html"
    page.write_text(page.read_text() + "<p>Globex Corporation, Hank Scorpio</p>")
    assert audit_output(Workspace(workspace), load_workspace(workspace)) == []


def test_the_build_fails_when_a_template_leaks(workspace: Path) -> None:
    """A workspace template that prints every client's name into every page."""
    override = workspace / "templates/site/base.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    builtin = (REPO / "templates/site/base.html").read_text()
    override.write_text(builtin.replace("</body>", "<footer>Globex Corporation</footer></body>"))
    output = workspace / "output"
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    result = _run(workspace, "build", "--only", "site", "--as-of", "2026-11-20")
    assert result.returncode == 1, result.stdout
    assert "output/portals/acme/" in result.stderr
    assert "Globex Corporation (name of client globex)" in result.stderr
    # the audit runs before publishing: the leak never reached output/
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_the_demo_builds_clean(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    shutil.copytree(REPO / "content", root / "content")
    result = _run(root, "build", "--as-of", "2026-11-20")
    assert result.returncode == 0, result.stderr[-3000:]
    audit = _run(root, "audit")
    assert audit.returncode == 0, audit.stderr


def test_audit_cache_keeps_only_what_the_output_holds(make_workspace: Any, run_cli: Any) -> None:
    import hashlib

    root = make_workspace()
    assert run_cli("--workspace", str(root), "build", "--as-of", "2026-06-22", "-q").exit_code == 0
    texts = root / ".milepost/cache/audit-text"
    stray = texts / ("0" * 64 + ".txt")
    stray.write_text("text of a PDF that is gone")
    assert run_cli("--workspace", str(root), "build", "--as-of", "2026-06-22", "-q").exit_code == 0
    pdfs = {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "output/portals").rglob("*.pdf")
    }
    assert pdfs and {p.stem for p in texts.iterdir()} == pdfs
