"""Compiled templates are kept between runs in the user's cache folder: a second process
renders the theme without compiling it, and a changed or damaged entry is compiled again."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.render import environment


def _env(folder: Path, templates: dict[str, str]) -> jinja2.Environment:
    """An environment as a new process would have it: an empty memory, the disk folder."""
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        bytecode_cache=environment._CompiledTemplates(folder),
    )


def _no_compiling(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", refuse)


def test_a_second_run_renders_from_the_compiled_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = {"page.html": "Hello {{ name }}"}
    assert _env(tmp_path, source).get_template("page.html").render(name="Ada") == "Hello Ada"
    assert len(list(tmp_path.iterdir())) == 1
    again = _env(tmp_path, source)
    _no_compiling(again, monkeypatch)
    assert again.get_template("page.html").render(name="Lin") == "Hello Lin"


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    _env(tmp_path, {"page.html": "old {{ name }}"}).get_template("page.html")
    edited = _env(tmp_path, {"page.html": "new {{ name }}"})
    assert edited.get_template("page.html").render(name="x") == "new x"


def test_a_damaged_file_is_compiled_again(tmp_path: Path) -> None:
    source = {"page.html": "Hello {{ name }}"}
    _env(tmp_path, source).get_template("page.html")
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(entry.read_bytes()[:40])  # cut off mid-way
    assert _env(tmp_path, source).get_template("page.html").render(name="Ada") == "Hello Ada"


def test_without_a_cache_folder_templates_still_render(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    env = _env(blocked / "templates", {"page.html": "Hi {{ name }}"})
    assert env.get_template("page.html").render(name="Ada") == "Hi Ada"
