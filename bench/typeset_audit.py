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
* ``page_turn_hyphens``: a page whose last body line ends in a hyphen;
* ``short_pages``: an article page, not the last of its article, ending more than 1.5
  leadings above the other pages' lowest last body line, where no heading, kept ending or
  widows/orphans rule explains the hole (:func:`short_pages`).

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
import re
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
    widows: int = 0
    orphans: int = 0
    display_one_word_last_lines: int = 0
    lone_leaders: int = 0
    short_lines: int = 0
    short_pages: int = 0
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
            ops: Any = pikepdf.parse_content_stream(page)  # (operands, operator) pairs
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


def outline_pages(pdf: Path) -> list[int]:
    """The pages of the outline's top-level bookmarks: the contents, each article, the colophon."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    return [n + 1 for n in (reader.get_destination_page_number(item) for item in top) if n is not None]


def article_pages(pdf: Path) -> range | None:
    """The pages of the articles: from the first article's bookmark to the colophon's (excluded)."""
    return _articles(outline_pages(pdf))


def _articles(outline: Sequence[int]) -> range | None:
    """The article pages of a pack whose top-level bookmarks start on ``outline``."""
    return range(outline[1], outline[-1]) if len(outline) >= 3 else None


def short_pages(
    lines: Sequence[Line], body: Sequence[Line], last_pages: set[int], examples: list[str], *, rule_lines: int = 3
) -> int:
    """Pages of ``body`` ending with a hole at the foot that the CSS rules do not explain.

    A page's hole is how far its last body line ends above the lowest last body line of the
    other pages, in leadings; ``last_pages`` (each article's last) have none.  A hole of more
    than 1.5 leadings is explained when the next page opens with a heading (a heading keeps
    its first lines with it), when the next page is the article's last and holds at most two
    paragraphs (the shipped CSS keeps an article's last blocks together), or when it is less
    than ``rule_lines`` leadings (``orphans`` and ``widows``, 3 in the shipped CSS, move up to
    two lines); any other is a short page: a paragraph moved whole although ``orphans`` lines
    of it fitted, as the page-turn rule of pipeline/pdf.py once did to avoid a hyphen.
    """
    pitch = _pitch(body)
    by_page: dict[int, list[Line]] = {}
    for line in body:
        by_page.setdefault(line.page, []).append(line)
    ends = {page: max(line.y_max for line in here) for page, here in by_page.items() if page not in last_pages}
    height = Counter(round(line.height * 2) / 2 for line in body).most_common(1)[0][0] if body else 0.0
    count = 0
    for page, end in sorted(ends.items()):
        others = [other for number, other in ends.items() if number != page]
        hole = (max(others) - end) / pitch if others else 0.0
        after = by_page.get(page + 1)
        if hole <= 1.5 or not after:
            continue
        heading = any(line.page == page + 1 and line.height > height + 1.0 and line.y_min < after[0].y_min for line in lines)
        breaks = sum(1 for a, b in zip(after, after[1:]) if b.y_min - a.y_min > 1.15 * pitch)
        if heading or (page + 1 in last_pages and breaks <= 1) or hole < rule_lines:
            continue
        count += 1
        examples.append(f"p{page}: page ends {hole:.1f} lines short after {by_page[page][-1].text[-30:]!r}")
    return count


def _pitch(body: Sequence[Line]) -> float:
    """The leading: the most common step between consecutive body lines on a page."""
    steps = Counter(
        round(b.y_min - a.y_min, 1) for a, b in zip(body, body[1:]) if a.page == b.page and b.y_min > a.y_min
    )
    return steps.most_common(1)[0][0] if steps else 1.0


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
    pitch = _pitch(body)
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
    widows, orphans = _widows_and_orphans(body, pitch, examples)
    # A line inside a paragraph (the next line follows at the leading) holding less than half
    # the median line: a break gone wrong (ragged right is ragged, not this ragged).
    median = chars[len(chars) // 2]
    short = 0
    for line, nxt in zip(body, body[1:]):
        if (
            nxt.page == line.page
            and abs((nxt.y_min - line.y_min) - pitch) < 0.1 * pitch
            and len(line.text) < 0.5 * median
        ):
            short += 1
            examples.append(f"p{line.page}: short line {line.text!r}")
    return Audit(
        name,
        len(body),
        p90,
        round(sum(hyphenated) / len(body), 3),
        fragments,
        one_word,
        runs,
        turns,
        widows,
        orphans,
        short_lines=short,
        examples=tuple(examples),
    )


_ENDS_PARAGRAPH = tuple(".!?:;…\"”»“)")


def _widows_and_orphans(body: Sequence[Line], pitch: float, examples: list[str]) -> tuple[int, int]:
    """Paragraphs cut by a page turn that leave one line alone on either page.

    A paragraph goes on over the turn when the page's last body line ends in a hyphen or
    without closing punctuation, or the next page's first body line starts in lower case.
    Its lines on each page are the lines at the leading's pitch from the turn.
    """
    by_page: dict[int, list[Line]] = {}
    for line in body:
        by_page.setdefault(line.page, []).append(line)
    widows = orphans = 0
    pages = sorted(by_page)
    for page, nxt in zip(pages, pages[1:]):
        if nxt != page + 1:
            continue
        here, there = by_page[page], by_page[nxt]
        last, first = here[-1], there[0]
        word = last.words[-1]
        goes_on = word.endswith(HYPHENS) or not word.endswith(_ENDS_PARAGRAPH) or first.words[0][:1].islower()
        if not goes_on:
            continue
        above = 1
        while above < len(here) and abs((here[-above].y_min - here[-above - 1].y_min) - pitch) < 0.1 * pitch:
            above += 1
        below = 1
        while below < len(there) and abs((there[below].y_min - there[below - 1].y_min) - pitch) < 0.1 * pitch:
            below += 1
        if above == 1:
            orphans += 1
            examples.append(f"p{page}: orphan {last.text!r}")
        if below == 1:
            widows += 1
            examples.append(f"p{nxt}: widow {first.text!r}")
    return widows, orphans


def display_last_lines(lines: Sequence[Line], body_height: float, examples: list[str]) -> int:
    """Titles, subtitles and headings (lines taller than the body's) ending on one word.

    A display block is a run of lines of one height on a page, each within 1.6 line heights
    of the one before.
    """
    count = 0
    display = [line for line in lines if line.height > body_height + 1.0]
    block: list[Line] = []

    def close() -> None:
        nonlocal count
        if len(block) >= 2 and len(block[-1].words) == 1:
            count += 1
            examples.append(f"p{block[-1].page}: display last line {block[-1].text!r}")
        block.clear()

    for line in display:
        prev = block[-1] if block else None
        if prev is not None and not (
            prev.page == line.page
            and abs(prev.height - line.height) <= 0.6
            and 0 < line.y_min - prev.y_min <= 1.6 * prev.height
        ):
            close()
        block.append(line)
    close()
    return count


_LEADER_WORD = re.compile(r"^[.\u2024\u2026·]+$|^\d+$")


def lone_leaders(lines: Sequence[Line], page: int, examples: list[str]) -> int:
    """Lines of the contents page holding only leader dots and a page number.

    Words on one baseline count as one line (poppler may cut a line at a wide gap, such as
    the one before a page number set in the entry's right margin).
    """
    rows: dict[int, list[Line]] = {}
    for line in lines:
        if line.page == page:
            rows.setdefault(round(line.y_max), []).append(line)
    count = 0
    for row in rows.values():
        words = [w for line in sorted(row, key=lambda line: line.x_min) for w in line.words]
        if words and words[-1].isdigit() and all(_LEADER_WORD.match(w) for w in words):
            count += 1
            examples.append(f"p{page}: leader alone {' '.join(words)!r}")
    return count


def contents_page(pdf: Path) -> int | None:
    """The page of the first bookmark (the contents)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    if not top:
        return None
    number = reader.get_destination_page_number(top[0])
    return None if number is None else number + 1


def audit_pdf(pdf: Path) -> Audit:
    """Audit the article pages of one built pack, and its display type and contents."""
    lines = read_lines(pdf)
    outline = outline_pages(pdf)  # read once: the article pages, and where each article starts
    body = body_lines(lines, _articles(outline))
    audit = audit_lines(f"{pdf.parent.name}/{pdf.name}", body)
    if not body:
        return audit
    examples = list(audit.examples)
    height = Counter(round(line.height * 2) / 2 for line in body).most_common(1)[0][0]
    display = display_last_lines(lines, height, examples)
    toc = contents_page(pdf)
    leaders = lone_leaders(lines, toc, examples) if toc else 0
    starts = outline[1:]  # each article's first page, then the colophon's
    short = short_pages(lines, body, {start - 1 for start in starts[1:]}, examples)
    return dataclasses.replace(
        audit,
        display_one_word_last_lines=display,
        lone_leaders=leaders,
        short_pages=short,
        examples=tuple(examples),
    )


# --- The tag tree ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TagAudit:
    """What a screen reader gets from one PDF's structure tree (``tag_tree_audit``)."""

    name: str
    articles: int  # Art elements
    article_bookmarks: int  # top-level bookmarks between the contents and the colophon
    unowned_content: int  # marked content no element of the tree owns, or text outside any
    split_paragraphs: int  # a P ending mid-sentence on one page, its next sibling P going on
    bad_lists: int  # L kids other than LI/L/Caption; LI kids other than one Lbl and one LBody
    nested_links: int
    undescribed_links: int  # no /Alt, an /Alt or /Contents that is a destination, or a wrong page
    hyphens_without_actual_text: int  # spans printed with an inserted hyphen and no /ActualText
    redundant_lang: int  # /Lang equal to the language the element inherits
    foreign_lang: int  # elements with a /Lang of their own
    page_mode: str
    findings: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.findings and self.articles == self.article_bookmarks and self.page_mode == "/UseOutlines"


def _marked_text(pdf: Path) -> tuple[dict[tuple[int, int], str], list[str]]:
    """Printed text of each (page, MCID), and text found outside any marked content."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    texts: dict[tuple[int, int], str] = {}
    loose: list[str] = []
    for index, page in enumerate(reader.pages):
        stack: list[object] = []

        def before(op: bytes, args: list[object], cm: object, tm: object, stack: list[object] = stack) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, dict) else None
                stack.append("artifact" if args and args[0] == "/Artifact" else mcid)
            elif op == b"BMC":
                stack.append("artifact" if args and args[0] == "/Artifact" else None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t: str, cm: object, tm: object, font: object, size: object, stack: list[object] = stack, index: int = index) -> None:
            if not t.strip():
                return
            where = stack[-1] if stack else None
            if isinstance(where, int):
                texts[(index, int(where))] = texts.get((index, int(where)), "") + t
            elif where != "artifact":
                loose.append(f"p{index + 1}: {t.strip()[:40]!r}")

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts, loose


def tag_tree_audit(pdf: Path) -> TagAudit:
    """Walk the structure tree of ``pdf`` with pikepdf and count what is wrong with it."""
    import pikepdf
    from pypdf import PdfReader

    texts, loose = _marked_text(pdf)
    findings: list[str] = list(f"text outside marked content: {t}" for t in loose)
    reader = PdfReader(str(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    bookmarks = max(0, len(top) - 2)
    with pikepdf.open(pdf) as doc:
        page_of = {p.obj.objgen: i for i, p in enumerate(doc.pages)}
        root = doc.Root.StructTreeRoot
        lang = str(doc.Root.get("/Lang", ""))
        page_mode = str(doc.Root.get("/PageMode", ""))
        names = doc.Root.get("/Names")
        dests: dict[str, int] = {}
        if names is not None and "/Dests" in names:
            for name, dest in pikepdf.NameTree(names.Dests).items():
                dest = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest  # type: ignore[assignment]
                if isinstance(dest, pikepdf.Array) and len(dest):
                    dests[str(name)] = page_of.get(dest[0].objgen, -2) + 1

        def kids(node: pikepdf.Object) -> list[pikepdf.Object]:
            k = node.get("/K")
            return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]

        def is_elem(node: object) -> bool:
            return isinstance(node, pikepdf.Dictionary) and "/S" in node

        def content(node: pikepdf.Object) -> list[tuple[int, int]]:
            """(page, MCID) of everything under ``node``, in order."""
            out: list[tuple[int, int]] = []
            pg = node.get("/Pg")
            for kid in kids(node):
                if isinstance(kid, int):
                    if pg is not None:
                        out.append((page_of.get(pg.objgen, -1), int(kid)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    out.append((page_of.get(kid.Pg.objgen, -1), int(kid.MCID)))
                elif is_elem(kid):
                    out += content(kid)
            return out

        def text_of(node: pikepdf.Object) -> str:
            return "".join(texts.get(where, "") for where in content(node))

        elems: list[tuple[pikepdf.Object, str]] = []
        stack = [(k, lang) for k in reversed(kids(root)) if is_elem(k)]
        while stack:
            node, inherited = stack.pop()
            elems.append((node, inherited))
            own = node.get("/Lang")
            here = str(own) if own is not None else inherited
            stack.extend((k, here) for k in reversed(kids(node)) if is_elem(k))
        reachable = {node.objgen for node, _ in elems}

        # Ownership: every MCID in the content has a reachable owner in the parent tree.
        nums = root.ParentTree.get("/Nums", pikepdf.Array())
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
        owned = {(p, m) for node, _ in elems for (p, m) in content(node)}
        unowned = 0
        for (page, mcid) in texts:
            key = doc.pages[page].obj.get("/StructParents")
            entry = parent_tree.get(int(key)) if key is not None else None
            owner = entry[mcid] if isinstance(entry, pikepdf.Array) and mcid < len(entry) else None
            if not isinstance(owner, pikepdf.Dictionary) or owner.objgen not in reachable or (page, mcid) not in owned:
                unowned += 1
                findings.append(f"p{page + 1}: content outside the tree: {texts[(page, mcid)].strip()[:40]!r}")
        unowned += len(loose)

        articles = split = bad_lists = nested = undescribed = hyphens = redundant = foreign = 0
        for node, inherited in elems:
            tag = str(node.S)
            own = node.get("/Lang")
            if own is not None:
                if str(own).lower() == inherited.lower():
                    redundant += 1
                else:
                    foreign += 1
            if tag == "/Art":
                articles += 1
            if tag == "/L":
                for kid in kids(node):
                    if not is_elem(kid) or str(kid.S) not in ("/LI", "/L", "/Caption"):
                        bad_lists += 1
                        findings.append(f"L kid {kid.get('/S') if is_elem(kid) else 'content'}")
            if tag == "/LI":
                shape = [str(k.S) if is_elem(k) else "content" for k in kids(node)]
                if shape not in (["/LBody"], ["/Lbl", "/LBody"]):
                    bad_lists += 1
                    findings.append(f"LI {shape}: {text_of(node).strip()[:40]!r}")
            if tag == "/Link":
                inner = [k for k in kids(node) if is_elem(k)]
                sub = [n for k in inner for n in _descendants(k, kids, is_elem)]
                if any(str(n.S) == "/Link" for n in inner + sub):  # type: ignore[attr-defined]
                    nested += 1
                    findings.append(f"nested Link: {text_of(node).strip()[:40]!r}")
                objrs = [k for k in kids(node) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                alt = str(node.get("/Alt", ""))
                visible = " ".join(text_of(node).split())
                wrong = not alt or alt in dests or not objrs
                for objr in objrs:
                    contents = str(objr.Obj.get("/Contents", ""))
                    dest = objr.Obj.get("/Dest")  # type: ignore[assignment]
                    if contents != alt or contents in dests:
                        wrong = True
                    if dest is not None and str(dest) in dests:
                        shown = re.search(r"(\d+)$", visible)
                        if shown is None or str(dests[str(dest)]) != shown.group(1) or not alt.rstrip().endswith(shown.group(1)):
                            wrong = True
                if wrong:
                    undescribed += 1
                    findings.append(f"Link described as {alt!r}: {visible[:50]!r}")
            # Inserted hyphens: a marked span printed ending in U+2010 carries ActualText without it.
            direct = [k for k in kids(node) if not is_elem(k)]
            if direct and tag != "/Link":
                printed = text_of(node).rstrip()
                if printed.endswith("\u2010"):
                    actual = node.get("/ActualText")
                    if actual is None or str(actual).rstrip() != printed[:-1].strip() and not printed.strip().startswith(str(actual).strip()):
                        hyphens += 1
                        findings.append(f"hyphen without ActualText: {printed.strip()[-30:]!r}")
        # A paragraph cut by a page turn: in reading order, a P ending mid-sentence on one page
        # and the next P going on in lower case on the next page.
        paragraphs = [(node, content(node)) for node, _ in elems if str(node.S) == "/P"]
        for (node, mine), (nxt, theirs) in zip(paragraphs, paragraphs[1:]):
            if not mine or not theirs or theirs[0][0] != mine[-1][0] + 1:
                continue
            body = text_of(node).rstrip()
            following = text_of(nxt).lstrip()
            if body and (body.endswith(HYPHENS) or not body.endswith(_ENDS_PARAGRAPH)) and following[:1].islower():
                split += 1
                findings.append(f"p{mine[-1][0] + 1}: paragraph cut in two: {body[-30:]!r} | {following[:30]!r}")
    return TagAudit(
        f"{pdf.parent.name}/{pdf.name}",
        articles,
        bookmarks,
        unowned,
        split,
        bad_lists,
        nested,
        undescribed,
        hyphens,
        redundant,
        foreign,
        page_mode,
        tuple(findings),
    )


def _descendants(node: object, kids: object, is_elem: object) -> list[object]:
    out: list[object] = []
    stack = [node]
    while stack:
        current = stack.pop()
        for kid in kids(current):  # type: ignore[operator]
            if is_elem(kid):  # type: ignore[operator]
                out.append(kid)
                stack.append(kid)
    return out


def format_tag_table(audits: Sequence[TagAudit]) -> str:
    head = ("pdf", "Art/articles", "unowned", "split P", "bad lists", "nested links", "undescribed links",
            "hyphens w/o ActualText", "redundant Lang", "own Lang", "PageMode")
    rows = [head] + [
        (a.name, f"{a.articles}/{a.article_bookmarks}", str(a.unowned_content), str(a.split_paragraphs),
         str(a.bad_lists), str(a.nested_links), str(a.undescribed_links), str(a.hyphens_without_actual_text),
         str(a.redundant_lang), str(a.foreign_lang), a.page_mode or "-")
        for a in audits
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)


def format_table(audits: Sequence[Audit]) -> str:
    head = (
        "pdf", "lines", "p90 chars", "hyphen %", "≤2 letters", "1-word last", "3+ runs", "page turns",
        "widows", "orphans", "display 1-word", "lone leaders", "short lines", "short pages",
    )
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
            str(a.widows),
            str(a.orphans),
            str(a.display_one_word_last_lines),
            str(a.lone_leaders),
            str(a.short_lines),
            str(a.short_pages),
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
    tags = [tag_tree_audit(p) for p in pdfs]
    if args.json:
        print(json.dumps([dataclasses.asdict(a) for a in audits + tags], ensure_ascii=False, indent=2))
    else:
        print(format_table(audits))
        print()
        print(format_tag_table(tags))
        if args.examples:
            for t in tags:
                for finding in t.findings:
                    print(f"{t.name}: {finding}")
        if args.examples:
            for a in audits:
                for example in a.examples:
                    print(f"{a.name}: {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
