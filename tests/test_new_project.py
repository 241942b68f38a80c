"""milepost new project: one more project in an existing workspace, from the templates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.load.workspace import load_workspace
from tests.conftest import REPO

# Wednesday 2 December 2026, 12:00 UTC: "this week" starts on Monday 30 November.
EPOCH = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC).timestamp()))}


def cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-w", str(root), *args], env=EPOCH)


def test_new_project_in_the_demo_is_valid_and_the_clients(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    result = cli(
        tmp_path, "new", "project", "kestrel-webshop", "--client", "kestrel-cycles",
        "--template", "software", "--title", "Webshop",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "created content/projects/kestrel-webshop from the 'software' template" in result.output
    check = cli(tmp_path, "validate")
    assert check.exit_code == 0, check.output

    data = load_workspace(tmp_path).projects["kestrel-webshop"]
    project = data.project
    assert (project.title, project.client) == ("Webshop", "kestrel-cycles")
    assert project.manager == "lea.hoffmann"  # who runs the client's other project
    assert project.start == dt.date(2026, 11, 30)  # this week's Monday
    client = yaml.safe_load((tmp_path / "content/clients/kestrel-cycles.yaml").read_text())
    assert project.communication.contacts == [c["email"] for c in client["contacts"]]
    assert [m.person for m in project.team] == ["lea.hoffmann"]
    assert {t.owner for t in data.tasks} <= {"lea.hoffmann", None}
    assert data.updates[0].date == dt.date(2026, 11, 30)
    folder = tmp_path / "content/projects/kestrel-webshop"
    for file in folder.rglob("*"):
        if file.is_file():
            text = file.read_text(encoding="utf-8")
            for sample in ("example-client", "jordan.smith", "owner: pm", "owner: lead", "&id"):
                assert sample not in text, (file, sample)
    # The template's comments are kept.
    assert "# A software implementation: requirements, configuration" in (
        folder / "project.yaml"
    ).read_text(encoding="utf-8")


def test_new_project_never_overwrites_and_names_what_is_wrong(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    first = cli(tmp_path, "new", "project", "shop", "--client", "hafenbahn")
    assert first.exit_code == 0, first.output
    folder = tmp_path / "content/projects/shop"
    (folder / "tasks.yaml").write_text("# mine\ntasks: []\n")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    again = cli(tmp_path, "new", "project", "shop", "--client", "hafenbahn")
    assert again.exit_code == 1
    assert "content/projects/shop: already exists; milepost never overwrites it" in again.output
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before

    wrong = cli(tmp_path, "new", "project", "shop2", "--client", "kestrel")
    assert wrong.exit_code == 1 and "did you mean 'kestrel-cycles'?" in wrong.output
    assert not (tmp_path / "content/projects/shop2").exists()
    nobody = cli(tmp_path, "new", "project", "shop3", "--client", "hafenbahn", "--manager", "jonas")
    assert nobody.exit_code == 1 and "did you mean 'jonas.weber'?" in nobody.output
    chinese = CliRunner().invoke(
        main,
        ["-w", str(tmp_path), "--lang", "zh-CN", "new", "project", "shop", "--client", "jinghua"],
    )
    assert chinese.exit_code == 1 and "已存在" in chinese.output


def test_new_project_in_a_generated_workspace(tmp_path: Path) -> None:
    root = tmp_path / "agency"
    assert CliRunner().invoke(main, ["init", str(root)], env=EPOCH).exit_code == 0
    result = cli(
        root, "new", "project", "crm", "--client", "example-client", "--template", "software"
    )
    assert result.exit_code == 0, result.output
    check = cli(root, "validate")
    assert check.exit_code == 0, check.output
    assert set(load_workspace(root).projects) == {"website", "crm"}
