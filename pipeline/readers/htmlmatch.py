"""Mapping trafilatura's blocks back to the page: which text nodes each block is made of.

trafilatura returns its own XML of the main content, without the page's source lines.  Its
blocks are found again in the page's visible text (:class:`pipeline.readers.htmlpage.Page`),
long ones first as anchors, short ones only between their neighbours, so that every block knows
the text nodes, and so the source lines, it came from; what no block takes is left over for the
audit trail.  No trafilatura import here: only its output tree is read.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import lxml.etree as etree  # type: ignore[import-untyped]

from pipeline.model import BlockKind
from pipeline.readers.htmlpage import Page, compact, leftover, masked, norm

__all__ = ["HEADINGS", "TAG_KINDS", "Extracted", "Unit", "dropped_units", "extracted", "matched_units"]

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The block kind an element's own text has when trafilatura left it out.
TAG_KINDS = {"li": BlockKind.LIST_ITEM, "dd": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM, "blockquote": BlockKind.QUOTE,
              "figcaption": BlockKind.CAPTION, "address": BlockKind.BYLINE} | dict.fromkeys(HEADINGS, BlockKind.HEADING)

# ---------------------------------------------------------------------------------------
# trafilatura's blocks


@dataclass(frozen=True)
class Extracted:
    kind: BlockKind
    parts: tuple[str, ...]  # a table row has one part per cell; everything else one
    hint: int  # the source line trafilatura kept on the element, 0 if it lost it


def _own_text(el: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    chunks = [el.text or ""]
    for child in el:
        if child.tag not in skip:
            chunks.append(_own_text(child, skip))
        chunks.append(child.tail or "")
    return "".join(chunks)


# trafilatura's block elements: their text is never run together with the next one's.
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "lb", "code", "graphic"})


def _block_text(el: etree._Element) -> str:
    """An element's text with a line break between its block children: a table cell that
    holds a whole article ("...November 2026</p><p>Actors of...") must not read
    "2026Actors", a word that is nowhere on the page."""
    chunks = [el.text or ""]
    for child in el:
        if child.tag in _BLOCKS:
            chunks.append("\n")
        chunks.append(_block_text(child))
        chunks.append(child.tail or "")
    return "".join(chunks)


def extracted(body: etree._Element) -> list[Extracted]:
    out: list[Extracted] = []

    def visit(el: etree._Element, quote: bool) -> None:
        tag, hint = el.tag, el.sourceline or 0
        if tag == "list":
            for item in el.iterchildren("item"):
                text = _own_text(item, frozenset({"list"}))
                if text.strip():
                    out.append(Extracted(BlockKind.QUOTE if quote else BlockKind.LIST_ITEM, (text,), item.sourceline or 0))
                for sub in item.iterchildren("list"):
                    visit(sub, quote)
        elif tag == "quote" and any(c.tag in ("p", "list", "head", "quote") for c in el):
            if (el.text or "").strip():
                out.append(Extracted(BlockKind.QUOTE, (el.text or "",), hint))
            for child in el:
                visit(child, True)
                if (child.tail or "").strip():
                    out.append(Extracted(BlockKind.QUOTE, (child.tail or "",), 0))
        elif tag == "table":
            for row in el.iter("row"):
                cells = tuple(t for c in row.iterchildren("cell") if (t := _block_text(c)).strip())
                if cells:
                    out.append(Extracted(BlockKind.PARAGRAPH, cells, row.sourceline or 0))
        elif tag != "graphic":
            text = "".join(el.itertext())
            if text.strip():
                kind = {"head": BlockKind.HEADING, "quote": BlockKind.QUOTE}.get(str(tag), BlockKind.PARAGRAPH)
                out.append(Extracted(BlockKind.QUOTE if quote else kind, (text,), hint))

    if (body.text or "").strip():
        out.append(Extracted(BlockKind.PARAGRAPH, (body.text or "",), 0))
    for child in body:
        visit(child, False)
        if (child.tail or "").strip():
            out.append(Extracted(BlockKind.PARAGRAPH, (child.tail or "",), 0))
    return out


# ---------------------------------------------------------------------------------------
# Units: the kept blocks and the dropped runs of text, in page order


@dataclass
class Unit:
    text: str
    line: int
    end_line: int
    element: etree._Element  # the block-level element the unit's first text sits in
    pos: int  # compact offset of its first character: page order
    kind: BlockKind | None  # None: dropped
    rule: str = ""
    parts: tuple[str, ...] = ()
    first: int = -1  # its first text node (page.nodes)
    last: int = -1  # and its last


class _Claimed:
    """The page spans blocks have taken, kept sorted and disjoint, so that asking whether a
    span is free costs a binary search, not a walk over every block found so far."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, spans: Sequence[tuple[int, int]]) -> bool:
        for start, end in spans:
            i = bisect.bisect_right(self.starts, start)
            if i and self.ends[i - 1] > start:  # the span before reaches into this one
                return False
            if i < len(self.starts) and self.starts[i] < end:  # the span after starts inside it
                return False
        return True

    def take(self, spans: Sequence[tuple[int, int]]) -> None:
        for start, end in spans:
            i = bisect.bisect_right(self.starts, start)
            self.starts.insert(i, start)
            self.ends.insert(i, end)


def _find_free(page: Page, part: str, start: int, hint: int, limit: int, claimed: _Claimed) -> list[tuple[int, int]]:
    """The first occurrence of a part from ``start`` that no other block has taken: a text
    repeated on the page is one block per occurrence, never two blocks of one."""
    for _ in range(50):
        spans = page.find(part, start, hint, limit)
        if not spans or claimed.free(spans):
            claimed.take(spans)
            return spans
        start, hint = spans[0][0] + 1, 0
    return []


def _locate(page: Page, extracted: Sequence[Extracted]) -> list[list[list[tuple[int, int]]]]:
    """Spans of every part of every block, in page order.  Long parts first, each after the
    one before: they are unambiguous anchors.  Then each short one ("Belarus", "Share") only
    between its neighbours, so that it is not taken from a menu above the article."""
    found: list[list[list[tuple[int, int]]]] = [[[] for _ in b.parts] for b in extracted]
    order = [(bi, pi) for bi, b in enumerate(extracted) for pi in range(len(b.parts))]
    claimed = _Claimed()
    cursor = 0
    for bi, pi in order:
        part, hint = extracted[bi].parts[pi], extracted[bi].hint
        if len(compact(part)) >= 30:
            found[bi][pi] = _find_free(page, part, cursor, hint, -1, claimed)
            if not found[bi][pi] and cursor:
                # trafilatura does not always keep page order: it takes a table nested in a
                # cell out after the outer table's rows (the site's header and footer first)
                found[bi][pi] = _find_free(page, part, 0, hint, -1, claimed)
            cursor = found[bi][pi][-1][1] if found[bi][pi] else cursor
    anchors = [-1] * (len(order) + 1)  # where the next anchor after each part starts
    for n in range(len(order) - 1, -1, -1):
        bi, pi = order[n]
        anchors[n] = found[bi][pi][0][0] if found[bi][pi] else anchors[n + 1]
    cursor = 0
    for n, (bi, pi) in enumerate(order):
        if not found[bi][pi]:
            limit = anchors[n + 1] if anchors[n + 1] > cursor else -1  # out of order: up to the end
            found[bi][pi] = _find_free(page, extracted[bi].parts[pi], cursor, extracted[bi].hint, limit, claimed)
        if found[bi][pi]:
            cursor = found[bi][pi][-1][1]
    return found


def matched_units(page: Page, extracted: Sequence[Extracted], path: str, warnings: list[str]) -> list[Unit]:
    found = _locate(page, extracted)
    units: list[Unit] = []
    for block, part_spans in zip(extracted, found):
        all_spans = [span for spans in part_spans for span in spans]
        if not all_spans:
            warnings.append(f"text trafilatura extracted is not in the page's visible text, left out: {norm(' '.join(block.parts))[:60]!r}")
            continue
        for start, end in all_spans:
            first, last = page.node_at(start), page.node_at(end - 1)
            for i in range(first, last + 1):
                page.nodes[i].kept.append((start, end))
        first, last = page.node_at(all_spans[0][0]), page.node_at(all_spans[-1][1] - 1)
        head = page.nodes[first]
        if any("\n" in p for p in block.parts) and any((n.unit, n.seg) != (head.unit, head.seg) for n in page.nodes[first : last + 1]):
            units.extend(_split(page, first, last))  # a dump of several elements' (or <br> lines') text: one unit each
            continue
        text = " | ".join(t for spans in part_spans if spans and (t := page.span_text(spans)))
        units.append(Unit(text, page.line_of(first), page.last_line_of(last), page.nodes[first].unit, all_spans[0][0], block.kind, parts=block.parts, first=first, last=last))
    return units


def _split(page: Page, first: int, last: int) -> list[Unit]:
    units: list[Unit] = []
    for i in range(first, last + 1):
        node = page.nodes[i]
        text = masked(node, True)
        if not text.strip():
            continue
        if units and units[-1].element is node.unit and page.nodes[units[-1].first].seg == node.seg:
            units[-1].text += text
            units[-1].end_line = page.last_line_of(i)
            units[-1].last = i
        else:
            kind = TAG_KINDS.get(str(node.unit.tag), BlockKind.PARAGRAPH)
            units.append(Unit(text, page.line_of(i), page.last_line_of(i), node.unit, node.start, kind, first=i, last=i))
    for unit in units:
        unit.text = norm(unit.text)
    return units


def dropped_units(page: Page) -> list[Unit]:
    """Consecutive left-over text of one block-level element and one rule: one dropped unit."""
    units: list[Unit] = []
    previous: tuple[etree._Element, int, str, int] | None = None
    for i, node in enumerate(page.nodes):
        rest = leftover(node)
        if not rest.strip():
            previous = None if node.kept else previous
            continue
        rule = page.rule(node.owner)
        if previous is not None and previous[:3] == (node.unit, node.seg, rule) and previous[3] == i - 1:
            units[-1].text += rest  # raw until the end: inline markup does not add spaces
            units[-1].end_line = page.last_line_of(i)
            units[-1].last = i
        else:
            units.append(Unit(rest, node.line, page.last_line_of(i), node.unit, node.start, None, rule, first=i, last=i))
        previous = (node.unit, node.seg, rule, i)
    for unit in units:
        unit.text = norm(unit.text)
    return units
