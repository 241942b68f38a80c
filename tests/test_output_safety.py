"""The output folder cannot be turned against its user: a mount point inside it is refused,
not emptied; a staging folder or journal planted by another local user is never followed;
each build keeps the owner, group and mode of the folders it replaces.

The tests that need a second user or a mount run as root (as CI does) and skip elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.writer import JOURNAL, STAGING_INSIDE
from generator.errors import ContentErrors
from tests.corpus_cases import BASE
from tests.second_user import needs_root, plant_journal_attack, shared_place

MILEPOST = [sys.executable, "-m", "generator"]
REPO = Path(__file__).resolve().parent.parent
AS_OF = ["2026-11-20", "2026-10-16"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MILEPOST, "--workspace", str(root), "build", "--only", "site", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(),
    )


def _workspace(parent: Path) -> Path:
    root = parent / "ws"
    shutil.copytree(BASE, root)
    return root


# -- mount points below output/ ------------------------------------------------------------


@pytest.fixture
def mounts(tmp_path: Path) -> Iterator[list[Path]]:
    mounted: list[Path] = []
    yield mounted
    # Wherever a build may have carried them: every mount below tmp_path goes.
    table = Path("/proc/self/mountinfo").read_text().splitlines()
    below = [line.split()[4] for line in table if line.split()[4].startswith(f"{tmp_path}/")]
    for point in sorted(below, reverse=True):
        subprocess.run(["umount", "-l", point], check=False)


def _mount(mounted: list[Path], point: Path, *args: str) -> None:
    proc = subprocess.run(["mount", *args, str(point)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount here ({proc.stderr.strip()}); needs CAP_SYS_ADMIN")
    mounted.append(point)


@needs_root
@pytest.mark.parametrize("kind", ["bind", "tmpfs"])
def test_a_mount_point_inside_output_is_refused_and_left_as_it_is(
    tmp_path: Path, mounts: list[Path], kind: str
) -> None:
    root = _workspace(tmp_path)
    first = _build(root, "--as-of", AS_OF[0])
    assert first.returncode == 0, first.stderr
    point = root / "output" / "portals" / "shared-drive"
    point.mkdir()
    if kind == "bind":
        source = tmp_path / "drive"
        source.mkdir()
        _mount(mounts, point, "--bind", str(source))
    else:
        _mount(mounts, point, "-t", "tmpfs", "-o", "size=1m", "tmpfs")
    (point / "contract.txt").write_text("the user's only copy")
    before = sorted(p.relative_to(root / "output") for p in (root / "output").rglob("*"))

    result = _build(root, "--as-of", AS_OF[1])

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{point}: a mount point inside the output folder" in result.stderr
    assert "hint: unmount it" in result.stderr
    table = Path("/proc/self/mountinfo").read_text().splitlines()
    assert str(point) in [line.split()[4] for line in table], "still mounted"
    assert (point / "contract.txt").read_text() == "the user's only copy"
    after = sorted(p.relative_to(root / "output") for p in (root / "output").rglob("*"))
    assert after == before, "the refused build changed output/"


# -- owner, group and mode of the output folders -------------------------------------------


def test_a_build_keeps_the_owner_group_and_mode_of_the_output_folders(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    assert _build(root, "--as-of", AS_OF[0]).returncode == 0
    output = root / "output"
    wanted = {
        output: 0o2750,
        output / "portals": 0o750,
        output / "internal": 0o700,
    }
    for folder, mode in wanted.items():
        os.chmod(folder, mode)
    client = next(p for p in (output / "portals").iterdir() if p.is_dir())
    shutil.rmtree(client)  # the next build makes it anew
    owner = os.geteuid()
    group = os.getegid()
    if os.geteuid() == 0:  # a deploy user owns the tree, a web server group reads it
        owner, group = 65534, 65534
        for folder in wanted:
            os.chown(folder, owner, group)

    result = _build(root, "--as-of", AS_OF[1])

    assert result.returncode == 0, result.stderr
    for folder, mode in wanted.items():
        info = folder.stat()
        assert oct(stat.S_IMODE(info.st_mode)) == oct(mode), folder
        assert (info.st_uid, info.st_gid) == (owner, group), folder
    # A folder the build adds below them takes its parent's group and mode.
    assert oct(stat.S_IMODE(client.stat().st_mode)) == oct(0o750)
    assert client.stat().st_gid == group


# -- a journal planted by another user -----------------------------------------------------


@pytest.fixture
def shared() -> Iterator[Path]:
    with shared_place() as place:
        yield place


@needs_root
def test_a_journal_planted_by_another_user_is_never_followed(shared: Path) -> None:
    """The workspace sits in a folder others may write to (sticky, like /tmp): another
    user creates the staging folder beside output/ with a journal of `..` paths and links."""
    base = shared
    root = _workspace(base)
    assert _build(root, "--as-of", AS_OF[0]).returncode == 0
    victim = base / "victim.txt"
    victim.write_text("root's file")
    rootonly = base / "rootonly"
    rootonly.mkdir(mode=0o700)
    os.chmod(root, 0o1777)
    attacker = root / "attacker"
    planted = plant_journal_attack(root / ".output.staging", attacker)
    assert planted.returncode == 0, planted.stderr
    assert (root / ".output.staging").stat().st_uid == 65534

    result = _build(root, "--as-of", AS_OF[1])

    assert victim.read_text() == "root's file", "the planted journal deleted root's file"
    assert list(rootonly.iterdir()) == [], "the planted journal wrote into a root-only folder"
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{root / '.output.staging'}: not left by your own build" in result.stderr
    assert (attacker / "rootonly" / "planted").is_file()  # nothing of theirs was touched


def test_a_journal_path_that_leaves_the_tree_or_passes_a_link_is_refused(
    tmp_path: Path,
) -> None:
    """Even in a staging folder of this user, a journal is followed only when it names this
    output and every path stays inside it without passing a link."""
    from generator.build.writer import recover_output

    output = tmp_path / "output"
    staging = output / STAGING_INSIDE
    staging.mkdir(parents=True, mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (staging / "page.html").write_text("new page")
    (staging / "via").symlink_to(outside)
    (outside / "x.html").write_text("not ours")
    cases = [
        {"rename": ["page.html"], "remove": ["../victim.txt"]},
        {"rename": ["via/x.html"], "remove": []},
        {"rename": ["/etc/hostname"], "remove": []},
    ]
    for journal in cases:
        journal["output"] = os.path.realpath(output)  # type: ignore[assignment]
        (staging / JOURNAL).write_text(json.dumps(journal))
        with pytest.raises(ContentErrors) as refused:
            recover_output(output)
        message = refused.value.errors[0].format()
        assert "refusing the journal of an interrupted build" in message
        assert victim.read_text() == "keep me"
        assert (outside / "x.html").read_text() == "not ours"
        assert not (output / "x.html").exists() and not (output / "page.html").exists()
    # A journal written for another output folder is not this one's either.
    (staging / JOURNAL).write_text(
        json.dumps({"output": str(tmp_path / "other"), "rename": ["page.html"], "remove": []})
    )
    with pytest.raises(ContentErrors, match="does not name this output folder"):
        recover_output(output)
    assert not (output / "page.html").exists()
