"""The client's survey on the retrospective page, next to the team's retrospective.

Expected figures are computed here from the demo's exports with the csv module and the
spec's formulas (tests/test_reports_survey.expected), not taken from the renderer.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from generator.load.workspace import load_workspace
from generator.render.site import site_files
from generator.workspace import Workspace
from tests.site_build import AS_OF, REPO, demo_site, tree_files  # noqa: F401
from tests.test_reports_survey import CSAT_LABELS, expected

EN = "lichthof-website"  # Google Forms; retrospective internal only; shares comments
ZH = "jinghua-website"  # 问卷星; retrospective shared with the client; comments not shared
SURVEY = "surveys/client-satisfaction.csv"


def _rows(project: str) -> list[dict[str, str]]:
    with (REPO / "content/projects" / project / SURVEY).open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _column(rows: list[dict[str, str]], start: str) -> list[str]:
    name = next(k for k in rows[0] if k.startswith(start))
    return [r[name] for r in rows]


def _text(path: Path) -> str:
    """The page's visible text: no tags, no SVG, whitespace collapsed."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("&#39;", "'").replace("&amp;", "&").split())


def _survey_html(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    start = html.index('<section id="survey"')
    return html[start : html.index("</section>", html.index("survey__comments", start) + 1)]


def test_english_internal_page_merges_the_scores_with_the_retrospective(demo_site: Path) -> None:  # noqa: F811
    rows = _rows(EN)
    nps = [int(v) for v in _column(rows, "How likely")]
    csat = [int(v) for v in _column(rows, "Overall")]
    e = expected(nps, csat)
    text = _text(demo_site / "internal" / EN / "retrospective.html")
    assert f"Net Promoter Score (n = {e['n']}; 95% interval {e['low']} to {e['high']})" in text
    assert f"NPS {e['nps']}" in text
    assert (
        f"Promoters {e['promoters']} · passives {e['passives']} · detractors {e['detractors']}"
    ) in text
    comma = e["mean"].replace(".", ",")  # Lichthof reads en-DE: a decimal comma
    assert f"Satisfied (CSAT) {e['csat']} mean {comma} of 5" in text
    assert "share answering 4 or 5 on the 1–5 satisfaction scale" in text
    # Likert item "Keeping to schedule": counts per point 1..5, median, share of the top two.
    schedule = [int(v) for v in _column(rows, "Rate us [Keeping to schedule]")]
    counts = " ".join(str(schedule.count(p)) for p in range(1, 6))
    top2 = round(100 * sum(1 for v in schedule if v >= 4) / len(schedule))
    assert f"Keeping to schedule {len(schedule)} {counts} 4,0 {top2}%" in text  # en-DE
    # The team's side is on the same page.
    assert "What went well" in text and "Improvement actions" in text and "Lessons learned" in text
    assert text.index("Client satisfaction") < text.index("Lessons learned")


def test_distribution_charts_draw_every_answer(demo_site: Path) -> None:  # noqa: F811
    html = (demo_site / "internal" / EN / "retrospective.html").read_text(encoding="utf-8")
    nps = [int(v) for v in _column(_rows(EN), "How likely")]
    for width in ("500", "340"):  # desktop and phone variants
        prefix = "survey-lichthof-website" + ("" if width == "500" else "-s")
        svg = re.search(rf'<svg[^>]*width="{width}"[^>]*{prefix}-nps-title.*?</svg>', html, re.S)
        assert svg is not None, width
        bars = re.findall(r'class="bar" data-count="(\d+)"', svg.group(0))
        assert [int(b) for b in bars] == [nps.count(p) for p in range(10, -1, -1)]
        assert "Promoters" in svg.group(0) and "Detractors" in svg.group(0)


def test_comments_are_masked_and_quoted_on_the_internal_page(demo_site: Path) -> None:  # noqa: F811
    survey = _survey_html(demo_site / "internal" / EN / "retrospective.html")
    assert "In the client&#39;s own words" in survey or "In the client's own words" in survey
    comments = re.findall(r'<blockquote class="card survey__comment">(.*?)</blockquote>', survey)
    assert 1 <= len(comments) <= 5
    assert "Plan the content migration with more slack." in survey
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", survey)  # no e-mail address at all


def test_chinese_client_page_has_scores_in_chinese_and_no_comments(demo_site: Path) -> None:  # noqa: F811
    rows = _rows(ZH)
    nps = [int(v) for v in _column(rows, "1、")]
    csat = [CSAT_LABELS[v] for v in _column(rows, "2、")]
    e = expected(nps, csat)
    page = demo_site / "portals" / "jinghua" / ZH / "retrospective.html"
    text = _text(page)
    assert "客户满意度" in text and "做得好的方面" in text
    assert f"n = {e['n']}" in text and e["nps"] in text and e["csat"] in text
    assert "推荐者" in page.read_text(encoding="utf-8")  # the chart's groups, in Chinese
    # The project does not share survey comments: none reaches the client.
    comments = [c for c in _column(rows, "5、") if len(c) > 8]
    assert comments
    html = page.read_text(encoding="utf-8")
    assert "survey__comment" not in html
    assert not any(c[:12] in html for c in comments)
    # The internal copy has them, marked internal.
    internal = (demo_site / "internal" / ZH / "retrospective.html").read_text(encoding="utf-8")
    assert "survey__comment" in internal and "pill--internal" in _survey_html(
        demo_site / "internal" / ZH / "retrospective.html"
    )


def test_a_retrospective_the_project_does_not_share_has_no_client_page(demo_site: Path) -> None:  # noqa: F811
    assert (demo_site / "internal" / EN / "retrospective.html").is_file()
    assert not list((demo_site / "portals").glob(f"*/{EN}/retrospective.html"))
    for page in (demo_site / "portals").rglob("*.html"):
        assert "Plan the content migration with more slack" not in page.read_text("utf-8")


# -- bad and small surveys -------------------------------------------------------------


@pytest.fixture
def workspace_copy(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    return root


def _build(root: Path, damage: Path | None = None) -> tuple[dict[str, bytes], list[str]]:
    """The sites of the workspace at root; `damage` is overwritten after loading (validate
    reads every export, so a damaged one normally stops the build before rendering; the
    pages must still cope when it goes bad in between, e.g. while a sync rewrites it)."""
    portfolio = load_workspace(root)
    if damage is not None:
        damage.write_bytes(b"\x00\x01 this is not a survey\n")
    problems: list[str] = []
    files = site_files(Workspace(root), portfolio, AS_OF, problems)
    return files, problems


@pytest.mark.parametrize(("project", "tree"), [(EN, "internal"), (ZH, "portals/jinghua")])
def test_an_unreadable_export_is_named_on_the_page_and_in_the_problems(
    workspace_copy: Path, project: str, tree: str
) -> None:
    files, problems = _build(workspace_copy, workspace_copy / "content/projects" / project / SURVEY)
    page = files[f"{tree}/{project}/retrospective.html"].decode()
    # The export, or the mapping beside it that no longer fits it, is named.
    rel = f"content/projects/{project}/{SURVEY}".removesuffix(".csv")
    assert rel in page and "survey__unreadable" in page
    notice = "无法读取调查导出文件" if project == ZH else "could not be read"
    assert notice in page
    assert "survey__figures" not in page  # no score from a file that was not read
    assert 'id="actions-h"' in page  # the rest of the page is there
    assert any(p.startswith(("internal dashboard", "portal")) and rel in p for p in problems)
    # The other projects' pages are unaffected.
    other = EN if project == ZH else ZH
    assert "survey__figures" in files[f"internal/{other}/retrospective.html"].decode()


def test_below_ten_answers_only_counts_are_shown(workspace_copy: Path) -> None:
    export = workspace_copy / "content/projects" / EN / SURVEY
    lines = export.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    export.write_text("".join(lines[:5]), encoding="utf-8")  # header and 4 answers
    nps = [int(v) for v in _column(_rows(EN)[:4], "How likely")]
    promoters = sum(1 for v in nps if v >= 9)
    files, problems = _build(workspace_copy)
    assert problems == []
    page = files[f"internal/{EN}/retrospective.html"].decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", page, flags=re.S)).split())
    assert f"{promoters} of 4 promoters (9–10). Fewer than 10 answers, so no NPS is given." in text
    assert "Net Promoter Score (n =" not in text and "mean 4" not in text
    assert "Fewer than 10 answers, so no percentage or mean is given." in text


def test_several_waves_show_a_trend(workspace_copy: Path) -> None:
    folder = workspace_copy / "content/projects" / EN / "surveys"
    pulse = folder / "pulse.csv"
    header = (folder / "client-satisfaction.csv").read_text(encoding="utf-8").splitlines()[0]
    answers = "".join(f"4/{d}/2026 10:00:00,,{n},{c},4,4,4,4,\n" for d, n, c in [(1, 6, 3)] * 12)
    pulse.write_text(header + "\n" + answers, encoding="utf-8")
    mapping = (folder / "client-satisfaction.yaml").read_text(encoding="utf-8")
    pulse.with_suffix(".yaml").write_text(
        mapping.replace("wave: Closing survey", "wave: Mid-project pulse").replace(
            "date: 2026-08-26", "date: 2026-04-02"
        ),
        encoding="utf-8",
    )
    files, problems = _build(workspace_copy)
    assert problems == []
    text = " ".join(
        re.sub(r"<[^>]+>", " ", files[f"internal/{EN}/retrospective.html"].decode()).split()
    )
    assert "Client satisfaction trend" in text
    # Pulse: 12 detractors, NPS -100; the closing wave's +60 is 160 points up.
    assert "Mid-project pulse" in text and "-100" in text and "+160" in text


# -- privacy ---------------------------------------------------------------------------


def _respondents() -> list[str]:
    """E-mails, their local parts and IP addresses of everyone who answered a demo survey."""
    emails = _column(_rows(EN), "Email Address")
    ips = [v.split("(")[0] for v in _column(_rows(ZH), "来自IP")]
    return emails + [e.split("@")[0] for e in emails] + ips


def test_no_respondent_identity_anywhere_in_the_built_sites(demo_site: Path) -> None:  # noqa: F811
    portfolio = load_workspace(REPO)
    # Some respondents are also the client's listed contacts: their address is on the
    # project page as a contact, which is not a survey leak. Everyone else must not appear.
    contacts = {c.email for cl in portfolio.clients.values() for c in cl.contacts if c.email}
    listed = {s for s in _respondents() if any(s in c for c in contacts)}
    secrets = [s for s in _respondents() if s not in listed]
    assert len(secrets) >= 20, secrets  # most respondents are no contact: the scan is real
    files = tree_files(demo_site)
    assert len(files) > 100
    for path in files:
        data = path.read_bytes().decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in data, f"{path.relative_to(demo_site)} holds {secret}"
        if path.name == "retrospective.html":  # not even a contact's address near the survey
            for secret in listed:
                assert secret not in data, f"{path.relative_to(demo_site)} holds {secret}"


def test_same_inputs_same_retrospective_bytes(demo_site: Path) -> None:  # noqa: F811
    again = site_files(Workspace(REPO), load_workspace(REPO), AS_OF)
    for rel in (f"internal/{EN}/retrospective.html", f"portals/jinghua/{ZH}/retrospective.html"):
        assert again[rel] == (demo_site / rel).read_bytes()
