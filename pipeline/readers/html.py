"""The HTML reader: a page as a browser saves it.

trafilatura (the only module that imports it) decides what the article's main content is and
what the page states about itself; its blocks are mapped back to the elements of the page as
parsed by lxml (:mod:`pipeline.readers.htmlmatch` over :mod:`pipeline.readers.htmlpage`), so
every block knows the source line its element starts on, and every visible text of the body that is not in a block is
listed as a removal with a reason read off where it sits (``navigation``, ``footer``,
``cookie-banner``, …; ``not-main-content`` when only trafilatura's choice says so).

trafilatura's choice is then checked against the page's structure, by general rules only
(tag, class and role, link density, script, position relative to the title and the body):
what it kept outside a layout table's article cell, link spam and teasers in the body, a
section label above the title, an author bio, and what it left out between the body's
paragraphs (sub-headings, list items).
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Sequence

import lxml.etree as etree  # type: ignore[import-untyped]
import trafilatura

from pipeline.clean_features import detect_language, ends_sentence, features, language_scores
from pipeline.clean_phrases import SECTION_LABEL, SEPARATOR, SPONSOR, Drop, is_separator, line_verdict
from pipeline.clean_publisher import copyright_holder, expand_acronym, is_platform, self_named
from pipeline.clean_trims import trim_suffix
from pipeline.clean_shapes import INLINE_CREDIT, PICTURE_CREDIT, is_byline, is_dateline, tidy_name, tidy_publisher
from pipeline.errors import SourceError
from pipeline.manifest import Overrides
from pipeline.model import Block, BlockKind, Document, Metadata, Removal, SourceMeta
from pipeline.readers.base import AppliedOverrides, lone_items_as_headings
from pipeline.readers.htmlmatch import HEADINGS as _HEADINGS
from pipeline.readers.htmlmatch import TAG_KINDS as _TAG_KINDS
from pipeline.readers.htmlmatch import Extracted as _Extracted
from pipeline.readers.htmlmatch import Unit as _Unit
from pipeline.readers.htmlmatch import dropped_units as _dropped_units
from pipeline.readers.htmlmatch import extracted as _extracted
from pipeline.readers.htmlmatch import matched_units as _matched_units
from pipeline.readers.htmlpage import (
    BLOCKISH, HEADLINE_GOES_ON, MARKUP, REASONS, Node, Page, common_ancestor, compact, decode_page, element_rule, host, leftover, links, masked, norm,
    own_text, page_language, parse, scripts, stated, title_element, tokens, truncation, visible_date,
)

_HTML = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)
_SITE_COPYRIGHT = re.compile(r"^(copyright\b|©|\(c\))\s*(©\s*)?(19|20)\d\d\b", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|written by|von)\s+\S.{0,80}$", re.IGNORECASE)
# "Copyright Thomson Reuters 2026. Click For Restrictions - https://...": a copyright with its terms, not a picture's credit.
_TERMS_COPYRIGHT = re.compile(r"^(copyright|©|\(c\))\s+[^.\d]{2,60}?\s(19|20)\d\d\b.{0,200}?(https?://|restrictions|rights|terms)", re.IGNORECASE)
# A wire story's update note under its title: "(Adds Kremlin comment in paragraph 7)", "(Updates with vote)".
_UPDATE_NOTE = re.compile(
    r"^\((adds|updates|updated|recasts|corrects|changes|rewrites|writes through|new throughout|repeats|refiles|fixes|inserts|removes)\b[^()]{0,200}\)$",
    re.IGNORECASE,
)
_ERROR_TITLE = re.compile(r"\b40[34]\b|not found|access denied|server error", re.IGNORECASE)
_PROSE_WORDS = 25  # a paragraph this long is the body's prose, not furniture

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


# ---------------------------------------------------------------------------------------
# Structure: what trafilatura kept, mapped back; the article's furniture it leaves out

_STRONG = {"contact", "section-label", "disclaimer", "pull-quote", "navigation", "cookie-banner", "advertisement", "share", "comments", "newsletter", "form", "related", "sidebar", "header", "footer", "script"}
_FURNITURE: tuple[tuple[BlockKind, frozenset[str]], ...] = (
    (BlockKind.CREDIT, frozenset({"credit", "credits", "copyright", "photographer"})),
    (BlockKind.CAPTION, frozenset({"caption", "figcaption", "wp-caption-text"})),
    (BlockKind.NOTE, frozenset({"footnote", "footnotes", "endnote", "endnotes", "note", "notes"})),
    (BlockKind.BYLINE, frozenset({"byline", "author", "authors", "dateline", "published", "timestamp", "date", "meta", "posted", "vcard", "autor"})),
    (BlockKind.STANDFIRST, frozenset({"standfirst", "dek", "deck", "subtitle", "subheadline", "subhead", "lede", "lead", "summary", "excerpt", "intro",
                                      "strapline", "teaser", "teasertext", "leadtext", "introtext", "vorspann"})),
)


def _furniture(el: etree._Element, stop: etree._Element | None) -> BlockKind | None:
    """The article furniture an element is by its tag or class/id tokens, or those of its
    parent or grandparent (further up they belong to wrappers of the whole article)."""
    if len(el) < 20 and len(norm(el.text_content())) <= 200 and el.xpath('.//*[@rel="author" or contains(@class, "author") or contains(@class, "byline")]'):
        return BlockKind.BYLINE
    for depth, node in enumerate((el, *el.iterancestors())):
        if depth > 2 or node is stop or node.tag in ("body", "article", "main"):
            break
        own = tokens(node)
        if node.tag == "figcaption":
            return BlockKind.CREDIT if own & _FURNITURE[0][1] else BlockKind.CAPTION
        if node.tag == "address" or node.get("rel") == "author":
            return BlockKind.BYLINE
        for kind, words in _FURNITURE:
            if own & words:
                return kind
    return None


def _bio(el: etree._Element) -> bool:
    """An author box after the body that tells about the author (a dozen words and more), not
    a byline at the end ("Posted by Name at 10:15")."""
    box = next((n for n in (el, *el.iterancestors()) if tokens(n) & _FURNITURE[3][1] or n.get("rel") == "author"), el)
    said = norm(box.text_content())
    # "Reporting by ...; Editing by ..." at the end is a credit line, however long
    return box.tag not in ("body", "article", "main") and len(said.split()) >= 12 and not re.search(r"\bby\b", said, re.IGNORECASE)


def _description(root: etree._Element) -> str:
    """The page's description of itself (``<meta name="description">``, ``og:description``), compacted."""
    found = root.xpath('//meta[@name="description" or @property="og:description" or @name="twitter:description"]/@content')
    return compact(str(found[0])) if found else ""


def _apply_furniture(page: Page, units: list[_Unit], region: etree._Element | None, title_pos: int = -1) -> None:
    """Bylines, standfirsts, captions and credits of the article: found by tag and class even
    where trafilatura left them out (it takes bylines for metadata and drops figure captions).
    The body starts at the first paragraph of prose below the title (a consent dialog above
    it is not the body)."""
    first_paragraph = _body_start([u for u in units if u.pos > title_pos])
    described = _description(page.root)
    known: dict[etree._Element, BlockKind | None] = {}  # many units can share one element
    for unit in units:
        if unit.kind is BlockKind.TITLE or (unit.kind is None and unit.rule in _STRONG):
            continue
        if unit.kind is not None and unit.element.tag == "address" and unit.pos > first_paragraph:
            continue  # an address the body gives (where to write to a prisoner), kept in the body: not its author's box
        if region is not None and unit.kind is None and region not in unit.element.iterancestors() and unit.element is not region:
            continue
        if unit.element not in known:
            known[unit.element] = _furniture(unit.element, region)
        kind = known[unit.element]
        if unit.kind is not None and (kind is None or kind is BlockKind.CREDIT) and (_SITE_COPYRIGHT.match(unit.text) or _TERMS_COPYRIGHT.match(unit.text)) \
                and not any(a.tag == "figure" for a in unit.element.iterancestors()):
            unit.kind, unit.rule = None, "footer"  # "© 2009-2026 Name." is the site's, not a picture's credit
            continue
        if kind is BlockKind.CAPTION and PICTURE_CREDIT.match(unit.text):
            kind = BlockKind.CREDIT
        if kind is None and _BYLINE.match(unit.text) and unit.pos < first_paragraph:
            kind = BlockKind.BYLINE
        if kind is BlockKind.BYLINE and len(unit.text) > 200:
            kind = None
        if kind is BlockKind.BYLINE and unit.pos > first_paragraph and _bio(unit.element):
            unit.kind, unit.rule = None, "author-bio"
            continue
        if kind is BlockKind.BYLINE and re.search(r"\d", unit.text) and not (_NAME.search(unit.text) or _DATE.search(unit.text) or _BYLINE.match(unit.text)):
            unit.kind, unit.rule = None, "byline-furniture"  # "5 min read", "12 comments" beside the byline
            continue
        if kind is None and unit.kind is None and unit.rule == "not-main-content" and title_pos < unit.pos < first_paragraph \
                and described and len(unit.text) >= 40 and compact(unit.text)[:40] == described[:40]:
            kind = BlockKind.STANDFIRST  # under the title, what the page's description says it is about
        if kind is BlockKind.STANDFIRST and (unit.pos > first_paragraph or len(unit.text) > 600):
            kind = None
        if unit.kind is BlockKind.HEADING and kind is not BlockKind.STANDFIRST:
            continue  # a heading stays one, unless it is the article's dek (an <h2> under the title)
        if kind is not None:
            unit.kind = kind
        elif unit.kind is BlockKind.PARAGRAPH and PICTURE_CREDIT.match(unit.text) and len(unit.text) <= 120:
            unit.kind = BlockKind.CREDIT
        elif unit.kind is BlockKind.PARAGRAPH and unit.first >= 0 and len(unit.text) <= 150:
            owner = page.nodes[unit.first].owner  # a bold line on its own: a heading without <h2>
            if owner.tag in ("b", "strong") and norm(owner.text_content()) == unit.text:
                unit.kind = BlockKind.HEADING


_COUNT = re.compile(r"^\(?\d[\d.,\s]{0,6}[KkMm]?\)?$")
_MONTH = r"[^\W\d_]{3,10}\.?"
_DATE_ONLY = re.compile(
    rf"^(?:{_MONTH},?\s+)?(?:\d{{1,2}}\.?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
    r"(?:\s*(?:г\.|р\.))?(?:,?\s+\d{1,2}:\d\d)?$"
)
_AUTHOR_PAGE = re.compile(r"/@|\bauthors?\b|\bpeople\b|\bprofiles?\b|\bstaff\b|\bexperts?\b|\bautor(?:en)?\b|\bcontributors?\b", re.IGNORECASE)


_END_MARK = re.compile(r"^[-–—#*\s]*(?:ends?|-?30-?|###)[-–—#*\s]*$", re.IGNORECASE)


def _counters(units: Sequence[_Unit]) -> None:
    """A paragraph that is a number and nothing else ("31", "1.4K") is a counter of claps,
    replies or views, not the article's text; one that is a press release's end mark
    ("ENDS", "-30-", "###") is the wire convention's furniture."""
    for unit in units:
        in_table = any(a.tag in ("td", "th") for a in (unit.element, *unit.element.iterancestors()))
        if unit.kind is BlockKind.PARAGRAPH and len(unit.parts) <= 1 and _COUNT.match(unit.text) and not in_table:
            unit.kind, unit.rule = None, "counter"  # (a number in a table's cell is its data)
        elif unit.kind is BlockKind.PARAGRAPH and len(unit.parts) <= 1 and _END_MARK.match(unit.text):
            unit.kind, unit.rule = None, "end-marker"


_CONTENTS_ITEM = re.compile(r"^(?P<head>\D.{1,120}?)\s*(?:\.{2,}|…+|\s)\s*(?P<page>\d{1,3})$")


_QUOTE_EDGE = "\"“”«»„ —–"  # a pull quote's marks and its attribution's dash


def _quoted_once(text: str, said: str) -> bool:
    """A pull quote's text (or its attribution) that the rest of the article does not give:
    no sentence of it, 40 characters or more, is found in the other blocks."""
    sentences = [compact(s.strip(_QUOTE_EDGE)) for s in re.split(r"(?<=[.!?…])\s+", text.strip(_QUOTE_EDGE)) if len(s.strip(_QUOTE_EDGE)) >= 40]
    return bool(sentences) and not any(s[:60] in said for s in sentences)


def _contents(units: Sequence[_Unit]) -> None:
    """A table of contents: three items or more of one list, each a heading and its page number
    in rising order ("Introduction 3", "Two refineries after 2022 6"), and the heading over it
    ("Inside the report").  The report's contents, not the article's text."""
    groups: dict[etree._Element, list[_Unit]] = {}
    for unit in units:
        parent = unit.element.getparent()
        if unit.kind is not None and unit.kind is not BlockKind.TITLE and parent is not None:
            groups.setdefault(parent, []).append(unit)
    ordered = sorted((u for u in units if u.kind is not None), key=lambda u: u.pos)
    for items in groups.values():
        items.sort(key=lambda u: u.pos)
        found = [_CONTENTS_ITEM.match(u.text) for u in items]
        if len(items) < 3 or not all(found):
            continue
        pages = [int(m.group("page")) for m in found if m is not None]
        if any(b <= a for a, b in zip(pages, pages[1:])) or all(b == a + 1 for a, b in zip(pages, pages[1:])):
            continue  # (numbered steps, "Phase 1", "Phase 2", "Phase 3", are the article's)
        for unit in items:
            unit.kind, unit.rule = None, "contents"
        above = [u for u in ordered if u.pos < items[0].pos and u.kind is not None]
        if above and above[-1].kind is BlockKind.HEADING and len(above[-1].text.split()) <= 5:
            above[-1].kind, above[-1].rule = None, "contents"


# A date or a name under a label: "Stand: 12.09.2025 17:45 Uhr", "Аўтар: Марына Ляўковіч".
_LABELLED = re.compile(
    r"^(?:(?:stand|updated|published|posted|veröffentlicht|aktualisiert|опубликовано|обновлено|апублікавана|абноўлена"
    r"|opublikowano|zaktualizowano|дата)\s*:?\s*(?P<date>.{6,40}?)(?:\s*(?:uhr|г\.|msk|utc|cet|cest|gmt[+-]?\d*))?"
    r"|(?:author|authors|autor|autorin|autoren|автор|аўтар|tekst|text|текст)\s*:\s*[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][\w'’.-]+(?: [A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][\w'’.-]+){1,3})$",
    re.IGNORECASE,
)


def _labelled(text: str) -> bool:
    found = _LABELLED.match(text)
    return found is not None and (found.group("date") is None or bool(_DATE.search(found.group("date"))))


def _head_line(text: str) -> bool:
    """A line of an article's head: a date with a time or a name beside it ("December 1, 2026
    7:12 AM GMT", "12.11.2026 | Agnieszka Lewandowska"), or a byline ("Rūta Jankauskaitė, LRB.lt")."""
    # (inline elements set apart by the page's style only, with no space between them, glue
    # a name to its date: "Ірына КарповічDecember 03, 2026")
    apart = _GLUED.sub(" ", text)
    return len(apart.split()) <= 8 and (is_dateline(text) or is_byline(text) or (apart != text and is_dateline(apart)))


_GLUED = re.compile(r"(?<=[a-zà-þа-яёўіїєґ])(?=[A-ZÀ-ÞА-ЯЁЎІЇЄҐ][a-zà-þа-яёўіїєґ]+\.? \d)")


def _byline_beside_title(page: Page, units: Sequence[_Unit], title_pos: int, region: etree._Element | None) -> None:
    """Between the title and the body's first paragraph, in the article's element, a text
    that is a date and nothing else, or a name that links to the author's page, is the
    byline even without a byline class (trafilatura takes both for metadata); a few words
    with a number there ("4 min read") are then its furniture."""
    if title_pos < 0 or region is None:
        return
    start = _body_start(units)
    # A standfirst set as a paragraph, with the byline and the date under it: the body starts
    # at the next paragraph of prose ("Title" / "The Seimas voted ..." / "Rūta J., LRB.lt" / "2026-11-25 14:32").
    after = sorted((u for u in units if u.pos > start), key=lambda u: u.pos)[:3]
    if any(u.kind is None and u.rule == "not-main-content" and _head_line(u.text) for u in after):
        start = _body_start([u for u in units if u.pos > max(u.pos for u in after if u.kind is None and _head_line(u.text))])
    for unit in units:
        if not title_pos < unit.pos < start or unit.first < 0:
            continue
        if unit.kind is BlockKind.PARAGRAPH and _DATE_ONLY.match(unit.text):
            unit.kind = BlockKind.BYLINE  # kept, but as text
        if unit.kind is BlockKind.PARAGRAPH and _UPDATE_NOTE.match(unit.text):
            unit.kind = BlockKind.NOTE
        if unit.kind is not None or unit.rule != "not-main-content":
            continue
        if unit.element is not region and region not in unit.element.iterancestors():
            continue  # (a <time> right in the <article> is the article's text)
        owner = page.nodes[unit.first].owner
        link = next((a for a in (owner, *owner.iterancestors()) if a.tag == "a"), None)
        if _UPDATE_NOTE.match(unit.text):
            unit.kind = BlockKind.NOTE
        elif _DATE_ONLY.match(unit.text) or _labelled(unit.text) or _head_line(unit.text) or (
            link is not None and _NAME.fullmatch(unit.text) and norm(link.text_content()) == unit.text
            and (link.get("rel") == "author" or _AUTHOR_PAGE.search(link.get("href") or ""))
        ):
            unit.kind = BlockKind.BYLINE
    # The source and time right above the title, in the article's element: "Reuters · 01.12.2026 16:52".
    above = max((u for u in units if u.pos < title_pos and u.first >= 0), key=lambda u: u.pos, default=None)
    if above is not None and (above.kind is BlockKind.PARAGRAPH or (above.kind is None and above.rule == "not-main-content")) and is_dateline(above.text) \
            and _head_line(above.text) and re.search(r"\d{1,2}:\d\d", above.text) and region in above.element.iterancestors():
        above.kind = BlockKind.BYLINE
    # A name on its own right beside that date, between the title and the body: the byline's name
    # ("<span>Alena Shylovich</span><time>December 3, 2026</time>" read as two blocks).
    head = sorted((u for u in units if title_pos < u.pos < start and u.kind is not None), key=lambda u: u.pos)
    for unit, nxt in zip(head, head[1:]):
        for name, date in ((unit, nxt), (nxt, unit)):
            if name.kind is BlockKind.PARAGRAPH and _NAME.fullmatch(name.text) and date.kind is BlockKind.BYLINE and _DATE_ONLY.match(date.text):
                name.kind = BlockKind.BYLINE
    if any(u.kind is BlockKind.BYLINE and title_pos < u.pos < start for u in units):
        for unit in units:  # "4 min read" beside that byline
            if unit.kind is BlockKind.PARAGRAPH and title_pos < unit.pos < start and len(unit.text.split()) <= 4 \
                    and re.search(r"\d", unit.text) and not _DATE_ONLY.match(unit.text):
                unit.kind, unit.rule = None, "byline-furniture"


def _kicker(units: Sequence[_Unit], title_pos: int) -> None:
    """A word or two just above the title, without a digit ("Belarus", "ANALYSIS"), is its
    section label, not the article (a date or a byline above the title has its digits or
    its class)."""
    above = [u for u in units if u.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and 0 <= u.pos < title_pos]
    if above:
        unit = max(above, key=lambda u: u.pos)
        if len(unit.text.split()) <= 3 and not re.search(r"\d", unit.text) and not _BYLINE.match(unit.text) and _furniture(unit.element, None) is None:
            unit.kind, unit.rule = None, "section-label"


def _outside_article(page: Page, units: Sequence[_Unit], title_el: etree._Element | None) -> None:
    """What trafilatura kept outside the table cell that holds both the title and the body's
    prose (a layout table's header row, side column and footer row) is not the article."""
    prose = [u.element for u in units if u.kind is BlockKind.PARAGRAPH and len(u.text.split()) >= _PROSE_WORDS]
    if title_el is None or not prose:
        return
    holder = common_ancestor([title_el, *prose])
    if holder is None or not any(a.tag in ("td", "th") for a in (holder, *holder.iterancestors())):
        return  # only a layout table's cells are this plain: elsewhere notes and credits may sit beside the body
    inside = {holder, *holder.iterdescendants()}
    for unit in units:
        if unit.kind is not None and unit.kind is not BlockKind.TITLE and unit.element not in inside:
            unit.kind, unit.rule = None, "outside-article"


def _body_start(units: Sequence[_Unit]) -> int:
    """Where the body starts: its first paragraph of prose (a "By ..." line is not one)."""
    return min((u.pos for u in units if u.kind is BlockKind.PARAGRAPH and len(u.text.split()) >= 10 and not _BYLINE.match(u.text)), default=1 << 62)


def _sentence(text: str, found: dict[str, int]) -> bool:
    """Long enough to be a sentence, not a quoted name or slogan: six words, or ten letters
    of a script written without spaces."""
    return len(text.split()) >= 6 or sum(n for script, n in found.items() if script in ("CJK", "HANGUL", "THAI")) >= 10


def _spam(page: Page, units: Sequence[_Unit], own_host: str) -> None:
    """Paragraphs inside the body that are not its prose: nearly all link (a teaser), half or
    more of their words in links to other sites (link spam), or in another script than the
    body (spam in Cyrillic or CJK injected into an English page).  A block most of whose
    paragraphs are spam is a spam block: its other short paragraphs go with them."""
    start = _body_start(units)
    body = [u for u in units if u.kind is BlockKind.PARAGRAPH and u.first >= 0 and u.pos > start]
    counts: dict[str, int] = {}
    for unit in (u for u in units if u.kind is BlockKind.PARAGRAPH):
        for script, n in scripts(unit.text).items():
            counts[script] = counts.get(script, 0) + n
    main = max(counts, key=lambda k: counts[k]) if counts else ""
    one_script = bool(main) and counts[main] >= 0.8 * sum(counts.values())
    for unit in body:
        found = scripts(unit.text)
        linked = links(page.nodes[unit.first : unit.last + 1], own_host)
        if linked.away_links >= 2 and linked.away >= 6 and linked.away * 2 >= linked.words:
            unit.rule = "links"  # a name or two linked to their source ("Sources: Viasna, Belstat") is not spam
        elif linked.linked >= 5 and linked.words - linked.linked <= 3 and _furniture(unit.element, None) is None:
            unit.rule = "related"  # a headline as a link, with a label at most ("Read more:"): a teaser
        elif linked.linked >= 8 and linked.linked * 5 >= linked.words * 3 and not re.search(r"[.!?…][\"'”»)]*(\s|$)", unit.text):
            unit.rule = "related"  # linked headlines with their sources and times ("Reuters · 2 days ago"): a cluster
        elif one_script and _sentence(unit.text, found) and found.get(main, 0) < 0.2 * sum(found.values()):
            unit.rule = "other-script"
    groups: dict[etree._Element, list[_Unit]] = {}
    for unit in body:
        parent = unit.element.getparent()
        if parent is not None and unit.element.tag == "p":
            groups.setdefault(parent, []).append(unit)
    for group in groups.values():
        spam = [u for u in group if u.rule]
        if len(group) >= 3 and len(spam) * 3 >= len(group) * 2 and all(len(u.text.split()) < _PROSE_WORDS for u in group):
            for unit in group:
                unit.rule = unit.rule or "spam-block"
    for unit in body:
        if unit.rule:
            unit.kind = None


def _phrases(units: Sequence[_Unit], language: str) -> None:
    """The plain-text reader's phrase rules (:mod:`pipeline.clean_phrases`), on what the page's
    markup did not already decide: one set of rules for the furniture every site has, in both
    readers ("Udostępnij Facebook X", "Subscribe to continue reading", "Home » Culture »").
    ``language`` is the article's (spam glued to a line is told by its alphabet and stopwords)."""
    for unit in units:
        if unit.kind is BlockKind.BYLINE and len(unit.text) <= 80 and _is_label(unit.text):
            unit.kind, unit.rule = None, SECTION_LABEL  # a box's label set in the article's meta line: "Related tickers"
            continue
        if unit.kind in (None, BlockKind.TITLE, BlockKind.BYLINE, BlockKind.CAPTION, BlockKind.CREDIT) or len(unit.text) > 1200:
            continue
        trim = trim_suffix(unit.text, unit.end_line, unit.text, language)  # judged without link text glued to its end
        verdict = line_verdict(trim.text if trim is not None else unit.text)
        own = norm(" ".join(unit.parts)) if len(unit.parts) > 1 else unit.text  # a table row's cells, without our " | "
        if verdict is None and features(own, "").linkish and len(unit.text.split()) <= 12 \
                and unit.kind is not BlockKind.LIST_ITEM and not PICTURE_CREDIT.match(unit.text) and not _head_line(unit.text):
            verdict = Drop("page-chrome", "breadcrumb or menu (short items between separators)")
        if verdict is not None:
            unit.kind, unit.rule = None, verdict.rule


def _sponsored(units: Sequence[_Unit]) -> None:
    """A sponsor's label ("PRESENTED BY", "Sponsored by ...") and the advertiser's copy right
    below it in the same box: a newsletter's advert, however much it reads as prose."""
    ordered = sorted(units, key=lambda u: u.pos)
    for unit, below in zip(ordered, ordered[1:]):
        if len(unit.text) > 80 or not SPONSOR.match(unit.text):
            continue
        unit.kind, unit.rule = None, "advertisement"
        if below.kind is not None and below.kind is not BlockKind.TITLE and len(below.text) <= 400 \
                and below.element.getparent() is unit.element.getparent():
            below.kind, below.rule = None, "advertisement"


def _tagline(units: Sequence[_Unit], title_pos: int) -> None:
    """A short line kept above the title that is neither its date nor its byline: the site's
    or the newsletter's tagline ("A weekly letter on refugees from Ukraine and Belarus")."""
    if title_pos < 0 or not any(u.kind is BlockKind.PARAGRAPH and u.pos > title_pos and len(u.text.split()) >= _PROSE_WORDS for u in units):
        return
    for unit in units:
        if unit.kind is BlockKind.PARAGRAPH and 0 <= unit.pos < title_pos and len(unit.text.split()) <= 15 \
                and not (is_dateline(unit.text) or is_byline(unit.text) or _labelled(unit.text) or ends_sentence(unit.text)):
            unit.kind, unit.rule = None, "header"


def _is_label(text: str) -> bool:
    verdict = line_verdict(text) if len(text) <= 80 else None
    return verdict is not None and verdict.rule == SECTION_LABEL


def _box_of(unit: _Unit, region: etree._Element | None) -> etree._Element | None:
    """The element ``unit`` sits in, when that is a box inside the article (not the article,
    its main or its region, nor the page's body)."""
    box = unit.element.getparent()
    if box is None or box is region or box.tag in ("body", "html", "article", "main") or box.get("role") == "main":
        return None
    return box


def _labelled_boxes(units: Sequence[_Unit], region: etree._Element | None) -> None:
    """A box that opens with the label of other content ("About the author", "Related
    articles", "Комментарии") holds that content: what follows the label in its element goes
    with it, unless the element is the article's own (the article, its main, its region)."""
    labels = [u for u in units if u.kind is None and (u.rule == SECTION_LABEL or _is_label(u.text))]
    for label in labels:
        box = _box_of(label, region)
        if box is None:
            continue
        inside = {box, *box.iterdescendants()}
        if any(u.kind is BlockKind.TITLE and u.element in inside for u in units):
            continue  # the article's header, under its kicker ("Photo story")
        if any(u.kind is not None and u.pos < label.pos and u.element in inside for u in units):
            continue  # a box opens with its label: one with the article's text above the label is the body ("Реклама" in mid-text)
        boxed = [u for u in units if u.kind is not None and u.kind is not BlockKind.TITLE and u.pos > label.pos and u.element in inside]
        if sum(len(u.text.split()) for u in boxed) <= 150:  # a box, not the article's section under its heading
            for unit in boxed:
                unit.kind, unit.rule = None, SECTION_LABEL


# A post that says it goes on in the next one: "👇 Продолжение — в следующем посте", "Continued in the next post".
_CONTINUED = re.compile(
    r"\b(продолжение|continued|continues|fortsetzung|працяг|продовження|ciąg dalszy)\b[^.!?]{0,30}?\b(в|у|in|im|w)\s+"
    r"(следующем|next|nächsten|наступным|наступному|następnym)\s+(посте|сообщении|post|message|tweet|beitrag|допісе|паведамленні|дописі|повідомленні|poście|wpisie)",
    re.IGNORECASE,
)


def _continued_posts(units: Sequence[_Unit]) -> None:
    """A channel's post split over two ("… 👇 Продолжение — в следующем посте"): the text of
    the next post (the element after the post's, of its kind) is the article's too, and the
    pointer between them is not."""
    for unit in [u for u in units if u.kind is not None and _CONTINUED.search(u.text[-100:])]:
        post = next((a for a in unit.element.iterancestors() if (n := a.getnext()) is not None and n.tag == a.tag
                     and (a.get("class") or "").split()[:1] == (n.get("class") or "").split()[:1] != []), None)
        if post is None:
            continue
        inside = set(post.getnext().iter())
        kept = {u.text for u in units if u.kind is not None}
        for other in units:
            if other.kind is None and other.rule == "not-main-content" and other.element in inside \
                    and len(other.text.split()) >= 3 and other.text not in kept and line_verdict(other.text) is None:
                other.kind, other.rule = BlockKind.PARAGRAPH, ""
        if len(unit.text) <= 100:
            unit.kind, unit.rule = None, "page-chrome"  # the pointer on a line of its own


def _teaser_links(units: Sequence[_Unit], title_el: etree._Element | None) -> None:
    """One link that wraps several blocks is one teaser ("<a><div>27 лістапада 2026</div><h3>Headline</h3></a>"):
    where the headline is dropped as another article's, its date or its kicker go with it."""
    links: dict[etree._Element, list[_Unit]] = {}
    for unit in units:
        link = next((a for a in (unit.element, *unit.element.iterancestors()) if a.tag == "a" and a.get("href")), None)
        if link is not None and (title_el is None or link not in (title_el, *title_el.iterancestors())):
            links.setdefault(link, []).append(unit)
    for group in links.values():
        dropped = [u for u in group if u.kind is None and u.rule]
        if len(group) < 2 or not dropped:
            continue
        for unit in group:
            if unit.kind is not None and unit.kind is not BlockKind.TITLE and len(unit.text.split()) <= 12:
                unit.kind, unit.rule = None, dropped[0].rule


def _box_titles(units: Sequence[_Unit], region: etree._Element | None) -> None:
    """A few words over a box whose text the article keeps ("Key takeaways" over its items) are
    that box's heading, though the extractor left them out."""
    ordered = sorted(units, key=lambda u: u.pos)
    for unit, below in zip(ordered, ordered[1:]):
        if unit.kind is not None or unit.rule != "not-main-content" or below.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        box = _box_of(unit, region)
        if box is None or below.element.getparent() is not box:
            continue
        if len(unit.text.split()) <= 5 and not re.search(r"[.!?:;,]$|\d", unit.text) and line_verdict(unit.text) is None:
            unit.kind = BlockKind.HEADING


def _heading_over_notes(units: Sequence[_Unit]) -> None:
    """A heading right above notes the article keeps below its body, in the element that holds
    them: "Przypisy" (Notes) over the footnotes, "Sources" over the sources."""
    ordered = sorted(units, key=lambda u: u.pos)
    for unit, below in zip(ordered, ordered[1:]):
        if unit.kind is None and unit.rule == "not-main-content" and str(unit.element.tag) in _HEADINGS[1:] \
                and below.kind is BlockKind.NOTE and len(unit.text.split()) <= 5 and line_verdict(unit.text) is None \
                and unit.element.getparent() in below.element.iterancestors():
            unit.kind = BlockKind.HEADING


def _fill_gaps(page: Page, units: Sequence[_Unit]) -> None:
    """Headings and list items trafilatura left out between paragraphs it kept, in the
    element that holds those paragraphs, are the body's own (its sub-headings and lists),
    unless a rule says otherwise or they are mostly links (a list of teasers)."""
    body = [u for u in units if u.kind is BlockKind.PARAGRAPH and len(u.text.split()) >= 10]
    if len(body) < 2:
        return
    holder = holder_all = common_ancestor([u.element for u in body])
    if holder is not None and holder.tag in ("body", "html"):
        # A paragraph kept outside the content (a cover page, Word's first section): the body is
        # in the child of <body> that holds most of its paragraphs, if one holds two thirds.
        counts: dict[etree._Element, int] = {}
        for u in body:
            child = next((a for a in (u.element, *u.element.iterancestors()) if a.getparent() is holder), None)
            if child is not None:
                counts[child] = counts.get(child, 0) + 1
        best = max(counts, key=lambda c: counts[c], default=None)
        holder = best if best is not None and counts[best] * 3 >= len(body) * 2 and counts[best] >= 2 else None
        body = [u for u in body if holder is not None and holder in u.element.iterancestors()]
    if holder is None or holder.tag in ("body", "html"):
        return
    first, last = min(u.pos for u in body), max(u.pos for u in body)
    ordered = sorted(units, key=lambda u: u.pos)
    revived: list[_Unit] = []
    # List items first, then a definition list's terms and descriptions (a prisoner's card of
    # facts) and an address (where to write): a heading is revived only above content.
    # (an h1 between two paragraphs of the body is a section's heading, not the title: Word's "Heading 1")
    for want in (("li",), ("dt", "dd", "address"), _HEADINGS):
        for n, unit in enumerate(ordered):
            tag = str(unit.element.tag)
            rules = ("not-main-content", "author-bio") if tag == "address" else ("not-main-content",)  # (an address is not a bio)
            above = tag in _HEADINGS and unit.pos < first and holder is not holder_all  # the first heading of a section holding the body
            if unit.kind is not None or unit.rule not in rules or not (first < unit.pos < last or above) or unit.first < 0:
                continue
            if tag not in want or len(unit.text) > 300 or holder not in unit.element.iterancestors():
                continue
            if tag in _HEADINGS and not (n + 1 < len(ordered) and ordered[n + 1].kind is not None):
                continue  # "Related stories" over a list of links
            linked = links(page.nodes[unit.first : unit.last + 1], "")
            if linked.linked * 2 < linked.words:
                unit.kind = BlockKind.PARAGRAPH if tag == "address" else _TAG_KINDS[tag]
                revived.append(unit)
    # A callout between paragraphs (Ghost's "kg-callout-card", a "Key point" box): a sentence of
    # prose that trafilatura left out, in the element that holds the body, with few links.
    for unit in ordered:
        if unit.kind is not None or unit.rule != "not-main-content" or not first < unit.pos < last or unit.first < 0:
            continue
        if str(unit.element.tag) not in ("div", "p") or holder not in unit.element.iterancestors() or not 12 <= len(unit.text.split()) <= 120:
            continue
        if not ends_sentence(unit.text) or line_verdict(unit.text) is not None:
            continue
        linked = links(page.nodes[unit.first : unit.last + 1], "")
        if linked.linked * 5 < linked.words:
            unit.kind = BlockKind.PARAGRAPH
            revived.append(unit)
    # A picture's caption in div soup: the text beside an <img> in the same box, naming the picture's
    # credit ("Лічыльнікі ў пад’ездзе … Фота: «Вольная газета»"), between the title and the body's end.
    for unit in ordered:
        box = unit.element.getparent()
        if unit.kind is None and unit.rule == "not-main-content" and unit.pos < last and box is not None \
                and any(child.tag == "img" for child in box) and len(unit.text.split()) <= 60 \
                and (INLINE_CREDIT.search(unit.text) or PICTURE_CREDIT.match(unit.text)) and line_verdict(unit.text) is None:
            unit.kind = BlockKind.CAPTION
            revived.append(unit)
    # A quote's source in its own element ("<blockquote><p>…</p><footer>— From a Telegram post</footer>"):
    # the quote's, when the quote is kept.
    for unit in ordered:
        box = unit.element.getparent()
        if unit.kind is None and unit.rule in ("not-main-content", "footer") and str(unit.element.tag) in ("footer", "cite") \
                and box is not None and box.tag == "blockquote" and len(unit.text.split()) <= 30 \
                and any(u.kind is not None and u.element.getparent() is box for u in ordered):
            unit.kind = BlockKind.QUOTE
            revived.append(unit)
    # The header of a box whose content was revived: a card's title ("Prisoner's card") over its facts.
    for unit in ordered:
        box = unit.element.getparent()
        if unit.kind is None and unit.rule == "header" and first < unit.pos < last and box is not None and box is not holder \
                and len(unit.text.split()) <= 8 and any(box in r.element.iterancestors() for r in revived):
            unit.kind = BlockKind.HEADING
    # A date or a time on its own over a paragraph kept there: a live blog's entry stamp
    # ("12/01/2026 14:10"), which trafilatura leaves out as it does the byline's date.
    for n, unit in enumerate(ordered):
        if unit.kind is not None or unit.rule != "not-main-content" or not first < unit.pos < last or unit.first < 0:
            continue
        if _DATE_ONLY.match(unit.text) and holder in unit.element.iterancestors() and n + 1 < len(ordered) \
                and ordered[n + 1].kind is BlockKind.PARAGRAPH:
            unit.kind = BlockKind.HEADING


def _metadata(tree: etree._Element, language: str) -> Metadata:
    found = trafilatura.extract_metadata(tree)
    authors = tuple(a.strip() for a in (found.author or "").split(";") if a.strip())
    title = norm(found.title or "")
    # The page's level-one heading that <title> states, over a heading further down that the
    # extractor took (a comments box's "Komentarze"): <h1>, or role="heading" aria-level="1".
    head = tree.find("head/title")
    said = norm(head.text_content()).casefold() if head is not None else ""
    if said and title.casefold() not in said:
        for el in tree.iter("h1", "div", "span", "p"):
            text = norm(el.text_content())
            if (el.tag == "h1" or (el.get("role") == "heading" and el.get("aria-level") == "1")) and len(text.split()) >= 3 and text.casefold() in said:
                title = text
                break
    stated_date, stated_publisher = stated(tree)
    date = stated_date or found.date or ""
    publisher = stated_publisher or norm(found.sitename or "")
    if title and title in publisher:  # trafilatura took the <title> for the site's name
        publisher = ""
    return Metadata(
        title=title, authors=authors, date=date if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) else "",
        publisher=publisher, url=found.url or "", language=language,
    )


_AGENCY = re.compile(r"\b(press|agency|agencies|news|wire|service|newswire|staff|desk|bureau|network|media)\b", re.IGNORECASE)
_NAME = re.compile(r"[A-ZÀ-ÞА-ЯЁІЎ][\w'’.-]+(?: [A-ZÀ-ÞА-ЯЁІЎ][\w'’.-]+){1,3}")
_DATE = re.compile(r"\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}\b|\b\d{1,2}:\d\d\b")
_NAME_EDGE = " ·|•,;:–—"  # what a name keeps of the byline around it: "Maryia Dzenisevich ·"
_BY_NAMES = re.compile(r"^(?:by|written by|von)\s+(.+?)(?:\s*[,|·–—]\s*.*\d.*)?$", re.IGNORECASE)


def _complete_metadata(page: Page, found: Metadata, kept: Sequence[_Unit], dropped: Sequence[_Unit]) -> Metadata:
    """What trafilatura's metadata misses and the page states in its text: an agency named
    in capitals is the publisher, not an author ("THE ASSOCIATED PRESS"); the authors of a
    visible "By ..." byline; the publisher of the copyright line ("© 2026 Name."), else the
    last part of the ``<title>`` ("Headline | Site")."""
    authors, publisher = [a for a in (n.strip(_NAME_EDGE) for n in found.authors) if a], found.publisher  # "Maryia Dzenisevich ·"
    for name in list(authors):
        if name.isupper() and (_AGENCY.search(name) or len(name.split()) == 1):  # "REUTERS", "EASTERN PRESS AGENCY"
            authors.remove(name)
            publisher = publisher or name.title()
        elif name.casefold() == publisher.casefold():  # the site named as its own author
            authors.remove(name)
    if not authors:
        for unit in kept:
            said = unit.text
            owner = page.nodes[unit.first].owner if unit.first >= 0 else unit.element
            if owner is not unit.element and _BY_NAMES.match(norm(owner.text_content())):
                said = norm(owner.text_content())  # "<span>By <a>Name</a></span> <time>...": the span says who
            by = _BY_NAMES.match(said) if unit.kind is BlockKind.BYLINE else None
            if by:
                authors = [n.strip(_NAME_EDGE) for n in re.split(r"\s*(?:,|\band\b|\bund\b|&)\s*", by.group(1)) if n.strip(_NAME_EDGE)]
                break
            if unit.kind is BlockKind.BYLINE and _NAME.fullmatch(said) and not _DATE.search(said):
                authors = [said]  # a byline that is a name and nothing else
                break
            if unit.kind is BlockKind.BYLINE:  # "<a href=/experts/x>Name</a> · 12 January 2026": its links name them
                named = [t for a in unit.element.iter("a") if _NAME.fullmatch(t := norm(a.text_content()))]
                if named:
                    authors = named
                    break
    texts = [u.text for u in sorted((*kept, *dropped), key=lambda u: u.pos)]
    if is_platform(publisher):  # "Medium", "Notion": where the page is, not who publishes it
        publisher = self_named(texts) or ""
    if not publisher or re.fullmatch(r"[\w.-]+\.[a-z]{2,}", publisher):  # none, or only the host name
        for unit in reversed(dropped):  # the footer's, at the end of the page
            holder = copyright_holder(unit.text)
            if holder and not is_platform(holder):
                publisher = holder
                break
        publisher = publisher or self_named(texts)
    date = found.date
    if not stated(page.root)[0]:  # no date for machines: the byline's visible one beats a guess
        for unit in kept:
            when = visible_date(unit.text, found.language) if unit.kind is BlockKind.BYLINE else ""
            if when:
                date = when
                break
    head_title = page.root.find("head/title")
    segments = re.split(r"\s+[|–—]\s+", norm(head_title.text_content() if head_title is not None else ""))
    bare = not publisher or re.fullmatch(r"[\w.-]+\.[a-z]{2,}", publisher)
    if bare and len(segments) > 1 and len(segments[-1].split()) <= 4 and segments[-1] not in found.title and len(scripts(segments[-1])) == 1:
        publisher = segments[-1]  # "Headline | by Name | Site": the site's name comes last, in one script (not spam)
    publisher = expand_acronym(publisher, texts) or publisher  # "CESS": the page spells it out
    # A page that does not declare its language: the article's own words tell (stopword density).
    # A page's lang attribute is often the site's, not the article's (an English edition under
    # lang="lt", a Belarusian letter under lang="en"): the article's function words overrule it
    # where they clearly say another language.
    said = " ".join(u.text for u in kept)
    words_say = detect_language(said)
    language = found.language or words_say
    if found.language and words_say and words_say != found.language:
        scores = language_scores(said)
        if scores.get(found.language, 0.0) * 2 < scores[words_say]:
            language = words_say
    return dataclasses.replace(found, authors=tuple(tidy_name(a) for a in authors), publisher=tidy_publisher(publisher) if publisher else "", date=date, language=language)


def _apply_overrides(units: Sequence[_Unit], overrides: Overrides, path: str, line_count: int) -> set[int]:
    """The manifest's word over the rules, on kept blocks and dropped text alike: ``keep``
    brings text back as a block, ``drop`` drops a block ("override"), ``kinds`` forces a kind.
    Returns the ids of the units kept whole; a stale override is an error."""
    applied = AppliedOverrides(overrides)
    whole: set[int] = set()
    for unit in units:
        where = (unit.line, unit.end_line, unit.text)
        if unit.kind is None and applied.hits(overrides.keep, *where):
            unit.kind = _TAG_KINDS.get(str(unit.element.tag), BlockKind.PARAGRAPH)
        if unit.kind is not None and applied.hits(overrides.drop, *where):
            unit.kind, unit.rule = None, "override"
        if unit.kind is not None and (forced := applied.kind(*where)) is not None:
            unit.kind = forced
        if applied.hits(overrides.keep_whole, *where) and unit.kind is not None:  # used even on dropped text
            whole.add(id(unit))
    applied.check(path, line_count)
    return whole


def _not_an_article(kept: Sequence[_Unit], title: str) -> str:
    """Why what is left is not an article ("" when it is one): too little prose outside the
    title, headings, bylines and credits, or the few words of an error page."""
    prose = sum(len(u.text.split()) for u in kept if u.kind not in (BlockKind.TITLE, BlockKind.HEADING, BlockKind.BYLINE, BlockKind.CREDIT))
    if prose < 150 and _ERROR_TITLE.search(title):
        return f"it looks like an error page: {title!r}"
    if prose == 0:
        return "only navigation, forms and page furniture"
    if prose < 20:
        return f"only {prose} word{'' if prose == 1 else 's'} of text outside navigation, forms and page furniture"
    return ""


def read_html(text: str, path: str, meta: SourceMeta, overrides: Overrides = Overrides(), warnings: Sequence[str] = ()) -> Document:
    """Pure core: decoded page → Document (blocks, removals, detected metadata).

    ``warnings`` are those of decoding, to be kept with the reader's own."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not MARKUP.search(text):
        raise SourceError(path, 1, "not an HTML page: no HTML markup found (a plain-text file with an .html suffix?)", line_text=lines[0] if lines else None)
    try:
        root = parse(text)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(path, None, f"cannot parse the page as HTML: {exc}") from None
    cut = truncation(text, root)
    page = Page(root)
    if not page.nodes:
        raise SourceError(path, None, "no article found in the page: its <body> has no text" + (f"; {cut}" if cut else ""))
    laid = _laid_out_lines(page)
    if laid is not None:
        return _read_laid_out(page, laid, lines, path, meta, overrides, warnings)
    # trafilatura deletes scripts and styles one by one (quadratic on pages with thousands):
    # strip them at once, keeping the JSON-LD it and extract_metadata read.
    clean = copy.deepcopy(root)
    for script in clean.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            script.tag = "ld-json"
    etree.strip_elements(clean, etree.Comment, "script", "style", with_tail=False)
    for script in clean.iter("ld-json"):
        script.tag = "script"
    result = trafilatura.bare_extraction(  # works on its own copy of ``clean``
        clean, include_comments=False, include_formatting=False, include_tables=True, include_images=True, with_metadata=False
    )
    detected = _metadata(clean, page_language(root))
    body = getattr(result, "body", None)
    notes = list(warnings)
    units = _matched_units(page, _extracted(body) if body is not None else [], path, notes)

    # The article's own wrappers (ancestors of all it kept) say nothing about what is inside.
    # So do the elements around the title: a <div class="article-header"> is not the site's.
    top = common_ancestor([u.element for u in units])
    title_el = title_element(root, detected.title or meta.title)
    page.core = set() if top is None else {top, *top.iterancestors()}
    if title_el is not None:
        page.core.update(title_el.iterancestors())
    said = " ".join(compact(u.text) for u in units if page.rule(u.element) != "pull-quote")
    quotes: dict[etree._Element, list[_Unit]] = {}  # the units of each pull quote (its text, its attribution)
    for unit in units:
        if page.rule(unit.element) == "pull-quote":
            box = next((a for a in (unit.element, *unit.element.iterancestors()) if element_rule(a, True) == "pull-quote"), unit.element)
            quotes.setdefault(box, []).append(unit)
    only = {id(u) for group in quotes.values() if _quoted_once(" ".join(u.text for u in group), said) for u in group}
    for unit in units:  # trafilatura's fallbacks can take a menu or a form for text
        rule = page.rule(unit.element)
        if rule == "pull-quote" and id(unit) in only:
            continue  # a quote set as a pull quote that the text does not give elsewhere: the article's only copy
        if rule in _STRONG and (title_el is None or unit.element is not title_el):
            unit.kind, unit.rule = None, rule
    units += _dropped_units(page)
    title_pos = -1
    stated = norm(title_el.text_content()) if title_el is not None else ""
    if stated and detected.title.startswith(stated + " ") and len(stated.split()) >= 3:
        detected = dataclasses.replace(detected, title=stated)  # "Headline | News": the page's title is the headline
    elif stated and detected.title and any(stated.startswith(detected.title + sep) for sep in HEADLINE_GOES_ON):
        detected = dataclasses.replace(detected, title=stated)  # the headline goes on past what <title> says
    if title_el is not None:
        within = {title_el, *title_el.iterdescendants()}
        said = compact(title_el.text_content())
        own = own_text(title_el)
        if own and compact(own) != said and compact(detected.title or meta.title).startswith(compact(own)):
            # a title cell with the date floated inside it: the title is the cell's own text
            within = {title_el, *(d for d in title_el.iterdescendants() if d.tag not in BLOCKISH)}
            said = compact(own)
            detected = dataclasses.replace(detected, title=own)
        inside = [u for u in units if u.element in within or (u.first >= 0 and page.nodes[u.first].owner in within and compact(u.text) in said)]
        units = [u for u in units if all(u is not i for i in inside)]
        lines_in = [u.end_line for u in inside] or [title_el.sourceline or 1]
        units.append(_Unit(norm(" ".join(u.text for u in inside)), title_el.sourceline or 1, max(lines_in), title_el, -1, BlockKind.TITLE))
        title_pos = min((u.pos for u in inside), default=-1)
        _kicker(units, title_pos)
    _outside_article(page, units, title_el)
    _spam(page, units, host(detected.url))
    _fill_gaps(page, units)
    region = common_ancestor([e for e in (top, title_el) if e is not None])  # the title's header too
    if region is not None:
        region = next((a for a in (region, *region.iterancestors()) if a.tag in ("article", "main") or a.get("role") == "main"), region)
    _apply_furniture(page, units, region, title_pos)
    _heading_over_notes(units)
    _counters(units)
    _contents(units)
    # The article's language as its kept text shows it (a page's lang attribute is often wrong).
    _phrases(units, detect_language(" ".join(u.text for u in units if u.kind is not None)) or meta.language)
    _sponsored(units)
    _tagline(units, title_pos)
    for unit in units:
        if unit.kind is not None and unit.kind is not BlockKind.TITLE and is_separator(unit.text):
            unit.kind, unit.rule = None, SEPARATOR.rule  # "___", "* * *": marks with nothing to translate
    _labelled_boxes(units, region)
    _box_titles(units, region)
    _byline_beside_title(page, units, title_pos, region)
    _teaser_links(units, title_el)
    _continued_posts(units)

    ordered = sorted(((u, u.kind) for u in units if u.kind is not None), key=lambda pair: pair[0].pos)
    for (unit, _), kind in zip(ordered, lone_items_as_headings([k for _, k in ordered], [u.text for u, _ in ordered])):
        unit.kind = kind
    whole = _apply_overrides(units, overrides, path, len(lines))  # after the rules: the manifest has the last word
    kept = sorted((u for u in units if u.kind is not None), key=lambda u: (u.kind is not BlockKind.TITLE, u.pos))
    title_text = detected.title or (kept[0].text if kept and kept[0].kind is BlockKind.TITLE else "")
    why = _not_an_article(kept, title_text)
    if why:
        raise SourceError(path, None, f"no article found in the page ({why})" + (f"; {cut}" if cut else ""))
    if cut:
        notes.append(cut)

    detected = _complete_metadata(page, detected, kept, [u for u in sorted(units, key=lambda u: u.pos) if u.kind is None])
    counters: dict[BlockKind, int] = {}
    blocks: list[Block] = []
    for unit in kept:
        assert unit.kind is not None
        counters[unit.kind] = counters.get(unit.kind, 0) + 1
        end = unit.end_line if unit.end_line > unit.line else 0
        # a byline's name and date set apart by the page's style alone read apart: "Alena Shylovich December 3, 2026"
        text = _GLUED.sub(" ", unit.text) if unit.kind is BlockKind.BYLINE else unit.text
        blocks.append(Block(unit.kind, text, unit.line, counters[unit.kind], meta.keep_whole or id(unit) in whole, end))
    removals = tuple(
        Removal(u.line, u.text, u.rule, REASONS.get(u.rule, u.rule))
        for u in sorted((u for u in units if u.kind is None), key=lambda u: u.pos)
    )
    return Document(meta, path, tuple(blocks), removals, len(lines), detected, reader="html", warnings=tuple(notes))


# ---------------------------------------------------------------------------------------
# A PDF laid out in HTML (pdf2htmlEX, a PDF viewer's text layer): one positioned box per line

_LINE_BOXES = (
    '//div[contains(concat(" ", normalize-space(@class), " "), " pf ")]//div[contains(concat(" ", normalize-space(@class), " "), " t ")]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " textLayer ")]/span',
)


def _laid_out_lines(page: Page) -> list[etree._Element] | None:
    """The line boxes of a page that is a PDF drawn in HTML, one box per printed line (most of
    its text in them, each on a source line of its own), else None.  Such a page has no
    paragraphs for an extractor to find: its text is read as a text file's lines."""
    for query in _LINE_BOXES:
        boxes = [el for el in page.root.xpath(query) if norm(el.text_content())]
        if len(boxes) < 10:
            continue
        inside = sum(len(compact(el.text_content())) for el in boxes)
        if inside < 0.6 * len(page.compact) or len({el.sourceline for el in boxes}) < 0.9 * len(boxes):
            continue
        return boxes
    return None


_FONT_SIZE = re.compile(r"\.(fs[\w-]+)\s*\{[^}]*?font-size\s*:\s*([\d.]+)px")


def _box_sizes(page: Page, boxes: Sequence[etree._Element]) -> list[float]:
    """Each box's font size in px, from the ``.fsN`` classes of the page's own stylesheets (as
    pdf2htmlEX writes them), 0 where none is known."""
    sizes = {name: float(px) for sheet in page.root.iter("style") for name, px in _FONT_SIZE.findall(sheet.text or "")}
    return [max((sizes.get(c, 0.0) for c in (box.get("class") or "").split()), default=0.0) for box in boxes]


def _largest_line(boxes: Sequence[etree._Element], size_of: Sequence[float]) -> str:
    """The text set in the largest type (``size_of``, one per box) on the first page, where a
    report prints its title, or ""."""
    first = next((a for a in boxes[0].iterancestors() if "pf" in (a.get("class") or "").split()), None)
    best, text = 0.0, ""
    for box, size in zip(boxes, size_of):
        if first is not None and first not in box.iterancestors():
            break
        if size > best:
            best, text = size, norm(box.text_content())
    return text


def _read_laid_out(
    page: Page, boxes: Sequence[etree._Element], lines: Sequence[str], path: str, meta: SourceMeta, overrides: Overrides,
    warnings: Sequence[str],
) -> Document:
    """A laid-out PDF's lines, on their source lines, through the plain-text reader's clean-up
    (hard-wrapped lines, running heads, page numbers, contents with leaders); every other text
    of the page (a viewer's outline sidebar) is a removal with the rule its place gives it."""
    from pipeline.readers.text import ingest_text  # the sibling reader's pure core, for text that is laid out as lines

    synthetic = [""] * len(lines)
    owners: set[etree._Element] = set()
    # A line set in other type than the text's (a heading, the title) is a paragraph of its own.
    size_of = _box_sizes(page, boxes)
    body = Counter(size_of).most_common(1)[0][0]
    breaks = frozenset(
        box.sourceline or 1 for k, box in enumerate(boxes)
        if body and (size_of[k] != body or (k > 0 and size_of[k - 1] != body))
    )
    for box in boxes:
        n = (box.sourceline or 1) - 1
        said = norm(box.text_content())
        synthetic[n] = f"{synthetic[n]} {said}".strip() if synthetic[n] else said
        owners.update((box, *box.iterdescendants()))
    title = meta.title or _largest_line(boxes, size_of)
    # (the title found in the type is a hint to the clean-up; the document keeps the manifest's entry)
    doc = dataclasses.replace(ingest_text("\n".join(synthetic) + "\n", path, dataclasses.replace(meta, title=title), overrides, breaks), meta=meta)
    extra = []
    for node in page.nodes:
        if node.owner in owners or not node.text.strip():
            continue
        rule = page.rule(node.owner)
        rule = "outside-pdf-text" if rule == "not-main-content" else rule
        extra.append(Removal(node.line, norm(node.text), rule, REASONS.get(rule, rule)))
    removals = tuple(sorted((*doc.removals, *extra), key=lambda r: (r.line, r.columns or (0, 0))))
    notes = (*warnings, "the page is a PDF laid out in HTML, one box per printed line: read as its lines of text")
    return dataclasses.replace(doc, removals=removals, reader="html", warnings=tuple(notes))


class HtmlReader:
    """A web page as a browser saves it (``.html``, ``.htm``, ``.xhtml``)."""

    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> bool:
        return bool(_HTML.match(head.lstrip(b"\xef\xbb\xbf")))

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        warnings: list[str] = []
        text = decode_page(data, path, warnings)
        return read_html(text, path, meta, overrides, warnings)


READER = HtmlReader()
