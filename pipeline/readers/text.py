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
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from pipeline import clean
from pipeline.clean import Drop, PageVerdict, Unit
from pipeline.clean_features import SMALL_WORDS, features, function_word_share, salad_reason, sentence_count, spam_only_hits
from pipeline.clean_meta import detect_metadata
from pipeline.clean_shapes import CAPTION_LABEL, INLINE_CREDIT, QUESTION_WORDS, is_name, is_picture_credit
from pipeline.clean_thread import is_message_header
from pipeline.errors import SourceError
from pipeline.manifest import Overrides
from pipeline.model import Block, BlockKind, Document, Removal, SourceMeta
from pipeline.readers.base import AppliedOverrides, decode, lone_items_as_headings

_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")
_BYLINE = re.compile(r"^(by|written by|prepared by|compiled by|von|verfasst von|erstellt von)\s+\S.{0,60}$", re.IGNORECASE)
_STAR_ITEM = re.compile(r"^\* (?=\S)")
# A forum's line under a post's title: "submitted 5 hours ago by vetrazh_vilnia" (lowercase, yet no continuation).
_POST_BYLINE = re.compile(r"^(?:submitted|posted) (?:.{1,60} )?by \S+")
_BULLET_ITEM = re.compile(r"^[*•‣◦▪●◆■]\s+\S")  # (not a dash: a wrapped line may start with a quote's "– mówi")
_FOOTNOTE = re.compile(r"^(\*+|†|‡|\[\d{1,3}\])\s")  # "* Source: ...", "[2] Organisers' figures" (Markdown's "[^2]:")
# Words a line of prose cannot stop on unless its sentence goes on: articles, prepositions, conjunctions.
_GOES_ON = SMALL_WORDS - {"it", "its", "up", "out", "off", "so", "yet", "who", "what"} | clean.CONTINUED
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
_ITEM = re.compile(r"^(\d{1,2}[.)]|\d{1,2}:\d{2}\b|[•‣◦▪●◆■–—-]\s)")
_QUOTE_OPEN = "“\"«„‘"
_QUOTE_CLOSE = "”\"»“’"


# ---------------------------------------------------------------------------------------
# Units: non-blank lines, with hard-wrapped continuation lines joined


def _continues(previous: Unit, above: str, text: str, width: int = 0) -> bool:
    """Does ``text`` continue the unit above it, a paragraph hard-wrapped at a fixed width?
    The line above is long and cut off mid-sentence, and this line starts in lowercase, or
    the unit is already wrapped (then a capitalised word such as a name may start a line).
    "Long" is 50 characters, or less on a page wrapped narrower (``width``, a column's)."""
    long, longer = (50, 60) if not width else (min(50, width * 4 // 5), min(60, width * 9 // 10))
    if len(above.strip()) < long or clean.ends_sentence(previous.text) or is_message_header(text) or above.count(" | ") >= 2 \
            or _BULLET_ITEM.match(text) or _POST_BYLINE.match(text):
        return False  # (nor does anything continue a menu: "Previous Entry | Next Entry | Share"; a bullet starts an item)
    if previous.text[0].islower() and previous.blank_before and previous.line == previous.end_line and above.rstrip()[-1:].isalpha() \
            and _prose_line(above) and _prose_line(text) and not _ITEM.match(text) \
            and salad_reason(above, "") is None and salad_reason(text, "") is None and clean.line_verdict(above.strip()) is None:
        return True  # a paragraph's first line, in mid-sentence and cut off at a word, goes on below ("this week we look at ... near" / "Białystok are ...")
    if _BULLET_ITEM.match(previous.text) and not _ITEM.match(text) and not _FOOTNOTE.match(text):
        return True  # a bulleted item wrapped at a fixed width: "* Polska: w Białymstoku otwarto ... dla" / "Białorusinów z kartą ..."
    # A long line that stops on a comma or a function word ("... of GDP for") goes on below,
    # whatever the next line starts with: "2027, the largest since ...", "Russian state loans".
    last = above.rstrip()
    flows = len(last) >= longer and (last.endswith(",") or last.split()[-1].casefold() in _GOES_ON) and not _ITEM.match(text)
    if salad_reason(text, "") is not None or salad_reason(above, "") is not None:
        # Spam injected line by line between paragraphs is not their wrapping; a wrapped
        # sentence that has a spammer's word in it ("state loans") is.
        if not flows or spam_only_hits(clean.words(text)) or spam_only_hits(clean.words(above)):
            return False
        return True
    if 0 < width < 50 and not _ITEM.match(text) and width * 7 // 10 <= len(above.strip()) <= width * 23 // 20 \
            and len(text) <= width * 23 // 20 and _prose_line(above) and not features(text, "").linkish \
            and clean.line_verdict(text) is None and clean.line_verdict(above.strip()) is None:  # (furniture on its own line goes on nothing)
        return True  # a page wrapped at a column's width: a line of prose cut off mid-sentence goes on, whatever the case ("... Ballons mit" / "Schmuggelzigaretten, ...")
    return flows or text[0].islower() or (previous.end_line > previous.line and len(above.strip()) >= longer)


def _prose_line(line: str) -> bool:
    """A line of running prose: three words or more, a fifth of them function words of one of
    the pipeline's languages, and no menu separators."""
    tokens = [w.casefold() for w in clean.words(line)]
    if len(tokens) < 3 or features(line, "").linkish:
        return False
    return function_word_share(tokens, "") >= 0.2


def _wrap_width(lines: Sequence[str]) -> int:
    """The width a page is hard-wrapped at, or 0 when too few lines are wrapped to tell.  It is
    the median length of lines that stop mid-sentence with a lowercase word below them; or, in
    a language that capitalises its nouns, of lines that stop mid-sentence with more text below,
    when most of them stop close to it and no paragraph stands on one long line.  A newspaper
    column wraps at 40 characters, a mailing list at 72."""
    cut = [
        (len(line.strip()), below.strip()) for line, below in zip(lines, lines[1:])
        if len(line.strip()) >= 25 and below.strip() and not clean.ends_sentence(line.strip()) and not _ITEM.match(below.strip())
    ]
    lengths = sorted(n for n, below in cut if below[:1].islower())
    if len(lengths) >= 6:
        return lengths[len(lengths) // 2]
    lengths = sorted(n for n, _ in cut)
    if len(lengths) < 6:
        return 0
    median = lengths[len(lengths) // 2]
    close = sum(1 for n in lengths if median * 0.7 <= n <= median * 1.15)
    longer = sum(1 for line in lines if len(line.strip()) > median * 1.3 and len(line.split()) >= 12)
    return median if close * 3 >= len(lengths) * 2 and longer <= 2 else 0


def split_units(lines: Sequence[str], breaks: frozenset[int] = frozenset()) -> list[Unit]:
    """Group source lines into units: every non-blank line starts one, unless it continues a
    hard-wrapped paragraph (see :func:`_continues`).  A line in ``breaks`` starts a unit as if a
    blank line were above it (a reader that knows more of the layout, a heading's type, says so)."""
    width = _wrap_width(lines)
    # "format=flowed" text (RFC 3676, a mail or a list archive): a line that ends in a space goes
    # on below.  A page is read so when five lines or more cut off mid-sentence end in one.
    flowed = sum(1 for line in lines if line.endswith(" ") and len(line) >= 40 and not clean.ends_sentence(line.strip()) and line.strip() != "--") >= 5
    units: list[Unit] = []
    blank = True
    for lineno, raw in enumerate(lines, 1):
        text = _SPACES.sub(" ", raw).strip()
        if lineno in breaks:
            blank = True
        if not text:
            blank = True
            continue
        previous = None if blank else units[-1]  # the unit that ends on the line above
        above = lines[lineno - 2] if lineno >= 2 else ""
        soft = flowed and above.endswith(" ") and above.strip() != "--" and not _ITEM.match(text) and not is_message_header(text)
        if previous is not None and (soft or _continues(previous, above, text, width)):
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


def _pictograph(text: str) -> bool:
    """Does ``text`` start with an emoji or a pictograph and a space ("🚑 the vehicle")?"""
    head, _, rest = text.partition(" ")
    return bool(head) and bool(rest) and all(unicodedata.category(c) in ("So", "Mn", "Cf", "Sk") for c in head)


def _pictograph_item(units: Sequence[Unit], i: int) -> str | None:
    """The item's text when unit ``i`` and a neighbour both start with a pictograph (a list
    that uses emoji for bullets), else None."""
    if not _pictograph(units[i].text) or not any(_pictograph(units[j].text) for j in (i - 1, i + 1) if 0 <= j < len(units)):
        return None
    return units[i].text.partition(" ")[2].strip()


def _set_apart(units: Sequence[Unit], i: int) -> bool:
    """Is unit ``i`` a line of its own, not a sign-off or the rest of a sentence, with text
    below it (longer, or a sentence) and a blank line on one side?"""
    text = units[i].text
    if clean.ends_sentence(text) or text.endswith((",", "-", "–", "—")) or not (text[0].isupper() or text[0].isdigit()):
        return False  # the rest of a sentence, or a sign-off ("— Olena")
    below = units[i + 1] if i + 1 < len(units) else None
    return below is not None and (units[i].blank_before or below.blank_before) and (
        len(below.text) > len(text) or clean.ends_sentence(below.text)
    )


def _sentence_case_heading(units: Sequence[Unit], i: int) -> bool:
    """A short line that does not end a sentence, set off above the text it heads: a heading in
    sentence case ("Policy options", "1. What changed", "What the founders told me") or a label
    ("Notes").  A longer line is a heading only when it asks or is numbered; else it may be a
    photo's caption ("A road sign in the Lithuanian capital Vilnius")."""
    text = units[i].text
    n = len(clean.words(text))
    if len(text) > 90 or n > 10 or not _set_apart(units, i):
        return False
    return n <= 6 or bool(_NUMBERED.match(text)) or clean.words(text)[0].casefold() in QUESTION_WORDS


def _unlabelled_caption(units: Sequence[Unit], i: int) -> bool:
    """A line of 7 words or more between paragraphs, with no sentence inside or at its end and
    nothing of a list: what a photo's caption looks like once the photo is gone."""
    text = units[i].text
    if len(text) > 300 or len(clean.words(text)) < 7 or sentence_count(text) or not _set_apart(units, i):
        return False
    return units[i].blank_before and (i + 1 >= len(units) or units[i + 1].blank_before)


def classify(
    units: Sequence[Unit], applied: AppliedOverrides | None = None, roles: Sequence[str] = (), marked: Mapping[int, BlockKind] | None = None
) -> list[tuple[BlockKind, str]]:
    """Block kind and block text for each kept unit, in order.  ``roles`` (one per unit, from
    clean-up: "title", "byline" or "") say which units the head of the page is made of; without
    them the first unit is the title.  ``marked`` is what the source's marks say a line is
    (Markdown's ``#`` heading, ``>`` quote), by the unit's first line: below the title and the
    manifest's overrides, above the shapes of plain text."""
    result: list[tuple[BlockKind, str]] = []
    forced_at: list[bool] = []
    body_started = False
    title_at = roles.index("title") if roles and "title" in roles else 0
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
            body_started = False  # (a letter's opening lines above the headline are no standfirst of it)
        elif marked and unit.line in marked and item is None:
            kind = marked[unit.line]
        elif item is not None and not (text[0] in "–—" and _alone(units, i) and clean.is_sign_off(text)):
            kind, text = BlockKind.LIST_ITEM, item
        elif item is not None:
            kind = BlockKind.PARAGRAPH  # the writer's sign-off, not a list of one: "— Olena"
        elif _STAR_ITEM.match(text) and any(0 <= j < len(units) and _STAR_ITEM.match(units[j].text) for j in (i - 1, i + 1)):
            kind, text = BlockKind.LIST_ITEM, text[2:].strip()  # "* " lines one after another: a list (one alone is a note)
        elif _FOOTNOTE.match(text):
            kind = BlockKind.NOTE
        elif role == "byline" or (_BYLINE.match(text) and not clean.ends_sentence(text)):
            kind = BlockKind.BYLINE
        elif i + 1 < len(units) and units[i + 1].text.startswith(text + " is ") and len(clean.words(text)) <= 4:
            kind = BlockKind.BYLINE  # an author box: the name, then "Name is ..."
        elif is_picture_credit(text):
            kind = BlockKind.CREDIT
        elif (label := CAPTION_LABEL.match(text)) is not None:  # "Image caption, ...", "Image source, ..."
            kind = BlockKind.CAPTION if "caption" in label.group(0).casefold() else BlockKind.CREDIT
        elif i + 1 < len(units) and not units[i + 1].blank_before and is_picture_credit(units[i + 1].text):
            kind = BlockKind.CAPTION  # the line right above a photo credit
        elif _is_block_quote(text):
            kind = BlockKind.QUOTE
        elif i > 0 and not unit.blank_before and clean.GREETING.match(units[i - 1].text) and is_name(text):
            kind = BlockKind.PARAGRAPH  # the writer's name under a letter's closing greeting signs it: no heading
        elif clean.is_heading_shaped(text):
            kind = BlockKind.HEADING
        elif INLINE_CREDIT.search(text) and len(text) <= 300:
            kind = BlockKind.CAPTION
        elif not body_started and len(text) <= 400 and not text.endswith(":") and i > title_at:
            kind = BlockKind.STANDFIRST
        elif (mark := _pictograph_item(units, i)) is not None:
            kind, text = BlockKind.LIST_ITEM, mark  # emoji as bullets: "🚑 the vehicle itself, ..."
        elif _sentence_case_heading(units, i):
            kind = BlockKind.HEADING  # "Policy options", "1. What changed", "Notes"
        elif _unlabelled_caption(units, i):
            kind = BlockKind.CAPTION
        else:
            # Any other line that does not end a sentence is not taken for a caption (a caption
            # is left out of the pack, and the line may be the article's: a list item, a
            # sign-off, a paragraph without its full stop).
            kind = BlockKind.PARAGRAPH
        if kind in (BlockKind.STANDFIRST, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE):
            body_started = True
        result.append((kind, text))
        forced_at.append(forced is not None)
    kinds = lone_items_as_headings([k for k, _ in result], [t for _, t in result], forced_at)
    return [(k, t) for k, (_, t) in zip(kinds, result)]


# A source's lines as its reader shows them, and what its marks say some lines are.
View = Callable[[Sequence[str]], tuple[list[str], dict[int, BlockKind]]]
# A text browser's link numbers glued to the link's text ("[24]« Previous", "[3]Minsk"), lynx's and w3m's dumps.
_PICTURE_MARK = re.compile(r"^(\s*)\[(?:IMG|IMAGE|INLINE)\]\s*")  # the dump's "[IMG]" before a picture's caption
_LINK_NUMBER = re.compile(r"\[\d{1,4}\](?=[^\s\d\[\].,;:!?)])")


# A wire feed's ANPA line, "^By DAINA VAITKUTE<": "^" opens a heading or a byline, "<" ends the line.
_ANPA = re.compile(r"^(\s*)\^(.*)<(\s*)$")


def _plain(lines: Sequence[str]) -> tuple[list[str], dict[int, BlockKind]]:
    """Plain text as it stands, without a text browser's link numbers when the page has them
    (a dozen or more): they are the dump's, not the article's, and so is its "[IMG]" mark.  A
    wire feed's ANPA marks ("^" and "<" around a line) are shown without them when three lines
    or more have them."""
    shown = list(lines)
    if sum(1 for line in shown if _ANPA.match(line)) >= 3:
        shown = [_ANPA.sub(r"\1\2\3", line) for line in shown]
    if sum(len(_LINK_NUMBER.findall(line)) for line in shown) < 12:
        return shown, {}
    return [_PICTURE_MARK.sub("", _LINK_NUMBER.sub("", line)) for line in shown], {}


def _source_columns(raw: str, shown: str, removed: str, columns: tuple[int, int], view: View) -> tuple[str, tuple[int, int]]:
    """Where junk trimmed off a line as shown (``removed`` at ``columns`` of ``shown``) stands
    on the source line ``raw``: the shortest end of ``raw`` that shows as the junk."""
    if raw == shown:
        return removed, columns
    end = len(raw.rstrip())
    for start in range(end - 1, -1, -1):
        if view([raw[start:end]])[0][0].strip() == removed.strip():
            return raw[start:end], (start + 1, end)
    return removed, columns  # (not found on the source line: the shown columns, which name the text)


def ingest_text(
    text: str, path: str, meta: SourceMeta, overrides: Overrides = Overrides(), breaks: frozenset[int] = frozenset(),
    view: View = _plain, reader: str = "text",
) -> Document:
    """Pure core: decoded text → Document (blocks + removals), accounting for every line.
    ``breaks``: lines that start a paragraph though no blank line is above them (see :func:`split_units`).
    ``view``: each line as the reader shows it (Markdown without its marks), judged and kept
    as such; removals still name the lines of the source."""
    source = text.split("\n")
    if source and source[-1] == "":
        source.pop()  # the newline that ends the last line does not start another
    lines, marked = view(source)
    units = split_units(lines, breaks)
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
    for unit, (kind, block_text) in zip(kept, classify(kept, applied, roles, marked)):
        counters[kind] = counters.get(kind, 0) + 1
        whole = meta.keep_whole or applied.hits(overrides.keep_whole, unit.line, unit.end_line, unit.text)
        end = unit.end_line if unit.end_line != unit.line else 0
        blocks.append(Block(kind, block_text, unit.line, counters[kind], whole, end))
    for unit in units:  # a keep_whole override on a dropped line is still "used", not stale
        applied.hits(overrides.keep_whole, unit.line, unit.end_line, unit.text)
    applied.check(path, len(lines))
    removals = [
        Removal(line, source[line - 1].strip(), drop.rule, drop.reason)
        for i, drop in sorted(drops.items())
        for line in units[i].lines
    ]
    for t in trims.values():
        removed, columns = _source_columns(source[t.line - 1], lines[t.line - 1], t.removed, t.columns, view)
        removals.append(Removal(t.line, removed, "link-suffix", t.reason, columns))
    # A line that shows no text (an empty link, a picture without a description) is markup.
    removals += [
        Removal(n, raw.strip(), "markup", "markup that shows no text (an empty link or a picture without a description)")
        for n, (raw, shown) in enumerate(zip(source, lines), 1) if raw.strip() and not shown.strip()
    ]
    removals.sort(key=lambda r: (r.line, r.columns or (0, 0)))
    found = detect_metadata(units, verdict, lines)
    doc = Document(meta, path, tuple(blocks), tuple(removals), len(lines), found, reader)
    missing = unaccounted_lines(doc, source)
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
    suffixes: tuple[str, ...] = (".txt", ".text")

    def sniff(self, head: bytes) -> bool:
        return True  # the fallback: anything that decodes is text

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        return ingest_text(decode(data, path), path, meta, overrides)


READER = TextReader()
