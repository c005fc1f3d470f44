"""Numbers and dates of a translation against its source (part of the check stage).

Numbers are compared as values, then the *form* of each number in the translation is checked
against the target locale with Babel's CLDR data: digit groups (``1 500`` with a no-break
space in be, ``1.500`` in de; four-digit numbers and years may stay ungrouped), decimal
signs, and a no-break space before ``%``.  Written-out source numbers ("seven years") are never
demanded as digits, and a digit that spells one out in the translation is accepted.  Month
names come from Babel too (every case form: лютага, люты; Februar), and German dates take a
period after the day (``24. Februar``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from pipeline.lang import language
from pipeline.check_text import NBSP, NNBSP, SPACES, THIN, Issue, TextContext, letter_words, mask_identifiers



@dataclass(frozen=True)
class NumberToken:
    """One number as written: its value, its text, whether digit groups were used."""

    value: Decimal
    text: str
    start: int
    grouped: bool
    group_chars: str  # the separators used between digit groups
    percent: str  # "" or the text between the number and a following % ("", " ", NBSP…)
    has_percent: bool


@lru_cache(maxsize=None)
def _number_re(lang: str) -> re.Pattern[str]:
    group = get_group_symbol(locale=lang)
    decimal = get_decimal_symbol(locale=lang)
    groups = {group}
    if group in SPACES or language(lang).space_groups:
        # Space grouping is CLDR's, or accepted too (de: DIN 5008); plain spaces are parsed (then reported).
        groups |= set(SPACES)
    group_class = "[" + re.escape("".join(sorted(groups))) + "]"
    return re.compile(
        rf"(?<![\d{re.escape(decimal)}])(\d{{1,3}}(?:{group_class}\d{{3}})+(?!\d)|\d+)"
        rf"(?:{re.escape(decimal)}(\d+))?"
        rf"(?:([{re.escape(SPACES)}]?)(%))?"
    )


_TIME_RE = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")


def numbers(text: str, lang: str) -> list[NumberToken]:
    """The numbers written with digits in ``text``, parsed with ``lang``'s separators."""
    masked = mask_identifiers(text)
    masked = _TIME_RE.sub(lambda m: m.group(1) + " " * 3 if m.group(2) == "00" else m.group(1) + " " + m.group(2), masked)
    out: list[NumberToken] = []
    for m in _number_re(lang).finditer(masked):
        whole, frac, space, pct = m.group(1), m.group(2), m.group(3) or "", m.group(4)
        digits = "".join(ch for ch in whole if ch.isdigit())
        seps = "".join(sorted({ch for ch in whole if not ch.isdigit()}))
        value = Decimal(digits + ("." + frac.rstrip("0") if frac and frac.rstrip("0") else ""))
        out.append(NumberToken(value, m.group(0), m.start(), bool(seps), seps, space, bool(pct)))
    return out


def _expected_form(token: NumberToken, lang: str) -> str:
    text = format_decimal(token.value, locale=lang, group_separator=token.grouped or token.value >= 10000)
    return text + ((NBSP if language(lang).percent_space else "") + "%" if token.has_percent else "")


def _show(text: str) -> str:
    """Make invisible spaces visible in messages."""
    return text.replace(NBSP, "⍽").replace(NNBSP, "⍽").replace(THIN, "⍽")


def check_numbers(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """Every digit number of the source is in the translation, written the target's way."""
    src = numbers(source, ctx.source_lang)
    tgt = numbers(translation, lang)
    issues: list[Issue] = []
    want = Counter(t.value for t in src)
    have = Counter(t.value for t in tgt)
    missing = want - have
    # A source number copied in English notation ("1,500" or "18.5" in a de/be text) is
    # reported once, with a hint, not again as the pieces the target locale reads into it.
    copied = [t.text for t in src if missing[t.value] > 0 and (t.grouped or "." in t.text) and t.text in translation]
    masked = translation
    for text in copied:
        masked = masked.replace(text, " " * len(text))
    extra = Counter(t.value for t in numbers(masked, lang)) - want
    words = language(ctx.source_lang).number_words
    spelled = {Decimal(v) for w, v in words if re.search(rf"\b{re.escape(w)}\b", source, re.IGNORECASE)}
    for tok in src:
        if missing[tok.value] > 0:
            missing[tok.value] -= 1
            hint = ""
            if tok.text in copied:
                hint = f"; “{tok.text}” is English notation"
            issues.append(Issue("numbers", f"number {tok.text} of the source is missing: expected "
                                f"“{_show(_expected_form(tok, lang))}”{hint}"))
    for value, count in extra.items():
        if value in spelled:
            continue
        issues.append(Issue("numbers", f"number {value} is not in the source", "warning"))
    # The form of each number the translation has.
    plain = " "
    for tok in tgt:
        if plain in tok.group_chars:
            issues.append(Issue("numbers", f"“{tok.text}”: digit groups need a no-break space, not a plain space", "warning"))
        spaced = language(lang).percent_space
        if tok.has_percent and tok.percent == "" and spaced:
            issues.append(Issue("numbers", f"“{tok.text}”: {lang} writes a no-break space before %", "warning"))
        elif tok.has_percent and tok.percent == plain and spaced:
            issues.append(Issue("numbers", f"“{_show(tok.text)}”: use a no-break space before %, not a plain space", "warning"))
        if not tok.grouped and tok.value >= 10000 and tok.value == tok.value.to_integral() and len(tok.text) >= 5:
            issues.append(Issue("numbers", f"“{tok.text}”: group the digits: “{_show(_expected_form(tok, lang))}”", "warning"))
    return issues


_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_EN_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept?", "Oct", "Nov", "Dec")
_MONTH_RE = re.compile(
    r"(?P<day1>\b\d{1,2}(?:st|nd|rd|th)?\s+)?\b(?P<month>" + "|".join(_EN_MONTHS) + "|"
    + "|".join(a + r"\." for a in _EN_MONTH_ABBR) + r")(?![\w])(?P<after>\s+\d{1,4}\b)?"
)


@lru_cache(maxsize=None)
def _month_stems(lang: str) -> tuple[tuple[str, ...], ...]:
    """For each month 1–12, lower-case prefixes any inflected form of its name starts with."""
    loc = Locale.parse(lang)
    stems = []
    for n in range(1, 13):
        forms = {loc.months[ctx]["wide"][n].lower() for ctx in ("format", "stand-alone")}
        forms |= {loc.months[ctx]["abbreviated"][n].lower().rstrip(".") for ctx in ("format", "stand-alone")}
        wide = sorted(f for f in forms if len(f) > 3)
        prefix = wide[0] if wide else sorted(forms)[0]
        for f in wide[1:]:
            while not f.startswith(prefix):
                prefix = prefix[:-1]
        stems.append(tuple(sorted({prefix} | {f for f in forms if len(f) >= len(prefix)})))
    return tuple(stems)


def _source_months(source: str, source_lang: str) -> list[tuple[str, int, str | None]]:
    """(as written, month index 0–11, day or None) of each month named in ``source``.

    English by pattern (the modal "may" and the verb "march" are not months without a day or
    year); another source language by its CLDR month names, or their stems of four letters or
    more (so that no short word passes for a month)."""
    found: list[tuple[str, int, str | None]] = []
    if source_lang.split("-")[0].split("_")[0] == "en":
        for m in _MONTH_RE.finditer(source):
            month = m.group("month")
            if month in ("May", "March") and not (m.group("day1") or m.group("after")):
                continue  # the modal verb "may", the verb "march"
            index = next(i for i, name in enumerate(_EN_MONTHS) if name.startswith(month.rstrip(".")[:3]))
            after = m.group("after")
            found.append((month, index, m.group("day1") or (after if after and len(after.strip()) <= 2 else None)))
        return found
    stems = _month_stems(source_lang)
    for m in re.finditer(r"(?:(?<!\d)(\d{1,2})\.?\s+)?([^\W\d_]+)", source):
        word = m.group(2).lower()
        for index, forms in enumerate(stems):
            base = min(forms, key=len)
            if word in forms or (len(base) >= 4 and word.startswith(base) and len(word) <= len(base) + 5):
                found.append((m.group(2), index, m.group(1)))
                break
    return found


def check_dates(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """A month named in the source is named in the translation; German days take a period."""
    issues: list[Issue] = []
    words = [w.lower().replace("’", "").replace("'", "") for w in letter_words(translation)]
    for month, index, day in _source_months(source, ctx.source_lang):
        stems = _month_stems(lang)[index]
        base = min(stems, key=len)
        want = Locale.parse(lang).months["format"]["wide"][index + 1]
        if not any(w.startswith(base) and len(w) <= len(base) + 5 for w in words):
            issues.append(Issue("dates", f"month “{month}” is missing: expected a form of “{want}”"))
            continue
        if language(lang).day_period and day:
            d = re.sub(r"\D", "", day)
            if re.search(rf"(?<!\d){d}\s+{re.escape(want[:3])}", translation):
                issues.append(Issue("dates", f"{language(lang).name} dates put a period after the day: “{d}. {want}”"))
    return issues
