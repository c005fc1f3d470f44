"""The HTML reader on big pages: our reader against trafilatura alone, side by side.

    .venv/bin/python bench/html_bench.py [--mb 5] [--runs 3]

A page is built from the fixture tests/html/semantic-article.html: its article body repeated
(each copy's paragraphs made distinct by a counter) between the page's header, navigation,
sidebar and footer, with a sidebar box of teasers every ten paragraphs, up to about ``--mb``
megabytes.  For each size (1/100, 1/10 and all of it) it prints the time of
``HtmlReader.read`` (decode, parse, trafilatura, mapping back, audit) and of
``trafilatura.bare_extraction`` on the same bytes (the peer's share of our time), so the
scaling is visible: linear input should give linear time.  Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from pipeline.model import SourceMeta  # noqa: E402
from pipeline.readers.html import READER  # noqa: E402

FIXTURE = ROOT / "tests" / "html" / "semantic-article.html"


def build_page(size: int) -> bytes:
    page = FIXTURE.read_text(encoding="utf-8")
    start, end = page.index("<h2>A closed trial</h2>"), page.index('<div class="share-buttons">')
    body = page[start:end]
    chunks: list[str] = []
    total, n = 0, 0
    while total < size:
        n += 1
        chunk = re.sub(r"<p>", f"<p>Part {n}: ", body)
        if n % 10 == 0:
            chunk += f'<aside class="related"><h3>More stories {n}</h3><ul><li><a href="/{n}">Teaser {n}</a></li></ul></aside>\n'
        chunks.append(chunk)
        total += len(chunk.encode("utf-8"))
    return (page[:end] + "".join(chunks) + page[end:]).encode("utf-8")


def build_heavy_page(size: int) -> bytes:
    """The usual shape of a big saved page: one article, and megabytes of inline script state,
    styles and SVG icons around it."""
    page = FIXTURE.read_text(encoding="utf-8")
    filler = []
    total, n = 0, 0
    while total < size:
        n += 1
        chunk = (
            f'<script>window.__STATE_{n}__ = {{"items": [{", ".join(str(i * n) for i in range(200))}], "html": "<p>teaser {n}</p>"}};</script>\n'
            f'<style>.c{n} {{ color: #{n % 4096:03x}; margin: {n % 17}px; }}</style>\n'
            f'<svg class="icon"><path d="M{n} 0 L{n + 10} 10 Z"/></svg>\n'
        )
        filler.append(chunk)
        total += len(chunk)
    end = page.index("</body>")
    return (page[:end] + "".join(filler) + page[end:]).encode("utf-8")


def timed(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    meta = SourceMeta(slug="big", file="big.html")
    full = int(args.mb * 1_000_000)
    print(f"{'bytes':>10} {'lines':>8} {'blocks':>7} {'removals':>8} {'reader s':>9} {'trafilatura s':>14} {'MB/s':>6}")
    for label, build in (("article repeated", build_page), ("one article in inline scripts", build_heavy_page)):
        print(label)
        run(build, full, meta, args.runs)
    return 0


def run(build: object, full: int, meta: SourceMeta, runs: int) -> None:
    for size in (full // 100, full // 10, full):
        data = build(size)  # type: ignore[operator]
        doc = READER.read(data, "big.html", meta)
        ours = timed(lambda: READER.read(data, "big.html", meta), runs)
        peer = timed(lambda: trafilatura.bare_extraction(data, include_comments=False, include_images=True), runs)
        print(f"{len(data):>10} {doc.line_count:>8} {len(doc.blocks):>7} {len(doc.removals):>8} {ours:>9.2f} {peer:>14.2f} {len(data) / 1e6 / ours:>6.2f}")


if __name__ == "__main__":
    sys.exit(main())
