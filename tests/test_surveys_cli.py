"""`milepost survey inspect` and `milepost survey import` as a PM uses them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.load.surveys import read_survey

HEADER = (
    "Timestamp,Email Address,How likely are you to recommend us to a colleague?,"
    "How satisfied are you overall?,What should we do differently?\r\n"
)
# hand-made: NPS answers 10,9,9,9,8,7,6,3,10,9,9,0 -> 7 promoters, 2 passives, 3 detractors
NPS = [10, 9, 9, 9, 8, 7, 6, 3, 10, 9, 9, 0]
CSAT = [5, 4, 4, 5, 3, 4, 2, 1, 5, 5, 4, 3]  # top-2: 8 of 12; sum 45


def _export(tmp_path: Path) -> Path:
    lines = [
        f"6/{i + 1}/2026 9:00:00,person{i}@client.example,{n},{c},"
        f"Call 0171 2345678 or write to lead{i}@client.example\r\n"
        for i, (n, c) in enumerate(zip(NPS, CSAT, strict=True))
    ]
    path = tmp_path / "final.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_inspect_json_schema_and_hand_computed_scores(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["survey", "inspect", "--json", str(_export(tmp_path))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"tool", "encoding", "respondents", "complete", "questions", "nps", "csat"} <= set(data)
    assert data["tool"] == "google_forms" and data["encoding"] == "utf-8"
    assert (data["respondents"], data["complete"]) == (12, 12)
    assert [q["kind"] for q in data["questions"]] == ["nps", "csat", "text"]
    assert set(data["questions"][0]) == {"id", "text", "kind", "n"}
    nps = data["nps"]
    # (7 - 3) / 12 = 33.33; Var = 7/12 + 3/12 - (4/12)^2 = .72222; SE = .245326;
    # 1.96 SE = 48.083 points: 33.333 - 48.083 = -14.750 (-14.7497), 33.333 + 48.083 = 81.416
    assert (nps["promoters"], nps["passives"], nps["detractors"], nps["n"]) == (7, 2, 3, 12)
    assert nps["score"] == 33.3
    assert nps["ci95"] == [-14.7, 81.4]
    assert data["csat"] == {"question": "Q2", "top2_pct": 66.7, "top2": 8, "mean": 3.75, "n": 12}
    assert "client.example" not in result.output
    assert "2345678" not in result.output


def test_inspect_text_shows_counts_for_small_samples(tmp_path: Path) -> None:
    path = tmp_path / "pulse.csv"
    path.write_text(
        HEADER + "6/1/2026 9:00:00,a@b.example,9,5,\r\n6/2/2026 9:00:00,c@d.example,4,2,\r\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["survey", "inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 of 2 promoters" in result.output
    assert "a@b.example" not in result.output


def test_cut_off_file_is_an_error_with_its_line_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(HEADER + '6/1/2026 9:00:00,a@b.example,9,5,"We liked', encoding="utf-8")
    result = CliRunner().invoke(main, ["survey", "inspect", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:" in result.output
    assert "Traceback" not in result.output


def test_import_copies_writes_mapping_and_never_overwrites(tmp_path: Path) -> None:
    project = tmp_path / "content" / "projects" / "demo"
    project.mkdir(parents=True)
    (project / "project.yaml").write_text("title: Demo\n", encoding="utf-8")
    export = _export(tmp_path)
    runner = CliRunner()
    args = ["--workspace", str(tmp_path), "survey", "import", str(export), "--project", "demo"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    copied = project / "surveys" / "final.csv"
    mapping = project / "surveys" / "final.yaml"
    assert copied.read_bytes() == export.read_bytes()
    assert "kind: nps" in mapping.read_text(encoding="utf-8")
    # the written mapping reads back and confirms what was detected
    survey = read_survey(copied)
    assert [q.kind.value for q in survey.questions] == ["nps", "csat", "text"]
    mapping.write_text("# edited by the PM\n" + mapping.read_text(encoding="utf-8"))
    again = runner.invoke(main, args)
    assert again.exit_code == 1
    assert "never overwrites" in again.output
    assert mapping.read_text(encoding="utf-8").startswith("# edited by the PM")


def test_import_into_unknown_project_is_an_error(tmp_path: Path) -> None:
    args = ["--workspace", str(tmp_path), "survey", "import", str(_export(tmp_path))]
    result = CliRunner().invoke(main, [*args, "--project", "nope"])
    assert result.exit_code == 1 and "no project 'nope'" in result.output
