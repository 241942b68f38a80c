"""Measure the chart approach: hand-built SVG (generator.present.charts) against matplotlib's
SVG backend drawing the same burn-up chart. Numbers go into docs/charts.md.

matplotlib is not a dependency; run this with a Python that has it, e.g.
    python -m venv /tmp/mpl && /tmp/mpl/bin/pip install matplotlib weasyprint
    /tmp/mpl/bin/python benchmarks/charts_svg_vs_matplotlib.py [OUTDIR]
"""

from __future__ import annotations

import io
import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.present.charts import burnup_chart  # noqa: E402
from tests.chart_samples import EN, ZH, burnup, meta  # noqa: E402

FONTS = ["Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "DejaVu Sans"]


def matplotlib_burnup(texts: dict) -> str:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text
            "svg.hashsalt": "milepost",  # stable clip-path ids
            "font.family": "sans-serif",
            "font.sans-serif": FONTS,
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    data = burnup(texts)
    weeks = [w.week for w in data.weeks]
    fig, ax = plt.subplots(figsize=(6.4, 2.6), dpi=100)
    ax.plot(weeks, [w.scope for w in data.weeks], "-.", color="#4b5563", label=data.scope_label)
    ax.plot(weeks, [w.planned for w in data.weeks], "--", color="#6b7280", label=data.planned_label)
    done = [(w.week, w.done) for w in data.weeks if w.done is not None]
    ax.plot(
        [d for d, _ in done],
        [v for _, v in done],
        "o-",
        color="#1f3a5f",
        ms=3,
        label=data.done_label,
    )
    ax.fill_between([d for d, _ in done], [v for _, v in done], color="#1f3a5f", alpha=0.08)
    ax.axvline(data.today, color="#d9822b", lw=1)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    ax.yaxis.set_major_formatter(lambda v, _: texts["hours"](v))
    ax.grid(axis="y", color="#e5e7eb")
    ax.legend(loc="upper left", frameon=False, ncols=3)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


def hand_built(texts: dict) -> str:
    return burnup_chart(burnup(texts), meta("burnup", texts["lang"]))


def timed(make: Callable[[], str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def weasy_warnings(svg: str, lang: str, pdf: Path, inline: bool) -> list[str]:
    import base64

    from weasyprint import HTML

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Keep(level=logging.WARNING)
    logger.addHandler(handler)
    if inline:
        body = svg.split("?>", 1)[-1] if svg.startswith("<?xml") else svg
    else:
        body = f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">'
    html = f'<html lang="{lang}"><body style="margin:0">{body}</body></html>'
    start = time.perf_counter()
    HTML(string=html).write_pdf(pdf)
    elapsed = (time.perf_counter() - start) * 1000
    logger.removeHandler(handler)
    print(f"    WeasyPrint ({'inline' if inline else 'img'}) render: {elapsed:.0f} ms")
    return records


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "output/chart-bench")
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    import matplotlib.pyplot  # noqa: F401

    print(f"import matplotlib.pyplot: {(time.perf_counter() - start) * 1000:.0f} ms")
    for name, make in (("hand-built", hand_built), ("matplotlib", matplotlib_burnup)):
        for texts in (EN, ZH):
            lang = texts["lang"]
            first, second = make(texts), make(texts)
            runs = 200 if name == "hand-built" else 30
            print(
                f"{name} {lang}: {timed(lambda t=texts, m=make: m(t), runs):.2f} ms/chart, "
                f"{len(first.encode()):,} bytes, deterministic={first == second}, "
                f"<text> elements={first.count('<text')}"
            )
            (out / f"{name}-{lang}.svg").write_text(first, encoding="utf-8")
            pdf = out / f"{name}-{lang}.pdf"
            for inline in (True, False):
                warnings = weasy_warnings(first, lang, pdf, inline)
                print(f"    {len(warnings)} WeasyPrint warnings {sorted(set(warnings))[:2]}")
            subprocess.run(
                ["pdftoppm", "-png", "-r", "110", "-singlefile", pdf, out / f"{name}-{lang}"],
                check=True,
            )


if __name__ == "__main__":
    main()
