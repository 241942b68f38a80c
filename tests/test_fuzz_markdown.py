"""Fuzzing the Markdown path: an update's front matter and narrative, read and rendered.

Only narratives are Markdown (highlights and the other fields are plain text, escaped).

Python-Markdown is super-linear on some inputs (thousands of unclosed `[`, `<b` or `&amp;`,
lists nested hundreds deep), so every case has a hard time limit (SIGALRM) on top of
hypothesis' deadline: a hang or a minute-long render fails the test instead of stalling the
suite. The property: the loader accepts the file or names it in ContentErrors, and whatever
it accepts renders in well under the limit into HTML with no active content.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentErrors
from generator.load.markdown_limits import markdown_too_complex
from generator.load.workspace import load_workspace
from generator.present.markdown import to_html
from tests.corpus_cases import BASE
from tests.test_fuzz_tables import time_limit

CASE_SECONDS = 20  # hard limit per case: a hang fails here
RENDER_SECONDS = 5  # an accepted text takes 1-2 s at worst; this allows a busy machine
FUZZ = settings(
    max_examples=80,
    deadline=dt.timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces of Markdown that reach Python-Markdown's slow corners when repeated.
PIECES = [
    "[", "]", "(", ")", "](y)", "[a](b) ", "![i](c.png)", "[m]: https://x.example\n",
    "&amp;", "&#169;", "&", "<b", "<b>", "</b>", "<!--", "-->", "<", ">", "> ", "`", "```\n",
    "*", "**", "_", "__", "~", "\\", "|", "| a | b |\n|---|---|\n", "- ", "1. ", "* ", "#",
    "\n", "\n\n", "  ", "    ", "\t", "word ", "项目 ", "\u2028", "\r\n",
]  # fmt: skip
REPEATS = [1, 2, 10, 100, 500, 2_000, 8_000]
pieces = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(REPEATS)), min_size=1, max_size=8
).map(lambda parts: "".join(piece * count for piece, count in parts))
nested_lists = st.tuples(st.sampled_from(["  ", "    ", "\t"]), st.integers(1, 700)).map(
    lambda spec: "".join(spec[0] * level + "- a\n" for level in range(spec[1]))
)
quotes = st.integers(1, 2_000).map(lambda depth: ">" * depth + " quoted\n")
bodies = st.one_of(pieces, nested_lists, quotes, st.text(max_size=200))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-markdown") / "ws"
    shutil.copytree(BASE, root)
    return root


def _render_in_time(text: str) -> str:
    started = time.perf_counter()
    html = to_html.__wrapped__(text)  # type: ignore[attr-defined]  # no cache between cases
    assert time.perf_counter() - started < RENDER_SECONDS, "an accepted text renders too slowly"
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    return html


@FUZZ
@given(body=bodies, highlights=st.lists(pieces, max_size=3))
def test_an_update_is_refused_with_its_file_or_renders_fast(
    workspace: Path, body: str, highlights: list[str]
) -> None:
    update = workspace / "content/projects/relaunch/updates/2026-06-19.md"
    front = {"date": dt.date(2026, 6, 19), "author": "lena", "highlights": highlights}
    text = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}"
    update.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        with time_limit(CASE_SECONDS):
            try:
                portfolio = load_workspace(workspace)
            except ContentErrors as exc:
                assert all(e.path and e.message for e in exc.errors)
                if markdown_too_complex(body) is not None:
                    assert any(e.path.endswith("updates/2026-06-19.md") for e in exc.errors)
                return
            (loaded,) = [u for u in portfolio.projects["relaunch"].updates if u.date.day == 19]
            _render_in_time(loaded.body)
    finally:
        update.unlink()


@pytest.mark.parametrize(
    "text",
    [
        "[" * 8000 + "x](y)",
        "&amp;" * 200_000,
        "<b " * 10_000,
        "".join("    " * level + "- a\n" for level in range(600)),
        "[a](b) " * 20_000,
    ],
    ids=["8000-brackets", "200000-entities", "unclosed-tags", "list-600-deep", "20000-links"],
)
def test_pathological_markdown_renders_as_plain_text_at_once(text: str) -> None:
    with time_limit(CASE_SECONDS):
        started = time.perf_counter()
        html = to_html.__wrapped__(text)  # type: ignore[attr-defined]
        assert time.perf_counter() - started < 1
    assert html.startswith("<p>") and "<a " not in html and "<li>" not in html
    assert "&lt;b" in html or "[" in html or "&amp;" in html or "- a" in html


ATHERIS_HARNESS = textwrap.dedent(
    """
    import sys, atheris
    with atheris.instrument_imports():
        from generator.load.markdown_limits import markdown_too_complex
        from generator.present.markdown import to_html

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        piece = fdp.ConsumeUnicodeNoSurrogates(16)
        text = piece * fdp.ConsumeIntInRange(1, 5000) + fdp.ConsumeUnicodeNoSurrogates(4096)
        markdown_too_complex(text)
        to_html.__wrapped__(text)

    # libFuzzer fails an input that runs longer than -timeout seconds: a hang is a crash
    atheris.Setup(
        [sys.argv[0], "-runs=" + sys.argv[1], "-max_len=4096", "-seed=1", "-timeout=10"], one
    )
    atheris.Fuzz()
    """
)


@pytest.mark.slow
def test_atheris_finds_no_crash_or_hang_in_the_markdown_path(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")
    harness = tmp_path / "harness.py"
    harness.write_text(ATHERIS_HARNESS)
    proc = subprocess.run(
        [sys.executable, str(harness), "2000"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 2000 runs" in proc.stderr
