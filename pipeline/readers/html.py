"""The HTML reader: a page as a browser saves it.

trafilatura (the only module that imports it) decides what the article's main content is and
what the page states about itself; this module maps its blocks back to the elements of the
page as parsed by lxml, so every block knows the source line its element starts on, and every
visible text of the body that is not in a block is listed as a removal with a reason read off
where it sits (``navigation``, ``footer``, ``cookie-banner``, …; ``not-main-content`` when
only trafilatura's choice says so).

Matching is done on the page's text with all whitespace taken out: entities, no-break spaces,
line breaks and inline markup that splits a sentence do not matter, only the characters do.
"""

from __future__ import annotations

import codecs
import copy
import logging
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import lxml.etree as etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura

from pipeline.errors import SourceError
from pipeline.manifest import Match, Overrides
from pipeline.model import Block, BlockKind, Document, Metadata, Removal, SourceMeta
from pipeline.readers.base import check_overrides, decode

_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)
_MARKUP = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|title|meta|p|div|article|main|section|span|a|h[1-6]|ul|ol|li|table|br)[\s/>]",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CREDIT = re.compile(r"^((image|photo|picture|illustration|photograph|video)s?\s*(by\b|:)|credit:|\(c\)|©|copyright\b)", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|written by|von)\s+\S.{0,80}$", re.IGNORECASE)

# Elements whose text is not text: never blocks, never removals.
_NOT_TEXT = {"script", "style", "template", "head", "title", "meta", "link", "svg", "math", "iframe", "object"}
# Elements that start a new unit of text (inline elements continue the one they sit in).
_BLOCKISH = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "label", "legend", "li", "main", "nav", "noscript", "ol", "option", "p", "pre", "section", "select", "summary",
    "table", "td", "th", "tr", "ul", "menu",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


# ---------------------------------------------------------------------------------------
# Where a text sits: a rule from the tag, ARIA role and class/id tokens of its ancestors

_WORDS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("pull-quote", frozenset({"pullquote", "pullout", "blockquote-pull"}), "a pull quote that repeats the text"),
    ("cookie-banner", frozenset({"cookie", "cookies", "consent", "gdpr", "cmp", "onetrust"}), "cookie or consent banner"),
    ("advertisement", frozenset({"ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsor", "sponsored", "dfp", "adslot"}), "advertisement"),
    ("share", frozenset({"share", "sharing", "social", "addthis", "sharethis", "sharebar"}), "social sharing buttons"),
    ("comments", frozenset({"comment", "comments", "disqus", "discussion", "respond", "replies"}), "readers' comments"),
    ("newsletter", frozenset({"newsletter", "subscribe", "subscription", "signup", "mailing", "paywall"}), "newsletter or subscription prompt"),
    ("related", frozenset({"related", "recommended", "recommendations", "trending", "popular", "outbrain", "taboola", "teasers", "recirculation", "mostread"}), "teasers for other articles"),
    ("navigation", frozenset({"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination", "pager", "skip", "toc"}), "site navigation"),
    ("sidebar", frozenset({"sidebar", "widget", "widgets", "rail"}), "sidebar"),
    ("header", frozenset({"masthead", "topbar"}), "site header"),
    ("footer", frozenset({"footer", "colophon"}), "site footer"),
)
_PHRASES = {"pull-quote": "pull-quote", "more-stories": "related", "read-more": "related", "also-read": "related", "most-read": "related", "site-header": "header", "site-footer": "footer"}
_REASONS = {rule: reason for rule, _, reason in _WORDS} | {
    "form": "form", "hidden": "hidden text", "script": "shown only when scripts are off (<noscript>)",
    "not-main-content": "not part of the article's main content (trafilatura)", "override": "dropped by the manifest's overrides",
}
_TAG_RULES = {"nav": "navigation", "aside": "sidebar", "form": "form", "noscript": "script"}
_ROLE_RULES = {"navigation": "navigation", "banner": "header", "contentinfo": "footer", "complementary": "sidebar", "search": "form", "form": "form", "menu": "navigation", "menubar": "navigation", "dialog": "", "alertdialog": ""}
_TOKEN_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")


def _tokens(el: etree._Element) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    found = {n.lower() for n in names}
    for name in names:
        found.update(t.lower() for t in _TOKEN_SPLIT.split(name) if t)
    return found


_STEMS = (("cookie", "cookie-banner"), ("consent", "cookie-banner"), ("advert", "advertisement"), ("social", "share"),
          ("comment", "comments"), ("newsletter", "newsletter"), ("related", "related"), ("menu", "navigation"),
          ("navbar", "navigation"), ("breadcrumb", "navigation"), ("sidebar", "sidebar"), ("masthead", "header"),
          ("header", "header"), ("footer", "footer"))


def _element_rule(el: etree._Element, in_article: bool) -> str:
    """The rule an element's own tag, role or class/id give the text inside it ("" if none)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or re.search(r"display\s*:\s*none", el.get("style") or ""):
        return "hidden"
    tokens = _tokens(el)
    for phrase, rule in _PHRASES.items():
        if phrase in tokens:
            return rule
    for rule, words, _ in _WORDS:
        if tokens & words:
            if rule in ("header", "footer") and in_article:
                continue
            return rule
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    for stem, rule in _STEMS:
        if stem in names and not (rule in ("header", "footer") and in_article):
            return rule
    role = _ROLE_RULES.get((el.get("role") or "").lower(), "")
    if role:
        return role
    if tag == "form":
        return "newsletter" if re.search(r"newsletter|subscribe", el.text_content() if isinstance(el, lxml.html.HtmlElement) else "", re.I) else "form"
    if tag in ("header", "footer") and not in_article:
        return tag
    return _TAG_RULES.get(tag, "")


def _context_rule(el: etree._Element, core: set[etree._Element]) -> str:
    """The nearest ancestor-or-self's rule; wrappers of the article itself (``core``) say nothing."""
    chain = [el, *el.iterancestors()]
    in_article = [False] * len(chain)
    seen = False
    for i in range(len(chain) - 1, -1, -1):
        seen = seen or chain[i].tag in ("article", "main") or chain[i].get("role") == "main"
        in_article[i] = seen
    for i, node in enumerate(chain):
        if node.tag in ("body", "html") or node in core:
            break
        rule = _element_rule(node, in_article[i] and node.tag not in ("article", "main"))
        if rule:
            return rule
    return "not-main-content"


# ---------------------------------------------------------------------------------------
# Decoding and parsing


def _decode_html(data: bytes, path: str, warnings: list[str]) -> str:
    """BOM, then ``<meta charset>`` / http-equiv / XML declaration, else UTF-8; strict.

    A page that declares a legacy charset but is valid UTF-8 with non-ASCII text was re-saved
    by an editor without fixing the declaration: it is read as UTF-8, with a warning."""
    found = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        return decode(data, path)
    else:
        found = _CHARSET.search(data[:4096])
        encoding = (found.group(1) or found.group(2)).decode("ascii").lower() if found else "utf-8"
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        line = data.count(b"\n", 0, found.start()) + 1 if found else None
        raise SourceError(path, line, f"unknown character encoding {encoding!r} declared in the page") from None
    if encoding == "utf-8":
        return decode(data, path)
    if encoding != "utf-16" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(f"the page declares the charset {encoding!r} but is UTF-8; read as UTF-8")
            return decode(data, path)
    if encoding in ("iso8859-1", "ascii"):  # what browsers do: these labels mean windows-1252
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        line_end = data.find(b"\n", exc.start)
        shown = data[line_start : line_end if line_end >= 0 else len(data)].decode(encoding, errors="replace")
        raise SourceError(
            path, before.count(b"\n") + 1, f"invalid {encoding} byte 0x{data[exc.start]:02x} ({exc.reason})",
            column=len(before[line_start:].decode(encoding, errors="replace")) + 1, line_text=shown,
        ) from None
    return decode(text.encode("utf-8"), path)  # line ends, control characters, NFC


def _parse(text: str) -> etree._Element:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_pis=True, huge_tree=True, default_doctype=False)
    return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _compact(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------------------------------
# The page's text: every text node of the body, with its line and the element it belongs to


@dataclass
class _Node:
    text: str
    line: int
    owner: etree._Element  # the element the text sits in (its parent for a tail)
    unit: etree._Element  # the nearest block-level element: text of one unit shares it
    is_text: bool  # the element's own text (right after its start tag), not a tail
    start: int = 0  # offset in the compact page text
    end: int = 0
    kept: list[tuple[int, int]] = field(default_factory=list)  # compact offsets in blocks


def _unit_of(el: etree._Element) -> etree._Element:
    for node in (el, *el.iterancestors()):
        if node.tag in _BLOCKISH or _tokens(node) & {"credit", "copyright", "byline", "dateline"}:
            return node
    return el


def _walk(top: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """("start", el) and ("end", el) in document order, comments included (lxml's iterwalk
    leaves them out, and with them the text that follows a comment)."""
    stack: list[tuple[etree._Element, bool]] = [(top, False)]
    while stack:
        el, done = stack.pop()
        if done:
            yield "end", el
            continue
        yield "start", el
        stack.append((el, True))
        if isinstance(el.tag, str) and el.tag not in _NOT_TEXT:
            stack.extend((child, False) for child in reversed(el))


def _text_nodes(root: etree._Element) -> list[_Node]:
    """Text of the body in document order; a text's line is its element's ``sourceline``
    (where lxml ends the start tag) plus the line breaks before it, a tail's the line its
    element ends on plus the breaks before it."""
    nodes: list[_Node] = []
    body = root.find("body")
    if body is None:
        return nodes
    line = body.sourceline or 1
    units: dict[etree._Element, etree._Element] = {}

    def unit(el: etree._Element) -> etree._Element:
        if el not in units:
            units[el] = _unit_of(el)
        return units[el]

    def add(text: str | None, at: int, owner: etree._Element, is_text: bool) -> int:
        if not text:
            return at
        stripped = text.lstrip()
        if not stripped and nodes:
            nodes[-1].text += " "  # the space between two inline elements still separates words
        if stripped:
            nodes.append(_Node(text, at + text.count("\n", 0, len(text) - len(stripped)), owner, unit(owner), is_text))
        return at + text.count("\n")

    for event, el in _walk(body):
        if nodes and (el.tag in _BLOCKISH or el.tag == "br") and not nodes[-1].text[-1:].isspace():
            nodes[-1].text += " "  # a line break or a block boundary separates words too
        if event == "start":
            line = max(line, el.sourceline or line)
            if isinstance(el.tag, str) and el.tag not in _NOT_TEXT:
                line = add(el.text, line, el, True)
            else:  # a comment, a script: its text is not text, but it takes up lines
                line += (el.text or "").count("\n")
        else:
            parent = el.getparent()
            if el is not body and parent is not None:
                line = add(el.tail, line, parent, False)
    offset = 0
    for node in nodes:
        node.start = offset
        offset += len(_compact(node.text))
        node.end = offset
    return nodes


# ---------------------------------------------------------------------------------------
# trafilatura's blocks


@dataclass(frozen=True)
class _Extracted:
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


def _extracted(body: etree._Element) -> list[_Extracted]:
    out: list[_Extracted] = []

    def visit(el: etree._Element, quote: bool) -> None:
        tag, hint = el.tag, el.sourceline or 0
        if tag == "list":
            for item in el.iterchildren("item"):
                text = _own_text(item, frozenset({"list"}))
                if text.strip():
                    out.append(_Extracted(BlockKind.QUOTE if quote else BlockKind.LIST_ITEM, (text,), item.sourceline or 0))
                for sub in item.iterchildren("list"):
                    visit(sub, quote)
        elif tag == "quote" and any(c.tag in ("p", "list", "head", "quote") for c in el):
            if (el.text or "").strip():
                out.append(_Extracted(BlockKind.QUOTE, (el.text or "",), hint))
            for child in el:
                visit(child, True)
                if (child.tail or "").strip():
                    out.append(_Extracted(BlockKind.QUOTE, (child.tail or "",), 0))
        elif tag == "table":
            for row in el.iter("row"):
                cells = tuple(t for c in row.iterchildren("cell") if (t := "".join(c.itertext())).strip())
                if cells:
                    out.append(_Extracted(BlockKind.PARAGRAPH, cells, row.sourceline or 0))
        elif tag != "graphic":
            text = "".join(el.itertext())
            if text.strip():
                kind = {"head": BlockKind.HEADING, "quote": BlockKind.QUOTE}.get(str(tag), BlockKind.PARAGRAPH)
                out.append(_Extracted(BlockKind.QUOTE if quote else kind, (text,), hint))

    if (body.text or "").strip():
        out.append(_Extracted(BlockKind.PARAGRAPH, (body.text or "",), 0))
    for child in body:
        visit(child, False)
        if (child.tail or "").strip():
            out.append(_Extracted(BlockKind.PARAGRAPH, (child.tail or "",), 0))
    return out


# ---------------------------------------------------------------------------------------
# Units: the kept blocks and the dropped runs of text, in page order


@dataclass
class _Unit:
    text: str
    line: int
    end_line: int
    element: etree._Element  # the block-level element the unit's first text sits in
    pos: int  # compact offset of its first character: page order
    kind: BlockKind | None  # None: dropped
    rule: str = ""
    parts: tuple[str, ...] = ()
    first: int = -1  # its first text node (page.nodes), for kept units


class _Page:
    """The parsed page's text nodes, their compact text, and what is known about elements."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.nodes = _text_nodes(root)
        self.compact = "".join(_compact(n.text) for n in self.nodes)
        self.starts = [n.start for n in self.nodes]
        self.lines = [n.line for n in self.nodes]
        self.core: set[etree._Element] = set()
        self._rules: dict[etree._Element, str] = {}
        self._first: dict[etree._Element, int] = {}
        for i, node in enumerate(self.nodes):
            self._first.setdefault(node.unit, i)

    def node_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def line_of(self, index: int) -> int:
        """A unit's line: its element's start when the text is the element's first, else the text's."""
        node = self.nodes[index]
        if self._first.get(node.unit) == index and node.is_text and node.owner is node.unit and node.unit.sourceline:
            return min(node.line, int(node.unit.sourceline))
        return node.line

    def last_line_of(self, index: int) -> int:
        node = self.nodes[index]
        return node.line + node.text.strip().count("\n")

    def find(self, part: str, cursor: int, hint: int) -> list[tuple[int, int]]:
        """Where a block's text is in the page, at or after ``cursor``: one span when it is
        there as it is, several when trafilatura left out inline bits; [] when not found."""
        target = _compact(part)
        if not target:
            return []
        starts = [cursor]
        if hint:
            i = bisect_right(self.lines, hint - 1)
            if i < len(self.nodes) and self.nodes[i].start > cursor:
                starts.insert(0, self.nodes[i].start)
        for start in starts:
            found = self.compact.find(target, start)
            if found >= 0:
                return [(found, found + len(target))]
        spans: list[tuple[int, int]] = []
        pos, matched = cursor, 0
        for word in part.split():
            w = _compact(word)
            limit = len(self.compact) if not spans else pos + 200 + len(w)
            found = self.compact.find(w, pos, limit)
            if found >= 0:
                spans.append((found, found + len(w)))
                matched += len(w)
                pos = found + len(w)
        return spans if matched >= 0.8 * len(target) else []

    def rule(self, el: etree._Element) -> str:
        """The rule of the nearest ancestor-or-self with one; wrappers of the article (``core``)
        and body/html say nothing: "not-main-content"."""
        chain: list[etree._Element] = []
        node: etree._Element | None = el
        result = "not-main-content"
        while node is not None:
            if node in self._rules:
                result = self._rules[node]
                break
            if node.tag in ("body", "html") or node in self.core:
                break
            chain.append(node)
            node = node.getparent()
        for node in reversed(chain):
            in_article = any(a.tag in ("article", "main") or a.get("role") == "main" for a in node.iterancestors())
            result = _element_rule(node, in_article) or result
            self._rules[node] = result
        return result

    def span_text(self, spans: Sequence[tuple[int, int]]) -> str:
        """The page's own text of these compact spans, with its spacing: a block's text is the
        source's characters, never trafilatura's rendering of them (nothing invented)."""
        out: list[str] = []
        span = 0
        for i in range(self.node_at(spans[0][0]), self.node_at(spans[-1][1] - 1) + 1):
            node = self.nodes[i]
            k = node.start
            for char in node.text:
                if char.isspace():
                    out.append(char)
                    continue
                while span < len(spans) and spans[span][1] <= k:
                    span += 1
                out.append(char if span < len(spans) and spans[span][0] <= k else " ")
                k += 1
        return _norm("".join(out))


def _common_ancestor(elements: Sequence[etree._Element]) -> etree._Element | None:
    if not elements:
        return None
    path = [elements[0], *elements[0].iterancestors()]
    depth = {id(e): i for i, e in enumerate(path)}
    best = 0
    for el in elements[1:]:
        for anc in (el, *el.iterancestors()):
            if id(anc) in depth:
                best = max(best, depth[id(anc)])
                break
    return path[best]


# ---------------------------------------------------------------------------------------
# Structure: what trafilatura kept, mapped back; the article's furniture it leaves out

_STRONG = {"pull-quote", "navigation", "cookie-banner", "advertisement", "share", "comments", "newsletter", "form", "related", "sidebar", "header", "footer", "script"}
_FURNITURE: tuple[tuple[BlockKind, frozenset[str]], ...] = (
    (BlockKind.CREDIT, frozenset({"credit", "credits", "copyright", "photographer"})),
    (BlockKind.CAPTION, frozenset({"caption", "figcaption", "wp-caption-text"})),
    (BlockKind.NOTE, frozenset({"footnote", "footnotes", "endnote", "endnotes", "note", "notes"})),
    (BlockKind.BYLINE, frozenset({"byline", "author", "authors", "dateline", "published", "timestamp", "date", "meta", "posted", "vcard", "autor"})),
    (BlockKind.STANDFIRST, frozenset({"standfirst", "dek", "deck", "subtitle", "subheadline", "lede", "lead", "summary", "excerpt", "intro", "strapline", "teaser"})),
)
_TAG_KINDS = {"li": BlockKind.LIST_ITEM, "dd": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM, "blockquote": BlockKind.QUOTE,
              "figcaption": BlockKind.CAPTION, "address": BlockKind.BYLINE} | dict.fromkeys(_HEADINGS, BlockKind.HEADING)


def _furniture(el: etree._Element, stop: etree._Element | None) -> BlockKind | None:
    """The article furniture an element is by its tag or class/id tokens (up to ``stop``)."""
    if len(_norm(el.text_content())) <= 200 and el.xpath('.//*[@rel="author" or contains(@class, "author") or contains(@class, "byline")]'):
        return BlockKind.BYLINE
    for node in (el, *el.iterancestors()):
        if node is stop or node.tag in ("body", "article", "main"):
            break
        tokens = _tokens(node)
        if node.tag == "figcaption":
            return BlockKind.CREDIT if tokens & _FURNITURE[0][1] else BlockKind.CAPTION
        if node.tag == "address" or node.get("rel") == "author":
            return BlockKind.BYLINE
        for kind, words in _FURNITURE:
            if tokens & words:
                return kind
    return None


def _matched_units(page: _Page, extracted: Sequence[_Extracted], path: str, warnings: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    cursor = 0
    for block in extracted:
        all_spans: list[tuple[int, int]] = []
        part_spans: list[list[tuple[int, int]]] = []
        for part in block.parts:
            spans = page.find(part, cursor, block.hint)
            if spans:
                cursor = spans[-1][1]
            all_spans.extend(spans)
            part_spans.append(spans)
        if not all_spans:
            warnings.append(f"text trafilatura extracted is not in the page's visible text, left out: {_norm(' '.join(block.parts))[:60]!r}")
            continue
        for start, end in all_spans:
            first, last = page.node_at(start), page.node_at(end - 1)
            for i in range(first, last + 1):
                page.nodes[i].kept.append((start, end))
        first, last = page.node_at(all_spans[0][0]), page.node_at(all_spans[-1][1] - 1)
        if any("\n" in p for p in block.parts) and any(page.nodes[i].unit is not page.nodes[first].unit for i in range(first, last + 1)):
            units.extend(_split(page, first, last))  # a dump of several elements' text: one unit each
            continue
        text = " | ".join(t for spans in part_spans if spans and (t := page.span_text(spans)))
        units.append(_Unit(text, page.line_of(first), page.last_line_of(last), page.nodes[first].unit, all_spans[0][0], block.kind, parts=block.parts, first=first))
    return units


def _split(page: _Page, first: int, last: int) -> list[_Unit]:
    units: list[_Unit] = []
    for i in range(first, last + 1):
        node = page.nodes[i]
        text = _masked(node, True)
        if not text.strip():
            continue
        if units and units[-1].element is node.unit:
            units[-1].text += text
            units[-1].end_line = page.last_line_of(i)
        else:
            kind = _TAG_KINDS.get(str(node.unit.tag), BlockKind.PARAGRAPH)
            units.append(_Unit(text, page.line_of(i), page.last_line_of(i), node.unit, node.start, kind))
    for unit in units:
        unit.text = _norm(unit.text)
    return units


def _masked(node: _Node, kept: bool) -> str:
    """The node's text with the characters on the other side (kept in a block, or not)
    blanked out: ``kept=False`` gives what is left over for the removals."""
    if not node.kept:
        return "" if kept else node.text
    keep = [False] * (node.end - node.start)
    for start, end in node.kept:
        for i in range(max(start, node.start), min(end, node.end)):
            keep[i - node.start] = True
    if all(keep):
        return node.text if kept else ""
    out, k = [], 0
    for char in node.text:
        if char.isspace():
            out.append(char)
        else:
            out.append(char if keep[k] == kept else " ")
            k += 1
    return "".join(out)


def _leftover(node: _Node) -> str:
    return _masked(node, False)


def _dropped_units(page: _Page) -> list[_Unit]:
    """Consecutive left-over text of one block-level element and one rule: one dropped unit."""
    units: list[_Unit] = []
    previous: tuple[etree._Element, str, int] | None = None
    for i, node in enumerate(page.nodes):
        rest = _leftover(node)
        if not rest.strip():
            previous = None if node.kept else previous
            continue
        rule = page.rule(node.owner)
        if previous is not None and previous[:2] == (node.unit, rule) and previous[2] == i - 1:
            units[-1].text += rest  # raw until the end: inline markup does not add spaces
            units[-1].end_line = page.last_line_of(i)
        else:
            units.append(_Unit(rest, node.line, page.last_line_of(i), node.unit, node.start, None, rule))
        previous = (node.unit, rule, i)
    for unit in units:
        unit.text = _norm(unit.text)
    return units


def _title_element(root: etree._Element, title: str) -> etree._Element | None:
    """The ``<h1>`` that states the detected title (``<title>`` often adds " | Site")."""
    wanted = _norm(title).casefold()
    headings = [h for h in root.iter("h1") if _norm(h.text_content())]
    for h in headings:
        text = _norm(h.text_content()).casefold()
        if wanted and (text == wanted or (len(text) >= 10 and (text in wanted or wanted in text))):
            return h
    return headings[0] if len(headings) == 1 else None


def _apply_furniture(page: _Page, units: list[_Unit], region: etree._Element | None) -> None:
    """Bylines, standfirsts, captions and credits of the article: found by tag and class even
    where trafilatura left them out (it takes bylines for metadata and drops figure captions)."""
    first_paragraph = min((u.pos for u in units if u.kind is BlockKind.PARAGRAPH), default=1 << 62)
    for unit in units:
        if unit.kind is BlockKind.TITLE or (unit.kind is None and unit.rule in _STRONG):
            continue
        if region is not None and unit.kind is None and region not in unit.element.iterancestors() and unit.element is not region:
            continue
        kind = _furniture(unit.element, region)
        if kind is BlockKind.CAPTION and _CREDIT.match(unit.text):
            kind = BlockKind.CREDIT
        if kind is None and _BYLINE.match(unit.text) and unit.pos < first_paragraph:
            kind = BlockKind.BYLINE
        if kind is BlockKind.BYLINE and len(unit.text) > 200:
            kind = None
        if kind is BlockKind.STANDFIRST and (unit.pos > first_paragraph or len(unit.text) > 600):
            kind = None
        if unit.kind is BlockKind.HEADING and kind is not BlockKind.STANDFIRST:
            continue  # a heading stays one, unless it is the article's dek (an <h2> under the title)
        if kind is not None:
            unit.kind = kind
        elif unit.kind is BlockKind.PARAGRAPH and _CREDIT.match(unit.text) and len(unit.text) <= 120:
            unit.kind = BlockKind.CREDIT
        elif unit.kind is BlockKind.PARAGRAPH and unit.first >= 0 and len(unit.text) <= 150:
            owner = page.nodes[unit.first].owner  # a bold line on its own: a heading without <h2>
            if owner.tag in ("b", "strong") and _norm(owner.text_content()) == unit.text:
                unit.kind = BlockKind.HEADING


def _language(root: etree._Element) -> str:
    raw = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not raw:
        for meta in root.iterfind(".//meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language" or (meta.get("property") or "").lower() == "og:locale":
                raw = meta.get("content") or ""
                break
    found = re.match(r"\s*([a-zA-Z]{2,3})(?![a-zA-Z])", raw)
    return found.group(1).lower() if found else ""


def _metadata(tree: etree._Element, language: str) -> Metadata:
    found = trafilatura.extract_metadata(tree)
    authors = tuple(a.strip() for a in (found.author or "").split(";") if a.strip())
    date = found.date or ""
    return Metadata(
        title=_norm(found.title or ""), authors=authors, date=date if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) else "",
        publisher=_norm(found.sitename or ""), url=found.url or "", language=language,
    )


def _truncation(text: str, root: etree._Element) -> str:
    """Why the page looks cut off ("" when it has its closing tags)."""
    if re.search(r"</(body|html)\s*>", text, re.IGNORECASE):
        return ""
    last = root
    while len(last) and isinstance(last[-1].tag, str):
        last = last[-1]
    return f"the page looks truncated: it has no </body> or </html> and ends inside <{last.tag}> (line {last.sourceline})"


def read_html(text: str, path: str, meta: SourceMeta, overrides: Overrides = Overrides(), warnings: Sequence[str] = ()) -> Document:
    """Pure core: decoded page → Document (blocks, removals, detected metadata).

    ``warnings`` are those of decoding, to be kept with the reader's own."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not _MARKUP.search(text):
        raise SourceError(path, 1, "not an HTML page: no HTML markup found (a plain-text file with an .html suffix?)", line_text=lines[0] if lines else None)
    try:
        root = _parse(text)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(path, None, f"cannot parse the page as HTML: {exc}") from None
    cut = _truncation(text, root)
    page = _Page(root)
    if not page.nodes:
        raise SourceError(path, None, "no article found in the page: its <body> has no text" + (f"; {cut}" if cut else ""))
    clean = copy.deepcopy(root)
    etree.strip_elements(clean, etree.Comment, with_tail=False)
    result = trafilatura.bare_extraction(  # works on its own copy of ``clean``
        clean, include_comments=False, include_formatting=False, include_tables=True, include_images=True, with_metadata=False
    )
    detected = _metadata(clean, _language(root))
    body = getattr(result, "body", None)
    notes = list(warnings)
    units = _matched_units(page, _extracted(body) if body is not None else [], path, notes)

    # The article's own wrappers (ancestors of all it kept) say nothing about what is inside.
    top = _common_ancestor([u.element for u in units])
    page.core = set() if top is None else {top, *top.iterancestors()}
    title_el = _title_element(root, detected.title or meta.title)
    for unit in units:  # trafilatura's fallbacks can take a menu or a form for text
        rule = page.rule(unit.element)
        if rule in _STRONG and (title_el is None or unit.element is not title_el):
            unit.kind, unit.rule = None, rule
    units += _dropped_units(page)
    if title_el is not None:
        inside = [u for u in units if u.element is title_el or title_el in u.element.iterancestors()]
        units = [u for u in units if u not in inside]
        lines_in = [u.end_line for u in inside] or [title_el.sourceline or 1]
        units.append(_Unit(_norm(" ".join(u.text for u in inside)), title_el.sourceline or 1, max(lines_in), title_el, -1, BlockKind.TITLE))
    region = _common_ancestor([e for e in (top, title_el) if e is not None])  # the title's header too
    if region is not None:
        region = next((a for a in (region, *region.iterancestors()) if a.tag in ("article", "main") or a.get("role") == "main"), region)
    _apply_furniture(page, units, region)

    used: set[Match] = set()

    def hits(matches: Sequence[Match], unit: _Unit) -> bool:
        found = [m for m in matches if m.hits(unit.line, unit.end_line, unit.text)]
        used.update(found)
        return bool(found)

    whole: set[int] = set()
    for unit in units:
        forced = overrides.kind_for(unit.line, unit.end_line, unit.text)
        if unit.kind is None and hits(overrides.keep, unit):
            unit.kind = _TAG_KINDS.get(str(unit.element.tag), BlockKind.PARAGRAPH)
        if unit.kind is not None and hits(overrides.drop, unit):
            unit.kind, unit.rule = None, "override"
        if unit.kind is not None and forced is not None:
            hits([m for m, k in overrides.kinds if k is forced], unit)
            unit.kind = forced
        if hits(overrides.keep_whole, unit) and unit.kind is not None:
            whole.add(id(unit))
    check_overrides(overrides, used, path, len(lines))

    kept = sorted((u for u in units if u.kind is not None), key=lambda u: (u.kind is not BlockKind.TITLE, u.pos))
    prose = sum(len(u.text.split()) for u in kept if u.kind is not None and u.kind not in (BlockKind.TITLE, BlockKind.HEADING, BlockKind.BYLINE, BlockKind.CREDIT))
    title_text = detected.title or (kept[0].text if kept and kept[0].kind is BlockKind.TITLE else "")
    if prose < 20 or (prose < 150 and re.search(r"\b40[34]\b|page not found|not found|access denied|server error", title_text, re.I)):
        why = "only navigation, forms and page furniture" if prose == 0 else f"only {prose} word{'' if prose == 1 else 's'} of text outside navigation, forms and page furniture"
        if prose < 150 and re.search(r"\b40[34]\b|not found|access denied|server error", title_text, re.I):
            why = f"it looks like an error page: {title_text!r}"
        raise SourceError(path, None, f"no article found in the page ({why})" + (f"; {cut}" if cut else ""))
    if cut:
        notes.append(cut)
    if detected.language and meta.language and detected.language != meta.language.split("-")[0].lower():
        notes.append(f"page language is {detected.language!r} but the manifest says {meta.language!r}")

    counters: dict[BlockKind, int] = {}
    blocks: list[Block] = []
    for unit in kept:
        assert unit.kind is not None
        counters[unit.kind] = counters.get(unit.kind, 0) + 1
        end = unit.end_line if unit.end_line > unit.line else 0
        blocks.append(Block(unit.kind, unit.text, unit.line, counters[unit.kind], meta.keep_whole or id(unit) in whole, end))
    removals = tuple(
        Removal(u.line, u.text, u.rule, _REASONS.get(u.rule, u.rule))
        for u in sorted((u for u in units if u.kind is None), key=lambda u: u.pos)
    )
    return Document(meta, path, tuple(blocks), removals, len(lines), detected, reader="html", warnings=tuple(notes))


class HtmlReader:
    """A web page as a browser saves it (``.html``, ``.htm``, ``.xhtml``)."""

    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> bool:
        return bool(_HTML.match(head.lstrip(b"\xef\xbb\xbf")))

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        warnings: list[str] = []
        text = _decode_html(data, path, warnings)
        return read_html(text, path, meta, overrides, warnings)


READER = HtmlReader()
