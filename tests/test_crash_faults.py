"""Crashes and faults the way they happen: kill -9, a full disk, a read-only output folder,
links and `..` paths leading out of the workspace.

The rule under test: output/ is always the complete old tree or the complete new one
(every file its manifest lists, with that hash, and nothing of ours it does not list), the
files milepost did not write survive, the cache never serves a broken entry, and nothing
outside the workspace is read.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build.writer import MANIFEST, recover_output
from tests.corpus_cases import BASE

MILEPOST = str(Path(sys.executable).parent / "milepost")
REPO = Path(__file__).resolve().parent.parent
USER_FILES = {"CNAME": b"status.example.com\n", ".git/HEAD": b"ref: refs/heads/gh-pages\n"}


# -- checking a tree ---------------------------------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_consistent(output: Path, ours: set[str] | None = None) -> dict[str, str]:
    """output/ is exactly what its manifest says, and the user's own files are still there.

    ours: every relpath milepost could have written (old and new trees); a file among them
    that the manifest does not list would mean two trees got mixed.
    """
    manifest = json.loads((output / MANIFEST).read_text())["files"]
    for rel, digest in manifest.items():
        assert (output / rel).is_file(), f"{rel} listed in the manifest but missing"
        assert _sha(output / rel) == digest, f"{rel} does not match its manifest hash"
    for rel, data in USER_FILES.items():
        assert (output / rel).read_bytes() == data, f"the user's {rel} was touched"
    assert (output / "empty-by-user").is_dir()
    if ours is not None:
        present = {
            p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()
        } & ours
        assert present == set(manifest), f"files of another tree: {present ^ set(manifest)}"
    return manifest


def _add_user_files(output: Path) -> None:
    for rel, data in USER_FILES.items():
        (output / rel).parent.mkdir(parents=True, exist_ok=True)
        (output / rel).write_bytes(data)
    (output / "empty-by-user").mkdir(exist_ok=True)


# -- the writer alone, killed during publish ---------------------------------------------

HARNESS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from generator.build import writer
    output, version, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if mode == "journal":
        writer._rename_exchange = lambda a, b: False
    tree = writer.StagedTree(output)
    for i in range(600):
        if (i + version) % 3:  # each version drops and adds some files
            tree.add(f"portals/c{i % 7}/page-{i}.html", f"version {version} page {i} " * 40)
    tree.add("portals/index.html", f"version {version}")
    print("publishing", flush=True)
    tree.publish()
    print("done", flush=True)
    """
)


def _all_paths() -> set[str]:
    return {f"portals/c{i % 7}/page-{i}.html" for i in range(600)} | {"portals/index.html"}


def _run_harness(harness: Path, output: Path, version: int, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(harness), str(output), str(version), mode],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["exchange", "journal"])
def test_kill_9_during_publish_leaves_the_old_or_the_new_tree(tmp_path: Path, mode: str) -> None:
    harness = tmp_path / "harness.py"
    harness.write_text(HARNESS)
    output = tmp_path / "site" / "output"
    first = _run_harness(harness, output, 0, mode)
    assert first.wait(60) == 0
    _add_user_files(output)
    rng = random.Random(9)
    killed_mid_publish = 0
    previous = 0  # the version output/ held before this round
    for round_ in range(1, 31):
        proc = _run_harness(harness, output, round_, mode)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "publishing"
        time.sleep(rng.uniform(0, 0.15))
        proc.send_signal(signal.SIGKILL)
        finished = proc.stdout.read().strip() == "done"
        proc.wait(30)
        killed_mid_publish += not finished
        if mode == "journal":
            # the journal is finished by the next build before it does anything else
            recover_output(output)
        manifest = assert_consistent(output, _all_paths())
        version = int((output / "portals/index.html").read_text().split()[-1])
        # The tree before this round or this round's, never an older one; this round's
        # once it said it was done.
        expected = (round_,) if finished else (previous, round_)
        assert version in expected, f"round {round_}: version {version}, not {expected}"
        previous = version
        assert all(
            (output / rel).read_text().startswith(f"version {version} ")
            for rel in manifest
            if rel != "portals/index.html"
        ), "pages of two versions in one tree"
    # Timing decides where a kill lands; a sixth of the rounds inside publish (9 of 30 seen
    # on a loaded machine) is enough for the test to mean something.
    assert killed_mid_publish >= 5, "too few kills landed inside publish to test it"
    last = _run_harness(harness, output, 99, mode)
    assert last.wait(60) == 0
    assert_consistent(output, _all_paths())
    assert (output / "portals/index.html").read_text() == "version 99"
    assert not (output.parent / ".output.staging").exists()


# Every call that changes a file or folder, counted; the child kills itself before or after
# the Kth, so each step of publish is a crash point once, whatever the machine's timing.
_STEPS = ("open", "replace", "rename", "unlink", "link", "mkdir", "rmdir", "fsync")


def _publish_killed_at(output: Path, version: int, mode: str, kill_at: int) -> bool:
    """Publish `version` of the tree in a child process killed at step kill_at; True when
    the child got to the end first."""
    from generator.build import writer

    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            if mode == "journal":
                writer._rename_exchange = lambda a, b: False
            tree = writer.StagedTree(output)
            for i in range(24):
                if (i + version) % 3:
                    tree.add(f"portals/c{i % 3}/page-{i}.html", f"version {version} page {i}")
            tree.add("portals/index.html", f"version {version} index")
            count = 0

            def tick() -> None:
                nonlocal count
                count += 1
                if count == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

            def counted(call: Callable[..., object]) -> Callable[..., object]:
                def step(*args: object, **kwargs: object) -> object:
                    tick()  # killed before this call...
                    result = call(*args, **kwargs)
                    tick()  # ...or right after it
                    return result

                return step

            for name in _STEPS:
                setattr(os, name, counted(getattr(os, name)))
            tree.publish()
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return False
    assert os.WEXITSTATUS(status) == 0, "publish failed (its traceback is above)"
    return True


@pytest.mark.parametrize("mode", ["exchange", "journal"])
def test_a_kill_at_any_step_of_publish_leaves_the_old_or_the_new_tree(
    tmp_path: Path, mode: str
) -> None:
    output = tmp_path / "site" / "output"
    assert _publish_killed_at(output, 0, mode, kill_at=-1)
    _add_user_files(output)
    ours = {f"portals/c{i % 3}/page-{i}.html" for i in range(24)} | {"portals/index.html"}
    previous = 0
    for step in range(1, 1000):
        finished = _publish_killed_at(output, step, mode, kill_at=step)
        recover_output(output)  # what the next build does first
        manifest = assert_consistent(output, ours)
        version = int((output / "portals/index.html").read_text().split()[1])
        assert version in ((step,) if finished else (previous, step)), f"killed at step {step}"
        assert all(
            (output / rel).read_text().startswith(f"version {version} ") for rel in manifest
        ), f"killed at step {step}: pages of two versions in one tree"
        previous = version
        if finished:
            break
    assert finished, "publish never got to its end"
    assert step > 40, "too few steps counted for the test to mean something"
    assert not (output.parent / ".output.staging").exists()


def test_publish_keeps_files_milepost_did_not_write(tmp_path: Path) -> None:
    from generator.build.writer import StagedTree

    output = tmp_path / "output"
    tree = StagedTree(output)
    tree.add("portals/a/index.html", "one")
    tree.add("portals/a/old.html", "old")
    tree.publish()
    _add_user_files(output)
    (output / "portals/a/notes-by-hand.txt").write_text("mine")
    (output / "portals/a/old.html").write_text("edited by hand")  # theirs now
    tree = StagedTree(output)
    tree.add("portals/a/index.html", "two")
    tree.publish()
    assert_consistent(output)
    assert (output / "portals/a/index.html").read_text() == "two"
    assert (output / "portals/a/notes-by-hand.txt").read_text() == "mine"
    assert (output / "portals/a/old.html").read_text() == "edited by hand"


# -- the real command, killed at random points --------------------------------------------


def _workspace(tmp_path: Path, name: str = "ws") -> Path:
    root = tmp_path / name
    shutil.copytree(BASE, root)
    return root


def _build(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MILEPOST, "--workspace", str(root), "build", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=root,
    )


def _tree_files(output: Path) -> dict[str, bytes]:
    manifest = json.loads((output / MANIFEST).read_text())["files"]
    return {rel: (output / rel).read_bytes() for rel in manifest}


DATES = ["2026-11-20", "2026-10-16", "2026-09-18", "2026-08-14"]


@pytest.mark.slow
def test_build_killed_at_random_points_many_times(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    started = time.perf_counter()
    assert _build(root, "--only", "site", "--as-of", DATES[0]).returncode == 0
    duration = time.perf_counter() - started
    _add_user_files(root / "output")
    rng = random.Random(42)
    for round_ in range(14):
        day = DATES[round_ % len(DATES)]
        proc = subprocess.Popen(
            [MILEPOST, "--workspace", str(root), "build", "--only", "site", "--as-of", day],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the kill takes the worker processes too
        )
        time.sleep(rng.uniform(0.1, duration * 1.1))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
        assert_consistent(root / "output")
    done = _build(root, "--only", "site", "--as-of", DATES[0])
    assert done.returncode == 0, done.stderr
    assert_consistent(root / "output")
    # The cache survived the kills unpoisoned: the same bytes as a build from scratch.
    fresh = _workspace(tmp_path, "fresh")
    assert _build(fresh, "--only", "site", "--clean", "--as-of", DATES[0]).returncode == 0
    assert _tree_files(root / "output") == _tree_files(fresh / "output")


def test_a_half_written_cache_entry_is_ignored(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    assert _build(root, "--only", "site", "--as-of", DATES[0]).returncode == 0
    good = _tree_files(root / "output")
    entries = sorted((root / ".milepost" / "cache").rglob("*.entry"))
    assert entries, "the build keeps a cache"
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])  # as if the write stopped half-way
    shutil.rmtree(root / "output")
    done = _build(root, "--only", "site", "--as-of", DATES[0])
    assert done.returncode == 0, done.stderr
    assert _tree_files(root / "output") == good


# -- a full disk and a read-only output folder --------------------------------------------


def _mount(*args: str) -> None:
    proc = subprocess.run(["mount", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount here ({proc.stderr.strip()}); needs root and CAP_SYS_ADMIN")


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    mounted: list[Path] = []
    yield mounted
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_full_disk_gives_a_clear_message_and_keeps_the_old_output(
    tmp_path: Path, mounts: list[Path]
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk))
    mounts.append(disk)
    root = _workspace(disk)
    first = _build(root, "--only", "site", "--as-of", DATES[0])
    assert first.returncode == 0, first.stderr
    _add_user_files(root / "output")
    before = _tree_files(root / "output")
    filler = disk / "filler"
    with open(filler, "wb") as handle:  # take the rest of the disk
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    result = _build(root, "--only", "site", "--as-of", DATES[1])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "No space left on device" in result.stderr, result.stderr
    assert "hint:" in result.stderr
    assert _tree_files(root / "output") == before
    assert_consistent(root / "output")
    filler.unlink()
    assert _build(root, "--only", "site", "--as-of", DATES[1]).returncode == 0


def test_read_only_output_gives_a_clear_message_and_keeps_the_old_output(
    tmp_path: Path, mounts: list[Path]
) -> None:
    root = _workspace(tmp_path)
    assert _build(root, "--only", "site", "--as-of", DATES[0]).returncode == 0
    _add_user_files(root / "output")
    before = _tree_files(root / "output")
    output = root / "output"
    _mount("--bind", str(output), str(output))
    mounts.append(output)
    _mount("-o", "remount,ro,bind", str(output))
    result = _build(root, "--only", "site", "--as-of", DATES[1])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "Read-only file system" in result.stderr, result.stderr
    assert "hint:" in result.stderr
    assert _tree_files(output) == before


# -- links and `..` paths leading out of the workspace ------------------------------------

SPY = textwrap.dedent(
    """
    import os, sys
    _SECRET = os.path.realpath(os.environ["MILEPOST_TEST_SECRET"])
    _LOG = os.environ["MILEPOST_TEST_OPENLOG"]

    def _spy(event, args):
        if event not in ("open", "os.listdir", "os.scandir") or not args:
            return
        target = args[0]
        if isinstance(target, int) or target is None:
            return
        try:
            real = os.path.realpath(os.fsdecode(target))
        except (TypeError, ValueError):
            return
        if real == _SECRET or real.startswith(_SECRET + os.sep):
            with open(_LOG, "a") as log:
                log.write(f"{event} {os.fsdecode(target)}\\n")

    sys.addaudithook(_spy)
    """
)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A folder outside the workspace that no build may read from or write to."""
    folder = tmp_path / "secret"
    folder.mkdir()
    (folder / "clients.yaml").write_text("name: Secret Client\n")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nSECRET-LOGO")
    (folder / "export.csv").write_text("Timestamp,Score\n10/28/2026 15:03:45,5\n")
    (folder / "update.md").write_text("---\ndate: 2026-06-13\nauthor: lena\n---\nSECRET\n")
    # like /etc/shadow: YAML reads the line as one text, which an error message would quote
    (folder / "shadow").write_text(f"root:{SHADOW_HASH}:19000:0:99999:7:::\n")
    return folder


SHADOW_HASH = "$6$SECRETSALT$SECRETHASHLINE"


def _spied(
    root: Path, secret: Path, tmp_path: Path, *args: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    spy = tmp_path / "spy"
    spy.mkdir(exist_ok=True)
    (spy / "sitecustomize.py").write_text(SPY)
    log = tmp_path / "opened.log"
    log.write_text("")
    before = {p: p.read_bytes() for p in secret.rglob("*") if p.is_file()}
    proc = subprocess.run(
        [MILEPOST, "--workspace", str(root), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
        env={
            **os.environ,
            # The spy, then this checkout's code (as the harness above): without it a spied
            # run would test whichever milepost the virtualenv installed.
            "PYTHONPATH": os.pathsep.join((str(spy), str(REPO))),
            "MILEPOST_TEST_SECRET": str(secret),
            "MILEPOST_TEST_OPENLOG": str(log),
        },
    )
    after = {p: p.read_bytes() for p in secret.rglob("*") if p.is_file()}
    assert after == before, "something outside the workspace was written"
    return proc, [line for line in log.read_text().splitlines() if line]


def test_the_spy_sees_a_read_outside(tmp_path: Path, secret: Path) -> None:
    """The check below can fail: a workspace that opens a secret file is caught."""
    spy = tmp_path / "spy"
    spy.mkdir()
    (spy / "sitecustomize.py").write_text(SPY)
    log = tmp_path / "opened.log"
    subprocess.run(
        [sys.executable, "-c", f"open({str(secret / 'logo.png')!r}).close()"],
        env={
            **os.environ,
            "PYTHONPATH": str(spy),
            "MILEPOST_TEST_SECRET": str(secret),
            "MILEPOST_TEST_OPENLOG": str(log),
        },
        check=True,
    )
    assert "logo.png" in log.read_text()


LINKS = {
    "client file": ("content/clients/evil.yaml", "clients.yaml"),
    "update": ("content/projects/relaunch/updates/2026-06-13.md", "update.md"),
    "survey export": ("content/projects/relaunch/surveys/export.csv", "export.csv"),
    "project folder": ("content/projects/stolen", "."),
}


@pytest.mark.parametrize("what", list(LINKS))
def test_symlinks_out_of_the_workspace_are_refused_and_not_read(
    what: str, tmp_path: Path, secret: Path
) -> None:
    root = _workspace(tmp_path)
    link, target = LINKS[what]
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret / target, root / link)
    for command in (["validate"], ["build", "--only", "site", "--as-of", DATES[0]]):
        proc, opened = _spied(root, secret, tmp_path, *command)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert f"{link}: this file links outside the workspace" in proc.stderr
        assert "hint:" in proc.stderr
        assert opened == [], f"read outside the workspace: {opened}"


EVERY_KIND = [
    "content/site.yaml",
    "content/people.yaml",
    "content/clients/acme.yaml",
    "content/projects/relaunch/project.yaml",
    "content/projects/relaunch/tasks.yaml",
    "content/projects/relaunch/risks.yaml",
    "content/projects/relaunch/changes.yaml",
    "content/projects/relaunch/costs.yaml",
    "content/projects/relaunch/updates/2026-06-12.md",
    "content/projects/relaunch/meetings/2026-06-10-kickoff.md",
    "content/projects/relaunch/notes/2026-06-11-budget.md",
    "content/projects/relaunch/retrospective.md",
    "content/projects/relaunch/surveys/feedback.yaml",
]


@pytest.mark.parametrize("link", EVERY_KIND)
def test_every_file_kind_linked_out_is_refused_and_never_quoted(
    link: str, tmp_path: Path, secret: Path
) -> None:
    """`site.yaml -> /etc/shadow` and the like: refused by name, never opened, never quoted."""
    root = _workspace(tmp_path)
    if link.endswith("feedback.yaml"):  # a mapping beside an export: the export is ours
        (root / link).parent.mkdir(parents=True)
        (root / link).with_suffix(".csv").write_text("Timestamp,Score\n10/28/2026 15:03:45,5\n")
    (root / link).unlink(missing_ok=True)
    os.symlink(secret / "shadow", root / link)
    proc, opened = _spied(root, secret, tmp_path, "validate")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{link}: this file links outside the workspace" in proc.stderr
    assert "SECRET" not in proc.stdout + proc.stderr
    assert opened == [], f"read outside the workspace: {opened}"


def test_a_site_yaml_linked_out_stops_the_build_unread(tmp_path: Path, secret: Path) -> None:
    root = _workspace(tmp_path)
    (root / "content/site.yaml").unlink()
    os.symlink(secret / "shadow", root / "content/site.yaml")
    proc, opened = _spied(root, secret, tmp_path, "build", "--only", "site", "--as-of", DATES[0])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "content/site.yaml: this file links outside the workspace" in proc.stderr
    assert "SECRET" not in proc.stdout + proc.stderr
    assert opened == []
    assert not (root / "output").exists()


def _with_logo(root: Path, logo: str) -> None:
    site = root / "content/site.yaml"
    site.write_text(site.read_text() + f"branding:\n  logo: {logo}\n")


def _built(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A workspace whose site was built once: the tree a refused build must leave as it is."""
    root = _workspace(tmp_path)
    assert _build(root, "--only", "site", "--as-of", DATES[0]).returncode == 0
    before = _tree_files(root / "output")
    assert any(rel.endswith(".html") for rel in before)
    return root, before


def assert_refused_and_kept(
    root: Path, before: dict[str, bytes], proc: subprocess.CompletedProcess[str], *said: str
) -> None:
    """The build stops with file:line: message and a hint, and the site built before is
    unchanged."""
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    for line in said:
        assert line in proc.stderr, proc.stderr
    assert "hint:" in proc.stderr
    output = root / "output"
    assert _tree_files(output) == before
    assert not any(b"SECRET" in p.read_bytes() for p in output.rglob("*") if p.is_file())


@pytest.mark.parametrize("logo", ["../secret/logo.png", "content/../../secret/logo.png"])
def test_a_logo_outside_the_workspace_is_not_read(tmp_path: Path, secret: Path, logo: str) -> None:
    root, before = _built(tmp_path)
    _with_logo(root, logo)
    proc, opened = _spied(root, secret, tmp_path, "build", "--only", "site", "--as-of", DATES[0])
    assert opened == [], f"read outside the workspace: {opened}"
    said = f"the logo '{logo}' is outside the workspace"
    assert_refused_and_kept(root, before, proc, "content/site.yaml:", said)


def test_a_logo_outside_the_workspace_is_refused_with_a_message(
    tmp_path: Path, secret: Path
) -> None:
    root = _workspace(tmp_path)
    _with_logo(root, "../secret/logo.png")
    proc, _opened = _spied(root, secret, tmp_path, "validate")
    assert proc.returncode == 1
    assert "content/site.yaml:" in proc.stderr and "logo" in proc.stderr


FILES = ("logo.png", "export.csv")
MARKDOWN_ESCAPES = (
    "![chart](../../../../secret/logo.png)\n\n"
    "[the export](../../../../secret/export.csv)\n\n"
    '<img src="../../../../secret/logo.png">\n'
)


def test_markdown_images_and_links_outside_are_not_read(tmp_path: Path, secret: Path) -> None:
    root, before = _built(tmp_path)
    rel = "content/projects/relaunch/updates/2026-06-12.md"
    update = root / rel
    update.write_text(update.read_text() + "\n" + MARKDOWN_ESCAPES)
    proc, opened = _spied(root, secret, tmp_path, "build", "--only", "site", "--as-of", DATES[0])
    assert opened == [], f"read outside the workspace: {opened}"
    said = [f"the link '../../../../secret/{name}' leads out of the project" for name in FILES]
    assert_refused_and_kept(root, before, proc, f"{rel}:", *said)


def test_markdown_paths_outside_are_refused_with_a_message(tmp_path: Path, secret: Path) -> None:
    root = _workspace(tmp_path)
    update = root / "content/projects/relaunch/updates/2026-06-12.md"
    update.write_text(update.read_text() + "\n" + MARKDOWN_ESCAPES)
    proc, _opened = _spied(root, secret, tmp_path, "validate")
    assert proc.returncode == 1
    assert "content/projects/relaunch/updates/2026-06-12.md:" in proc.stderr
