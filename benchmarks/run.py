"""milepost build benchmark: every target of issues 8 and 16 measured in one run; writes
RESULTS.md.

    .venv/bin/python benchmarks/run.py [--quick]

Sizes: workspace A has about 130 reports (2 projects, one closed) and measures --jobs 1
against --jobs 2 and the incremental builds; B has about 400 reports (6 projects, 3
clients) and C about 1,600 (26 projects, 10 clients): the memory at 400 and at 1,600
reports, the no-change rebuild at B and at C, and B's site against Pelican and Hugo; A's
cold build also runs on a dask scheduler with two workers (started from dask's command
line). All have 26 weeks of ~300-word updates, 40 tasks, 15 risks, 10 milestones per
project, half zh-CN. --quick shrinks them (a smoke run).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.portfolio import AS_OF, Size, generate  # noqa: E402
from benchmarks.preview import free_port, measure_preview  # noqa: E402

# The run uses a copy of the code taken at its start: the tree is shared with people
# editing it, and any change to milepost's code rightly invalidates the build cache.
CODE = Path(tempfile.mkdtemp(prefix="milepost-bench-code-"))
MILEPOST = [sys.executable, "-c", "from generator.cli import main; main(prog_name='milepost')"]
SUMMARY = re.compile(r"built (\d+), reused (\d+) from cache, skipped (\d+)")


@dataclass
class Run:
    seconds: float
    peak_rss: int
    stdout: str
    stderr: str

    def jobs(self) -> tuple[int, int, int]:
        found = SUMMARY.search(self.stdout)
        if not found:
            raise RuntimeError(f"no summary line in:\n{self.stdout}\n{self.stderr}")
        built, reused, skipped = (int(g) for g in found.groups())
        return built, reused, skipped


def snapshot_code() -> None:
    shutil.copytree(
        REPO / "generator",
        CODE / "generator",
        symlinks=False,
        ignore=shutil.ignore_patterns("__pycache__"),
        dirs_exist_ok=True,
    )
    sys.path.insert(0, str(CODE))
    os.environ["PYTHONPATH"] = str(CODE)


def _pss(p: psutil.Process) -> int:
    # PSS shares pages between the processes that map them: the forkserver's preloaded
    # libraries are counted once over all workers, not once per worker as RSS would.
    return int(p.memory_full_info().pss)


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time and the peak summed PSS of the process and all its descendants."""
    start = time.perf_counter()
    proc = psutil.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {}), "CI": "true"},
        text=True,
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += _pss(p)
                peak = max(peak, total)
            except psutil.Error:
                pass
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}\n{err}")
    return Run(seconds, peak, out, err)


def build(ws: Path, *extra: str, without_stamp: bool = False) -> Run:
    if without_stamp:  # the no-change build in full, as without generator/build/stamp.py
        (ws / ".milepost" / "stamp.json").unlink(missing_ok=True)
    return measure([*MILEPOST, "build", "--as-of", AS_OF.isoformat(), "--quiet", *extra], ws)


def profile_build(ws: Path, *extra: str, lines: int = 14) -> str:
    """milepost's own functions by cumulative time in one build (where the time goes)."""
    out = Path(tempfile.mkstemp(suffix=".prof")[1])
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "generator"]
    subprocess.run(
        [*cmd, "build", "--as-of", AS_OF.isoformat(), "--quiet", *extra],
        cwd=ws,
        env={**os.environ, "PYTHONPATH": str(CODE)},
        capture_output=True,
        check=True,
    )
    text = io.StringIO()
    stats = pstats.Stats(str(out), stream=text).sort_stats("cumulative")
    stats.print_stats(r"generator/(build|render|load|audit|cli)", lines)
    out.unlink()
    body = text.getvalue()
    return body[body.find("ncalls") :].replace(str(CODE) + "/", "").rstrip()


def count_outputs(ws: Path) -> tuple[int, int]:
    out = ws / "output"
    pdfs = sum(1 for _ in (out / "reports").rglob("*.pdf")) if (out / "reports").exists() else 0
    pages = sum(1 for p in out.rglob("*.html") if p.parts[len(out.parts)] != "reports")
    return pdfs, pages


def make_workspace(root: Path, size: Size) -> tuple[Path, int]:
    generate(root, size)
    from generator.analyze.report_schedule import due_reports
    from generator.load.workspace import load_workspace

    portfolio = load_workspace(root)
    return root, len(due_reports(portfolio, AS_OF))


# -- per-report cost in one warm process ---------------------------------------------------


def per_report(ws: Path, samples: int) -> dict[str, object]:
    import weasyprint

    from generator.analyze.report_schedule import due_reports
    from generator.load.workspace import load_workspace
    from generator.render.reports import render_report, report_html
    from generator.workspace import Workspace

    workspace = Workspace(ws)
    portfolio = load_workspace(ws)
    weekly = [j for j in due_reports(portfolio, AS_OF) if j.kind.value == "weekly"]
    picked = weekly[:: max(1, len(weekly) // samples)][:samples]
    render_report(workspace, portfolio, picked[0], problems=[])  # warm both paths
    weasyprint.HTML(string=report_html(workspace, portfolio, picked[0]), base_url=str(ws))
    ours = bare = html_time = 0.0
    for job in picked:
        t0 = time.perf_counter()
        render_report(workspace, portfolio, job, problems=[])
        t1 = time.perf_counter()
        html = report_html(workspace, portfolio, job)
        t2 = time.perf_counter()
        weasyprint.HTML(string=html, base_url=str(ws)).write_pdf()
        t3 = time.perf_counter()
        ours += t1 - t0
        html_time += t2 - t1
        bare += t3 - t2
    profile = cProfile.Profile()
    profile.enable()
    for job in picked[:3]:
        render_report(workspace, portfolio, job, problems=[])
    profile.disable()
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(18)
    n = len(picked)
    return {
        "n": n,
        "ours": ours / n,
        "bare": bare / n,
        "html": html_time / n,
        "profile": _trim_profile(text.getvalue()),
    }


def _trim_profile(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    root = str(REPO) + "/"
    venv = str(Path(sys.prefix)) + "/"
    return "\n".join(line.replace(root, "").replace(venv, "") for line in lines[start:])


# -- incremental builds ---------------------------------------------------------------------


def edit_update(ws: Path) -> str:
    """Edit the update of the last completed week of the first project."""
    updates = sorted((ws / "content/projects/project-000/updates").glob("*.md"))
    last_week_end = AS_OF - dt.timedelta(days=AS_OF.weekday() + 1)  # Sunday before as_of
    target = [u for u in updates if dt.date.fromisoformat(u.stem) <= last_week_end][-1]
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\nOne more sentence, edited for the benchmark.\n")
    return target.relative_to(ws).as_posix()


def edit_template(ws: Path, name: str) -> None:
    """Override a built-in report template in the workspace with a harmless change."""
    source = CODE / "generator" / "templates" / name
    target = ws / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")


# -- the distributed run ---------------------------------------------------------------------

CLUSTER_START_SECONDS = 120


@contextlib.contextmanager
def dask_cluster(workers: int, folder: Path) -> Iterator[str]:
    """A real scheduler and `workers` worker processes of one thread each, started from
    dask's command-line entry points as on a cluster; their address (HOST:PORT)."""
    import distributed

    dask = str(Path(sys.executable).with_name("dask"))
    address = f"127.0.0.1:{free_port()}"
    started = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", address.split(":")[1]]
            + ["--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=folder,
        ),
        subprocess.Popen(
            [dask, "worker", f"tcp://{address}", "--nworkers", str(workers), "--nthreads", "1"]
            + ["--no-dashboard", "--death-timeout", "60", "--local-directory", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=folder,
        ),
    ]
    try:
        with distributed.Client(f"tcp://{address}", timeout=CLUSTER_START_SECONDS) as client:
            client.wait_for_workers(workers, timeout=CLUSTER_START_SECONDS)
        yield address
    finally:
        for proc in reversed(started):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)


def tree_digests(ws: Path) -> dict[str, str]:
    import hashlib

    out = ws / "output"
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".milepost")
    }


# -- the site against Pelican and Hugo ------------------------------------------------------


def _updates(ws: Path) -> list[tuple[str, str, str, str]]:
    """(project, date, title, markdown body) of every update in the workspace."""
    found = []
    for file in sorted((ws / "content/projects").glob("*/updates/*.md")):
        text = file.read_text(encoding="utf-8")
        _, _, body = text.split("---", 2)
        project = file.parent.parent.name
        found.append((project, file.stem, f"{project} {file.stem}", body.strip()))
    return found


def peers() -> tuple[Path, str, str]:
    """Pelican (the bench extra, in this venv) and its version, and Hugo's version; a
    missing one stops the run at once with the command that installs it."""
    pelican = Path(sys.executable).with_name("pelican")
    missing = [
        name
        for name, found in (("pelican", pelican.exists()), ("hugo", shutil.which("hugo")))
        if not found
    ]
    if missing:
        sys.exit(
            f"benchmarks/run.py needs {' and '.join(missing)}: run `make bench` "
            "(scripts/setup.sh bench installs Hugo with apt-get and Pelican with pip)"
        )
    version = subprocess.run(
        [str(pelican), "--version"], capture_output=True, text=True
    ).stdout.strip()
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    return pelican, version, hugo


def pelican_site(ws: Path, root: Path) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    for project, day, title, body in _updates(ws):
        (content / f"{project}-{day}.md").write_text(
            f"Title: {title}\nDate: {day}\nCategory: {project}\n\n{body}\n", encoding="utf-8"
        )
    (root / "pelicanconf.py").write_text(
        "SITENAME = 'bench'\nPATH = 'content'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nDEFAULT_PAGINATION = False\n"
        "RELATIVE_URLS = True\n",
        encoding="utf-8",
    )
    return root


def hugo_site(ws: Path, root: Path) -> Path:
    content = root / "content" / "updates"
    content.mkdir(parents=True)
    for project, day, title, body in _updates(ws):
        (content / f"{project}-{day}.md").write_text(
            f'---\ntitle: "{title}"\ndate: {day}\n---\n{body}\n', encoding="utf-8"
        )
    (root / "config.toml").write_text(
        'baseURL = "https://bench.example/"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term"]\n',
        encoding="utf-8",
    )
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head>"
        "<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"
    )
    (layouts / "list.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>"
        '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}'
        "</ul></body></html>\n"
    )
    return root


def best_of(runs: int, func: object) -> float:
    assert callable(func)
    return min(func() for _ in range(runs))


# -- the report -----------------------------------------------------------------------------


@dataclass
class Row:
    target: str
    measured: str
    ratio: str
    met: bool | None
    note: str = ""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)

    def add(self, *args: object, **kwargs: object) -> None:
        self.rows.append(Row(*args, **kwargs))  # type: ignore[arg-type]


def machine(hugo: str, pelican: str) -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    import distributed
    import weasyprint

    return (
        f"- {platform.platform()}, Python {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}, dask.distributed {distributed.__version__}\n"
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; {mem:.1f} GiB RAM\n"
        f"- Hugo: {hugo}; Pelican: {pelican}\n"
    )


def write_results(results: Results, path: Path, header: str, started: float) -> None:
    table = ["| Target | Measured | Ratio | Met |", "|---|---|---|---|"]
    for row in results.rows:
        met = {True: "yes", False: "**no**", None: "n/a"}[row.met]
        table.append(f"| {row.target} | {row.measured} | {row.ratio} | {met} |")
    notes = [f"- **{r.target}**: {r.note}" for r in results.rows if r.note]
    total = time.perf_counter() - started
    text = "\n".join(
        [
            "# Build benchmark results",
            "",
            f"Written by `make bench` (benchmarks/run.py) on {dt.date.today().isoformat()}; "
            f"the whole run took {total / 60:.1f} minutes.",
            "",
            "## Machine",
            "",
            header,
            "## Targets (issues 8 and 16), measured in this one run",
            "",
            *table,
            "",
            "## Notes where a target is not met, or worth reading",
            "",
            *(notes or ["- none"]),
            "",
            "## Details",
            "",
            *results.details,
            "",
            "## Commands",
            "",
            "```",
            *results.commands,
            "```",
            "",
        ]
    )
    path.write_text(text, encoding="utf-8")


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    started = time.perf_counter()
    pelican, pelican_version, hugo_version = peers()  # before anything long runs
    snapshot_code()
    if args.quick:
        size_a = Size(clients=2, projects=2, weeks=6, closed=1)
        size_b = Size(clients=2, projects=4, weeks=8, closed=1)
        size_c = Size(clients=2, projects=8, weeks=8, closed=1)
    else:
        size_a = Size(clients=2, projects=2, closed=1)
        size_b = Size(clients=3, projects=6, closed=1)
        size_c = Size(clients=10, projects=26, closed=5)
    results = Results()
    load_before = os.getloadavg()
    header = machine(hugo_version, pelican_version)
    tmp = Path(tempfile.mkdtemp(prefix="milepost-bench-"))
    try:
        _run(results, tmp, size_a, size_b, size_c, pelican, pelican_version)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(CODE, ignore_errors=True)
    load_after = os.getloadavg()
    header += (
        f"- Load average (1, 5, 15 min) at start {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f}, at end {load_after[0]:.2f} {load_after[1]:.2f} "
        f"{load_after[2]:.2f}: the machine is shared with other work, so two workers "
        "compete with it.\n"
        f"- Sizes: A = {size_a}; B = {size_b}; C = {size_c}. Build date --as-of {AS_OF}.\n"
    )
    write_results(results, args.out, header, started)
    print(args.out.read_text())


def _run(
    results: Results,
    tmp: Path,
    size_a: Size,
    size_b: Size,
    size_c: Size,
    pelican: Path,
    pelican_version: str,
) -> None:
    ws_a, reports_a = make_workspace(tmp / "a", size_a)
    ws_b, reports_b = make_workspace(tmp / "b", size_b)
    log = results.commands
    log.append(f"python benchmarks/portfolio.py A  # {size_a}")
    log.append(f"python benchmarks/portfolio.py B  # {size_b}")

    # --help: best of five, and what it imported.
    help_s = best_of(5, lambda: measure([*MILEPOST, "--help"], REPO).seconds)
    log.append("milepost --help  # best of 5")
    results.add(
        "`milepost --help` under 0.3 s",
        f"{help_s:.3f} s",
        f"{help_s / 0.3:.2f} of budget",
        help_s < 0.3,
    )

    # 1. cold builds, --jobs 1 and --jobs 2, on A.
    cold: dict[int, Run] = {}
    for jobs in (1, 2):
        cold[jobs] = build(ws_a, "--clean", "--jobs", str(jobs))
        log.append(f"milepost build --as-of {AS_OF} --quiet --clean --jobs {jobs}  # A")
    pdfs, pages = count_outputs(ws_a)
    rps = {j: reports_a / r.seconds for j, r in cold.items()}
    pps = {j: pages / r.seconds for j, r in cold.items()}
    speedup = rps[2] / rps[1]
    results.details.append(
        f"- Cold build of A ({reports_a} reports, {pages} HTML pages, {pdfs} PDF files under "
        f"reports/): --jobs 1 {cold[1].seconds:.1f} s ({rps[1]:.2f} reports/s, "
        f"{pps[1]:.1f} pages/s), --jobs 2 {cold[2].seconds:.1f} s ({rps[2]:.2f} reports/s, "
        f"{pps[2]:.1f} pages/s)."
    )
    results.add(
        "--jobs 2 report throughput >= 1.7x --jobs 1",
        f"{rps[1]:.2f} vs {rps[2]:.2f} reports/s",
        f"{speedup:.2f}x",
        speedup >= 1.7,
        note=(
            "Two workers on two cores only reach 2x when nothing else runs; the load "
            "average below shows how busy the shared machine was. The parent (planning, "
            "cache writes, staging) also needs CPU time while both workers render."
            if speedup < 1.7
            else ""
        ),
    )

    # 1b. the same cold build on a dask cluster: a real scheduler and two worker processes
    # (one thread each) on this machine, started from dask's command line.
    local_tree = tree_digests(ws_a)
    with dask_cluster(2, tmp) as address:
        remote = build(ws_a, "--clean", "--executor", f"dask://{address}")
    log.append(
        "dask scheduler --port P & dask worker tcp://127.0.0.1:P --nworkers 2 --nthreads 1 &"
    )
    log.append(f"milepost build --as-of {AS_OF} --quiet --clean --executor dask://HOST:P  # A")
    same = tree_digests(ws_a) == local_tree
    rps_dask = reports_a / remote.seconds
    results.add(
        "distributed build (dask scheduler + 2 workers) gives the local build's bytes",
        f"{remote.seconds:.1f} s, {rps_dask:.2f} reports/s; "
        + ("same bytes" if same else "**different bytes**"),
        f"{rps_dask / rps[2]:.2f}x local --jobs 2 throughput",
        same,
        note=(
            "The workers run on this machine's two cores, like --jobs 2, and were just "
            "started: each imports WeasyPrint on its first job. The jobs carry their "
            "templates, logo and parsed survey exports over TCP and the PDFs come back "
            "the same way; the build process alone writes output/."
        ),
    )

    # 2. per-report cost against bare WeasyPrint in one warm process.
    cost = per_report(ws_a, 6 if size_a.weeks < 10 else 12)
    ratio = float(cost["ours"]) / float(cost["bare"])  # type: ignore[arg-type]
    results.add(
        "per weekly report <= 1.15x bare WeasyPrint",
        f"{cost['ours']:.3f} s vs {cost['bare']:.3f} s (n={cost['n']})",
        f"{ratio:.2f}x",
        ratio <= 1.15,
        note=(
            f"Building the HTML (analysis, charts, Jinja) takes {cost['html']:.3f} s per "
            "report on its own; the rest of the gap is the PDF options milepost sets "
            "(tagged PDF, pdf_tags=True) that bare write_pdf() skips. Profile of three "
            "reports below."
            if ratio > 1.15
            else ""
        ),
    )
    results.details.append(
        "- Per-report profile (cumulative time, three weekly reports of A):\n\n```\n"
        + str(cost["profile"])
        + "\n```"
    )

    # 3. incremental builds on A.
    nochange = build(ws_a, "--jobs", "2")
    log.append("milepost build --as-of ... --quiet --jobs 2  # A, nothing changed")
    ran = nochange.jobs()[0]
    share = nochange.seconds / cold[2].seconds
    results.add(
        "no-change rebuild < 2% of cold, zero jobs run",
        f"{nochange.seconds:.2f} s, {ran} jobs run",
        f"{share * 100:.2f}% of cold --jobs 2",
        share < 0.02 and ran == 0,
        note=(
            "Nothing is rendered; the time is Python start-up and imports (about 0.25 s), "
            "loading and validating the workspace, hashing each report's snapshot to find "
            "its cache entry, and checking the staged files against output/ (profile "
            "below). What would close it: keeping the plan between runs (a file-mtime "
            "index, as `milepost serve` could hold in memory) so an unchanged workspace "
            "skips loading and hashing."
            if share >= 0.02
            else ""
        ),
    )
    results.details.append(
        "- No-change rebuild of A, milepost's functions by cumulative time:\n\n```\n"
        + profile_build(ws_a, "--jobs", "2")
        + "\n```"
    )
    edited = edit_update(ws_a)
    upd = build(ws_a, "--jobs", "2")
    log.append(f"(edit {edited}) milepost build --as-of ... --quiet --jobs 2  # A")
    ran = upd.jobs()[0]
    share = upd.seconds / cold[2].seconds
    results.add(
        "one edited update < 5% of cold; only its dependants run",
        f"{upd.seconds:.2f} s, {ran} jobs run (expected 6: 2 weekly reports of its week; "
        "its project's folder and the home page, in the internal dashboard and in its "
        "client's portal)",
        f"{share * 100:.2f}% of cold --jobs 2",
        share < 0.05 and ran == 6,
        note=(
            "Exactly the dependent jobs run; the wall time is Python's start, loading the "
            "workspace, the worker pool's start (a forkserver that imports WeasyPrint, "
            "started while the workspace loads) and one report render per worker."
            if share >= 0.05
            else ""
        ),
    )
    if share >= 0.05:
        edit_update(ws_a)  # once more, to see where the parent's time goes
        results.details.append(
            "- One edited update of A, milepost's functions by cumulative time (the build "
            "process; `run_jobs` is mostly waiting for the two workers):\n\n```\n"
            + profile_build(ws_a, "--jobs", "2")
            + "\n```"
        )
    closed_reports = 2 * size_a.closed
    edit_template(ws_a, "reports/closing.html")
    tpl = build(ws_a, "--jobs", "2")
    log.append("(override templates/reports/closing.html) milepost build ... --jobs 2  # A")
    ran = tpl.jobs()[0]
    results.add(
        "report template edit re-runs exactly its reports",
        f"{ran} jobs run in {tpl.seconds:.2f} s (closing reports: {closed_reports})",
        f"{tpl.seconds / cold[2].seconds * 100:.2f}% of cold",
        ran == closed_reports,
    )

    # 4. memory at B's (about 400) and C's (about 1,600) report counts, cold --jobs 2 each.
    mid = build(ws_b, "--clean", "--jobs", "2")
    log.append(f"milepost build --as-of {AS_OF} --quiet --clean --jobs 2  # B")
    still_b = best_of(3, lambda: build(ws_b, "--jobs", "2").seconds)
    log.append("milepost build --as-of ... --quiet --jobs 2  # B, nothing changed, best of 3")
    ws_c, reports_c = make_workspace(tmp / "c", size_c)
    log.append(f"python benchmarks/portfolio.py C  # {size_c}")
    big = build(ws_c, "--clean", "--jobs", "2")
    log.append(f"milepost build --as-of {AS_OF} --quiet --clean --jobs 2  # C")
    still_c = best_of(3, lambda: build(ws_c, "--jobs", "2").seconds)
    log.append("milepost build --as-of ... --quiet --jobs 2  # C, nothing changed, best of 3")
    full_c = build(ws_c, "--jobs", "2", without_stamp=True)
    shutil.rmtree(ws_c, ignore_errors=True)
    results.add(
        f"no-change rebuild < 2 s at C ({reports_c} reports), and its growth from B",
        f"B {still_b:.2f} s, C {still_c:.2f} s",
        f"{still_c / still_b:.2f}x from B to C",
        still_c < 2.0,
        note=(
            "The build compares the status (times, size, inode) of every file it read and "
            "of output/ with the stamp the last build left (generator/build/stamp.py) and "
            f"stops there. Without the stamp, the same no-change build of C takes "
            f"{full_c.seconds:.2f} s: loading and validating every file, hashing each "
            "report's snapshot, reading each cache entry, checking output/ and auditing."
        ),
    )
    growth = big.peak_rss / mid.peak_rss
    results.add(
        f"peak memory (PSS of the tree) < 500 MB, same at {reports_b} and {reports_c} reports",
        f"{mb(mid.peak_rss)} and {mb(big.peak_rss)}",
        f"{growth:.2f}x",
        big.peak_rss < 500 * 2**20 and mid.peak_rss < 500 * 2**20 and growth < 1.15,
        note=(
            "Workers are recycled every few dozen jobs, so what grows with the report count "
            "is the parent: the plan (one job per report, holding only the report's name and "
            "key; snapshots are cut when a job is handed to a worker) and the staged tree's "
            "index. What would close it: planning in batches of reports."
            if growth >= 1.15 or big.peak_rss >= 500 * 2**20
            else ""
        ),
    )
    for name, count, run in (("B", reports_b, mid), ("C", reports_c, big)):
        results.details.append(
            f"- Cold build of {name} ({count} reports) --jobs 2: {run.seconds:.1f} s "
            f"({count / run.seconds:.2f} reports/s)."
        )
    results.details.append(
        "- Peak memory is the sum over the build process, the forkserver and every worker "
        "(PSS, so shared pages count once), sampled every 50 ms."
    )

    # 5. the HTML site alone against Pelican and Hugo, on B's updates.
    updates = len(_updates(ws_b))
    ours_site = best_of(3, lambda: build(ws_b, "--only", "site", "--clean", "--jobs", "2").seconds)
    log.append("milepost build --as-of ... --quiet --only site --clean --jobs 2  # B, best of 3")
    _, site_pages = count_outputs(ws_b)
    hugo_root = hugo_site(ws_b, tmp / "hugo")
    hugo_s = best_of(
        3,
        lambda: measure(["hugo", "--quiet", "-d", str(tmp / "hugo-out")], hugo_root).seconds,
    )
    log.append("hugo --quiet -d OUT  # best of 3")
    pel_root = pelican_site(ws_b, tmp / "pelican")
    pel_s = best_of(
        3,
        lambda: (
            measure(
                [
                    str(pelican),
                    "content",
                    "-o",
                    str(tmp / "pel-out"),
                    "-s",
                    "pelicanconf.py",
                    "-q",
                    "--delete-output-directory",
                ],
                pel_root,
            ).seconds
        ),
    )
    log.append("pelican content -o OUT -s pelicanconf.py -q  # best of 3, " + pelican_version)
    results.add(
        "HTML site faster than Pelican",
        f"milepost {ours_site:.2f} s vs Pelican {pel_s:.2f} s",
        f"{ours_site / pel_s:.2f}x Pelican's time",
        ours_site < pel_s,
        note=(
            "milepost renders twice as many pages as Pelican and each carries analysis "
            "(a view per project and audience) and SVG charts; it also validates the whole "
            "workspace, checks client-visible text and audits every client tree before "
            "publishing. The site is a job per home page and per project folder, rendered "
            "by two worker processes from a forkserver started while the workspace loads; "
            "compiled templates come from the user's cache. What remains is Python's "
            "start and imports (about 0.4 s), loading and validating the YAML and Markdown "
            "(about 0.3 s), Markdown to HTML (Python-Markdown, about 2 ms per update) and "
            "the views (profile below). What would close it: a faster Markdown library and "
            "keeping parsed files between runs, as the no-change stamp does for the whole."
            if ours_site >= pel_s
            else ""
        ),
    )
    results.add(
        "HTML site within 2x of Hugo",
        f"milepost {ours_site:.2f} s vs Hugo {hugo_s:.2f} s",
        f"{ours_site / hugo_s:.2f}x Hugo's time",
        ours_site <= 2 * hugo_s,
        note=(
            "Hugo is a compiled Go binary that starts in milliseconds; milepost pays "
            "Python start-up, loading and validating every YAML file of the workspace "
            "and the privacy audit. Its pages are also richer (charts, dashboards)."
            if ours_site > 2 * hugo_s
            else ""
        ),
    )
    results.details.append(
        "- Site-only build of B (--clean), milepost's functions by cumulative time:\n\n```\n"
        + profile_build(ws_b, "--only", "site", "--clean", "--jobs", "2")
        + "\n```"
    )
    results.details.append(
        f"- Site comparison on B: {updates} updates. milepost writes {site_pages} HTML pages "
        "(portals and internal dashboard: every update page twice, project pages, "
        "dashboards, feeds); Pelican and Hugo render each update as a plain page plus "
        "their own index and list pages."
    )

    # 6. the preview as a PM lives in it, on the demo workspace.
    figures = measure_preview(MILEPOST)
    log.append("milepost serve --as-of 2026-11-30  # the demo; 5 edits of its latest update")
    results.add(
        "preview: first page within a few seconds (pages first, reports in the background)",
        f"{figures.first_page:.2f} s; every report {figures.reports_done:.0f} s",
        f"{figures.first_page / 5:.2f} of a 5 s budget",
        figures.first_page < 5,
    )
    linked = all(f"/portals/{c}/index.html" in figures.start_links for c in figures.portals)
    linked = linked and "/internal/index.html" in figures.start_links
    results.add(
        "preview: `/` links the internal dashboard and each client portal",
        ", ".join(link for link in figures.start_links if link.endswith(".html")),
        f"{len(figures.portals)} portals",
        linked,
    )
    results.add(
        "preview: edit to page under 1 s, render pool kept warm",
        "median {:.2f} s of {} edits ({})".format(
            figures.edit_to_page,
            len(figures.edits),
            ", ".join(f"{s:.2f}" for s in figures.edits),
        ),
        f"{figures.edit_to_page:.2f} of budget",
        figures.edit_to_page < 1.0,
        note=(
            "From saving the file to the server answering with the new text, while the "
            "reports render in the background (their workers run at niceness 19). The "
            "round is: notice the change, load the workspace, render the edited project's "
            "folders and the two home pages, audit, publish. The browser's reload script "
            "asks for the page's version every 0.5 s on top of this."
        ),
    )


if __name__ == "__main__":
    main()
