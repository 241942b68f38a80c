"""Small job kinds for the build machinery tests: no PDF, no model, just bytes."""

from __future__ import annotations

from generator.build.plan import Output
from generator.render.environment import make_environment
from generator.workspace import Workspace


def echo(workspace: Workspace, payload: tuple[str, str]) -> Output:
    rel, text = payload
    return Output({rel: text.encode()}, (f"echoed {rel}",))


def templated(workspace: Workspace, payload: tuple[str, str]) -> Output:
    rel, name = payload
    env = make_environment(workspace, "en")
    return Output({rel: env.get_template(name).render(value=rel).encode()})


def boom(workspace: Workspace, payload: object) -> Output:
    raise ValueError("a bug in a renderer")
