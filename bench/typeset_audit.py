"""Typesetting audit of built PDF packs, from the PDFs alone.

    .venv/bin/python bench/typeset_audit.py [dist/en/pack.pdf ...] [--json]

Without arguments it audits every ``dist/<lang>/*.pdf``.  For each PDF it reads the words and
their boxes with poppler's ``pdftotext -bbox-layout`` and measures the body text of the
article pages (the pages from the first article's bookmark to the colophon's, found in the
PDF outline):

* ``p90_chars``: the 90th percentile of characters per body line (the measure);
* ``hyphen_share``: the share of body lines that end in a hyphen (automatic or typed);
* ``short_fragments``: hyphen breaks leaving at most 2 letters on either side (``Russi-an``);
* ``one_word_last_lines``: last lines of paragraphs holding a single word;
* ``hyphen_runs``: runs of 3 or more consecutive hyphenated lines (ladders);
* ``page_turn_hyphens``: a page whose last body line ends in a hyphen.

Body lines are the lines of the most common line height on those pages (headings, captions,
running heads and footers have other sizes).  A paragraph's last line is told by geometry: the
next line on its page is further down than the leading (the paragraph spacing), whether
the text is justified or ragged.

The functions are importable (``audit_pdf``, ``audit_lines``); the tests use them on the
shipped packs and on fixtures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HYPHENS = ("-", "\u2010", "\u00ad")
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclasses.dataclass(frozen=True)
class Line:
    """One line of text on a page: its words and box (points, origin top left)."""

    page: int
    words: tuple[str, ...]
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


@dataclasses.dataclass(frozen=True)
class Audit:
    """The figures of one PDF (see the module docstring)."""

    name: str
    body_lines: int
    p90_chars: int
    hyphen_share: float
    short_fragments: int
    one_word_last_lines: int
    hyphen_runs: int
    page_turn_hyphens: int
    examples: tuple[str, ...] = ()


def visual_copy(pdf: Path, dest: Path) -> Path:
    """A copy of ``pdf`` without marked-content ``/ActualText``: the text as printed.

    The packs give each span ending in an inserted hyphen an ``/ActualText`` without it (so
    copy, search and screen readers get whole words), and poppler honours it; the audit
    measures the lines as a reader sees them on the page, hyphens included.
    """
    import pikepdf

    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            ops = pikepdf.parse_content_stream(page)
            changed = False
            for operands, operator in ops:
                if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
                    if "/ActualText" in operands[1]:
                        del operands[1]["/ActualText"]
                        changed = True
            if changed:
                page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        doc.save(dest)
    return dest


def pdftotext(pdf: Path, *args: str) -> bytes:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True).stdout


def read_lines(pdf: Path, *, visual: bool = True) -> list[Line]:
    """Every line of ``pdf`` with its words, via ``pdftotext -bbox-layout``.

    ``visual``: as printed (inserted hyphens included, see :func:`visual_copy`); otherwise as
    a text extractor reads it.
    """
    if visual:
        with tempfile.TemporaryDirectory() as tmp:
            out = pdftotext(visual_copy(pdf, Path(tmp) / "visual.pdf"), "-bbox-layout")
    else:
        out = pdftotext(pdf, "-bbox-layout")
    root = ET.fromstring(out)
    lines: list[Line] = []
    for number, page in enumerate(root.iter(_NS + "page"), 1):
        for line in page.iter(_NS + "line"):
            words = tuple(w.text or "" for w in line.iter(_NS + "word"))
            if not words:
                continue
            lines.append(
                Line(
                    number,
                    words,
                    float(line.get("xMin", 0)),
                    float(line.get("xMax", 0)),
                    float(line.get("yMin", 0)),
                    float(line.get("yMax", 0)),
                )
            )
    return lines


def article_pages(pdf: Path) -> range | None:
    """The pages of the articles: from the first article's bookmark to the colophon's (excluded).

    The outline's top level is the contents, each article, then the colophon.
    """
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    pages = [n + 1 for n in (reader.get_destination_page_number(item) for item in top) if n is not None]
    if len(pages) < 3:
        return None
    return range(pages[1], pages[-1])


def _letters_before_hyphen(word: str) -> str:
    stem = word.rstrip("".join(HYPHENS))
    run = ""
    for ch in reversed(stem):
        if not ch.isalpha():
            break
        run = ch + run
    return run


def _letters_at_start(word: str) -> str:
    run = ""
    for ch in word:
        if not ch.isalpha():
            break
        run += ch
    return run


def body_lines(lines: Sequence[Line], pages: range | None = None) -> list[Line]:
    """The lines of the most common height (rounded to 0.5 pt) on ``pages``."""
    chosen = [line for line in lines if pages is None or line.page in pages]
    if not chosen:
        return []
    heights = Counter(round(line.height * 2) / 2 for line in chosen)
    body = heights.most_common(1)[0][0]
    return [line for line in chosen if abs(line.height - body) <= 0.6]


def audit_lines(name: str, body: Sequence[Line]) -> Audit:
    """The figures for ``body``, the body lines in reading order."""
    if not body:
        return Audit(name, 0, 0, 0.0, 0, 0, 0, 0)
    steps = Counter(
        round(b.y_min - a.y_min, 1) for a, b in zip(body, body[1:]) if a.page == b.page and b.y_min > a.y_min
    )
    pitch = steps.most_common(1)[0][0] if steps else 1.0
    chars = sorted(len(line.text) for line in body)
    p90 = chars[min(len(chars) - 1, int(0.9 * len(chars)))]
    hyphenated = [line.words[-1].endswith(HYPHENS) and len(line.words[-1]) > 1 for line in body]
    fragments = 0
    examples: list[str] = []
    runs = 0
    run = 0
    turns = 0
    one_word = 0
    for i, line in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        if hyphenated[i]:
            run += 1
            if run == 3:
                runs += 1
            before = _letters_before_hyphen(line.words[-1])
            after = _letters_at_start(nxt.words[0]) if nxt else ""
            if (before and len(before) <= 2) or (after and len(after) <= 2):
                fragments += 1
                examples.append(f"p{line.page}: {before}‐{after}")
            if nxt is not None and nxt.page != line.page:
                turns += 1
        else:
            run = 0
        # A paragraph's last line is followed, on its page, by a wider gap than the leading
        # (the paragraph spacing); a one-line paragraph (same gap above) is not a widow.
        prev = body[i - 1] if i else None
        if (
            len(line.words) == 1
            and nxt is not None
            and prev is not None
            and nxt.page == line.page == prev.page
            and nxt.y_min - line.y_min > 1.15 * pitch
            and abs((line.y_min - prev.y_min) - pitch) < 0.1 * pitch
        ):
            one_word += 1
            examples.append(f"p{line.page}: last line {line.text!r}")
    return Audit(
        name,
        len(body),
        p90,
        round(sum(hyphenated) / len(body), 3),
        fragments,
        one_word,
        runs,
        turns,
        tuple(examples),
    )


def audit_pdf(pdf: Path) -> Audit:
    """Audit the article pages of one built pack."""
    lines = read_lines(pdf)
    return audit_lines(f"{pdf.parent.name}/{pdf.name}", body_lines(lines, article_pages(pdf)))


def format_table(audits: Sequence[Audit]) -> str:
    head = ("pdf", "lines", "p90 chars", "hyphen %", "≤2 letters", "1-word last", "3+ runs", "page turns")
    rows = [head] + [
        (
            a.name,
            str(a.body_lines),
            str(a.p90_chars),
            f"{100 * a.hyphen_share:.1f}",
            str(a.short_fragments),
            str(a.one_word_last_lines),
            str(a.hyphen_runs),
            str(a.page_turn_hyphens),
        )
        for a in audits
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--examples", action="store_true", help="list the fragments and one-word lines")
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted((ROOT / "dist").glob("*/*.pdf"))
    audits = [audit_pdf(p) for p in pdfs]
    if args.json:
        print(json.dumps([dataclasses.asdict(a) for a in audits], ensure_ascii=False, indent=2))
    else:
        print(format_table(audits))
        if args.examples:
            for a in audits:
                for example in a.examples:
                    print(f"{a.name}: {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
