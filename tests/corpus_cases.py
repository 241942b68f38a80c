"""The broken-input corpus: tests/corpus/<case>/ holds the files that differ from _base/.

Each case folder has an `expected.txt` of `key: value` lines:

    where: content/projects/relaunch/tasks.yaml:4:   the error's path:line prefix
    message: YAML syntax error                        a fragment of the first line
    remove: content/people.yaml                       a _base file or folder to delete
    generate: content/x.yaml 52428800                 a file of that many bytes, made at test time
    symlink: content/clients/evil.yaml -> /etc/hostname
    fifo: content/clients/pipe.yaml                   a named pipe, made at test time
    repeat: content/x/updates/u.md 8000 [             an update whose body is the text repeated
    nest: content/x/updates/u.md 600                  an update with a list nested that deep
    fast: 2                                           seconds the loader may take at most
    nohint: reason                                    the error is right but has no hint yet
    hint-says: GBK                                    a fragment the hint must contain

Big and linked files are made at test time so the repository stays small and portable.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
BASE = CORPUS / "_base"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    where: str
    message: str
    remove: tuple[str, ...] = ()
    generate: tuple[tuple[str, int], ...] = ()
    symlinks: tuple[tuple[str, str], ...] = ()
    fifos: tuple[str, ...] = ()
    markdown: tuple[tuple[str, str], ...] = ()  # (path, body) of generated updates
    fast: float | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def extra_value(self, key: str) -> str | None:
        return self.extra.get(key)


def _parse(folder: Path) -> Case:
    values: dict[str, list[str]] = {}
    for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            values.setdefault(key.strip(), []).append(value.strip())
    generate = []
    for spec in values.get("generate", []):
        rel, size = spec.rsplit(" ", 1)
        generate.append((rel, int(size)))
    symlinks = []
    for spec in values.get("symlink", []):
        link, target = (part.strip() for part in spec.split("->"))
        symlinks.append((link, target))
    fast = values.get("fast")
    return Case(
        name=folder.name,
        folder=folder,
        where=values["where"][0],
        message=values.get("message", [""])[0],
        remove=tuple(values.get("remove", [])),
        generate=tuple(generate),
        symlinks=tuple(symlinks),
        fifos=tuple(values.get("fifo", [])),
        markdown=tuple(
            _markdown_body(kind, spec)
            for kind in ("repeat", "nest")
            for spec in values.get(kind, [])
        ),
        fast=float(fast[0]) if fast else None,
        extra={key: value[0] for key, value in values.items()},
    )


def _markdown_body(kind: str, spec: str) -> tuple[str, str]:
    """`repeat: REL COUNT TEXT` (TEXT may use \\n) or `nest: REL LEVELS`."""
    if kind == "repeat":
        rel, count, text = spec.split(" ", 2)
        return rel, text.replace("\\n", "\n") * int(count) + "\n"
    rel, levels = spec.split(" ")
    return rel, "".join("  " * level + "- item\n" for level in range(int(levels)))


def load_cases() -> list[Case]:
    return [
        _parse(folder)
        for folder in sorted(CORPUS.iterdir())
        if folder.is_dir() and not folder.name.startswith("_")
    ]


def _big_yaml(size: int) -> bytes:
    """A valid-looking register of the given size: the refusal must come from the size."""
    line = b"  - {id: T, title: padding padding padding padding, start: 2026-06-01}\n"
    return b"tasks:\n" + line * (size // len(line) + 1)


def materialize(case: Case, root: Path) -> Path:
    """Write the base workspace with the case's files over it into root; return root."""
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    for rel in case.remove:
        target = root / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for file in sorted(case.folder.rglob("*")):
        rel = file.relative_to(case.folder)
        if file.is_file() and rel.as_posix() != "expected.txt":
            dest = root / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, dest)
    for rel, size in case.generate:
        data = _big_yaml(size)
        if rel.endswith(".md"):
            data = b"---\ndate: 2026-06-12\nauthor: lena\n---\n" + b"word " * (size // 5 + 1)
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    for rel, target in case.symlinks:
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, link)
    for rel, body in case.markdown:
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(f"---\ndate: 2026-06-19\nauthor: lena\n---\n{body}", encoding="utf-8")
    for rel in case.fifos:
        fifo = root / rel
        fifo.parent.mkdir(parents=True, exist_ok=True)
        fifo.unlink(missing_ok=True)
        os.mkfifo(fifo)  # reading one without a writer blocks forever
    return root
