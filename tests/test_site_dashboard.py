"""The internal dashboard: labels in its own language, improvement actions from every
retrospective, and the archive list of completed projects."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.archive import write_archive
from generator.i18n import gettext
from generator.load.workspace import load_workspace
from generator.render.site import internal_files
from generator.workspace import Workspace
from tests.site_build import AS_OF, REPO, demo_site  # noqa: F401

CRM = "jinghua-crm"  # a Chinese project, active, amber in the demo


def _row(html: str, title: str) -> str:
    """The portfolio table row of the project titled `title`."""
    table = html[html.index('class="table sortable portfolio') :]
    table = table[: table.index("</table>")]
    return next(r for r in table.split("<tr>") if f">{title}</a>" in r)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_chinese_projects_get_the_dashboards_labels_and_keep_their_texts(
    demo_site: Path,  # noqa: F811
) -> None:
    portfolio = load_workspace(REPO)
    html = (demo_site / "internal/index.html").read_text(encoding="utf-8")
    crm = portfolio.projects[CRM]
    row = _text(_row(html, crm.project.title))
    assert "At risk" in row and "Active" in row  # health and status in English
    # ... and not also in the project's language (the catalog's words, as the site prints them)
    for english in ("At risk", "Active"):
        assert gettext("zh-CN", english) not in row
    reason = [u for u in crm.updates if u.date <= AS_OF][-1].health_reason  # as of the build
    assert reason and reason in row  # the PM's words stay as written
    # Open risks of the Chinese project: the level in English, the title as written.
    risks = html[html.index('id="risks"') : html.index('id="load"')]
    zh_rows = [_text(r) for r in risks.split("<tr id=")[1:] if re.search(r"[\u4e00-\u9fff]", r)]
    assert len(zh_rows) >= 3
    for row in zh_rows:
        assert re.search(r"\d+ · (Low|Medium|High)", row), row
        assert not re.search(r"\d+ · [低中高]", row), row
    # Improvement actions of the Chinese retrospective: status in English.
    actions = _text(html[html.index('id="actions"') : html.index('id="archive"')])
    assert "In progress" in actions and "进行中" not in actions and "已完成" not in actions


def test_a_computed_reason_is_in_the_dashboards_language(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    for update in (root / "content/projects" / CRM / "updates").glob("*.md"):
        text = update.read_text(encoding="utf-8")
        update.write_text(re.sub(r"(?m)^health(_reason)?:.*\n", "", text), encoding="utf-8")
    portfolio = load_workspace(root)
    html = internal_files(Workspace(root), portfolio, AS_OF)["index.html"].decode()
    row = _row(html, portfolio.projects[CRM].project.title)
    reason = re.search(r'<span class="cell-reason">(.*?)</span>', row, re.S)
    assert reason is not None
    # An English sentence; any Chinese in it is one of the project's own titles.
    data = portfolio.projects[CRM]
    titles = [m.title for m in data.project.milestones] + [r.title for r in data.risks]
    titles += [g.title for g in data.project.goals]
    sentence = reason.group(1)
    for title in sorted(titles, key=len, reverse=True):
        sentence = sentence.replace(title, "")
    assert re.search(r"[a-z]{3}", sentence) and not re.search(r"[\u4e00-\u9fff]", sentence)
    # The project's own page keeps its language.
    page = internal_files(Workspace(root), portfolio, AS_OF)[f"{CRM}/index.html"].decode()
    assert 'lang="zh-CN"' in page


def test_every_improvement_action_is_listed_with_its_source(demo_site: Path) -> None:  # noqa: F811
    portfolio = load_workspace(REPO)
    html = (demo_site / "internal/index.html").read_text(encoding="utf-8")
    section = html[html.index('id="actions"') : html.index('id="archive"')]
    expected = [
        (data, action)
        for data in portfolio.projects.values()
        if data.retrospective
        for action in data.retrospective.actions
    ]
    assert len(expected) >= 8
    rows = section.split("<tr>")[2:]  # after the header row
    assert len(rows) == len(expected)
    for data, action in expected:
        row = next(r for r in rows if f'#action-{action.id}"' in r and data.id in r)
        owner = portfolio.people[action.owner].name if action.owner in portfolio.people else None
        assert owner is None or owner in row, (action.id, owner)
        assert f'href="{data.id}/retrospective.html#action-{action.id}"' in row
        assert data.project.title in row
        assert f"astatus--{action.status}" in row
        if action.due:
            assert f'data-value="{action.due.toordinal()}"' in row
    overdue = [
        a for _, a in expected if a.due and a.due < AS_OF and a.status in ("open", "in_progress")
    ]
    assert section.count("Overdue</span>") == len(overdue) > 0
    # Linked from the top of the dashboard.
    assert '<a href="#actions">' in html and '<a href="#archive">' in html


@pytest.fixture
def archived(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the demo with one closed project archived where `milepost archive` puts it."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    portfolio = load_workspace(root)
    end = portfolio.projects["lichthof-website"].project.actual_end
    digest = write_archive(
        root / "output/archive/lichthof-website.zip",
        {"source/project.yaml": b"id: x\n", "reports/closing.pdf": b"%PDF-1.7 demo"},
        date=end,
    )
    return root, digest


def test_the_archive_list_shows_closed_projects_with_date_and_hash(
    archived: tuple[Path, str],
) -> None:
    root, digest = archived
    portfolio = load_workspace(root)
    html = internal_files(Workspace(root), portfolio, AS_OF)["index.html"].decode()
    section = html[html.index('id="archive"') :]
    section = section[: section.index("</section>")]
    closed = [d for d in portfolio.projects.values() if d.project.status.value == "closed"]
    assert len(closed) == 2
    rows = section.split("<tr>")[2:]
    assert len(rows) == len(closed)  # every closed project, archived or not
    lichthof = next(r for r in rows if "lichthof-website/index.html" in r)
    assert digest in lichthof and len(digest) == 64
    assert (
        digest
        == hashlib.sha256((root / "output/archive/lichthof-website.zip").read_bytes()).hexdigest()
    )
    assert "Aug\u00a014,\u00a02026" in lichthof  # the archive entries' date: the actual end
    assert "Intact" in lichthof and "archive/lichthof-website.zip" in lichthof
    assert re.search(r'class="num">2</td>', lichthof)  # two files besides the MANIFEST
    other = next(r for r in rows if "lichthof-website" not in r)
    assert "Not archived yet: run milepost archive jinghua-website" in _text(other)


def test_a_damaged_archive_is_flagged(archived: tuple[Path, str]) -> None:
    root, digest = archived
    path = root / "output/archive/lichthof-website.zip"
    data = bytearray(path.read_bytes())
    at = data.index(b"%PDF") if b"%PDF" in data else 40  # stored or deflated: flip a byte
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    html = internal_files(Workspace(root), load_workspace(root), AS_OF)["index.html"].decode()
    section = html[html.index('id="archive"') :]
    row = next(r for r in section.split("<tr>") if "lichthof-website/index.html" in r)
    assert "Damaged" in row and "Intact" not in row
    assert digest not in row  # the hash shown is the file's own, now different


def test_archiving_refreshes_the_cached_dashboard(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    command = [sys.executable, "-m", "generator", "--workspace", str(root), "build"]
    command += ["--only", "site", "--as-of", AS_OF.isoformat()]
    first = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    index = root / "output/internal/index.html"
    assert "Not archived yet: run milepost archive lichthof-website" in _text(index.read_text())
    digest = write_archive(root / "output/archive/lichthof-website.zip", {"a.txt": b"a"})
    second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert digest in index.read_text()
