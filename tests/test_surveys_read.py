"""Reading rules: encodings, cut-off files, mapping files, labels, damage, detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.load.surveys import read_survey
from generator.model.survey import QuestionKind

GOOGLE = (
    "Timestamp,How likely are you to recommend us to a colleague?,"
    "How satisfied are you with the project?,Comments\r\n"
)


def _rows(n: int) -> str:
    return "".join(f"3/{i + 1}/2026 10:00:00,{9 if i % 2 else 6},{4},Fine\r\n" for i in range(n))


def test_detection_finds_nps_and_csat_in_a_google_form(tmp_path: Path) -> None:
    path = tmp_path / "final.csv"
    path.write_text(GOOGLE + _rows(12), encoding="utf-8")
    survey = read_survey(path)
    assert survey.tool == "google_forms"
    kinds = {q.id: q.kind for q in survey.questions}
    assert kinds == {
        "Q1": QuestionKind.nps,
        "Q2": QuestionKind.csat,
        "Q3": QuestionKind.text,  # "Comments": an open question
    }


def test_gb18030_export_is_decoded_and_named(tmp_path: Path) -> None:
    text = (
        "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,"
        "1、您向同事推荐我们的可能性有多大?(0-10分),2、您对项目整体满意吗?,3、建议\r\n"
        "1,2026/6/1 10:00:00,60秒,手机提交,微信,10.0.0.1(上海-上海),9分,满意,沟通及时\r\n"
        "2,2026/6/1 11:00:00,80秒,手机提交,微信,10.0.0.2(北京-北京),6分,一般,(跳过)\r\n"
    )
    path = tmp_path / "wjx.csv"
    path.write_bytes(text.encode("gb18030"))
    survey = read_survey(path)
    assert survey.encoding == "gb18030"
    assert survey.tool == "wjx"
    assert survey.questions[0].text.startswith("您向同事推荐")
    assert survey.questions[0].kind == QuestionKind.nps
    assert [r.answers["Q1"].number for r in survey.responses] == [9.0, 6.0]
    assert survey.questions[1].kind == QuestionKind.csat  # 满意 labels on a 5-point scale
    assert survey.responses[1].answers["Q3"].skipped


def test_cp1252_export_is_decoded_and_named(tmp_path: Path) -> None:
    text = GOOGLE + "3/1/2026 10:00:00,9,5,Très bien – merci, Zoë\r\n".replace(
        "Très bien – merci, Zoë", '"Très bien – merci, Zoë"'
    )
    path = tmp_path / "cp.csv"
    path.write_bytes(text.encode("cp1252"))
    survey = read_survey(path)
    assert survey.encoding == "cp1252"
    assert survey.responses[0].answers["Q3"].raw == "Très bien – merci, Zoë"


def test_utf8_bom_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeff" + GOOGLE + _rows(2)).encode("utf-8"))
    assert read_survey(path).encoding == "utf-8-sig"


def test_file_cut_off_inside_a_quoted_cell_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(GOOGLE + _rows(2) + '3/3/2026 10:00:00,9,4,"The weekly', encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_survey(path)
    (error,) = caught.value.errors
    assert error.line == 4 and "cut off" in error.hint


def test_file_cut_off_mid_row_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(GOOGLE + _rows(3) + "3/4/2026 10:00:00,9", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_survey(path)
    (error,) = caught.value.errors
    assert error.line == 5 and "cut off" in error.message


def test_excel_damage_is_reported_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "damaged.csv"
    path.write_text(
        "Timestamp,Team size,How satisfied are you?\r\n"
        "##########,6-25,5\r\n"
        "3/2/2026 10:00:00,25-Jun,4\r\n"
        "3/3/2026 10:00:00,1-5,##########\r\n",
        encoding="utf-8",
    )
    survey = read_survey(path)
    damaged = sorted((d.line, d.column) for d in survey.damaged)
    assert damaged == [(3, 2), (4, 3)]  # the Timestamp column is not a question
    assert survey.responses[1].answers["Q1"].skipped
    assert survey.responses[0].answers["Q1"].raw == "6-25"


def test_mapping_overrides_detection_and_maps_labels(tmp_path: Path) -> None:
    path = tmp_path / "pulse.csv"
    path.write_text(
        "Timestamp,Score for us,Overall\r\n"
        + "".join(f"3/{i + 1}/2026 10:00:00,{i},Very satisfied\r\n" for i in range(11)),
        encoding="utf-8",
    )
    path.with_suffix(".yaml").write_text(
        "wave: Mid-project pulse\n"
        "date: 2026-03-15\n"
        "invited: 14\n"
        "questions:\n"
        "  - id: Q1\n"
        "    kind: nps\n"
        "  - match: overall\n"
        "    kind: csat\n"
        "    labels: {Very satisfied: 5, Satisfied: 4}\n",
        encoding="utf-8",
    )
    survey = read_survey(path)
    assert survey.wave == "Mid-project pulse" and survey.invited == 14
    assert survey.question("Q1").kind == QuestionKind.nps  # type: ignore[union-attr]
    assert survey.responses[0].answers["Q2"].number == 5.0


@pytest.mark.parametrize(
    ("mapping", "said"),
    [
        pytest.param(
            "questions:\n  - id: Q1\n    kind: csat\n    labels: {Very satisfied: yes}\n",
            "must be a number",
            id="a label mapped to YAML true is refused, not read as 1",
        ),
        pytest.param(
            "questions:\n  - id: Q1\n    kind: nps\n  - id: Q9\n    kind: csat\n",
            "Q9",
            id="an unknown question",
        ),
    ],
)
def test_a_wrong_mapping_points_at_its_line(tmp_path: Path, mapping: str, said: str) -> None:
    path = tmp_path / "pulse.csv"
    path.write_text(GOOGLE + _rows(2), encoding="utf-8")
    path.with_suffix(".yaml").write_text(mapping, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_survey(path)
    (error,) = caught.value.errors
    assert error.path.endswith("pulse.yaml") and error.line == 4
    assert said in error.message


def test_mapping_text_that_no_longer_matches_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pulse.csv"
    path.write_text(GOOGLE + _rows(2), encoding="utf-8")
    path.with_suffix(".yaml").write_text(
        "questions:\n  - id: Q1\n    text: How satisfied are you?\n    kind: nps\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as caught:
        read_survey(path)
    assert caught.value.errors[0].line == 3


def test_headerless_msforms_takes_column_names_from_the_mapping(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_text(
        "1,4/15/2026 22:38,4/15/2026 22:39,anonymous,,8\r\n"
        "2,4/15/2026 22:47,4/15/2026 22:50,someone@example.com,Some One,10\r\n",
        encoding="utf-8",
    )
    survey = read_survey(path)
    assert survey.tool == "msforms" and len(survey.responses) == 2
    assert survey.questions[0].text == "Question 1"
    path.with_suffix(".yaml").write_text(
        "columns: [Id, Start time, Completion time, Email, Name,"
        ' "How likely are you to recommend us?"]\n',
        encoding="utf-8",
    )
    survey = read_survey(path)
    assert survey.questions[0].kind == QuestionKind.nps
    assert "someone@example.com" not in survey.model_dump_json()


def test_unknown_header_asks_for_tool(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\r\n1,2\r\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_survey(path)
    assert "--tool" in caught.value.errors[0].hint
    assert read_survey(path, tool="generic").questions[0].text == "a"


def test_yaml_form(tmp_path: Path) -> None:
    path = tmp_path / "handwritten.yaml"
    path.write_text(
        "wave: Final\n"
        "questions:\n"
        '  - {id: nps, text: "How likely are you to recommend us?", kind: nps}\n'
        '  - {id: areas, text: "What went well?", kind: multi_choice,'
        " options: [Design, Weekly reports]}\n"
        "responses:\n"
        "  - {nps: 9, areas: [Design, Weekly reports]}\n"
        "  - {nps: 4}\n",
        encoding="utf-8",
    )
    survey = read_survey(path)
    assert [r.answers["nps"].number for r in survey.responses] == [9.0, 4.0]
    assert survey.responses[0].answers["areas"].choices == ("Design", "Weekly reports")
    assert survey.responses[1].line == 7
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "questions:\n  - {id: nps, text: x, kind: nps}\nresponses:\n  - {npz: 9}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as caught:
        read_survey(bad)
    assert caught.value.errors[0].line == 4
