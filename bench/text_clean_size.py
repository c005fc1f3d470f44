"""How plain-text ingest time grows with the size of the input (a report, never an assertion).

Usage: ``python -m bench.text_clean_size [MEGABYTES...]`` (default 1 and 5).  The input is the
seeds and the dev pages repeated, with a counter in every line so that repeats are not all
exact duplicates, and every tenth copy verbatim so that some are.
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


def main(argv: list[str] | None = None) -> int:
    sizes = [float(a) for a in (argv if argv is not None else sys.argv[1:])] or [1.0, 5.0]
    for mb in sizes:
        text = big_text(mb)
        started = time.perf_counter()
        doc = ingest_text(text, "big.txt", SourceMeta(slug="big", file="big.txt"))
        elapsed = time.perf_counter() - started
        print(f"{len(text.encode('utf-8')) / 1e6:5.1f} MB, {doc.line_count} lines: {elapsed:6.2f} s ({len(doc.blocks)} blocks, {len(doc.removals)} removals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
