"""`milepost notify` as a user runs it, on a workspace, against the local webhook server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import MINIMAL
from tests.notify_server import SECRET_TOKENS, check_slack, check_wecom, webhook_server

# The channels as a user writes them: the workspace's in site.yaml, and a project channel
# that replaces the workspace's channel of the same name (so "team" takes weekly cards for
# this project only, and wecom stays monthly).
CHANNELS = {
    "content/site.yaml": dedent(MINIMAL["content/site.yaml"])
    + """\
notify:
  - kind: slack
    name: team
    webhook_env: HOOK_SLACK
    events: [monthly]
  - kind: wecom
    name: wecom
    webhook_env: HOOK_WECOM
    events: [monthly]
""",
    "content/projects/relaunch/project.yaml": dedent(
        MINIMAL["content/projects/relaunch/project.yaml"]
    )
    + """\
notify:
  - kind: slack
    name: team
    webhook_env: HOOK_SLACK
""",
}


@pytest.fixture
def configured(make_workspace: Callable[..., Path]) -> Path:
    return make_workspace(CHANNELS)


def notify(root: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--workspace", str(root), "notify", *args, "--as-of", "2026-06-15"], env=env
    )
    return result.exit_code, result.output


def test_weekly_card_goes_to_the_channels_that_take_it(configured: Path) -> None:
    root = configured
    with webhook_server() as server:
        code, out = notify(root, server.env(), "weekly", "relaunch")
        assert code == 0, out
        assert [r.service for r in server.requests] == ["slack"]  # wecom takes monthly only
        check_slack(server.requests[0])
        assert "Website relaunch" in server.requests[0].body.decode()
        assert "Kick-off held" in server.requests[0].body.decode()
        assert (root / ".milepost" / "notify-ledger.jsonl").is_file()

        code, out = notify(root, server.env(), "monthly")
        assert code == 0, out
        check_wecom(server.of("wecom")[0])
        assert len(server.requests) == 3


def test_dry_run_and_failures_set_the_exit_code(configured: Path) -> None:
    root = configured
    with webhook_server() as server:
        code, out = notify(root, server.env(), "monthly", "relaunch", "--dry-run")
        assert code == 0 and server.requests == []
        assert '"msgtype": "markdown"' in out
        assert not any(token in out for token in SECRET_TOKENS)

        env = {k: v for k, v in server.env().items() if k != "HOOK_WECOM"}
        code, out = notify(root, env, "monthly", "relaunch")
        assert code == 1
        assert "[sent] team" in out and "HOOK_WECOM is not set" in out


def test_unknown_project_is_a_user_error(configured: Path) -> None:
    root = configured
    code, out = notify(root, {}, "weekly", "relaunc")
    assert code == 1 and "did you mean 'relaunch'?" in out


def test_a_card_without_a_period_reports_the_last_complete_week_and_links_its_pdf(
    tmp_path: Path,
) -> None:
    """On Monday 30 November the week that just ended is 2026-W48: the card names it and
    links the PDF the build published for it, not the week that has only begun."""
    import shutil

    from tests.conftest import REPO

    shutil.copytree(REPO / "content", tmp_path / "content")
    result = CliRunner().invoke(
        main,
        ["--workspace", str(tmp_path), "notify", "weekly", "hafenbahn-carrier-portal"]
        + ["--as-of", "2026-11-30", "--dry-run"],
        env={},
    )
    assert result.exit_code == 0, result.output
    assert "2026-W48" in result.output and "2026-W49" not in result.output
    assert "/reports/weekly-2026-W48.pdf" in result.output
