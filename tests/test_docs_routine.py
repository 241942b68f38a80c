"""The README and docs/workspace.md show the PM's weekly routine, with commands that exist."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import REPO

ROUTINE = ["milepost agenda", "milepost draft", "$EDITOR", "milepost build", "milepost send weekly"]


@pytest.mark.parametrize("doc", ["README.md", "docs/workspace.md"])
def test_the_weekly_routine_is_shown_in_order(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    section = text[text.index("## The weekly routine") :]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert block, f"{doc}: no command block in the weekly routine"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert [next(step for step in ROUTINE if line.startswith(step)) for line in lines] == ROUTINE
    for line in lines:
        if line.startswith("milepost "):
            words = line.split("#")[0].split()[1:]
            command = [w for w in words if not w.startswith("hafenbahn")]
            result = CliRunner().invoke(main, [*command, "--help"])
            assert result.exit_code == 0, (doc, line, result.output)
