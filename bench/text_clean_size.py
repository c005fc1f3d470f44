"""How plain-text ingest time grows with the size of the input (a report, never an assertion).

Usage: ``python -m bench.text_clean_size [MEGABYTES...]`` (default 1 and 5).  Two inputs of
each size: *pages*, the seeds and the dev pages glued together, with a counter in every line so
that repeats are not all exact duplicates and every tenth copy verbatim so that some are (the
classifier finds one article's body in it and drops the rest as chrome); and *article*, one
page whose body is the seeds' paragraphs over and over, with headings between them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pipeline.model import SourceMeta
from pipeline.readers.text import ingest_text

ROOT = Path(__file__).resolve().parent.parent


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


def main(argv: list[str] | None = None) -> int:
    sizes = [float(a) for a in (argv if argv is not None else sys.argv[1:])] or [1.0, 5.0]
    for mb in sizes:
        for name, text in (("pages", big_text(mb)), ("article", long_article(mb))):
            started = time.perf_counter()
            doc = ingest_text(text, "big.txt", SourceMeta(slug="big", file="big.txt"))
            elapsed = time.perf_counter() - started
            print(
                f"{name:>7} {len(text.encode('utf-8')) / 1e6:5.1f} MB, {doc.line_count} lines: {elapsed:6.2f} s "
                f"({len(doc.blocks)} blocks, {len(doc.removals)} removals)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
