"""The plain-text reader: a page saved or copied from a browser as text.

Structure is recognised from the shapes plain text gives a news article.  Clean-up
(:mod:`pipeline.clean`) finds the article's head and body and drops page furniture and spam;
every source line ends up either in a block, blank, or in the removal list with the rule that
removed it (junk cut off the end of a kept line is a partial removal with its columns), so
nothing is lost silently.  The manifest's overrides win over every rule.  What the page states
about itself (title, authors, date, publisher, language) is returned in ``Document.detected``
(the ingest stage warns when that language is not the manifest's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline import clean
from pipeline.clean import Drop, PageVerdict, Unit
from pipeline.clean_features import salad_reason
from pipeline.clean_meta import detect_metadata
from pipeline.clean_shapes import CAPTION_LABEL, INLINE_CREDIT, PICTURE_CREDIT
from pipeline.errors import SourceError
from pipeline.manifest import Overrides
from pipeline.model import Block, BlockKind, Document, Removal, SourceMeta
from pipeline.readers.base import AppliedOverrides, decode, lone_items_as_headings

_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")
_BYLINE = re.compile(r"^(by|written by|von)\s+\S.{0,60}$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(\*+|†|‡)\s")
_QUOTE_OPEN = "“\"«„‘"
_QUOTE_CLOSE = "”\"»“’"


# ---------------------------------------------------------------------------------------
# Units: non-blank lines, with hard-wrapped continuation lines joined


def _continues(previous: Unit, above: str, text: str) -> bool:
    """Does ``text`` continue the unit above it, a paragraph hard-wrapped at a fixed width?
    The line above is long and cut off mid-sentence, and this line starts in lowercase, or
    the unit is already wrapped (then a capitalised word such as a name may start a line)."""
    if len(above.strip()) < 50 or clean.ends_sentence(previous.text):
        return False
    if salad_reason(text, "") is not None or salad_reason(above, "") is not None:
        return False  # spam injected line by line between paragraphs is not their wrapping
    return text[0].islower() or (previous.end_line > previous.line and len(above.strip()) >= 60)


def split_units(lines: Sequence[str]) -> list[Unit]:
    """Group source lines into units: every non-blank line starts one, unless it continues a
    hard-wrapped paragraph (see :func:`_continues`)."""
    units: list[Unit] = []
    blank = True
    for lineno, raw in enumerate(lines, 1):
        text = _SPACES.sub(" ", raw).strip()
        if not text:
            blank = True
            continue
        previous = None if blank else units[-1]  # the unit that ends on the line above
        if previous is not None and _continues(previous, lines[lineno - 2], text):
            units[-1] = Unit(f"{previous.text} {text}", previous.line, lineno, previous.blank_before)
        else:
            units.append(Unit(text, lineno, lineno, blank))
        blank = False
    return units


# ---------------------------------------------------------------------------------------
# Clean-up


def _judge(units: Sequence[Unit], lines: Sequence[str], meta: SourceMeta, applied: AppliedOverrides) -> PageVerdict:
    """The page classifier's verdict, with the manifest's overrides winning over every rule."""
    verdict = clean.judge_page(units, lines, meta.title, meta.language)
    drops = dict(verdict.drops)
    overrides = applied.overrides
    for i, unit in enumerate(units):
        keep = applied.hits(overrides.keep, unit.line, unit.end_line, unit.text)
        drop = applied.hits(overrides.drop, unit.line, unit.end_line, unit.text)
        if drop:
            drops[i] = Drop("override", "dropped by the manifest's overrides")
        elif keep:
            drops.pop(i, None)
    trims = {i: t for i, t in verdict.trims.items() if i not in drops}
    return replace(verdict, drops=drops, trims=trims)


# ---------------------------------------------------------------------------------------
# Structure


def _is_block_quote(text: str) -> bool:
    body = text.rstrip(".")
    if len(body) < 2 or body[0] not in _QUOTE_OPEN or body[-1] not in _QUOTE_CLOSE:
        return False
    inner = body[1:-1]
    return not any(c in _QUOTE_CLOSE or c in _QUOTE_OPEN for c in inner if c not in "’‘'")


def _alone(units: Sequence[Unit], i: int) -> bool:
    """Is unit ``i`` a bulleted line with no bulleted line beside it?"""
    return all(clean.strip_bullet(units[j].text) is None for j in (i - 1, i + 1) if 0 <= j < len(units))


def classify(units: Sequence[Unit], applied: AppliedOverrides | None = None, roles: Sequence[str] = ()) -> list[tuple[BlockKind, str]]:
    """Block kind and block text for each kept unit, in order.  ``roles`` (one per unit, from
    clean-up: "title", "byline" or "") say which units the head of the page is made of; without
    them the first unit is the title."""
    result: list[tuple[BlockKind, str]] = []
    forced_at: list[bool] = []
    body_started = False
    for i, unit in enumerate(units):
        text = unit.text
        role = roles[i] if roles else ("title" if i == 0 else "")
        item = clean.strip_bullet(text)
        kind: BlockKind
        forced = applied.kind(unit.line, unit.end_line, unit.text) if applied is not None else None
        if forced is not None:
            kind = forced
            if kind is BlockKind.LIST_ITEM and item is not None:
                text = item
        elif role == "title":
            kind = BlockKind.TITLE
        elif item is not None and not (text[0] in "–—" and _alone(units, i) and clean.is_sign_off(text)):
            kind, text = BlockKind.LIST_ITEM, item
        elif item is not None:
            kind = BlockKind.PARAGRAPH  # the writer's sign-off, not a list of one: "— Olena"
        elif _FOOTNOTE.match(text):
            kind = BlockKind.NOTE
        elif role == "byline" or (_BYLINE.match(text) and not clean.ends_sentence(text)):
            kind = BlockKind.BYLINE
        elif i + 1 < len(units) and units[i + 1].text.startswith(text + " is ") and len(clean.words(text)) <= 4:
            kind = BlockKind.BYLINE  # an author box: the name, then "Name is ..."
        elif PICTURE_CREDIT.match(text):
            kind = BlockKind.CREDIT
        elif (label := CAPTION_LABEL.match(text)) is not None:  # "Image caption, ...", "Image source, ..."
            kind = BlockKind.CAPTION if "caption" in label.group(0).casefold() else BlockKind.CREDIT
        elif i + 1 < len(units) and not units[i + 1].blank_before and PICTURE_CREDIT.match(units[i + 1].text):
            kind = BlockKind.CAPTION  # the line right above a photo credit
        elif _is_block_quote(text):
            kind = BlockKind.QUOTE
        elif clean.is_heading_shaped(text):
            kind = BlockKind.HEADING
        elif INLINE_CREDIT.search(text) and len(text) <= 300:
            kind = BlockKind.CAPTION
        elif not body_started and len(text) <= 400 and not text.endswith(":"):
            kind = BlockKind.STANDFIRST
        elif not clean.ends_sentence(text) and len(text) <= 300:
            kind = BlockKind.CAPTION
        else:
            kind = BlockKind.PARAGRAPH
        if kind in (BlockKind.STANDFIRST, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE):
            body_started = True
        result.append((kind, text))
        forced_at.append(forced is not None)
    kinds = lone_items_as_headings([k for k, _ in result], [t for _, t in result], forced_at)
    return [(k, t) for k, (_, t) in zip(kinds, result)]


def ingest_text(text: str, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
    """Pure core: decoded text → Document (blocks + removals), accounting for every line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line does not start another
    units = split_units(lines)
    if not units:
        raise SourceError(path, None, "no text: the file has only blank lines")
    detected = clean.detect_language(text)
    applied = AppliedOverrides(overrides)
    verdict = _judge(units, lines, replace(meta, language=detected or meta.language), applied)
    drops, trims = verdict.drops, verdict.trims
    kept_indices = [i for i in range(len(units)) if i not in drops]
    if not kept_indices:
        raise SourceError(path, units[0].line, "clean-up dropped every line; nothing is left of the article")
    kept = [replace(units[i], text=trims[i].text) if i in trims else units[i] for i in kept_indices]
    roles = ["title" if i == verdict.title else "byline" if i in verdict.bylines else "" for i in kept_indices]
    counters: dict[BlockKind, int] = {}
    blocks: list[Block] = []
    for unit, (kind, block_text) in zip(kept, classify(kept, applied, roles)):
        counters[kind] = counters.get(kind, 0) + 1
        whole = meta.keep_whole or applied.hits(overrides.keep_whole, unit.line, unit.end_line, unit.text)
        end = unit.end_line if unit.end_line != unit.line else 0
        blocks.append(Block(kind, block_text, unit.line, counters[kind], whole, end))
    for unit in units:  # a keep_whole override on a dropped line is still "used", not stale
        applied.hits(overrides.keep_whole, unit.line, unit.end_line, unit.text)
    applied.check(path, len(lines))
    removals = [
        Removal(line, lines[line - 1].strip(), drop.rule, drop.reason)
        for i, drop in sorted(drops.items())
        for line in units[i].lines
    ]
    removals += [Removal(t.line, t.removed, "link-suffix", t.reason, t.columns) for t in trims.values()]
    removals.sort(key=lambda r: (r.line, r.columns or (0, 0)))
    found = detect_metadata(units, verdict)
    doc = Document(meta, path, tuple(blocks), tuple(removals), len(lines), found, "text")
    missing = unaccounted_lines(doc, lines)
    if missing:  # a bug, never a user error: refuse rather than lose text
        raise SourceError(path, missing[0], "internal error: line neither kept nor dropped")
    return doc


def unaccounted_lines(doc: Document, lines: Sequence[str]) -> list[int]:
    """Source lines that are neither blank, nor in a block, nor recorded as removed."""
    seen: set[int] = {r.line for r in doc.removals if r.columns is None}
    for block in doc.blocks:
        seen.update(range(block.line, block.last_line + 1))
    return [n for n, line in enumerate(lines, 1) if line.strip() and n not in seen]


class TextReader:
    """Plain text, as a browser saves or copies a page."""

    name = "text"
    suffixes: tuple[str, ...] = (".txt", ".text", ".md")

    def sniff(self, head: bytes) -> bool:
        return True  # the fallback: anything that decodes is text

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        return ingest_text(decode(data, path), path, meta, overrides)


READER = TextReader()
