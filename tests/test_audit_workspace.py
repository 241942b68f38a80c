"""The leak audit knows the whole workspace and reads every byte of a client tree.

Client acme has two projects (relaunch, intranet); client globex has one (volcano). Each
kind of forbidden string, taken from acme's other project and from globex, is planted
into acme's tree in each kind of file a portal holds (a page, the feed, an SVG, status.json
and a PDF attachment): `build` must refuse to publish, naming the file and why, and
`milepost audit` must report it in an existing output.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.render import feeds
from tests.corpus_cases import BASE

MILEPOST = str(Path(sys.executable).parent / "milepost")
REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-06-22"
ACME = "output/portals/acme"

SURVEY = (
    "Timestamp,Email,Name,IP Address,How satisfied are you overall?\n"
    "2026-06-20 10:00,{email},{name},{ip},4\n"
    "2026-06-20 11:00,anonymous,anonymous,,5\n"
)
EXTRA = {
    "content/people.yaml": (
        "people:\n"
        "  - {id: lena, name: Lena Hoffmann, role: Project manager, cost_rate: 95}\n"
        "  - {id: tom, name: Tom Berger, role: Developer}\n"
        "  - {id: rita, name: Rita Sommer, role: Designer, cost_rate: 115}\n"
    ),
    # acme's other project
    "content/projects/intranet/project.yaml": (
        "title: Staff intranet\nclient: acme\nmanager: lena\n"
        "start: 2026-06-01\nplanned_end: 2026-12-18\n"
    ),
    "content/projects/intranet/risks.yaml": (
        "risks:\n  - id: R1\n    title: Single sign-on vendor may end support\n"
        "    owner: lena\n    raised: 2026-06-05\n    probability: 3\n    impact: 4\n"
    ),
    "content/projects/intranet/notes/2026-06-09-renewal.md": (
        "---\ndate: 2026-06-09\ntitle: Renewal discount for the intranet\n---\n"
        "We will offer a hidden discount of ten percent at renewal time.\n"
    ),
    "content/projects/intranet/updates/2026-06-15.md": (
        "---\ndate: 2026-06-15\nauthor: lena\nhighlights:\n"
        "  - Support staff morale is low after the reorganisation\n---\nInternal only.\n"
    ),
    "content/projects/intranet/costs.yaml": "costs:\n  - date: 2026-06-30\n    amount: 23456\n",
    "content/projects/intranet/retrospective.md": (
        "---\ndate: 2026-06-19\nlessons:\n  - Never quote a fixed price before the content audit\n"
        "---\n"
    ),
    "content/projects/intranet/surveys/feedback.csv": SURVEY.format(
        email="greta.vogel@example.org", name="Greta Vogel", ip="203.0.113.77"
    ),
    # another client
    "content/clients/globex.yaml": (
        "name: Globex Corporation\nshort_name: Globex\nportal_title: Globex status\n"
        "contacts:\n  - name: Hank Scorpio\n    email: hank@globex.example\n"
        "    phone: +1 555 0100 7788\n"
    ),
    "content/projects/volcano/project.yaml": (
        "title: Volcano lair intranet\nclient: globex\nmanager: lena\n"
        "start: 2026-06-01\nplanned_end: 2026-12-18\n"
    ),
    "content/projects/volcano/risks.yaml": (
        "risks:\n  - id: R1\n    title: Lava cooling contractor may go bankrupt\n"
        "    owner: lena\n    raised: 2026-06-05\n    probability: 2\n    impact: 5\n"
    ),
    "content/projects/volcano/notes/2026-06-10-price.md": (
        "---\ndate: 2026-06-10\ntitle: Price floor for the renewal talks\n---\n"
        "Our margin on the monorail work is thinner than the client believes.\n"
    ),
    "content/projects/volcano/updates/2026-06-16.md": (
        "---\ndate: 2026-06-16\nauthor: lena\nhighlights:\n"
        "  - The monorail budget must be cut before autumn\n---\nInternal only.\n"
    ),
    "content/projects/volcano/costs.yaml": "costs:\n  - date: 2026-06-30\n    amount: 31415\n",
    "content/projects/volcano/changes.yaml": (
        "changes:\n  - id: CR1\n    title: Second monorail line\n    requested_by: Hank Scorpio\n"
        "    requested: 2026-06-08\n    impact: {cost: 8750}\n"
    ),
    "content/projects/volcano/surveys/feedback.csv": SURVEY.format(
        email="olaf.brandt@mail.example", name="Olaf Brandt", ip="198.51.100.23"
    ),
}

INTRANET_SURVEY = "content/projects/intranet/surveys/feedback.csv"
VOLCANO_SURVEY = "content/projects/volcano/surveys/feedback.csv"
# (what a template or a bug writes, the string as the workspace has it, why it is forbidden)
PLANTS = [
    # from acme's other project
    ("Single sign-on vendor may end support", None, "internal risk intranet/R1"),
    (
        "We will offer a hidden discount of ten percent at renewal time.",
        "We will offer a hidden discount of ten percent at renewal time",
        "internal note content/projects/intranet/notes/2026-06-09-renewal.md",
    ),
    (
        "Support staff morale is low after the reorganisation",
        None,
        "internal update content/projects/intranet/updates/2026-06-15.md",
    ),
    ("Paid: 23,456.00 EUR", "23456", "cost amount booked 2026-06-30 in intranet"),
    (
        "Never quote a fixed price before the content audit",
        None,
        "internal retrospective content/projects/intranet/retrospective.md",
    ),
    ("greta.vogel@example.org", None, f"survey respondent email from {INTRANET_SURVEY}"),
    ("Greta Vogel", None, f"survey respondent name from {INTRANET_SURVEY}"),
    ("203.0.113.77", None, f"survey respondent ip address from {INTRANET_SURVEY}"),
    # from another client
    ("Lava cooling contractor may go bankrupt", None, "internal risk volcano/R1"),
    ("Price floor for the renewal talks", None, "internal note"),
    (
        "The monorail budget must be cut before autumn",
        None,
        "internal update content/projects/volcano/updates/2026-06-16.md",
    ),
    ("31.415 €", "31415", "cost amount booked 2026-06-30 in volcano"),
    ("CR1 adds 8 750 EUR", "8750", "cost of change request volcano/CR1"),
    ("olaf.brandt@mail.example", None, f"survey respondent email from {VOLCANO_SURVEY}"),
    ("Olaf Brandt", None, f"survey respondent name from {VOLCANO_SURVEY}"),
    ("Globex Corporation", None, "name of client globex"),
    ("Hank Scorpio", None, "contact of client globex"),
    ("hank@globex.example", None, "contact e-mail of client globex"),
    ("+1 555 0100 7788", None, "contact phone of client globex"),
    ("Volcano lair intranet", None, "project of client globex"),
    # people's cost rates
    ("Rita bills 115 €/h", "115", "cost rate of rita"),
]
IDS = [
    why.split(" content/")[0].split(" from ")[0] + f" ({n})" for n, (_, _, why) in enumerate(PLANTS)
]


def _expected(shown_file: str) -> list[str]:
    return [f"{shown_file}: {found or planted} ({why}" for planted, found, why in PLANTS]


def _missing(stderr: str, shown_file: str) -> list[str]:
    return [line for line in _expected(shown_file) if line not in stderr]


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MILEPOST, "--workspace", str(root), *args],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=root,
    )


def _workspace(root: Path) -> Path:
    shutil.copytree(BASE, root)
    for rel, text in EXTRA.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _workspace(tmp_path_factory.mktemp("audit-ws") / "ws")
    result = _run(root, "build", "--only", "site", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def workspace(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(built, root, symlinks=True)
    return root


def _snapshot(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


# -- the carriers: how each kind of file would hold the planted strings -------------------


def _as_html() -> str:
    return "".join(f"<p>{html.escape(planted)}</p>" for planted, _, _ in PLANTS)


def _as_entities(text: str) -> str:
    """Every other character as a numeric character reference, as XML allows."""
    return "".join(f"&#{ord(c)};" if i % 2 else html.escape(c) for i, c in enumerate(text))


def _json_escaped(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in text)


def _feed(original: bytes) -> bytes:
    entry = (
        f"<entry><title>x</title><content type='html'>{html.escape(_as_html())}</content></entry>"
    )
    return original.replace(b"</feed>", entry.encode() + b"</feed>")


def _svg(original: bytes) -> bytes:
    texts = "".join(f"<text>{_as_entities(planted)}</text>" for planted, _, _ in PLANTS)
    return original.replace(b"</svg>", texts.encode() + b"</svg>")


def _json(original: bytes) -> bytes:
    data = json.loads(original)
    notes = ", ".join(f'"{_json_escaped(planted)}"' for planted, _, _ in PLANTS)
    text = json.dumps(data)[:-1] + f', "notes": [{notes}]}}'
    return text.encode()


def _pdf_with_attachment(name: str = "extra-data.json") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    payload = {"records": [{"text": _json_escaped(p)} for p, _, _ in PLANTS]}
    data = json.dumps(payload).replace("\\\\u", "\\u").encode()
    writer.add_attachment(name, data)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# -- build refuses to publish -----------------------------------------------------------


def test_a_page_carrying_each_kind_of_needle_is_not_published(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    override = root / "templates/site/base.html"
    override.parent.mkdir(parents=True)
    builtin = (REPO / "templates/site/base.html").read_text()
    override.write_text(builtin.replace("</body>", f"<footer>{_as_html()}</footer></body>"))
    result = _run(root, "build", "--only", "site", "--as-of", AS_OF)
    assert result.returncode == 1, result.stdout
    assert _missing(result.stderr, f"{ACME}/index.html") == []
    assert "Traceback" not in result.stderr
    assert not (root / ACME).exists()  # nothing was published


@pytest.mark.parametrize(
    ("function", "change", "file"),
    [
        ("atom_feed", _feed, "relaunch/feed.xml"),
        ("badge_svg", _svg, "relaunch/badge.svg"),
        ("status_json", _json, "relaunch/status.json"),
    ],
    ids=["feed", "svg", "json"],
)
def test_a_feed_svg_or_json_carrying_each_kind_of_needle_is_not_published(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Any,
    function: str,
    change: Callable[[bytes], bytes],
    file: str,
) -> None:
    """A renderer bug (simulated here): with --jobs 1 the site build renders its pages in
    this process, where the bug is planted (with more, a whole site goes to workers)."""
    root = _workspace(tmp_path / "ws")
    original = getattr(feeds, function)
    monkeypatch.setattr(feeds, function, lambda *a, **k: change(original(*a, **k)))
    command = ["build", "--only", "site", "--as-of", AS_OF, "--jobs", "1"]
    result = run_cli("--workspace", str(root), *command)
    assert result.exit_code == 1, result.output
    assert _missing(result.stderr, f"output/portals/acme/{file}") == []
    assert not (root / ACME).exists()


@pytest.mark.slow
def test_a_pdf_attachment_carrying_each_kind_of_needle_is_not_published(tmp_path: Path) -> None:
    """A report template that embeds a file (WeasyPrint's <link rel=attachment>)."""
    root = _workspace(tmp_path / "ws")
    payload = json.dumps({"records": [p for p, _, _ in PLANTS]}).encode()
    link = (
        '<link rel="attachment" title="notes.json" '
        f'href="data:application/json;base64,{base64.b64encode(payload).decode()}">'
    )
    override = root / "templates/reports/base.html"
    override.parent.mkdir(parents=True)
    builtin = (REPO / "templates/reports/base.html").read_text()
    assert "</head>" in builtin
    override.write_text(builtin.replace("</head>", f"{link}</head>"))
    result = _run(root, "build", "--only", "reports", "--as-of", AS_OF)
    assert result.returncode == 1, result.stdout
    pdf = f"{ACME}/relaunch/reports/weekly-2026-W25.pdf"
    assert _missing(result.stderr, pdf) == []
    assert not (root / ACME).exists()


# -- milepost audit reports it in an existing output --------------------------------------


CARRIERS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "page": ("index.html", lambda b: b.replace(b"</body>", _as_html().encode() + b"</body>")),
    "feed": ("relaunch/feed.xml", _feed),
    "svg": ("relaunch/badge.svg", _svg),
    "json": ("relaunch/status.json", _json),
    "pdf-attachment": ("relaunch/reports/extra.pdf", lambda b: _pdf_with_attachment()),
}


@pytest.mark.parametrize("carrier", list(CARRIERS))
def test_audit_reports_each_kind_of_needle_in_each_kind_of_file(
    workspace: Path, carrier: str
) -> None:
    rel, change = CARRIERS[carrier]
    target = workspace / ACME / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(change(target.read_bytes() if target.exists() else b""))
    result = _run(workspace, "audit")
    assert result.returncode == 1, result.stdout
    assert _missing(result.stderr, f"{ACME}/{rel}") == []
    assert "Traceback" not in result.stderr


def test_the_clean_tree_passes_and_each_client_may_see_its_own(workspace: Path) -> None:
    result = _run(workspace, "audit")
    assert result.returncode == 0, result.stderr
    page = workspace / "output/portals/globex/index.html"
    page.write_text(page.read_text() + "<p>Globex Corporation, Hank Scorpio</p>")
    assert _run(workspace, "audit").returncode == 0


# -- what the audit used to skip: links, unknown kinds of files, XMP ----------------------


def test_a_symbolic_link_in_a_client_tree_is_refused(workspace: Path) -> None:
    output = workspace / "output"
    link = output / "portals/acme/data.yaml"
    os.symlink("../../../content/projects/relaunch/costs.yaml", link)
    audit = _run(workspace, "audit")
    assert audit.returncode == 1
    assert "output/portals/acme/data.yaml: -> ../../../content/projects/relaunch/costs.yaml" in (
        audit.stderr
    )
    assert "symbolic link" in audit.stderr
    before = _snapshot(output)
    build = _run(workspace, "build", "--only", "site", "--as-of", AS_OF)
    assert build.returncode == 1, build.stdout
    assert "output/portals/acme/data.yaml" in build.stderr and "symbolic link" in build.stderr
    assert _snapshot(output) == before


def test_a_linked_folder_anywhere_in_the_output_is_refused(workspace: Path) -> None:
    os.symlink("../content", workspace / "output/internal/sources")
    audit = _run(workspace, "audit")
    assert audit.returncode == 1
    assert "output/internal/sources: -> ../content (a symbolic link" in audit.stderr
    build = _run(workspace, "build", "--only", "site", "--as-of", AS_OF)
    assert build.returncode == 1
    assert "output/internal/sources" in build.stderr


def test_an_unknown_kind_of_file_is_read_as_bytes(workspace: Path) -> None:
    acme = workspace / ACME
    # a binary file with a name in UTF-16, as office formats store text
    (acme / "static/extra.bin").write_bytes(
        b"\x00\x01\xfe" + "Hank Scorpio".encode("utf-16-le") + b"\x89\x00"
    )
    # a text file of a kind no one expects in a portal
    (acme / "export.yaml").write_text(
        "amount: 23,456\nrisk: Lava cooling contractor may go bankrupt\n"
    )
    result = _run(workspace, "audit")
    assert result.returncode == 1
    assert f"{ACME}/static/extra.bin: Hank Scorpio (contact of client globex)" in result.stderr
    assert f"{ACME}/export.yaml: 23456 (cost amount booked 2026-06-30 in intranet)" in result.stderr
    assert f"{ACME}/export.yaml: Lava cooling contractor may go bankrupt (internal risk" in (
        result.stderr
    )
    build = _run(workspace, "build", "--only", "site", "--as-of", AS_OF)
    assert build.returncode == 1
    assert f"{ACME}/static/extra.bin: Hank Scorpio" in build.stderr


def test_xmp_metadata_of_a_pdf_is_read(workspace: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    target = workspace / ACME / "relaunch/reports/weekly.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:rights"] = "Volcano lair intranet"
    pdf.save(target)
    result = _run(workspace, "audit")
    assert result.returncode == 1
    assert (
        f"{ACME}/relaunch/reports/weekly.pdf: Volcano lair intranet (project of client globex)"
        in (result.stderr)
    )
