"""Ingest time against input size: ours beside jusText (text) and trafilatura (HTML), one run.

    .venv/bin/python bench/ingest_scale.py [--sizes 0.1,1,5] [--runs 3]

The input is a synthetic saved page: a repeated block of article paragraphs, headings, list
items and page furniture (menus, related links, share buttons, a footer), made distinct per
copy so that duplicate detection cannot skip the work.  Each figure is the median of
``--runs`` runs; the last column is seconds per MB, which stays flat when the work is linear.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.model import SourceMeta  # noqa: E402
from pipeline.readers import reader_named  # noqa: E402

_PARAS = (
    "Officials in Minsk said on Tuesday that the border crossing near Brest would stay closed for {n} more days, "
    "leaving hundreds of lorries stranded in queues that stretched for kilometres.",
    "\u201cWe have been waiting since Friday,\u201d said one driver, who gave only his first name, Andrei. "
    "He said the drivers had no water and no information.",
    "Economists say the closures cost the Belarusian economy about {n} million dollars a week, "
    "a figure the government disputes.",
)
_CHROME = ("Home", "World", "Europe", "Share on Facebook", "Related stories", "Sign up for our newsletter", "Read more")


def text_page(mb: float) -> str:
    parts = ["Skip to content", "Menu", "", "Border Crossing Stays Closed", "", "By A. Reporter", ""]
    n = 0
    while sum(len(p) + 1 for p in parts) < mb * 1_000_000:
        n += 1
        parts += [f"Section {n}: The Queue at Brest", ""]
        parts += [x for p in _PARAS for x in (p.format(n=n), "")]
        parts += [f"• Point {n} of the list", f"{_CHROME[n % len(_CHROME)]} {n}", ""]
    parts += ["© 2026 Example Daily. All rights reserved.", ""]
    return "\n".join(parts)


def html_page(mb: float) -> str:
    body = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Border Crossing Stays Closed</title></head><body>',
            "<nav><ul>" + "".join(f"<li><a href='/{c}'>{c}</a></li>" for c in _CHROME) + "</ul></nav>",
            "<article><h1>Border Crossing Stays Closed</h1><p class='byline'>By A. Reporter</p>"]
    n = 0
    while sum(len(p) for p in body) < mb * 1_000_000:
        n += 1
        body.append(f"<h2>Section {n}: The Queue at Brest</h2>")
        body += [f"<p>{html.escape(p.format(n=n))}</p>\n" for p in _PARAS]
        body.append(f"<ul><li>Point {n} of the list</li></ul><aside><a href='/r{n}'>Related story {n}</a></aside>\n")
    body.append("</article><footer>© 2026 Example Daily. All rights reserved.</footer></body></html>")
    return "".join(body)


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.1,1,5", help="input sizes in MB, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--justext-max-mb", type=float, default=1.0, help="skip jusText above this size (it slows down faster than linearly)")
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    meta = SourceMeta(slug="big", file="big")
    rows: list[tuple[str, str, float, float]] = []
    for mb in sizes:
        text_data = text_page(mb).encode()
        html_data = html_page(mb).encode()
        text_reader, html_reader = reader_named("text"), reader_named("html")
        rows.append(("ours: text", f"{len(text_data) / 1e6:.2f}", median(lambda: text_reader.read(text_data, "big.txt", meta), args.runs), len(text_data) / 1e6))
        try:
            if mb > args.justext_max_mb:
                raise ImportError
            import justext

            stop = justext.get_stoplist("English")
            wrapped = ("<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text_data.decode().split("\n")) + "</body></html>").encode()
            rows.append(("jusText: text", f"{len(text_data) / 1e6:.2f}", median(lambda: justext.justext(wrapped, stop), args.runs), len(text_data) / 1e6))
        except ImportError:
            pass
        try:
            t = median(lambda: html_reader.read(html_data, "big.html", meta), args.runs)
            rows.append(("ours: html", f"{len(html_data) / 1e6:.2f}", t, len(html_data) / 1e6))
        except Exception as exc:  # a reader that cannot read the page: shown, not fatal
            print(f"ours: html at {mb} MB: {exc}", file=sys.stderr)
        try:
            import trafilatura

            page = html_data.decode()
            rows.append(("trafilatura: html", f"{len(html_data) / 1e6:.2f}", median(lambda: trafilatura.extract(page), args.runs), len(html_data) / 1e6))
        except ImportError:
            pass
    print(f"{'tool':<20} {'MB':>6} {'median s':>10} {'s per MB':>9}")
    for tool, size, seconds, mbytes in rows:
        print(f"{tool:<20} {size:>6} {seconds:>10.3f} {seconds / mbytes:>9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
