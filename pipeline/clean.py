"""Clean-up: what in a page saved as text is the article, and what is page chrome.

A classifier in the spirit of jusText, built for pages saved as plain text.  It works on
:class:`Unit` objects (a source line, or hard-wrapped lines joined) in four passes, each linear
in the size of the page:

1. **Line rules** judge each unit on its own: universal web furniture in several languages
   (:mod:`pipeline.clean_phrases`), keyword salad in any script, and repetition of any earlier
   unit, kept or dropped; a gallery slide's copy of a caption; then "More..." teasers, pull
   quotes and teaser blurbs (never a wire's end credit).
2. **Features** (:mod:`pipeline.clean_features`) class every other unit as *good* (prose: long
   enough, sentence punctuation, dense in the page language's stopwords), *near-good*, *short*
   or *bad* (long with almost no function words).
3. **Structure**: the body is the run of units with the highest score (prose counts for, page
   furniture against; a box label such as "Related articles" counts heavily against), found
   in one pass.  The head (title, standfirst, byline, date) sits above it; the title is the
   manifest's, else the nearest headline-shaped line above the body.  What lies above the
   title or below the last body paragraph is chrome, except a short closing sentence, credits,
   notes and an author box that follow the body directly.  A title that reads as a sentence
   (a question) is still the title when a byline or date stands below it.
4. **Context**: a short unit inside the body takes its class from its neighbours, so headings,
   one-line quotes and list items stay, while a lone menu item between two pieces of furniture
   goes.

Every drop records the rule or feature that decided it, in words an editor can check.  Junk
glued to the end of a kept line ("read more", "opens new tab", "[Read this in Russian]", a
"Read more: <headline>" teaser or spam keywords after the last sentence) is trimmed off as a
partial drop (:mod:`pipeline.clean_trims`).
Shapes of text (bylines, datelines, names, headings) live in :mod:`pipeline.clean_shapes`, and
what the page says about itself (title, authors, date, publisher) is read by
:mod:`pipeline.clean_meta` from this module's verdict.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pipeline.clean_features import (
    Features,
    detect_language,
    ends_sentence,
    features,
    language_scores,
    title_case_ratio,
    words,
)
from pipeline.clean_phrases import PAGE_TURN, SECTION_LABEL, SEPARATOR, SPONSOR, TAG_LIST, Drop, is_separator, line_verdict
from pipeline.clean_shapes import (
    BULLETS,
    CAPTION_LABEL,
    CREDIT,
    CREDIT_LINE,
    FOOTNOTE,
    PICTURE_WORD,
    SLASH_CREDIT,
    is_blurb_shaped,
    is_bio,
    is_byline,
    is_picture_credit,
    is_dateline,
    is_fact_row,
    is_heading_shaped,
    is_name,
    normalize,
    strip_bullet,
)
from pipeline.clean_thread import chat_drops, feed_drops, find_thread, thread_drops
from pipeline.clean_trims import JUMP_AWAY, Trim, trim_suffix

__all__ = [
    "BULLETS", "Drop", "PageVerdict", "Trim", "Unit", "detect_language", "ends_sentence", "is_blurb_shaped",
    "is_heading_shaped", "judge_page", "language_scores", "line_verdict", "normalize", "strip_bullet",
    "title_case_ratio", "words",
]


@dataclass(frozen=True)
class Unit:
    """A candidate block: the stripped text and the source lines it spans."""

    text: str
    line: int
    end_line: int
    blank_before: bool  # separated from the previous unit by a blank line (or first on the page)

    @property
    def lines(self) -> range:
        return range(self.line, self.end_line + 1)


@dataclass(frozen=True)
class PageVerdict:
    """What clean-up decided about a page: drops by unit index, the title, trims, roles."""

    drops: Mapping[int, Drop]
    title: int | None  # index of the title unit, if one was found
    trims: Mapping[int, Trim] = field(default_factory=dict)
    bylines: frozenset[int] = frozenset()  # head units that are bylines or datelines
    body: tuple[int, int] = (0, -1)  # first and last index of the body (empty if no prose)
    language: str = ""


# ---------------------------------------------------------------------------------------
# Context rules over the page (each linear)

# A line of rule characters that boxes off a sponsor's copy or a section: "━━━━", "* * *", "-----".
_RULE_LINE = re.compile(r"^[\s━─—–=_*~·•#+-]{3,}$")
_MORE = re.compile(r"\s*(\bmore|\bread more|\bcontinue reading)\s*(\.\.\.|…|›|»|>+)?\s*$", re.IGNORECASE)


def more_teasers(units: Sequence[Unit], keys: Sequence[str]) -> dict[int, Drop]:
    """A summary ending in "More..." whose text is repeated by the units that follow it."""
    drops: dict[int, Drop] = {}
    for i, unit in enumerate(units):
        match = _MORE.search(unit.text)
        if not match or match.start() == 0:
            continue
        probe = normalize(unit.text[: match.start()])[:80]
        following = " ".join(keys[i + 1 : i + 7])  # the repeat starts within the next few units
        if probe and probe in following:
            drops[i] = Drop("more-teaser", '"More..." teaser repeating the text that follows')
    return drops


def teasers(units: Sequence[Unit], title: str = "") -> dict[int, Drop]:
    """A title-case headline followed by an unpunctuated blurb, inside the body: a link to
    another article.  Real section headings are followed by full sentences; the article's
    own title and standfirst (the manifest title) are never a teaser."""
    drops: dict[int, Drop] = {}
    own = normalize(title) if title else None
    for i in range(1, len(units) - 2):
        head, blurb = units[i], units[i + 1]
        # the shape first (few lines have it), then what makes a headline and a blurb no teaser
        if not (blurb.blank_before and is_heading_shaped(head.text) and is_blurb_shaped(blurb.text)):
            continue
        if normalize(head.text) == own or CREDIT_LINE.search(head.text):
            continue  # the article's title, or a wire's end credit ("Reporting by ...; Editing by ...")
        if strip_bullet(head.text) is not None or strip_bullet(blurb.text) is not None or blurb.text.startswith("* ") or "://" in blurb.text:
            continue  # (a list's items, "* " ones too, are no teaser's blurb, nor is a link's address)
        if features(head.text, "").linkish:
            continue  # a breadcrumb or a menu ("News > Region > Border") is no headline of a teaser
        above = units[i - 1].text
        if not head.blank_before and (_ends_colon(above) or is_heading_shaped(above)):
            continue  # the last item of a list of short lines ("Signatories:" and the names)
        if any(_is_head(u) for u in units[i + 2 : i + 6]):
            continue  # a headline and its standfirst over a byline or a date: an article's head
        reason = "teaser for another article: headline followed by an unpunctuated blurb"
        drops[i] = Drop("teaser", reason)
        drops[i + 1] = Drop("teaser", reason)
    return drops


_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)(?=\S)")


# A picture gallery's slide counter in front of its caption: "Item 1 of 3 ...", "[2/3]...".
_SLIDE = re.compile(r"^(\[\d+\s*/\s*\d+\]|(item|image|photo|slide|bild|фото|фота|zdjęcie)\s+\d+\s+(of|von|из|з|z)\s+\d+\b)\s*", re.I)


def gallery_slides(keys: Sequence[str], units: Sequence[Unit]) -> dict[int, Drop]:
    """A caption with a gallery's slide counter in front ("Item 1 of 2 A view of ...") whose
    text is also on the page without it: the slide's copy; the bare caption is the article's."""
    bare = {key: i for i, key in enumerate(keys) if key and not _SLIDE.match(key)}
    drops: dict[int, Drop] = {}
    for i, key in enumerate(keys):
        match = _SLIDE.match(key)
        j = bare.get(key[match.end() :]) if match else None
        if j is not None:
            drops[i] = Drop("gallery", f"a picture gallery's slide repeating the caption on line {units[j].line}")
    return drops


def repeats(units: Sequence[Unit], keys: Sequence[str], exempt: int | None, dropped: Mapping[int, Drop]) -> dict[int, Drop]:
    """Exact repeats of ANY earlier unit (dropped or not, so dropping one copy never brings
    the next back), and pull quotes: a passage that repeats a sentence of a longer unit.
    A line of the site's header (above the title ``exempt``) repeated in the article, such as
    the site's name among a statement's signatories, is left to the other rules, unless it
    comes back on every page of the copy (twice or more)."""
    drops: dict[int, Drop] = {}
    first_seen: dict[str, int] = {}
    count = Counter(keys)
    for i, key in enumerate(keys):
        if not key or not words(key) or (i in dropped and dropped[i].rule == "contents"):
            continue  # (a contents entry is the link to a heading below: the heading is the text's)
        # (a header line printed again over every later page is a running header: "ARD Text – Seite 124")
        if key in first_seen and i != exempt and not (exempt is not None and first_seen[key] < exempt < i and count[key] < 3):
            drops[i] = Drop("duplicate", f"repeats line {units[first_seen[key]].line}")
        else:
            first_seen.setdefault(key, i)
    # Pull quotes: index where every sentence of every unit starts, then look each candidate
    # up by its first characters (linear in the page, not in its square).
    starts: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        for m in _SENTENCE_START.finditer(key):
            bucket = starts.setdefault(key[m.end() : m.end() + 40], [])
            if len(bucket) < 8 and (not bucket or bucket[-1] != j):
                bucket.append(j)
    for i, full in enumerate(keys):
        key = full.strip("\"'“”„«»‘’‚ ")  # a pull quote is often set in quotation marks the text has not
        if i in drops or i == 0 or len(key) < 60 or len(words(key)) < 8:
            continue
        for j in starts.get(key[:40], ()):
            if j != i and j not in drops and j not in dropped and len(keys[j]) > len(key) and key in keys[j]:
                drops[i] = Drop("pull-quote", f"pull quote repeating part of line {units[j].line}")
                break
    return drops


# ---------------------------------------------------------------------------------------
# Classes and the body

# Furniture that sites put inside an article's body as well as around it: weaker evidence
# that the body has ended than a comment form or a copyright line.
_INLINE_FURNITURE = frozenset(
    {"teaser", "pull-quote", "duplicate", "more-teaser", "related-link", "advertisement", "newsletter", "social", "gallery"}
)
GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"
_STOP_HIGH, _STOP_LOW = 0.30, 0.20


def unit_class(f: Features) -> str:
    """jusText's context-free classes, with sentence punctuation standing in for HTML."""
    if f.words == 0:
        return SHORT
    sentence_like = f.ends_sentence and f.words >= 6
    if f.sentences and f.words >= 3 and f.stopwords >= _STOP_HIGH and f.chars < 70 and not sentence_like:
        return NEAR  # a one-line sentence: "He declined to comment."
    if f.chars >= 70 or sentence_like:
        if f.stopwords >= _STOP_HIGH and (f.ends_sentence or f.sentences >= 1 or f.chars >= 200):
            return GOOD
        if f.stopwords >= _STOP_LOW:
            return NEAR
        return BAD
    return SHORT


def _weight(cls: str, f: Features, drop: Drop | None, byline: bool, bio: bool, tags: bool = False) -> float:
    if drop is not None and drop.rule == "other-story":
        return 0.0  # the printed pages between a story's jump and its continuation: the story goes on
    if byline:
        return -60.0  # below the head, "By ..." opens an author or publication box
    if bio:
        return -30.0  # "Name is a reporter at ...": the author box below the article
    if drop is not None:
        if drop.rule == SECTION_LABEL or tags:
            return -60.0  # a box of other content, or the tags: strong evidence the body has ended
        if drop.rule == "comments":
            return -20.0  # a comment thread: every comment has its "Reply"
        return -3.0 if drop.rule in _INLINE_FURNITURE else -6.0
    if cls == GOOD:
        return float(max(f.words, 6))
    if cls == NEAR:
        return f.words / 2
    return -2.0 if cls == BAD else -1.0


def _weights(
    classes: Sequence[str], feats: Sequence[Features], drops: Mapping[int, Drop], bylines: Sequence[bool], bios: Sequence[bool],
    tags: Sequence[bool], neutral: frozenset[int],
) -> list[float]:
    """Every unit's weight for the body; ``neutral`` units (a thread's replies, post headers and
    buttons) weigh nothing either way: the thread goes on below them."""
    return [
        0.0 if i in neutral else _weight(c, f, drops.get(i), bylines[i], bios[i], tags[i])
        for i, (c, f) in enumerate(zip(classes, feats))
    ]


def _best_run(weights: Sequence[float]) -> tuple[int, int]:
    """The first and last index of the run with the highest total (Kadane), or (0, -1)."""
    best, best_run = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_run = total, (start, i)
    return best_run


def _shape(f: Features, cls: str) -> str:
    """A unit's features in an editor's words: "short, no sentence, 0% stopwords"."""
    if cls in (GOOD, NEAR):
        sentences = f"{f.sentences} sentence{'s' if f.sentences != 1 else ''}" if f.sentences else "no sentence end"
        return f"prose ({sentences}, {f.percent})"
    size = "short" if cls == SHORT else f"{f.words} words"
    sentence = "a sentence" if f.ends_sentence else "no sentence"
    return f"{size}, {sentence}, {f.percent}" + (", link or menu shape" if f.linkish else "")


# Words a line cannot end with unless its sentence goes on below (conjunctions, articles,
# prepositions of one or two letters), in the pipeline's languages.
# (Not the ones that end German clauses as verb particles: "an", "ein", "zu", "mit", "in", "auf".)
CONTINUED = frozenset(
    "and or but nor the of for with und oder aber der die das den dem eine einer von zu mit für и или но ці а в на с по из "
    "у з па ад да і ale lub oraz w z na do od że".split()
)


def _is_headline(unit: Unit, f: Features) -> bool:
    """Could this unit be the article's title?  A few words, no sentence inside, not a name,
    a byline, a date, a menu or a link."""
    text = unit.text
    if not (3 <= f.words <= 30 and f.chars <= 250) or f.linkish or strip_bullet(text) is not None:
        return False
    if text.endswith((",", ";")) or words(text)[-1].casefold() in CONTINUED:
        return False  # the first line of a wrapped paragraph: "Warsaw is now the biggest ... and"
    # A headline does not end in a full stop, but may hold one: "Night at the fence. Crossings rise again"
    if text.endswith(".") or f.sentences > (2 if text.endswith(("?", "!")) else 1):
        return False
    return not (is_name(text) or is_byline(text) or is_dateline(text) or CAPTION_LABEL.match(text) or CREDIT.match(text))


# Languages whose headlines are set in sentence case: there, a line of three or more words
# that all start with a capital is a menu, not a title (English title case and German nouns
# capitalise headlines too).
_SENTENCE_CASE_HEADLINES = frozenset({"be", "ru", "uk", "pl"})


def _menu_shaped(unit: Unit, language: str) -> bool:
    """Words that all start with a capital, in a language that does not write headlines so:
    the sections of a menu ("Wiadomości Sport Ogłoszenia Nekrologi Kontakt", "Главное Война
    Россия Беларусь Общество")."""
    tokens = words(unit.text)
    return language in _SENTENCE_CASE_HEADLINES and len(tokens) >= 3 and all(t[0].isupper() for t in tokens)


def _find_title(
    units: Sequence[Unit], feats: Sequence[Features], drops: Mapping[int, Drop], title: str, body_start: int, language: str,
    rows: frozenset[int] = frozenset(),
) -> int | None:
    """The manifest title's unit, else the nearest headline-shaped unit above the body's first
    paragraph of prose (skipping bylines, dates, captions and furniture on the way up)."""
    if title:
        wanted = normalize(title)
        found = [i for i, u in enumerate(units) if normalize(u.text) == wanted]
        if found:
            above = [i for i in found if i <= body_start]
            return above[-1] if above else found[0]
    candidates: list[tuple[int, int]] = []  # (evidence, index), nearest to the body first
    for i in range(body_start - 1, max(-1, body_start - 30), -1):
        if i > 0 and i - 1 not in drops and _is_head(units[i - 1]) and not units[i].blank_before and feats[i].words <= 6 and not (
            i + 1 < len(units) and is_byline(units[i + 1].text)
        ):
            continue  # the role under a byline: "Sarah Novak" / "Eastern Europe correspondent" (a title has its byline below)
        if i not in drops and i not in rows and _is_headline(units[i], feats[i]):  # (a row of a table or a facts box is no title)
            # A title sits right above its standfirst: the shorter of the two, or the upper one
            # when they are set as one block ("How Belarus Pays for Gas" / "An explainer in five questions").
            j = i - 1
            if j >= 0 and j not in drops and _is_headline(units[j], feats[j]) and (feats[j].chars < feats[i].chars or not units[i].blank_before) and not (
                _menu_shaped(units[j], language) and not _menu_shaped(units[i], language)
            ) and normalize(units[i].text)[:40] not in normalize(units[j].text):  # (not the breadcrumb that ends in the title)
                i = j
            candidates.append((_title_evidence(units, feats, drops, i, body_start), i))
    if candidates:
        # The nearest headline, unless one further up has more of a title's company: a
        # byline or date below it, a standfirst, function words (a share bar has none).
        best = max(score for score, _ in candidates)
        if best < 2:
            # None has a byline or a date under it; a headline further down that has one, right above the
            # text, is the post's (a forum's sidebar of rules and links read as prose above it).
            below = _headed_post(units, feats, drops, body_start)
            if below is not None:
                return below
        return next(i for score, i in candidates if score == best)
    # A page that starts with a short line of its own, right above its text: "Title".
    if 0 < body_start < 30 and 0 not in drops and not feats[0].ends_sentence and feats[0].words and not feats[0].linkish:
        return 0
    return None


def _headed_post(units: Sequence[Unit], feats: Sequence[Features], drops: Mapping[int, Drop], body_start: int) -> int | None:
    """The first headline below ``body_start`` (within 40 units) with a "by ..." line right
    under it and a paragraph of prose under that: "Як я праводзіў маму праз Беняконі" /
    "submitted 5 hours ago by vetrazh_vilnia" / the post."""
    for i in range(body_start, min(len(units) - 2, body_start + 40)):
        if i in drops or not _is_headline(units[i], feats[i]):
            continue
        by = next((j for j in range(i + 1, min(len(units), i + 3)) if j not in drops), None)
        if by is None or not is_byline(units[by].text) or CREDIT_LINE.search(units[by].text):
            continue
        text = next((j for j in range(by + 1, min(len(units), by + 4)) if j not in drops and not _is_head(units[j])), None)
        if text is not None and unit_class(feats[text]) == GOOD:
            return i
    return None


def _title_evidence(units: Sequence[Unit], feats: Sequence[Features], drops: Mapping[int, Drop], i: int, body_start: int) -> int:
    """How much a headline-shaped unit looks like the article's title rather than a widget or
    a caption: what follows it before the body (a standfirst, a byline, a date), and whether
    it is written in words of the language (a share bar or a menu has no function words)."""
    score = 0
    if feats[i].words >= 4 and feats[i].stopwords == 0:
        score -= 2
    following = [j for j in range(i + 1, min(len(units), i + 5)) if j not in drops]
    if any(_is_head(units[j]) for j in following):
        score += 2
    if following and unit_class(feats[following[0]]) == GOOD and feats[following[0]].chars > feats[i].chars:
        score += 1  # the standfirst (longer than the title; not the title's own copy)
    return score


# A user name as forums and comment threads print it: one word joined by "_" or digits ("Сяргей_Р", "marek77").
_HANDLE = re.compile(r"^@?[^\W\d_][\w.-]*?(?:_[\w.-]+|\d+)$")
# "© 2026 Name", "Copyright (c) 2019–2026 ...": the site's (or the newsletter's) copyright line.
_DATED_COPYRIGHT = re.compile(r"^(©|\(c\)|copyright)\s*(©|\(c\))?\s*(\d{4}\s*[-–]\s*)?\d{4}\b", re.IGNORECASE)


# A transcript's or a broadcast manuscript's stage direction: "Musik (Ende)", "(Music)", "[Applause]".
_DIRECTION = re.compile(
    r"^[(\[]?(musik|music|atmo|atmosphere|sound|jingle|applause|beifall|музыка|музыка|музика|muzyka|оплески|апладысменты|аплодисменты)\b[^.!?]{0,30}[)\]]?$",
    re.IGNORECASE,
)


# A blog post's footer naming its writer: "Posted by Tanya Loika at 14:05", "Апублікавала Таццяна Лойка ў 14:05".
_POSTED_BY = re.compile(
    r"^(posted by|published by|eingestellt von|veröffentlicht von|опубликовал[аи]?|апублікаваў|апублікавала|опублікував|опублікувала"
    r"|opublikował[aoy]?|dodał[ao]?|autor)\s+[^\W\d_][^.!?]{1,60}?\s+(at|um|в|ў|у|о|o)\s+\d{1,2}[:.]\d{2}(\s?[ap]m)?$",
    re.IGNORECASE,
)


# A text signed by its editors rather than a person: "Рэдакцыя бюлетэня", "Die Redaktion", "The editors".
_EDITORS = re.compile(
    r"^((the|your) editors|(the )?editorial (team|board)|(die|ihre|eure) redaktion|редакция( [^\W\d_]+){0,3}|рэдакцыя( [^\W\d_]+){0,3}"
    r"|редакція( [^\W\d_]+){0,3}|redakcja( [^\W\d_]+){0,3}|(die )?redaktion( [^\W\d_]+){0,3})[.!]?$",
    re.IGNORECASE,
)


# The editor a text credits under it: "Редактор: Ксения Залите", "Redakcja: Anna Nowak", "Edited by Jan Kowalski".
_EDITOR_CREDIT = re.compile(
    r"^(редактор|рэдактар|редакторка|redaktor(ka)?|redakteur(in)?|redaktion|redakcja|editor|edited by|выпускающий редактор)\s*:?\s+"
    r"[^\W\d_][\w.’'-]*(\s+[^\W\d_][\w.’'-]*){1,3}$",
    re.IGNORECASE,
)


def _is_tail(units: Sequence[Unit], i: int, drops: Mapping[int, Drop]) -> bool:
    """Credits, notes and an author box that may follow the body directly."""
    text = units[i].text
    if (CREDIT.match(text) or is_picture_credit(text)) and len(text) <= 120 and not _DATED_COPYRIGHT.match(text):
        return True  # a picture's credit ("© Reuters", "Photo: ...", "NAME / AGENCY"), not the site's dated copyright line
    if FOOTNOTE.match(text) or CREDIT_LINE.search(text) or _DIRECTION.match(text) or _POSTED_BY.match(text) or _EDITORS.match(text) \
            or _EDITOR_CREDIT.match(text):
        return True
    nxt = next((j for j in range(i + 1, min(i + 4, len(units))) if j not in drops), None)
    if nxt is None:
        return False
    below = units[nxt].text
    if (PICTURE_WORD.match(below) or SLASH_CREDIT.match(below)) and len(below) <= 120 and " | " not in text \
            and len(text) <= 300 and not units[nxt].blank_before:
        return True  # a photo's caption over its credit
    return is_name(text) and below.startswith(text + " ")  # the name, then "Name is ..."


def _list_after(units: Sequence[Unit], feats: Sequence[Features], classes: Sequence[str], drops: Mapping[int, Drop], end: int) -> int:
    """A list that the body's last paragraph, or a short line below it, introduces with a
    colon ("We call on the authorities to:", "The statement is signed by:") is the article's:
    the body ends after it.  Bullets continue a list; a blank line before a plain line ends it."""

    def item(j: int) -> bool:
        text = units[j].text
        plain = strip_bullet(text) is None
        if j in drops or classes[j] == GOOD or feats[j].linkish or not 0 < feats[j].words <= 20:
            return False
        return not (plain and text.rstrip().endswith((".", "!", "?")))  # a plain item is not a sentence

    while True:
        j = end + 1
        if j >= len(units) or j in drops:
            return end
        listing = _ends_colon(units[end].text) or strip_bullet(units[end].text) is not None
        if not listing and _ends_colon(units[j].text) and feats[j].words <= 12 and j + 2 < len(units) and item(j + 1) and item(j + 2):
            listing, end, j = True, j, j + 1  # "Signatories:" below the last paragraph
        if not listing:
            return end
        grown = end
        while j < len(units) and item(j):
            if j > end + 1 and units[j].blank_before and strip_bullet(units[j].text) is None:
                break  # a blank line ends a list of plain lines
            grown = j
            j += 1
        if grown == end:
            return end
        end = grown


# A printed story's jump: out ("Continued on A4", "See STREET, A5") and in again ("From A1").
_JUMP_OUT = re.compile(rf"(?:^|\s)(?:{JUMP_AWAY})$|^see [\w-]+,? (?:page )?[A-Z]?\d{{1,3}}$", re.IGNORECASE)
_JUMP_IN = re.compile(
    r"^(?:continued )?from (?:page )?[A-Z]?\d{1,3}$|^fortsetzung von seite \d{1,3}$|^(?:начало|окончание) на (?:стр\.|странице) ?\d{1,3}$"
    r"|^пачатак на (?:стар\.|старонцы) ?\d{1,3}$|^початок на (?:стор\.|сторінці) ?\d{1,3}$|^dokończenie ze? (?:str\.|strony) ?\d{1,3}$",
    re.IGNORECASE,
)


def _jumps(units: Sequence[Unit], texts: Sequence[str], trims: Mapping[int, Trim]) -> dict[int, Drop]:
    """A newspaper's text edition: where a story jumps to another page ("... of the ▸ Continued
    on A4") and where it goes on ("BALLOONS" / "From A1"), what lies between is the printed
    pages' other stories, adverts and headers.  The jump lines themselves are furniture."""
    found: dict[int, Drop] = {}
    i = 0
    while i < len(units):
        out = _JUMP_OUT.search(trims[i].removed.strip() if i in trims else units[i].text)
        if out is None:
            i += 1
            continue
        if i not in trims:
            found[i] = Drop("page-chrome", "a printed story's jump to another page")
        back = next((j for j in range(i + 1, min(len(units), i + 400)) if _JUMP_IN.match(texts[j])), None)
        if back is None:
            i += 1
            continue
        for j in range(i + 1, back + 1):  # (whatever else a rule made of them: the story goes on past them)
            found[j] = Drop("other-story", f"the printed page's other content, between the jump at line {units[i].end_line} and where the story goes on")
        i = back + 1
    return found


_PAGE_TURN = re.compile(f"^(?:{PAGE_TURN})", re.IGNORECASE)


def _page_turns(texts: Sequence[str], drops: Mapping[int, Drop]) -> frozenset[int]:
    """A page turn in a paged copy (teletext subpages, a print view's pages): the marker and the
    next page's header under it (the page number, the title again with "2/3") weigh nothing for
    or against the body, which goes on below them."""
    found: set[int] = set()
    for i, text in enumerate(texts):
        if _PAGE_TURN.match(text):
            j = i
            while j < len(texts) and j in drops and j - i <= 15:
                found.add(j)
                j += 1
    return frozenset(found)


def _signup_boxes(texts: Sequence[str], feats: Sequence[Features], drops: Mapping[int, Drop]) -> dict[int, Drop]:
    """The lines of a sign-up box: between a newsletter prompt ("Subscribe to ...") and the
    box's field or button ("Type your email...", "Subscribe") a line or two describe the
    newsletter ("Launched 3 years ago", "Independent reporting on ...")."""
    found: dict[int, Drop] = {}
    for i, drop in drops.items():
        if drop.rule != "newsletter":
            continue
        for k in range(i + 2, min(i + 4, len(texts))):
            closing = drops.get(k)
            if closing is not None and closing.rule == "newsletter" and feats[k].words <= 4:
                if all(j not in drops and feats[j].chars <= 300 and feats[j].sentences <= 2 for j in range(i + 1, k)):
                    reason = f"inside a newsletter sign-up box (between {texts[i]!r} and {texts[k]!r})"
                    found.update((j, Drop("newsletter", reason)) for j in range(i + 1, k))
                break
    return found


def _titled(units: Sequence[Unit], feats: Sequence[Features], drops: Mapping[int, Drop], i: int) -> bool:
    """Is unit ``i``, though it reads as a sentence ("Is the opposition splitting, or just
    growing up?"), a title: short, headline-shaped, with a byline or date below it before the
    next paragraph?"""
    if feats[i].chars >= 100 or not _is_headline(units[i], feats[i]):
        return False
    below = [j for j in range(i + 1, min(i + 5, len(units))) if j not in drops]
    return any(_is_head(units[j]) for j in below)


_SIGN_OFF = re.compile(r"^[—–-]\s*[^\W\d_][\w’'.-]*(?: [^\W\d_][\w’'.-]*){0,2}$")


def is_sign_off(text: str) -> bool:
    """A dash and a name or two ending a letter or a newsletter: "— Olena", "– Maksym H."."""
    return bool(_SIGN_OFF.match(text)) and text.split(maxsplit=1)[-1][:1].isupper()


def _closing_line(unit: Unit, f: Features, cls: str) -> bool:
    """A short sentence that may end the article right below its last paragraph ("That's not
    enough, says the grid operator."): too short or too poor in stopwords to weigh as prose;
    or the writer's sign-off ("— Olena")."""
    text = unit.text
    if is_sign_off(text):
        return True
    if cls == GOOD or f.linkish or not 3 <= f.words <= 30 or f.chars > 200 or f.sentences > 2:
        return False
    if not ends_sentence(text) or _ends_colon(text) or not (text[0].isupper() or text[0] in "\"“„«'‘"):
        return False
    return not (_is_head(unit) or is_bio(text) or CREDIT.match(text) or CAPTION_LABEL.match(text))


def _listed(units: Sequence[Unit], texts: Sequence[str], feats: Sequence[Features]) -> list[bool]:
    """Is each unit an item of a list that a line ending in a colon introduces, with no blank
    line between ("On the panel:" and "Name, role, institution" lines)?  Such an item has the
    shape of a byline but is the article's text, not an author box opening below it."""
    listed = [False] * len(units)
    for i in range(1, len(units)):
        if units[i].blank_before or feats[i].words > 20 or ends_sentence(texts[i]):
            continue
        listed[i] = _ends_colon(texts[i - 1]) or listed[i - 1]
    return listed


def _speaker_label(units: Sequence[Unit], texts: Sequence[str], feats: Sequence[Features], drops: Mapping[int, Drop], i: int) -> bool:
    """A label of a few words and a colon right above a paragraph of prose: who speaks in a
    transcript or a manuscript ("Sprecherin:", "Interviewer:", "Q:"), repeated as often as
    they speak, which is not a repeat of page furniture."""
    nxt = i + 1
    if not _ends_colon(texts[i]) or feats[i].words > 4 or nxt >= len(units) or nxt in drops or units[nxt].blank_before:
        return False
    return unit_class(feats[nxt]) in (GOOD, NEAR)


def _ends_colon(text: str) -> bool:
    return text.rstrip().endswith(":")


# A date line that says which issue or broadcast the text is: the newsletter's "Issue 87 · 26 November 2026",
# a radio feature's "Sendung vom 2. Dezember 2026, 18:40 Uhr" (not the site's "Date:" or today's date).
_ISSUE_DATE = re.compile(
    r"^(issue|no\.|edition|episode|broadcast|aired|sendung|ausgabe|folge|выпуск|эфир|нумар|ефір|випуск|номер|numer|wydanie|audycja|odcinek)\b",
    re.IGNORECASE,
)


def _post_header(units: Sequence[Unit], texts: Sequence[str], i: int, title: int) -> bool:
    """Unit ``i`` is the header of a post right above its first line (the title): its date,
    on the line above the title, or the poster's name on the line above that date, with no
    blank line between them and the title."""
    date = title - 1
    if date < 0 or units[title].blank_before or units[date].line != units[date].end_line or not is_dateline(texts[date]):
        return False
    if i == date:
        return i > 0 and not units[date].blank_before and (is_name(texts[i - 1]) or 1 <= len(words(texts[i - 1])) <= 5) and not ends_sentence(texts[i - 1])
    return i == date - 1 and not units[date].blank_before and 1 <= len(words(texts[i])) <= 5 and not ends_sentence(texts[i]) \
        and line_verdict(texts[i]) is None


def _is_head(unit: Unit) -> bool:
    return is_byline(unit.text) or is_name(unit.text) or is_dateline(unit.text)


def judge_page(units: Sequence[Unit], raw_lines: Sequence[str], title: str = "", language: str = "") -> PageVerdict:
    """Decide, for every unit of a page, whether it is the article; see the module docstring.

    ``title`` is the manifest title ("" to find one), ``language`` the language whose stoplist
    to use ("" to detect it from the page)."""
    language = language or detect_language(" ".join(u.text for u in units)) or "en"
    trims: dict[int, Trim] = {}
    texts: list[str] = []
    for i, unit in enumerate(units):
        trim = trim_suffix(unit.text, unit.end_line, raw_lines[unit.end_line - 1], language)
        if trim is not None:
            trims[i] = trim
        texts.append(trim.text if trim is not None else unit.text)
    feats = [features(t, language) for t in texts]
    for i, f in enumerate(feats):
        # A page in two languages (a post and its translation): prose of the other one is
        # prose too, judged by its own function words.
        if f.words >= 6 and f.stopwords < _STOP_HIGH:
            own = detect_language(texts[i])
            if own and own != language and (other := features(texts[i], own)).stopwords > f.stopwords:
                feats[i] = other
    for i, unit in enumerate(units):
        # A copied menu keeps its items apart by runs of spaces or tabs, which the unit's text
        # (white space collapsed) has lost: judge the link shape on the source line.
        if unit.line == unit.end_line and not feats[i].linkish and i not in trims:
            raw = raw_lines[unit.line - 1].strip()
            if ("  " in raw or "\t" in raw) and features(raw, language).linkish and not is_fact_row(raw):
                feats[i] = replace(feats[i], linkish=True)
    keys = [normalize(t) for t in texts]

    drops: dict[int, Drop] = {}
    for i, text in enumerate(texts):
        verdict = line_verdict(text)
        if verdict is None and i in trims and unit_class(feats[i]) not in (GOOD, NEAR) and not feats[i].ends_sentence:
            verdict = line_verdict(units[i].text)  # furniture as a whole ("« Назад  Страница 1 2 3  Далее »"), not prose with a link glued on
        if verdict is not None:
            drops[i] = verdict
    for i, verdict in gallery_slides(keys, units).items():
        drops.setdefault(i, verdict)
    for i, verdict in more_teasers(units, keys).items():
        drops.setdefault(i, verdict)
    for i in range(len(units) - 1):
        if not SPONSOR.match(texts[i]) or i + 1 in drops:
            continue
        # The sponsor's copy: up to the rule that closes its box, else the one unit under the label.
        close = next((j for j in range(i + 1, min(len(units), i + 7)) if _RULE_LINE.match(texts[j])), None)
        if close is not None and sum(feats[j].chars for j in range(i + 1, close)) <= 900:
            for j in range(i + 1, close + 1):
                drops.setdefault(j, Drop("advertisement", f"the sponsor's copy under the label {texts[i]!r}"))
            if i > 0 and _RULE_LINE.match(texts[i - 1]):
                drops.setdefault(i - 1, Drop("advertisement", f"the rule above the sponsor's label {texts[i]!r}"))
        elif feats[i + 1].chars <= 300 and feats[i + 1].sentences <= 3:
            drops[i + 1] = Drop("advertisement", f"the sponsor's copy under the label {texts[i]!r}")
    for i in range(len(units) - 1):
        # An advert's copy under its label ("Реклама" / "Окна ПВХ от производителя. Рассрочка 0% до 12
        # месяцев. Гродно, ул. Горького, 87"): short, with few function words, or sentences that
        # end in an address or a phone number; the article's next paragraph ends its sentence, and
        # a heading has none inside.
        nxt = feats[i + 1]
        if i in drops and drops[i].rule == "advertisement" and feats[i].words <= 3 and i + 1 not in drops \
                and nxt.chars <= 200 and nxt.words >= 6 and units[i + 1].line == units[i + 1].end_line and not units[i + 1].blank_before \
                and (nxt.stopwords < 0.2 or (nxt.sentences >= 1 and not nxt.ends_sentence)):
            drops[i + 1] = Drop("advertisement", f"the advert's copy under the label {texts[i]!r}")
    drops.update(_signup_boxes(texts, feats, drops))
    drops.update(_contents_list(units, texts, feats, drops))
    drops.update(_jumps(units, texts, trims))
    thread = find_thread(texts)
    neutral: frozenset[int] = frozenset()
    if thread is not None:
        replies, neutral = thread_drops(thread, texts, drops)
        drops.update(replies)
    else:
        chat, neutral = chat_drops(texts, drops)
        drops.update(chat)
        drops.update(feed_drops(texts, drops, title))
    neutral |= _page_turns(texts, drops)
    table = _table_rows(units, raw_lines, drops)
    neutral |= table
    classes = [unit_class(f) for f in feats]
    listed = _listed(units, texts, feats)
    bylines_at = [is_byline(t) and not CREDIT_LINE.search(t) and not listed[i] for i, t in enumerate(texts)]
    bios = [is_bio(t, texts[i - 1] if i else "") for i, t in enumerate(texts)]
    tags = [bool(TAG_LIST.match(t)) for t in texts]
    weights = _weights(classes, feats, drops, bylines_at, bios, tags, neutral)
    start, end = _best_run(weights)
    first_prose = next((i for i in range(start, end + 1) if classes[i] == GOOD and i not in drops and not _titled(units, feats, drops, i)), start)
    rows = table | frozenset(i for i, u in enumerate(units) if u.line == u.end_line and _tabbed(raw_lines[u.line - 1]))
    title_index = _find_title(units, feats, drops, title, first_prose if end >= start else len(units), language, rows)
    for i, verdict in repeats(units, keys, title_index, drops).items():
        if not _speaker_label(units, texts, feats, drops, i):
            drops.setdefault(i, verdict)
    kept = [i for i in range(len(units)) if i not in drops]
    # judged on the text without its trimmed junk: "… on Monday. Read more" is a sentence, not a blurb
    for local, verdict in teasers([replace(units[i], text=texts[i]) for i in kept], title).items():
        drops.setdefault(kept[local], verdict)
    if title_index is not None:
        drops.pop(title_index, None)  # the title is the title, whatever it looks like

    if end < start or not any(c == GOOD for c in classes):
        # No prose to anchor the body (a stub or a test page): only the line rules speak.
        trims.update(_reference_marks(units, texts, raw_lines, drops, trims))
        return PageVerdict(drops, title_index, {i: t for i, t in trims.items() if i not in drops}, language=language)

    # The body, once the line rules have spoken: recompute the best run with every drop known.
    weights = _weights(classes, feats, drops, bylines_at, bios, tags, neutral)
    start, end = _best_run(weights)
    end, listed_from = _body_end(units, texts, feats, classes, drops, start, end)
    head = title_index if title_index is not None and title_index < start else start
    # A title inside the best run (a question reads as a sentence): what is above it is the
    # site's, and its head (byline, date, widgets) runs from it to the first paragraph below,
    # as if the body started there.
    lead = start
    if title_index is not None and start <= title_index < end:
        lead = next((i for i in range(title_index + 1, end + 1) if classes[i] == GOOD and i not in drops), start)
        if title_index < lead and _titled(units, feats, drops, title_index):
            head = title_index
    if thread is not None:
        head = min(head, thread.start)  # the first post's header (the author's name) is the byline

    bylines: set[int] = set()
    # Bylines and datelines at the top of the body (under a standfirst that opens it) are head.
    # (under a title that reads as a sentence, the standfirst is the paragraph below it)
    second = next((i for i in range(start + 1, end + 1) if classes[i] == GOOD and i not in drops), end)
    bylines.update(i for i in range(start, second) if i not in drops and _is_head(units[i]))
    if title_index is not None and start <= title_index < lead:
        # Under a title inside the run, the standfirst is the paragraph below it: the name and
        # date under that are head too (a name, a byline or a bare date, not a dated caption).
        second = next((i for i in range(lead + 1, end + 1) if classes[i] == GOOD and i not in drops), end)
        bylines.update(
            i for i in range(lead, second)
            if i not in drops and (is_byline(units[i].text) or is_name(units[i].text) or (is_dateline(units[i].text) and feats[i].words <= 5))
        )
    before, after = _neighbours(classes, drops, start, end)
    # A newsletter opens with a greeting and a few lines of its own above the issue's first headline.
    salute = next((i for i in range(max(0, head - 8), head) if i not in drops and SALUTATION.match(texts[i])
                   and any(classes[j] == GOOD for j in range(i + 1, head))), None)
    boxed = _boxed(texts, classes, drops, start, end)
    notes = _notes_below(texts, drops, end)
    for i in range(len(units)):
        if i in drops or i == title_index:
            continue
        f, cls = feats[i], classes[i]
        if i < head and head - i <= 8 and _ISSUE_DATE.match(texts[i]) and is_dateline(texts[i]) and not any(
            classes[j] == GOOD and j not in drops for j in range(i + 1, head)
        ):
            bylines.add(i)  # "Issue 87 · 26 November 2026", "Sendung vom 2. Dezember 2026": the article's date, above its title
        elif i < head and head == title_index and _post_header(units, texts, i, head):
            bylines.add(i)  # a post's header set on the lines right above its first line: "Пошта Салідарнасці" / "28 лістапада 2026 г."
        elif i < head and salute is not None and i >= salute and (i == salute or cls in (GOOD, NEAR)):
            pass  # a letter's opening above the story's headline: "Dzień dobry," / "w tym tygodniu piszemy o kolei, ..."
        elif i < head:
            drops[i] = Drop("site-header", f"{_shape(f, cls)}, above the article's title")
        elif i > end and i not in notes:
            drops[i] = Drop("boilerplate", f"{_shape(f, cls)}, below the last body paragraph")
        elif i < start or (title_index is not None and title_index < i < lead):
            # between the title and the body: byline, date, role, standfirst, caption
            role = (
                i - 1 in bylines and not is_dateline(units[i - 1].text) and not _HANDLE.match(units[i - 1].text)
                and cls == SHORT and not f.ends_sentence
                and not CAPTION_LABEL.match(units[i].text)
            )
            if _is_head(units[i]) or (role and 0 < f.words <= 6) or (i - 1 in bylines and _HANDLE.match(units[i].text)):
                bylines.add(i)  # (a forum's post header: "#1  22.11.2026, 19:47" / "Сяргей_Р")
            elif i + 1 < len(units) and classes[i + 1] == GOOD and (units[i].blank_before or (i - 1 in drops and drops[i - 1].rule == "page-chrome")) \
                    and not f.linkish:
                pass  # a heading right above the first paragraph: "Summary" (under a blank line, or under the contents)
            elif cls == SHORT and (f.words <= 2 or f.linkish) and not CAPTION_LABEL.match(units[i].text):
                drops[i] = Drop("boilerplate", f"{_shape(f, cls)}, between the title and the body")
        elif cls in (SHORT, BAD) and i < listed_from and not _is_tail(units, i, drops) and i not in table:
            reason = _context(i, feats, before, after, boxed)
            if reason:
                drops[i] = Drop("boilerplate", f"{_shape(f, cls)}, {reason}")
        if i not in drops and is_separator(texts[i]):
            drops[i] = SEPARATOR
    trims.update(_reference_marks(units, texts, raw_lines, drops, trims))
    return PageVerdict(
        drops,
        title_index,
        {i: t for i, t in trims.items() if i not in drops},
        frozenset(i for i in bylines if not is_fact_row(raw_lines[units[i].line - 1].strip())),  # a fact's "Location<TAB>Gomel, ..." is no byline
        (head, end),
        language,
    )


# A mark at the end of a line that refers to a line of its own further down: "… rocznie. [1]"
# and "[1] https://…" (a plain-text mail's links), "… six hours.[a]" and "[a]Check the figure"
# (a document's comments), "… since 2020.[2]" and "[2] Estimates range …" (a footnote).
_MARK_END = re.compile(r"(?<=\S)(\s*\[(\d{1,3}|[a-z]{1,2})\])\s*$")
_MARK_START = re.compile(r"^\[(\d{1,3}|[a-z]{1,2})\]")


def _reference_marks(
    units: Sequence[Unit], texts: Sequence[str], raw_lines: Sequence[str], drops: Mapping[int, Drop], trims: Mapping[int, Trim]
) -> dict[int, Trim]:
    """The marks on kept lines whose every note is dropped (a link's address, an editor's
    comment): junk glued to the line.  A footnote the article keeps keeps its call."""
    notes: dict[str, list[int]] = {}
    for i, unit in enumerate(units):  # (a list of notes with no blank line between them is one unit)
        for n in unit.lines:
            if found := _MARK_START.match(raw_lines[n - 1].strip()):
                notes.setdefault(found.group(1), []).append(i)
    marks: dict[int, Trim] = {}
    for i, text in enumerate(texts):
        found = _MARK_END.search(text)
        if found is None or i in drops or i in trims:
            continue
        targets = [j for j in notes.get(found.group(2), ()) if j > i]
        kept = text[: found.start()].rstrip()
        raw = raw_lines[units[i].end_line - 1].rstrip()
        on_line = _MARK_END.search(raw)
        if not targets or not all(j in drops for j in targets) or len(words(kept)) < 2 or on_line is None:
            continue
        first, last = on_line.start(1) + 1 + len(on_line.group(1)) - len(on_line.group(1).lstrip()), on_line.end(1)
        reason = f"a mark ({raw[first - 1 : last]!r}) whose note below is not the article's (a link's address, a comment)"
        marks[i] = Trim(kept, raw[first - 1 : last], units[i].end_line, (first, last), reason)
    return marks


def _tabbed(raw: str) -> bool:
    """A row of a table or of a box of facts copied as text: a short label, a tab, a value
    ("Месца жыхарства:<TAB>Светлагорск, Гомельская вобласць")."""
    label, tab, value = raw.strip().partition("\t")
    return bool(tab) and 1 <= len(words(label)) <= 4 and bool(value.strip())


def _table_rows(units: Sequence[Unit], raw_lines: Sequence[str], drops: Mapping[int, Drop]) -> frozenset[int]:
    """The rows of a table copied as text: lines one under another whose cells are apart by tabs,
    three cells or more and as many in each row ("Prisoner<TAB>Colony<TAB>Condition" over
    "V. K., 61<TAB>Penal colony No. 3, Vitsba<TAB>Type 2 diabetes"), a cell of two words or more
    among them (a menu's items are single words).  They weigh nothing for or against the body."""
    def cells(i: int) -> list[str]:
        if units[i].line != units[i].end_line or i in drops:
            return []
        row = [c.strip() for c in raw_lines[units[i].line - 1].strip().split("\t")]
        return row if len(row) >= 3 and all(row) else []

    row_cells = [cells(i) for i in range(len(units))]
    rows: set[int] = set()
    i = 0
    while i < len(units):
        width, j = len(row_cells[i]), i + 1
        while width and j < len(units) and not units[j].blank_before and len(row_cells[j]) == width:
            j += 1
        if width and j - i >= 2 and any(len(c.split()) >= 2 for k in range(i, j) for c in row_cells[k]):
            rows.update(range(i, j))
        i = max(j, i + 1)
    return frozenset(rows)


# The label over a table of contents: "Contents", "On this page", "Inhalt", "Змест", "Spis treści".
_CONTENTS_LABEL = re.compile(
    r"^(contents|table of contents|on this page|in this (article|brief|report|issue|page)|inhalt|inhaltsverzeichnis|auf dieser seite"
    r"|содержание|оглавление|на этой странице|змест|на гэтай старонцы|зміст|на цій сторінці|spis treści|na tej stronie)\s*:?$",
    re.IGNORECASE,
)


def _contents_list(units: Sequence[Unit], texts: Sequence[str], feats: Sequence[Features], drops: Mapping[int, Drop]) -> dict[int, Drop]:
    """A table of contents under its label: the short lines right below "Contents" that come
    back further down as the text's headings.  They are the page's navigation, and none of
    them is the title."""
    found: dict[int, Drop] = {}
    for c, text in enumerate(texts):
        if not _CONTENTS_LABEL.match(text):
            continue
        items: list[int] = []
        for j in range(c + 1, min(len(units), c + 30)):
            if (items and units[j].blank_before) or feats[j].ends_sentence or not 0 < feats[j].words <= 12:
                break
            items.append(j)
        later = {normalize(t) for t in texts[items[-1] + 1 :]} if items else set()
        if len(items) >= 2 and sum(normalize(texts[j]) in later for j in items) * 2 >= len(items):
            found.update((j, Drop("contents", "a table of contents: the headings that follow, as links")) for j in items if j not in drops)
    return found


def _body_end(
    units: Sequence[Unit], texts: Sequence[str], feats: Sequence[Features], classes: Sequence[str], drops: Mapping[int, Drop], start: int, end: int
) -> tuple[int, int]:
    """Where the body ends, given the best run ``start``..``end``: cut at a wire story's end
    credit, then extended over credits, notes and an author box right below it and over a list
    its last line introduces.  Also returns where such a list starts (past ``end`` if none)."""
    # "Reporting by ...; Editing by ...", "X contributed to this report" closes a wire story:
    # what follows is the agency's page, however much it reads as prose.
    credit = next((i for i in range(start + 1, end + 1) if i not in drops and CREDIT_LINE.search(texts[i])), None)
    if credit is not None:
        while credit + 1 <= end and (credit + 1 in drops or CREDIT_LINE.search(texts[credit + 1])):
            credit += 1
        end = credit
    else:
        # A short last sentence weighs too little to join the best run; right below the last
        # paragraph, before any furniture, it is the article's ending, not the site's.
        for _ in range(2):
            if end + 1 >= len(units) or end + 1 in drops or not _closing_line(units[end + 1], feats[end + 1], classes[end + 1]):
                break
            end += 1
    skipped, j, name = 0, end + 1, ""
    while j < len(units) and skipped <= 3:  # a few dropped units may come between
        if j in drops:
            skipped += 1
        elif _is_tail(units, j, drops) or (name and units[j].text.startswith(name + " ")):
            end, skipped = j, 0
            name = units[j].text if is_name(units[j].text) else ""
        else:
            break
        j += 1
    end = _signature(units, feats, drops, end)
    end = _signatories(units, feats, drops, end)
    end = _greeting(units, drops, end)
    return _list_after(units, feats, classes, drops, end), end + 1


# The line that opens an e-mail's or a newsletter's signature: "-- " (RFC 3676), or "--".
_SIGNATURE = re.compile(r"^--\s*$")


def _signature(units: Sequence[Unit], feats: Sequence[Features], drops: Mapping[int, Drop], end: int) -> int:
    """A newsletter's or a letter's signature right below the body: under the "-- " line, the
    writer's name and, on the next line, their role ("editor of the Volyn Border Digest").
    The name and role sign the text; what follows them (links, the list's footer) does not."""
    sig = end + 1
    if sig + 1 >= len(units) or sig in drops or not _SIGNATURE.match(units[sig].text):
        return end
    name = sig + 1
    if name in drops or units[name].blank_before or not is_name(units[name].text):
        return end
    role = name + 1
    if role < len(units) and role not in drops and not units[role].blank_before and 0 < feats[role].words <= 8 \
            and not feats[role].linkish and not _ends_colon(units[role].text) and not ends_sentence(units[role].text) \
            and "://" not in units[role].text and "@" not in units[role].text:
        return role
    return name


# The greeting a letter opens with, on a line of its own: "Good morning,", "Dzień dobry,", "Liebe Leserinnen und Leser,".
SALUTATION = re.compile(
    r"^(good (morning|afternoon|evening)|hello|hi( all| everyone| there)?|dear (readers|friends|subscribers|all)|greetings"
    r"|guten (morgen|tag|abend)|hallo|liebe (leserinnen( und leser)?|leser(innen)?|freundinnen und freunde)"
    r"|dzień dobry|cześć|drodzy (czytelnicy|państwo)|witajcie|добр(ое утро|ый день|ый вечер)|здравствуйте|привет|дорогие (читатели|друзья)"
    r"|добр(ай раніцы|ы дзень|ы вечар)|вітаю|прывітанне|дарагія (чытачы|сябры)|доброго (ранку|дня|вечора)|привіт|дорогі (читачі|друзі))"
    r"[^.!?]{0,30}[,!:]?$",
    re.IGNORECASE,
)
# A letter's closing greeting: "Herzliche Grüße aus Vilnius", "Best wishes", "З павагай", "Pozdrawiam".
GREETING = re.compile(
    r"^((herzliche|viele|liebe|beste|schöne) grüße|(mit )?(freundlichen|herzlichen) grüßen|(best|warm|kind|warmest) (wishes|regards)|yours( truly| sincerely)?"
    r"|until next (week|time|month)|see you next (week|time)|с уважением|с наилучшими пожеланиями|до (следующей недели|встречи)|з павагай|да наступнага тыдня"
    r"|з повагою|до наступного тижня|до зустрічі|да сустрэчы|(serdecznie )?pozdrawiam|do (zobaczenia|usłyszenia|przeczytania|następnego tygodnia)"
    r"|bis (nächste woche|zum nächsten mal|bald|dann)|(cheers|thanks for reading|talk soon|take care))\b[^.!?]{0,40}[,!.]?$",
    re.IGNORECASE,
)


def _greeting(units: Sequence[Unit], drops: Mapping[int, Drop], end: int) -> int:
    """A letter's closing greeting right below its last paragraph, and the writer's name under
    it: "Herzliche Grüße aus Vilnius" / "Katrin Wessel"."""
    j = end + 1
    if j >= len(units) or j in drops or not GREETING.match(units[j].text):
        return end
    name = j + 1
    if name < len(units) and name not in drops and is_name(units[name].text) and not units[name].blank_before:
        return name
    return j


# A signatory under a statement: "Katarzyna Olszewska – Prezeska Zarządu", "Ales Bialiatski, Chair".
_SIGNATORY = re.compile(r"^(?P<name>[^\W\d_][^,–—]{3,40}?)\s*(?:[–—]|-|,)\s+(?P<role>[^\W\d_][^.!?]{1,60})$")


# A title before a signatory's name: "ks. Marek Sokołowski, proboszcz", "Dr. Ulrike Bremer", "о. Андрэй".
_HONORIFIC = re.compile(r"^(?:(?:ks|o|s|dr|prof|mgr|inż|fr|rev|hr|ing|о|а|д-р|проф)\.|dr|prof|father|pastor|rabbi|ojciec|siostra|pfarrer|pfarrerin)\s+", re.IGNORECASE)


def _signatories(units: Sequence[Unit], feats: Sequence[Features], drops: Mapping[int, Drop], end: int) -> int:
    """The signatures right under a statement's last paragraph: who signs it ("Zarząd Fundacji
    „Przystań Wschód”", "The Board of ...") and the signatories, one per line, name and role."""
    run: list[int] = []
    for j in range(end + 1, min(len(units), end + 9)):
        if j in drops or (run and units[j].blank_before) or ends_sentence(units[j].text) or not 0 < feats[j].words <= 10 or feats[j].linkish:
            break
        run.append(j)
    names = [j for j in run if (m := _SIGNATORY.match(units[j].text)) is not None and is_name(_HONORIFIC.sub("", m.group("name")))
             and len(words(m.group("role"))) <= 6]
    if not names or names[0] > end + 2:
        return end  # (the signing body, one line at most, then the signatories)
    last = names[0]
    while last + 1 in names:
        last += 1
    return last


def _neighbours(classes: Sequence[str], drops: Mapping[int, Drop], start: int, end: int) -> tuple[list[str], list[str]]:
    """For every unit of the body, the class of the nearest unit before and after it that is
    not short (dropped units count as bad; past the body is bad): two linear passes."""
    size = len(classes)
    before, after = [BAD] * size, [BAD] * size

    def seen(j: int) -> str | None:
        if j in drops:
            return BAD
        return None if classes[j] == SHORT else BAD if classes[j] == BAD else GOOD

    last = BAD
    for j in range(start, end + 1):
        before[j] = last
        last = seen(j) or last
    last = BAD
    for j in range(end, start - 1, -1):
        after[j] = last
        last = seen(j) or last
    return before, after


# The heading over an article's own notes: "References", "Notes", "Примечания", "Przypisy".
_NOTES_HEADING = re.compile(
    r"^(references|notes|footnotes|endnotes|sources|bibliography|anmerkungen|fußnoten|quellen|einzelnachweise|literatur"
    r"|примечания|сноски|источники|литература|заўвагі|крыніцы|літаратура|примітки|джерела|література"
    r"|przypisy|źródła|bibliografia)\s*:?$",
    re.IGNORECASE,
)


# A note under a notes heading: "[1] ...", "¹ ...", a wiki's "^ a b ...", "1. ...".
_NOTE_ITEM = re.compile(r"^(?:\^ |\d{1,3}[.)] )")
_BARE_LINK = re.compile(r"^\S{1,6}\s+(?:https?://|www\.)\S+$")


def _notes_below(texts: Sequence[str], drops: Mapping[int, Drop], end: int) -> set[int]:
    """The article's notes below the body, past a box of links between ("See also"): a notes
    heading ("References", "Примечания") and the notes right under it."""
    found: set[int] = set()
    for j in range(end + 1, len(texts)):
        if j in drops or not _NOTES_HEADING.match(texts[j]):
            continue
        items = []
        for k in range(j + 1, len(texts)):
            if k in drops:
                break
            if not (FOOTNOTE.match(texts[k]) or _NOTE_ITEM.match(texts[k])) or _BARE_LINK.match(texts[k]):
                break  # (a text browser's numbered list of the page's links is no notes)
            items.append(k)
        if items:
            found.update([j, *items])
    return found


def _boxed(texts: Sequence[str], classes: Sequence[str], drops: Mapping[int, Drop], start: int, end: int) -> list[str]:
    """For every short unit of the body that follows a box label ("Related articles") with only
    short units between, the label: the box's items, headlines of other articles.  The heading
    of the article's notes ("References") closes a box."""
    boxed = [""] * len(texts)
    label = ""
    for i in range(start, end + 1):
        drop = drops.get(i)
        if drop is not None:
            label = texts[i] if drop.rule == SECTION_LABEL else label
        elif _NOTES_HEADING.match(texts[i]):
            label = ""
        elif classes[i] == SHORT:
            boxed[i] = label
        else:
            label = ""
    return boxed


def _context(i: int, feats: Sequence[Features], before: Sequence[str], after: Sequence[str], boxed: Sequence[str]) -> str:
    """Why a short unit inside the body is furniture ("" when its neighbours say it is text)."""
    if feats[i].linkish and not feats[i].ends_sentence:
        return "inside the body"
    if boxed[i]:
        return f"in the box labelled {boxed[i]!r} inside the body"
    if before[i] == BAD and after[i] == BAD:
        return "between page furniture inside the body"
    return ""
