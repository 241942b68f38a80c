"""Render every chart in English and Chinese into one PDF and PNG per language, to look at.

Usage: .venv/bin/python tools/chart_gallery.py [OUTDIR]   (default output/chart-gallery)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.chart_samples import EN, ZH, all_charts  # noqa: E402

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Charts</title>
<style>
@page {{ size: A4; margin: 14mm }}
body {{ font-family: "Noto Sans", "Noto Sans CJK SC", sans-serif; font-size: 9pt; color: #1f2933 }}
h2 {{ font-size: 8pt; font-weight: 600; color: #6b7280; margin: 8px 0 2px;
      text-transform: uppercase; letter-spacing: .04em }}
.row {{ display: flex; gap: 10mm; align-items: flex-start }}
svg {{ max-width: 100%; height: auto }}
</style></head><body>{body}</body></html>"""


def page(texts: dict) -> str:
    parts = [f"<section><h2>{name}</h2>{svg}</section>" for name, svg in all_charts(texts)]
    return PAGE.format(lang=texts["lang"], body="\n".join(parts))


def main() -> None:
    from weasyprint import HTML

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "output/chart-gallery")
    out.mkdir(parents=True, exist_ok=True)
    for texts in (EN, ZH):
        name = "charts-" + texts["lang"]
        html = page(texts)
        (out / f"{name}.html").write_text(html, encoding="utf-8")
        HTML(string=html).write_pdf(out / f"{name}.pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", out / f"{name}.pdf", out / name], check=True
        )
        print(out / name)


if __name__ == "__main__":
    main()
