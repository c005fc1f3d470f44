"""Pure text checks of one translation against its English source.

Each check is a function ``(source, translation, lang, ctx) -> list[Issue]`` with no I/O, so
tests call them directly and :mod:`pipeline.check` runs them over catalog entries.  Facts of
a language (its quotation marks, script, length ratio, words that may be doubled) come from
:mod:`pipeline.lang` (``pipeline/data/lang/<code>.toml`` over Babel's CLDR data), not from
tables typed in here, so a new target language is a data file, or nothing.

Design decisions a reviewer should know (the README of ``pipeline check`` repeats them):

* numbers are compared as values, then the *form* of each number in the translation is
  checked against the target locale (``1 500`` with a no-break space in be, ``1.500`` in de;
  ``3 %`` with a no-break space).  Four-digit numbers may stay ungrouped (``1500``, years).
* written-out numbers in the source ("seven years") are never demanded as digits; a digit in
  the translation that spells out such a word ("7 гадоў") is accepted.
* German quotes: „…“ is the house style; »…« (book typography) is accepted too.  Swiss «…»,
  English “…” and straight "…" are reported.  Belarusian: «…» with „…“ inside.
* the apostrophe ’ is never a quotation mark: German writes "Belarus’ Nachbarn", Belarusian
  "аб’ява".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pipeline.lang import language, length_ratio

if TYPE_CHECKING:
    from pipeline.check_style import HouseStyle


Severity = Literal["error", "warning"]

NBSP = "\u00a0"
NNBSP = "\u202f"
THIN = "\u2009"
SPACES = " " + NBSP + NNBSP + THIN


@dataclass(frozen=True)
class Issue:
    """One problem a check found in one translation (the caller adds path and line)."""

    check: str
    message: str
    severity: Severity = "error"


@dataclass(frozen=True)
class TextContext:
    """What a text check may know beyond the two strings.

    ``vocabulary`` holds words seen in lower case in the catalog's sources: a capitalised
    word that also occurs in lower case is a common word, not a name.  ``invariants`` are
    glossary terms whose target form equals the English one (Chatham House, Foreign Policy).
    ``style`` holds the project's house-style decisions per language (``locales/style.toml``).
    """

    vocabulary: frozenset[str] = frozenset()
    invariants: tuple[str, ...] = ()
    source_lang: str = "en"
    length_ratio: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    style: Mapping[str, HouseStyle] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Spans that other checks must not look into: URLs, e-mail addresses, hashtags, placeholders.

_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>«»“”„\"]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOMAIN_RE = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:org|com|net|eu|by|de|ru|ua|uk|info|io|gov|edu|int)(?:/[^\s«»“”„\"]*)?(?![\w@])",
    re.IGNORECASE,
)
_HASHTAG_RE = re.compile(r"(?<![\w&])#[^\W\d_][\w]*")
# Placeholders as UI strings write them.  No flags for unnamed ones: in prose "3% der" is not
# the printf directive "% d".
_PLACEHOLDER_RE = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGco]|%[sd](?![^\W\d_])|\{[A-Za-z_][\w.]*\}|\{\d*\}")
_TRAILING_URL_PUNCT = ".,;:!?)]}'’"


def _strip_url(url: str) -> str:
    while url and url[-1] in _TRAILING_URL_PUNCT:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def identifiers(text: str) -> list[str]:
    """URLs, e-mail addresses, bare domains and hashtags, which a translation keeps verbatim."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for regex in (_URL_RE, _EMAIL_RE, _DOMAIN_RE, _HASHTAG_RE):
        for m in regex.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            value = _strip_url(m.group()) if regex is not _HASHTAG_RE else m.group()
            taken.append((m.start(), m.start() + len(value)))
            found.append(value)
    return found


def mask_identifiers(text: str) -> str:
    """Replace URLs, e-mails, hashtags and placeholders with spaces of the same length."""
    for value in identifiers(text):
        text = text.replace(value, " " * len(value))
    return _PLACEHOLDER_RE.sub(lambda m: " " * len(m.group()), text)


# ---------------------------------------------------------------------------------------------
# quotation marks and brackets

# A language's quotation marks are its data file's [quotes] (opening mark -> closing mark).
# Anything else that is a double quotation mark (or an English single one) is reported as
# foreign to the target's style.
_ALL_QUOTES = set("«»„“”‟\"‚‘‹›")


def _quote_balance(text: str, style: dict[str, str]) -> tuple[int, list[str]]:
    """Net number of open quotations at the end and the problems met on the way."""
    closers = {v: k for k, v in style.items()}
    stack: list[str] = []
    problems: list[str] = []
    for ch in text:
        if ch in style and ch in closers and stack and stack[-1] == closers[ch]:
            stack.pop()  # symmetric marks such as " close when open
        elif ch in style:
            stack.append(ch)
        elif ch in closers:
            if stack and stack[-1] == closers[ch]:
                stack.pop()
            elif closers[ch] in stack:
                problems.append(f"“{ch}” closes “{closers[ch]}” across another quotation")
                while stack and stack.pop() != closers[ch]:
                    pass
            else:
                stack.append(ch)  # a closer with nothing open: a quotation begun earlier
    return len(stack), problems


def _source_quote_balance(source: str) -> int:
    """Open minus closed quotations of an English source (0 unless a sentence was split).

    ’ is an apostrophe between letters (Russia’s) and after s or z when no ‘ is open (Belarus’
    neighbour, students’ rights); otherwise it closes a ‘…’ quotation (‘crimes’, or one opened
    in the previous segment).
    """
    balance = 0
    single = 0
    for i, ch in enumerate(source):
        if ch in "“«„":
            balance += 1
        elif ch in "”»":
            balance -= 1
        elif ch == "‘":
            single += 1
        elif ch == "’":
            prev = source[i - 1] if i else " "
            nxt = source[i + 1] if i + 1 < len(source) else " "
            if prev.isalpha() and nxt.isalpha():
                continue
            if single > 0:
                single -= 1
            elif prev not in "sSzZ":
                single -= 1  # a closing ’ of a quotation opened in an earlier segment
    return balance + single + (source.count('"') % 2)


def check_quotes(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """Quotation marks are the target's and are balanced as in the source."""
    quotes = language(lang).quotes
    style = quotes.pairs
    if not style or quotes.primary is None:
        return []  # a language without quotation data: nothing to hold the marks to
    allowed = set(style) | set(style.values())
    issues: list[Issue] = []
    foreign = sorted({ch for ch in translation if ch in _ALL_QUOTES and ch not in allowed})
    if foreign:
        issues.append(Issue("quotes", f"quotation mark{'s' if len(foreign) > 1 else ''} "
                            f"{' '.join(foreign)} not in {lang} style: use {quotes.shown}"))
        return issues
    first = next((ch for ch in translation if ch in "«»"), "")
    if first and first in quotes.not_first:
        closer = style.get(first) or next((o for o, c in style.items() if c == first), "")
        return [Issue("quotes", f"{first}…{closer or first} is not {language(lang).name} style: use {quotes.shown}")]
    also = [o for o, _ in quotes.also if o != quotes.primary[0] and o not in (quotes.secondary or ())]
    mixed = [o for o in also if o in translation and o not in "‚‘‹›'"]
    if quotes.primary[0] in translation and mixed:
        issues.append(Issue("quotes", f"mixes {quotes.primary[0]}…{quotes.primary[1]} and {mixed[0]}…{style[mixed[0]]} "
                            "in one string; pick one", "warning"))
    open_count, problems = _quote_balance(translation, style)
    issues.extend(Issue("quotes", p) for p in problems)
    src_open = abs(_source_quote_balance(source))
    if open_count != src_open and not problems:
        if src_open == 0:
            issues.append(Issue("quotes", "unbalanced quotation marks"))
        else:
            issues.append(Issue("quotes", f"the source leaves {src_open} quotation open (split sentence); "
                                f"the translation leaves {open_count}"))
    src_quoted = bool(re.search(r"[“”«»„\"]|(?<![^\W\d_])‘", source))
    if src_quoted and not any(ch in translation for ch in allowed):
        issues.append(Issue("quotes", "the source quotes but the translation has no quotation marks", "warning"))
    return issues


_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def _bracket_state(text: str) -> tuple[tuple[int, int, int], bool]:
    depth = {o: 0 for o in _BRACKETS}
    crossed = False
    stack: list[str] = []
    for ch in _PLACEHOLDER_RE.sub("", text):
        if ch in _BRACKETS:
            depth[ch] += 1
            stack.append(ch)
        elif ch in _BRACKETS.values():
            opener = next(o for o, c in _BRACKETS.items() if c == ch)
            depth[opener] -= 1
            if stack and stack[-1] != opener:
                crossed = True
            if stack and stack[-1] == opener:
                stack.pop()
    return (depth["("], depth["["], depth["{"]), crossed


def check_brackets(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """Brackets are balanced in the translation exactly as in the source."""
    src, _ = _bracket_state(source)
    tgt, crossed = _bracket_state(translation)
    issues = []
    for (o, c), s, t in zip(_BRACKETS.items(), src, tgt):
        if s != t:
            what = f"{t} more “{o}” than “{c}”" if t > 0 else f"{-t} more “{c}” than “{o}”" if t < 0 else "balanced"
            issues.append(Issue("brackets", f"brackets {o}{c}: translation has {what}, source has "
                                f"{'balanced' if s == 0 else s}"))
    if crossed and not issues:
        issues.append(Issue("brackets", "brackets are interleaved, e.g. ( [ ) ]"))
    return issues


# ---------------------------------------------------------------------------------------------
# sentence-end punctuation

_CLOSERS = "\"'”’»«“)]}*"


def end_mark(text: str) -> str:
    """The sentence-final mark (. ? ! : ; …) ignoring closing quotes and brackets, or ""."""
    t = text.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1].rstrip()
    if t.endswith("...") or t.endswith("…"):
        return "…"
    return t[-1] if t and t[-1] in ".?!:;" else ""


_MARK_NAMES = {"": "no punctuation", ".": "“.”", "?": "“?”", "!": "“!”", ":": "“:”", ";": "“;”", "…": "“…”"}


def check_punctuation(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """The translation ends a sentence (or not) the way the source does."""
    s, t = end_mark(source), end_mark(translation)
    if s == t:
        return []
    # An English abbreviation at the very end ("5 a.m.", "Washington, D.C.") need not end the
    # translation with a period; the translation may end with one anyway.
    if s == "." and re.search(r"\b(?:[a-zA-Z]\.){2,}\s*$|\b(?:etc|Inc|Ltd|Jr|Sr|St)\.\s*$", source.rstrip(_CLOSERS + " ")):
        return []
    return [Issue("punctuation", f"source ends with {_MARK_NAMES[s]}, translation with {_MARK_NAMES[t]}")]


# ---------------------------------------------------------------------------------------------
# URLs, e-mail addresses, hashtags

def check_urls(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """URLs, e-mail addresses, domains and hashtags of the source appear unchanged."""
    have = Counter(identifiers(translation))
    issues = []
    for ident in identifiers(source):
        if have[ident] > 0:
            have[ident] -= 1
            continue
        kind = "e-mail address" if "@" in ident else "hashtag" if ident.startswith("#") else "URL"
        issues.append(Issue("urls", f"{kind} “{ident}” is missing or changed"))
    src_set = set(identifiers(source))
    for ident, n in have.items():
        if n > 0 and ident not in src_set and "@" not in ident and not ident.startswith("#"):
            issues.append(Issue("urls", f"URL “{ident}” is not in the source", "warning"))
    return issues


# ---------------------------------------------------------------------------------------------
# spacing

_WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*")
# Words that are correct when doubled at the start of a clause: a relative pronoun or a
# subordinate clause's subject followed by an article or object ("Bürger, die die Ukraine
# unterstützen", "ein Referendum, das das Konzept ändert", "wenn sie sie sehen").
# The words of each language are its data file's [spacing] doubled and clause_start.


def _doubled(text: str, lang: str) -> list[str]:
    found = []
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    for k, ((a, start_a, end_a), (b, start_b, _)) in enumerate(zip(words, words[1:])):
        between = text[end_a:start_b]
        if a.lower() == b.lower() and between.strip(SPACES) == "" and not a.isdigit():
            facts = language(lang)
            if a.lower() in facts.doubled_ok:
                before = text[:start_a].rstrip(SPACES)
                if before.endswith(",") or (k and words[k - 1][0].lower() in facts.clause_start):
                    continue
            found.append(a)
    return found


def check_spacing(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """Double spaces, doubled words, space before punctuation, edge whitespace as in source."""
    issues: list[Issue] = []
    lead_s = source[: len(source) - len(source.lstrip())]
    lead_t = translation[: len(translation) - len(translation.lstrip())]
    trail_s = source[len(source.rstrip()):]
    trail_t = translation[len(translation.rstrip()):]
    if lead_s != lead_t:
        issues.append(Issue("spacing", f"leading whitespace {lead_t!r} differs from the source's {lead_s!r}"))
    if trail_s != trail_t:
        issues.append(Issue("spacing", f"trailing whitespace {trail_t!r} differs from the source's {trail_s!r}"))
    inner_t = translation.strip()
    if len(re.findall(r"[ \u00a0\u202f]{2,}", inner_t)) > len(re.findall(r"[ \u00a0\u202f]{2,}", source.strip())):
        issues.append(Issue("spacing", "double space"))
    src_doubled = {w.lower() for w in _doubled(source, ctx.source_lang)}
    for word in _doubled(translation, lang):
        if word.lower() not in src_doubled:
            issues.append(Issue("spacing", f"doubled word “{word} {word}”", "warning"))
    if re.search(r"[^\W_][ \u00a0\u202f]+[,.;:!?](?=\s|$)", translation) and not re.search(r"\w\s+[,.;:!?](?=\s|$)", source):
        issues.append(Issue("spacing", "space before punctuation", "warning"))
    return issues


# ---------------------------------------------------------------------------------------------
# untranslated copies

_COPYRIGHT_RE = re.compile(r"\(c\)|©", re.IGNORECASE)


def is_invariant(source: str, ctx: TextContext) -> bool:
    """True if ``source`` may legitimately stay the same in a translation.

    Allowed: text without letters (numbers, URLs, symbols); text made only of glossary terms
    kept unchanged in the target (Chatham House, Foreign Policy) plus numbers/punctuation; and
    short name-like text: at most five words, all capitalised, none of which occurs in lower
    case elsewhere in the catalog's sources, and no sentence punctuation.  So "Yarik Kryvoi" and
    "(c) Foreign Policy, 2022" pass, while the headline "Belarus Must Support Ukraine" does not
    ("must" and "support" are common words of the catalog).
    """
    text = _COPYRIGHT_RE.sub(" ", mask_identifiers(source))
    for term in sorted(ctx.invariants, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", text)
    words = letter_words(text)
    if not words:
        return True
    if len(words) > 5 or re.search(r"[.?!:;…]\s*$", text.strip()) and not text.strip().endswith("."):
        return False
    return all(w[0].isupper() and w.lower() not in ctx.vocabulary for w in words)


def check_untranslated(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """The translation is a copy of the source, and the source is not a name or a number."""
    if translation.strip() != source.strip() or is_invariant(source, ctx):
        return []
    return [Issue("untranslated", "translation is a copy of the source")]


# ---------------------------------------------------------------------------------------------
# script: Latin letters in Cyrillic words (the Latin i typed for Belarusian і), stray words

_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _foreign_letters(word: str, script: str) -> str:
    other = _LATIN if script == "Cyrillic" else _CYRILLIC
    return "".join(dict.fromkeys(other.findall(word)))


def check_script(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """No word mixes Cyrillic and Latin letters; no word of the wrong script that is not a
    name kept from the source (a likely untranslated fragment)."""
    script = language(lang).script
    if script not in ("Cyrillic", "Latin") or translation.strip() == source.strip():
        return []  # a verbatim copy is the untranslated check's business
    text = mask_identifiers(translation)
    for term in sorted(ctx.invariants, key=len, reverse=True):
        text = text.replace(term, " " * len(term))
    issues: list[Issue] = []
    foreign: list[str] = []
    for m in _WORD_RE.finditer(text):
        for part in re.split(r"[-'’ʼ]", m.group()):
            has_cyr, has_lat = bool(_CYRILLIC.search(part)), bool(_LATIN.search(part))
            if has_cyr and has_lat:
                letters = _foreign_letters(part, script)
                other = "Latin" if script == "Cyrillic" else "Cyrillic"
                issues.append(Issue("script", f"“{part}” mixes scripts: {other} {' '.join(letters)} "
                                    f"in a {script} word" if letters else f"“{part}” mixes Cyrillic and Latin letters"))
            elif (has_lat and script == "Cyrillic") or (has_cyr and script == "Latin"):
                # Names kept in their own script (Chatham House, Virginia Mayo) start with a
                # capital or are acronyms and occur in the source; a lower-case word is text.
                if part[:1].islower() and len(part) > 2:
                    foreign.append(part)
                elif not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", source):
                    foreign.append(part)
    if foreign:
        shown = ", ".join(f"“{w}”" for w in dict.fromkeys(foreign))
        issues.append(Issue("script", f"{'Latin' if script == 'Cyrillic' else 'Cyrillic'} word{'s' if len(foreign) > 1 else ''} "
                            f"{shown} in a {lang} translation: left untranslated?", "warning"))
    return issues


# ---------------------------------------------------------------------------------------------
# length ratio

# (typical ratio len(translation)/len(source), lowest and highest plausible ratio): each
# language's [length] ratio to English (measured on the project's human translations; see
# pipeline/data/lang/be.toml), combined for the pair by pipeline.lang.length_ratio.  The bounds
# sit about 3.5 sd out: they catch a half-missing or doubled translation, not style.
_SHORT_SLACK = 5  # characters of tolerance, which dominates for short strings


def check_length(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """The translation's length is an outlier for the language pair."""
    typical, low, high = ctx.length_ratio.get(lang) or length_ratio(ctx.source_lang, lang) or (1.0, 0.5, 2.2)
    n_src = len(source.strip())
    n_tgt = len(translation.strip())
    if n_src == 0:
        return []
    if n_tgt > high * n_src + _SHORT_SLACK:
        return [Issue("length", f"translation is {n_tgt / n_src:.1f}× the source's length "
                      f"({n_tgt} vs {n_src} characters; {lang} is typically {typical:.1f}×)", "warning")]
    if n_tgt < low * n_src - _SHORT_SLACK:
        return [Issue("length", f"translation is only {n_tgt / n_src:.1f}× the source's length "
                      f"({n_tgt} vs {n_src} characters; {lang} is typically {typical:.1f}×): something left out?", "warning")]
    return []


def letter_words(text: str) -> list[str]:
    """The words of ``text`` made of letters (with inner apostrophes), no digits."""
    return re.findall(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*", text)
