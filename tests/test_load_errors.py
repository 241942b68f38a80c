"""Every kind of content error a PM makes gets path:line:column, plain words and a hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.errors import ContentErrors
from generator.load.workspace import load_workspace
from tests.conftest import WorkspaceFactory

PROJECT = "content/projects/relaunch/project.yaml"
TASKS = "content/projects/relaunch/tasks.yaml"
UPDATE = "content/projects/relaunch/updates/2026-06-12.md"


def errors_of(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_workspace(root)
    return [e.format() for e in info.value.errors]


def test_minimal_workspace_loads(make_workspace: WorkspaceFactory) -> None:
    portfolio = load_workspace(make_workspace())
    data = portfolio.projects["relaunch"]
    assert data.project.client == "acme"
    assert data.tasks[0].owner == "tom"
    assert data.updates[0].body.strip() == "The project started well."


def test_yaml_syntax_error_points_at_the_line(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({TASKS: "tasks:\n  - id: T1\n    title: [unclosed\n    owner: tom\n"})
    (message,) = errors_of(root)
    assert message.startswith(f"{TASKS}:4:")
    assert "YAML syntax error" in message


def test_tab_indentation_is_explained(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({TASKS: "tasks:\n\t- id: T1\n"})
    (message,) = errors_of(root)
    assert message.startswith(f"{TASKS}:2:1: YAML syntax error: a tab character")
    assert "replace the tab with spaces" in message


def test_duplicate_key_is_an_error_not_silently_the_last(make_workspace: WorkspaceFactory) -> None:
    text = (
        "title: Website relaunch\nclient: acme\nmanager: lena\nstart: 2026-06-01\n"
        "planned_end: 2026-12-18\ntitle: Relaunch 2\n"
        "milestones:\n  - id: design\n    title: Design sign-off\n    planned: 2026-07-15\n"
    )
    (message,) = errors_of(make_workspace({PROJECT: text}))
    assert message.startswith(f"{PROJECT}:6:1: duplicate key 'title' (first defined on line 1)")


def test_unknown_key_suggests_the_right_one(make_workspace: WorkspaceFactory) -> None:
    text = "tasks:\n  - id: T1\n    titel: Wireframes\n    start: 2026-06-01\n    due: 2026-06-20\n"
    messages = errors_of(make_workspace({TASKS: text}))
    assert f"{TASKS}:3:5: unknown key 'titel'\n    hint: did you mean 'title'?" in messages
    assert any(m.startswith(f"{TASKS}:2:5: missing required key 'title'") for m in messages)


def test_wrong_type_names_the_key(make_workspace: WorkspaceFactory) -> None:
    text = (
        "tasks:\n  - id: T1\n    title: Wireframes\n    start: 2026-06-01\n    due: 2026-06-20\n"
        "    estimate_hours: forty\n"
    )
    (message,) = errors_of(make_workspace({TASKS: text}))
    assert message == (
        f"{TASKS}:6:21: estimate_hours must be a number, got the text 'forty'\n"
        "    hint: write a plain number without units or quotes, like 40 or 12.5"
    )


def test_impossible_date(make_workspace: WorkspaceFactory) -> None:
    text = "tasks:\n  - id: T1\n    title: Wireframes\n    start: 2026-02-30\n    due: 2026-06-20\n"
    (message,) = errors_of(make_workspace({TASKS: text}))
    assert message.startswith(f"{TASKS}:4:12: '2026-02-30' is not a real date")
    assert "YYYY-MM-DD" in message


def test_ambiguous_date_format(make_workspace: WorkspaceFactory) -> None:
    text = "tasks:\n  - id: T1\n    title: Wireframes\n    start: 06/11/2026\n    due: 2026-06-20\n"
    (message,) = errors_of(make_workspace({TASKS: text}))
    assert message.startswith(f"{TASKS}:4:12: start: '06/11/2026' is not a date")


@pytest.mark.parametrize(
    ("raw", "explained"),
    [("NO", "YAML reads NO as the boolean false"), ("1:30", "YAML 1.1 reads 1:30 as a base-60")],
)
def test_yaml11_surprises_where_text_was_meant(
    make_workspace: WorkspaceFactory, raw: str, explained: str
) -> None:
    client = f"name: Acme Retail GmbH\nshort_name: {raw}\n"
    (message,) = errors_of(make_workspace({"content/clients/acme.yaml": client}))
    assert message.startswith(f"content/clients/acme.yaml:2:13: short_name: {explained}")
    assert f'put it in quotes: short_name: "{raw}"' in message


def test_references_to_unknown_people_milestones_clients(make_workspace: WorkspaceFactory) -> None:
    tasks = (
        "tasks:\n  - id: T1\n    title: Wireframes\n    owner: tomm\n    milestone: desgin\n"
        "    start: 2026-06-01\n    due: 2026-06-20\n"
    )
    project = (
        "title: Website relaunch\nclient: acmee\nmanager: lena\nstart: 2026-06-01\n"
        "planned_end: 2026-12-18\nmilestones:\n  - id: design\n    title: Design\n"
        "    planned: 2026-07-15\n"
    )
    messages = errors_of(make_workspace({TASKS: tasks, PROJECT: project}))
    assert (
        f"{TASKS}:4:12: task owner 'tomm' is not in content/people.yaml\n"
        "    hint: did you mean 'tom'?" in messages
    )
    assert any(
        m.startswith(f"{TASKS}:5:16: milestone 'desgin' is not defined") and "'design'" in m
        for m in messages
    )
    assert any(
        m.startswith(f"{PROJECT}:2:9: client 'acmee' has no file content/clients/acmee.yaml")
        for m in messages
    )


def test_duplicate_ids(make_workspace: WorkspaceFactory) -> None:
    tasks = (
        "tasks:\n  - id: T1\n    title: A\n    start: 2026-06-01\n    due: 2026-06-20\n"
        "  - id: T1\n    title: B\n    start: 2026-06-01\n    due: 2026-06-20\n"
    )
    (message,) = errors_of(make_workspace({TASKS: tasks}))
    assert message.startswith(f"{TASKS}:6:9: duplicate task id 'T1' (also on line 2)")


def test_end_before_start(make_workspace: WorkspaceFactory) -> None:
    tasks = "tasks:\n  - id: T1\n    title: A\n    start: 2026-06-20\n    due: 2026-06-01\n"
    (message,) = errors_of(make_workspace({TASKS: tasks}))
    assert message.startswith(f"{TASKS}:2:5: due 2026-06-01 is before start 2026-06-20\n    hint:")


def test_measurement_outside_the_project(make_workspace: WorkspaceFactory) -> None:
    project = (
        "title: Website relaunch\nclient: acme\nmanager: lena\nstart: 2026-06-01\n"
        "planned_end: 2026-12-18\ngoals:\n  - id: conv\n    title: Conversion\n"
        "    measurements:\n      - date: 2025-06-01\n        value: 1.9\n"
        "milestones:\n  - id: design\n    title: Design\n    planned: 2026-07-15\n"
    )
    (message,) = errors_of(make_workspace({PROJECT: project}))
    assert message.startswith(
        f"{PROJECT}:10:15: measurement dated 2025-06-01 is outside the project "
        "(2026-06-01 to 2026-12-18)"
    )


def test_front_matter_errors_point_at_the_markdown_line(make_workspace: WorkspaceFactory) -> None:
    update = "---\ndate: 2026-06-12\nauthor: lena\nhealth: purple\n---\nText\n"
    (message,) = errors_of(make_workspace({UPDATE: update}))
    assert message.startswith(f"{UPDATE}:4:9: health must be one of 'green', 'amber' or 'red'")


def test_unclosed_front_matter(make_workspace: WorkspaceFactory) -> None:
    (message,) = errors_of(make_workspace({UPDATE: "---\ndate: 2026-06-12\nauthor: lena\n"}))
    assert message.startswith(f"{UPDATE}:1:1: the front matter is not closed")


def test_all_errors_are_collected_not_only_the_first(make_workspace: WorkspaceFactory) -> None:
    tasks = "tasks:\n  - id: T1\n    title: A\n    start: 2026-06-20\n    due: 2026-06-01\n"
    update = "---\ndate: 2026-06-12\nauthor: nobody\n---\nText\n"
    messages = errors_of(make_workspace({TASKS: tasks, UPDATE: update}))
    assert len(messages) == 2
    assert {m.split(":")[0] for m in messages} == {TASKS, UPDATE}


def test_missing_required_file(make_workspace: WorkspaceFactory) -> None:
    (message,) = errors_of(make_workspace({"content/people.yaml": None}))
    assert message.startswith("content/people.yaml: the team file is missing")


def test_alias_bomb_is_refused_fast(make_workspace: WorkspaceFactory) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 10)}]")
    (message,) = errors_of(make_workspace({"content/site.yaml": "\n".join(lines) + "\n"}))
    assert "refused: the file expands to too many values" in message


def test_validate_command_prints_errors_and_exits_1(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    root = make_workspace({TASKS: "tasks:\n\t- id: T1\n"})
    result = run_cli("--workspace", str(root), "validate")
    assert result.exit_code == 1
    assert f"{TASKS}:2:1:" in result.stderr
    assert "Traceback" not in result.output


def test_validate_command_summary_on_clean_workspace(
    make_workspace: WorkspaceFactory, run_cli: Any
) -> None:
    result = run_cli("--workspace", str(make_workspace()), "validate")
    assert result.exit_code == 0, result.output
    assert "Test Agency: workspace is valid" in result.output
    assert "projects   1 (1 active)" in result.output


def test_measurement_after_the_end_is_fine_until_the_goal_deadline(
    make_workspace: WorkspaceFactory,
) -> None:
    project = (
        "title: Website relaunch\nclient: acme\nmanager: lena\nstart: 2026-06-01\n"
        "planned_end: 2026-12-18\ngoals:\n  - id: conv\n    title: Conversion\n"
        "    deadline: 2027-03-31\n    measurements:\n"
        "      - date: 2027-02-01\n        value: 2.4\n"
        "milestones:\n  - id: design\n    title: Design\n    planned: 2026-07-15\n"
    )
    data = load_workspace(make_workspace({PROJECT: project})).projects["relaunch"]
    assert data.project.goals[0].measurements[0].value == 2.4


def test_number_where_a_date_is_meant(make_workspace: WorkspaceFactory) -> None:
    tasks = "tasks:\n  - id: T1\n    title: A\n    start: 0\n    due: 2026-06-01\n"
    (message,) = errors_of(make_workspace({TASKS: tasks}))
    assert message.startswith(f"{TASKS}:4:12: start: 0 is a number, not a date")


def test_yaml11_boolean_where_a_choice_is_meant(make_workspace: WorkspaceFactory) -> None:
    update = "---\ndate: 2026-06-12\nauthor: lena\nvisibility: no\n---\nText\n"
    (message,) = errors_of(make_workspace({UPDATE: update}))
    assert message.startswith(
        f"{UPDATE}:4:13: visibility: YAML reads no as the boolean false, but one of"
    )
    assert 'put it in quotes: visibility: "no"' in message


def test_markdown_links_may_not_leave_the_project(make_workspace: WorkspaceFactory) -> None:
    update = (
        "---\ndate: 2026-06-12\nauthor: lena\n---\nSee [the plan](plan.md) and "
        "[our site](https://agency.example/a/../b).\n\n![chart](../../../secret.png)\n"
    )
    (message,) = errors_of(make_workspace({UPDATE: update}))
    assert message.startswith(
        f"{UPDATE}:7:10: the link '../../../secret.png' leads out of the project"
    )


def test_logo_must_be_a_file_inside_the_workspace(make_workspace: WorkspaceFactory) -> None:
    site = "name: Test Agency\nbranding:\n  logo: ../logo.png\n"
    (message,) = errors_of(make_workspace({"content/site.yaml": site}))
    assert message.startswith("content/site.yaml:3:9: the logo '../logo.png' is outside")
    site = "name: Test Agency\nbranding:\n  logo: content/assets/missing.svg\n"
    (message,) = errors_of(make_workspace({"content/site.yaml": site}))
    assert "the logo 'content/assets/missing.svg' does not exist" in message


@pytest.mark.parametrize(
    ("path", "text", "where"),
    [
        (
            "content/site.yaml",
            "name: Test Agency\nhealth:\n  overdue_milestones_red: true\n",
            "content/site.yaml:3:27: overdue_milestones_red must be a number",
        ),
        (
            "content/site.yaml",
            "name: Test Agency\nhealth:\n  spi_red: yes\n",
            "content/site.yaml:3:12: spi_red must be a number",
        ),
    ],
    ids=["a count", "a ratio"],
)
def test_yaml_true_is_not_the_number_1(
    make_workspace: WorkspaceFactory, path: str, text: str, where: str
) -> None:
    """`overdue_milestones_red: true` would otherwise turn red on one overdue milestone,
    silently: the threshold is refused with its line, like a reading written `true`."""
    (message,) = errors_of(make_workspace({path: text}))
    assert message.startswith(where), message
