"""The plain-text reader on big inputs: ours beside jusText, side by side in one run.

    .venv/bin/python bench/text_bench.py [--sizes 1,5] [--runs 3] [--justext-max-mb 1]

Two inputs of each size: *pages*, the seeds and the dev pages (tests/ingest/dev) glued together,
with a counter in every line so that repeats are not all exact duplicates and every tenth copy
verbatim so that some are (the classifier finds one article's body and drops the rest as
chrome); and *article*, one page whose body is the seeds' paragraphs over and over, with
headings between them.  jusText gets the same lines, one ``<p>`` each (it slows down faster
than linearly, so it is skipped above ``--justext-max-mb``).  Each figure is the median of
``--runs`` runs, each cold (the phrase rules' cache cleared); seconds per MB stay flat when the work is linear.  The HTML reader has its own
bench beside trafilatura (bench/html_bench.py).  Timings are printed, never asserted.
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

from pipeline.clean_phrases import line_verdict  # noqa: E402
from pipeline.model import SourceMeta  # noqa: E402
from pipeline.readers.text import ingest_text  # noqa: E402


def big_text(megabytes: float) -> str:
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pages += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "ingest" / "dev").glob("*.txt"))]
    parts: list[str] = []
    size, copy = 0, 0
    while size < megabytes * 1_000_000:
        page = pages[copy % len(pages)]
        if copy % 10:
            page = "\n".join(f"{line} {copy}" if line.strip() else line for line in page.split("\n"))
        parts.append(page)
        size += len(page.encode("utf-8"))
        copy += 1
    return "\n\n".join(parts)


def long_article(megabytes: float) -> str:
    paragraphs = [
        line.strip()
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for line in p.read_text(encoding="utf-8").split("\n")
        if len(line.strip()) > 200
    ]
    parts = ["Skip to main content", "Home", "", "A Very Long Report on Belarus", "", "By Someone Writing", ""]
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        paragraph = f"({n}) {paragraphs[n % len(paragraphs)]}"
        parts += [paragraph, ""] + ([f"Part {n // 10} of the Report", ""] if n % 10 == 9 else [])
        size += len(paragraph.encode("utf-8")) + 2
        n += 1
    return "\n".join(parts + ["Share this article", "© 2026 Someone. All rights reserved", ""])


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        line_verdict.cache_clear()  # every run starts cold: the phrase rules' cache would serve repeats
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,5", help="input sizes in MB, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--justext-max-mb", type=float, default=1.0, help="skip jusText above this size")
    args = ap.parse_args(argv)
    meta = SourceMeta(slug="big", file="big.txt")
    try:
        import justext

        stoplist: frozenset[str] | None = justext.get_stoplist("English")
    except ImportError:
        stoplist = None
    print(f"{'input':<8} {'tool':<8} {'MB':>6} {'median s':>10} {'s per MB':>9}  {'ours ÷ jusText':>14}")
    for mb in (float(s) for s in args.sizes.split(",")):
        for name, text in (("pages", big_text(mb)), ("article", long_article(mb))):
            size = len(text.encode("utf-8")) / 1e6
            ours = median(lambda: ingest_text(text, "big.txt", meta), args.runs)
            print(f"{name:<8} {'ours':<8} {size:>6.2f} {ours:>10.3f} {ours / size:>9.3f}")
            if stoplist is not None and mb <= args.justext_max_mb:
                page = ("<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n")) + "</body></html>").encode()
                peer = median(lambda: justext.justext(page, stoplist), args.runs)
                print(f"{name:<8} {'jusText':<8} {size:>6.2f} {peer:>10.3f} {peer / size:>9.3f}  {ours / peer:>14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
