"""The page as text, for the HTML reader: decoding, parsing, and every text node of the body
with its source line, its block-level element and what its ancestors say it is.

A text's place is read off its ancestors: tag names, ARIA roles, class and id tokens
(``navigation``, ``footer``, ``cookie-banner``, …).  Matching is done on the page's text with
all whitespace taken out (``Page.compact``): entities, no-break spaces, line breaks and inline
markup that splits a sentence do not matter, only the characters do.  lxml is used here and
in :mod:`pipeline.readers.html`; trafilatura only there.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import babel

import lxml.etree as etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from pipeline.clean_phrases import SEPARATOR
from pipeline.errors import SourceError
from pipeline.readers.base import decode

MARKUP = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|title|meta|p|div|article|main|section|span|a|h[1-6]|ul|ol|li|table|br)[\s/>]",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")

# Elements whose text is not text: never blocks, never removals.
_NOT_TEXT = {"script", "style", "template", "head", "title", "meta", "link", "svg", "math", "iframe", "object"}
# Elements that start a new unit of text (inline elements continue the one they sit in).
_BLOCKISH = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "label", "legend", "li", "main", "nav", "noscript", "ol", "option", "p", "pre", "section", "select", "summary",
    "table", "td", "th", "tr", "ul", "menu",
}
BLOCKISH = frozenset(_BLOCKISH)

# ---------------------------------------------------------------------------------------
# Where a text sits: a rule from the tag, ARIA role and class/id tokens of its ancestors

_WORDS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("pull-quote", frozenset({"pullquote", "pullout", "blockquote-pull"}), "a pull quote that repeats the text"),
    ("cookie-banner", frozenset({"cookie", "cookies", "consent", "gdpr", "dsgvo", "rodo", "cmp", "onetrust", "privacy-banner", "privacybanner"}), "cookie or consent banner"),
    ("advertisement", frozenset({"ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsor", "sponsored", "dfp", "adslot"}), "advertisement"),
    ("share", frozenset({"share", "sharing", "social", "addthis", "sharethis", "sharebar"}), "social sharing buttons"),
    ("comments", frozenset({"comment", "comments", "disqus", "discussion", "respond", "replies"}), "readers' comments"),
    ("newsletter", frozenset({"newsletter", "subscribe", "subscription", "signup", "mailing", "paywall"}), "newsletter or subscription prompt"),
    ("related", frozenset({"related", "recommended", "recommendations", "trending", "popular", "outbrain", "taboola", "teasers", "recirculation", "mostread"}), "teasers for other articles"),
    ("navigation", frozenset({"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination", "pager", "skip", "toc"}), "site navigation"),
    ("sidebar", frozenset({"sidebar", "widget", "widgets", "rail"}), "sidebar"),
    ("header", frozenset({"masthead", "topbar"}), "site header"),
    ("footer", frozenset({"footer", "colophon"}), "site footer"),
    ("disclaimer", frozenset({"disclaimer", "disclaimers"}), "disclaimer"),
    ("contact", frozenset({"contact", "contacts"}), "contact details (a press release's media contacts)"),
    ("section-label", frozenset({"kicker", "eyebrow", "overline", "rubric", "label"}), "a section label above the title"),
)
_PHRASES = {"pull-quote": "pull-quote", "more-stories": "related", "read-more": "related", "also-read": "related", "most-read": "related", "site-header": "header", "site-footer": "footer"}
REASONS = {rule: reason for rule, _, reason in _WORDS} | {
    "form": "form", "hidden": "hidden text", "script": "shown only when scripts are off (<noscript>)",
    "not-main-content": "not part of the article's main content (trafilatura)", "override": "dropped by the manifest's overrides",
    "outside-article": "outside the element that holds the article's title and body",
    "outside-pdf-text": "outside the PDF's laid-out text (a viewer's outline or toolbar)",
    "links": "half or more of its words are links to other sites (link spam)",
    "other-script": "in another script than the article's text (spam)",
    "spam-block": "in a block most of whose paragraphs are spam",
    "author-bio": "about the author (a bio after the article)",
    "end-marker": "the mark that ends a press release (ENDS, -30-, ###)",
    "counter": "a number on its own (a count of claps, replies or views)",
    "contents": "a table of contents (headings with their page numbers)",
    "byline-furniture": "beside the byline, neither a name nor a date (reading time, counts)",
    SEPARATOR.rule: SEPARATOR.reason,
}
_TAG_RULES = {"nav": "navigation", "aside": "sidebar", "form": "form", "noscript": "script",
              # AMP's own elements say what they are
              "amp-sidebar": "sidebar", "amp-ad": "advertisement", "amp-embed": "advertisement", "amp-sticky-ad": "advertisement",
              "amp-social-share": "share", "amp-consent": "cookie-banner", "amp-user-notification": "cookie-banner"}
_ROLE_RULES = {"navigation": "navigation", "banner": "header", "contentinfo": "footer", "complementary": "sidebar", "search": "form", "form": "form", "menu": "navigation", "menubar": "navigation", "dialog": "", "alertdialog": ""}
_TOKEN_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")


# How a CMS displays a field's label, not a label: Drupal's "field--label-hidden", "field--label-above".
_LABEL_DISPLAY = re.compile(r"--label-(?:hidden|above|inline|visually[-_]hidden)\b", re.IGNORECASE)


def tokens(el: etree._Element) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    found = {n.lower() for n in names}
    for name in names:
        found.update(t.lower() for t in _TOKEN_SPLIT.split(_LABEL_DISPLAY.sub("", name)) if t)
    return found


_STEMS = (("cookie", "cookie-banner"), ("consent", "cookie-banner"), ("advert", "advertisement"), ("social", "share"),
          ("comment", "comments"), ("newsletter", "newsletter"), ("related", "related"), ("menu", "navigation"),
          ("navbar", "navigation"), ("breadcrumb", "navigation"), ("sidebar", "sidebar"), ("masthead", "header"),
          ("header", "header"), ("footer", "footer"))


def element_rule(el: etree._Element, in_article: bool) -> str:
    """The rule an element's own tag, role or class/id give the text inside it ("" if none)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or re.search(r"display\s*:\s*none", el.get("style") or ""):
        return "hidden"
    own = tokens(el)
    for phrase, rule in _PHRASES.items():
        if phrase in own:
            return rule
    for rule, words, _ in _WORDS:
        if own & words:
            if rule in ("header", "footer") and in_article:
                continue
            if rule == "section-label" and own & words == {"label"} and len(el.text_content().split()) > 4:
                continue  # a figure's or a number's label ("Theme-Stat-Label": "length of the Belarus-Ukraine border"), not a section's
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


# ---------------------------------------------------------------------------------------
# Decoding and parsing


def decode_page(data: bytes, path: str, warnings: list[str]) -> str:
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


def parse(text: str) -> etree._Element:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_pis=True, huge_tree=True, default_doctype=False)
    return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def compact(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------------------------------
# The page's text: every text node of the body, with its line and the element it belongs to


@dataclass
class Node:
    text: str
    line: int
    owner: etree._Element  # the element the text sits in (its parent for a tail)
    unit: etree._Element  # the nearest block-level element: text of one unit shares it
    is_text: bool  # the element's own text (right after its start tag), not a tail
    seg: int = 0  # how many <br> of its unit come before it: a line of a <br>-separated block
    start: int = 0  # offset in the compact page text
    end: int = 0
    kept: list[tuple[int, int]] = field(default_factory=list)  # compact offsets in blocks


def _unit_of(el: etree._Element) -> etree._Element:
    for node in (el, *el.iterancestors()):
        if node.tag in _BLOCKISH or tokens(node) & {"credit", "copyright", "byline", "dateline"}:
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


def _text_nodes(root: etree._Element) -> list[Node]:
    """Text of the body in document order; a text's line is its element's ``sourceline``
    (where lxml ends the start tag) plus the line breaks before it, a tail's the line its
    element ends on plus the breaks before it."""
    nodes: list[Node] = []
    body = root.find("body")
    if body is None:
        return nodes
    line = body.sourceline or 1
    units: dict[etree._Element, etree._Element] = {}
    segs: dict[etree._Element, int] = {}  # <br> seen so far in each unit

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
            block = unit(owner)
            nodes.append(Node(text, at + text.count("\n", 0, len(text) - len(stripped)), owner, block, is_text, segs.get(block, 0)))
        return at + text.count("\n")

    for event, el in _walk(body):
        if nodes and (el.tag in _BLOCKISH or el.tag == "br") and not nodes[-1].text[-1:].isspace():
            nodes[-1].text += " "  # a line break or a block boundary separates words too
        if event == "start":
            if el.tag == "br":
                segs[unit(el)] = segs.get(unit(el), 0) + 1
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
        offset += len(compact(node.text))
        node.end = offset
    return nodes


class Page:
    """The parsed page's text nodes, their compact text, and what is known about elements."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.nodes = _text_nodes(root)
        self.compact = "".join(compact(n.text) for n in self.nodes)
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

    def find(self, part: str, cursor: int, hint: int, limit: int = -1) -> list[tuple[int, int]]:
        """Where a block's text is in the page, in ``[cursor, limit)``: one span when it is
        there as it is, several when trafilatura left out inline bits; [] when not found.
        ``hint`` is the source line trafilatura kept on its element (0 if it lost it)."""
        target = compact(part)
        end = len(self.compact) if limit < 0 else limit
        if not target or cursor >= end:
            return []
        starts = [cursor]
        if hint:
            i = bisect_right(self.lines, hint - 1)
            if i < len(self.nodes) and cursor < self.nodes[i].start < end:
                starts.insert(0, self.nodes[i].start)
        for start in starts:
            found = self.compact.find(target, start, end)
            if found >= 0:
                return [(found, found + len(target))]
        spans: list[tuple[int, int]] = []
        pos, matched = cursor, 0
        window = 1000 + 4 * len(target)  # the words of one block are close together
        for word in part.split():
            w = compact(word)
            found = self.compact.find(w, pos, min(end, pos + (window if not spans else 200 + len(w))))
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
            result = element_rule(node, in_article) or result
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
        return norm("".join(out))


def common_ancestor(elements: Sequence[etree._Element]) -> etree._Element | None:
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



def masked(node: Node, kept: bool) -> str:
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


def leftover(node: Node) -> str:
    return masked(node, False)


def host(url: str) -> str:
    found = re.match(r"(?:https?:)?//(?:www\.)?([^/:?#]+)", url.strip(), re.IGNORECASE)
    return found.group(1).lower() if found else ""


@dataclass(frozen=True)
class Links:
    """How much of a run of text is link text."""

    words: int
    linked: int  # words inside any link
    away: int  # words inside links to another site
    away_links: int  # how many such links


def links(nodes: Sequence[Node], own_host: str) -> Links:
    """The link words of these text nodes: a link is to another site when its URL is absolute
    and its host is not ``own_host`` (the page's own, where known)."""
    words = linked = away = 0
    seen: set[etree._Element] = set()
    for node in nodes:
        n = len(re.findall(r"\w+", node.text))
        words += n
        link = next((a for a in (node.owner, *node.owner.iterancestors()) if a.tag == "a"), None)  # a tail's owner is its parent
        if link is None or link.get("href") is None:
            continue  # (an anchor, <a name="_Toc1">, is no link)
        linked += n
        target = host(link.get("href") or "")
        if target and target != own_host:
            away += n
            seen.add(link)
    return Links(words, linked, away, len(seen))


def scripts(text: str) -> dict[str, int]:
    """How many letters of each script (LATIN, CYRILLIC, CJK, ...) the text has."""
    found: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = name.split(" ", 1)[0] if name else "?"
            if script in ("HIRAGANA", "KATAKANA"):
                script = "CJK"
            found[script] = found.get(script, 0) + 1
    return found


ELSEWHERE = {"navigation", "related", "sidebar", "comments", "hidden", "share", "newsletter"}  # a title said there is a teaser or a crumb


_TITLE_SUFFIX = re.compile(r"\s+(?:\||–|—|-|::|·|«)\s+")


# What joins a headline to the rest of it that <title> leaves out: "Headline: what changed in 2026".
HEADLINE_GOES_ON = (": ", " – ", " — ", ". ")


def own_text(el: etree._Element) -> str:
    """The text an element says itself, without its child elements' (their tails are its own)."""
    return norm((el.text or "") + " ".join(c.tail or "" for c in el if isinstance(c.tag, str)))


def title_element(root: etree._Element, title: str) -> etree._Element | None:
    """The element that states the detected title: an ``<h1>`` or ``<h2>`` (``<title>`` often
    adds " | Site"), else any element that says exactly the title, outside menus and teasers."""
    wanted = norm(title).casefold()
    headings = [h for h in root.iter("h1", "h2") if norm(h.text_content())]
    for tag in ("h1", "h2"):
        for h in headings:
            text = norm(h.text_content()).casefold()
            if h.tag == tag and wanted and (text == wanted or (len(text) >= 10 and (text in wanted or wanted in text))):
                return h
    h1 = [h for h in headings if h.tag == "h1"]
    if not wanted:
        return h1[0] if len(h1) == 1 else None  # a lone <h1> on a page that states no title
    body = root.find("body")
    # The title without what ``<title>`` adds after it: "Headline | News", "Headline – Section".
    stems = {wanted} | {part for part in (_TITLE_SUFFIX.split(wanted, maxsplit=1)[0],) if len(part.split()) >= 3}
    for el in body.iter() if body is not None else ():
        # a title without a heading tag: <div class="art-title">, <font size="5"><b>; the
        # outermost element that says exactly the title, not a link to it (a teaser)
        if isinstance(el.tag, str) and el.tag not in ("a", "option", "button", "label", "td", "th", "li") \
                and norm(el.text_content()).casefold() in stems and not any(a.tag == "a" for a in el.iterancestors()) \
                and not any(a.tag == "a" for a in el.iter("a")) \
                and not any(element_rule(a, True) in ELSEWHERE for a in (el, *el.iterancestors())):
            return el
    # A table layout's title cell, with the date floated inside it: <td class="eTitle"><div>14:05,
    # 03.12.2026</div>Headline</td>: the cell's own text (without its elements') is the title.
    for el in body.iter("td", "th", "div") if body is not None else ():
        own = own_text(el)
        if own and own.casefold() in stems and len(el) <= 3 and not any(a.tag == "a" for a in (*el.iterancestors(), *el.iter("a"))) \
                and not any(element_rule(a, True) in ELSEWHERE for a in (el, *el.iterancestors())):
            return el
    # The headline that goes on past what <title> states: "Headline: what changed in 2026" under
    # <title>Headline</title> (Word saves a document's title property there): the first such
    # paragraph, short, not a link.
    for el in body.iter("p", "div") if body is not None else ():
        text = norm(el.text_content()).casefold()
        if len(wanted.split()) >= 3 and any(text.startswith(stem + sep) for stem in stems for sep in HEADLINE_GOES_ON) \
                and len(text.split()) <= 30 and not any(a.tag == "a" for a in (*el.iterancestors(), *el.iter("a"))) \
                and not any(d is not el for d in el.iter("p", "div", "h1", "h2", "h3")) \
                and not any(element_rule(a, True) in ELSEWHERE for a in (el, *el.iterancestors())):
            return el
    # The page's one <h1>, when the stated title (og:title, <title>) words it differently:
    # "Was über das Manöver bekannt ist" over an <h1> "Manöver „Sapad 2025“ Was über die Übung ..."
    return h1[0] if len(h1) == 1 and not any(element_rule(a, True) in ELSEWHERE for a in (h1[0], *h1[0].iterancestors())) else None


def page_language(root: etree._Element) -> str:
    """The language the page declares: ``<html lang>``, Content-Language or og:locale ("" if none)."""
    raw = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not raw:
        for meta in root.iterfind(".//meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language" or (meta.get("property") or "").lower() == "og:locale":
                raw = meta.get("content") or ""
                break
    found = re.match(r"\s*([a-zA-Z]{2,3})(?![a-zA-Z])", raw)
    return found.group(1).lower() if found else ""


def truncation(text: str, root: etree._Element) -> str:
    """Why the page looks cut off ("" when it has its closing tags)."""
    if re.search(r"</(body|html)\s*>", text, re.IGNORECASE):
        return ""
    last = root
    while len(last) and isinstance(last[-1].tag, str):
        last = last[-1]
    return f"the page looks truncated: it has no </body> or </html> and ends inside <{last.tag}> (line {last.sourceline})"


# ---------------------------------------------------------------------------------------
# What the page states about itself: in its markup for machines, and a byline's date in words


_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def json_ld(tree: etree._Element) -> list[dict[str, object]]:
    """The page's JSON-LD objects (an @graph's members too); unreadable ones are skipped."""
    found: list[dict[str, object]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack.extend(graph if isinstance(graph, list) else [])
    return found


def stated(tree: etree._Element) -> tuple[str, str]:
    """The publication date and publisher the page states in its markup, for machines:
    ``article:published_time`` / ``itemprop=datePublished`` / JSON-LD ``datePublished`` / the
    first ``<time datetime>`` outside teasers and menus; ``og:site_name`` / JSON-LD
    ``publisher.name``.  ("", "") where it states none: trafilatura's guess is used then."""
    date = publisher = ""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = meta.get("content") or ""
        if not date and key in ("article:published_time", "og:published_time", "datepublished", "pubdate", "date") and _ISO_DATE.match(value):
            date = _ISO_DATE.match(value).group(1)  # type: ignore[union-attr]
        if not publisher and key == "og:site_name" and norm(value):
            publisher = norm(value)
    for item in json_ld(tree):
        if not date and isinstance(item.get("datePublished"), str) and _ISO_DATE.match(str(item["datePublished"])):
            date = _ISO_DATE.match(str(item["datePublished"])).group(1)  # type: ignore[union-attr]
        org = item.get("publisher")
        if not publisher and isinstance(org, dict) and isinstance(org.get("name"), str) and norm(str(org["name"])):
            publisher = norm(str(org["name"]))
    if not date:
        for time in tree.iter("time"):
            when = _ISO_DATE.match(time.get("datetime") or "")
            if when and not any(element_rule(a, True) in ELSEWHERE for a in (time, *time.iterancestors())):
                date = when.group(1)
                break
    return date, publisher


_WORD_DATE = re.compile(r"(?<!\d)(?:(\d{1,2})\.?\s+([^\W\d_]{3,12})\.?,?\s+(\d{4})|([^\W\d_]{3,12})\.?\s+(\d{1,2}),?\s+(\d{4}))(?!\d)")
_NUM_DATE = re.compile(r"(?<!\d)(?:(\d{4})-(\d\d)-(\d\d)|(\d{1,2})\.(\d{1,2})\.(\d{4}))(?!\d)")


@lru_cache(maxsize=None)
def _months(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, both contexts) of English and the page's language,
    from CLDR: "nov", "november", "ноября", "лістапада" → 11."""
    found: dict[str, int] = {}
    for lang in dict.fromkeys(("en", language or "en")):
        try:
            loc = babel.Locale.parse(lang)
        except (ValueError, babel.UnknownLocaleError):
            continue
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for n, name in loc.months[ctx][width].items():
                    found.setdefault(name.lower().rstrip("."), n)
    return found


def visible_date(text: str, language: str = "") -> str:
    """The ISO date a byline states ("Nov 21, 2026", "24 November 2026", "25 ноября 2026",
    "2026-11-21", "21.11.2026"); "" when it states none that is a real date."""
    months = _months(language)
    candidates: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for m in _WORD_DATE.finditer(text):
        day, name, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        if name.lower() in months:
            candidates.append((m.start(), int(year), months[name.lower()], int(day)))
    for m in _NUM_DATE.finditer(text):
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        candidates.append((m.start(), int(year), int(month), int(day)))
    for _, year, month, day in sorted(candidates):
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""
