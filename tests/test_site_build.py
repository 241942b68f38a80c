"""The websites as files: determinism, self-contained trees, feeds, status.json, badge."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from markupsafe import escape

from generator.analyze.report_schedule import due_reports
from generator.render.feeds import STATUS_SCHEMA
from generator.render.site import CSP, site_files
from generator.workspace import Workspace
from tests.one_truth import page_text
from tests.site_build import AS_OF, REPO, demo_portfolio, demo_site, tree_files  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"


class _Links(HTMLParser):
    """(tag, attribute, url) of every href and src a page holds, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs if name in ("href", "src")]


def links(page: Path) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.found


def html_pages(tree: Path) -> list[Path]:
    return [p for p in tree_files(tree) if p.suffix == ".html"]


def trees(root: Path) -> list[Path]:
    return [root / "internal", *sorted((root / "portals").iterdir())]


def test_same_input_same_bytes() -> None:
    portfolio = demo_portfolio()
    first = site_files(Workspace(REPO), portfolio, AS_OF)
    second = site_files(Workspace(REPO), demo_portfolio(), AS_OF)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_output_contract(demo_site: Path) -> None:  # noqa: F811
    portfolio = demo_portfolio()
    internal = demo_site / "internal"
    assert (internal / "index.html").is_file()
    assert (internal / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    for pid, data in portfolio.projects.items():
        assert (internal / pid / "index.html").is_file()
        portal = demo_site / "portals" / data.project.client
        for name in ("index.html", "feed.xml", "status.json", "badge.svg"):
            assert (portal / pid / name).is_file(), (pid, name)
        for update in (u for u in data.updates if u.visibility == "client" and u.date <= AS_OF):
            assert (portal / pid / "updates" / f"{update.date.isoformat()}.html").is_file()
        shared = data.project.sharing.retrospective and data.retrospective is not None
        assert (portal / pid / "retrospective.html").is_file() == shared
    for client in portfolio.clients:
        portal = demo_site / "portals" / client
        assert (portal / "robots.txt").is_file()
        assert (portal / "static" / "site.css").is_file()


def test_links_stay_inside_each_tree(demo_site: Path) -> None:  # noqa: F811
    """Relative links only, each to a file of the same tree (or a PDF the build writes)."""
    pdfs = {
        f"portals/{job.client}/{job.project}/reports/{job.filename}"
        for job in due_reports(demo_portfolio(), AS_OF)
    }
    problems = []
    for tree in trees(demo_site):
        for page in html_pages(tree):
            for tag, attr, url in links(page):
                parts = urlsplit(url)
                if parts.scheme in ("mailto",) or (attr == "href" and url.startswith("#")):
                    continue
                if parts.scheme or parts.netloc or url.startswith("/"):
                    # Links written by people in a narrative may point elsewhere; nothing the
                    # browser loads by itself (an image, a script, a stylesheet, an icon) may.
                    if (tag, attr) != ("a", "href"):
                        problems.append(f"{page}: <{tag} {attr}={url}>")
                    continue
                target = (page.parent / unquote(parts.path)).resolve()
                rel = target.relative_to(demo_site.resolve()).as_posix()
                if not target.is_relative_to(tree.resolve()):
                    problems.append(f"{page}: {url} leaves the tree")
                elif not target.is_file() and rel not in pdfs:
                    problems.append(f"{page}: {url} is missing")
    assert problems == []


def test_pages_carry_csp_noindex_and_language(demo_site: Path) -> None:  # noqa: F811
    portfolio = demo_portfolio()
    for client_id, client in portfolio.clients.items():
        for page in html_pages(demo_site / "portals" / client_id):
            text = page.read_text(encoding="utf-8")
            assert f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">' in text
            assert '<meta name="robots" content="noindex, nofollow">' in text
            assert " style=" not in text and "<style" not in text
            assert re.findall(r"<script[^>]*>", text) == [
                re.search(r'<script src="[./]*static/sortable.js" defer>', text).group(0)
            ]
        index = (demo_site / "portals" / client_id / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{client.locale or portfolio.site.locale}">' in index


def test_portal_index_lists_active_before_completed(demo_site: Path) -> None:  # noqa: F811
    page = (demo_site / "portals/jinghua/index.html").read_text(encoding="utf-8")
    current, completed = page.index("当前项目"), page.index("已完成的项目")
    assert current < page.index('href="jinghua-crm/index.html">') < completed
    assert completed < page.index('href="jinghua-website/index.html">')


def test_chinese_portal_is_in_chinese(demo_site: Path) -> None:  # noqa: F811
    page = (demo_site / "portals/jinghua/jinghua-website/index.html").read_text(encoding="utf-8")
    for label in ("里程碑", "最新进展", "风险", "交付物", "联系人"):
        assert label in page
    for english in ("Milestones", "Latest update", "Deliverables", "Contacts", "Next milestone"):
        assert english not in page
    assert "2026年" in page  # dates through Babel, not ISO


def test_chinese_portal_sets_notes_in_full_width_parentheses(demo_site: Path) -> None:  # noqa: F811
    """ "（实际）", "结项（+14 天）": a note in brackets in Chinese text takes full-width
    parentheses and no space before them (the portal printed "(+7 天)" and " (实际)")."""
    ascii_around_chinese = re.compile(r"\([^()]*[\u3400-\u9fff][^()]*\)")
    space_before = re.compile(r"\S \uff08")
    found: list[tuple[str, str]] = []
    for page in sorted((demo_site / "portals/jinghua").rglob("*.html")):
        text = page_text(page.read_bytes())
        for pattern in (ascii_around_chinese, space_before):
            found += [
                (page.relative_to(demo_site).as_posix(), m.group(0)) for m in pattern.finditer(text)
            ]
    assert found == []
    website = page_text((demo_site / "portals/jinghua/jinghua-website/index.html").read_bytes())
    assert "（实际）" in website and "结项（+14 天）" in website


@pytest.mark.parametrize(
    ("client", "label", "dates"),
    [
        ("jinghua", "起止日期", "2026年8月3日至2027年1月29日"),
        ("hafenbahn", "Start and end", "4 May 2026 – 18 Dec 2026"),
    ],
)
def test_a_project_card_names_its_date_range_for_what_it_is(
    demo_site: Path,  # noqa: F811
    client: str,
    label: str,
    dates: str,
) -> None:
    """The card's dates run from start to end; they were labelled "End" (结束日期)."""
    page = (demo_site / "portals" / client / "index.html").read_text(encoding="utf-8")
    facts = re.findall(r"<dt>([^<]*)</dt><dd>(.*?)</dd>", page, re.S)
    shown = [page_text(f"<p>{dd}</p>") for dt, dd in facts if dt == label]
    assert shown and dates in shown[0], facts


def test_atom_feeds_are_valid_and_newest_first(demo_site: Path) -> None:  # noqa: F811
    for feed in (demo_site / "portals").glob("*/*/feed.xml"):
        root = ET.fromstring(feed.read_bytes())
        assert root.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{tag}") is not None
        entries = root.findall(f"{ATOM}entry")
        stamps = [e.findtext(f"{ATOM}updated") for e in entries]
        assert stamps == sorted(stamps, reverse=True)
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids)
        # with base_url, links are absolute: the portal's address, then the file
        base = root.get("{http://www.w3.org/XML/1998/namespace}base") or ""
        for entry in entries:
            href = entry.find(f"{ATOM}link").get("href")
            assert href.startswith(base)
            assert (feed.parent / href.removeprefix(base)).is_file()


def documented_schema() -> dict:
    text = (REPO / "docs/status-json.md").read_text(encoding="utf-8")
    return json.loads(text.split("```json", 1)[1].split("```", 1)[0])


def test_status_json_matches_the_documented_schema(demo_site: Path) -> None:  # noqa: F811
    assert documented_schema() == STATUS_SCHEMA
    files = list((demo_site / "portals").glob("*/*/status.json"))
    assert len(files) == len(demo_portfolio().projects)
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(document, STATUS_SCHEMA, format_checker=jsonschema.FormatChecker())
    red = json.loads(
        (demo_site / "portals/hafenbahn/hafenbahn-carrier-portal/status.json").read_text()
    )
    assert red["health"]["level"] == "red"
    assert red["next_milestone"]["variance_days"] > 0


def test_badge_says_the_health_in_words(demo_site: Path) -> None:  # noqa: F811
    badge = demo_site / "portals/hafenbahn/hafenbahn-carrier-portal/badge.svg"
    root = ET.fromstring(badge.read_bytes())
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[-1] == "\u2715 Off track"
    zh = demo_site / "portals/jinghua/jinghua-crm/badge.svg"
    assert "存在风险" in zh.read_text(encoding="utf-8")
    closed = demo_site / "portals/jinghua/jinghua-website/badge.svg"  # finished: no colour
    assert "已结项" in closed.read_text(encoding="utf-8")


@pytest.mark.parametrize("tree", ["internal", "portals/hafenbahn"])
def test_each_tree_has_its_own_static_copy(demo_site: Path, tree: str) -> None:  # noqa: F811
    css = (demo_site / tree / "static/site.css").read_text(encoding="utf-8")
    assert "--brand: #1f3a5f" in css
    assert "@import" not in css and "url(http" not in css
    assert (demo_site / tree / "static/sortable.js").is_file()


def test_the_site_built_by_jobs_in_worker_processes_is_the_site_rendered_at_once(
    tmp_path: Path,
) -> None:
    """The build splits the site into a job per home page and per project folder and,
    with many of them, renders them in two worker processes: the bytes are those of the
    whole site rendered in one go."""
    import shutil

    from generator.build.engine import run_build
    from generator.load.workspace import load_workspace

    root = tmp_path / "ws"
    shutil.copytree(REPO / "content", root / "content")
    report = run_build(Workspace(root), load_workspace(root), AS_OF, only="site", jobs=2)
    assert len(report.ran) > 8  # enough jobs for the worker pool
    built = {
        p.relative_to(root / "output").as_posix(): p.read_bytes()
        for p in (root / "output").rglob("*")
        if p.is_file() and not p.name.startswith(".milepost")
    }
    assert built == site_files(Workspace(root), load_workspace(root), AS_OF)
