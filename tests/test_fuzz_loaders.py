"""Any input to the loaders ends in success or ContentErrors, never in another exception.

Hypothesis throws bytes, text and YAML-shaped trees at the YAML reader, the front matter
reader and the whole-workspace loader; atheris (coverage-guided) runs the same property in
a process of its own when it is installed.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError, ContentErrors
from generator.load.front_matter import load_front_matter
from generator.load.workspace import load_workspace
from generator.load.yaml_source import decode_text, load_yaml_file, parse_yaml
from tests.corpus_cases import BASE

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces that reach the interesting corners: YAML indicators, tabs, BOMs, encodings, dates.
TOKENS = [
    "---\n",
    "...\n",
    "- ",
    ": ",
    "? ",
    "&a ",
    "*a",
    "<<: ",
    "!!python/object:os.system ",
    "!!binary ",
    "|\n",
    ">-\n",
    "{",
    "}",
    "[",
    "]",
    "\t",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "#",
    "'",
    '"',
    "\\",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "2026-02-30",
    "2026-06-12T10:00:00+08:00",
    "12:30",
    "0o17",
    "0x1F",
    ".nan",
    ".inf",
    "yes",
    "NO",
    "~",
    "null",
    "title",
    "id",
    "date",
    "tasks",
    "people",
    "景华",
    "é",
]
yamlish_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=40).map(
    "".join
)
any_bytes = st.one_of(
    st.binary(max_size=400),
    yamlish_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    yamlish_text.map(lambda t: t.encode("utf-16")),
    yamlish_text.map(lambda t: t.encode("gb18030", "replace")),
)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["2026-06-12", "2026-02-30", "client", "internal", "done", "lena", "T1"]),
    st.dates().map(str),
)
KEYS = st.sampled_from(
    ["id", "title", "name", "date", "start", "due", "owner", "people", "tasks", "risks",
     "status", "visibility", "highlights", "probability", "impact", "amount", "costs",
     "client", "manager", "planned_end", "milestones", "goals", "timezone", "locale",
     "contacts", "email", "branding", "logo", "changes", "budget", "bac", "extra"]
)  # fmt: skip
trees = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)
    ),
    max_leaves=30,
)


def _only_content_errors(call: Any) -> Any:
    try:
        return call()
    except ContentErrors as exc:
        assert exc.errors, "ContentErrors without an error"
        for error in exc.errors:
            assert isinstance(error, ContentError) and error.message
        return None


@FUZZ
@given(any_bytes)
def test_decode_text_never_raises(data: bytes) -> None:
    text, errors = decode_text(data, "x.yaml")
    assert isinstance(text, str)
    assert all(e.path == "x.yaml" and e.message for e in errors)


@FUZZ
@given(yamlish_text)
def test_parse_yaml_never_raises(text: str) -> None:
    data, source, errors = parse_yaml(text, "x.yaml")
    assert all(e.path == "x.yaml" and e.message for e in errors)
    if errors:
        assert all(e.line >= 0 for e in errors)


@FUZZ
@given(trees)
def test_parse_yaml_reads_back_what_yaml_wrote(tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    data, _source, errors = parse_yaml(text, "x.yaml")
    assert errors == []
    # PyYAML writes NEL (U+0085) raw, and YAML reads it back as a line break: there, the
    # text says something else than the tree, and PyYAML's own reading is the reference.
    expected = tree if "\x85" not in text else yaml.safe_load(text)
    assert _same(data, expected), (text, data)


def _same(read: Any, written: Any) -> bool:
    """Equal values of equal types (1 is not True, 1.0 is not 1), NaN equal to NaN."""
    if type(read) is not type(written):
        return False
    if isinstance(written, dict):
        return read.keys() == written.keys() and all(_same(read[k], written[k]) for k in written)
    if isinstance(written, list):
        return len(read) == len(written) and all(map(_same, read, written))
    if isinstance(written, float) and math.isnan(written):
        return math.isnan(read)
    return bool(read == written)


@FUZZ
@given(data=any_bytes)
def test_yaml_file_and_front_matter_readers_never_raise(tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "f.md"
    file.write_bytes(data)
    _data, _source, errors = load_yaml_file(file, "f.yaml")
    assert all(e.message for e in errors)
    meta, body, _source, errors = load_front_matter(file, "f.md")
    assert meta is None or isinstance(meta, dict)
    assert isinstance(body, str)
    assert all(e.message for e in errors)


@FUZZ
@given(front=yamlish_text, body=st.text(max_size=50))
def test_front_matter_text_never_raises(tmp_path: Path, front: str, body: str) -> None:
    file = tmp_path / "u.md"
    file.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    meta, _body, _source, errors = load_front_matter(file, "u.md")
    assert meta is not None or errors


WORKSPACE_FILES = [
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
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "ws"
    shutil.copytree(BASE, root)
    return root


def _with_file(root: Path, rel: str, data: bytes, call: Any) -> Any:
    target = root / rel
    original = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    try:
        return call()
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)


@FUZZ
@given(rel=st.sampled_from(WORKSPACE_FILES), data=any_bytes)
def test_workspace_loader_on_any_bytes(workspace: Path, rel: str, data: bytes) -> None:
    _with_file(
        workspace, rel, data, lambda: _only_content_errors(lambda: load_workspace(workspace))
    )


@FUZZ
@given(rel=st.sampled_from(WORKSPACE_FILES), tree=trees)
def test_workspace_loader_on_any_yaml_tree(workspace: Path, rel: str, tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    if rel.endswith(".md"):
        text = f"---\n{text}---\nBody\n"
    _with_file(
        workspace,
        rel,
        text.encode("utf-8", "surrogatepass"),
        lambda: _only_content_errors(lambda: load_workspace(workspace)),
    )


@FUZZ
@given(
    rel=st.sampled_from(WORKSPACE_FILES[3:8]),
    key=KEYS,
    value=SCALARS,
    index=st.integers(0, 40),
)
def test_workspace_loader_on_one_changed_value(
    workspace: Path, rel: str, key: str, value: Any, index: int
) -> None:
    """A valid file with one value swapped for a random one: the shape PMs break most."""
    data = yaml.safe_load((workspace / rel).read_text())

    def mutate(node: Any, counter: list[int]) -> None:
        if isinstance(node, dict):
            for k in list(node):
                counter[0] += 1
                if counter[0] == index:
                    node[key] = value
                    return
                mutate(node[k], counter)
        elif isinstance(node, list):
            for item in node:
                mutate(item, counter)

    mutate(data, [0])
    text = yaml.safe_dump(data, allow_unicode=True)
    _with_file(
        workspace,
        rel,
        text.encode("utf-8", "surrogatepass"),
        lambda: _only_content_errors(lambda: load_workspace(workspace)),
    )


ATHERIS_HARNESS = textwrap.dedent(
    """
    import sys, tempfile, pathlib, atheris
    with atheris.instrument_imports():
        from generator.errors import ContentErrors
        from generator.load.yaml_source import parse_yaml, decode_text
        from generator.load.front_matter import load_front_matter
        from generator.load.workspace import load_workspace
        from generator.present.markdown import to_html
    folder = pathlib.Path(tempfile.mkdtemp())
    import shutil
    shutil.copytree(sys.argv[1], folder / "ws")
    target = folder / "ws/content/projects/relaunch/tasks.yaml"
    md = folder / "u.md"

    def one(data: bytes) -> None:
        text, _ = decode_text(data, "x")
        parse_yaml(text, "x")
        md.write_bytes(data)
        _meta, body, _source, _errors = load_front_matter(md, "u.md")
        to_html(body)  # the Markdown path: bounded work whatever the body holds
        target.write_bytes(data)
        try:
            load_workspace(folder / "ws")
        except ContentErrors:
            pass

    # -timeout: libFuzzer fails an input that runs longer, so a hang is a crash
    atheris.Setup(
        [sys.argv[0], "-runs=" + sys.argv[2], "-max_len=512", "-seed=1", "-timeout=20"], one
    )
    atheris.Fuzz()
    """
)


@pytest.mark.slow
def test_atheris_finds_no_crash_in_the_loaders(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")
    harness = tmp_path / "harness.py"
    harness.write_text(ATHERIS_HARNESS)
    proc = subprocess.run(
        [sys.executable, str(harness), str(BASE), "1000"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 1000 runs" in proc.stderr
