"""Facts about languages, as data: ``pipeline/data/lang/<code>.toml`` over Babel's CLDR data.

Every module that needs to know something about a language asks :func:`language` for its
:class:`Language`; none keeps a table of its own.  A data file says what CLDR does not (or what
must not change with a Babel upgrade, such as the pinned Plural-Forms of a catalog header);
Babel fills in the rest (the plural rule, the script, the language's name, number symbols and
month names, which :mod:`pipeline.check_numbers` asks Babel for directly).  So a language
without a data file works: it gets CLDR's plural forms and script and no checks that need facts
only a file gives (quotation style, one-letter words, stemming, titles).

The schema, every key optional (an unknown key or a value of the wrong type is an error naming
the file, line and key)::

    script = "Cyrillic"                  # Latin / Cyrillic / ...; default: CLDR's likely script
    [plural]  forms = "nplurals=3; plural=(...);"   # the pinned gettext Plural-Forms
    [quotes]  primary = ["«", "»"]        # opening and closing mark
              secondary = ["„", "“"]      # a quotation inside a quotation
              also = [["»", "«"]]         # pairs accepted too (not mixed with primary in a string)
              not_first = ["«"]           # marks a string may not open with (de: Swiss «…»)
    [numbers] space_groups = true        # digit groups may be spaces besides CLDR's sign
              percent_space = true       # a no-break space before % (default: CLDR's pattern)
              words = { seven = 7 }      # spelled-out numbers of a source text
    [dates]   day_period = true          # "24. Februar"
              styles = { name = 'regex' }  # the date styles a catalog must not mix
    [typeset] one_letter_words = ["у", "з"]  # joined to the next word in the PDF
    [nbsp]    after_number = ["км"]      # bound to a preceding number with a no-break space
              after_number_stems = ["мільён"]   # ... and every word beginning so
              day_month = true           # between day and month
    [titles]  pairs = [["аўтар", "аўтарка"]]    # [masculine, feminine]
              masculine_endings = ["", "а"]
              compounds = true           # titles end compounds (Oppositionsführerin)
    [glossary] strip_letters = "аяо"     # stem: strip a run of these letters from the end
              strip_suffixes = ["en", "e"]  # or the first of these that leaves four letters
              fold = { "ў" = "у" }       # letters compared as another
              max_suffix = 5             # letters an inflected form may add to the stem
    [spacing] doubled = ["die"]          # words that may stand twice in a row
              clause_start = ["dass"]    # ... after a comma or one of these
    [length]  ratio = [0.97, 0.55, 1.6]  # len(translation)/len(English): typical, low, high
    [merge]   negations = ["не", "ні"]   # a changed negation makes an edit fuzzy
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import tomlfile
from pipeline.errors import PipelineError, SourceError

DATA_DIR = Path(__file__).with_name("data") / "lang"
_SHOWN_DIR = "pipeline/data/lang"


class LanguageError(PipelineError):
    """A language code that neither a data file nor Babel's CLDR data knows."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


Pair = tuple[str, str]


@dataclass(frozen=True)
class Quotes:
    """A language's quotation marks; ``pairs`` maps each accepted opening mark to its closer."""

    primary: Pair | None = None
    secondary: Pair | None = None
    also: tuple[Pair, ...] = ()
    not_first: tuple[str, ...] = ()

    @property
    def pairs(self) -> dict[str, str]:
        return dict(p for p in (self.primary, self.secondary, *self.also) if p is not None)

    @property
    def shown(self) -> str:
        """The style for a message: «…» („…“ inside; »…« also accepted)."""
        if self.primary is None:
            return ""
        notes = [f"{self.secondary[0]}…{self.secondary[1]} inside"] if self.secondary else []
        doubles = [f"{o}…{c}" for o, c in self.also if o not in "‚‘‹›'"]
        if doubles:
            notes.append(f"{', '.join(doubles)} also accepted")
        text = f"{self.primary[0]}…{self.primary[1]}"
        return f"{text} ({'; '.join(notes)})" if notes else text


@dataclass(frozen=True)
class Language:
    """What the pipeline knows about one language (its data file, then Babel)."""

    code: str
    name: str  # in English, from CLDR ("Belarusian")
    script: str  # "Latin", "Cyrillic", ... ("" if CLDR does not say)
    plural_forms: str  # the Plural-Forms header value
    nplurals: int
    data_file: str = ""  # the file it was read from, "" if none
    quotes: Quotes = Quotes()
    space_groups: bool = False
    percent_space: bool = False
    number_words: tuple[tuple[str, int], ...] = ()
    day_period: bool = False
    date_styles: tuple[tuple[str, re.Pattern[str]], ...] = ()
    one_letter_words: tuple[str, ...] = ()
    after_number: tuple[str, ...] = ()
    after_number_stems: tuple[str, ...] = ()
    day_month: bool = False
    title_pairs: tuple[Pair, ...] = ()
    masculine_endings: tuple[str, ...] = ("",)
    title_compounds: bool = False
    strip_letters: str = ""
    strip_suffixes: tuple[str, ...] = ()
    fold: tuple[Pair, ...] = ()
    max_suffix: int = 3
    doubled_ok: frozenset[str] = frozenset()
    clause_start: frozenset[str] = frozenset()
    length_ratio: tuple[float, float, float] | None = None
    negations: frozenset[str] = frozenset()

    def fold_text(self, text: str) -> str:
        """``text`` case-folded with the language's letter equivalences (ў → у)."""
        text = text.casefold()
        for a, b in self.fold:
            text = text.replace(a, b)
        return text


# --------------------------------------------------------------------------------- validation

# The schema: table -> key -> (checker, description).  "" is the top level.
_Check = Callable[[Any], bool]


def _strs(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _pair(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) and x for x in v)


_SCHEMA: dict[str, dict[str, tuple[_Check, str]]] = {
    "": {"script": (lambda v: isinstance(v, str) and bool(v), "a script name")},
    "plural": {"forms": (lambda v: isinstance(v, str) and bool(re.fullmatch(r"\s*nplurals\s*=\s*\d+\s*;\s*plural\s*=.+;?\s*", v)),
                         'a Plural-Forms value "nplurals=N; plural=EXPR;"')},
    "quotes": {
        "primary": (_pair, "a pair of quotation marks"),
        "secondary": (_pair, "a pair of quotation marks"),
        "also": (lambda v: isinstance(v, list) and all(_pair(p) for p in v), "a list of pairs of quotation marks"),
        "not_first": (_strs, "a list of strings"),
    },
    "numbers": {
        "space_groups": (lambda v: isinstance(v, bool), "true or false"),
        "percent_space": (lambda v: isinstance(v, bool), "true or false"),
        "words": (lambda v: isinstance(v, dict) and all(isinstance(x, int) and not isinstance(x, bool) for x in v.values()),
                  "a table of words and whole numbers"),
    },
    "dates": {
        "day_period": (lambda v: isinstance(v, bool), "true or false"),
        "styles": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
                   "a table of style names and regular expressions"),
    },
    "typeset": {"one_letter_words": (_strs, "a list of strings")},
    "nbsp": {
        "after_number": (_strs, "a list of strings"),
        "after_number_stems": (_strs, "a list of strings"),
        "day_month": (lambda v: isinstance(v, bool), "true or false"),
    },
    "titles": {
        "pairs": (lambda v: isinstance(v, list) and all(_pair(p) for p in v), "a list of [masculine, feminine] pairs"),
        "masculine_endings": (_strs, "a list of strings"),
        "compounds": (lambda v: isinstance(v, bool), "true or false"),
    },
    "glossary": {
        "strip_letters": (lambda v: isinstance(v, str), "a string of letters"),
        "strip_suffixes": (_strs, "a list of strings"),
        "fold": (lambda v: isinstance(v, dict) and all(isinstance(x, str) and len(k) == 1 for k, x in v.items()),
                 "a table of single letters and their replacements"),
        "max_suffix": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 20, "a whole number 0–20"),
    },
    "spacing": {"doubled": (_strs, "a list of strings"), "clause_start": (_strs, "a list of strings")},
    "length": {"ratio": (lambda v: isinstance(v, list) and len(v) == 3 and all(
        isinstance(x, (int, float)) and not isinstance(x, bool) and x > 0 for x in v) and v[1] <= v[0] <= v[2],
        "[typical, lowest, highest], positive, lowest ≤ typical ≤ highest")},
    "merge": {"negations": (_strs, "a list of strings")},
}


def plural_problem(forms: str) -> str | None:
    """What is wrong with a Plural-Forms value (as GNU gettext would evaluate it), or None."""
    import gettext

    n = _nplurals(forms)
    expr = re.search(r"plural\s*=\s*(.+?);?\s*$", forms)
    try:
        rule = gettext.c2py(expr.group(1) if expr else "")
    except (ValueError, SyntaxError, RecursionError):
        return "not a C plural expression"
    for count in range(0, 1001):
        index = rule(count)
        if not 0 <= index < n:
            return f"the rule gives form {index} for n={count}, but nplurals={n}"
    return None


def _key_line(lines: list[str], table: str, key: str) -> int | None:
    """The line (1-based) where ``key`` of ``table`` is defined, or the table's header."""
    current = ""
    header_line = None
    for i, line in enumerate(lines, 1):
        head = re.match(r"\s*\[\s*([\w.-]+)\s*\]", line)
        if head:
            current = head.group(1)
            if current == table and not key:
                return i
            if current == table:
                header_line = i
            continue
        if current == table and key and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return i
    return header_line


def _validated(path: Path, shown: str) -> dict[str, dict[str, Any]]:
    """The data file at ``path`` as {table: {key: value}} ("" = top level), checked strictly."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(shown, None, f"not UTF-8: {exc.reason}") from None
    data = tomlfile.parse(text, shown)  # the project's one TOML reader: path:line:col and the line
    lines = text.splitlines()

    def fail(table: str, key: str, message: str) -> SourceError:
        name = f"{table}.{key}" if table and key else table or key
        line = _key_line(lines, table, key)
        return SourceError(shown, line, f"{name}: {message}", line_text=lines[line - 1] if line else None)

    out: dict[str, dict[str, Any]] = {"": {}}
    for name, value in data.items():
        if isinstance(value, dict):
            if name not in _SCHEMA or not name:
                raise fail(name, "", "unknown table")
            out[name] = value
        else:
            out[""][name] = value
    for table, values in out.items():
        for key, value in values.items():
            spec = _SCHEMA[table].get(key)
            if spec is None:
                raise fail(table, key, "unknown key")
            check, wanted = spec
            if not check(value):
                raise fail(table, key, f"expected {wanted}")
    forms = out.get("plural", {}).get("forms")
    if forms is not None:
        problem = plural_problem(forms)
        if problem:
            raise fail("plural", "forms", problem)
    for key, pattern in out.get("dates", {}).get("styles", {}).items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail("dates", "styles", f"style {key!r}: bad regular expression: {exc}") from None
    return out


# --------------------------------------------------------------------------------- Babel

def _babel_locale(code: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def unknown_reason(code: str) -> str | None:
    """Why ``code`` is not a language the pipeline can work in, or None if it is."""
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", code):
        return f"{code!r} is not a language code (such as 'pl' or 'de-AT')"
    if _babel_locale(code) is None:
        return f"unknown language code {code!r}: CLDR (Babel) has no data for it"
    return None


def _babel_script(code: str) -> str:
    from babel import Locale
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code.replace("-", "_").split("_")[0], "")
    parts = str(likely).split("_")
    script = parts[1] if len(parts) > 2 else ""
    return str(Locale.parse("en").scripts.get(script, script)) if script else ""


def _babel_plural_forms(code: str) -> str:
    from babel.messages.plurals import get_plural

    forms: str = get_plural(code.replace("-", "_")).plural_forms
    return forms


def _babel_percent_space(locale: Any) -> bool:
    pattern = str(locale.percent_formats[None].pattern)
    return bool(re.search(r"[\s\u00a0\u202f]%", pattern))


def _nplurals(forms: str) -> int:
    m = re.search(r"nplurals\s*=\s*(\d+)", forms)
    return int(m.group(1)) if m else 2


# --------------------------------------------------------------------------------- loading

def data_file(code: str) -> Path | None:
    """The data file for ``code`` (``de-AT`` falls back to ``de``), or None."""
    for candidate in dict.fromkeys((code, code.replace("_", "-"), re.split(r"[-_]", code)[0])):
        path = DATA_DIR / f"{candidate}.toml"
        if path.is_file():
            return path
    return None


def load_language(code: str, path: Path | None = None, *, shown: str | None = None) -> Language:
    """The :class:`Language` for ``code`` from the data file ``path`` (default: its own, if any)
    over Babel.  Raises :class:`LanguageError` for a code Babel does not know and
    :class:`SourceError` (file, line, key) for a bad data file."""
    reason = unknown_reason(code)
    if reason is not None:
        raise LanguageError(code, reason)
    locale = _babel_locale(code)
    path = path if path is not None else data_file(code)
    d: dict[str, dict[str, Any]] = {"": {}}
    if path is not None:
        d = _validated(path, shown or f"{_SHOWN_DIR}/{path.name}")

    def get(table: str, key: str, default: Any) -> Any:
        return d.get(table, {}).get(key, default)

    forms = get("plural", "forms", None) or _babel_plural_forms(code)
    quotes = Quotes(
        primary=tuple(get("quotes", "primary", ())) or None,
        secondary=tuple(get("quotes", "secondary", ())) or None,
        also=tuple((o, c) for o, c in get("quotes", "also", [])),
        not_first=tuple(get("quotes", "not_first", [])),
    )
    ratio = get("length", "ratio", None)
    return Language(
        code=code,
        name=str(locale.english_name or code),
        script=get("", "script", None) or _babel_script(code),
        plural_forms=forms,
        nplurals=_nplurals(forms),
        data_file=shown or (f"{_SHOWN_DIR}/{path.name}" if path is not None else ""),
        quotes=quotes,
        space_groups=get("numbers", "space_groups", False),
        percent_space=get("numbers", "percent_space", _babel_percent_space(locale)),
        number_words=tuple(get("numbers", "words", {}).items()),
        day_period=get("dates", "day_period", False),
        date_styles=tuple((name, re.compile(p)) for name, p in get("dates", "styles", {}).items()),
        one_letter_words=tuple(get("typeset", "one_letter_words", [])),
        after_number=tuple(get("nbsp", "after_number", [])),
        after_number_stems=tuple(get("nbsp", "after_number_stems", [])),
        day_month=get("nbsp", "day_month", False),
        title_pairs=tuple((m, f) for m, f in get("titles", "pairs", [])),
        masculine_endings=tuple(get("titles", "masculine_endings", [""])),
        title_compounds=get("titles", "compounds", False),
        strip_letters=get("glossary", "strip_letters", ""),
        strip_suffixes=tuple(get("glossary", "strip_suffixes", [])),
        fold=tuple(get("glossary", "fold", {}).items()),
        max_suffix=get("glossary", "max_suffix", 3),
        doubled_ok=frozenset(w.lower() for w in get("spacing", "doubled", [])),
        clause_start=frozenset(w.lower() for w in get("spacing", "clause_start", [])),
        length_ratio=(float(ratio[0]), float(ratio[1]), float(ratio[2])) if ratio else None,
        negations=frozenset(w.lower() for w in get("merge", "negations", [])),
    )


@cache
def language(code: str) -> Language:
    """The facts of ``code`` (cached): its data file over Babel."""
    return load_language(code)


def data_codes() -> tuple[str, ...]:
    """The languages that have a data file, sorted."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml")))


@cache
def all_negations() -> frozenset[str]:
    """Every negation word of every language with a data file (the merge compares msgids of
    any source language)."""
    out: set[str] = set()
    for code in data_codes():
        out |= language(code).negations
    return frozenset(out)


def length_ratio(source: str, target: str) -> tuple[float, float, float] | None:
    """(typical, lowest, highest) len(translation)/len(source) for the pair, from the
    languages' ratios to English; None if a language has none."""
    same = (1.0, 1.0, 1.0)
    tgt = same if target == "en" else language(target).length_ratio
    src = same if source == "en" else language(source).length_ratio
    if tgt is None or src is None or source == target:
        return None
    # The spread of the pair is the wider of the two languages' spreads around English.
    low = min(tgt[1] / tgt[0], src[0] / src[2])
    high = max(tgt[2] / tgt[0], src[0] / src[1])
    typical = tgt[0] / src[0]
    return typical, typical * low, typical * high


def display_name(code: str, reader: str) -> str:
    """The name of language ``code`` in language ``reader`` (CLDR), e.g. ("en", "pl") → angielski."""
    locale = _babel_locale(code)
    shown = _babel_locale(reader)
    if locale is None or shown is None:
        return code
    return str(locale.get_display_name(shown) or code)

