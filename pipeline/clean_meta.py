"""Metadata a page saved as text states about itself: title, authors, date, publisher.

Read from the units clean-up found to be the article's head (title, byline, dateline) and from
the page's copyright line or site-name line.  Dates come out as ISO ``YYYY[-MM[-DD]]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.clean import GREETING, PageVerdict, Unit
from pipeline.clean_features import ends_sentence
from pipeline.clean_shapes import DATE, LEGAL_FORM, MONTHS, NAME_IN_PLACE, is_byline, is_dateline, is_name, normalize, tidy_name, tidy_publisher
from pipeline.clean_phrases import line_verdict
from pipeline.clean_publisher import COPYRIGHT, copyright_holder, expand_acronym, is_platform, self_named
from pipeline.model import Metadata

_MONTH_NUMBERS = MONTHS  # one table for the regular expression and the numbers

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[.-](\d{1,2})[.-](\d{4})")  # day first, as Europe writes it: "24.06.2026", "4-12-2026"
_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([^\W\d_]+)\s+(\d{4})")


def parse_date(text: str) -> str:
    """The first date stated in ``text`` as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``), else ""."""
    found = DATE.search(text)
    if found is None:
        return ""
    s = found.group(0)
    if m := _ISO.fullmatch(s):
        return s
    if m := _NUMERIC.fullmatch(s):
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""
    if m := _DAY_MONTH.fullmatch(s):
        month = _MONTH_NUMBERS.get(m.group(2).casefold(), 0)
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}" if month else ""
    if m := _MONTH_DAY.fullmatch(s):
        month = _MONTH_NUMBERS.get(m.group(1).casefold(), 0)
        return f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}" if month else ""
    if m := _MONTH_YEAR.fullmatch(s):
        month = _MONTH_NUMBERS.get(m.group(1).casefold(), 0)
        return f"{m.group(2)}-{month:02d}" if month else ""
    return ""


_BY = re.compile(r"^(?:.*?\b(?:by|von)|автор|аўтар|autor)\s*:?\s+(.+)$", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,|\band\b|\bund\b|\bи\b|\bі\b|\bта\b|\bi\b|&)\s*")
_AND_WORD = re.compile(r"\s(?:and|und|и|і|та|i|&)\s")


_ACADEMIC = re.compile(r"^((dr|prof|mag)\.\s+)+", re.IGNORECASE)


def _authors(text: str) -> tuple[str, ...]:
    """The names a byline gives, without academic titles ("Dr. Anna Roth" is Anna Roth)."""
    return tuple(_ACADEMIC.sub("", name) for name in _byline_names(text))


def _byline_names(text: str) -> tuple[str, ...]:
    if is_name(text) and _BY.match(text) is None:
        return (text,)
    name, comma, _ = text.partition(", ")
    if comma and is_name(name) and len(name.split()) <= 3 and _BY.match(text) is None:
        return (name,)  # "Sarah Novak, Eastern Europe correspondent", "Marta Nowak, Suwałki"
    first = DATE.split(text)[0].strip(" ,·|—–")
    if first != text and is_name(first):
        return (first,)  # "Олена Коваль, 18 квітня 2026, 14:05"
    when, dot, who = text.rpartition(" · ")
    if dot and is_dateline(when) and is_name(who.strip()):
        return (who.strip(),)  # "Posted on 29 November 2026 · Yahor Klimovich"
    placed = NAME_IN_PLACE.match(text)
    if placed is not None and not _BY.match(text):
        return tuple(n for n in _AND.split(placed.group("names")) if is_name(n) and len(n.split()) <= 3)
    m = _BY.match(text)
    if m is None or text.casefold().startswith(("reporting", "editing", "additional", "writing")):
        return ()
    rest = DATE.sub("", m.group(1))
    rest = re.split(r"\s[|·—–]\s|;|\bin\b|\bfor\b", rest)[0]
    names = [n.strip(" .,") for n in _AND.split(rest)]
    if len(names) == 2 and is_name(names[0]) and len(names[1].split()) == 1 and ", " in rest and not _AND_WORD.search(rest):
        return (names[0],)  # the name and the place: "Von Katrin Wessel, Vilnius"
    return tuple(n for n in names if n and is_name(n) or (n and len(n.split()) == 1 and n[0].isupper() and len(names) > 1))


# A credit that names the writer below the text or in its head: "Tekst: Agnieszka Sosnowska",
# "Текст: Ольга Миронович, юрист общины", "Autorka: Joanna Wierzbicka".
_CREDIT = re.compile(r"^(?:текст|тэкст|tekst|text|autor(?:ka)?|автор(?:ка)?|аўтар(?:ка)?)\s*:\s*(?P<name>[^,;|·]+)", re.IGNORECASE)


def _credited(units: Sequence[Unit], start: int, end: int) -> tuple[str, ...]:
    """The writer a credit line names ("Tekst: Name"), else the name under a letter's closing
    greeting right below the text ("Do przeczytania za tydzień," / "Agnieszka Sosnowska")."""
    for i in range(max(0, start - 3), min(len(units), end + 6)):
        found = _CREDIT.match(units[i].text)
        if found is not None and is_name(found.group("name").strip()):
            return (found.group("name").strip(),)
    for i in range(max(start, end - 2), min(len(units) - 1, end + 4)):
        if GREETING.match(units[i].text) and is_name(units[i + 1].text) and not units[i + 1].blank_before:
            return (units[i + 1].text,)
    return ()


# A site's name on a line of its own: one to three capitalised words ("Minsk Without Filters").
_SITE_NAME = re.compile(r"^[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][\w’'.&\-]*(\s+[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][\w’'.&\-]*){0,2}$")


def _author_box(units: Sequence[Unit], start: int) -> tuple[str, ...]:
    """The author named by an author box below the head: a name, then "Name is ..."."""
    for i in range(start, len(units)):
        name = units[i].text
        if is_name(name) and any(u.text.startswith(name + " ") for u in units[i + 1 : i + 4]):
            return (name,)
    return ()


_ISSUE_PREFIX = re.compile(r"^(?:#|no\.\s*|nr\s*|№\s*)\d{1,4}\s*[|:·–—]\s*(?=\S)", re.IGNORECASE)


def detect_metadata(units: Sequence[Unit], verdict: PageVerdict, raw_lines: Sequence[str] = ()) -> Metadata:
    """What the page says about itself, read from its head and its copyright line."""
    title = "" if verdict.title is None else verdict.trims[verdict.title].text if verdict.title in verdict.trims else units[verdict.title].text
    title = _ISSUE_PREFIX.sub("", title) or title  # a mail's subject: "#118 | Pociągi z Chin ..."
    start, end = verdict.body
    head = range(verdict.title if verdict.title is not None else start, max(start, end + 1 if end < start else start) + 1)
    authors: tuple[str, ...] = ()
    date = ""
    for i in sorted(verdict.bylines) + [i for i in head if i < len(units)]:
        if i == verdict.title:
            continue
        text = units[i].text
        if not authors and (i in verdict.bylines or is_byline(text)):
            authors = _authors(text)
        if not date and i in verdict.bylines:
            date = parse_date(text)
    if not authors:
        authors = _author_box(units, start)
    if not authors:
        authors = _credited(units, start, end)
    authors = tuple(tidy_name(a) for a in authors)
    publisher = ""
    for unit in reversed(units):
        # the source line keeps the runs of spaces between a footer's items ("© Site  Privacy  Cookies")
        on_line = next((raw for raw in (raw_lines[n - 1] for n in unit.lines if n <= len(raw_lines)) if COPYRIGHT.search(raw)), "")
        publisher = copyright_holder(on_line or unit.text)
        if publisher:
            break
    named = self_named(u.text for u in units)
    if named and (not publisher or normalize(publisher) in {normalize(a) for a in authors}):
        publisher = named  # a newsletter written by one person: "© 2026 Olena Marchuk", "Thanks for reading Dnipro Dispatch!"
    if not publisher and verdict.title:
        first = next((i for i in range(verdict.title) if line_verdict(units[i].text) is None), None)
        if first is not None and _SITE_NAME.match(units[first].text) and not ends_sentence(units[first].text):
            publisher = units[first].text
    if is_platform(publisher):  # "Gmail", "Medium": where the page was read, not who publishes it
        publisher = named
    publisher = expand_acronym(publisher, (u.text for u in units)) or publisher  # "BIES": the page spells it out
    return Metadata(title=title, authors=authors, date=date, publisher=tidy_publisher(publisher) if publisher else "", language=verdict.language)
